"""What ranking borrows from the code's structure: how central a symbol is, and its neighbours.

Retrieval depends only on the small `CodeGraph` interface. Today the model has imports, so
`ImportGraph` measures centrality by who imports a module or a name and links a symbol to the
modules that import it. When the model carries resolved calls (`model.calls`, each with a
`caller`, a `callee` and a `location`), `CallGraph` uses them instead: centrality from the call
graph (or the model's own `centrality` figures when it has them), callers and callees from the
edges. Nothing else changes when the call graph arrives.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from codedoc.model import CodeModel, ImportKind


@dataclass(frozen=True, slots=True)
class Edge:
    """`source` uses `target` (calls it, or imports it): both are symbol or module keys."""

    source: str
    target: str
    kind: str
    """`calls` or `imports`."""
    path: str | None = None
    line: int | None = None


class CodeGraph(Protocol):
    def centrality(self) -> Mapping[str, float]:
        """Key → 0..1; keys missing are 0."""

    def edges(self) -> Iterable[Edge]:
        """Every edge, for the index's neighbour table."""


def symbol_key(module_name: str, qualname: str) -> str:
    return f"{module_name}.{qualname}"


def _normalise(counts: Mapping[str, float]) -> dict[str, float]:
    if not counts:
        return {}
    top = max(counts.values())
    if top <= 0:
        return {}
    # Logarithmic: a symbol used by 200 modules is more central than one used by 20, not ten times more.
    return {key: math.log1p(value) / math.log1p(top) for key, value in counts.items() if value > 0}


class ImportGraph:
    """Centrality and neighbours from the import graph: who imports a module, and which names."""

    def __init__(self, model: CodeModel) -> None:
        self._model = model
        by_path = {module.path: module for module in model.modules}
        names = {
            (module.path, symbol.name): symbol_key(module.name, symbol.qualname)
            for module in model.modules
            for symbol in module.symbols
            if symbol.parent is None
        }
        counts: dict[str, float] = defaultdict(float)
        self._edges: list[Edge] = []
        for module in model.modules:
            for item in module.imports:
                if item.kind is not ImportKind.INTERNAL or not item.target or item.target not in by_path:
                    continue
                target = by_path[item.target]
                counts[target.name] += 1
                self._edges.append(Edge(module.name, target.name, "imports", module.path, item.line))
                for name in item.names:
                    key = names.get((target.path, name))
                    if key is not None:
                        counts[key] += 1
                        self._edges.append(Edge(module.name, key, "imports", module.path, item.line))
        self._counts = counts
        self._centrality: dict[str, float] | None = None

    def centrality(self) -> Mapping[str, float]:
        # Worked out when first asked for: a call graph with the model's own figures never asks.
        if self._centrality is None:
            counts = dict(self._counts)
            # A symbol inherits some of its module's standing: a central module's functions are worth reading.
            for module in self._model.modules:
                share = counts.get(module.name, 0.0) * 0.5
                if share <= 0:
                    continue  # nothing to add: a key at 0 is dropped by `_normalise` anyway
                for symbol in module.symbols:
                    key = symbol_key(module.name, symbol.qualname)
                    counts[key] = counts.get(key, 0.0) + share
            self._centrality = _normalise(counts)
        return self._centrality

    def edges(self) -> Iterable[Edge]:
        return self._edges


class CallGraph:
    """Centrality and neighbours from resolved calls, plus the import edges."""

    def __init__(self, model: CodeModel, calls: Iterable[object]) -> None:
        imports = ImportGraph(model)
        keys = {symbol_key(m.name, s.qualname) for m in model.modules for s in m.symbols}
        resolve = _Resolver(keys)
        counts: dict[str, float] = defaultdict(float)
        self._edges = list(imports.edges())
        for call in calls:
            caller, callee = resolve(getattr(call, "caller", None)), resolve(getattr(call, "callee", None))
            if caller is None or callee is None:
                continue
            location = getattr(call, "location", None)
            self._edges.append(
                Edge(caller, callee, "calls", getattr(location, "path", None), getattr(location, "start_line", None))
            )
            counts[callee] += 1
        given = getattr(model, "centrality", None)
        if isinstance(given, Mapping) and given:
            numbers = {resolve(str(k)) or str(k): float(v) for k, v in given.items() if isinstance(v, int | float)}
            # PageRank is heavy-tailed and a class carries its methods' rank: a log scale keeps the
            # boost a tie-breaker between matches rather than the reason a class outranks its method.
            own = _own_rank(numbers)
            top = math.log1p(max(own.values(), default=0.0)) or 1.0
            self._centrality = {key: math.log1p(value) / top / 4 for key, value in own.items()}
        else:
            merged = dict(imports.centrality())
            for key, value in _normalise(counts).items():
                merged[key] = max(merged.get(key, 0.0), value)
            self._centrality = merged

    def centrality(self) -> Mapping[str, float]:
        return self._centrality

    def edges(self) -> Iterable[Edge]:
        return self._edges


def _own_rank(numbers: Mapping[str, float]) -> dict[str, float]:
    """Each symbol's rank without its members' (the model gives a class its methods' rank too), never
    below zero: a question about a method should find the method, not the class that holds it."""
    own = {key: max(value, 0.0) for key, value in numbers.items()}
    for key, value in numbers.items():
        parent = key.rpartition(".")[0]
        if parent in own:
            own[parent] = max(own[parent] - max(value, 0.0), 0.0)
    return own


class _Resolver:
    """A call's end as the model writes it (`pkg.mod.f`, `pkg.mod:f`, `Session.get`) → a symbol key.

    A short spelling resolves to the one key that ends with it at a dot, or to nothing when several
    do. Keys are grouped by their last part and each spelling is looked up when first asked for:
    listing every tail of every key up front cost more than all the calls it served (and when the
    model writes every call with full keys, the grouping is never needed)."""

    def __init__(self, keys: set[str]) -> None:
        self.keys = keys
        self._by_last: dict[str, list[str]] | None = None
        self._resolved: dict[str, str | None] = {}

    def __call__(self, name: object) -> str | None:
        if name is None:
            return None
        text = str(getattr(name, "qualname", name)).replace(":", ".")
        if text in self.keys:
            return text
        if text not in self._resolved:
            self._resolved[text] = self._by_tail(text)
        return self._resolved[text]

    def _by_tail(self, text: str) -> str | None:
        if self._by_last is None:
            self._by_last = defaultdict(list)
            for key in self.keys:
                self._by_last[key.rpartition(".")[2]].append(key)
        ending = "." + text
        found = [key for key in self._by_last.get(text.rpartition(".")[2], ()) if key.endswith(ending)]
        return found[0] if len(found) == 1 else None


def graph_for(model: CodeModel) -> CodeGraph:
    """The call graph when the model has one, else the import graph."""
    calls = getattr(model, "calls", None)
    if calls:
        return CallGraph(model, calls)
    return ImportGraph(model)
