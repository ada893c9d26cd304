"""Every detector is cheap on files without its framework and never raises on odd code."""

from __future__ import annotations

import ast
import importlib.util
import textwrap
from pathlib import Path

import pytest
from python_detection import detect, inputs

from codedoc.analyze.facts import FileFacts
from codedoc.analyze.python.detectors import PYTHON_DETECTORS, PythonDetector

PLAIN_MODULE = '''
"""Arithmetic on money amounts."""

from decimal import Decimal


class Amount:
    def __init__(self, value: Decimal) -> None:
        self.value = value

    def get(self, key: str) -> Decimal:
        return self.value


def total(amounts: list[Amount]) -> Decimal:
    return sum((a.value for a in amounts), Decimal(0))
'''


class _Untouchable(ast.Module):
    """A tree that fails the test as soon as a detector looks into it."""

    def __getattribute__(self, name: str) -> object:
        if name.startswith("__") and name != "__dict__":
            return super().__getattribute__(name)
        raise AssertionError(f"detector read tree.{name} on a file without its framework")


def _name(detector: PythonDetector) -> str:
    return getattr(detector, "__name__", repr(detector))


@pytest.mark.parametrize("detector", PYTHON_DETECTORS, ids=_name)
def test_detector_returns_empty_facts_without_reading_the_tree_when_framework_is_absent(
    detector: PythonDetector,
) -> None:
    _, module, context, text = inputs(PLAIN_MODULE, path="money/amounts.py")
    facts = detector(tree=_Untouchable(body=[], type_ignores=[]), module=module, context=context, text=text)
    assert facts == FileFacts()


ODD_CODE = r"""
import os, click, typer, argparse
from os import environ, getenv
from fastapi import FastAPI, APIRouter
from flask import Flask, Blueprint
from starlette.routing import Route, Mount
from django.db import models
from django.urls import path, include
from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings
from sqlalchemy import Column, ForeignKey, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlmodel import SQLModel, Relationship

app = FastAPI()
router = APIRouter(prefix=PREFIX)
flask_app = Flask()
bp = Blueprint()
paths = ["/a"]

@app.get()
@app.get(*paths)
@app.api_route("/x", methods=METHODS)
@app.post(path=1)
@(lambda f: f)
@flask_app.route()
@flask_app.route("/y", methods="GET")
@bp.get(path)
def odd(): ...

app.add_api_route()
app.add_api_route("/z")
flask_app.add_url_rule()
app.include_router()
app.include_router(router, prefix=1)
router = APIRouter(prefix=PREFIX)
urlpatterns = [path(), path("a/"), path("b/", include()), path("c/", include(("x",))), path(1, view)]
urlpatterns += [path("d/", include(urlpatterns))]
routes = [Route(), Mount(), Mount("/m"), Mount("/n", routes=routes), Route("/r", methods=[1, None])]
loop = [Mount("/l", routes=loop)]

@click.command(name=1)
@click.option()
@click.option(1, 2)
@click.argument()
@click.version_option()
def c(): ...

@c.command()
def c2(): ...

c.add_command()
c.add_command(c)
c.add_command(c, name=3)

t = typer.Typer(name=5)
t.add_typer(t)
t.add_typer()

@t.command()
def tc(a, /, b: "Annotated[int, typer.Option()]" = 1, *args, c: int = typer.Option(), **kw): ...

typer.run()
typer.run(lambda: None)

p = argparse.ArgumentParser(prog=1)
p.add_argument()
p.add_argument(dest="x")
p.add_subparsers().add_parser()
p.set_defaults()
p = p
p.add_subparsers = 1

class A(A): pass
class B(C): pass
class C(B): pass

class M(models.Model):
    f = models.ForeignKey()
    g = models.ManyToManyField(to=1)
    h = models.CharField
    class Meta:
        db_table = 1
        abstract = "yes"

class S(BaseSettings, env_prefix=1):
    model_config = 5
    x: int = Field(alias=1, validation_alias=None)
    y: "not valid python ((("
    class Config:
        pass

class P(BaseModel):
    a: Annotated[int] = Field()
    b: list = Field(default_factory=lambda: [])
    c: Optional = None
    d: Union[None] = None

class T(SQLModel, table=1):
    __tablename__ = 5
    x: int = Relationship()
    y: "list[" = Relationship()
    z = Field()

class Q(Base):
    __tablename__ = "q"
    a = Column()
    b: Mapped = mapped_column()
    c: Mapped["Optional[" ] = relationship()
    d = relationship()
    e = relationship(lambda: 1)
    f = Column(ForeignKey())
    g = Column(ForeignKey(1))

tbl = Table()
tbl2 = Table("t", meta, Column(), Column(1), 3)

os.environ.get()
os.getenv(**kwargs)
os.environ[1]
"X" in environ in environ
environ.setdefault(*args)
getenv("A", *rest)
int()

if __name__ == "__main__":
    pass
if __name__ == "__main__" == x:
    sys.exit()
match command:
    case [Route()]:
        pass
"""


def test_detectors_return_facts_on_odd_code_with_every_marker() -> None:
    facts = detect(textwrap.dedent(ODD_CODE), path="odd/settings.py")
    assert isinstance(facts, FileFacts)
    assert facts.diagnostics == ()


def test_detectors_survive_deeply_nested_code() -> None:
    depth = 90  # close to the parser's limit of 100 nested blocks
    nested = "".join("    " * level + "def f():\n" for level in range(depth)) + "    " * depth + "pass\n"
    text = "import os, click\nfrom fastapi import FastAPI\nx = os.getenv('A')\n" + nested
    facts = detect(text)
    assert [s.name for s in facts.settings] == ["A"]


def _package_sources(package: str, limit: int) -> list[Path]:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return []
    root = Path(next(iter(spec.submodule_search_locations)))
    return sorted(root.rglob("*.py"))[:limit]


@pytest.mark.parametrize("package", ["click", "flask", "starlette", "fastapi", "pydantic_settings"])
def test_detectors_never_raise_on_real_framework_sources(package: str) -> None:
    sources = _package_sources(package, limit=40)
    if not sources:
        pytest.skip(f"{package} is not installed")
    for source in sources:
        text = source.read_text(encoding="utf-8", errors="replace")
        tree, module, context, text = inputs(text, path=f"{package}/{source.name}")
        for detector in PYTHON_DETECTORS:
            facts = detector(tree=tree, module=module, context=context, text=text)
            assert isinstance(facts, FileFacts), (source, _name(detector))
