"""Imports (with relative ones made absolute) and `__all__`, as the Python analyser reads them."""

from __future__ import annotations

import textwrap

import pytest

from codedoc.analyze.facts import FileContext
from codedoc.analyze.python import analyze_python
from codedoc.model import FileCategory, Import, ImportKind, Language, Module


def analyze(source: str, path: str = "pkg/mod.py", module_name: str = "pkg.mod", is_package: bool = False) -> Module:
    context = FileContext(path, Language.PYTHON, FileCategory.CODE, module_name, is_package)
    facts = analyze_python(context=context, text=textwrap.dedent(source))
    assert facts.module is not None
    return facts.module


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import os", [Import("os", ImportKind.STDLIB, 1)]),
        ("import os.path", [Import("os.path", ImportKind.STDLIB, 1)]),
        ("import numpy as np", [Import("numpy", ImportKind.UNRESOLVED, 1)]),
        (
            "import json, requests.adapters",
            [Import("json", ImportKind.STDLIB, 1), Import("requests.adapters", ImportKind.UNRESOLVED, 1)],
        ),
        ("from typing import Any, cast", [Import("typing", ImportKind.STDLIB, 1, ("Any", "cast"))]),
        ("from flask import Flask as App", [Import("flask", ImportKind.UNRESOLVED, 1, ("Flask",))]),
        ("from __future__ import annotations", [Import("__future__", ImportKind.STDLIB, 1, ("annotations",))]),
        ("from os.path import *", [Import("os.path", ImportKind.STDLIB, 1, ("*",))]),
    ],
)
def test_absolute_imports(source: str, expected: list[Import]) -> None:
    assert list(analyze(source).imports) == expected


@pytest.mark.parametrize(
    ("module_name", "is_package", "statement", "expected"),
    [
        ("pkg.sub.mod", False, "from . import sibling", "pkg.sub"),
        ("pkg.sub.mod", False, "from .helpers import x", "pkg.sub.helpers"),
        ("pkg.sub.mod", False, "from .. import x", "pkg"),
        ("pkg.sub.mod", False, "from ..core.models import x", "pkg.core.models"),
        ("pkg.sub", True, "from . import x", "pkg.sub"),
        ("pkg.sub", True, "from .mod import x", "pkg.sub.mod"),
        ("pkg.sub", True, "from .. import x", "pkg"),
        ("pkg", True, "from .os import x", "pkg.os"),
        ("pkg.mod", False, "from ... import x", "..."),
        ("pkg.mod", False, "from ...far import x", "...far"),
    ],
)
def test_relative_imports_are_made_absolute(module_name: str, is_package: bool, statement: str, expected: str) -> None:
    path = module_name.replace(".", "/") + ("/__init__.py" if is_package else ".py")
    (found,) = analyze(statement, path=path, module_name=module_name, is_package=is_package).imports
    assert found.module == expected
    assert found.kind == ImportKind.UNRESOLVED, "the orchestrator decides internal vs external"
    assert found.names == (statement.rsplit(" ", 1)[-1],)


def test_imports_inside_blocks_and_functions_are_found_in_order() -> None:
    module = analyze(
        """\
        from typing import TYPE_CHECKING
        try:
            import ujson as json
        except ImportError:
            import json
        if TYPE_CHECKING:
            from .models import User
        with suppress(ImportError):
            import yaml

        def load():
            import pickle
            for _ in range(1):
                from collections import deque
            return pickle

        class Loader:
            def run(self):
                if True:
                    from importlib import import_module
        """
    )
    assert [(item.module, item.line) for item in module.imports] == [
        ("typing", 1),
        ("ujson", 3),
        ("json", 5),
        ("pkg.models", 7),
        ("yaml", 9),
        ("pickle", 12),
        ("collections", 14),
        ("importlib", 20),
    ]


def test_the_word_import_in_strings_is_not_an_import() -> None:
    module = analyze(
        '''\
        def f():
            """Call import_module to import things."""
            return "import os"
        '''
    )
    assert module.imports == ()


@pytest.mark.parametrize(
    ("source", "exports"),
    [
        ("__all__ = ['a', 'b']", ("a", "b")),
        ("__all__ = ('a',)", ("a",)),
        ("__all__: list[str] = ['a']", ("a",)),
        ("__all__ = ['a']\n__all__ += ['b']", ("a", "b")),
        ("__all__ = ['a']\n__all__.extend(['b', 'c'])", ("a", "b", "c")),
        ("__all__ = ['a']\n__all__.append('b')", ("a", "b")),
        ("__all__ = []", ()),
        ("__all__ = ['a', 'a']", ("a",)),
        ("x = 1", None),
        ("__all__ = base.__all__ + ['a']", None),
        ("__all__ = ['a']\n__all__ += other.__all__", None),
        ("__all__ = [name for name in dir()]", None),
        ("__all__ = ['a', 1]", None),
        ("__all__ = ['a']\n__all__.remove('a')", None),
    ],
)
def test_exports_come_from_a_literal_all(source: str, exports: tuple[str, ...] | None) -> None:
    assert analyze(source).exports == exports


def test_all_inside_a_class_is_not_the_module_exports() -> None:
    assert analyze("class A:\n    __all__ = ['x']").exports is None
