"""Hand-built code models, one per kind of repository, for the plan, writer, verifier and publisher.

Each factory returns what analysis would produce for a small repository: files with line
counts, modules with symbols and imports, components, and framework facts with locations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from codedoc.analyze.insights import compute_insights
from codedoc.model import (
    CodeModel,
    Command,
    CommandParameter,
    Component,
    DataModel,
    Dependency,
    EntryPoint,
    FileCategory,
    Import,
    ImportKind,
    Language,
    LanguageStat,
    Location,
    ModelField,
    Module,
    Parameter,
    ProjectKind,
    Relation,
    Repository,
    Route,
    Setting,
    SourceFile,
    Symbol,
    SymbolKind,
    Task,
    Visibility,
)

_EXTENSIONS = {
    ".py": Language.PYTHON,
    ".ts": Language.TYPESCRIPT,
    ".js": Language.JAVASCRIPT,
    ".go": Language.GO,
    ".md": Language.MARKDOWN,
    ".toml": Language.TOML,
    ".json": Language.JSON,
    ".yml": Language.YAML,
    ".mod": Language.TEXT,
}


def loc(path: str, start: int, end: int | None = None) -> Location:
    return Location(path, start, end if end is not None else start)


def fn(
    path: str,
    name: str,
    line: int,
    *,
    end: int | None = None,
    doc: str | None = None,
    params: Iterable[Parameter] = (),
    returns: str | None = None,
    parent: str | None = None,
    signature: str | None = None,
    visibility: Visibility = Visibility.PUBLIC,
    decorators: tuple[str, ...] = (),
    complexity: int = 1,
) -> Symbol:
    qualname = f"{parent}.{name}" if parent else name
    params = tuple(params)
    if signature is None:
        rendered = ", ".join(
            p.name + (f": {p.annotation}" if p.annotation else "") + (f" = {p.default}" if p.default else "")
            for p in params
        )
        signature = f"def {name}({rendered})" + (f" -> {returns}" if returns else "")
    return Symbol(
        kind=SymbolKind.METHOD if parent else SymbolKind.FUNCTION,
        name=name,
        qualname=qualname,
        location=loc(path, line, end or line + 2),
        signature=signature,
        parameters=params,
        returns=returns,
        docstring=doc,
        parent=parent,
        visibility=visibility,
        decorators=decorators,
        complexity=complexity,
    )


def cls(
    path: str,
    name: str,
    line: int,
    *,
    end: int | None = None,
    doc: str | None = None,
    bases: tuple[str, ...] = (),
    kind: SymbolKind = SymbolKind.CLASS,
    signature: str | None = None,
    visibility: Visibility = Visibility.PUBLIC,
) -> Symbol:
    written = f"({', '.join(bases)})" if bases else ""
    return Symbol(
        kind=kind,
        name=name,
        qualname=name,
        location=loc(path, line, end or line + 5),
        signature=signature or f"class {name}{written}",
        docstring=doc,
        bases=bases,
        visibility=visibility,
    )


def const(path: str, name: str, line: int, value: str) -> Symbol:
    return Symbol(
        kind=SymbolKind.CONSTANT,
        name=name,
        qualname=name,
        location=loc(path, line),
        signature=f"{name} = {value}",
        value=value,
    )


def param(
    name: str, annotation: str | None = None, default: str | None = None, kind: str = "positional_or_keyword"
) -> Parameter:
    return Parameter(name=name, annotation=annotation, default=default, kind=kind)


def internal(module: str, target: str, line: int, *names: str) -> Import:
    return Import(module=module, kind=ImportKind.INTERNAL, line=line, names=names, target=target)


def external(module: str, line: int, *names: str) -> Import:
    return Import(module=module, kind=ImportKind.EXTERNAL, line=line, names=names, target=module.split(".")[0])


def source_file(path: str, lines: int, category: FileCategory | None = None) -> SourceFile:
    suffix = "." + path.rsplit(".", 1)[-1] if "." in path else ""
    language = _EXTENSIONS.get(suffix, Language.OTHER)
    if category is None and (path.startswith("tests/") or "/test_" in path or path.startswith("test_")):
        category = FileCategory.TEST
    if category is None:
        category = (
            FileCategory.CODE
            if language in (Language.PYTHON, Language.TYPESCRIPT, Language.JAVASCRIPT, Language.GO)
            else FileCategory.CONFIG
        )
        if language is Language.MARKDOWN:
            category = FileCategory.DOCS
    return SourceFile(
        path=path, language=language, category=category, size=lines * 30, line_count=lines, sha256="0" * 64
    )


def component(name: str, path: str, modules: Iterable[Module], **kwargs: object) -> Component:
    members = tuple(modules)
    return Component(
        name=name,
        path=path,
        modules=tuple(m.path for m in members),
        languages=tuple(sorted({m.language for m in members})),
        line_count=sum(m.line_count for m in members),
        **kwargs,  # type: ignore[arg-type]
    )


def assemble(
    repository: Repository,
    modules: list[Module],
    extra_files: dict[str, tuple[int, FileCategory | None]],
    **facts: object,
) -> CodeModel:
    """A model whose files are the modules' files plus `extra_files`, with language statistics."""
    files = [source_file(m.path, m.line_count) for m in modules]
    files += [source_file(path, lines, category) for path, (lines, category) in extra_files.items()]
    files.sort(key=lambda f: f.path)
    stats: dict[Language, list[int]] = {}
    for f in files:
        stat = stats.setdefault(f.language, [0, 0])
        stat[0] += 1
        stat[1] += f.line_count
    languages = tuple(
        LanguageStat(language, count, lines)
        for language, (count, lines) in sorted(stats.items(), key=lambda item: (-item[1][1], item[0]))
    )
    from dataclasses import replace

    return CodeModel(
        repository=replace(repository, files=tuple(files), languages=languages),
        modules=tuple(modules),
        **facts,  # type: ignore[arg-type]
    )


