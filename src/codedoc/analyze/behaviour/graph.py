"""The repository's call graph, inheritance and registrations, resolved once after every file is
analysed, from the raw facts each file recorded."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from codedoc.analyze.behaviour.resolve import Resolver
from codedoc.analyze.behaviour.sites import Behaviour
from codedoc.model import Call, CallGraphStats, Inheritance, Location, Module, Registration


@dataclass(frozen=True, slots=True)
class CallGraph:
    calls: tuple[Call, ...]
    inheritance: tuple[Inheritance, ...]
    registrations: tuple[Registration, ...]
    stats: CallGraphStats


def build_call_graph(modules: Sequence[Module], behaviours: dict[str, Behaviour], resolver: Resolver) -> CallGraph:
    index = resolver.index
    calls: list[Call] = []
    registrations: list[Registration] = []
    unresolved_by_module: dict[str, int] = {}
    # Looked up once: tens of thousands of call sites on a large repository.
    callee_of, unresolvable, add_call = resolver.callee, resolver.counts_as_unresolved, calls.append
    for module in sorted(modules, key=lambda m: m.path):
        behaviour = behaviours.get(module.path)
        if behaviour is None:
            continue
        name, path = module.name, module.path
        unresolved = 0
        scopes: dict[str, tuple[str, str | None]] = {}  # caller qualname → (its symbol id, its class's id)
        for site in behaviour.calls:
            scope = scopes.get(site.caller)
            if scope is None:
                caller_id = f"{name}.{site.caller}"
                found = index.symbols.get(caller_id)
                parent = found[1].parent if found else None
                scope = scopes[site.caller] = (caller_id, f"{name}.{parent}" if parent else None)
            callee = callee_of(name, scope[1], site.target)
            if callee is None:
                if unresolvable(name, site.target):
                    unresolved += 1
                continue
            add_call(Call(scope[0], callee, Location(path, site.line, site.line), site.condition, site.branch))
        if unresolved:
            unresolved_by_module[module.path] = unresolved
        registrations += _registrations(module, behaviour, resolver)
    inheritance = [
        Inheritance(child=symbol_id, parent=parent, location=symbol.location)
        for symbol_id, (_, symbol) in index.classes.items()
        for parent in resolver.bases(symbol_id)
    ]
    stats = CallGraphStats(
        resolved=len(calls),
        unresolved=sum(unresolved_by_module.values()),
        unresolved_by_module=unresolved_by_module,
    )
    return CallGraph(tuple(calls), tuple(inheritance), tuple(registrations), stats)


def _registrations(module: Module, behaviour: Behaviour, resolver: Resolver) -> list[Registration]:
    found: list[Registration] = []
    name = module.name
    for site in behaviour.registrations:
        if site.kind == "decorator":
            target = f"{name}.{site.target}"
            if target not in resolver.index.symbols:
                continue
            registry = resolver.callee(name, None, site.registry) or site.registry
        else:
            value = resolver.resolve(name, None, site.target)
            if value is None or value.kind not in ("class", "function"):
                continue
            if site.kind == "mapping" and value.kind != "class":
                continue
            target = value.name
            if site.kind == "mapping":
                registry = f"{name}.{site.registry}"
            else:
                registry = resolver.callee(name, None, site.registry) or site.registry
        found.append(
            Registration(
                registry=registry,
                target=target,
                location=Location(module.path, site.line, site.line),
                kind=site.kind,
                key=site.key,
            )
        )
    return found
