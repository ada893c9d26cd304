"""Gin and Echo, which share a shape: `r.GET("/x", h)`, `r.Any(…)`, `v1 := r.Group("/v1")`,
and Gin's `r.Handle("GET", "/x", h)`."""

from __future__ import annotations

import dataclasses

from tree_sitter import Node

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.treesitter.detectors.go_calls import Prefixes, route, selector_calls
from codedoc.analyze.treesitter.detectors.go_mounts import go_mounts, parameter_router, root_name
from codedoc.analyze.treesitter.parsing import ParsedFile, string_value
from codedoc.model import Location, Module, Route

_VERBS = {verb: verb for verb in ("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "CONNECT", "TRACE")}
_VERBS["Any"] = "ANY"


def _routes(parsed: ParsedFile, framework: str, package: str) -> FileFacts:
    prefixes = Prefixes(parsed)
    routes: list[Route] = []
    for call in selector_calls(parsed, frozenset({*_VERBS, "Handle"})):
        args = call.arguments
        if call.method == "Handle":
            if len(args) < 3:
                continue
            method, path, handler = string_value(parsed, args[0]), string_value(parsed, args[1]), args[-1]
        else:
            if len(args) < 2:
                continue
            method, path, handler = _VERBS[call.method], string_value(parsed, args[0]), args[-1]
        if method is None or path is None:
            continue
        declared = route(
            parsed,
            call,
            method=method.upper(),
            path=prefixes.full_path(call, path),
            handler=handler,
            framework=framework,
        )
        router = parameter_router(parsed, package, prefixes, call.receiver)
        chain: list[Node] = []
        root_name(prefixes, call.receiver, chain)  # the `Group(…)` calls in front of the path, to cite
        cited = tuple(Location(parsed.path, parsed.line(c), parsed.end_line(c)) for c in reversed(chain))
        routes.append(dataclasses.replace(declared, router=router, prefix_locations=cited))
    return FileFacts(routes=tuple(routes), mounts=go_mounts(parsed, package, prefixes, framework))


def detect_gin(*, parsed: ParsedFile, module: Module, context: FileContext, text: str) -> FileFacts:
    if "gin-gonic/gin" not in text:
        return FileFacts()
    return _routes(parsed, "gin", module.name)


def detect_echo(*, parsed: ParsedFile, module: Module, context: FileContext, text: str) -> FileFacts:
    if "labstack/echo" not in text:
        return FileFacts()
    return _routes(parsed, "echo", module.name)
