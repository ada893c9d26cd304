"""Which names in a file are web applications or routers, and the URL prefix each one adds.

Shared by the decorator-style route detectors (FastAPI, Flask): `@app.get("/x")` is a route only
when `app` is such an object, so a `cache.get("x")` in the same file is not mistaken for one.

Mounts within the file (`app.include_router(router, prefix="/v1")`) are applied here; mounts that
reach across files (`api_router.include_router(items.router)`, `app.register_blueprint(auth.bp)`)
become `RouteMount`s, chained once every file is analysed (`codedoc.analyze.route_mounts`). A
router is named `module:variable`, and each route records the router it is declared on.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from codedoc.analyze.facts import FileContext, RouteMount, RouterPrefix
from codedoc.analyze.python.detectors.syntax import (
    assigned_calls,
    dotted_name,
    keyword,
    last_name,
    location,
    marked_nodes,
    marked_statements,
    string_value,
)
from codedoc.model import Location


@dataclass(slots=True)
class Receiver:
    """An application or router object, by the variable it is bound to."""

    prefix: str = ""
    framework: str = ""
    key: str = ""
    """`module:variable`, or for an imported application the name it is imported from."""
    parent: str | None = None
    """The variable of the router this one is mounted on in the same file."""
    prefix_at: list[Location] = field(default_factory=list)
    """Where the parts of `prefix` are declared."""
    own_prefix: str = ""
    """The prefix its constructor declares (`Blueprint(…, url_prefix="/auth")`), before any mount."""


def constructed_receivers(
    tree: ast.Module, text: str, constructors: dict[str, str], *, framework: str, context: FileContext | None = None
) -> dict[str, Receiver]:
    """Variables bound to a call of one of `constructors` (class name → its prefix keyword, or "")."""
    found: dict[str, Receiver] = {}
    for name, call in assigned_calls(tree, marked_statements(tree, text, constructors)):
        constructor = last_name(call.func)
        if constructor not in constructors:
            continue
        prefix_keyword = constructors[constructor]
        prefix = string_value(keyword(call, prefix_keyword)) if prefix_keyword else None
        cited = [location(context, call)] if prefix and context else []
        key = f"{context.module_name}:{name}" if context else name
        found[name] = Receiver(
            prefix=prefix or "", framework=framework, key=key, prefix_at=cited, own_prefix=prefix or ""
        )
    return found


class ImportTable:
    """What the names of a file refer to, as router keys: `items.router` → `app.api.routes.items:router`."""

    def __init__(self, tree: ast.Module, text: str, context: FileContext | None) -> None:
        self.names: dict[str, str] = {}
        """`from a.b import c as d` → {"d": "a.b.c"} (a module or a variable of `a.b`)."""
        self.modules: dict[str, str] = {}
        """`import a.b as m` → {"m": "a.b"}; `import a.b` → {"a.b": "a.b"}."""
        module_name = context.module_name if context else ""
        is_package = context.is_package if context else False
        # In `ast.walk`'s order (outer imports first), as this table always was: a later import of a name wins.
        for node in marked_statements(tree, text, ("import",), breadth_first=True):
            if isinstance(node, ast.ImportFrom):
                base = _absolute(node.module or "", node.level, module_name, is_package)
                for alias in node.names:
                    if alias.name != "*":
                        self.names[alias.asname or alias.name] = f"{base}.{alias.name}" if base else alias.name
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    self.modules[alias.asname or alias.name] = alias.name

    def keys(self, node: ast.expr) -> tuple[str, ...]:
        """Candidate router keys for an expression naming a router of another module."""
        if isinstance(node, ast.Name) and node.id in self.names:
            module, _, variable = self.names[node.id].rpartition(".")
            return (f"{module}:{variable}",) if module else ()
        dotted = dotted_name(node)
        if not dotted or "." not in dotted:
            return ()
        head, _, variable = dotted.rpartition(".")
        first, _, rest = head.partition(".")
        if first in self.names:
            return (f"{self.names[first]}{'.' + rest if rest else ''}:{variable}",)
        if head in self.modules:
            return (f"{self.modules[head]}:{variable}",)
        if first in self.modules:
            return (f"{self.modules[first]}{'.' + rest if rest else ''}:{variable}",)
        return ()


def _absolute(module: str, level: int, current: str, is_package: bool) -> str:
    if level == 0:
        return module
    parts = current.split(".") if current else []
    if not is_package:
        parts = parts[:-1]
    parts = parts[: max(0, len(parts) - (level - 1))]
    return ".".join([*parts, module] if module else parts)


def root_of(receiver: Receiver, receivers: dict[str, Receiver]) -> Receiver:
    """The outermost router `receiver` is mounted on within its file."""
    seen = {id(receiver)}
    while receiver.parent is not None and receiver.parent in receivers:
        receiver = receivers[receiver.parent]
        if id(receiver) in seen:
            break
        seen.add(id(receiver))
    return receiver


def apply_same_file_mounts(
    tree: ast.Module,
    text: str,
    receivers: dict[str, Receiver],
    method: str,
    prefix_keyword: str,
    *,
    context: FileContext | None = None,
    framework: str = "",
    replaces: bool = False,
) -> tuple[RouteMount, ...]:
    """`app.include_router(router, prefix="/v1")` in the same file prepends `/v1` to router's routes;
    a mount whose router or application lives in another file is returned as a `RouteMount`.

    With `replaces` (Flask), a prefix given at the mount replaces the child's own instead of
    being put in front of it: `register_blueprint(bp, url_prefix="/v2")` serves `bp` under `/v2`."""
    mounted: set[str] = set()
    cross: list[tuple[ast.Call, ast.expr, ast.expr]] = []
    for node in marked_nodes(tree, text, (method,)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == method):
            continue
        if not node.args:
            continue
        argument = node.args[0]
        child = receivers.get(argument.id) if isinstance(argument, ast.Name) else None
        parent = receivers.get(node.func.value.id) if isinstance(node.func.value, ast.Name) else None
        extra_node = keyword(node, prefix_keyword)
        extra = string_value(extra_node)
        if (
            child is None
            or parent is None
            or not isinstance(argument, ast.Name)
            or (extra_node is not None and extra is None)
        ):
            cross.append((node, node.func.value, argument))
            continue
        if child is parent or argument.id in mounted:
            continue  # a router mounted twice keeps its first prefix rather than doubling it
        mounted.add(argument.id)
        replaced = replaces and extra is not None
        own, own_at = ("", []) if replaced else (child.prefix, child.prefix_at)
        child.prefix = (parent.prefix if parent else "") + (extra or "") + own
        here = [location(context, node)] if extra and context else []
        if isinstance(node.func.value, ast.Name):
            child.parent = node.func.value.id
        child.prefix_at = [*parent.prefix_at, *here, *own_at]
    if context is None:
        return ()
    table = ImportTable(tree, text, context)
    found: list[RouteMount] = []
    for node, parent_node, child_node in cross:
        parent = receivers.get(parent_node.id) if isinstance(parent_node, ast.Name) else None
        child = receivers.get(child_node.id) if isinstance(child_node, ast.Name) else None
        parent_keys = (root_of(parent, receivers).key,) if parent else table.keys(parent_node)
        child_keys = (root_of(child, receivers).key,) if child else table.keys(child_node)
        extra_node = keyword(node, prefix_keyword)
        extra = string_value(extra_node)
        if child is not None and not parent_keys and extra and isinstance(child_node, ast.Name):
            # Mounted on an object we cannot name: its prefix at least is known.
            replaced = replaces and child.prefix == child.own_prefix
            child.prefix = extra + ("" if replaced else child.prefix)
            child.prefix_at = [location(context, node), *([] if replaced else child.prefix_at)]
            continue
        if not parent_keys or not child_keys:
            continue
        name = last_name(extra_node) if extra_node is not None and extra is None else None
        found.append(
            RouteMount(
                parent=parent_keys,
                child=child_keys,
                location=location(context, node),
                framework=framework,
                prefix=(parent.prefix if parent else "") + (extra or ""),
                prefix_name=name,
                prefix_locations=tuple(parent.prefix_at) if parent else (),
                replaces=replaces and extra_node is not None,
            )
        )
    return tuple(found)


def own_prefixes(receivers: dict[str, Receiver], context: FileContext) -> tuple[RouterPrefix, ...]:
    """The prefixes routers of this file declare for themselves, for mounts elsewhere that replace them."""
    found: list[RouterPrefix] = []
    for receiver in receivers.values():
        unmounted = receiver.parent is None and receiver.prefix == receiver.own_prefix
        if receiver.own_prefix and unmounted and receiver.prefix_at:
            found.append(RouterPrefix(receiver.key, receiver.prefix, receiver.prefix_at[-1]))  # the constructor
    return tuple(found)


def imported_names(tree: ast.Module, text: str) -> set[str]:
    """Names bound by `from x import name` anywhere in the file (an app may be imported, not built)."""
    found: set[str] = set()
    for node in marked_statements(tree, text, ("import",)):
        if isinstance(node, ast.ImportFrom):
            found.update(alias.asname or alias.name for alias in node.names if alias.name != "*")
    return found


def route_receiver(
    node: ast.expr,
    receivers: dict[str, Receiver],
    imported: set[str],
    path: str,
    table: ImportTable | None = None,
) -> Receiver | None:
    """The app or router a route is declared on, when `node` names one."""
    if not isinstance(node, ast.Name):
        return None
    if node.id in receivers:
        return receivers[node.id]
    # An app imported from elsewhere (`from app import app` in a views module): trust it only
    # when the argument looks like a URL path.
    if node.id in imported and path.startswith("/"):
        keys = table.keys(node) if table else ()
        return Receiver(key=keys[0] if keys else "")
    return None


def router_key(receiver: Receiver, receivers: dict[str, Receiver]) -> str | None:
    """The key a route declared on `receiver` records: its outermost router in the file."""
    return root_of(receiver, receivers).key or None


def join_path(prefix: str, path: str) -> str:
    if not prefix:
        return path
    if not path:
        return prefix
    return prefix.rstrip("/") + "/" + path.lstrip("/")
