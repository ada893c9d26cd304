"""What the Python analyser finds in a file: symbols, their kinds, signatures and spans."""

from __future__ import annotations

import dataclasses
import textwrap

import pytest

from codedoc.analyze.facts import FileContext
from codedoc.analyze.python import analyze_python
from codedoc.model import FileCategory, Language, Location, Module, Parameter, Symbol, SymbolKind, Visibility


def analyze(
    source: str,
    path: str = "pkg/mod.py",
    module_name: str = "pkg.mod",
    is_package: bool = False,
    category: FileCategory = FileCategory.CODE,
) -> Module:
    context = FileContext(path, Language.PYTHON, category, module_name, is_package)
    facts = analyze_python(context=context, text=textwrap.dedent(source))
    assert facts.module is not None
    return facts.module


def symbol(module: Module, qualname: str) -> Symbol:
    found = [item for item in module.symbols if item.qualname == qualname]
    assert len(found) == 1, f"{qualname} in {[item.qualname for item in module.symbols]}"
    return found[0]


@pytest.mark.parametrize(
    ("source", "qualname", "kind"),
    [
        ("class A: pass", "A", SymbolKind.CLASS),
        ("def f(): pass", "f", SymbolKind.FUNCTION),
        ("async def f(): pass", "f", SymbolKind.FUNCTION),
        ("class A:\n    def m(self): pass", "A.m", SymbolKind.METHOD),
        ("class A:\n    @staticmethod\n    def m(): pass", "A.m", SymbolKind.METHOD),
        ("class A:\n    @property\n    def p(self): pass", "A.p", SymbolKind.PROPERTY),
        ("class A:\n    @cached_property\n    def p(self): pass", "A.p", SymbolKind.PROPERTY),
        ("class A:\n    @functools.cached_property\n    def p(self): pass", "A.p", SymbolKind.PROPERTY),
        ("class Color(Enum): pass", "Color", SymbolKind.ENUM),
        ("class Color(enum.IntEnum): pass", "Color", SymbolKind.ENUM),
        ("class Color(StrEnum): pass", "Color", SymbolKind.ENUM),
        ("class Perm(Flag): pass", "Perm", SymbolKind.ENUM),
        ("class Reader(Protocol): pass", "Reader", SymbolKind.INTERFACE),
        ("class Reader(typing.Protocol[T]): pass", "Reader", SymbolKind.INTERFACE),
        ("class Base(ABC): pass", "Base", SymbolKind.INTERFACE),
        ("class Base(metaclass=abc.ABCMeta): pass", "Base", SymbolKind.INTERFACE),
        ("MAX_SIZE = 10", "MAX_SIZE", SymbolKind.CONSTANT),
        ("_PRIVATE_LIMIT = 3", "_PRIVATE_LIMIT", SymbolKind.CONSTANT),
        ("timeout: Final = 5", "timeout", SymbolKind.CONSTANT),
        ("name: str = 'x'", "name", SymbolKind.VARIABLE),
        ("registry: dict[str, int]", "registry", SymbolKind.VARIABLE),
        ("Session = sessionmaker()", "Session", SymbolKind.VARIABLE),
        ("__version__ = '1.0'", "__version__", SymbolKind.VARIABLE),
        ("Json: TypeAlias = dict[str, 'Json']", "Json", SymbolKind.TYPE),
        ("Headers = dict[str, str]", "Headers", SymbolKind.TYPE),
        ("MaybeInt = int | None", "MaybeInt", SymbolKind.TYPE),
        ("T = TypeVar('T')", "T", SymbolKind.TYPE),
        ("P = typing.ParamSpec('P')", "P", SymbolKind.TYPE),
        ("DEFAULT_PORT = settings['port']", "DEFAULT_PORT", SymbolKind.CONSTANT),
        ("UserId = NewType('UserId', int)", "UserId", SymbolKind.TYPE),
        ("Model = models.Model", "Model", SymbolKind.TYPE),
        ("class A:\n    x: int = 3", "A.x", SymbolKind.FIELD),
        ("class A:\n    x = 3", "A.x", SymbolKind.FIELD),
        ("class A:\n    x: ClassVar[int]", "A.x", SymbolKind.FIELD),
    ],
)
def test_symbol_kind(source: str, qualname: str, kind: SymbolKind) -> None:
    assert symbol(analyze(source), qualname).kind == kind