# -- a Python library ----------------------------------------------------------------------------

TINYHTTP_README = """\
# tinyhttp

[![CI](https://example.com/badge.svg)](https://example.com/ci)

A tiny HTTP client library for people who like **small** things.

## Install

    pip install tinyhttp
"""


def python_library(*, source_url: str | None = None, commit_sha: str | None = None) -> CodeModel:
    init = Module(
        path="src/tinyhttp/__init__.py",
        name="tinyhttp",
        language=Language.PYTHON,
        docstring="A tiny HTTP client.",
        imports=(
            internal("tinyhttp.client", "src/tinyhttp/client.py", 3, "Client", "get"),
            internal("tinyhttp.errors", "src/tinyhttp/errors.py", 4, "HTTPError"),
            internal("tinyhttp._retry", "src/tinyhttp/_retry.py", 5, "Retry"),
        ),
        exports=("Client", "HTTPError", "Retry", "get"),
        is_package=True,
        line_count=8,
    )
    client_path = "src/tinyhttp/client.py"
    client = Module(
        path=client_path,
        name="tinyhttp.client",
        language=Language.PYTHON,
        docstring="The client: sessions and requests.",
        imports=(external("certifi", 5), internal("tinyhttp.errors", "src/tinyhttp/errors.py", 7, "HTTPError")),
        symbols=(
            const(client_path, "DEFAULT_TIMEOUT", 9, "30"),
            cls(
                client_path,
                "Client",
                12,
                end=26,
                doc="Sends requests and keeps cookies between them.\n\nOne client per host.",
            ),
            fn(
                client_path,
                "__init__",
                15,
                parent="Client",
                params=(
                    param("self"),
                    param("base_url", "str"),
                    param("timeout", "float", "DEFAULT_TIMEOUT", "keyword_only"),
                ),
                returns="None",
            ),
            fn(
                client_path,
                "request",
                19,
                parent="Client",
                doc="Send one request and return the body.",
                params=(param("self"), param("method", "str"), param("path", "str")),
                returns="bytes",
                complexity=2,
            ),
            fn(client_path, "_private", 25, parent="Client", params=(param("self"),), returns="None"),
            fn(
                client_path,
                "get",
                29,
                doc="Fetch a URL with a throw-away client.",
                params=(param("url", "str"),),
                returns="bytes",
            ),
        ),
        line_count=31,
    )
    errors = Module(
        path="src/tinyhttp/errors.py",
        name="tinyhttp.errors",
        language=Language.PYTHON,
        docstring="Errors raised by tinyhttp.",
        symbols=(
            cls(
                "src/tinyhttp/errors.py",
                "HTTPError",
                4,
                end=5,
                doc="The server answered with an error status.",
                bases=("Exception",),
            ),
            cls(
                "src/tinyhttp/errors.py",
                "TimeoutError",
                8,
                end=9,
                doc="The server took too long.",
                bases=("HTTPError",),
            ),
        ),
        line_count=9,
    )
    retry = Module(
        path="src/tinyhttp/_retry.py",
        name="tinyhttp._retry",
        language=Language.PYTHON,
        docstring="Retry policy (internal).",
        symbols=(cls("src/tinyhttp/_retry.py", "Retry", 3, end=8, doc="How often to retry a failed request."),),
        line_count=8,
    )
    config = Module(
        path="src/tinyhttp/config.py",
        name="tinyhttp.config",
        language=Language.PYTHON,
        docstring="Configuration read from the environment.",
        imports=(Import("os", ImportKind.STDLIB, 3), external("yaml", 5)),
        symbols=(const("src/tinyhttp/config.py", "PROXY", 7, 'os.environ.get("TINYHTTP_PROXY", "")'),),
        line_count=12,
    )
    test = Module(
        path="tests/test_client.py",
        name="tests.test_client",
        language=Language.PYTHON,
        imports=(internal("tinyhttp.client", client_path, 1, "Client"),),
        symbols=(fn("tests/test_client.py", "test_request_returns_body", 4, params=()),),
        line_count=8,
    )
    package_modules = [init, retry, client, config, errors]
    components = (
        component(
            "tinyhttp",
            "src/tinyhttp",
            package_modules,
            external_dependencies=("certifi", "yaml"),
            docstring="A tiny HTTP client.",
            used_by=("tests",),
        ),
        component("tests", "tests", [test], depends_on=("tinyhttp",)),
    )
    repository = Repository(
        name="tinyhttp",
        source_url=source_url,
        commit_sha=commit_sha,
        description="A tiny HTTP client.",
        version="1.2.0",
        license="MIT",
        readme_path="README.md",
        readme=TINYHTTP_README,
        kind=ProjectKind.LIBRARY,
    )
    return assemble(
        repository,
        [*package_modules, test],
        {"README.md": (9, None), "pyproject.toml": (14, FileCategory.BUILD), "Makefile": (6, FileCategory.BUILD)},
        components=components,
        insights=compute_insights(
            [*package_modules, test], components, is_product=lambda path: not path.startswith("tests/")
        ),
        settings=(
            Setting("TINYHTTP_PROXY", loc("src/tinyhttp/config.py", 7), "os.environ", default='""'),
            Setting("TINYHTTP_VERBOSE", loc("src/tinyhttp/config.py", 8), "os.getenv"),
            Setting("TINYHTTP_VERBOSE", loc("src/tinyhttp/config.py", 11), "os.getenv"),
        ),
        dependencies=(
            Dependency("certifi", "pypi", loc("pyproject.toml", 5), ">=2023", imported_in=(client_path,)),
            Dependency("PyYAML", "pypi", loc("pyproject.toml", 5), ">=6", imported_in=("src/tinyhttp/config.py",)),
            Dependency("pytest", "pypi", loc("pyproject.toml", 8), ">=8", dev=True),
        ),
        tasks=(
            Task("test", "pytest -q", "test", "make", loc("Makefile", 1, 2)),
            Task("lint", "ruff check src", "lint", "make", loc("Makefile", 4, 5)),
        ),
    )


