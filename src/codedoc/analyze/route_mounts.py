"""Route prefixes applied across files: each route's full path, once every file is analysed.

A detector sees one file: `router = APIRouter(prefix="/items")` and its routes in `items.py`, the
`app.include_router(api_router, prefix=settings.API_V1_STR)` in `main.py`. It records each route's
router (`module:variable`) and each mount (`RouteMount`); here the mounts are chained from a
route's router up to the application, and the prefixes met on the way are put in front of the
path, each cited (`Route.prefix_locations`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from codedoc.analyze.facts import RouteMount, RouterPrefix
from codedoc.model import Location, Module, Route, Setting, SymbolKind

_VALUE_KINDS = frozenset({SymbolKind.CONSTANT, SymbolKind.VARIABLE, SymbolKind.FIELD, SymbolKind.PROPERTY})
MAX_DEPTH = 12
"""Mount chains deeper than this are cut (and a cycle of mounts stops at the first repeat)."""


def join_prefix(prefix: str, path: str) -> str:
    if not prefix:
        return path
    if not path:
        return prefix
    joined = prefix.rstrip("/") + "/" + path.lstrip("/")
    return joined if joined.startswith(("/", "{")) else "/" + joined


def _unquote(value: str | None) -> str | None:
    if value and len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"`":
        return value[1:-1]
    return None


class _Values:
    """String values of settings and module constants, by name, with where they are declared."""

    def __init__(self, settings: Iterable[Setting], modules: Iterable[Module]) -> None:
        self.values: dict[str, tuple[str, Location]] = {}
        for setting in settings:
            if (value := _unquote(setting.default)) is not None:
                self.values.setdefault(setting.name, (value, setting.location))
        for module in modules:
            for symbol in module.symbols:
                value = _unquote(symbol.value) if symbol.kind in _VALUE_KINDS else None
                if value is not None:
                    self.values.setdefault(symbol.name, (value, symbol.location))

    def prefix(self, mount: RouteMount) -> tuple[str, list[Location]]:
        if mount.prefix_name is None:
            return mount.prefix, []
        found = self.values.get(mount.prefix_name)
        if found is None:  # unknown value: say which name it is rather than guess
            return mount.prefix + "{" + mount.prefix_name + "}", []
        return mount.prefix + found[0], [found[1]]


def _strip_prefix(path: str, prefix: str) -> str | None:
    """`path` without the leading `prefix` (as `join_prefix` put it there), or None when it does not start so."""
    head = prefix.rstrip("/")
    if not head:
        return path
    if path in (head, prefix):
        return ""
    if path.startswith(head + "/"):
        return path[len(head) :]
    return None


def mount_routes(
    routes: Sequence[Route],
    mounts: Sequence[RouteMount],
    *,
    settings: Sequence[Setting],
    modules: Sequence[Module],
    router_prefixes: Sequence[RouterPrefix] = (),
) -> tuple[Route, ...]:
    """`routes` with the prefixes of the routers they are mounted under (the first mount of a router wins).

    A mount that `replaces` takes the router's own prefix (`router_prefixes`) out of the path first."""
    if not mounts:
        return tuple(routes)
    known = {route.router for route in routes if route.router}
    known |= {key for mount in mounts for key in (*mount.parent, *mount.child) if len(mount.parent) == 1}
    known |= {mount.child[0] for mount in mounts if len(mount.child) == 1}

    def pick(candidates: tuple[str, ...]) -> str | None:
        return next((key for key in candidates if key in known), None)

    up: dict[str, tuple[str, RouteMount]] = {}
    for mount in sorted(mounts, key=lambda m: (m.location.path, m.location.start_line)):
        child, parent = pick(mount.child), pick(mount.parent)
        if child is None or parent is None or child == parent or child in up:
            continue
        up[child] = (parent, mount)

    values = _Values(settings, modules)
    own = {item.router: item for item in router_prefixes}
    # An `include("shop.urls")` is recorded as a route standing for the routes it includes, at the
    # mount's own line: dropped when those routes are known, else kept under its parents' prefixes.
    placeholders = {id(r) for r in routes if r.router in up and up[r.router][1].location == r.location}
    with_routes = _ancestors((r.router for r in routes if r.router and id(r) not in placeholders), up)
    mounted: list[Route] = []
    for route in routes:
        if route.router is None or route.router not in up:
            mounted.append(route)
            continue
        key: str | None = route.router
        if id(route) in placeholders:
            if route.router in with_routes:
                continue
            key = up[route.router][0]
        prefix, cited = "", list(route.prefix_locations)
        path = route.path
        seen: set[str] = set()
        while key in up and key not in seen and len(seen) < MAX_DEPTH:
            seen.add(key)
            parent, mount = up[key]
            part, where = values.prefix(mount)
            if mount.replaces and key in own:
                # The router's own prefix is already in front: in the route's path for its own
                # router, else at the start of the prefix the mount below put in front of it.
                if len(seen) == 1 and (stripped := _strip_prefix(path, own[key].prefix)) is not None:
                    path = stripped
                    cited = [location for location in cited if location != own[key].location]
                elif len(seen) > 1 and (stripped := _strip_prefix(prefix, own[key].prefix)) is not None:
                    prefix = stripped
                    cited = [location for location in cited if location != own[key].location]
            prefix = join_prefix(part, prefix) if prefix else part
            # A mount that adds nothing to the path is not one of its parts.
            cited += [*mount.prefix_locations, *([mount.location] if part else []), *where]
            key = parent
        path = join_prefix(prefix, path) if prefix else path
        unique = tuple(dict.fromkeys(location for location in cited if location != route.location))
        mounted.append(dataclasses.replace(route, path=path, prefix_locations=unique))
    return tuple(mounted)


def _ancestors(routers: Iterable[str], up: dict[str, tuple[str, RouteMount]]) -> set[str]:
    """The routers given and every router they are mounted under, directly or not."""
    found: set[str] = set()
    for router in routers:
        current: str | None = router
        steps = 0
        while current is not None and current not in found and steps < MAX_DEPTH:
            found.add(current)
            current = up[current][0] if current in up else None
            steps += 1
    return found
