from __future__ import annotations

from collections.abc import Callable
from typing import Any

from codedoc.model import Language

Analyze = Callable[..., Any]


def routes(result: Any) -> list[tuple[str, str, str, str]]:
    return [(r.method, r.path, r.handler, r.framework) for r in result.facts.routes]


EXPRESS_APP = """\
    const express = require("express");
    const { listUsers, getUser } = require("./handlers");
    const app = express();
    const router = express.Router();

    router.get("/users", listUsers);
    router.post("/users/:id", auth, (req, res) => res.end());
    app.route("/books").get(getBooks).put(updateBook);
    app.all("/anything", catchAll);
    app.delete(
      "/cache",
      function purge(req, res) {}
    );
    app.use("/api", router);
    app.get("/health", (req, res) => res.send("ok"));
"""


def test_express_routes_with_mounted_prefixes_chains_and_inline_handlers(analyze: Analyze) -> None:
    result = analyze(Language.JAVASCRIPT, "src/app.js", EXPRESS_APP)
    assert routes(result) == [
        ("GET", "/api/users", "listUsers", "express"),
        ("POST", "/api/users/:id", "(anonymous)", "express"),
        ("GET", "/books", "getBooks", "express"),
        ("PUT", "/books", "updateBook", "express"),
        ("ANY", "/anything", "catchAll", "express"),
        ("DELETE", "/cache", "purge", "express"),
        ("GET", "/health", "(anonymous)", "express"),
    ]
    delete = result.facts.routes[5]
    assert (delete.location.path, delete.location.start_line, delete.location.end_line) == ("src/app.js", 10, 13)


def test_express_ignores_http_clients_and_lookups_that_look_like_routes(analyze: Analyze) -> None:
    source = """\
        import express from "express";
        const user = cache.get("/users/1", fallback);
        axios.post("/login", body);
        params.get("page");
        app.get("/real", real);
    """
    assert routes(analyze(Language.TYPESCRIPT, "src/app.ts", source)) == [("GET", "/real", "real", "express")]


def test_express_detector_stays_silent_without_express(analyze: Analyze) -> None:
    source = 'const api = makeClient();\napi2.get("/users", cb);\n'
    assert analyze(Language.JAVASCRIPT, "src/client.js", source).facts.routes == ()


def test_fastify_shorthand_and_route_objects(analyze: Analyze) -> None:
    source = """\
        import Fastify from "fastify";
        const fastify = Fastify();
        fastify.get("/items", { schema }, listItems);
        fastify.route({ method: ["POST", "PUT"], url: "/items/:id", handler: saveItem });
    """
    assert routes(analyze(Language.TYPESCRIPT, "src/server.ts", source)) == [
        ("GET", "/items", "listItems", "fastify"),
        ("POST", "/items/:id", "saveItem", "fastify"),
        ("PUT", "/items/:id", "saveItem", "fastify"),
    ]


def test_koa_router_routes(analyze: Analyze) -> None:
    source = """\
        const Router = require("@koa/router");
        const router = new Router();
        router.get("/", index);
        router.del("/items/:id", remove);
    """
    assert routes(analyze(Language.JAVASCRIPT, "src/routes.js", source)) == [
        ("GET", "/", "index", "koa"),
        ("DELETE", "/items/:id", "remove", "koa"),
    ]


def test_koa_detector_stays_silent_without_koa_router(analyze: Analyze) -> None:
    source = 'const router = makeRouter();\nrouter.del("/items/:id", remove);\n'
    assert analyze(Language.JAVASCRIPT, "src/routes.js", source).facts.routes == ()
