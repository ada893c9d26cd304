"""Strangers' repositories: hostile names, docstrings and READMEs come out inert on every page."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown as python_markdown
import pytest
from markdown_it import MarkdownIt

from codedoc.write.markdown import split_fenced
from codedoc.write.offline import write_site
from codedoc.write.pages import Page
from codedoc.write.plan import plan_site
from codedoc.write.verify import verify_pages
from write.factories import hostile

ALLOWED_TAGS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "code",
    "pre",
    "ul",
    "ol",
    "li",
    "a",
    "strong",
    "em",
    "br",
    "hr",
    "blockquote",
    "div",
}


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def elements(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.tags


def hostile_pages() -> tuple[Page, ...]:
    model = hostile()
    pages, _ = verify_pages(write_site(plan_site(model), model), model)
    return pages


RENDERERS = {
    "mkdocs": lambda source: python_markdown.markdown(source, extensions=["tables", "fenced_code", "toc"]),
    "commonmark-with-html": lambda source: MarkdownIt("commonmark", {"html": True}).enable("table").render(source),
}


@pytest.mark.parametrize("renderer", sorted(RENDERERS))
def test_hostile_repository_renders_to_harmless_html(renderer: str) -> None:
    for page in hostile_pages():
        html = RENDERERS[renderer](page.markdown)
        for tag, attrs in elements(html):
            assert tag in ALLOWED_TAGS, (page.path, tag)
            for name, value in attrs:
                assert not name.startswith("on"), (page.path, name)
                assert not (value or "").lower().lstrip().startswith(("javascript:", "data:")), (page.path, value)


def test_hostile_text_outside_code_has_no_raw_angle_brackets() -> None:
    for page in hostile_pages():
        for line, fenced in split_fenced(page.markdown):
            if fenced:
                continue
            outside = re.sub(r"(`+)(?:(?!\1).)+?\1", "", line)
            assert "<" not in outside and ">" not in outside.lstrip("> "), (page.path, line)


def test_hostile_tables_keep_their_columns() -> None:
    for page in hostile_pages():
        html = RENDERERS["commonmark-with-html"](page.markdown)
        for table in re.findall(r"<table>(.*?)</table>", html, re.S):
            head = len(re.findall(r"<th[ >]", table.split("</thead>")[0]))
            for row in re.findall(r"<tr>(.*?)</tr>", table.split("</thead>")[1], re.S):
                assert len(re.findall(r"<td[ >]", row)) == head, (page.path, row)


def test_hostile_mermaid_blocks_use_generated_ids_and_clean_labels() -> None:
    for page in hostile_pages():
        for block in re.findall(r"```mermaid\n(.*?)\n```", page.markdown, re.S):
            for line in block.split("\n")[1:]:
                assert "click" not in line.split('"')[0]
                assert "javascript" not in line
                assert line.count('"') in (0, 2), line
                assert "<" not in line.replace("<|--", "")


def test_hostile_readme_is_quoted_without_its_markup() -> None:
    overview = hostile_pages()[0].markdown
    assert "Totally \\| normal library with and a link emphasis." in overview
    assert "javascript" not in overview
