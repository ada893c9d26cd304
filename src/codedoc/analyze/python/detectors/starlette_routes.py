"""Starlette routes: `Route("/x", endpoint, methods=[...])`, `WebSocketRoute`, and `Mount("/api",
routes=[...])` (its prefix applied to the routes inside) or `Mount("/static", app=...)`."""

from __future__ import annotations

import ast

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.python.detectors.names import HandlerNames
from codedoc.analyze.python.detectors.receivers import join_path
from codedoc.analyze.python.detectors.syntax import (
    SourceText,
    argument,
    keyword,
    last_name,
    location,
    string_value,
    strings,
)
from codedoc.model import Module, Route

FRAMEWORK = "starlette"
_ROUTE_CLASSES = frozenset({"Route", "WebSocketRoute", "Mount"})


class _Collector:
    def __init__(self, tree: ast.Module, module: Module, context: FileContext, text: str) -> None:
        self.context = context
        self.names = HandlerNames(tree, module, SourceText(text), is_package=context.is_package)
        self.lists = {
            target.id: node.value
            for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.List | ast.Tuple)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        self.routes: list[Route] = []

    def mounted_lists(self, tree: ast.Module) -> set[str]:
        """Module-level route lists used by a `Mount(routes=name)`: visited through the mount only."""
        used: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and last_name(node.func) == "Mount":
                routes = argument(node, 2, "routes")
                if isinstance(routes, ast.Name) and routes.id in self.lists:
                    used.add(routes.id)
        return used

    def visit(self, root: ast.AST, prefix: str, skip: set[str]) -> None:
        # (node, prefix, lists being expanded) — the last guards against `a = [Mount(routes=a)]`.
        stack: list[tuple[ast.AST, str, frozenset[str]]] = [(root, prefix, frozenset())]
        while stack:
            node, prefix, expanding = stack.pop()
            if isinstance(node, ast.Assign) and any(
                isinstance(target, ast.Name) and target.id in skip for target in node.targets
            ):
                continue
            kind = last_name(node.func) if isinstance(node, ast.Call) else None
            if not isinstance(node, ast.Call) or kind not in _ROUTE_CLASSES:
                stack.extend(reversed([(child, prefix, expanding) for child in ast.iter_child_nodes(node)]))
                continue
            path = string_value(argument(node, 0, "path"))
            # Starlette itself refuses a route path not starting with "/" (a mount may be "").
            if path is None or (path and not path.startswith("/")) or (not path and kind != "Mount"):
                continue
            full = join_path(prefix, path)
            if kind != "Mount":
                self.add_route(node, full, websocket=kind == "WebSocketRoute")
                continue
            routes = argument(node, 2, "routes")
            if isinstance(routes, ast.Name) and routes.id in self.lists and routes.id not in expanding:
                stack.append((self.lists[routes.id], full, expanding | {routes.id}))
            elif isinstance(routes, ast.List | ast.Tuple):
                stack.append((routes, full, expanding))
            elif (app := argument(node, 1, "app")) is not None:
                handler = self.names.resolve(app) or "?"
                self.routes.append(Route("ANY", full, handler, location(self.context, node), FRAMEWORK))

    def add_route(self, call: ast.Call, path: str, *, websocket: bool) -> None:
        endpoint = argument(call, 1, "endpoint")
        handler = self.names.resolve(endpoint) or "?"
        if websocket:
            methods: tuple[str, ...] = ("WEBSOCKET",)
        else:
            listed = strings(keyword(call, "methods"))
            # Without `methods`, a function endpoint answers GET; an HTTPEndpoint class, what it defines.
            is_class = isinstance(self.names.local_definition(endpoint), ast.ClassDef)
            methods = tuple(m.upper() for m in listed) or (("ANY",) if is_class else ("GET",))
        summary = self.names.summary(endpoint)
        for method in methods:
            self.routes.append(Route(method, path, handler, location(self.context, call), FRAMEWORK, summary))


def detect_starlette_routes(*, tree: ast.Module, module: Module, context: FileContext, text: str) -> FileFacts:
    if "starlette" not in text:
        return FileFacts()
    collector = _Collector(tree, module, context, text)
    collector.visit(tree, "", collector.mounted_lists(tree))
    return FileFacts(routes=tuple(collector.routes))
