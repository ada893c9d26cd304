"""Fastify: `fastify.get("/x", opts, handler)` and `fastify.route({ method, url, handler })`."""

from __future__ import annotations

from tree_sitter import Node

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.treesitter.detectors.js_routes import (
    arguments_of,
    handler_name,
    method_routes,
    verbs,
)
from codedoc.analyze.treesitter.parsing import ParsedFile, string_value
from codedoc.model import Location, Module, Route

_VERBS = verbs("get", "post", "put", "delete", "patch", "options", "head", "all")


def _properties(parsed: ParsedFile, obj: Node) -> dict[str, Node]:
    found: dict[str, Node] = {}
    for pair in obj.named_children:
        if pair.type == "pair":
            key, value = pair.child_by_field_name("key"), pair.child_by_field_name("value")
            if key is not None and value is not None:
                found[parsed.text(key).strip("'\"")] = value
        elif pair.type == "shorthand_property_identifier":
            found[parsed.text(pair)] = pair
    return found


def _route_objects(parsed: ParsedFile) -> list[Route]:
    routes: list[Route] = []
    for match in parsed.matches("member_call"):
        if parsed.text(match["method"][0]) != "route":
            continue
        args = arguments_of(match["arguments"][0])
        if not args or args[0].type != "object":
            continue
        props = _properties(parsed, args[0])
        path = string_value(parsed, props.get("url") or props.get("path"))
        method_node = props.get("method")
        if path is None or method_node is None:
            continue
        items = method_node.named_children if method_node.type == "array" else [method_node]
        handler = props.get("handler")
        call = match["call"][0]
        for item in items:
            method = string_value(parsed, item)
            if method:
                routes.append(
                    Route(
                        method=method.upper(),
                        path=path,
                        handler=handler_name(parsed, handler) if handler is not None else "(anonymous)",
                        location=Location(parsed.path, parsed.line(call), parsed.end_line(call)),
                        framework="fastify",
                    )
                )
    return routes


def detect_fastify(*, parsed: ParsedFile, module: Module, context: FileContext, text: str) -> FileFacts:
    if "fastify" not in text:
        return FileFacts()
    routes = [*method_routes(parsed, framework="fastify", verbs=_VERBS), *_route_objects(parsed)]
    routes.sort(key=lambda r: r.location.start_line)
    return FileFacts(routes=tuple(routes))
