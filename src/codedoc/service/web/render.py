"""Generated Markdown → HTML that is safe to show: the pages hold text from strangers' repositories.

Two locks on the door: raw HTML in the Markdown is never passed through (it shows as text), and
whatever the renderer produced is cleaned again by `nh3` with a short list of tags, attributes
and URL schemes. Links between pages are rewritten to the viewer's URLs; links that leave the
site open in a new tab and carry no referrer. No I/O here.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

from codedoc.write.anchors import PageAnchors

PageLink = Callable[[str, str], str]
"""(docs-relative page path such as `components/api.md`, fragment) → the viewer's URL for it."""

_ALLOWED_TAGS = {
    "a", "blockquote", "br", "code", "del", "div", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "li", "ol", "p", "pre", "span", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "target"},
    "code": {"class"},
    "div": {"class"},
    "pre": {"class"},
    "td": {"style"},
    "th": {"style"},
    **{f"h{level}": {"id"} for level in range(1, 7)},
}
_ALLOWED_SCHEMES = {"http", "https", "mailto"}
_LANGUAGE = re.compile(r"^[A-Za-z0-9_+#.-]{1,32}$")
_EXTERNAL = re.compile(r"^(?:https?:|mailto:)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    text: str
    anchor: str


@dataclass(frozen=True, slots=True)
class RenderedPage:
    title: str
    html: str
    headings: tuple[Heading, ...]
    """Every heading below the title, in order: the page's table of contents."""
    has_diagrams: bool


@dataclass(frozen=True, slots=True)
class Section:
    """A stretch of a page under one heading, as plain text: what search looks through."""

    heading: str
    anchor: str
    text: str


def _parser() -> MarkdownIt:
    # CommonMark with raw HTML off: a `<script>` in a README arrives as the text "<script>".
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


_PARSER = _parser()


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def _heading_anchors(tokens: Sequence[Token]) -> list[Heading]:
    anchors = PageAnchors()
    headings: list[Heading] = []
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        text = _inline_text(tokens[index + 1]).strip()
        heading = Heading(int(token.tag[1]), text, anchors.claim(text))
        token.attrSet("id", heading.anchor)
        headings.append(heading)
    return headings


def resolve_page_link(href: str, *, page_path: str) -> tuple[str, str] | None:
    """(page path, fragment) for a link between pages, or None when it is not one."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return (page_path, parts.fragment)
    if not parts.path.endswith(".md"):
        return None
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), parts.path))
    if target.startswith(("../", "/")) or target == "..":
        return None
    return (target, parts.fragment)


def _rewrite_links(tokens: Sequence[Token], *, page_path: str, page_link: PageLink) -> None:
    for token in tokens:
        for child in token.children or ():
            if child.type != "link_open":
                continue
            href = str(child.attrGet("href") or "")
            internal = resolve_page_link(href, page_path=page_path)
            if internal is not None:
                child.attrSet("href", page_link(*internal))
            elif _EXTERNAL.match(href):
                child.attrSet("target", "_blank")
            else:
                # A link to a file outside the pages (or to nowhere): keep the words, drop the link.
                child.attrs.pop("href", None)


def _fence(_renderer: Any, tokens: Sequence[Token], index: int, _options: Any, _env: Any) -> str:
    token = tokens[index]
    language = token.info.strip().split(maxsplit=1)[0] if token.info.strip() else ""
    source = html.escape(token.content)
    if language == "mermaid":
        return f'<pre class="mermaid">{source}</pre>\n'
    css = f' class="language-{language}"' if _LANGUAGE.match(language) else ""
    return f"<pre><code{css}>{source}</code></pre>\n"


def _table_open(_renderer: Any, tokens: Sequence[Token], index: int, _options: Any, _env: Any) -> str:
    return '<div class="table-wrap"><table>\n'


def _table_close(_renderer: Any, tokens: Sequence[Token], index: int, _options: Any, _env: Any) -> str:
    return "</table></div>\n"


_PARSER.add_render_rule("fence", _fence)
_PARSER.add_render_rule("table_open", _table_open)
_PARSER.add_render_rule("table_close", _table_close)


def sanitize(fragment: str) -> str:
    """Only the tags, attributes and URL schemes the viewer's pages use survive."""
    return nh3.clean(
        fragment,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_ALLOWED_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
        filter_style_properties={"text-align"},
    )


def render_page(markdown: str, *, page_path: str, page_link: PageLink, fallback_title: str = "") -> RenderedPage:
    """The page as sanitised HTML, with its title and table of contents."""
    tokens = _PARSER.parse(markdown)
    headings = _heading_anchors(tokens)
    _rewrite_links(tokens, page_path=page_path, page_link=page_link)
    body = _PARSER.renderer.render(tokens, _PARSER.options, {})
    title = next((heading.text for heading in headings if heading.level == 1), "") or fallback_title
    return RenderedPage(
        title=title,
        html=sanitize(body),
        headings=tuple(heading for heading in headings if heading.level > 1),
        has_diagrams=any(token.type == "fence" and token.info.strip().startswith("mermaid") for token in tokens),
    )


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[`*|>]+|^\s*[-+]\s+|\\(?=[^\w\s])", re.MULTILINE)


def _plain(markdown: str) -> str:
    """Markdown text as words: link targets, backticks, emphasis and table bars dropped."""
    return _MARKUP.sub(" ", _LINK.sub(r"\1", markdown))


def _heading_text(source: str) -> str:
    tokens = _PARSER.parseInline(source.strip())
    return _inline_text(tokens[0]).strip() if tokens else source.strip()


def page_sections(markdown: str) -> tuple[str, list[Section]]:
    """The page's title and its text under each heading (code blocks included, diagrams not).

    A line scanner rather than a full parse: indexing hundreds of pages must stay quick. Only
    headings go through the inline parser, so their anchors are the ones `render_page` gives.
    """
    anchors = PageAnchors()
    title = ""
    sections: list[Section] = []
    heading, anchor = "", ""
    lines: list[str] = []
    fence: str | None = None
    in_diagram = False

    def close() -> None:
        if heading or any(line.strip() for line in lines):
            sections.append(Section(heading, anchor, " ".join(_plain("\n".join(lines)).split())))

    for line in markdown.splitlines():
        opened = _FENCE.match(line)
        if fence is not None:
            if (
                opened
                and opened.group(1)[0] == fence[0]
                and len(opened.group(1)) >= len(fence)
                and not opened.group(2).strip()
            ):
                fence = None
            elif not in_diagram:
                lines.append(line)
            continue
        if opened and not (opened.group(1)[0] == "`" and "`" in opened.group(2)):
            fence, in_diagram = opened.group(1), opened.group(2).strip().startswith("mermaid")
            continue
        found = _ATX_HEADING.match(line)
        if found is None:
            lines.append(line)
            continue
        close()
        heading = _heading_text(found.group(2) or "")
        anchor = anchors.claim(heading)
        if len(found.group(1)) == 1 and not title:
            title = heading
        lines = []
    close()
    return title, sections
