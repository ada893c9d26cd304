"""The detectors as the analysis stage runs them: files of a real repository, module names from its
layout, each file through the one analyser dispatch (`analyze_python`, which calls the detectors)."""

from __future__ import annotations

from pathlib import Path

from codedoc.analyze.dispatch import analyze_file
from codedoc.analyze.facts import FileContext, FileFacts, merge_facts
from codedoc.analyze.layout import module_names
from codedoc.model import FileCategory, Language
from repos import make_repo


def _analyse_python_files(root: Path) -> FileFacts:
    paths = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.py"))
    names = module_names(((path, Language.PYTHON) for path in paths), {})
    found = []
    for path in paths:
        name = names[path]
        context = FileContext(path, Language.PYTHON, FileCategory.CODE, name.name, name.is_package)
        found.append(analyze_file(context, (root / path).read_text(encoding="utf-8"), is_manifest=False))
    return merge_facts(FileFacts(), found)


PROJECT = {
    "pyproject.toml": """
        [project]
        name = "shop"
        version = "0.1.0"
        dependencies = ["fastapi", "sqlalchemy", "click", "pydantic-settings"]
        """,
    "shop/__init__.py": '"""A small shop."""\n',
    "shop/__main__.py": """
        from shop.cli import cli

        cli()
        """,
    "shop/api.py": '''
        from fastapi import APIRouter

        router = APIRouter(prefix="/orders")


        @router.get("/{order_id}")
        def read_order(order_id: int):
            """Read one order."""
        ''',
    "shop/models.py": """
        from sqlalchemy import ForeignKey
        from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


        class Base(DeclarativeBase):
            pass


        class Order(Base):
            __tablename__ = "orders"
            id: Mapped[int] = mapped_column(primary_key=True)
            customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
        """,
    "shop/cli.py": """
        import click


        @click.group()
        def cli():
            '''Manage the shop.'''


        @cli.command()
        @click.option("--days", default=7, help="How far back.")
        def report(days):
            '''Print a sales report.'''
        """,
    "shop/config.py": """
        import os

        from pydantic_settings import BaseSettings, SettingsConfigDict


        class Settings(BaseSettings):
            model_config = SettingsConfigDict(env_prefix="SHOP_")
            database_url: str = "sqlite:///shop.db"


        LOG_LEVEL = os.getenv("LOG_LEVEL", "INFO")
        """,
}


def test_analysis_of_a_repository_carries_facts_from_every_detector_family(tmp_path: Path) -> None:
    repo = make_repo(PROJECT, tmp_path / "shop")
    model = _analyse_python_files(repo)

    assert [(r.method, r.path, r.handler, str(r.location)) for r in model.routes] == [
        ("GET", "/orders/{order_id}", "shop.api.read_order", "shop/api.py:7-9")
    ]
    assert sorted(c.name for c in model.commands) == ["cli", "cli report"]
    (order,) = model.data_models
    assert (order.qualname, order.table, order.location.path) == ("shop.models.Order", "orders", "shop/models.py")
    assert {(s.name, s.source) for s in model.settings} == {
        ("SHOP_DATABASE_URL", "pydantic-settings"),
        ("LOG_LEVEL", "os.getenv"),
    }
    assert [(e.name, e.target, e.kind) for e in model.entry_points] == [("python -m shop", "shop", "main_module")]
    assert model.diagnostics == ()


def test_test_files_get_their_module_and_no_framework_facts() -> None:
    text = PROJECT["shop/api.py"].replace("\n        ", "\n")
    code = FileContext("shop/api.py", Language.PYTHON, FileCategory.CODE, "shop.api")
    test = FileContext("tests/test_api.py", Language.PYTHON, FileCategory.TEST, "tests.test_api")
    product, tests = analyze_file(code, text, is_manifest=False), analyze_file(test, text, is_manifest=False)
    assert len(product.routes) == 1
    assert tests.routes == tests.mounts == tests.router_prefixes == ()
    assert tests.module is not None and product.module is not None
    assert [s.qualname for s in tests.module.symbols] == [s.qualname for s in product.module.symbols] == ["read_order"]