# -- a web service -------------------------------------------------------------------------------


def web_service() -> CodeModel:
    main = Module(
        path="shop/main.py",
        name="shop.main",
        language=Language.PYTHON,
        docstring="The FastAPI application.",
        imports=(
            external("fastapi", 1, "FastAPI"),
            internal("shop.api.orders", "shop/api/orders.py", 3, "router"),
            internal("shop.core.settings", "shop/core/settings.py", 4, "Settings"),
        ),
        symbols=(
            const("shop/main.py", "app", 6, "FastAPI()"),
            fn(
                "shop/main.py",
                "health",
                9,
                doc="Liveness probe.",
                returns="dict[str, str]",
                decorators=('app.get("/health")',),
            ),
        ),
        line_count=12,
    )
    api_init = Module(
        path="shop/api/__init__.py", name="shop.api", language=Language.PYTHON, is_package=True, line_count=0
    )
    orders = Module(
        path="shop/api/orders.py",
        name="shop.api.orders",
        language=Language.PYTHON,
        docstring="Order endpoints.",
        imports=(external("fastapi", 1, "APIRouter"), internal("shop.db.models", "shop/db/models.py", 3, "Order")),
        symbols=(
            const("shop/api/orders.py", "router", 5, 'APIRouter(prefix="/orders")'),
            fn(
                "shop/api/orders.py",
                "get_order",
                8,
                doc="Fetch one order by id.",
                params=(param("order_id", "int"),),
                returns="Order",
                decorators=('router.get("/{order_id}")',),
                signature="async def get_order(order_id: int) -> Order",
            ),
            fn(
                "shop/api/orders.py",
                "create_order",
                14,
                doc="Create an order.",
                params=(param("order", "OrderIn"),),
                returns="Order",
                decorators=('router.post("/")',),
            ),
        ),
        line_count=20,
    )
    db_init = Module(
        path="shop/db/__init__.py",
        name="shop.db",
        language=Language.PYTHON,
        docstring="Persistence.",
        is_package=True,
        line_count=1,
    )
    models = Module(
        path="shop/db/models.py",
        name="shop.db.models",
        language=Language.PYTHON,
        docstring="SQLAlchemy tables.",
        imports=(external("sqlalchemy", 1, "Column"),),
        symbols=(
            cls("shop/db/models.py", "Base", 4, end=5, bases=("DeclarativeBase",)),
            cls("shop/db/models.py", "Customer", 8, end=13, doc="Someone who orders.", bases=("Base",)),
            cls("shop/db/models.py", "Order", 16, end=24, doc="An order | with a pipe.", bases=("Base",)),
        ),
        line_count=24,
    )
    settings_module = Module(
        path="shop/core/settings.py",
        name="shop.core.settings",
        language=Language.PYTHON,
        docstring="Settings from the environment.",
        imports=(external("pydantic_settings", 1, "BaseSettings"),),
        symbols=(cls("shop/core/settings.py", "Settings", 4, end=9, bases=("BaseSettings",), doc="Service settings."),),
        line_count=9,
    )
    core_init = Module(
        path="shop/core/__init__.py", name="shop.core", language=Language.PYTHON, is_package=True, line_count=0
    )
    test = Module(
        path="tests/test_orders.py",
        name="tests.test_orders",
        language=Language.PYTHON,
        line_count=10,
        symbols=(fn("tests/test_orders.py", "test_get_order", 3),),
    )
    components = (
        component("shop", "shop", [main], depends_on=("shop.api", "shop.core"), external_dependencies=("fastapi",)),
        component(
            "shop.api",
            "shop/api",
            [api_init, orders],
            depends_on=("shop.db",),
            used_by=("shop",),
            external_dependencies=("fastapi",),
        ),
        component(
            "shop.core",
            "shop/core",
            [core_init, settings_module],
            used_by=("shop",),
            external_dependencies=("pydantic_settings",),
        ),
        component(
            "shop.db",
            "shop/db",
            [db_init, models],
            used_by=("shop.api",),
            external_dependencies=("sqlalchemy",),
            docstring="Persistence.",
        ),
        component("tests", "tests", [test]),
    )
    repository = Repository(
        name="shop",
        kind=ProjectKind.WEB_SERVICE,
        readme_path="README.md",
        readme="# shop\n\nAn order service for a small shop.\n",
        description="Orders API",
    )
    return assemble(
        repository,
        [main, api_init, orders, core_init, settings_module, db_init, models, test],
        {"README.md": (3, None), "pyproject.toml": (20, FileCategory.BUILD), "Dockerfile": (8, FileCategory.BUILD)},
        components=components,
        routes=(
            Route("GET", "/health", "shop.main.health", loc("shop/main.py", 9, 11), "fastapi", "Liveness probe."),
            Route(
                "GET",
                "/orders/{order_id}",
                "shop.api.orders.get_order",
                loc("shop/api/orders.py", 8, 12),
                "fastapi",
                "Fetch one order by id.",
            ),
            Route("POST", "/orders/", "shop.api.orders.create_order", loc("shop/api/orders.py", 14, 19), "fastapi"),
        ),
        data_models=(
            DataModel(
                "Customer",
                "shop.db.models.Customer",
                loc("shop/db/models.py", 8, 13),
                "sqlalchemy",
                fields=(ModelField("id", "int", primary_key=True), ModelField("email", "str", nullable=False)),
                relations=(Relation("orders", "Order", "one_to_many"),),
                table="customers",
                docstring="Someone who orders.",
            ),
            DataModel(
                "Order",
                "shop.db.models.Order",
                loc("shop/db/models.py", 16, 24),
                "sqlalchemy",
                fields=(
                    ModelField("id", "int", primary_key=True),
                    ModelField("customer_id", "int", nullable=False),
                    ModelField("note", "str | None", default="None", nullable=True),
                ),
                relations=(Relation("customer", "Customer", "many_to_one"),),
                table="orders",
            ),
        ),
        settings=(
            Setting(
                "SHOP_DATABASE_URL",
                loc("shop/core/settings.py", 5),
                "pydantic-settings",
                type="str",
                settings_class="Settings",
            ),
            Setting(
                "SHOP_DEBUG",
                loc("shop/core/settings.py", 6),
                "pydantic-settings",
                default="False",
                type="bool",
                settings_class="Settings",
            ),
            Setting("SHOP_SECRET", loc("shop/main.py", 4), "os.environ"),
        ),
        entry_points=(EntryPoint("Dockerfile", "uvicorn shop.main:app", "dockerfile", loc("Dockerfile", 8)),),
        dependencies=(
            Dependency(
                "fastapi",
                "pypi",
                loc("pyproject.toml", 4),
                ">=0.110",
                imported_in=("shop/main.py", "shop/api/orders.py"),
            ),
            Dependency("sqlalchemy", "pypi", loc("pyproject.toml", 5), ">=2", imported_in=("shop/db/models.py",)),
        ),
        tasks=(Task("run", "uvicorn shop.main:app --reload", "run", "dockerfile", loc("Dockerfile", 8)),),
    )


