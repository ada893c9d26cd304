"""The web viewer, served next to the API by `codedoc serve`: pages at `/` and `/jobs/…`, assets at `/ui/static/`."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from codedoc.service.web.routes import LoginRequired, ViewerError, error_page, router
from codedoc.service.web.templating import STATIC


def install_viewer(app: FastAPI) -> None:
    from codedoc.service.web.ask_routes import router as ask_router
    from codedoc.service.web.github_pages import router as github_router

    app.include_router(ask_router)
    app.include_router(router)
    app.include_router(github_router)
    app.mount("/ui/static", StaticFiles(directory=STATIC), name="viewer-static")

    @app.exception_handler(ViewerError)
    async def _viewer_error(request: Request, error: ViewerError) -> Response:
        return error_page(request, error.status, error.message)

    @app.exception_handler(LoginRequired)
    async def _login_required(request: Request, _error: LoginRequired) -> Response:
        if request.method == "GET" and not request.url.path.startswith("/ui/"):
            return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
        return error_page(request, 401, "Sign in with an API key first.")


_API_PATHS = ("/api/", "/health", "/metrics", "/docs", "/redoc", "/openapi.json")


def is_viewer_path(path: str) -> bool:
    """Everything that is not the API's: a person who lands on a wrong address gets a page, not JSON."""
    return not path.startswith(_API_PATHS)
