"""Centrality: PageRank by power iteration, over the symbols and over the modules.

Scores are scaled so that 1.0 is the average node: a reader (and a page writer) can compare them
across repositories of any size. Edges point from the user to the used (caller → callee,
subclass → base, method → its class, importer → imported), so rank collects where the code leans.
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import chain, groupby, repeat

from codedoc.analyze.behaviour.resolve import CLASS_KINDS, FUNCTION_KINDS, SymbolIndex
from codedoc.model import Call, ImportKind, Inheritance, Module

_RANKED_KINDS = CLASS_KINDS | FUNCTION_KINDS
DAMPING = 0.85
ITERATIONS = 30
TOLERANCE = 1e-6
"""On the L1 change of the ranks (which sum to 1): well below what the rounding to 4 places shows."""


def pagerank(nodes: Sequence[str], edges: Iterable[tuple[str, str]]) -> dict[str, float]:
    """PageRank of each node, scaled to an average of 1.0 and rounded for stable output.

    Nodes without any edge (most methods of a large library that nothing resolvable calls) all
    keep the same rank, so they are one number in the iteration, not one entry each. So are the
    nodes that link somewhere but that nothing links to (most methods: only to their class): each
    iteration gives them the base rank, as it gives the unlinked ones.
    """
    count = len(nodes)
    if count == 0:
        return {}
    sources, out_degree = _links(nodes, edges)
    active = sorted(sources.keys() | out_degree.keys())
    linked = _LinkedNodes(active, sources, out_degree)
    quiet = 1.0 / count  # the rank of every node that nothing links to
    isolated = count - len(active)
    rank = [quiet] * len(linked.fed)
    for _ in range(ITERATIONS):
        lost = sum(map(rank.__getitem__, linked.dangling)) + isolated * quiet
        base = (1.0 - DAMPING) / count + DAMPING * lost / count
        # What each node passes along each of its links, computed once per node, not once per link.
        share = list(map(operator.truediv, map(operator.mul, repeat(DAMPING), rank), linked.divisors))
        for degree, many in linked.unfed_degrees:
            share += [DAMPING * quiet / degree] * many
        # Summed from `base` in ascending order of the sources, as adding them one by one did: the same floats.
        new = list(map(operator.add, repeat(base), map(share.__getitem__, linked.single_sources)))
        new += [sum(gather(share), base) for gather in linked.several_sources]
        # The change, summed in the nodes' order as before (floats: the order of a sum matters).
        change = list(map(abs, map(operator.sub, new, rank)))
        change += [abs(base - quiet)] * len(linked.unfed)
        delta = sum(map(change.__getitem__, linked.order)) + isolated * abs(base - quiet)
        rank, quiet = new, base
        if delta < TOLERANCE:
            break
    scores = dict.fromkeys(nodes, round(quiet * count, 4))
    for i, value in zip(linked.fed, rank, strict=True):
        scores[nodes[i]] = round(value * count, 4)
    return scores


def _links(nodes: Sequence[str], edges: Iterable[tuple[str, str]]) -> tuple[dict[int, list[int]], dict[int, int]]:
    """Each linked node's sources (ascending) and out-degree, by position in `nodes`; an edge counts
    once, and only between two different known nodes."""
    position = {node: i for i, node in enumerate(nodes)}.get
    pairs = {(i, j) for i, j in (map(position, edge) for edge in edges) if i is not None and j is not None and i != j}
    sources: dict[int, list[int]] = {}
    for i, j in pairs:
        group = sources.get(j)
        if group is None:
            sources[j] = [i]
        else:
            group.append(i)
    for group in sources.values():
        group.sort()  # many short sorts: faster than sorting every pair
    return sources, Counter(i for i, _ in pairs)


class _LinkedNodes:
    """The linked nodes laid out for the iteration: first those with one source, then those with
    several (`fed`, their ranks a list), then those with none (`unfed`, by out-degree: their
    shares are one number per degree)."""

    def __init__(self, active: list[int], sources: dict[int, list[int]], out_degree: dict[int, int]) -> None:
        single = [j for j in active if len(sources.get(j, ())) == 1]
        several = [j for j in active if len(sources.get(j, ())) > 1]
        self.fed = single + several
        self.unfed = sorted((i for i in active if i not in sources), key=lambda i: (out_degree[i], i))
        slot = {i: k for k, i in enumerate(self.fed + self.unfed)}
        self.order = [slot[i] for i in active]
        self.dangling = [slot[i] for i in active if i not in out_degree]
        # A dangling node passes nothing on, so nothing reads its share: 1 spares a test for 0.
        self.divisors = [out_degree.get(i) or 1 for i in self.fed]
        self.unfed_degrees = [
            (degree, len(list(group))) for degree, group in groupby(self.unfed, out_degree.__getitem__)
        ]
        self.single_sources = [slot[sources[j][0]] for j in single]
        self.several_sources = [operator.itemgetter(*(slot[i] for i in sources[j])) for j in several]


def symbol_centrality(
    index: SymbolIndex, calls: Sequence[Call], inheritance: Sequence[Inheritance]
) -> dict[str, float]:
    """Functions, methods and classes; a class also gets the rank of its methods added to its own."""
    nodes: list[str] = []
    parents: dict[str, str] = {}
    for symbol_id, (module, symbol) in index.symbols.items():
        if symbol.kind in _RANKED_KINDS:
            nodes.append(symbol_id)
            if symbol.parent is not None:
                parents[symbol_id] = f"{module.name}.{symbol.parent}"
    # Read once, as they come: no list of every edge is kept.
    edges = chain(((call.caller, call.callee) for call in calls), ((i.child, i.parent) for i in inheritance))
    scores = pagerank(nodes, chain(edges, parents.items()))
    totals = dict(scores)
    classes = index.classes
    for symbol_id, parent in parents.items():
        if parent in totals and parent in classes:
            totals[parent] = round(totals[parent] + scores[symbol_id], 4)
    return totals


def module_centrality(modules: Sequence[Module], calls: Sequence[Call], index: SymbolIndex) -> dict[str, float]:
    nodes = [module.path for module in modules]
    edges: list[tuple[str, str]] = []
    for module in modules:
        for item in module.imports:
            if item.kind == ImportKind.INTERNAL and item.target:
                edges.append((module.path, item.target))
    for call in calls:
        caller, callee = index.symbols.get(call.caller), index.symbols.get(call.callee)
        if caller is not None and callee is not None:
            edges.append((caller[0].path, callee[0].path))
    return pagerank(nodes, edges)
