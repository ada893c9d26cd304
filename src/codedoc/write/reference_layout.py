"""How the API reference is cut into pages; the planner and the writer both follow this layout.

Small projects get one page holding every module. Larger ones get an index page plus one page
per component; a component with more entries than one page should hold is cut into parts
between modules (a module is never split), so no page grows without bound.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from codedoc.model import CodeModel, Module
from codedoc.write.selection import (
    TYPE_KINDS,
    file_categories,
    is_public_member,
    public_symbols,
    reference_modules,
)
from codedoc.write.slugs import SlugRegistry, safe_title

INDEX = "reference/index.md"
SPLIT_ENTRIES = 150
"""Above this many public names (or `SPLIT_MODULES` modules) the reference gets a page per component."""
SPLIT_MODULES = 40
MAX_PAGE_ENTRIES = 600
"""Most entries (public names and members) on one component's page before it is cut into parts."""


@dataclass(frozen=True, slots=True)
class ReferencePage:
    path: str
    title: str
    component: str | None
    """The component whose modules the page holds; None for the index (and the single page)."""
    modules: tuple[str, ...]
    """Paths of the modules documented on this page, in order."""


def entries(module: Module) -> int:
    """How many entries a module adds to the reference: public names and their public members."""
    symbols = public_symbols(module)
    owners = {symbol.qualname for symbol in symbols if symbol.kind in TYPE_KINDS}
    members = sum(1 for s in module.symbols if s.parent in owners and is_public_member(s)) if owners else 0
    return len(symbols) + members


def reference_layout(model: CodeModel) -> list[ReferencePage]:
    """The reference's pages, index first; deterministic for a given model."""
    modules = reference_modules(model, file_categories(model))
    counts = {module.path: entries(module) for module in modules}
    if len(modules) <= SPLIT_MODULES and sum(counts.values()) <= SPLIT_ENTRIES:
        return [ReferencePage(INDEX, "API reference", None, tuple(m.path for m in modules))]
    owner = {path: component.name for component in model.components for path in component.modules}
    grouped: dict[str, list[str]] = defaultdict(list)
    loose: list[str] = []
    for module in modules:
        if module.path in owner:
            grouped[owner[module.path]].append(module.path)
        else:
            loose.append(module.path)
    slugs = SlugRegistry(reserved=("index",))
    pages = [ReferencePage(INDEX, "API reference", None, tuple(loose))]
    for name in sorted(grouped):
        parts = _parts(grouped[name], counts)
        slug = slugs.claim(name)
        title = safe_title(name) or slug
        for number, part in enumerate(parts, 1):
            if len(parts) == 1:
                path, shown = slug, title
            else:
                path = slug if number == 1 else slugs.claim(f"{slug}-part-{number}")
                shown = f"{title} ({number}/{len(parts)})"
            pages.append(ReferencePage(f"reference/{path}.md", shown, name, tuple(part)))
    return pages


def _parts(paths: list[str], counts: dict[str, int]) -> list[list[str]]:
    parts: list[list[str]] = [[]]
    size = 0
    for path in paths:
        if parts[-1] and size + counts[path] > MAX_PAGE_ENTRIES:
            parts.append([])
            size = 0
        parts[-1].append(path)
        size += counts[path]
    return parts
