"""The tree-sitter fallback: newer syntax and broken files are documented the same way as good ones."""

from __future__ import annotations

import ast
import dataclasses
import textwrap

import pytest

from codedoc.analyze.facts import FileContext
from codedoc.analyze.python import analyze_python
from codedoc.analyze.python.extract import extract_module
from codedoc.analyze.python.fallback import extract_with_tree_sitter
from codedoc.model import FileCategory, Language, Location, Module, Parameter, Symbol, SymbolKind

CONTEXT = FileContext("pkg/sub/mod.py", Language.PYTHON, FileCategory.CODE, "pkg.sub.mod")

# Every construct the `ast` extractor handles, written in Python 3.11.
CLASSIC = '''\
"""Module summary.

    Detail.
"""
from __future__ import annotations
import os, a.b as c
from . import sibling
from ..up import thing as t
from .x import *
from typing import overload, Protocol, TypeAlias
__all__ = ["Session", "get"]
__all__ += ["more"]
__all__.append("last")
MAX = 10
"""Max doc."""
Alias: TypeAlias = "list[int]"
Json = dict[str, "Json"] | None
T = TypeVar("T")
log = None
name: str = "x"
A = B = 1
if os.name == "nt":
    def plat(): pass
else:
    def plat(x): pass
try:
    import fast
except ImportError:
    fast = None

@dec(1,
     2)  # comment
class Session(Base, metaclass=Meta):
    """Session doc.

       More."""
    # comment
    x: int = 3
    Y = {"a": 1,  # the first
         "b": 2}
    _z = 1
    @property
    def p(self) -> int:
        return 1
    @p.setter
    def p(self, v): pass
    @overload
    def get(self, a: int) -> int: ...
    @overload
    def get(self, a: str) -> str: ...
    def get(self, a, /, b: int = 1, *args: str, c, d=2, **kw) -> Response:
        """Get."""
        import json
        return json
    async def aget(self, *, k=None): ...
    class Inner:
        def m(self): pass
    # trailing comment

class _Priv:
    def pub(self): pass
class Color(enum.Enum):
    RED = 1
class P(Protocol):
    def f(self) -> None: ...
@app.route(
    "/x",  # the path
    methods=["GET"],
)
def view(
    request,
    *,
    verbose: bool = False,
) -> dict[
    str, int
]:
    pass
'''

# The same module with PEP 695 generics and PEP 758 `except`, which Python 3.11 cannot parse …
GENERIC = '''\
"""Generic containers."""
from collections.abc import Callable

type Pair = tuple[int, int]


class Box[T](Base):
    """A box."""

    value: int

    def get[U](self, default: U, /, *, strict: bool = False) -> int:
        """Get it."""
        try:
            import json
        except KeyError, IndexError:
            pass
        return self.value


@register
def first[T](items: list[T], *rest: T, **options: str) -> T:
    return items[0]
'''

# … and the nearest Python 3.11 spelling of it, line for line.
GENERIC_311 = '''\
"""Generic containers."""
from collections.abc import Callable

Pair: TypeAlias = tuple[int, int]


class Box(Base):
    """A box."""

    value: int

    def get(self, default: U, /, *, strict: bool = False) -> int:
        """Get it."""
        try:
            import json
        except (KeyError, IndexError):
            pass
        return self.value


@register
def first(items: list[T], *rest: T, **options: str) -> T:
    return items[0]
'''


def by_ast(source: str, context: FileContext = CONTEXT) -> Module:
    return extract_module(ast.parse(source), context=context, text=source)


def by_tree_sitter(source: str, context: FileContext = CONTEXT) -> Module:
    module, diagnostics = extract_with_tree_sitter(context=context, text=source)
    assert diagnostics == ()
    return module


def comparable(symbol: Symbol) -> Symbol:
    """Generic and classic spellings differ only in the signature text and the base list."""
    return dataclasses.replace(symbol, signature=None, bases=(), value=None)


def test_tree_sitter_reads_valid_source_exactly_as_ast_does() -> None:
    expected, found = by_ast(CLASSIC), by_tree_sitter(CLASSIC)
    assert len(expected.symbols) == 24
    for want, got in zip(expected.symbols, found.symbols, strict=True):
        assert got == want
    assert found == expected


@pytest.mark.parametrize("is_package", [False, True])
def test_tree_sitter_resolves_relative_imports_like_ast(is_package: bool) -> None:
    context = FileContext("pkg/sub/__init__.py", Language.PYTHON, FileCategory.CODE, "pkg.sub", is_package)
    source = "from . import a\nfrom .b import c\nfrom ..d import e\nfrom .... import far\n"
    assert by_tree_sitter(source, context).imports == by_ast(source, context).imports


def test_pep_695_source_gives_the_same_symbols_as_its_311_equivalent() -> None:
    with pytest.raises(SyntaxError):
        ast.parse(GENERIC)
    facts = analyze_python(context=CONTEXT, text=GENERIC)
    assert facts.diagnostics == ()
    assert facts.module is not None
    expected = analyze_python(context=CONTEXT, text=GENERIC_311).module
    assert expected is not None
    assert [comparable(item) for item in facts.module.symbols] == [comparable(item) for item in expected.symbols]
    assert facts.module.imports == expected.imports
    assert facts.module.docstring == expected.docstring == "Generic containers."
    assert facts.module.line_count == expected.line_count


