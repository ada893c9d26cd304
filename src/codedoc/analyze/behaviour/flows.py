"""Flows: what happens when an entry point runs, traced through the call graph.

Entry points, in the order a newcomer asks about them: functions a top-level package exports,
HTTP route handlers, CLI command handlers and console scripts, `__call__`/`main`/WSGI/ASGI
callables, then the public methods of the most central classes. From each, a depth-first walk
of the resolved calls in the order they run, each symbol visited once, trivial helpers (a few
lines that call nothing of ours), exceptions and test code skipped, limited in depth, breadth and
length. A call to an abstract method continues into its implementation when there are at most
two (`branch="dispatch"`).
"""

from __future__ import annotations

import dataclasses
import heapq
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from codedoc.analyze.behaviour.resolve import NOTHING, Resolver
from codedoc.model import (
    Call,
    CodeModel,
    Command,
    EntryPoint,
    Flow,
    FlowStep,
    Inheritance,
    Location,
    Route,
    SymbolKind,
    Visibility,
)

MAX_DEPTH = 6
BREADTH = (6,)
"""How many of the entry's own calls are shown before anything deeper."""
MAX_STEPS = 24
TREE_CAP = 400
MIN_STEPS = 2
MAX_FLOWS = 40
PER_COMPONENT = 5
CENTRAL_CLASSES = 8
_TRIVIAL_LINES = 10
"""A function this short that calls nothing of the project's is a helper, not a step."""
REACH_HOPS = 4
REACH_CAP = 200
_CALLABLE_NAMES = frozenset({"__call__", "main", "wsgi_app", "asgi_app", "application", "run", "handle"})
_ERROR_SUFFIXES = ("Error", "Exception", "Warning", "Exit", "Abort")


@dataclass(frozen=True, slots=True)
class _Node:
    step: FlowStep
    parent: int
    """Position of the caller's node in the tree, -1 for a call made by the entry point."""
    constructor: bool
    """Inside a constructor: set-up details, shown only when nothing more telling is left."""


@dataclass(frozen=True, slots=True)
class _Candidate:
    entry: str
    kind: str
    title: str


