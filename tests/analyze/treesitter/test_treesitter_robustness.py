"""Bad input never raises: syntax errors keep what parsed, odd files give empty modules."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from typing import Any

import pytest

from codedoc.analyze.facts import FileContext
from codedoc.analyze.treesitter import TREE_SITTER_ANALYZERS
from codedoc.model import FileCategory, Language

Analyze = Callable[..., Any]

ALL_LANGUAGES = [Language.JAVASCRIPT, Language.TYPESCRIPT, Language.TSX, Language.GO, Language.JAVA, Language.RUST]
PATHS = {
    Language.JAVASCRIPT: "a.js",
    Language.TYPESCRIPT: "a.ts",
    Language.TSX: "a.tsx",
    Language.GO: "a.go",
    Language.JAVA: "A.java",
    Language.RUST: "src/a.rs",
}
DEEP = {
    Language.JAVASCRIPT: "x = " + "[" * 5000 + "]" * 5000 + ";\nexport function kept() {}\n",
    Language.TYPESCRIPT: "x = " + "(" * 5000 + "1" + ")" * 5000 + ";\nexport function kept() {}\n",
    Language.TSX: "const x = " + "<a>" * 2000 + "</a>" * 2000 + ";\nexport function kept() {}\n",
    Language.GO: "package p\nfunc kept() {" + "{" * 5000 + "}" * 5000 + "}\n",
    Language.JAVA: "class kept { int x = " + "(" * 5000 + "1" + ")" * 5000 + "; }\n",
    Language.RUST: "fn kept() { " + "[" * 5000 + "1" + "]" * 5000 + "; }\n",
}
BROKEN = {
    Language.JAVASCRIPT: "export function kept(a) { return a; }\n\nfunction broken( {\n",
    Language.TYPESCRIPT: "export function kept(a: number): number { return a; }\n\nexport function (((( {\n",
    Language.TSX: "export const kept = () => <div/>;\n\nconst broken = <div><span></div>;\n",
    Language.GO: "package p\n\nfunc kept() int { return 1 }\n\nfunc broken( {\n",
    Language.JAVA: "class Kept {\n  void kept() {}\n}\n\nclass Broken { void x( { }\n",
    Language.RUST: "pub fn kept() -> u8 { 1 }\n\nfn broken( {\n",
}


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_every_language_has_an_analyzer(language: Language) -> None:
    assert language in TREE_SITTER_ANALYZERS


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_syntax_error_keeps_what_parsed_and_reports_the_line(analyze: Analyze, language: Language) -> None:
    result = analyze(language, PATHS[language], BROKEN[language])
    assert any("kept" in name for name in result.qualnames)
    [diagnostic] = result.facts.diagnostics
    assert diagnostic.path == PATHS[language]
    assert diagnostic.line is not None and diagnostic.line >= 3
    assert diagnostic.message == f"syntax error near line {diagnostic.line}"


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_empty_file_gives_an_empty_module(analyze: Analyze, language: Language) -> None:
    result = analyze(language, PATHS[language], "")
    assert (result.module.symbols, result.module.imports, result.module.line_count) == ((), (), 0)
    assert result.facts.diagnostics == ()


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_very_deep_nesting_does_not_raise(analyze: Analyze, language: Language) -> None:
    result = analyze(language, PATHS[language], DEEP[language])
    assert any("kept" in name for name in result.qualnames)


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_binary_junk_gives_a_diagnostic_not_an_exception(analyze: Analyze, language: Language) -> None:
    junk = "\x00\x01\ufffd\ud800 }{ ][ )( <<< \x7f" * 200
    result = analyze(language, PATHS[language], junk)
    assert result.facts.module is not None
    assert len(result.facts.diagnostics) == 1


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_results_survive_pickling_for_worker_processes(analyze: Analyze, language: Language) -> None:
    result = analyze(language, PATHS[language], BROKEN[language])
    assert pickle.loads(pickle.dumps(result.facts)) == result.facts


def test_module_carries_the_context_name_package_flag_and_line_count() -> None:
    context = FileContext(
        path="src/lib.rs",
        language=Language.RUST,
        category=FileCategory.CODE,
        module_name="crate",
        is_package=True,
    )
    facts = TREE_SITTER_ANALYZERS[Language.RUST](context=context, text="fn a() {}\n\nfn b() {}")
    assert facts.module is not None
    assert (facts.module.name, facts.module.is_package, facts.module.line_count) == ("crate", True, 3)
    assert facts.module.language == Language.RUST
