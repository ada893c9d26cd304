"""Errors as JSON `{"error": {"code", "message", "request_id"}}`, mapped to statuses in one place."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from codedoc.errors import (
    AskError,
    ChangeRefused,
    CodeDocError,
    GitHostError,
    HostRateLimited,
    HostUnavailable,
    InvalidSource,
    MissingScope,
    ProviderError,
    SignInFailed,
    TokenRejected,
)
from codedoc.service.logs import request_id_var

logger = logging.getLogger("codedoc.service.api")


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers


def not_found(what: str = "job") -> ApiError:
    return ApiError(404, "not_found", f"no such {what}")


# The only mapping from CodeDoc's error tree to HTTP: anything not listed is a server fault.
_CODEDOC_ERRORS: tuple[tuple[type[CodeDocError], int, str], ...] = (
    (InvalidSource, 422, "invalid_source"),
    (AskError, 422, "ask_refused"),
    (ProviderError, 502, "provider_error"),
    (SignInFailed, 400, "sign_in_failed"),
    (TokenRejected, 401, "github_token_rejected"),
    (MissingScope, 403, "github_scope_missing"),
    (HostRateLimited, 503, "github_rate_limited"),
    (HostUnavailable, 502, "github_unavailable"),
    (ChangeRefused, 409, "pull_request_refused"),
    (GitHostError, 502, "github_error"),
)

_STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "rate_limited",
    403: "forbidden",
    502: "bad_gateway",
    503: "unavailable",
}


def error_response(status: int, code: str, message: str, *, headers: dict[str, str] | None = None) -> JSONResponse:
    body = {"error": {"code": code, "message": message, "request_id": request_id_var.get()}}
    return JSONResponse(body, status_code=status, headers=headers)


def from_codedoc_error(error: CodeDocError) -> ApiError:
    for kind, status, code in _CODEDOC_ERRORS:
        if isinstance(error, kind):
            return ApiError(status, code, str(error))
    logger.error("unexpected CodeDoc error in a request", exc_info=error)
    return ApiError(500, "internal_error", "internal error")


def _validation_message(errors: list[Any]) -> str:
    parts = []
    for error in errors[:5]:
        location = ".".join(str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path"))
        message = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
        parts.append(f"{location}: {message}" if location else message)
    return "; ".join(parts) or "invalid request"


HtmlError = Callable[[Request, int, str], Response | None]
"""A page for a person instead of JSON (the web viewer's), or None to answer with JSON."""


def install_error_handlers(app: FastAPI, *, html_error: HtmlError | None = None) -> None:
    def html(request: Request, status: int, message: str) -> Response | None:
        return html_error(request, status, message) if html_error is not None else None

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, error: ApiError) -> Response:
        return html(request, error.status, error.message) or error_response(
            error.status, error.code, error.message, headers=error.headers
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, error: RequestValidationError) -> JSONResponse:
        return error_response(422, "validation_error", _validation_message(list(error.errors())))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, error: StarletteHTTPException) -> Response:
        code = _STATUS_CODES.get(error.status_code, "error")
        message = error.detail if isinstance(error.detail, str) else code.replace("_", " ")
        shown = "There is no such page." if error.status_code == 404 else message
        return html(request, error.status_code, shown) or error_response(
            error.status_code, code, message, headers=getattr(error, "headers", None)
        )
