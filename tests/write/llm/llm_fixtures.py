"""Hand-built code models and settings for the LLM writer's tests."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from codedoc.model import (
    CodeModel,
    Component,
    FileCategory,
    Import,
    ImportKind,
    Language,
    Location,
    Module,
    Parameter,
    ProjectKind,
    Repository,
    Route,
    SourceFile,
    Symbol,
    SymbolKind,
)
from codedoc.write.llm import LLMSettings, resolve_settings

AWS_KEY = "AKIAIOSFODNN7EXAMPLE"
GITHUB_TOKEN = "ghp_1234567890abcdefghijklmnopqrstuvwxyzAB"
PASSWORD = "hunter2hunter2"


def symbol(kind: SymbolKind, qualname: str, path: str, start: int, end: int, **extra: object) -> Symbol:
    name = qualname.rsplit(".", 1)[-1]
    return Symbol(kind, name, qualname, Location(path, start, end), **extra)  # type: ignore[arg-type]


def cart_module(*, extra_method: bool = False) -> Module:
    path = "shop/cart.py"
    symbols = [
        symbol(SymbolKind.CLASS, "Cart", path, 5, 40, docstring="A shopping cart holding line items."),
        symbol(
            SymbolKind.METHOD,
            "Cart.add_item",
            path,
            10,
            20,
            parent="Cart",
            signature="def add_item(self, sku: str, quantity: int = 1) -> None",
            parameters=(Parameter("self"), Parameter("sku", "str"), Parameter("quantity", "int", "1")),
        ),
        symbol(
            SymbolKind.METHOD,
            "Cart.total",
            path,
            22,
            30,
            parent="Cart",
            signature="def total(self) -> Decimal",
            returns="Decimal",
        ),
        symbol(
            SymbolKind.FUNCTION,
            "checkout",
            path,
            42,
            60,
            signature="def checkout(cart: Cart) -> Receipt",
            docstring="Charge the customer for everything in the cart.",
        ),
    ]
    if extra_method:
        symbols.insert(
            3, symbol(SymbolKind.METHOD, "Cart.clear", path, 31, 39, parent="Cart", signature="def clear(self) -> None")
        )
    return Module(
        path=path,
        name="shop.cart",
        language=Language.PYTHON,
        docstring="The cart and checkout.",
        imports=(
            Import("shop.payments", ImportKind.INTERNAL, 1, ("charge",), "shop/payments.py"),
            Import("decimal", ImportKind.STDLIB, 2, ("Decimal",)),
        ),
        symbols=tuple(symbols),
        line_count=60,
    )


def payments_module(*, secrets: bool = False) -> Module:
    path = "shop/payments.py"
    symbols = [
        symbol(
            SymbolKind.FUNCTION,
            "charge",
            path,
            8,
            30,
            signature="def charge(amount: Decimal, card: str) -> str",
            docstring="Charge a card through the payment gateway.",
        ),
    ]
    docstring = "Payments through the gateway."
    if secrets:
        symbols.append(symbol(SymbolKind.CONSTANT, "AWS_ACCESS_KEY_ID", path, 3, 3, value=f'"{AWS_KEY}"'))
        symbols.append(symbol(SymbolKind.CONSTANT, "GATEWAY_TOKEN", path, 4, 4, value=f'"{GITHUB_TOKEN}"'))
        docstring += f'\n\nFor local runs: password = "{PASSWORD}"'
    return Module(
        path=path,
        name="shop.payments",
        language=Language.PYTHON,
        docstring=docstring,
        imports=(Import("stripe", ImportKind.EXTERNAL, 1, (), "stripe"),),
        symbols=tuple(symbols),
        line_count=30,
    )


def server_module() -> Module:
    path = "api/server.py"
    return Module(
        path=path,
        name="api.server",
        language=Language.PYTHON,
        docstring="The HTTP API.",
        imports=(
            Import("shop.cart", ImportKind.INTERNAL, 1, ("Cart",), "shop/cart.py"),
            Import("fastapi", ImportKind.EXTERNAL, 2, ("FastAPI",), "fastapi"),
        ),
        symbols=(
            symbol(SymbolKind.FUNCTION, "create_app", path, 5, 20, signature="def create_app() -> FastAPI"),
            symbol(SymbolKind.FUNCTION, "get_cart", path, 22, 30, signature="def get_cart(cart_id: str)"),
        ),
        line_count=30,
    )


def tests_module() -> Module:
    path = "tests/test_cart.py"
    return Module(
        path=path,
        name="tests.test_cart",
        language=Language.PYTHON,
        symbols=(symbol(SymbolKind.FUNCTION, "test_total", path, 1, 5),),
        line_count=5,
    )


def sample_model(
    *, cart: Module | None = None, secrets: bool = False, readme: str | None = None, big_module: Module | None = None
) -> CodeModel:
    modules = [cart or cart_module(), payments_module(secrets=secrets), server_module(), tests_module()]
    if big_module is not None:
        modules.append(big_module)
    categories = {m.path: FileCategory.TEST if m.path.startswith("tests/") else FileCategory.CODE for m in modules}
    files = tuple(
        SourceFile(m.path, m.language, categories[m.path], 100, m.line_count, f"{m.line_count:064x}") for m in modules
    )
    shop_modules = tuple(m.path for m in modules if m.path.startswith("shop/"))
    return CodeModel(
        repository=Repository(
            name="shop",
            kind=ProjectKind.WEB_SERVICE,
            readme_path="README.md",
            readme=readme if readme is not None else "# Shop\n\nA small web shop.",
            description="A small web shop.",
            files=files,
        ),
        modules=tuple(modules),
        components=(
            Component("shop", "shop", shop_modules, used_by=("api",), external_dependencies=("stripe",), line_count=90),
            Component(
                "api",
                "api",
                ("api/server.py",),
                depends_on=("shop",),
                external_dependencies=("fastapi",),
                line_count=30,
            ),
            Component("tests", "tests", ("tests/test_cart.py",), line_count=5),
        ),
        routes=(Route("GET", "/cart/{cart_id}", "api.server.get_cart", Location("api/server.py", 21, 30), "fastapi"),),
    )


def with_cart(model: CodeModel, cart: Module) -> CodeModel:
    modules = tuple(cart if m.path == cart.path else m for m in model.modules)
    return dataclasses.replace(model, modules=modules)


def settings_for(
    server_url: str, *, provider: str = "anthropic", cache_dir: Path | None = None, **overrides: object
) -> LLMSettings:
    """Settings pointing the real client of `provider` at the fake server."""
    base_url = server_url if provider == "anthropic" else server_url + "/v1"
    env = {"ANTHROPIC_API_KEY": "test-key", "OPENAI_API_KEY": "test-key", "GEMINI_API_KEY": "test-key"}
    model = "local-model" if provider == "openai-compatible" else None
    overrides.setdefault("timeout", 10.0)
    overrides.setdefault("wiki", False)  # the summaries' tests count their calls; the wiki's tests turn it on
    settings = resolve_settings(provider, env=env, base_url=base_url, model=model, cache_dir=cache_dir)
    return dataclasses.replace(settings, **overrides)  # type: ignore[arg-type]


class RecordedSleep:
    """Stands in for `time.sleep`: remembers the waits instead of waiting."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
