"""The README sentence on the overview: the project's own description, not its news or its table of contents."""

from __future__ import annotations

from codedoc.write.offline.readme import readme_excerpt


def test_first_prose_paragraph_with_its_lines() -> None:
    readme = (
        "# Tiny\n\n[![CI](https://x/badge.svg)](https://x)\n\n"
        "Tiny is a *small* [HTTP](https://h) client.\nIt is fast.\n"
    )
    excerpt = readme_excerpt(readme)
    assert excerpt is not None
    assert (excerpt.text, excerpt.start_line, excerpt.end_line, excerpt.is_list) == (
        "Tiny is a small HTTP client. It is fast.",
        5,
        6,
        False,
    )


def test_announcement_section_is_passed_over_until_a_rule_ends_it() -> None:
    readme = (
        "# Gin\n\n## Gin 1.12.0 is now available!\n\nWe're excited to announce the release.\n\n---\n\n"
        "Gin is a high-performance HTTP web framework written in Go.\n"
    )
    excerpt = readme_excerpt(readme)
    assert excerpt is not None
    assert excerpt.text == "Gin is a high-performance HTTP web framework written in Go."
    assert excerpt.start_line == 9


def test_sponsors_and_news_headings_are_not_the_description() -> None:
    readme = "# P\n\n## Sponsors\n\nThanks to ACME.\n\n## News\n\nVersion 2 is out.\n\n## About\n\nP parses things.\n"
    excerpt = readme_excerpt(readme)
    assert excerpt is not None and excerpt.text == "P parses things."


def test_a_feature_list_is_described_by_its_top_level_items() -> None:
    readme = (
        "# Template\n\n## Technology Stack and Features\n\n- FastAPI for the backend.\n  - SQLModel for the ORM.\n"
        "- React for the frontend.\n- Docker Compose for deployment.\n\n## How to use it\n\nClick the button.\n"
    )
    excerpt = readme_excerpt(readme)
    assert excerpt is not None
    assert excerpt.is_list
    assert excerpt.text == "FastAPI for the backend; React for the frontend; Docker Compose for deployment."
    assert (excerpt.start_line, excerpt.end_line) == (5, 8)


def test_a_table_of_contents_is_not_a_description() -> None:
    readme = "# E\n\n- [Installation](#installation)\n- [Usage](#usage)\n\nE is a web framework.\n"
    excerpt = readme_excerpt(readme)
    assert excerpt is not None and excerpt.text == "E is a web framework."


def test_shortcut_reference_links_keep_their_text() -> None:
    readme = "# Flask\n\nFlask is a lightweight [WSGI] web application framework.\n\n[WSGI]: https://wsgi.rtfd.io\n"
    excerpt = readme_excerpt(readme)
    assert excerpt is not None and excerpt.text == "Flask is a lightweight WSGI web application framework."


def test_rst_titles_and_code_blocks_are_skipped() -> None:
    readme = "Title\n=====\n\n.. image:: x.png\n\n```\ncode here\n```\n\nThe Python SQL Toolkit.\n"
    excerpt = readme_excerpt(readme)
    assert excerpt is not None and (excerpt.text, excerpt.start_line) == ("The Python SQL Toolkit.", 10)


def test_nothing_to_quote() -> None:
    assert readme_excerpt(None) is None
    assert readme_excerpt("# Only a title\n\n```\ncode\n```\n") is None
    assert readme_excerpt("# P\n\n## Changelog\n\nFixed bugs.\n") is None


def test_central_class_summaries_read_rest_roles_as_their_text() -> None:
    from codedoc.write.offline.overview import module_purpose_of

    docstring = "The :class:`Response <Response>` object, which holds a ``status``.\n\nMore text."
    assert module_purpose_of(docstring) == "The Response object, which holds a status."
    assert module_purpose_of(None) == ""
    assert len(module_purpose_of("word " * 100)) == 160