@pytest.mark.parametrize(
    "source",
    [
        "log = logging.getLogger(__name__)",
        "x, y = 1, 2",
        "cache = {}",
        "self_test = lambda: None",
        "def f():\n    def inner(): pass\n    class Local: pass",
        "class A:\n    __slots__ = ('x',)",
        "class A:\n    def m(self):\n        self.x = 1",
    ],
)
def test_minor_names_are_left_out(source: str) -> None:
    module = analyze(source)
    assert {item.qualname for item in module.symbols} <= {"f", "A", "A.m"}


@pytest.mark.parametrize(
    ("source", "parameters"),
    [
        ("def f(): pass", ()),
        ("def f(a, b=1): pass", (Parameter("a"), Parameter("b", default="1"))),
        (
            "def f(a, /, b, *, c): pass",
            (
                Parameter("a", kind="positional_only"),
                Parameter("b"),
                Parameter("c", kind="keyword_only"),
            ),
        ),
        (
            "def f(*args: int, key: str = 'k', **kwargs: Any): pass",
            (
                Parameter("args", "int", kind="var_positional"),
                Parameter("key", "str", "'k'", kind="keyword_only"),
                Parameter("kwargs", "Any", kind="var_keyword"),
            ),
        ),
        (
            "def f(a=1, /, b=2, *rest, c, d=None, **extra): pass",
            (
                Parameter("a", default="1", kind="positional_only"),
                Parameter("b", default="2"),
                Parameter("rest", kind="var_positional"),
                Parameter("c", kind="keyword_only"),
                Parameter("d", default="None", kind="keyword_only"),
                Parameter("extra", kind="var_keyword"),
            ),
        ),
        ("def f(x: 'Forward' = DEFAULT): pass", (Parameter("x", "'Forward'", "DEFAULT"),)),
    ],
)
def test_parameters_of_every_kind(source: str, parameters: tuple[Parameter, ...]) -> None:
    assert symbol(analyze(source), "f").parameters == parameters


@pytest.mark.parametrize(
    ("source", "qualname", "signature"),
    [
        (
            "class Session:\n    def get(self, url: str, **kwargs) -> Response: ...",
            "Session.get",
            "def get(self, url: str, **kwargs) -> Response",
        ),
        (
            "async def fetch(url, *, timeout: float = 5.0): ...",
            "fetch",
            "async def fetch(url, *, timeout: float = 5.0)",
        ),
        ("def f(a, /, b, *args, c, **kw): ...", "f", "def f(a, /, b, *args, c, **kw)"),
        ("def f(a, b, /): ...", "f", "def f(a, b, /)"),
        ("class Session(SessionRedirectMixin): pass", "Session", "class Session(SessionRedirectMixin)"),
        ("class Plain: pass", "Plain", "class Plain"),
        ("class M(Base, metaclass=Meta): pass", "M", "class M(Base, metaclass=Meta)"),
        ("class A:\n    name: str = 'x'", "A.name", "name: str = 'x'"),
        ("LIMIT = 10", "LIMIT", "LIMIT = 10"),
        (
            "def f(items: list[int] = [1, 2]) -> dict[str, int] | None: ...",
            "f",
            "def f(items: list[int] = [1, 2]) -> dict[str, int] | None",
        ),
    ],
)
def test_signature_is_one_line_as_written(source: str, qualname: str, signature: str) -> None:
    assert symbol(analyze(source), qualname).signature == signature


def test_multi_line_header_becomes_one_tidy_line() -> None:
    module = analyze(
        """\
        @app.route(
            "/users/<int:id>",
            methods=["GET", "POST"],
        )
        def user(
            id: int,
            verbose: bool = False,
        ) -> dict[
            str, Any
        ]:
            pass
        """
    )
    user = symbol(module, "user")
    assert user.decorators == ('app.route("/users/<int:id>", methods=["GET", "POST"])',)
    assert user.signature == "def user(id: int, verbose: bool = False) -> dict[str, Any]"