# -- a command-line tool -------------------------------------------------------------------------


def cli_tool() -> CodeModel:
    path = "greet/cli.py"
    module = Module(
        path=path,
        name="greet.cli",
        language=Language.PYTHON,
        docstring="The greet command.",
        imports=(external("click", 1),),
        symbols=(
            fn(
                path,
                "main",
                6,
                doc="Greet someone.",
                params=(param("name", "str"), param("shout", "bool", "False")),
                decorators=("click.command()",),
            ),
        ),
        line_count=14,
    )
    init = Module(
        path="greet/__init__.py",
        name="greet",
        language=Language.PYTHON,
        docstring="Say hello.",
        is_package=True,
        line_count=1,
    )
    repository = Repository(name="greet", kind=ProjectKind.CLI)
    return assemble(
        repository,
        [init, module],
        {"pyproject.toml": (12, FileCategory.BUILD)},
        components=(component("greet", "greet", [init, module], external_dependencies=("click",)),),
        commands=(
            Command(
                "greet",
                loc(path, 5, 14),
                "click",
                handler="greet.cli.main",
                help="Greet someone.\nMore text.",
                parameters=(
                    CommandParameter("name", "argument", required=True),
                    CommandParameter("--shout", "flag", help="Shout it | loudly.", default="False"),
                ),
            ),
        ),
        entry_points=(EntryPoint("greet", "greet.cli:main", "console_script", loc("pyproject.toml", 9)),),
        dependencies=(Dependency("click", "pypi", loc("pyproject.toml", 5), ">=8", imported_in=(path,)),),
    )


