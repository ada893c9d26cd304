"""Go's `net/http`: `http.HandleFunc("/x", h)`, `mux.Handle(…)`, Go 1.22 patterns `"GET /items/{id}"`,
and gorilla/mux's `r.HandleFunc("/x", h).Methods("GET", "POST")`."""

from __future__ import annotations

import re

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.treesitter.detectors.go_calls import GoCall, Prefixes, route, selector_calls
from codedoc.analyze.treesitter.parsing import ParsedFile, string_value
from codedoc.model import Module, Route

_METHODS = frozenset({"Handle", "HandleFunc"})
_PATTERN = re.compile(r"^(?:(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|CONNECT|TRACE)\s+)?(\S*/\S*)$")


def _chained_methods(parsed: ParsedFile, call: GoCall) -> list[str]:
    """`.Methods("GET", "POST")` called on the result of `HandleFunc` (gorilla/mux)."""
    selector = call.node.parent
    if selector is None or selector.type != "selector_expression":
        return []
    if parsed.text(selector.child_by_field_name("field")) != "Methods" or selector.parent is None:
        return []
    args = selector.parent.child_by_field_name("arguments")
    values = [string_value(parsed, a) for a in args.named_children] if args is not None else []
    return [v.upper() for v in values if v]


def detect_net_http(*, parsed: ParsedFile, module: Module, context: FileContext, text: str) -> FileFacts:
    if "net/http" not in text and "gorilla/mux" not in text:
        return FileFacts()
    prefixes = Prefixes(parsed)
    routes: list[Route] = []
    for call in selector_calls(parsed, _METHODS):
        if len(call.arguments) != 2:
            continue
        match = _PATTERN.match(string_value(parsed, call.arguments[0]) or "")
        if match is None:
            continue
        method, path = match.group(1), match.group(2)
        framework = "gorilla/mux" if "gorilla/mux" in text else "net/http"
        for verb in [method] if method else (_chained_methods(parsed, call) or ["ANY"]):
            routes.append(
                route(
                    parsed,
                    call,
                    method=verb,
                    path=prefixes.full_path(call, path),
                    handler=call.arguments[1],
                    framework=framework,
                )
            )
    return FileFacts(routes=tuple(routes))
