"""Escaping: text from repositories can neither inject HTML nor break tables, code spans or fences."""

from __future__ import annotations

import markdown as python_markdown
from markdown_it import MarkdownIt

from codedoc.write.markdown import (
    cell_code,
    code,
    code_span_ranges,
    fence,
    first_sentence,
    neutralize_html,
    split_fenced,
    table,
    text,
)


def render_mkdocs(source: str) -> str:
    """As MkDocs renders it (Python-Markdown with tables and fenced code)."""
    return python_markdown.markdown(source, extensions=["tables", "fenced_code"])


def render_gfm(source: str) -> str:
    """As GitHub-style CommonMark renders it, raw HTML allowed (the worst case)."""
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(source)


def test_text_turns_html_into_entities_in_both_renderers() -> None:
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    for render in (render_mkdocs, render_gfm):
        html = render(text(hostile))
        assert "<script" not in html
        assert "<img" not in html


def test_text_neutralises_links_and_emphasis() -> None:
    html = render_gfm(text("[click](javascript:alert(1)) *bold* _it_ `code`"))
    assert "<a" not in html
    assert "<em>" not in html and "<strong>" not in html and "<code>" not in html


def test_text_is_one_line_without_control_or_bidi_characters() -> None:
    assert text("a\nb\r\nc\x1b[31m\u202eZ") == "a b cZ"


def test_text_cuts_long_values() -> None:
    assert len(text("x" * 1000, limit=50)) == 50


def test_code_span_survives_backticks_inside() -> None:
    span = code("a ``b`` c")
    assert render_gfm(span).strip() == "<p><code>a ``b`` c</code></p>"


def test_cell_code_uses_escaped_text_for_values_with_a_pipe() -> None:
    source = table(("Type",), [(cell_code("str | None"),)])
    for render in (render_mkdocs, render_gfm):
        html = render(source)
        assert html.count("<td>") == 1
        assert "str | None" in html


def test_table_rows_keep_their_column_count_whatever_the_cells_hold() -> None:
    source = table(("A", "B"), [(code("x|y"), text("p|q\nr")), ("", "")])
    for render in (render_mkdocs, render_gfm):
        html = render(source)
        assert html.count("<td>") == 4, html
        assert "x|y" in html


def test_fence_is_longer_than_any_backtick_run_in_its_content() -> None:
    block = fence("before\n````\nafter", "python")
    assert block.startswith("`````python\n")
    assert "<p>after</p>" not in render_gfm(block)


def test_neutralize_html_escapes_tags_but_leaves_code_alone() -> None:
    prose = "Uses <b>bold</b> and `a<b>` here.\n\n```\n<keep>\n```"
    result = neutralize_html(prose)
    assert "&lt;b&gt;bold&lt;/b&gt;" in result
    assert "`a<b>`" in result
    assert "\n<keep>\n" in result


def test_split_fenced_marks_fence_lines_and_content() -> None:
    lines = split_fenced("a\n```py\n# x\n```\nb\n~~~~\n```\n~~~~")
    assert [fenced for _, fenced in lines] == [False, True, True, True, False, True, True, True]


def test_code_span_ranges_follow_backtick_run_lengths() -> None:
    line = "x `a` y ``b ` c`` \\`not` z"
    spans = [line[s:e] for s, e in code_span_ranges(line)]
    assert spans == ["`a`", "``b ` c``"]


def test_first_sentence_of_a_docstring() -> None:
    assert first_sentence("Send one request. Then more.\n\nArgs: x") == "Send one request."
    assert first_sentence("e.g. this stays whole") == "e.g. this stays whole"
    assert first_sentence(None) == ""


def test_a_first_sentence_keeps_a_role_on_its_own_line_and_shortens_tilde_names() -> None:
    docstring = "Common behavior shared between :class:`~flask.Flask` and\n:class:`~flask.blueprints.Blueprint`.\n"
    assert first_sentence(docstring) == "Common behavior shared between Flask and Blueprint."
    assert first_sentence(":copyright: 2010 Pallets\n\nThe real summary.") == "The real summary."


def test_a_first_sentence_skips_rst_directives_comments_and_targets() -> None:
    """SQLAlchemy's PostgreSQL dialect opens with `.. dialect::` and a target before any prose."""
    docstring = (
        ".. dialect:: postgresql\n    :name: PostgreSQL\n    :normal_support: 9.6+\n\n"
        ".. _postgresql_sequences:\n\nSequences/SERIAL/IDENTITY\n-------------------------\n\n"
        "PostgreSQL supports sequences. More follows.\n"
    )
    assert first_sentence(docstring) == "PostgreSQL supports sequences."
    assert first_sentence("Ellipsis... then prose.") == "Ellipsis... then prose."


def test_code_span_ranges_pair_single_backticks_in_order() -> None:
    line = "`a` and `b.c()` then a lone ` tick"
    assert [line[s:e] for s, e in code_span_ranges(line)] == ["`a`", "`b.c()`"]


def test_code_span_ranges_skip_an_escaped_backtick() -> None:
    line = "\\\\`a` \\`b` `c`"
    assert [line[s:e] for s, e in code_span_ranges(line)] == ["`a`", "` `"]
