"""Routes declared by calling a method named after the HTTP verb: `app.get("/x", handler)`.

Express, Koa-router and Fastify share this shape; each framework's detector passes its verbs.
Prefixes mounted in the same file (`app.use("/api", router)`) are applied to the router's routes.
"""

from __future__ import annotations

from tree_sitter import Node

from codedoc.analyze.treesitter.parsing import ParsedFile, one_line, string_value
from codedoc.model import Location, Route

# Receivers that are HTTP clients or collections, never servers: `axios.get("/x", …)`, `cache.get("/k", …)`.
_NOT_SERVERS = frozenset(
    {"axios", "request", "superagent", "got", "ky", "$", "jQuery", "cy", "client", "http", "https", "api",
     "map", "cache", "params", "searchParams", "headers", "fetch", "store", "localStorage", "sessionStorage"}
)  # fmt: skip
_FUNCTIONS = frozenset({"arrow_function", "function_expression", "function"})


def arguments_of(node: Node) -> list[Node]:
    return [c for c in node.named_children if c.type != "comment"]


def handler_name(parsed: ParsedFile, node: Node) -> str:
    if node.type in _FUNCTIONS:
        name = node.child_by_field_name("name")
        return parsed.text(name) if name is not None else "(anonymous)"
    return one_line(parsed.text(node), 80)


def join_paths(prefix: str, path: str) -> str:
    if not prefix:
        return path
    if path in ("", "/"):
        return prefix
    return prefix.rstrip("/") + "/" + path.lstrip("/")


def _is_path(value: str | None) -> bool:
    return value is not None and value.startswith(("/", "*"))


def mounted_prefixes(parsed: ParsedFile) -> dict[str, tuple[str, Location]]:
    """`app.use("/api", router)` → {"router": ("/api", where the mount is)}."""
    prefixes: dict[str, tuple[str, Location]] = {}
    for match in parsed.matches("member_call"):
        if parsed.text(match["method"][0]) not in ("use", "register"):
            continue
        args = arguments_of(match["arguments"][0])
        path = string_value(parsed, args[0]) if args else None
        call = match["call"][0]
        if _is_path(path) and path is not None:
            for arg in args[1:]:
                if arg.type == "identifier":
                    where = Location(parsed.path, parsed.line(call), parsed.end_line(call))
                    prefixes[parsed.text(arg)] = (path, where)
    return prefixes


def _route_base(parsed: ParsedFile, receiver: Node) -> str | None:
    """For `app.route("/x").get(h).post(h)`: the path given to `.route()` somewhere down the chain."""
    node: Node | None = receiver
    while node is not None and node.type == "call_expression":
        function = node.child_by_field_name("function")
        if function is None or function.type != "member_expression":
            return None
        if parsed.text(function.child_by_field_name("property")) == "route":
            args = arguments_of(node.child_by_field_name("arguments") or node)
            return string_value(parsed, args[0]) if args else None
        node = function.child_by_field_name("object")
    return None


def method_routes(
    parsed: ParsedFile,
    *,
    framework: str,
    verbs: dict[str, str],
    module_name: str | None = None,
    prefixes: dict[str, tuple[str, Location]] | None = None,
) -> tuple[Route, ...]:
    """Routes from calls whose method is one of `verbs` (method name → HTTP method).

    With `module_name`, each route records its router (`module:variable`) so that mounts in other
    files can add their prefixes."""
    prefixes = mounted_prefixes(parsed) if prefixes is None else prefixes
    routes: list[Route] = []
    for match in parsed.matches("member_call"):
        verb = verbs.get(parsed.text(match["method"][0]))
        if verb is None:
            continue
        receiver = match["object"][0]
        args = arguments_of(match["arguments"][0])
        chained = _route_base(parsed, receiver) if receiver.type == "call_expression" else None
        if chained is not None and args:
            path, handler = chained, args[-1]
        elif len(args) >= 2 and _is_path(string_value(parsed, args[0])):
            path, handler = string_value(parsed, args[0]) or "", args[-1]
            if parsed.text(receiver) in _NOT_SERVERS:
                continue
        else:
            continue
        mounted = prefixes.get(parsed.text(receiver)) if receiver.type == "identifier" else None
        prefix = mounted[0] if mounted else ""
        router = f"{module_name}:{parsed.text(receiver)}" if module_name and receiver.type == "identifier" else None
        call = match["call"][0]
        routes.append(
            Route(
                method=verb,
                path=join_paths(prefix, path),
                handler=handler_name(parsed, handler),
                location=Location(parsed.path, parsed.line(call), parsed.end_line(call)),
                framework=framework,
                router=router,
                prefix_locations=(mounted[1],) if mounted else (),
            )
        )
    return tuple(routes)


def verbs(*names: str) -> dict[str, str]:
    return {name: ("ANY" if name == "all" else "DELETE" if name == "del" else name.upper()) for name in names}