# -- a JS/TS package -----------------------------------------------------------------------------


def js_ts_package() -> CodeModel:
    index = Module(
        path="src/index.ts",
        name="src/index",
        language=Language.TYPESCRIPT,
        docstring="Tiny event emitter.",
        imports=(internal("./emitter", "src/emitter.ts", 1, "Emitter"),),
        exports=("Emitter", "createEmitter"),
        is_package=True,
        line_count=5,
        symbols=(
            Symbol(
                SymbolKind.FUNCTION,
                "createEmitter",
                "createEmitter",
                loc("src/index.ts", 3, 5),
                signature="export function createEmitter<T>(): Emitter<T>",
                returns="Emitter<T>",
            ),
        ),
    )
    emitter = Module(
        path="src/emitter.ts",
        name="src/emitter",
        language=Language.TYPESCRIPT,
        exports=("Emitter", "Listener"),
        line_count=30,
        symbols=(
            Symbol(
                SymbolKind.TYPE,
                "Listener",
                "Listener",
                loc("src/emitter.ts", 1),
                signature="export type Listener<T> = (value: T) => void",
            ),
            Symbol(
                SymbolKind.CLASS,
                "Emitter",
                "Emitter",
                loc("src/emitter.ts", 3, 30),
                signature="export class Emitter<T>",
                docstring="Calls listeners in order.",
            ),
            Symbol(
                SymbolKind.METHOD,
                "on",
                "Emitter.on",
                loc("src/emitter.ts", 6, 9),
                signature="on(listener: Listener<T>): () => void",
                parent="Emitter",
                parameters=(Parameter("listener", "Listener<T>"),),
            ),
            Symbol(
                SymbolKind.METHOD,
                "emit",
                "Emitter.emit",
                loc("src/emitter.ts", 11, 14),
                signature="emit(value: T): void",
                parent="Emitter",
                parameters=(Parameter("value", "T"),),
            ),
            Symbol(
                SymbolKind.FUNCTION, "helper", "helper", loc("src/emitter.ts", 20, 22), visibility=Visibility.INTERNAL
            ),
        ),
    )
    util = Module(
        path="scripts/build.js",
        name="scripts/build",
        language=Language.JAVASCRIPT,
        line_count=6,
        imports=(Import("esbuild", ImportKind.EXTERNAL, 1, target="esbuild"),),
    )
    repository = Repository(
        name="@tiny/emitter",
        kind=ProjectKind.LIBRARY,
        description="Typed events.",
        readme_path="README.md",
        readme="Typed events for TypeScript.\n",
    )
    return assemble(
        repository,
        [index, emitter, util],
        {
            "README.md": (1, None),
            "package.json": (20, FileCategory.BUILD),
            "src/emitter.test.ts": (15, FileCategory.TEST),
        },
        components=(
            component("src", "src", [index, emitter]),
            component("scripts", "scripts", [util], external_dependencies=("esbuild",)),
        ),
        dependencies=(
            Dependency("esbuild", "npm", loc("package.json", 12), "^0.20", dev=True, imported_in=("scripts/build.js",)),
            Dependency("vitest", "npm", loc("package.json", 13), "^1.0", dev=True),
        ),
        tasks=(
            Task("build", "node scripts/build.js", "build", "npm", loc("package.json", 6)),
            Task("test", "vitest run", "test", "npm", loc("package.json", 7)),
        ),
        entry_points=(EntryPoint("main", "dist/index.js", "npm_main", loc("package.json", 4)),),
    )


