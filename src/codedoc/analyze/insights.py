"""Insights from the whole model: the most complex functions, documentation coverage per module and
component, and import cycles between components — every figure with the location it comes from."""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable, Sequence

from codedoc.model import (
    ComplexFunction,
    Component,
    DocCoverage,
    ImportCycle,
    ImportKind,
    Insights,
    Location,
    Module,
    Symbol,
    SymbolKind,
    Visibility,
)

MOST_COMPLEX = 50
"""Functions kept in `Insights.most_complex`."""
MAX_CYCLES = 30

_API_KINDS = frozenset(
    {
        SymbolKind.CLASS,
        SymbolKind.FUNCTION,
        SymbolKind.METHOD,
        SymbolKind.INTERFACE,
        SymbolKind.STRUCT,
        SymbolKind.ENUM,
        SymbolKind.TRAIT,
        SymbolKind.TYPE,
    }
)


def is_documentable(symbol: Symbol) -> bool:
    """A public class, function, method or type: what a reader expects a docstring or doc comment on."""
    return symbol.kind in _API_KINDS and symbol.visibility is Visibility.PUBLIC and not symbol.name.startswith("_")


def _documented(module: Module) -> tuple[int, int]:
    """How many symbols of the module are documentable, and how many of those have documentation."""
    public = documented = 0
    for symbol in module.symbols:
        if is_documentable(symbol):
            public += 1
            if symbol.docstring and symbol.docstring.strip():
                documented += 1
    return public, documented


def _coverage(name: str, modules: Sequence[Module], counts: dict[str, tuple[int, int]]) -> DocCoverage:
    """`counts`: each module's `_documented`, by path."""
    public = sum(counts[m.path][0] for m in modules)
    documented = sum(counts[m.path][1] for m in modules)
    where = Location(modules[0].path, 1, max(1, modules[0].line_count)) if modules else None
    return DocCoverage(name=name, public=public, documented=documented, location=where)


def _most_complex(measured: list[tuple[int, Module, Symbol]]) -> list[tuple[int, Module, Symbol]]:
    """The `MOST_COMPLEX` first of `measured` sorted by complexity (highest first), name and path,
    ties in their order: what sorted(…)[:MOST_COMPLEX] gives, with the names made only for those
    at least as complex as the last one kept."""
    if not measured:
        return []
    least = heapq.nlargest(MOST_COMPLEX, (c for c, _, _ in measured))[-1]
    contenders = [item for item in measured if item[0] >= least]
    contenders.sort(key=lambda c: (-c[0], f"{c[1].name}.{c[2].qualname}", c[2].location.path))
    return contenders[:MOST_COMPLEX]


def compute_insights(
    modules: Sequence[Module], components: Sequence[Component], *, is_product: Callable[[str], bool]
) -> Insights:
    product = [m for m in modules if is_product(m.path)]
    owner = {path: component.name for component in components for path in component.modules}

    measured: list[tuple[int, Module, Symbol]] = [
        (s.complexity, m, s) for m in product for s in m.symbols if s.complexity is not None
    ]
    ranked = [
        ComplexFunction(f"{m.name}.{s.qualname}", c, s.location, owner.get(m.path))
        for c, m, s in _most_complex(measured)
    ]
    mean = round(sum(c for c, _, _ in measured) / len(measured), 2) if measured else 0.0

    counts = {m.path: _documented(m) for m in product}
    module_coverage = tuple(_coverage(m.name, [m], counts) for m in sorted(product, key=lambda m: m.path))
    by_component: dict[str, list[Module]] = defaultdict(list)
    for module in product:
        if module.path in owner:
            by_component[owner[module.path]].append(module)
    component_coverage = tuple(
        _coverage(name, sorted(members, key=lambda m: m.path), counts) for name, members in sorted(by_component.items())
    )
    return Insights(
        most_complex=tuple(ranked),
        module_coverage=tuple(c for c in module_coverage if c.public),
        component_coverage=tuple(c for c in component_coverage if c.public),
        cycles=component_cycles(modules, components),
        functions=len(measured),
        mean_complexity=mean,
    )


def component_cycles(modules: Sequence[Module], components: Sequence[Component]) -> tuple[ImportCycle, ...]:
    """One ring per strongly connected group of components, each step cited by an import that makes it."""
    owner = {path: component.name for component in components for path in component.modules}
    evidence: dict[tuple[str, str], Location] = {}
    for module in sorted(modules, key=lambda m: m.path):
        source = owner.get(module.path)
        for item in module.imports:
            target = owner.get(item.target or "") if item.kind is ImportKind.INTERNAL else None
            if source and target and source != target and (source, target) not in evidence:
                evidence[source, target] = Location(module.path, item.line, item.line)
    graph: dict[str, list[str]] = defaultdict(list)
    for source, target in sorted(evidence):
        graph[source].append(target)
    cycles: list[ImportCycle] = []
    for group in _strongly_connected(graph):
        if len(group) < 2:
            continue
        ring = _ring(graph, sorted(group))
        steps = tuple(evidence[(ring[i], ring[(i + 1) % len(ring)])] for i in range(len(ring)))
        cycles.append(ImportCycle(components=tuple(ring), imports=steps))
    cycles.sort(key=lambda c: (len(c.components), c.components))
    return tuple(cycles[:MAX_CYCLES])


def _strongly_connected(graph: dict[str, list[str]]) -> list[set[str]]:
    """Tarjan's algorithm, iterative (a big repository's graph must not hit the recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[set[str]] = []
    counter = 0
    nodes = sorted(set(graph) | {t for targets in graph.values() for t in targets})
    for root in nodes:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            targets = graph.get(node, [])
            if position < len(targets):
                work.append((node, position + 1))
                target = targets[position]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                group: set[str] = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                groups.append(group)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return groups


def _ring(graph: dict[str, list[str]], group: list[str]) -> list[str]:
    """A shortest cycle through the group's first member, staying inside the group (breadth first)."""
    members = set(group)
    start = group[0]
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for node in frontier:
            for target in graph.get(node, []):
                if target not in members:
                    continue
                if target == start:
                    ring = [node]
                    while ring[-1] != start:
                        ring.append(previous[ring[-1]])
                    return list(reversed(ring))
                if target not in previous:
                    previous[target] = node
                    following.append(target)
        frontier = following
    return group
