"""Which names in a file are web applications or routers, and the URL prefix each one adds.

Shared by the decorator-style route detectors (FastAPI, Flask): `@app.get("/x")` is a route only
when `app` is such an object, so a `cache.get("x")` in the same file is not mistaken for one.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from codedoc.analyze.python.detectors.syntax import assigned_calls, keyword, last_name, marked_nodes, string_value


@dataclass(slots=True)
class Receiver:
    """An application or router object, by the variable it is bound to."""

    prefix: str = ""
    framework: str = ""


def constructed_receivers(
    tree: ast.Module, text: str, constructors: dict[str, str], *, framework: str
) -> dict[str, Receiver]:
    """Variables bound to a call of one of `constructors` (class name → its prefix keyword, or "")."""
    found: dict[str, Receiver] = {}
    for name, call in assigned_calls(tree, marked_nodes(tree, text, constructors)):
        constructor = last_name(call.func)
        if constructor not in constructors:
            continue
        prefix_keyword = constructors[constructor]
        prefix = string_value(keyword(call, prefix_keyword)) if prefix_keyword else None
        found[name] = Receiver(prefix=prefix or "", framework=framework)
    return found


def apply_same_file_mounts(
    tree: ast.Module, text: str, receivers: dict[str, Receiver], method: str, prefix_keyword: str
) -> None:
    """`app.include_router(router, prefix="/v1")` in the same file prepends `/v1` to router's routes."""
    mounted: set[str] = set()
    for node in marked_nodes(tree, text, (method,)):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == method
            and node.args
            and isinstance(node.args[0], ast.Name)
        ):
            continue
        child = receivers.get(node.args[0].id)
        parent = receivers.get(node.func.value.id) if isinstance(node.func.value, ast.Name) else None
        extra = string_value(keyword(node, prefix_keyword))
        if child is None or child is parent or node.args[0].id in mounted:
            continue  # a router mounted twice keeps its first prefix rather than doubling it
        mounted.add(node.args[0].id)
        child.prefix = (parent.prefix if parent else "") + (extra or "") + child.prefix


def imported_names(tree: ast.Module, text: str) -> set[str]:
    """Names bound by `from x import name` anywhere in the file (an app may be imported, not built)."""
    found: set[str] = set()
    for node in marked_nodes(tree, text, ("import",)):
        if isinstance(node, ast.ImportFrom):
            found.update(alias.asname or alias.name for alias in node.names if alias.name != "*")
    return found


def route_receiver(node: ast.expr, receivers: dict[str, Receiver], imported: set[str], path: str) -> Receiver | None:
    """The app or router a route is declared on, when `node` names one."""
    if not isinstance(node, ast.Name):
        return None
    if node.id in receivers:
        return receivers[node.id]
    # An app imported from elsewhere (`from app import app` in a views module): trust it only
    # when the argument looks like a URL path.
    if node.id in imported and path.startswith("/"):
        return Receiver()
    return None


def join_path(prefix: str, path: str) -> str:
    if not prefix:
        return path
    if not path:
        return prefix
    return prefix.rstrip("/") + "/" + path.lstrip("/")
