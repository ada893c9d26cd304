"""Finished jobs' sites, loaded from storage once and kept in memory while they are being read.

A finished job's artifacts never change, so a loaded site is keyed by its artifact prefix and
only evicted to bound memory; a deleted job is refused before the cache is consulted.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from codedoc.service.storage import ArtifactStorage
from codedoc.service.web.docsite import NavItem, SearchIndex, page_order, parse_nav
from codedoc.service.web.render import PageLink, RenderedPage, render_page

MAX_PAGE_BYTES = 5_000_000
"""Pages beyond this are shown as a notice rather than rendered: the service is shared."""


@dataclass
class LoadedSite:
    prefix: str
    nav: tuple[NavItem, ...]
    titles: dict[str, str]
    order: list[str]
    pages: dict[str, str]
    """Docs-relative page path → its Markdown."""
    _index: SearchIndex | None = None
    _rendered: dict[str, RenderedPage] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def first_page(self) -> str | None:
        if "index.md" in self.pages:
            return "index.md"
        return self.order[0] if self.order else None

    def neighbours(self, path: str) -> tuple[str | None, str | None]:
        """The previous and next pages in reading order."""
        if path not in self.order:
            return None, None
        at = self.order.index(path)
        return (self.order[at - 1] if at > 0 else None, self.order[at + 1] if at + 1 < len(self.order) else None)

    def render(self, path: str, page_link: PageLink) -> RenderedPage | None:
        markdown = self.pages.get(path)
        if markdown is None:
            return None
        with self._lock:
            cached = self._rendered.get(path)
        if cached is not None:
            return cached
        if len(markdown) > MAX_PAGE_BYTES:
            markdown = f"# {self.titles.get(path, path)}\n\nThis page is too large to show here; download the site."
        title = self.titles.get(path, path)
        rendered = render_page(markdown, page_path=path, page_link=page_link, fallback_title=title)
        with self._lock:
            self._rendered[path] = rendered
        return rendered

    @property
    def index(self) -> SearchIndex:
        with self._lock:
            if self._index is None:
                self._index = SearchIndex.build(self.pages, self.titles)
            return self._index


def _titles(nav: tuple[NavItem, ...]) -> dict[str, str]:
    titles: dict[str, str] = {}
    stack = list(nav)
    while stack:
        item = stack.pop()
        if item.path is not None:
            titles.setdefault(item.path, item.title)
        stack.extend(item.children)
    return titles


def load_site(storage: ArtifactStorage, prefix: str) -> LoadedSite:
    """Read a finished job's pages and navigation from storage."""
    paths = [key.removeprefix("docs/") for key in storage.list_tree(prefix) if key.startswith("docs/")]
    pages: dict[str, str] = {}
    for path in paths:
        if not path.endswith(".md"):
            continue
        data = storage.read(f"{prefix}/docs/{path}")
        if data is not None:
            pages[path] = data.decode("utf-8", "replace")
    config = storage.read(f"{prefix}/mkdocs.yml")
    nav = parse_nav(config.decode("utf-8", "replace") if config else "", pages)
    return LoadedSite(prefix=prefix, nav=nav, titles=_titles(nav), order=page_order(nav), pages=pages)


class SiteCache:
    """Up to `capacity` loaded sites, least recently used out first."""

    def __init__(self, capacity: int = 8) -> None:
        self.capacity = capacity
        self._sites: OrderedDict[str, LoadedSite] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, prefix: str, load: Callable[[], LoadedSite]) -> LoadedSite:
        with self._lock:
            site = self._sites.get(prefix)
            if site is not None:
                self._sites.move_to_end(prefix)
                return site
        site = load()
        with self._lock:
            self._sites[prefix] = site
            self._sites.move_to_end(prefix)
            while len(self._sites) > self.capacity:
                self._sites.popitem(last=False)
        return site
