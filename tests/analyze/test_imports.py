from __future__ import annotations

from codedoc.analyze.imports import ImportResolver
from codedoc.model import Import, ImportKind, Language, Module


def _module(path: str, name: str, language: Language, *imports: Import, is_package: bool = False) -> Module:
    return Module(path=path, name=name, language=language, imports=imports, is_package=is_package)


def test_python_imports_resolve_to_the_deepest_module_or_an_external_package() -> None:
    target = _module("pkg/util.py", "pkg.util", Language.PYTHON)
    init = _module("pkg/__init__.py", "pkg", Language.PYTHON, is_package=True)
    importer = _module(
        "pkg/main.py",
        "pkg.main",
        Language.PYTHON,
        Import("pkg", ImportKind.UNRESOLVED, 1, names=("util",)),
        Import("pkg.util", ImportKind.UNRESOLVED, 2, names=("helper",)),
        Import("requests.adapters", ImportKind.UNRESOLVED, 3),
        Import("os", ImportKind.STDLIB, 4),
    )
    resolver = ImportResolver([target, init, importer], {})
    resolved = resolver.resolve_module(importer).imports
    assert [(i.kind, i.target) for i in resolved] == [
        (ImportKind.INTERNAL, "pkg/util.py"),
        (ImportKind.INTERNAL, "pkg/util.py"),
        (ImportKind.EXTERNAL, "requests"),
        (ImportKind.STDLIB, None),
    ]


def test_javascript_relative_imports_try_extensions_and_index_files() -> None:
    util = _module("src/util.ts", "src/util", Language.TYPESCRIPT)
    router = _module("src/router/index.js", "src/router", Language.JAVASCRIPT, is_package=True)
    app = _module(
        "src/app.ts",
        "src/app",
        Language.TYPESCRIPT,
        Import("./util", ImportKind.UNRESOLVED, 1),
        Import("./router", ImportKind.UNRESOLVED, 2),
        Import("./missing", ImportKind.UNRESOLVED, 3),
        Import("@scope/pkg/sub", ImportKind.UNRESOLVED, 4),
    )
    resolved = ImportResolver([util, router, app], {}).resolve_module(app).imports
    assert [(i.kind, i.target) for i in resolved] == [
        (ImportKind.INTERNAL, "src/util.ts"),
        (ImportKind.INTERNAL, "src/router/index.js"),
        (ImportKind.UNRESOLVED, None),
        (ImportKind.EXTERNAL, "@scope/pkg"),
    ]


def test_go_imports_inside_the_module_are_internal() -> None:
    db = _module("internal/db/db.go", "example.com/shop/internal/db", Language.GO)
    main = _module(
        "main.go",
        "example.com/shop",
        Language.GO,
        Import("example.com/shop/internal/db", ImportKind.UNRESOLVED, 3),
        Import("github.com/gin-gonic/gin", ImportKind.UNRESOLVED, 4),
    )
    resolved = ImportResolver([db, main], {".": "example.com/shop", "": "example.com/shop"}).resolve_module(main)
    assert [(i.kind, i.target) for i in resolved.imports] == [
        (ImportKind.INTERNAL, "internal/db/db.go"),
        (ImportKind.EXTERNAL, "github.com/gin-gonic/gin"),
    ]


def test_workspace_packages_importing_each_other_by_name_are_internal() -> None:
    core = _module("crates/core-utils/src/lib.rs", "crates/core-utils:crate", Language.RUST, is_package=True)
    app = _module(
        "crates/app/src/main.rs",
        "crates/app:crate",
        Language.RUST,
        Import("core_utils::parse", ImportKind.UNRESOLVED, 1),
        Import("serde::Deserialize", ImportKind.UNRESOLVED, 2),
        is_package=True,
    )
    js_core = _module("packages/core/index.js", "packages/core", Language.JAVASCRIPT, is_package=True)
    js_app = _module(
        "packages/app/index.js", "packages/app", Language.JAVASCRIPT, Import("@suite/core", ImportKind.UNRESOLVED, 1)
    )
    resolver = ImportResolver(
        [core, app, js_core, js_app], {}, {"core-utils": "crates/core-utils", "@suite/core": "packages/core"}
    )
    assert [(i.kind, i.target) for i in resolver.resolve_module(app).imports] == [
        (ImportKind.INTERNAL, "crates/core-utils/src/lib.rs"),
        (ImportKind.EXTERNAL, "serde"),
    ]
    assert resolver.resolve_module(js_app).imports[0].target == "packages/core/index.js"
