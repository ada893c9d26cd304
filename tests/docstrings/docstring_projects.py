"""Helpers for the docstrings tests: a model of a folder, a run over it, and the AST check redone."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

from codedoc.acquire import acquire
from codedoc.analyze import analyze
from codedoc.docstrings import DocstringRun, DocstringWriter, add_docstrings
from codedoc.model import CodeModel
from codedoc.scan import scan

PROJECTS = Path(__file__).parent / "projects"
GOLDEN = Path(__file__).parent / "golden"
LANGUAGES = ("python", "javascript", "typescript", "go", "java", "rust")


def copy_project(name: str, destination: Path) -> Path:
    target = destination / name
    shutil.copytree(PROJECTS / name, target)
    return target


def model_of(root: Path) -> CodeModel:
    with acquire(str(root)) as checkout:
        return analyze(checkout, scan(checkout.root), workers=1)


def run_over(root: Path, *, writer: DocstringWriter | None = None, include_tests: bool = True) -> DocstringRun:
    return add_docstrings(root, model_of(root), writer=writer, include_tests=include_tests)


def without_docstrings(source: bytes) -> str:
    """The AST dump of `source` with every docstring removed: equal for two files that differ only by docstrings."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            value = first.value if isinstance(first, ast.Expr) else None
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                node.body.pop(0)
    return ast.dump(tree)
