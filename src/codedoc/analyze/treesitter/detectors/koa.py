"""Koa with koa-router (`@koa/router`): `router.get("/x", handler)`, `router.del(…)`."""

from __future__ import annotations

from codedoc.analyze.facts import FileContext, FileFacts
from codedoc.analyze.treesitter.detectors.js_routes import method_routes, verbs
from codedoc.analyze.treesitter.parsing import ParsedFile
from codedoc.model import Module

_VERBS = verbs("get", "post", "put", "delete", "del", "patch", "options", "head", "all")


def detect_koa(*, parsed: ParsedFile, module: Module, context: FileContext, text: str) -> FileFacts:
    if "koa-router" not in text and "@koa/router" not in text:
        return FileFacts()
    return FileFacts(routes=method_routes(parsed, framework="koa", verbs=_VERBS))
