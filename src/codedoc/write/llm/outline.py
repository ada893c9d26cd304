"""The outline the wiki plan is made from: the repository's areas (components, and the central
modules of big ones) with their central symbols, plus routes, commands, data models, settings,
flows, extension points and the README's headings.

The outline holds names only, never line numbers, so editing a function body leaves it — and the
cached plan — unchanged; adding or renaming central code changes it.

Signals from the call graph plug in through `SIGNALS`: each is a function of the model that
returns outline lines (see `_flow_lines`), and `centrality` reads a score per symbol when the
model carries one. Without them, centrality falls back to how often a symbol is imported.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from codedoc.model import CodeModel, Component, Module, Symbol, SymbolKind
from codedoc.write.plan import documented_components
from codedoc.write.selection import is_private_name

AREA_MODULES = 6
"""A component with more modules than this is outlined as several areas, one per central module."""
CENTRAL_PER_AREA = 6


@dataclass(frozen=True, slots=True)
class Area:
    """A part of the code a concept page could explain."""

    name: str
    component: str
    files: tuple[str, ...]
    """Module paths, most central first."""
    central: tuple[str, ...]
    """Qualified names of its most central symbols."""
    lines: int


@dataclass(frozen=True, slots=True)
class Outline:
    repository: str
    kind: str
    areas: tuple[Area, ...]
    facts: tuple[str, ...]
    """Lines about routes, commands, data models, settings, flows, extension points."""
    readme_headings: tuple[str, ...]
    total_lines: int

    def text(self) -> str:
        # Sizes in coarse classes: a small edit must not change the outline (and re-plan the wiki).
        lines = [f"repository: `{self.repository}` ({self.kind}, about {_thousands(self.total_lines)} lines)", "areas:"]
        for area in self.areas:
            files = ", ".join(f"`{path}`" for path in area.files)
            central = ", ".join(f"`{name}`" for name in area.central)
            lines.append(
                f"- area `{area.name}` (component `{area.component}`, {_size(area.lines)}): files: {files}"
                + (f"; central: {central}" if central else "")
            )
        if self.facts:
            lines += ["facts:", *self.facts]
        if self.readme_headings:
            lines += ["README headings:", *(f"- {heading}" for heading in self.readme_headings)]
        return "\n".join(lines)

    def fingerprint(self) -> str:
        return hashlib.sha256(self.text().encode()).hexdigest()[:16]

    def max_pages(self) -> int:
        """Roughly 8 pages for a small library, 30–60 for a large monorepo."""
        kloc = self.total_lines / 1000
        return max(4, min(60, round(6 + 2.5 * math.sqrt(kloc))))


def _size(lines: int) -> str:
    return "small" if lines < 150 else "medium" if lines < 600 else "large"


def _thousands(lines: int) -> str:
    return f"{round(lines, -3):,}" if lines >= 1000 else "a few hundred" if lines >= 200 else "a few dozen"


def centrality(model: CodeModel) -> dict[str, float]:
    """A score per `module_path::qualname`: the model's own centrality when it has one, otherwise
    how many modules import the symbol (plus a little for documented classes)."""
    given = getattr(model, "centrality", None)
    if isinstance(given, dict) and given:
        return {str(key): float(value) for key, value in given.items()}
    imported: Counter[tuple[str, str]] = Counter()
    for module in model.modules:
        for item in module.imports:
            if item.target:
                for name in item.names:
                    imported[(item.target, name)] += 1
    scores: dict[str, float] = {}
    for module in model.modules:
        for symbol in module.symbols:
            if symbol.parent is not None or is_private_name(symbol.name):
                continue
            size = symbol.location.end_line - symbol.location.start_line + 1
            score = 3.0 * imported[(module.path, symbol.name)] + min(2.0, size / 40)
            score += 1.0 if symbol.docstring else 0.0
            score += 1.0 if symbol.kind is SymbolKind.CLASS else 0.0
            scores[f"{module.path}::{symbol.qualname}"] = score
    return scores


MIN_CENTRAL_SCORE = 1.0
"""Below this a symbol is not central (a small undocumented function nobody imports): adding one
must not change the outline, or every new helper would re-plan the wiki."""


def _central(module: Module, scores: dict[str, float], limit: int) -> list[Symbol]:
    ranked = [s for s in module.symbols if scores.get(f"{module.path}::{s.qualname}", 0.0) >= MIN_CENTRAL_SCORE]
    ranked.sort(key=lambda s: (-scores[f"{module.path}::{s.qualname}"], s.location.start_line))
    return ranked[:limit]


def _module_score(module: Module, scores: dict[str, float]) -> float:
    return sum(scores.get(f"{module.path}::{s.qualname}", 0.0) for s in module.symbols) + module.line_count / 200


def _areas_of(component: Component, modules: dict[str, Module], scores: dict[str, float]) -> list[Area]:
    members = [modules[path] for path in component.modules if path in modules]
    members.sort(key=lambda m: (-_module_score(m, scores), m.path))
    if len(members) <= AREA_MODULES:
        central = [s.qualname for m in members for s in _central(m, scores, 3)][:CENTRAL_PER_AREA]
        return [
            Area(component.name, component.name, tuple(m.path for m in members), tuple(central), component.line_count)
        ]
    areas = []
    for module in members:
        if module.is_package and not module.symbols:
            continue
        central = [s.qualname for s in _central(module, scores, CENTRAL_PER_AREA)]
        areas.append(Area(module.path, component.name, (module.path,), tuple(central), module.line_count))
    return areas


def _fact_lines(model: CodeModel) -> list[str]:
    lines = [f"- route `{r.method} {r.path}` → `{r.handler}`" for r in model.routes[:30]]
    lines += [f"- command `{c.name}`" for c in model.commands[:30]]
    lines += [f"- data model `{d.name}`" for d in model.data_models[:30]]
    lines += [f"- setting `{s.name}`" for s in model.settings[:30]]
    lines += [f"- entry point `{e.name}` → `{e.target}`" for e in model.entry_points[:10]]
    for signal in SIGNALS:
        lines += list(signal(model))
    return lines


def _flow_lines(model: CodeModel) -> Iterable[str]:
    """Flows and extension points, once the code model has them (`model.flows`, `model.extension_points`)."""
    for flow in list(getattr(model, "flows", ()) or ())[:20]:
        name = getattr(flow, "name", None) or getattr(flow, "entry", None)
        if name:
            yield f"- flow `{name}`"
    for point in list(getattr(model, "extension_points", ()) or ())[:20]:
        name = getattr(point, "name", None)
        if name:
            yield f"- extension point `{name}`"


SIGNALS: Sequence[Callable[[CodeModel], Iterable[str]]] = (_flow_lines,)
"""Extra outline lines from the code model; the call graph's flows and extension points come in here."""

_HEADING = re.compile(r"^#{1,3}\s+(.+?)\s*#*\s*$")


def readme_headings(readme: str | None, limit: int = 20) -> list[str]:
    if not readme:
        return []
    found, fenced = [], False
    for line in readme.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
        match = None if fenced else _HEADING.match(line)
        if match:
            found.append(re.sub(r"[`<>\[\]]", "", match.group(1))[:80])
    return found[:limit]


def build_outline(model: CodeModel) -> Outline:
    scores = centrality(model)
    modules = {module.path: module for module in model.modules}
    with_page, _ = documented_components(model)
    ranked = sorted(with_page, key=lambda c: (-c.line_count, c.name))
    areas = [area for component in ranked for area in _areas_of(component, modules, scores)]
    return Outline(
        repository=model.repository.name,
        kind=model.repository.kind.value,
        areas=tuple(areas[:120]),
        facts=tuple(_fact_lines(model)),
        readme_headings=tuple(readme_headings(model.repository.readme)),
        total_lines=sum(c.line_count for c in with_page),
    )
