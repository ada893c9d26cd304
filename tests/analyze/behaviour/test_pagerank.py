"""PageRank gives the scores of the plain power iteration it is a faster form of."""

from __future__ import annotations

import random

import pytest

from codedoc.analyze.behaviour.rank import DAMPING, ITERATIONS, TOLERANCE, pagerank


def _plain_pagerank(nodes: list[str], edges: list[tuple[str, str]]) -> dict[str, float]:
    """The textbook iteration, node by node and link by link, each node's sources in ascending order."""
    count = len(nodes)
    position = {node: i for i, node in enumerate(nodes)}
    links = sorted({(position[s], position[t]) for s, t in edges if s in position and t in position and s != t})
    out_degree = [0] * count
    for i, _ in links:
        out_degree[i] += 1
    rank = [1.0 / count] * count
    for _ in range(ITERATIONS):
        lost = sum(rank[i] for i in range(count) if out_degree[i] == 0)
        base = (1.0 - DAMPING) / count + DAMPING * lost / count
        new = [base] * count
        for i, j in links:
            new[j] += DAMPING * rank[i] / out_degree[i]
        delta = sum(abs(new[i] - rank[i]) for i in range(count))
        rank = new
        if delta < TOLERANCE:
            break
    return {node: round(rank[i] * count, 4) for i, node in enumerate(nodes)}


def _random_graph(seed: int) -> tuple[list[str], list[tuple[str, str]]]:
    chooser = random.Random(seed)
    size = chooser.choice([1, 2, 5, 40, 300])
    nodes = [f"n{i}" for i in range(size)]
    # Some edges name unknown nodes, some repeat, some loop on one node; many nodes have no edge.
    edges = [
        (f"n{chooser.randrange(size + 3)}", f"n{chooser.randrange(size + 3)}")
        for _ in range(chooser.randrange(2 * size + 2))
    ]
    return nodes, edges


@pytest.mark.parametrize("seed", range(200))
def test_pagerank_matches_the_plain_iteration(seed: int) -> None:
    nodes, edges = _random_graph(seed)
    assert list(pagerank(nodes, edges).items()) == list(_plain_pagerank(nodes, edges).items())


def test_a_node_many_methods_point_at_ranks_first() -> None:
    nodes = ["Cls", "Cls.a", "Cls.b", "Cls.c", "helper", "unused"]
    edges = [("Cls.a", "Cls"), ("Cls.b", "Cls"), ("Cls.c", "Cls"), ("Cls.a", "helper")]
    scores = pagerank(nodes, edges)
    assert max(scores, key=scores.__getitem__) == "Cls"
    assert scores["unused"] == scores["Cls.b"]  # nothing links to either: the same base rank
    assert pagerank([], []) == {}