# -- a Go service --------------------------------------------------------------------------------


def go_service() -> CodeModel:
    main = Module(
        path="cmd/pinger/main.go",
        name="cmd/pinger",
        language=Language.GO,
        docstring="Command pinger serves the ping API.",
        imports=(
            internal("example.com/pinger/internal/api", "internal/api/handlers.go", 4),
            Import("os", ImportKind.STDLIB, 3),
        ),
        symbols=(
            Symbol(
                SymbolKind.FUNCTION,
                "main",
                "main",
                loc("cmd/pinger/main.go", 8, 16),
                signature="func main()",
                visibility=Visibility.INTERNAL,
            ),
        ),
        line_count=16,
    )
    handlers = Module(
        path="internal/api/handlers.go",
        name="internal/api",
        language=Language.GO,
        docstring="Package api has the HTTP handlers.",
        imports=(Import("github.com/gin-gonic/gin", ImportKind.EXTERNAL, 3, target="github.com/gin-gonic/gin"),),
        symbols=(
            Symbol(
                SymbolKind.STRUCT,
                "Pong",
                "Pong",
                loc("internal/api/handlers.go", 6, 8),
                signature="type Pong struct",
                docstring="Pong is the answer to a ping.",
            ),
            Symbol(
                SymbolKind.FIELD,
                "Message",
                "Pong.Message",
                loc("internal/api/handlers.go", 7),
                parent="Pong",
                signature="Message string",
            ),
            Symbol(
                SymbolKind.FUNCTION,
                "Ping",
                "Ping",
                loc("internal/api/handlers.go", 11, 14),
                signature="func Ping(c *gin.Context)",
                docstring="Ping answers with pong.",
                parameters=(Parameter("c", "*gin.Context"),),
            ),
            Symbol(
                SymbolKind.FUNCTION,
                "helper",
                "helper",
                loc("internal/api/handlers.go", 16, 18),
                signature="func helper()",
                visibility=Visibility.INTERNAL,
            ),
        ),
        line_count=18,
    )
    repository = Repository(
        name="pinger",
        kind=ProjectKind.WEB_SERVICE,
        source_url="https://github.com/example/pinger.git",
        commit_sha="0123456789abcdef0123456789abcdef01234567",
    )
    return assemble(
        repository,
        [main, handlers],
        {"go.mod": (5, FileCategory.BUILD), "internal/api/handlers_test.go": (20, FileCategory.TEST)},
        components=(
            component("cmd/pinger", "cmd/pinger", [main], depends_on=("internal/api",)),
            component(
                "internal/api",
                "internal/api",
                [handlers],
                used_by=("cmd/pinger",),
                external_dependencies=("github.com/gin-gonic/gin",),
            ),
        ),
        routes=(Route("GET", "/ping", "api.Ping", loc("cmd/pinger/main.go", 12), "gin"),),
        settings=(Setting("PORT", loc("cmd/pinger/main.go", 10), "os.Getenv"),),
        dependencies=(
            Dependency(
                "github.com/gin-gonic/gin", "go", loc("go.mod", 4), "v1.9.1", imported_in=("internal/api/handlers.go",)
            ),
        ),
        entry_points=(EntryPoint("pinger", "cmd/pinger/main.go", "main_function", loc("cmd/pinger/main.go", 8, 16)),),
    )


