"""The FastAPI application: routers, middleware, error handlers and, optionally, an embedded worker."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from starlette.concurrency import run_in_threadpool

from codedoc import __version__
from codedoc.service.api.errors import install_error_handlers
from codedoc.service.api.hosts import HostPolicy, TrustedHostMiddleware
from codedoc.service.api.job_events import JobEventHub
from codedoc.service.api.middleware import (
    BodyLimitMiddleware,
    RateLimitMiddleware,
    RequestContextMiddleware,
    WebhookGuardMiddleware,
)
from codedoc.service.api.ratelimit import RateLimiter
from codedoc.service.api.routers import api_docs, artifacts, comments, events, github, jobs, system
from codedoc.service.context import ServiceContext
from codedoc.service.jobs.runner import Pipeline
from codedoc.service.settings import ServiceSettings
from codedoc.service.web import install_viewer, is_viewer_path
from codedoc.service.web.routes import error_page, wants_html

logger = logging.getLogger("codedoc.service")

DESCRIPTION = """Turn a Git repository into documentation: submit a job, follow its progress, read the result.

Jobs run in the background: poll `GET /api/v1/jobs/{id}` or follow `GET /api/v1/jobs/{id}/events`."""


def create_app(
    settings: ServiceSettings | None = None,
    *,
    context: ServiceContext | None = None,
    run_worker: bool = False,
    pipeline: Pipeline | None = None,
) -> FastAPI:
    """The app for `settings` (or an existing `context`); `run_worker` embeds a worker in this process."""
    owns_context = context is None
    if context is None:
        context = ServiceContext.from_settings(settings or ServiceSettings())
    service = context

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        worker = None
        if run_worker:
            from codedoc.service.worker import Worker

            worker = Worker(service, pipeline=pipeline, embedded=True)
            await run_in_threadpool(worker.start)
        try:
            async with _app.state.mcp.running():
                yield
        finally:
            if worker is not None:
                await run_in_threadpool(worker.stop)
            if owns_context:
                await run_in_threadpool(service.close)

    # /docs and /redoc are served from our own assets (routers/api_docs.py), not FastAPI's CDN pages.
    app = FastAPI(
        title="CodeDoc",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.context = context
    app.state.job_events = JobEventHub(
        context.state,
        max_streams=context.settings.max_streams,
        max_per_client=context.settings.max_streams_per_client,
    )
    install_viewer(app)  # first: it answers `/` (the viewer for a browser, name and version for a script)
    routers = (system, jobs, events, artifacts, comments, github, api_docs)
    for router in (module.router for module in routers):
        app.include_router(router)
    _install_ask(app, context)
    install_error_handlers(app, html_error=_viewer_error_page)
    settings = context.settings
    limiter = RateLimiter(per_minute=settings.rate_limit, burst=settings.rate_burst)
    # Added innermost first: the request context wraps everything, including 413 and 429 answers.
    known_keys = frozenset(settings.api_key_list())
    app.add_middleware(
        RateLimitMiddleware,
        limiter=limiter,
        applies_to=_rate_limited,
        is_known_key=known_keys.__contains__,
    )
    app.add_middleware(
        BodyLimitMiddleware,
        limit=settings.max_body_bytes,
        timeout=settings.body_timeout,
        per_path={github.WEBHOOK_PATH: settings.webhook_max_bytes},
    )
    # The webhook has buckets of its own (not the API's): signed deliveries one for all of GitHub, checked
    # in the route; refused ones one per address, checked here, outside the body limit, before any read.
    app.state.webhook_deliveries = RateLimiter(
        per_minute=settings.webhook_rate_limit, burst=settings.webhook_rate_burst
    )
    refusals = RateLimiter(per_minute=settings.webhook_refusals, burst=settings.webhook_refusals)
    app.add_middleware(WebhookGuardMiddleware, path=github.WEBHOOK_PATH, refusals=refusals)
    # The Host check (DNS rebinding) runs before anything reads the request; 400s still get an id and a log.
    app.state.host_policy = HostPolicy.from_settings(settings.allowed_hosts, settings.public_url)
    app.add_middleware(TrustedHostMiddleware, policy=app.state.host_policy)
    app.add_middleware(RequestContextMiddleware, metrics=context.metrics)
    _build_routes_now(app)
    return app


def _install_ask(app: FastAPI, context: ServiceContext) -> None:
    """Questions: POST /api/v1/jobs/{id}/ask and the per-job MCP endpoint."""
    from codedoc.service.api.mcp import PATH, McpEndpoint
    from codedoc.service.api.routers import ask
    from codedoc.service.ask import AskService

    app.state.ask = AskService(context)
    app.state.mcp = McpEndpoint(app.state.ask)
    app.include_router(ask.router)
    app.add_route(PATH, app.state.mcp, include_in_schema=False)


def _rate_limited(path: str) -> bool:
    """The API (not the GitHub webhook: it has buckets of its own), the viewer's doors that cost something
    or guard a key, and the GitHub sign-in (each one a round trip to GitHub); not reading documentation."""
    if path == github.WEBHOOK_PATH:
        return False
    return path.startswith(("/api/", "/login", "/ui/check-url", "/auth/")) or path == "/jobs"


def _viewer_error_page(request: Request, status: int, message: str) -> Response | None:
    if is_viewer_path(request.url.path) and wants_html(request):
        return error_page(request, status, message)
    return None


def _build_routes_now(app: FastAPI) -> None:
    """Build every route's request models now rather than on its first request.

    FastAPI builds them lazily, and two apps in one process (the tests run two services, as a
    scaled-out deployment would) whose first requests arrive together build the same pydantic
    models at once, which pydantic does not survive: the request failed with a 500.
    """
    scope = {"type": "http", "path": "/api/v1/jobs", "root_path": "", "method": "GET", "headers": []}
    for route in app.router.routes:
        route.matches(scope)
