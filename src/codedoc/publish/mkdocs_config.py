"""`mkdocs.yml` for the published site: stock MkDocs only, so it builds offline with `--strict`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml

from codedoc.write.pages import Page, PageKind

_SECTIONS = {
    PageKind.CONCEPT: "How it works",
    PageKind.COMPONENT: "Components",
    PageKind.API_REFERENCE: "API reference",
}


def nav(pages: Sequence[Page]) -> list[dict[str, Any]]:
    """The navigation in page order; component and reference pages are grouped in sections."""
    entries: list[dict[str, Any]] = []
    sections: dict[PageKind, list[dict[str, str]]] = {}
    for page in pages:
        section = _SECTIONS.get(page.kind)
        if section is None:
            entries.append({page.title: page.path})
            continue
        if page.kind not in sections:
            sections[page.kind] = []
            entries.append({section: sections[page.kind]})
        title = "Index" if page.path == "reference/index.md" else page.title
        sections[page.kind].append({title: page.path})
    return [_collapse(entry) for entry in entries]


def _collapse(entry: dict[str, Any]) -> dict[str, Any]:
    """A section of one page reads better as a plain entry."""
    ((name, value),) = entry.items()
    if isinstance(value, list) and len(value) == 1:
        return {name: next(iter(value[0].values()))}
    return entry


def mkdocs_yaml(site_name: str, pages: Sequence[Page]) -> str:
    config: dict[str, Any] = {
        "site_name": site_name,
        "docs_dir": "docs",
        "site_dir": "site",
        # highlight.js would come from a CDN; the site must work offline.
        "theme": {"name": "mkdocs", "highlightjs": False},
        "markdown_extensions": ["tables", "fenced_code", "toc"],
        "nav": nav(pages),
    }
    header = "# Written by CodeDoc. Build with: mkdocs build --strict\n"
    return header + yaml.safe_dump(config, sort_keys=False, allow_unicode=True, default_flow_style=False)