# -- a monorepo ----------------------------------------------------------------------------------


def monorepo(packages: int = 4) -> CodeModel:
    modules: list[Module] = []
    components: list[Component] = []
    for index in range(packages):
        name = f"pkg{index}"
        path = f"packages/{name}/{name}/core.py"
        depends = (f"pkg{index - 1}",) if index else ()
        imports = (
            (internal(f"pkg{index - 1}.core", f"packages/pkg{index - 1}/pkg{index - 1}/core.py", 1, "run"),)
            if index
            else ()
        )
        module = Module(
            path=path,
            name=f"{name}.core",
            language=Language.PYTHON,
            docstring=f"Core of package {index}.",
            imports=imports,
            symbols=(fn(path, "run", 3, doc=f"Run step {index}."),),
            line_count=30 + index,
        )
        modules.append(module)
        used_by = (f"pkg{index + 1}",) if index + 1 < packages else ()
        components.append(component(name, f"packages/{name}/{name}", [module], depends_on=depends, used_by=used_by))
    repository = Repository(name="mono", kind=ProjectKind.MONOREPO)
    return assemble(repository, modules, {}, components=tuple(components))


# -- hostile input -------------------------------------------------------------------------------

HOSTILE_README = """\
<script>alert("readme")</script>

Totally | normal `library` with <img src=x onerror=alert(1)> and [a link](javascript:alert(2)) *emphasis*.
"""