class FlowTracer:
    def __init__(
        self,
        resolver: Resolver,
        calls: Sequence[Call],
        inheritance: Sequence[Inheritance],
        centrality: dict[str, float],
        excluded_paths: frozenset[str],
    ) -> None:
        self.resolver = resolver
        self.index = resolver.index
        self.centrality = centrality
        self.excluded = excluded_paths
        self.out: dict[str, list[Call]] = defaultdict(list)
        for call in calls:
            self.out[call.caller].append(call)
        self._reach_cache: dict[str, int] = {}
        self.children: dict[str, set[str]] = defaultdict(set)
        for item in inheritance:
            self.children[item.parent].add(item.child)

    # Tracing ------------------------------------------------------------------------------------

    def trace(self, entry: str) -> tuple[list[FlowStep], list[str]]:
        """The steps of the flow from `entry`, in the order they run.

        First the whole call tree (depth-first, each symbol once, up to `MAX_DEPTH`), then the
        `MAX_STEPS` steps that lead furthest: a step is kept only with its caller, and the one with
        the largest subtree is taken next, so the main path of a long flow is never crowded out by
        the details of its first calls.
        """
        tree: list[_Node] = []
        self._grow(entry, 1, -1, tree, {entry}, constructor=False)
        sizes = [1] * len(tree)
        for position in range(len(tree) - 1, -1, -1):
            parent = tree[position].parent
            if parent >= 0:
                sizes[parent] += sizes[position]
        children: dict[int, list[int]] = defaultdict(list)
        for position, node in enumerate(tree):
            children[node.parent].append(position)
        frontier: list[tuple[float, int]] = []
        for position in children[-1]:
            # The entry's own calls come first: a reader wants them all before any detail.
            heapq.heappush(frontier, (-(sizes[position] + 10_000 * (len(frontier) < BREADTH[0])), position))
        kept: list[int] = []
        while frontier and len(kept) < MAX_STEPS:
            _, position = heapq.heappop(frontier)
            kept.append(position)
            weight = 0.5 if tree[position].constructor else 1.0
            for child in children[position]:
                heapq.heappush(frontier, (-(sizes[child] * weight), child))
        kept.sort()
        steps = [tree[position].step for position in kept]
        reach = [entry] + [step.callee for step in steps]
        return steps, list(dict.fromkeys(reach))

    def _grow(
        self, caller: str, depth: int, parent: int, tree: list[_Node], seen: set[str], *, constructor: bool
    ) -> None:
        for call in self.out.get(caller, ()):
            callee = call.callee
            if callee in seen or len(tree) >= TREE_CAP or self._skipped(callee):
                continue
            seen.add(callee)
            position = len(tree)
            tree.append(
                _Node(
                    FlowStep(call.caller, callee, call.location, depth, call.condition, call.branch),
                    parent,
                    constructor,
                )
            )
            if depth >= MAX_DEPTH:
                continue
            if self.index.is_class(callee):
                init = self._body(callee)
                if init is not None:
                    self._grow(init, depth + 1, position, tree, seen, constructor=True)
                continue
            self._grow(callee, depth + 1, position, tree, seen, constructor=constructor)
            for implementation in self._implementations(callee):
                if implementation in seen:
                    continue
                seen.add(implementation)
                where = self.index.symbols[implementation][1].location
                step = FlowStep(
                    callee,
                    implementation,
                    Location(where.path, where.start_line, where.start_line),
                    depth + 1,
                    f"when it is a {self._owner_name(implementation)}",
                    "dispatch",
                )
                inner = len(tree)
                tree.append(_Node(step, position, constructor))
                if depth + 1 < MAX_DEPTH:
                    self._grow(implementation, depth + 2, inner, tree, seen, constructor=constructor)

    def _reach(self, symbol_id: str) -> int:
        """How many distinct symbols a call leads to within a few hops: what makes a step worth showing."""
        known = self._reach_cache.get(symbol_id)
        if known is not None:
            return known
        frontier, found = {symbol_id}, {symbol_id}
        for _ in range(REACH_HOPS):
            frontier = {call.callee for node in frontier for call in self.out.get(node, ())} - found
            found |= frontier
            if len(found) > REACH_CAP:
                break
        self._reach_cache[symbol_id] = len(found)
        return len(found)

    def _body(self, callee: str) -> str | None:
        """What runs for a call: the function itself, or a class's `__init__` when the repository defines it."""
        if not self.index.is_class(callee):
            return callee
        init = self.resolver.member(callee, "__init__")
        return init.name if init is not None and init.kind == "function" else None

    def _implementations(self, method: str) -> list[str]:
        if method not in self.index.abstract:
            return []
        _, symbol = self.index.symbols[method]
        module = self.index.symbols[method][0]
        if symbol.parent is None:
            return []
        base = f"{module.name}.{symbol.parent}"
        found: list[str] = []
        for child in sorted(self._descendants(base)):
            member = self.index.members.get(child, NOTHING).get(symbol.name)
            if member is not None and member not in self.index.abstract and not self._excluded(member):
                found.append(member)
        return found if len(found) <= 2 else []

    def _descendants(self, base: str) -> set[str]:
        found: set[str] = set()
        pending = list(self.children.get(base, ()))
        while pending:
            current = pending.pop()
            if current not in found:
                found.add(current)
                pending.extend(self.children.get(current, ()))
        return found

    def _skipped(self, callee: str) -> bool:
        module, symbol = self.index.symbols[callee]
        if module.path in self.excluded:
            return True
        if self.index.is_class(callee):
            return symbol.name.endswith(_ERROR_SUFFIXES) or any(
                base.split("(", 1)[0].endswith(_ERROR_SUFFIXES) for base in symbol.bases
            )
        span = symbol.location.end_line - symbol.location.start_line + 1
        return span <= _TRIVIAL_LINES and not self.out.get(callee) and callee not in self.index.abstract

    def _excluded(self, symbol_id: str) -> bool:
        return self.index.symbols[symbol_id][0].path in self.excluded

    def _owner_name(self, symbol_id: str) -> str:
        _, symbol = self.index.symbols[symbol_id]
        return symbol.parent or symbol.name

    # Entry points -------------------------------------------------------------------------------

    def candidates(self, model: CodeModel) -> list[_Candidate]:
        found: list[_Candidate] = []
        found += self._exports(model)
        found += self._handlers(model.routes, "route", lambda r: f"{r.method} {r.path}")
        found += self._handlers(model.commands, "command", lambda c: c.name)
        found += self._entry_points(model.entry_points)
        for symbol_id, (module, symbol) in self.index.symbols.items():
            callable_kind = symbol.kind in (SymbolKind.FUNCTION, SymbolKind.METHOD)
            if symbol.name in _CALLABLE_NAMES and callable_kind and module.path not in self.excluded:
                found.append(_Candidate(symbol_id, "call", self._display(symbol_id)))
        classes = heapq.nsmallest(  # what sorted(…)[:CENTRAL_CLASSES] gives, without sorting them all
            CENTRAL_CLASSES,
            (s for s in self.index.classes if s in self.centrality and not self._excluded(s)),
            key=lambda s: (-self.centrality[s], s),
        )
        for class_id in classes:
            for name, member in self.index.members.get(class_id, NOTHING).items():
                _, symbol = self.index.symbols[member]
                if (
                    symbol.kind is SymbolKind.METHOD
                    and symbol.visibility is Visibility.PUBLIC
                    and not name.startswith("_")
                ):
                    found.append(_Candidate(member, "central", self._display(member)))
        found += self._object_functions()
        unique: dict[str, _Candidate] = {}
        for candidate in found:
            unique.setdefault(candidate.entry, candidate)
        return list(unique.values())

    def _object_functions(self) -> list[_Candidate]:
        """JavaScript's API objects (`app.handle = function…`, `res.send = …`): their public functions,
        as the public methods of central classes are (flows are ranked after)."""
        found: list[_Candidate] = []
        for module_name, objects in sorted(self.index.objects.items()):
            for name in sorted(objects):
                for member in self.index.members.get(f"{module_name}.{name}", NOTHING).values():
                    module, symbol = self.index.symbols[member]
                    if (
                        module.path not in self.excluded
                        and symbol.visibility is Visibility.PUBLIC
                        and symbol.kind is SymbolKind.FUNCTION
                    ):
                        found.append(_Candidate(member, "central", self._display(member)))
        return found

    def _exports(self, model: CodeModel) -> list[_Candidate]:
        names = {m.name for m in model.modules}
        found: list[_Candidate] = []
        for module in model.modules:
            if not module.is_package or module.path in self.excluded:
                continue
            parent = module.name.rsplit(".", 1)[0] if "." in module.name else None
            if parent is not None and parent in names:
                continue  # only the top-level package speaks for the library
            public = module.exports
            if public is None:
                bound = self.index.bindings.get(module.name, {})
                own = [s.name for s in module.symbols if s.parent is None]
                public = tuple(n for n in (*bound, *own) if not n.startswith("_"))
            for name in public:
                value = self.resolver.name(module.name, name)
                if value is not None and value.kind == "function":
                    found.append(_Candidate(value.name, "export", f"{module.name}.{name}"))
        return found

    def _handlers(self, items: Sequence[Route] | Sequence[Command], kind: str, title: object) -> list[_Candidate]:
        found: list[_Candidate] = []
        for item in items:
            if not item.handler:
                continue
            value = self.resolver.absolute(item.handler.replace(":", "."))
            if value is not None and value.kind == "function":
                found.append(_Candidate(value.name, kind, title(item)))  # type: ignore[operator]
        return found

    def _entry_points(self, entries: Sequence[EntryPoint]) -> list[_Candidate]:
        found: list[_Candidate] = []
        for entry in entries:
            if entry.kind != "console_script":
                continue
            value = self.resolver.absolute(entry.target.split("[", 1)[0].strip().replace(":", "."))
            if value is not None and value.kind == "function":
                found.append(_Candidate(value.name, "entry_point", entry.name))
        return found

    def _where(self, symbol_id: str) -> tuple[str, int]:
        module, symbol = self.index.symbols[symbol_id]
        return (module.path, symbol.location.start_line)

    def _display(self, symbol_id: str) -> str:
        module, symbol = self.index.symbols[symbol_id]
        if symbol.parent or (module.name in self.index.objects and symbol.qualname != symbol.name):
            return symbol.qualname  # a method, or a JavaScript object's function (`res.send`)
        return f"{module.name}.{symbol.qualname}"

    # Choosing -----------------------------------------------------------------------------------

    def flows(self, model: CodeModel, component_of: dict[str, str]) -> tuple[Flow, ...]:
        traced: list[Flow] = []
        for candidate in self.candidates(model):
            steps, reach = self.trace(candidate.entry)
            if len(steps) < MIN_STEPS:
                continue
            # Functions and methods only: a class's centrality already sums its methods'.
            reached = sum(self.centrality.get(s, 0.0) for s in reach if not self.index.is_class(s))
            score = round(reached * _KIND_WEIGHT[candidate.kind], 4)
            component = component_of.get(self.index.symbols[candidate.entry][0].path)
            traced.append(
                Flow(candidate.entry, candidate.kind, candidate.title, tuple(steps), tuple(reach), component, score)
            )
        by_entry = {flow.entry: flow for flow in traced}
        scores: dict[str, float] = {}

        def effective(flow: Flow, depth: int = 0) -> float:
            # A thin wrapper (`requests.get` → `request`, `__call__` → `wsgi_app`) is where a reader starts:
            # it stands for the flow it wraps, however many wrappers deep.
            known = scores.get(flow.entry)
            if known is not None:
                return known
            first = [step.callee for step in flow.steps if step.depth == 1]
            inner = by_entry.get(first[0]) if len(first) == 1 and depth < 8 else None
            score = flow.score
            if inner is not None:
                score = max(score, round(effective(inner, depth + 1) * 1.01, 4))
            scores[flow.entry] = score
            return score

        traced = [dataclasses.replace(flow, score=effective(flow)) for flow in traced]
        traced.sort(key=lambda f: (-f.score, self._where(f.entry)))
        chosen: list[Flow] = []
        covered: list[tuple[str, set[str]]] = []
        per_component: dict[str | None, int] = defaultdict(int)
        for flow in traced:
            flow_reach = set(flow.reach)
            # A flow mostly inside one already shown (`wsgi_app` inside `__call__`) adds nothing, unless it
            # starts somewhere else a reader would (a package export inside an application's flow).
            if any(
                len(flow_reach & other) >= 0.7 * len(flow_reach) and (kind == flow.kind or flow.kind == "central")
                for kind, other in covered
            ):
                continue
            if per_component[flow.component] >= PER_COMPONENT:
                continue
            chosen.append(flow)
            covered.append((flow.kind, flow_reach))
            per_component[flow.component] += 1
            if len(chosen) >= MAX_FLOWS:
                break
        return tuple(chosen)


_KIND_WEIGHT = {"export": 1.5, "route": 1.4, "command": 1.4, "entry_point": 1.3, "call": 1.2, "central": 1.0}