def test_comment_inside_a_multi_line_decorator_is_left_out() -> None:
    module = analyze(
        """\
        @register(
            "name",  # the public name
        )
        def f(): pass
        """
    )
    assert symbol(module, "f").decorators == ('register("name")',)


def test_decorators_as_written_without_at() -> None:
    module = analyze(
        """\
        @dataclass(frozen=True)
        class A:
            @staticmethod
            @functools.lru_cache(maxsize=None)
            def m(): pass
        """
    )
    assert symbol(module, "A").decorators == ("dataclass(frozen=True)",)
    assert symbol(module, "A.m").decorators == ("staticmethod", "functools.lru_cache(maxsize=None)")


def test_location_starts_at_the_first_decorator_and_ends_at_the_last_line() -> None:
    module = analyze(
        """\
        import os


        @first
        @second(
            1,
        )
        class A:
            x = 1

            @property
            def p(self):
                return 1
            # trailing comment
        """
    )
    assert symbol(module, "A").location == Location("pkg/mod.py", 4, 13)
    assert symbol(module, "A.p").location == Location("pkg/mod.py", 11, 13)
    assert symbol(module, "A.x").location == Location("pkg/mod.py", 9, 9)


def test_docstrings_are_cleaned() -> None:
    module = analyze(
        '''\
        """Module summary.

            Indented detail.
        """

        class A:
            """Class summary.

            More about the class.
            """

            def m(self):
                """Method summary."""

        def f():
            x = 1
            """Not a docstring: not the first statement."""
        '''
    )
    assert module.docstring == "Module summary.\n\nIndented detail."
    assert symbol(module, "A").docstring == "Class summary.\n\nMore about the class."
    assert symbol(module, "A.m").docstring == "Method summary."
    assert symbol(module, "f").docstring is None


def test_attribute_docstrings_follow_their_assignment() -> None:
    module = analyze(
        '''\
        TIMEOUT = 5
        """Seconds to wait."""

        class Config:
            name: str = "x"
            """The display name."""
            size: int = 1
        '''
    )
    assert symbol(module, "TIMEOUT").docstring == "Seconds to wait."
    assert symbol(module, "Config.name").docstring == "The display name."
    assert symbol(module, "Config.size").docstring is None


@pytest.mark.parametrize(
    ("source", "qualname", "expected"),
    [
        ("def public(): pass", "public", Visibility.PUBLIC),
        ("def _helper(): pass", "_helper", Visibility.PRIVATE),
        ("class A:\n    def __init__(self): pass", "A.__init__", Visibility.PUBLIC),
        ("class A:\n    def __secret(self): pass", "A.__secret", Visibility.PRIVATE),
        ("class _Hidden:\n    def run(self): pass", "_Hidden.run", Visibility.PRIVATE),
        ("class _Hidden:\n    class Inner:\n        x: int", "_Hidden.Inner.x", Visibility.PRIVATE),
        ("_LIMIT = 1", "_LIMIT", Visibility.PRIVATE),
    ],
)
def test_visibility(source: str, qualname: str, expected: Visibility) -> None:
    assert symbol(analyze(source), qualname).visibility == expected


def test_nested_class_has_the_enclosing_qualname_as_parent() -> None:
    module = analyze(
        """\
        class Outer:
            class Meta:
                ordering = ["name"]
                def m(self): pass
        """
    )
    assert symbol(module, "Outer").parent is None
    assert symbol(module, "Outer.Meta").parent == "Outer"
    assert symbol(module, "Outer.Meta.ordering").parent == "Outer.Meta"
    assert symbol(module, "Outer.Meta.m").kind == SymbolKind.METHOD
    assert symbol(module, "Outer.Meta.m").parent == "Outer.Meta"