def hostile() -> CodeModel:
    """Names, docstrings and a README written to break Markdown, tables, Mermaid and HTML."""
    path = "evil/mod.py"
    bad_class = "Widget<script>alert(1)</script>"
    module = Module(
        path=path,
        name="evil.mod",
        language=Language.PYTHON,
        docstring='<script>alert("module")</script> Does | things `with` ticks.',
        symbols=(
            cls(
                path,
                bad_class,
                3,
                end=8,
                doc="<b>bold</b> | pipe ``` fence",
                bases=('Base"]; click n0 "javascript:alert(1)',),
            ),
            fn(path, "run|it", 10, doc="Runs [x](javascript:alert(3)).", params=(param("a|b", "str | None", "'<x>'"),)),
            fn(path, "ticks`name", 14, doc="# not a heading\n\n- not a list"),
        ),
        line_count=20,
    )
    other_path = "evil/other.py"
    other = Module(
        path=other_path,
        name="evil.other",
        language=Language.PYTHON,
        line_count=5,
        symbols=(cls(other_path, 'Base"]; click', 1, end=4),),
    )
    repository = Repository(
        name='evil<script>alert("name")</script>',
        kind=ProjectKind.WEB_SERVICE,
        readme_path="README.md",
        readme=HOSTILE_README,
        description="<iframe src=//evil>",
    )
    weird = 'comp"];\n  x-->y["'
    return assemble(
        repository,
        [module, other],
        {"README.md": (3, None)},
        components=(
            component(weird, "evil", [module], depends_on=("evil <b>other</b>",)),
            component("evil <b>other</b>", "evil", [other], used_by=(weird,)),
        ),
        routes=(Route("GET", "/x|<script>", "evil.mod.run|it", loc(path, 10), "flask", "<script>alert(4)</script>"),),
        data_models=(
            DataModel(
                "Row<b>",
                "evil.mod.Row<b>",
                loc(path, 3),
                "pydantic",
                fields=(ModelField("f|g", "list[<x>]"),),
                relations=(Relation("r", 'Other"}', "foreign_key"),),
            ),
        ),
        settings=(
            Setting("EVIL_|VAR", loc(path, 12), "os.environ", default="`rm -rf /`", description="<script>x</script>"),
        ),
    )


# -- a large repository --------------------------------------------------------------------------


def large(components_count: int = 80, modules_per_component: int = 3, symbols_per_module: int = 5) -> CodeModel:
    """Enough components and symbols to trigger the caps: component pages and a split reference."""
    modules: list[Module] = []
    components: list[Component] = []
    for c in range(components_count):
        members = []
        for m in range(modules_per_component):
            path = f"big/c{c}/m{m}.py"
            symbols = tuple(
                fn(path, f"f{c}_{m}_{s}", 1 + 3 * s, end=3 + 3 * s, doc=f"Function {s}.")
                for s in range(symbols_per_module)
            )
            imports = (internal(f"big.c{c - 1}.m0", f"big/c{c - 1}/m0.py", 1),) if c else ()
            module = Module(
                path,
                f"big.c{c}.m{m}",
                Language.PYTHON,
                imports=imports,
                symbols=symbols,
                line_count=3 * symbols_per_module + c,
            )
            members.append(module)
        modules += members
        components.append(
            component(
                f"big.c{c}",
                f"big/c{c}",
                members,
                depends_on=(f"big.c{c - 1}",) if c else (),
                used_by=(f"big.c{c + 1}",) if c + 1 < components_count else (),
            )
        )
    return assemble(Repository(name="big", kind=ProjectKind.LIBRARY), modules, {}, components=tuple(components))


def python_flows() -> CodeModel:
    """The call-graph fixture library, analysed for real: flows, centrality and extension points."""
    import tempfile
    from pathlib import Path

    from behaviour_fixture import shop_model

    with tempfile.TemporaryDirectory(prefix="codedoc-flows-") as folder:
        return shop_model(Path(folder) / "shop")


FACTORIES: dict[str, Callable[[], CodeModel]] = {
    "python-library": python_library,
    "python-library-permalinks": lambda: python_library(
        source_url="https://github.com/example/tinyhttp.git", commit_sha="a" * 40
    ),
    "web-service": web_service,
    "cli-tool": cli_tool,
    "js-ts-package": js_ts_package,
    "go-service": go_service,
    "monorepo": monorepo,
    "hostile": hostile,
    "large": large,
    "python-flows": python_flows,
}
"""Every factory model by name: the zero-broken-links property is checked on each."""
