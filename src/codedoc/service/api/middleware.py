"""ASGI middleware: request ids, access logs and latency, the body limit, and rate limiting.

Plain ASGI (not BaseHTTPMiddleware) so the event stream is not buffered and nothing blocks.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import re
import time
import uuid
from collections.abc import Callable, Mapping

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from codedoc.service.api.ratelimit import RateLimiter
from codedoc.service.logs import request_id_var
from codedoc.service.metrics import ServiceMetrics

logger = logging.getLogger("codedoc.service.api")

_INCOMING_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
# A client may send any token as the method; each new label value would be a new series kept forever.
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT"})


def method_label(method: str) -> str:
    """The method as a metrics label and log field: one of the standard ones, else `OTHER`."""
    return method if method in KNOWN_METHODS else "OTHER"


async def _send_error(send: Send, status: int, code: str, message: str, headers: list[tuple[bytes, bytes]]) -> None:
    body = json.dumps({"error": {"code": code, "message": message, "request_id": request_id_var.get()}}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *headers],
        }
    )
    await send({"type": "http.response.body", "body": body})


class RequestContextMiddleware:
    """Outermost: every response gets `X-Request-ID`, every request a log line and a latency sample,
    and an unexpected exception becomes a JSON 500 without a stack trace."""

    def __init__(self, app: ASGIApp, *, metrics: ServiceMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if _INCOMING_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status = 500
        response_started = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                status = message["status"]
                response_started = True
                message["headers"] = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            logger.exception("unhandled error in %s %s", scope["method"], scope["path"])
            if not response_started:
                await _send_error(send_with_id, 500, "internal_error", "internal error", [])
        finally:
            elapsed = time.perf_counter() - started
            route = scope.get("route")
            # Mounted static files have no route: one label for them all, not one per file.
            static = scope["path"].startswith("/ui/static/")
            template = getattr(route, "path", None) or ("/ui/static" if static else "unmatched")
            method = method_label(scope["method"])
            sample = self.metrics.http_latency.labels(method=method, route=template, status=str(status))
            sample.observe(elapsed)
            logger.info(
                "%s %s → %d",
                method,
                template,
                status,
                extra={
                    "method": method,
                    "path": template,
                    "status": status,
                    "duration_ms": round(elapsed * 1000, 2),
                },
            )
            request_id_var.reset(token)


class BodyLimitMiddleware:
    """413 before any parsing, 408 for a body that does not arrive in time (a slow client holding a
    connection open). The body is read here, bounded in size and time, then handed on."""

    def __init__(
        self, app: ASGIApp, *, limit: int, timeout: float = 30.0, per_path: Mapping[str, int] | None = None
    ) -> None:
        self.app = app
        self.limit = limit
        self.timeout = timeout
        self.per_path = dict(per_path or {})
        """Exact paths with their own limit (the GitHub webhook: pushes are far larger than API calls)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send)
            return
        limit = self.per_path.get(scope["path"], self.limit)
        message = f"request body larger than {limit} bytes"
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            await _send_error(send, 413, "payload_too_large", message, [])
            return
        try:
            body = await asyncio.wait_for(self._read(receive, limit), timeout=self.timeout)
        except TimeoutError:
            await _send_error(
                send, 408, "request_timeout", f"the request body did not arrive within {self.timeout:g} s", []
            )
            return
        if body is None:
            await _send_error(send, 413, "payload_too_large", message, [])
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _read(self, receive: Receive, limit: int) -> bytes | None:
        """The whole body, or None past the limit."""
        chunks: list[bytes] = []
        size = 0
        while True:
            incoming = await receive()
            if incoming["type"] != "http.request":
                break
            chunk = incoming.get("body", b"")
            size += len(chunk)
            if size > limit:
                return None
            chunks.append(chunk)
            if not incoming.get("more_body", False):
                break
        return b"".join(chunks)


class RateLimitMiddleware:
    """Bursts on /api → 429 with Retry-After. Clients are told apart by a valid API key, else by address
    (so inventing a new Authorization header for every request does not buy a new bucket)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        limiter: RateLimiter,
        applies_to: Callable[[str], bool],
        is_known_key: Callable[[str], bool],
    ) -> None:
        self.app = app
        self.limiter = limiter
        self.applies_to = applies_to
        self.is_known_key = is_known_key

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.applies_to(scope["path"]):
            await self.app(scope, receive, send)
            return
        authorization = dict(scope["headers"]).get(b"authorization", b"").decode("latin-1")
        api_key = authorization[7:].strip() if authorization[:7].lower() == "bearer " else ""
        client = scope.get("client")
        key = f"key:{api_key}" if api_key and self.is_known_key(api_key) else f"ip:{client[0] if client else '?'}"
        wait = self.limiter.acquire(key)
        if wait > 0:
            await _send_error(
                send,
                429,
                "rate_limited",
                "too many requests; slow down",
                [(b"retry-after", str(max(1, math.ceil(wait))).encode())],
            )
            return
        await self.app(scope, receive, send)


_REFUSED_DELIVERY = frozenset({401, 408, 413})


class WebhookGuardMiddleware:
    """The GitHub webhook's own limit on strangers, apart from the API's bucket.

    A delivery refused for its signature (401), or for a body too large (413) or too slow to arrive (408),
    spends one token of its address's small bucket; once that is empty, the address's webhook requests get
    429 before their body is read or any signature is computed. Signed deliveries are counted in the route
    by a bucket of their own (they are GitHub's, from whichever address)."""

    def __init__(self, app: ASGIApp, *, path: str, refusals: RateLimiter) -> None:
        self.app = app
        self.path = path
        self.refusals = refusals

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != self.path:
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        key = f"ip:{client[0] if client else '?'}"
        wait = self.refusals.waiting(key)
        if wait > 0:
            await _send_error(
                send,
                429,
                "rate_limited",
                "too many webhook deliveries with a missing or wrong signature; slow down",
                [(b"retry-after", str(max(1, math.ceil(wait))).encode())],
            )
            return
        status = 0

        async def watched(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        await self.app(scope, receive, watched)
        if status in _REFUSED_DELIVERY:
            self.refusals.acquire(key)
