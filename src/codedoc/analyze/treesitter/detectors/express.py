"""Express: `app.get("/x", handler)`, `router.post(…)`, `app.route("/x").get(…)`, `app.use("/api", router)`."""

from __future__ import annotations

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.treesitter.detectors.js_routes import method_routes, verbs
from codedoc.analyze.treesitter.parsing import ParsedFile
from codedoc.model import Module

_VERBS = verbs("get", "post", "put", "delete", "patch", "options", "head", "all")


def detect_express(*, parsed: ParsedFile, module: Module, context: FileContext, text: str) -> FileFacts:
    if "express" not in text and ".Router(" not in text:
        return FileFacts()
    return FileFacts(routes=method_routes(parsed, framework="express", verbs=_VERBS))
