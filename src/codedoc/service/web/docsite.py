"""A generated site as the viewer sees it: its navigation (from `mkdocs.yml`) and a search index.

Built once per finished job from the site's files, which never change afterwards. No I/O here:
the caller hands over the files' text.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from codedoc.service.web.render import Section, page_sections

MAX_NAV_BYTES = 2_000_000
"""A bigger `mkdocs.yml` is not one CodeDoc wrote: the viewer falls back to the list of pages."""


@dataclass(frozen=True, slots=True)
class NavItem:
    title: str
    path: str | None
    """The docs-relative page (`components/api.md`), or None for a section heading."""
    children: tuple[NavItem, ...] = ()


@dataclass(frozen=True, slots=True)
class SearchHit:
    page: str
    page_title: str
    heading: str
    anchor: str
    snippet: str
    score: int


@dataclass(frozen=True, slots=True)
class _Entry:
    page: str
    page_title: str
    section: Section
    haystack: str
    heading_lower: str
    title_lower: str
    symbol: str
    """The heading without its kind: `make_widget` of "`make_widget` (function)", lower case."""


def _is_page(path: object) -> bool:
    if not isinstance(path, str) or not path.endswith(".md"):
        return False
    normal = posixpath.normpath(path)
    return normal == path and not normal.startswith(("../", "/"))


def _nav_items(entries: object, depth: int = 0) -> tuple[NavItem, ...]:
    if not isinstance(entries, list) or depth > 4:
        return ()
    items: list[NavItem] = []
    for entry in entries:
        if isinstance(entry, str) and _is_page(entry):
            items.append(NavItem(entry, entry))
        elif isinstance(entry, dict) and len(entry) == 1:
            ((title, value),) = entry.items()
            if isinstance(value, str) and _is_page(value):
                items.append(NavItem(str(title), value))
            elif isinstance(value, list):
                children = _nav_items(value, depth + 1)
                if children:
                    items.append(NavItem(str(title), None, children))
    return tuple(items)


def parse_nav(mkdocs_yml: str, pages: Iterable[str]) -> tuple[NavItem, ...]:
    """The site's navigation; pages it does not list are added at the end, so every page is reachable."""
    config: Any = None
    if len(mkdocs_yml) <= MAX_NAV_BYTES:
        try:
            config = yaml.safe_load(mkdocs_yml)
        except yaml.YAMLError:
            config = None
    items = list(_nav_items(config.get("nav") if isinstance(config, dict) else None))
    known = {path for item in items for path in _paths(item)}
    existing = set(pages)
    items = [item for item in (_only_existing(item, existing) for item in items) if item is not None]
    items.extend(NavItem(path, path) for path in sorted(existing - known))
    return tuple(items)


def _paths(item: NavItem) -> Iterable[str]:
    if item.path is not None:
        yield item.path
    for child in item.children:
        yield from _paths(child)


def _only_existing(item: NavItem, existing: set[str]) -> NavItem | None:
    if item.path is not None:
        return item if item.path in existing else None
    children = tuple(child for child in (_only_existing(c, existing) for c in item.children) if child is not None)
    return NavItem(item.title, None, children) if children else None


def page_order(nav: Iterable[NavItem]) -> list[str]:
    """The pages in reading order."""
    return [path for item in nav for path in _paths(item)]


class SearchIndex:
    """Case-insensitive search across every section of every page; all words must match."""

    def __init__(self, entries: list[_Entry]) -> None:
        self._entries = entries

    @classmethod
    def build(cls, pages: Mapping[str, str], titles: Mapping[str, str]) -> SearchIndex:
        entries: list[_Entry] = []
        for path, markdown in pages.items():
            title, sections = page_sections(markdown)
            page_title = titles.get(path) or title or path
            for section in sections:
                haystack = f"{page_title}\n{section.heading}\n{section.text}".lower()
                heading = section.heading.lower()
                entries.append(_Entry(path, page_title, section, haystack, heading, page_title.lower(), _bare(heading)))
        return cls(entries)

    def __len__(self) -> int:
        return len(self._entries)

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        words = [word for word in re.split(r"\s+", query.lower().strip()) if word][:8]
        if not words:
            return []
        phrase = " ".join(words)
        hits: list[SearchHit] = []
        for entry in self._entries:
            if not all(word in entry.haystack for word in words):
                continue
            score = sum(
                (8 if word in entry.heading_lower else 0) + (3 if word in entry.title_lower else 0) + 1
                for word in words
            )
            if entry.symbol == phrase:
                score += 50
            hits.append(
                SearchHit(
                    page=entry.page,
                    page_title=entry.page_title,
                    heading=entry.section.heading,
                    anchor=entry.section.anchor,
                    snippet=_snippet(entry.section.text, words),
                    score=score,
                )
            )
        hits.sort(key=lambda hit: (-hit.score, hit.page, hit.anchor))
        return hits[:limit]


def _bare(heading: str) -> str:
    """`foo` (function) → foo: reference headings name the symbol first."""
    return heading.split(" (", 1)[0].strip("` ")


def _snippet(text: str, words: list[str], width: int = 160) -> str:
    flat = " ".join(text.split())
    lower = flat.lower()
    positions = [lower.find(word) for word in words if word in lower]
    start = max(0, min(positions) - width // 3) if positions else 0
    piece = flat[start : start + width]
    return ("…" if start > 0 else "") + piece + ("…" if start + width < len(flat) else "")
