"""A generated site's navigation and search, as the viewer builds them."""

from __future__ import annotations

from codedoc.service.web.docsite import NavItem, SearchIndex, page_order, parse_nav

MKDOCS = """
site_name: demo
nav:
- Overview: index.md
- Architecture: architecture.md
- Components:
  - api: components/api.md
  - cli: components/cli.md
- Gone: missing.md
- Outside: ../../etc/passwd.md
- API reference:
  - Index: reference/index.md
"""


def test_nav_follows_mkdocs_yml_drops_missing_and_unsafe_pages_and_appends_unlisted_ones() -> None:
    pages = ["index.md", "architecture.md", "components/api.md", "components/cli.md", "reference/index.md", "extra.md"]
    nav = parse_nav(MKDOCS, pages)
    assert nav == (
        NavItem("Overview", "index.md"),
        NavItem("Architecture", "architecture.md"),
        NavItem("Components", None, (NavItem("api", "components/api.md"), NavItem("cli", "components/cli.md"))),
        NavItem("API reference", None, (NavItem("Index", "reference/index.md"),)),
        NavItem("extra.md", "extra.md"),
    )
    assert page_order(nav) == [
        "index.md",
        "architecture.md",
        "components/api.md",
        "components/cli.md",
        "reference/index.md",
        "extra.md",
    ]


def test_a_broken_or_hostile_mkdocs_yml_still_lists_every_page() -> None:
    for config in ("nav: [unclosed", "!!python/object/apply:os.system ['echo hi']", "nav: 3", "a" * 3_000_000):
        assert page_order(parse_nav(config, ["b.md", "a.md"])) == ["a.md", "b.md"]


def test_search_finds_a_function_by_name_first_and_needs_every_word() -> None:
    pages = {
        "reference/core.md": "# `core`: API reference\n\n## `make_widget` (function)\n\n"
        "Build one widget called name.\n\n## `Widget` (class)\n\nA widget; see make_widget.\n",
        "index.md": "# Overview\n\nWidgets are made by the factory.\n",
    }
    index = SearchIndex.build(pages, {"index.md": "Overview"})
    hits = index.search("make_widget")
    assert [(hit.page, hit.anchor) for hit in hits] == [
        ("reference/core.md", "make_widget-function"),
        ("reference/core.md", "widget-class"),
    ]
    assert hits[0].page_title == "core: API reference"
    assert "Build one widget" in hits[0].snippet
    assert [hit.anchor for hit in index.search("WIDGET factory")] == ["overview"]
    assert index.search("widget nowhere") == []
    assert index.search("   ") == []