def test_pep_695_signatures_keep_their_type_parameters() -> None:
    module = analyze_python(context=CONTEXT, text=GENERIC).module
    assert module is not None
    signatures = {item.qualname: item.signature for item in module.symbols}
    assert signatures == {
        "Pair": "type Pair = tuple[int, int]",
        "Box": "class Box[T](Base)",
        "Box.value": "value: int",
        "Box.get": "def get[U](self, default: U, /, *, strict: bool = False) -> int",
        "first": "def first[T](items: list[T], *rest: T, **options: str) -> T",
    }
    pair = module.symbols[0]
    assert (pair.kind, pair.value, pair.location) == (SymbolKind.TYPE, "tuple[int, int]", Location(CONTEXT.path, 4, 4))


def test_generic_type_alias_and_bounded_parameters() -> None:
    source = "type Matrix[T: (int, float)] = list[list[T]]\nclass Node[T, *Ts, **P]: pass\n"
    module = analyze_python(context=CONTEXT, text=source).module
    assert module is not None
    matrix, node = module.symbols
    assert (matrix.name, matrix.kind, matrix.signature) == (
        "Matrix",
        SymbolKind.TYPE,
        "type Matrix[T: (int, float)] = list[list[T]]",
    )
    assert (node.name, node.kind, node.signature) == ("Node", SymbolKind.CLASS, "class Node[T, *Ts, **P]")


def test_pep_701_f_string_is_not_reported_as_an_error() -> None:
    source = 'def greet(user):\n    return f"hello {user["name"]}"\n'
    facts = analyze_python(context=CONTEXT, text=source)
    assert facts.diagnostics == ()
    assert facts.module is not None
    assert [item.name for item in facts.module.symbols] == ["greet"]


def test_real_syntax_error_gives_a_diagnostic_and_a_partial_result() -> None:
    source = textwrap.dedent(
        """\
        import os

        def ok(a: int) -> int:
            return a

        def broken(:
            pass

        class After:
            def method(self): pass
        """
    )
    facts = analyze_python(context=CONTEXT, text=source)
    (diagnostic,) = facts.diagnostics
    assert diagnostic.line == 6
    assert diagnostic.message.startswith("syntax error at line 6: ")
    assert diagnostic.path == CONTEXT.path
    assert facts.module is not None
    names = [item.qualname for item in facts.module.symbols]
    assert "ok" in names and "After" in names and "After.method" in names
    assert [item.module for item in facts.module.imports] == ["os"]


def test_unclosed_bracket_keeps_what_came_before() -> None:
    source = 'LIMIT = 3\n\ndef f(x):\n    return x\n\nDATA = {"a": [1, 2\n'
    facts = analyze_python(context=CONTEXT, text=source)
    assert len(facts.diagnostics) == 1
    assert facts.diagnostics[0].message.startswith("syntax error at line ")
    assert facts.module is not None
    assert [item.name for item in facts.module.symbols][:2] == ["LIMIT", "f"]


def test_python_2_source_is_read_but_reported() -> None:
    source = 'def main():\n    print "hello"\n'
    facts = analyze_python(context=CONTEXT, text=source)
    (diagnostic,) = facts.diagnostics
    assert diagnostic.line == 2
    assert "print" in diagnostic.message
    assert facts.module is not None
    assert [item.name for item in facts.module.symbols] == ["main"]


def test_null_bytes_give_a_diagnostic_not_an_exception() -> None:
    facts = analyze_python(context=CONTEXT, text="def f():\n    pass\n\x00\n")
    assert len(facts.diagnostics) == 1
    assert facts.module is not None
    assert [item.name for item in facts.module.symbols] == ["f"]


def test_fallback_reads_parameters_of_every_kind() -> None:
    source = "type X = int\ndef f(a, b=1, /, c: int = 2, *args, d, e: str = 'e', **kw): pass\n"
    module = analyze_python(context=CONTEXT, text=source).module
    assert module is not None
    assert module.symbols[1].parameters == (
        Parameter("a", kind="positional_only"),
        Parameter("b", default="1", kind="positional_only"),
        Parameter("c", "int", "2"),
        Parameter("args", kind="var_positional"),
        Parameter("d", kind="keyword_only"),
        Parameter("e", "str", "'e'", kind="keyword_only"),
        Parameter("kw", kind="var_keyword"),
    )


def test_fallback_output_survives_pickling() -> None:
    import pickle

    facts = analyze_python(context=CONTEXT, text=GENERIC)
    assert pickle.loads(pickle.dumps(facts)) == facts


@pytest.mark.parametrize(
    "source",
    [
        "".join("    " * depth + "if x:\n" for depth in range(3_000)) + "    " * 3_000 + "import deep\n",
        "".join("    " * depth + f"class C{depth}:\n" for depth in range(3_000)) + "    " * 3_000 + "pass\n",
    ],
    ids=["blocks", "classes"],
)
def test_thousands_of_nested_blocks_do_not_exhaust_the_stack(source: str) -> None:
    facts = analyze_python(context=CONTEXT, text=source)
    assert facts.module is not None
    assert facts.module.line_count == 3_001
    assert len(facts.diagnostics) == 1


def test_docstring_with_an_invalid_escape_is_read_without_warnings() -> None:
    # pytest turns warnings into errors here: a leaked one would lose the docstring.
    source = 'type X = int\n\ndef match():\n    """Match \\d+ digits."""\n'
    module = analyze_python(context=CONTEXT, text=source).module
    assert module is not None
    assert module.symbols[1].docstring == "Match \\d+ digits."
