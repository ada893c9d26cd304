"""Express: `app.get("/x", handler)`, `router.post(…)`, `app.route("/x").get(…)`, `app.use("/api", router)`."""

from __future__ import annotations

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.treesitter.detectors.js_mounts import js_mounts
from codedoc.analyze.treesitter.detectors.js_routes import method_routes, mounted_prefixes, verbs
from codedoc.analyze.treesitter.parsing import ParsedFile
from codedoc.model import Module

_VERBS = verbs("get", "post", "put", "delete", "patch", "options", "head", "all")


def detect_express(*, parsed: ParsedFile, module: Module, context: FileContext, text: str) -> FileFacts:
    if "express" not in text and ".Router(" not in text:
        return FileFacts()
    prefixes = mounted_prefixes(parsed)
    routes = method_routes(parsed, framework="express", verbs=_VERBS, module_name=module.name, prefixes=prefixes)
    mounts = js_mounts(parsed, module.name, framework="express", mounted_here=set(prefixes))
    return FileFacts(routes=routes, mounts=mounts)
