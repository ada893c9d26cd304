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
    for module in sorted(modules, key=lambda m: m.path):
        behaviour = behaviours.get(module.path)
        if behaviour is None:
            continue
        name = module.name
        unresolved = 0
        owners: dict[str, str | None] = {}
        for site in behaviour.calls:
            owner = owners.get(site.caller, "")
            if owner == "":
                found = index.symbols.get(f"{name}.{site.caller}")
                parent = found[1].parent if found else None
                owner = f"{name}.{parent}" if parent else None
                owners[site.caller] = owner
            callee = resolver.callee(name, owner, site.target)
            if callee is None:
                if resolver.counts_as_unresolved(name, site.target):
                    unresolved += 1
                continue
            calls.append(
                Call(
                    caller=f"{name}.{site.caller}",
                    callee=callee,
                    location=Location(module.path, site.line, site.line),
                    condition=site.condition,
                    branch=site.branch,
                )
            )
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