def test_conditional_definitions_keep_the_first() -> None:
    module = analyze(
        """\
        import sys
        if sys.version_info >= (3, 12):
            def compat(a): pass
        else:
            def compat(a, b): pass
        try:
            from fast import Impl
        except ImportError:
            class Impl:
                def run(self): pass
        finally:
            DONE = True
        class A:
            if TYPE_CHECKING:
                def typed(self) -> int: ...
        """
    )
    assert symbol(module, "compat").location.start_line == 3
    assert [item.name for item in symbol(module, "compat").parameters] == ["a"]
    assert symbol(module, "Impl.run").parent == "Impl"
    assert symbol(module, "DONE").kind == SymbolKind.CONSTANT
    assert symbol(module, "A.typed").kind == SymbolKind.METHOD


def test_overloads_give_way_to_the_implementation() -> None:
    module = analyze(
        """\
        @overload
        def get(key: int) -> int: ...
        @overload
        def get(key: str) -> str: ...
        def get(key):
            return key
        """
    )
    get = symbol(module, "get")
    assert get.location.start_line == 5
    assert get.signature == "def get(key)"


def test_overloads_without_implementation_keep_the_first() -> None:
    module = analyze(
        """\
        class Stub:
            @typing.overload
            def get(self, key: int) -> int: ...
            @typing.overload
            def get(self, key: str) -> str: ...
        """
    )
    assert symbol(module, "Stub.get").signature == "def get(self, key: int) -> int"


def test_complexity_is_that_of_the_definition_kept() -> None:
    module = analyze(
        """\
        @overload
        def get(key: int) -> int: ...
        def get(key):
            if key and key > 0:
                return key
            return 0
        if PY2:
            def compat(): pass
        else:
            def compat():
                for _ in range(3):
                    pass
        """
    )
    assert symbol(module, "get").complexity == 3
    assert symbol(module, "compat").complexity == 1


# `type X = …` needs Python 3.12: before that, the file goes to the tree-sitter fallback.
@pytest.mark.parametrize("tail", ["", "type Pair = tuple[int, int]\n"])
def test_functions_of_test_files_carry_no_complexity(tail: str) -> None:
    source = "def check(x):\n    if x:\n        return 1\n    return 2\n" + tail
    product = analyze(source)
    tests = analyze(source, path="tests/test_mod.py", module_name="tests.test_mod", category=FileCategory.TEST)
    assert symbol(product, "check").complexity == 2
    found = symbol(tests, "check")
    assert found.complexity is None
    assert found == dataclasses.replace(symbol(product, "check"), location=found.location, complexity=None)


def test_property_setter_does_not_duplicate_the_property() -> None:
    module = analyze(
        """\
        class A:
            @property
            def size(self) -> int: return 1
            @size.setter
            def size(self, value: int) -> None: pass
        """
    )
    size = symbol(module, "A.size")
    assert size.kind == SymbolKind.PROPERTY
    assert size.returns == "int"


def test_long_values_are_cut_to_about_80_characters() -> None:
    module = analyze(
        "TABLE = [" + ", ".join(str(n) for n in range(200)) + "]\nBIG = {\n" + "    'k': 1,\n" * 100 + "}\n"
    )
    table, big = symbol(module, "TABLE"), symbol(module, "BIG")
    assert table.value is not None and table.value.startswith("[0, 1, 2") and len(table.value) <= 80
    assert table.value.endswith("…")
    assert big.value is not None and big.value.startswith("{'k': 1, 'k': 1") and big.value.endswith("…")
    assert len(big.value) <= 80


def test_text_after_non_ascii_characters_is_sliced_by_characters() -> None:
    module = analyze("GREETING: 'Grüße' = 'héllo wörld'  # ünïcode\n")
    greeting = symbol(module, "GREETING")
    assert greeting.signature == "GREETING: 'Grüße' = 'héllo wörld'"


def test_windows_line_endings_give_the_same_symbols() -> None:
    source = "class A:\r\n    X: int = 1\r\n\r\n    def m(self,\r\n          a): pass\r\n"
    module = analyze(source)
    assert symbol(module, "A.X").signature == "X: int = 1"
    assert symbol(module, "A.m").location == Location("pkg/mod.py", 4, 5)
    assert module.line_count == 5
