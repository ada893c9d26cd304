"""Markdown → viewer HTML: safe whatever the repository wrote, links and anchors that work."""

from __future__ import annotations

import pytest

from codedoc.service.web.render import page_sections, render_page, resolve_page_link, sanitize
from codedoc.write.anchors import slugify


def _link(path: str, fragment: str) -> str:
    return f"/view/{path}" + (f"#{fragment}" if fragment else "")


def _render(markdown: str, page: str = "components/api.md") -> str:
    return render_page(markdown, page_path=page, page_link=_link).html


@pytest.mark.parametrize(
    "planted",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        "<iframe src='https://evil.example'></iframe>",
        '<svg onload="alert(1)"></svg>',
        "<style>body{display:none}</style>",
    ],
)
def test_raw_html_from_a_repository_is_shown_as_text_never_as_markup(planted: str) -> None:
    html = _render(f"# Title\n\nREADME says {planted}\n\n{planted}\n")
    lowered = html.lower()
    for tag in ("<script", "<img", "<iframe", "<svg", "<style"):
        assert tag not in lowered
    assert "javascript:" not in lowered or "&lt;a href=" in lowered  # only as escaped text
    assert "&lt;" in html


@pytest.mark.parametrize(
    "markdown",
    ["[x](javascript:alert(1))", "[x](vbscript:msgbox(1))", "[x](data:text/html;base64,PHNjcmlwdD4=)", "![i](x.png)"],
)
def test_dangerous_link_schemes_never_become_links(markdown: str) -> None:
    html = _render(markdown)
    assert 'href="javascript' not in html and 'href="vbscript' not in html and 'href="data' not in html
    assert "<img" not in html


def test_links_between_pages_point_at_the_viewer_and_outside_links_open_apart() -> None:
    html = _render(
        "[index](../index.md) [sibling](cli.md#usage) [here](#top) [source](https://github.com/o/r/blob/abc/a.py#L1-L2)"
        " [escape](../../../etc/passwd.md) [file](../codedoc.json)"
    )
    assert 'href="/view/index.md"' in html
    assert 'href="/view/components/cli.md#usage"' in html
    assert 'href="/view/components/api.md#top"' in html
    permalink = "https://github.com/o/r/blob/abc/a.py#L1-L2"
    assert f'href="{permalink}" target="_blank" rel="noopener noreferrer nofollow"' in html
    assert "etc/passwd" not in html  # a link out of the site keeps its words only
    assert "codedoc.json" not in html
    assert ">escape</a>" in html and ">file</a>" in html


def test_resolve_page_link() -> None:
    assert resolve_page_link("x.md", page_path="reference/a.md") == ("reference/x.md", "")
    assert resolve_page_link("../y.md#f", page_path="reference/a.md") == ("y.md", "f")
    assert resolve_page_link("../../y.md", page_path="reference/a.md") is None
    assert resolve_page_link("/etc/y.md", page_path="a.md") is None
    assert resolve_page_link("https://e.com/y.md", page_path="a.md") is None
    assert resolve_page_link("y.txt", page_path="a.md") is None


def test_headings_get_unique_mkdocs_style_anchors_and_make_the_table_of_contents() -> None:
    page = render_page(
        "# API\n\n## `load` (function)\n\ntext\n\n## `load` (function)\n\n### Details — here\n",
        page_path="a.md",
        page_link=_link,
    )
    assert page.title == "API"
    assert [(h.level, h.text, h.anchor) for h in page.headings] == [
        (2, "load (function)", "load-function"),
        (2, "load (function)", "load-function_1"),
        (3, "Details — here", "details-here"),
    ]
    assert '<h2 id="load-function_1">' in page.html
    assert slugify("Ünïcode & more!") == "unicode-more"
    assert slugify("!!!") == "section"


def test_mermaid_fences_become_diagram_blocks_and_code_keeps_its_language() -> None:
    page = render_page(
        '```mermaid\nflowchart LR\n  a["<b>x</b>"] --> b\n```\n\n'
        '```python\nx = "<tag>"\n```\n\n'
        '```evil" onclick="x\nz\n```\n',
        page_path="a.md",
        page_link=_link,
    )
    assert page.has_diagrams
    assert '<pre class="mermaid">flowchart LR\n  a["&lt;b&gt;x&lt;/b&gt;"] --&gt; b\n</pre>' in page.html
    assert '<pre><code class="language-python">x = "&lt;tag&gt;"\n</code></pre>' in page.html
    # An info string that is not a plain language name gives no class at all.
    assert "<pre><code>z\n</code></pre>" in page.html
    assert "onclick" not in page.html


def test_tables_scroll_on_narrow_screens_and_keep_alignment_only() -> None:
    html = _render("| a | b |\n|:-:|---|\n| 1 | 2 |\n")
    assert html.startswith('<div class="table-wrap"><table>')
    assert '<th style="text-align:center">a</th>' in html


def test_sanitize_is_a_second_lock_even_for_markup_the_renderer_never_makes() -> None:
    cleaned = sanitize('<p onclick="x" style="color:red">a</p><script>b</script><a href="javascript:c">d</a>')
    assert cleaned == '<p>a</p><a rel="noopener noreferrer nofollow">d</a>'


def test_page_sections_give_search_plain_text_per_heading_without_diagrams() -> None:
    title, sections = page_sections(
        "# Reference\n\nIntro words.\n\n## `make_widget` (function)\n\nBuild one widget.\n\n"
        "```python\ndef make_widget(name): ...\n```\n\n```mermaid\nflowchart LR\n secret_node\n```\n"
    )
    assert title == "Reference"
    assert [(s.heading, s.anchor) for s in sections] == [
        ("Reference", "reference"),
        ("make_widget (function)", "make_widget-function"),
    ]
    assert "Build one widget." in sections[1].text and "def make_widget" in sections[1].text
    assert "secret_node" not in sections[1].text


def test_search_sections_use_exactly_the_anchors_the_rendered_page_has() -> None:
    markdown = (
        "# `pkg.mod`: API reference\n\n## `make\\_widget` (function)\n\ntext\n\n"
        "```python\n# not a heading\ndef f(): ...\n```\n\n~~~\n## nor this\n~~~\n\n"
        "## [Linked](other.md) heading ##\n\n## `make\\_widget` (function)\n\n### *Emphasis* and `code`\n\n"
        "```mermaid\nflowchart LR\n```\n\n#### Ünïcode: ok?\n"
    )
    rendered = render_page(markdown, page_path="a.md", page_link=_link)
    title, sections = page_sections(markdown)
    assert title == rendered.title == "pkg.mod: API reference"
    assert [s.anchor for s in sections[1:]] == [h.anchor for h in rendered.headings]
    assert [s.heading for s in sections[1:]] == [h.text for h in rendered.headings]
    assert "# not a heading" in sections[1].text and "## nor this" in sections[1].text
