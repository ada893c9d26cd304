from __future__ import annotations

import pytest

from codedoc.analyze.treesitter.parsing import count_lines, one_line, parse, string_value, syntax_diagnostic
from codedoc.analyze.treesitter.queries import PATTERNS
from codedoc.model import Language


@pytest.mark.parametrize("language", list(PATTERNS))
def test_every_pattern_of_a_language_compiles_against_its_grammar(language: Language) -> None:
    parsed = parse(language, "x", "")
    for name in PATTERNS[language]:
        assert parsed.matches(name) == []


def test_string_value_strips_quotes_and_refuses_interpolation() -> None:
    parsed = parse(Language.JAVASCRIPT, "x.js", "f('a', \"b\", `c`, `d${e}`, g);")
    call = parsed.root.named_children[0].named_children[0]
    arguments = call.child_by_field_name("arguments")
    assert arguments is not None
    assert [string_value(parsed, a) for a in arguments.named_children] == ["a", "b", "c", None, None]


def test_rust_raw_strings_are_plain_strings() -> None:
    parsed = parse(Language.RUST, "x.rs", 'const A: &str = r#"raw "text""#;')
    value = parsed.root.named_children[0].child_by_field_name("value")
    assert string_value(parsed, value) == 'raw "text"'


def test_clean_parse_has_no_diagnostic() -> None:
    assert syntax_diagnostic(parse(Language.GO, "a.go", "package a\n")) is None


def test_one_line_collapses_whitespace_and_cuts_long_text() -> None:
    assert one_line("def  f(\n    a,\n    b)") == "def f( a, b)"
    assert one_line("x" * 300, 10) == "xxxxxxxxx…"


def test_count_lines_counts_a_last_line_without_newline() -> None:
    assert (count_lines(""), count_lines("a\n"), count_lines("a\nb")) == (0, 1, 2)
