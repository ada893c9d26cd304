"""`documentation.md`: every page in nav order, headings shifted, links turned into anchors."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from codedoc.publish.single_page import single_page
from codedoc.write.offline import write_site
from codedoc.write.pages import Page, PageKind
from codedoc.write.plan import plan_site
from codedoc.write.verify import verify_pages
from write.factories import FACTORIES, web_service


def document(name: str = "web-service") -> tuple[str, tuple[Page, ...]]:
    model = FACTORIES[name]()
    pages, _ = verify_pages(write_site(plan_site(model), model), model)
    return single_page(plan_site(model).site_name, pages), pages


def test_document_has_every_page_in_order_under_a_level_two_heading() -> None:
    text, pages = document()
    lines = text.split("\n")
    assert lines[0] == "# shop documentation"
    level_two = [line for line in lines if line.startswith("## ")]
    # Each page's own title is now a level-2 heading, in plan order.
    titles = [line for line in level_two if line in {"## " + p.markdown.split("\n")[0][2:] for p in pages}]
    assert titles == ["## " + p.markdown.split("\n")[0][2:] for p in pages]


def test_document_shifts_headings_but_not_code() -> None:
    page = Page("index.md", "Home", PageKind.OVERVIEW, "# Home\n\n## Part\n\n```python\n# comment\n```\n")
    text = single_page("x", (page,))
    assert "\n## Home\n" in text and "\n### Part\n" in text and "\n# comment\n" in text


def test_document_links_point_to_anchors_that_exist() -> None:
    text, _ = document()
    html = MarkdownIt("commonmark").render(text)
    targets = set(re.findall(r'href="#([^"]+)"', html))
    assert targets
    anchors = set()
    seen: dict[str, int] = {}
    for heading in re.findall(r"^#{1,6} (.*)$", text, re.M):
        base = re.sub(r"[^\w\- ]", "", heading.replace("`", "").replace("\\", "").strip().lower()).replace(" ", "-")
        count = seen.get(base, 0)
        seen[base] = count + 1
        anchors.add(base if count == 0 else f"{base}-{count}")
    assert targets <= anchors
    assert ".md)" not in text


def test_document_keeps_external_links_and_unwraps_unknown_ones() -> None:
    pages = (
        Page(
            "index.md",
            "Home",
            PageKind.OVERVIEW,
            "# Home\n\n[web](https://example.com) [a](components/a.md) [b](nope.md)",
        ),
        Page("components/a.md", "A", PageKind.COMPONENT, "# A\n\n[home](../index.md)"),
    )
    text = single_page("x", pages)
    assert "[web](https://example.com) [a](#a) b" in text
    assert "[home](#home)" in text


def test_document_gives_a_page_without_heading_one_from_its_title() -> None:
    text = single_page("x", (Page("cli.md", "Command line", PageKind.CLI, "Just text.\n"),))
    assert "## Command line\n\nJust text." in text
    assert "- [Command line](#command-line)" in text


def test_document_for_every_factory_contains_all_pages() -> None:
    for name in FACTORIES:
        text, pages = document(name)
        for page in pages:
            first = page.markdown.split("\n", 1)[0]
            assert "#" + first in text, (name, page.path)
    assert web_service().repository.name == "shop"
