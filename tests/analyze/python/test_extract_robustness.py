"""The Python analyser on odd files, across processes, and with detectors that misbehave."""

from __future__ import annotations

import ast
import pickle
import textwrap
from concurrent.futures import ProcessPoolExecutor

import pytest

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.python import analyze_python
from codedoc.analyze.python.detection import run_detectors
from codedoc.analyze.python.extract import extract_module
from codedoc.model import FileCategory, Language, Location, Module, Route, SymbolKind

CONTEXT = FileContext("pkg/mod.py", Language.PYTHON, FileCategory.CODE, "pkg.mod")

SAMPLE = '''\
"""A sample module."""
from . import sibling
import os

__all__ = ["Client"]
LIMIT = 10


class Client:
    """Talks to the server."""

    timeout: float = 5.0

    @property
    def url(self) -> str:
        return "http://localhost"

    async def get(self, path: str, /, *, retries: int = 3, **options) -> bytes:
        import json
        return json.dumps(path).encode()
'''


def analyze(source: str) -> FileFacts:
    return analyze_python(context=CONTEXT, text=textwrap.dedent(source))


def test_empty_file_is_an_empty_module() -> None:
    facts = analyze("")
    assert facts.module == Module("pkg/mod.py", "pkg.mod", Language.PYTHON, line_count=0)
    assert facts.diagnostics == ()


def test_file_of_only_comments_has_lines_but_no_symbols() -> None:
    facts = analyze("# just a comment\n# and another\n")
    assert facts.module is not None
    assert facts.module.symbols == ()
    assert facts.module.docstring is None
    assert facts.module.line_count == 2
    assert facts.diagnostics == ()


def test_module_fields_come_from_the_context() -> None:
    context = FileContext("pkg/__init__.py", Language.PYTHON, FileCategory.CODE, "pkg", is_package=True)
    module = analyze_python(context=context, text='"""The package."""\n')
    assert module.module is not None
    assert (module.module.path, module.module.name, module.module.is_package) == ("pkg/__init__.py", "pkg", True)
    assert module.module.docstring == "The package."
    assert module.module.language == Language.PYTHON


def test_output_survives_pickling() -> None:
    facts = analyze(SAMPLE)
    assert facts.module is not None and len(facts.module.symbols) == 5
    assert pickle.loads(pickle.dumps(facts)) == facts


def test_output_crosses_a_process_boundary() -> None:
    with ProcessPoolExecutor(max_workers=1) as pool:
        facts = pool.submit(analyze_python, context=CONTEXT, text=SAMPLE).result()
    assert facts == analyze(SAMPLE)


def test_byte_order_mark_is_ignored() -> None:
    facts = analyze("\ufeff" + SAMPLE)
    assert facts.diagnostics == ()
    assert facts == analyze(SAMPLE)


def test_invalid_escape_sequences_warn_nobody() -> None:
    # pytest turns warnings into errors here, so a leaked SyntaxWarning would fail the test.
    facts = analyze('PATTERN = "\\d+"\nassert ("x", 1)\nif 1 is 1: pass\n')
    assert facts.diagnostics == (), "a warning turned error would have sent the file to the fallback"
    assert facts.module is not None
    assert facts.module.symbols[0].value == '"\\d+"'


def test_deep_expression_that_python_parses_does_not_crash() -> None:
    facts = analyze("DEEP = " + " + ".join(["1"] * 20_000) + "\n")
    assert facts.module is not None
    (deep,) = facts.module.symbols
    assert deep.name == "DEEP"
    assert deep.value is not None and len(deep.value) <= 80


@pytest.mark.parametrize(
    "source",
    [
        "X = " + "-" * 100_000 + "1\n",
        "X = " + "(" * 1_000 + ")" * 1_000 + "\n",
        "X: " + ".".join(["a"] * 50_000) + " = 1\n",
        "".join("    " * depth + "if x:\n" for depth in range(150)) + "    " * 150 + "pass\n",
        "@" + "f(" * 3_000 + ")" * 3_000 + "\ndef g(): pass\n",
    ],
    ids=["unary-chain", "nested-parentheses", "attribute-chain", "nested-blocks", "nested-calls"],
)
def test_very_deep_nesting_never_raises(source: str) -> None:
    facts = analyze_python(context=CONTEXT, text=source)
    assert facts.module is not None
    assert facts.module.line_count == source.count("\n")
    assert len(facts.diagnostics) == 1


def test_detectors_see_the_module_and_add_their_facts() -> None:
    seen: list[Module] = []

    def detect_routes(*, tree: ast.Module, module: Module, context: FileContext, text: str) -> FileFacts:
        seen.append(module)
        return FileFacts(routes=(Route("GET", "/", "pkg.mod.index", Location(context.path, 1, 1), "test"),))

    tree = ast.parse(SAMPLE)
    module = extract_module(tree, context=CONTEXT, text=SAMPLE)
    facts = run_detectors((detect_routes,), tree=tree, module=module, context=CONTEXT, text=SAMPLE)
    assert seen == [module]
    assert facts.module == module
    assert [route.path for route in facts.routes] == ["/"]


def test_a_detector_that_raises_costs_a_diagnostic_not_the_file() -> None:
    def detect_broken(*, tree: ast.Module, module: Module, context: FileContext, text: str) -> FileFacts:
        raise KeyError("boom")

    def detect_routes(*, tree: ast.Module, module: Module, context: FileContext, text: str) -> FileFacts:
        return FileFacts(routes=(Route("GET", "/", "pkg.mod.index", Location(context.path, 1, 1), "test"),))

    tree = ast.parse(SAMPLE)
    module = extract_module(tree, context=CONTEXT, text=SAMPLE)
    facts = run_detectors((detect_broken, detect_routes), tree=tree, module=module, context=CONTEXT, text=SAMPLE)
    assert facts.module == module
    assert len(facts.routes) == 1
    (diagnostic,) = facts.diagnostics
    assert diagnostic.path == "pkg/mod.py"
    assert "detect_broken" in diagnostic.message and "KeyError" in diagnostic.message


def test_sample_module_in_full() -> None:
    facts = analyze(SAMPLE)
    module = facts.module
    assert module is not None
    assert module.exports == ("Client",)
    assert [(item.module, item.names) for item in module.imports] == [("pkg", ("sibling",)), ("os", ()), ("json", ())]
    assert [(item.qualname, item.kind) for item in module.symbols] == [
        ("LIMIT", SymbolKind.CONSTANT),
        ("Client", SymbolKind.CLASS),
        ("Client.timeout", SymbolKind.FIELD),
        ("Client.url", SymbolKind.PROPERTY),
        ("Client.get", SymbolKind.METHOD),
    ]
    get = module.symbols[-1]
    assert get.is_async
    assert get.signature == "async def get(self, path: str, /, *, retries: int = 3, **options) -> bytes"
    assert get.location == Location("pkg/mod.py", 18, 20)
