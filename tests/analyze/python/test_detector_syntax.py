"""The detectors' shortcuts through a tree find what a full walk finds, in the same order."""

from __future__ import annotations

import ast

from codedoc.analyze.python.detectors.class_bodies import ClassTree
from codedoc.analyze.python.detectors.syntax import definitions, lines_with, marked_nodes, marked_statements

SOURCE = '''\
import os
from app import router as r


def make():
    from fastapi import APIRouter
    router = APIRouter(prefix="/a")
    try:
        import json
    except ImportError:
        from app import router
        json = None
    else:
        router2 = APIRouter()
    finally:
        done = APIRouter(
            prefix="/b",
        )
    for item in range(3):
        class Local(Base):
            pass
    match os.name:
        case "nt":
            import ntpath as router
        case _:
            value = [APIRouter() for _ in range(2)]
    return lambda: APIRouter()


class Outer:
    """Mentions class in a docstring."""

    def method(self):
        class Inner:
            import typing
        return Inner


async def main():
    async with open() as f:
        from .x import router
'''


def test_marked_statements_are_the_statements_among_the_marked_nodes() -> None:
    tree = ast.parse(SOURCE)
    for tokens in (("import",), ("APIRouter",), ("class",), ("prefix",)):
        expected = [node for node in marked_nodes(tree, SOURCE, tokens) if isinstance(node, ast.stmt)]
        assert list(marked_statements(tree, SOURCE, tokens)) == expected


def test_breadth_first_marked_statements_come_in_ast_walk_order() -> None:
    tree = ast.parse(SOURCE)
    imports = [node for node in ast.walk(tree) if isinstance(node, ast.Import | ast.ImportFrom)]
    found = [node for node in marked_statements(tree, SOURCE, ("import",), breadth_first=True)]
    assert [node for node in found if isinstance(node, ast.Import | ast.ImportFrom)] == imports


def test_class_tree_finds_every_class_a_full_walk_finds() -> None:
    tree = ast.parse(SOURCE)
    expected = [(name, node) for name, node in definitions(tree) if isinstance(node, ast.ClassDef)]
    assert [(info.qualname, info.node) for info in ClassTree(tree, SOURCE).classes] == expected
    assert [name for name, _ in expected] == ["make.Local", "Outer", "Outer.method.Inner"]


def test_definitions_on_lines_visit_only_statements_that_span_them() -> None:
    tree = ast.parse(SOURCE)
    found = [name for name, _ in definitions(tree, lines_with(SOURCE, ("Inner",)))]
    assert found == ["Outer", "Outer.method", "Outer.method.Inner"]
