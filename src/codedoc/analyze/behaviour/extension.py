"""Extension points: abstract bases, protocols and interfaces that have implementations here."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from codedoc.analyze.behaviour.resolve import NOTHING, Resolver
from codedoc.model import Call, ExtensionPoint, Inheritance, Language, Registration, SymbolKind

MAX_CREATED_AT = 6
_PROTOCOLS = frozenset({"Protocol", "typing.Protocol", "t.Protocol", "te.Protocol"})
_ABSTRACT_BASES = frozenset({"ABC", "abc.ABC", "Protocol", "typing.Protocol", "t.Protocol", "te.Protocol"})


def structural_implementations(resolver: Resolver, inheritance: Sequence[Inheritance]) -> list[Inheritance]:
    """Classes that define every method of a protocol without naming it: `Inheritance(structural=True)`."""
    index = resolver.index
    named = {(item.child, item.parent) for item in inheritance}
    # Python protocols, and Go interfaces: a Go type implements an interface by having its methods.
    protocols = [
        symbol_id
        for symbol_id, (module, symbol) in index.classes.items()
        if (
            any(base.split("[", 1)[0] in _PROTOCOLS for base in symbol.bases)
            or (module.language is Language.GO and symbol.kind is SymbolKind.INTERFACE)
        )
    ]
    if not protocols:
        return []
    required = {
        protocol: [
            name
            for name, member in index.members.get(protocol, NOTHING).items()
            if index.kind_of(member) is SymbolKind.METHOD and not name.startswith("__")
        ]
        for protocol in protocols
    }
    # The classes defining each method some protocol requires (no other method name is looked up).
    wanted = {name for methods in required.values() for name in methods}
    by_method: dict[str, set[str]] = defaultdict(set)
    for module, symbol in index.symbols.values():
        if symbol.name in wanted and symbol.kind is SymbolKind.METHOD and symbol.parent is not None:
            by_method[symbol.name].add(f"{module.name}.{symbol.parent}")
    found: list[Inheritance] = []
    for protocol in protocols:
        methods = required[protocol]
        if not methods:
            continue
        candidates = set.intersection(*(by_method.get(name, set()) for name in methods))
        for candidate in sorted(candidates):
            if candidate == protocol or (candidate, protocol) in named or protocol in resolver.mro(candidate):
                continue
            found.append(Inheritance(candidate, protocol, index.symbols[candidate][1].location, structural=True))
    return found


def extension_points(
    resolver: Resolver,
    inheritance: Sequence[Inheritance],
    registrations: Sequence[Registration],
    calls: Sequence[Call],
    centrality: dict[str, float],
    excluded_paths: frozenset[str],
) -> tuple[ExtensionPoint, ...]:
    index = resolver.index
    children: dict[str, set[str]] = defaultdict(set)
    named: set[str] = set()  # bases some class names as its base, not only matches structurally
    for item in inheritance:
        if index.symbols[item.child][0].path not in excluded_paths:
            children[item.parent].add(item.child)
            if not item.structural:
                named.add(item.parent)
    constructed: dict[str, list[Call]] = defaultdict(list)
    for call in calls:
        if call.location.path not in excluded_paths:
            constructed[call.callee].append(call)
    points: list[ExtensionPoint] = []
    for base in children:
        if index.symbols[base][0].path in excluded_paths:
            continue
        if base not in named and _private(index.symbols[base][0].name, index.symbols[base][1].qualname):
            # A private typing protocol (`requests._types.SupportsItems`) that classes happen to match
            # describes a type, not a place a user plugs code into.
            continue
        required = _required(resolver, base)
        if not required and not _declared_abstract(resolver, base):
            continue
        implementations = _descendants(base, children)
        ordered = tuple(sorted(implementations, key=lambda s: (-centrality.get(s, 0.0), s)))
        registered = tuple(r for r in registrations if r.target in implementations or r.target == base)
        created = sorted(
            (call for implementation in implementations for call in constructed.get(implementation, ())),
            key=lambda call: (call.location.path, call.location.start_line, call.caller, call.callee),
        )[:MAX_CREATED_AT]
        points.append(ExtensionPoint(base, ordered, required, registered, tuple(created)))
    # Bases that classes name first: a structural match is a weaker sign of a designed extension point.
    points.sort(key=lambda p: (p.base not in named, -centrality.get(p.base, 0.0), p.base))
    return tuple(points)


def _private(module_name: str, qualname: str) -> bool:
    return any(
        part.startswith("_") and not part.startswith("__") for part in (*module_name.split("."), *qualname.split("."))
    )


def _descendants(base: str, children: dict[str, set[str]]) -> set[str]:
    found: set[str] = set()
    pending = list(children.get(base, ()))
    while pending:
        current = pending.pop()
        if current in found:
            continue
        found.add(current)
        pending.extend(children.get(current, ()))
    return found


def _required(resolver: Resolver, base: str) -> tuple[str, ...]:
    """Abstract methods of the base and of its repository bases, one per name, the nearest first."""
    index = resolver.index
    first: dict[str, str] = {}
    declared: set[str] = set()
    for owner in resolver.mro(base):
        is_interface = index.kind_of(owner) is SymbolKind.INTERFACE
        for name, member in index.members.get(owner, NOTHING).items():
            first.setdefault(name, member)
            if is_interface and index.kind_of(member) is SymbolKind.METHOD:
                declared.add(member)  # an interface's methods have no body to inherit
    return tuple(member for member in first.values() if member in index.abstract or member in declared)


def _declared_abstract(resolver: Resolver, base: str) -> bool:
    _, symbol = resolver.index.symbols[base]
    if symbol.kind in (SymbolKind.INTERFACE, SymbolKind.TRAIT):
        return True
    declared = {b.split("[", 1)[0] for b in symbol.bases}
    return bool(declared & _ABSTRACT_BASES) or "ABCMeta" in (symbol.signature or "")
