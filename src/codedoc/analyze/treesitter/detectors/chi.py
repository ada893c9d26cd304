"""chi: `r.Get("/x", h)`, `r.Method("GET", "/x", h)`, and prefixes from `r.Route("/v1", func(r chi.Router) {…})`.

`r.Handle`/`r.HandleFunc` have net/http's shape and are reported by that detector.
"""

from __future__ import annotations

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.treesitter.detectors.go_calls import Prefixes, route, selector_calls
from codedoc.analyze.treesitter.parsing import ParsedFile, string_value
from codedoc.model import Module, Route

_VERBS = {
    name: name.upper() for name in ("Get", "Post", "Put", "Delete", "Patch", "Options", "Head", "Connect", "Trace")
}


def detect_chi(*, parsed: ParsedFile, module: Module, context: FileContext, text: str) -> FileFacts:
    if "go-chi/chi" not in text:
        return FileFacts()
    prefixes = Prefixes(parsed)
    routes: list[Route] = []
    for call in selector_calls(parsed, frozenset({*_VERBS, "Method", "MethodFunc"})):
        args = call.arguments
        if call.method in ("Method", "MethodFunc"):
            if len(args) < 3:
                continue
            method, path = string_value(parsed, args[0]), string_value(parsed, args[1])
        elif len(args) >= 2:
            method, path = _VERBS[call.method], string_value(parsed, args[0])
        else:
            continue
        if method is None or path is None:
            continue
        full = prefixes.full_path(call, path)
        routes.append(route(parsed, call, method=method.upper(), path=full, handler=args[-1], framework="chi"))
    return FileFacts(routes=tuple(routes))
