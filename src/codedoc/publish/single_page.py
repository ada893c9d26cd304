"""`documentation.md`: the whole site as one Markdown file.

Pages come in navigation order, each under a level-2 heading with its headings shifted one level
down; links between pages become links to in-document anchors (GitHub-style heading slugs).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass

from codedoc.write.markdown import split_fenced, text
from codedoc.write.pages import Page

_HEADING = re.compile(r"^(#{1,6})(\s)")
_LINK = re.compile(r"(?<!!)\[((?:[^\[\]\\]|\\.)*)\]\(((?:[^()\s]|\([^()\s]*\))*)\)")
_SLUG_DROP = re.compile(r"[^\w\- ]")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


class _Slugger:
    """GitHub's heading ids: lower-case, punctuation dropped, spaces to hyphens, repeats numbered."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def slug(self, heading: str) -> str:
        plain = heading.replace("`", "").replace("\\", "")
        base = _SLUG_DROP.sub("", plain.strip().lower()).replace(" ", "-")
        count = self.seen.get(base, 0)
        self.seen[base] = count + 1
        return base if count == 0 else f"{base}-{count}"


def single_page(site_name: str, pages: Sequence[Page]) -> str:
    slugger = _Slugger()
    title = f"{site_name} documentation"
    slugger.slug(title)
    anchors: dict[str, str] = {}
    shifted: list[tuple[Page, _Shifted]] = []
    for page in pages:
        lines = _shift(page, slugger)
        anchors[page.path] = lines.anchor
        shifted.append((page, lines))
    parts = [f"# {text(title)}", _contents(pages, anchors)]
    for page, lines in shifted:
        # Links are rewritten once every page's anchor is known.
        for index in lines.with_links:
            lines.lines[index] = _relink(page.path, lines.lines[index], anchors)
        parts.append("\n".join(lines.lines))
    return "\n\n".join(part.strip("\n") for part in parts) + "\n"


@dataclass
class _Shifted:
    lines: list[str]
    """The page's lines, headings one level lower."""
    with_links: list[int]
    """Indexes of the lines outside fenced code that may hold a link."""
    anchor: str
    """The anchor of the page's title."""


def _shift(page: Page, slugger: _Slugger) -> _Shifted:
    """The page's lines with headings one level lower, and the anchor of its title."""
    lines: list[str] = []
    with_links: list[int] = []
    page_anchor = ""
    has_title = False
    for line, fenced in split_fenced(page.markdown):
        if fenced:
            lines.append(line)
            continue
        if "](" in line:
            with_links.append(len(lines))
        match = _HEADING.match(line) if line.startswith("#") else None
        if match is None:
            lines.append(line)
            continue
        level = len(match.group(1))
        heading = line[level:].strip()
        anchor = slugger.slug(heading)
        if level == 1 and not has_title:
            has_title, page_anchor = True, anchor
        lines.append("#" * min(6, level + 1) + line[level:])
    if not has_title:
        heading = text(page.title)
        page_anchor = slugger.slug(heading)
        lines[:0] = [f"## {heading}", ""]
        with_links = [index + 2 for index in with_links]
    return _Shifted(lines, with_links, page_anchor)


def _contents(pages: Sequence[Page], anchors: dict[str, str]) -> str:
    return "\n".join(f"- [{text(page.title)}](#{anchors[page.path]})" for page in pages)


def _relink(page: str, line: str, anchors: dict[str, str]) -> str:
    def replace(match: re.Match[str]) -> str:
        label, url = match.group(1), match.group(2)
        if _SCHEME.match(url) or url.startswith("#"):
            return match.group(0)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), url.split("#", 1)[0]))
        anchor = anchors.get(target)
        return f"[{label}](#{anchor})" if anchor else label

    return _LINK.sub(replace, line)
