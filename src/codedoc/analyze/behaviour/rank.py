"""Centrality: PageRank by power iteration, over the symbols and over the modules.

Scores are scaled so that 1.0 is the average node: a reader (and a page writer) can compare them
across repositories of any size. Edges point from the user to the used (caller → callee,
subclass → base, method → its class, importer → imported), so rank collects where the code leans.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Sequence

from codedoc.analyze.behaviour.resolve import SymbolIndex
from codedoc.model import Call, ImportKind, Inheritance, Module

DAMPING = 0.85
ITERATIONS = 30
TOLERANCE = 1e-6
"""On the L1 change of the ranks (which sum to 1): well below what the rounding to 4 places shows."""


def pagerank(nodes: Sequence[str], edges: Iterable[tuple[str, str]]) -> dict[str, float]:
    """PageRank of each node, scaled to an average of 1.0 and rounded for stable output.

    Nodes without any edge (most methods of a large library that nothing resolvable calls) all
    keep the same rank, so they are one number in the iteration, not one entry each.
    """
    count = len(nodes)
    if count == 0:
        return {}
    position = {node: i for i, node in enumerate(nodes)}
    pairs: set[tuple[int, int]] = set()
    for source, target in edges:
        i, j = position.get(source), position.get(target)
        if i is not None and j is not None and i != j:
            pairs.add((i, j))
    active = sorted({i for pair in pairs for i in pair})
    local = {node: k for k, node in enumerate(active)}
    size = len(active)
    links = sorted((local[i], local[j]) for i, j in pairs)
    out_degree = [0] * size
    for i, _ in links:
        out_degree[i] += 1
    dangling = [k for k in range(size) if out_degree[k] == 0]
    # Each node's sources in ascending order (`links` is sorted), gathered in C each iteration;
    # summed from `base` in that order, as adding them one by one did: the same floats.
    incoming: list[list[int]] = [[] for _ in range(size)]
    for i, j in links:
        incoming[j].append(i)
    gathers = [(j, operator.itemgetter(*sources), len(sources) > 1) for j, sources in enumerate(incoming) if sources]
    isolated = count - size
    rank = [1.0 / count] * size
    isolated_rank = 1.0 / count
    for _ in range(ITERATIONS):
        lost = sum(rank[k] for k in dangling) + isolated * isolated_rank
        base = (1.0 - DAMPING) / count + DAMPING * lost / count
        new = [base] * size
        # What each node passes along each of its links, computed once per node, not once per link.
        share = [DAMPING * value / degree if degree else 0.0 for value, degree in zip(rank, out_degree, strict=True)]
        for j, gather, several in gathers:
            new[j] = sum(gather(share), base) if several else base + gather(share)
        delta = sum(map(abs, map(operator.sub, new, rank))) + isolated * abs(base - isolated_rank)
        rank, isolated_rank = new, base
        if delta < TOLERANCE:
            break
    scores = dict.fromkeys(nodes, round(isolated_rank * count, 4))
    for k, i in enumerate(active):
        scores[nodes[i]] = round(rank[k] * count, 4)
    return scores


def symbol_centrality(
    index: SymbolIndex, calls: Sequence[Call], inheritance: Sequence[Inheritance]
) -> dict[str, float]:
    """Functions, methods and classes; a class also gets the rank of its methods added to its own."""
    nodes = [symbol_id for symbol_id, (_, symbol) in index.symbols.items() if _ranked(index, symbol_id)]
    edges: list[tuple[str, str]] = [(call.caller, call.callee) for call in calls]
    edges += [(item.child, item.parent) for item in inheritance]
    parents: dict[str, str] = {}
    for symbol_id in nodes:
        module, symbol = index.symbols[symbol_id]
        if symbol.parent is not None:
            parent = f"{module.name}.{symbol.parent}"
            parents[symbol_id] = parent
            edges.append((symbol_id, parent))
    scores = pagerank(nodes, edges)
    totals = dict(scores)
    for symbol_id, parent in parents.items():
        if parent in totals and index.is_class(parent):
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


def _ranked(index: SymbolIndex, symbol_id: str) -> bool:
    kind = index.kind_of(symbol_id)
    return kind is not None and (index.is_class(symbol_id) or kind.value in ("function", "method", "property"))
