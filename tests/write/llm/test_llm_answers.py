"""Answers are untrusted: validated, repaired where safe, and reduced to plain prose."""

from __future__ import annotations

import pytest

from codedoc.write.llm.answers import Answer, AnswerError, clean_markdown, parse_answer


def test_valid_answer_is_parsed() -> None:
    assert parse_answer('{"summary": "Does X.", "key_points": ["One.", "Two."]}') == Answer("Does X.", ("One.", "Two."))


def test_fenced_json_with_trailing_comma_and_chatter_is_repaired() -> None:
    text = 'Here you go:\n```json\n{"summary": "Does X.", "key_points": ["One.",],}\n```'
    assert parse_answer(text) == Answer("Does X.", ("One.",))


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "empty"),
        ("## Summary\n\n", "empty"),
        ('{"summary": "unfinished', "cut off before its first sentence ended"),
        ('{"summary": [1, 2', "no non-empty"),
        ('{"summary": "a"]', "malformed"),
        ('{"summary": 3}', "no non-empty"),
        ('{"summary": "ok", "key_points": "one"}', "must be a list"),
        ('{"summary": "' + "x" * 30_000 + '"}', "too long"),
    ],
)
def test_unusable_answers_say_why(text: str, problem: str) -> None:
    with pytest.raises(AnswerError, match=problem):
        parse_answer(text)


def test_code_blocks_diagrams_links_and_html_never_survive() -> None:
    text = (
        "## Heading\nUses [the docs](https://evil.example) and <script>alert(1)</script>.\n"
        "```mermaid\ngraph TD; A-->B\n```\n![x](http://img.example/a.png) See https://evil.example/x now."
    )
    cleaned = clean_markdown(text)
    for banned in ("##", "https://", "<script>", "mermaid", "graph TD", "![", "]("):
        assert banned not in cleaned
    assert cleaned.startswith("Heading\nUses the docs and alert(1).")


def test_too_many_key_points_are_cut() -> None:
    points = ", ".join(f'"Point {i}."' for i in range(10))
    assert len(parse_answer(f'{{"summary": "S.", "key_points": [{points}]}}').key_points) == 6


def test_plain_prose_is_the_summary_and_its_list_items_the_key_points() -> None:
    text = "Sure, here is the summary:\n\n## Overview\n\nThe cart keeps items.\nIt adds them up.\n\n- One.\n- Two."
    assert parse_answer(text) == Answer("The cart keeps items. It adds them up.", ("One.", "Two."))


def test_truncated_json_keeps_whole_sentences_and_drops_the_cut_point() -> None:
    text = '{"summary": "Does X. Then it does", "key_points": ["One.", "Tw'
    assert parse_answer(text) == Answer("Does X.", ("One.",))


def test_dangling_key_of_truncated_json_is_dropped() -> None:
    assert parse_answer('{"summary": "Does X.", "key_po') == Answer("Does X.")
