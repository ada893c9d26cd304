"""The web viewer: submit a repository, follow its job, read and download its documentation.

Server-rendered pages; the scripts in `static/` only make them livelier (inline URL checks, live
progress, instant search, diagrams and highlighting) and every page works without them.
"""

from __future__ import annotations

import posixpath
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from codedoc import __version__
from codedoc.errors import CodeDocError
from codedoc.service.accounts import COOKIE
from codedoc.service.api import actions
from codedoc.service.api.deps import Context, job_readable, key_is_valid
from codedoc.service.api.errors import ApiError
from codedoc.service.api.routers.events import job_event_stream
from codedoc.service.api.schemas import ServiceInfo
from codedoc.service.api.views import llm_usage_of
from codedoc.service.context import ServiceContext
from codedoc.service.db.models import ACTIVE_STATUSES, Job, JobStatus
from codedoc.service.urls import MAX_URL_LENGTH, check_ref
from codedoc.service.web.downloads import site_zip
from codedoc.service.web.loader import LoadedSite, SiteCache, load_site
from codedoc.service.web.session import current_viewer, same_origin, set_session_cookie, viewer_owner
from codedoc.service.web.templating import build_environment

router = APIRouter()

_templates = build_environment()
_sites = SiteCache()

PAGE_SIZE = 25
MAX_TOKEN_LENGTH = 1024
_EMPTY_SOURCE = "Enter a repository: https://github.com/owner/repo or owner/repo."
# The viewer's pages are ours; what they show comes from strangers. Scripts only from this origin.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
_PAGE_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


class ViewerError(Exception):
    """Shown to the person as an HTML page with this status and sentence."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class LoginRequired(Exception):
    """The service has API keys and this browser has not given one."""


def page(request: Request, template: str, status: int = 200, **values: Any) -> HTMLResponse:
    context = request.app.state.context
    values.setdefault("needs_key", bool(context.settings.api_key_list()))
    values.setdefault("github_sign_in", bool(context.settings.github_client_id))
    values.setdefault("viewer", current_viewer(request, context))
    html = _templates.get_template(template).render(request=request, **values)
    return HTMLResponse(html, status_code=status, headers=_PAGE_HEADERS)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return page(request, "error.html", status=status, status_code=status, message=message)


def wants_html(request: Request) -> bool:
    """A browser navigating here (it asks for HTML first), rather than a script asking for JSON."""
    accept = request.headers.get("accept", "")
    html_at = accept.find("text/html")
    json_at = accept.find("application/json")
    return html_at >= 0 and (json_at < 0 or html_at < json_at)


def _owner(request: Request, context: ServiceContext) -> str:
    owner = viewer_owner(request, context)
    if owner is None:
        raise LoginRequired
    return owner


def _job(request: Request, context: ServiceContext, job_id: str) -> tuple[Job, str]:
    owner = _owner(request, context)
    job = context.state.get(job_id[:64], owner=owner)
    try:
        readable = job is not None and job_readable(context, job)
    except ApiError as error:
        raise ViewerError(error.status, _sentence(error.message)) from None
    if job is None or not readable:
        raise ViewerError(404, "There is no such job. It may have been deleted.")
    return job, owner


def _completed_site(context: ServiceContext, job: Job) -> LoadedSite:
    if job.status != JobStatus.COMPLETED.value or job.artifact_prefix is None:
        raise ViewerError(409, f"This job is {job.status}: its documentation is not ready.")
    prefix = job.artifact_prefix
    return _sites.get(prefix, lambda: load_site(context.storage, prefix))


def page_url(job_id: str, path: str, fragment: str = "") -> str:
    """The viewer's URL of a docs-relative page: `components/api.md` → `/jobs/<id>/docs/components/api`."""
    if path == "index.md":
        route = ""
    elif path.endswith("/index.md"):
        route = path.removesuffix("index.md")
    else:
        route = path.removesuffix(".md")
    url = f"/jobs/{job_id}/docs/{quote(route)}"
    return f"{url}#{quote(fragment)}" if fragment else url


def page_for_route(route: str) -> str:
    """The reverse of `page_url`."""
    if route in ("", "/"):
        return "index.md"
    if route.endswith(".md"):
        return route
    if route.endswith("/"):
        return route + "index.md"
    return route + ".md"


def _form_state(github_url: str = "", ref: str = "", error: str = "", field: str = "") -> dict[str, str]:
    return {"github_url": github_url, "ref": ref, "error": error, "field": field}


def _recent_jobs(context: ServiceContext, owner: str) -> list[Job]:
    return context.state.list(owner=owner, limit=PAGE_SIZE)


@router.get(
    "/",
    response_model=ServiceInfo,
    tags=["service"],
    responses={200: {"content": {"text/html": {}}, "description": "The web viewer, for a browser"}},
)
def home(request: Request, context: Context) -> Any:
    """Name and version; a browser (asking for HTML) gets the web viewer's start page instead."""
    if not wants_html(request):
        return ServiceInfo(name="CodeDoc", version=__version__, docs_url="/docs")
    owner = _owner(request, context)
    return page(request, "home.html", form=_form_state(), jobs=_recent_jobs(context, owner))


@router.get("/jobs", include_in_schema=False)
def jobs_list() -> RedirectResponse:
    return RedirectResponse("/", status_code=303)


@router.post("/jobs", include_in_schema=False)
def submit(
    request: Request,
    context: Context,
    # No length limits here: a too-long value gets a sentence next to its field, not a bare 422.
    github_url: Annotated[str, Form()] = "",
    ref: Annotated[str, Form()] = "",
    access_token: Annotated[str, Form()] = "",
) -> Response:
    owner = _owner(request, context)
    _check_origin(request)
    form = _form_state(_without_credentials(github_url), ref)
    problem, field = "", ""
    if not github_url.strip():
        problem, field = _EMPTY_SOURCE, "github_url"
    elif ref.strip():
        try:
            check_ref(ref.strip())
        except ValueError as error:
            problem, field = f"The ref is not valid: {error}.", "ref"
    if not problem and len(access_token) > MAX_TOKEN_LENGTH:
        problem = f"The access token is longer than {MAX_TOKEN_LENGTH} characters."
    if not problem:
        try:
            job, _created = actions.submit_job(
                context,
                owner=owner,
                github_url=github_url,
                ref=ref.strip() or None,
                access_token=access_token.strip() or None,
            )
        except ApiError as error:
            problem, field = _sentence(error.message), "github_url" if error.status == 422 else ""
        else:
            return RedirectResponse(f"/jobs/{job.id}", status_code=303)
    form.update(error=problem, field=field)
    return page(request, "home.html", status=422, form=form, jobs=_recent_jobs(context, owner))


def _without_credentials(url: str) -> str:
    """What was typed, minus any user:password, so the page never shows a secret back."""
    scheme, separator, rest = url.partition("://")
    if not separator:
        return url
    authority, slash, path = rest.partition("/")
    return f"{scheme}://{authority.rpartition('@')[2]}{slash}{path}"


def _sentence(message: str) -> str:
    message = message.strip()
    return (message[:1].upper() + message[1:]).rstrip(".") + "."


def _check_origin(request: Request) -> None:
    if not same_origin(request):
        raise ViewerError(403, "This form was sent from another site, so it was refused.")


@router.get("/ui/check-url", include_in_schema=False)
def check_url(context: Context, github_url: Annotated[str, Query(max_length=MAX_URL_LENGTH * 2)] = "") -> JSONResponse:
    """What the submit form shows while the person types: the URL it will clone, or what is wrong."""
    if not github_url.strip():
        return JSONResponse({"ok": False, "message": _EMPTY_SOURCE})
    try:
        url = actions.check_source(context, github_url)
    except ApiError as error:
        return JSONResponse({"ok": False, "message": _sentence(error.message)})
    except CodeDocError as error:
        return JSONResponse({"ok": False, "message": _sentence(str(error))})
    return JSONResponse({"ok": True, "message": f"Will document {url}", "url": url})


@router.get("/ui/jobs-table", include_in_schema=False)
def jobs_table(request: Request, context: Context) -> HTMLResponse:
    """The home page's job list alone, which its script refreshes while jobs are running."""
    owner = _owner(request, context)
    return page(request, "_jobs.html", jobs=_recent_jobs(context, owner))


@router.get("/login", include_in_schema=False)
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return page(request, "login.html", next=_local_path(next), error="")


@router.post("/login", include_in_schema=False)
def login(
    request: Request,
    context: Context,
    key: Annotated[str, Form(max_length=1024)] = "",
    next: Annotated[str, Form(max_length=2048)] = "/",
) -> Response:
    _check_origin(request)
    if not key_is_valid(key.strip(), context.settings.api_key_list()):
        return page(request, "login.html", status=401, next=_local_path(next), error="That key is not valid.")
    response = RedirectResponse(_local_path(next), status_code=303)
    # The cookie names a server-side session, never the key itself.
    sessions = context.accounts.sessions
    cookie = sessions.start(owner=context.owners.of_key(key.strip()), user_id=None)
    set_session_cookie(request, response, cookie, max_age=int(sessions.lifetime.total_seconds()))
    return response


@router.post("/logout", include_in_schema=False)
def logout(request: Request, context: Context) -> Response:
    _check_origin(request)
    context.accounts.sessions.end(request.cookies.get(COOKIE))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE)
    return response


def _local_path(target: str) -> str:
    """Only a path on this site: never a redirect to somewhere else."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target or any(ord(c) < 32 for c in target):
        return "/"
    return target


@router.get("/jobs/{job_id}", include_in_schema=False)
def job_page(request: Request, context: Context, job_id: str) -> HTMLResponse:
    job, _owner_id = _job(request, context, job_id)
    return render_job_page(request, context, job)


def render_job_page(
    request: Request,
    context: ServiceContext,
    job: Job,
    *,
    status: int = 200,
    docs_folder: str | None = None,
    folder_error: str = "",
) -> HTMLResponse:
    """The job page; `docs_folder` and `folder_error` show a refused **Open a pull request** form again."""
    active = JobStatus(job.status) in ACTIVE_STATUSES
    if docs_folder is None and job.status == JobStatus.COMPLETED.value and job.has_write_access and job.user_id:
        from codedoc.service.accounts.changes import pull_request_folder

        docs_folder = pull_request_folder(context, job)
    return page(
        request,
        "job.html",
        status,
        job=job,
        usage=llm_usage_of(job),
        active=active,
        docs_folder=docs_folder or "",
        folder_error=folder_error,
    )


@router.get("/jobs/{job_id}/events", include_in_schema=False)
async def job_events(request: Request, context: Context, job_id: str) -> StreamingResponse:
    job, owner = await run_in_threadpool(_job, request, context, job_id)
    return job_event_stream(job, request, context, owner)


@router.post("/jobs/{job_id}/cancel", include_in_schema=False)
def cancel(request: Request, context: Context, job_id: str) -> Response:
    _check_origin(request)
    job, owner = _job(request, context, job_id)
    actions.cancel_job(context, job, owner=owner)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.post("/jobs/{job_id}/retry", include_in_schema=False)
def retry(request: Request, context: Context, job_id: str) -> Response:
    _check_origin(request)
    job, owner = _job(request, context, job_id)
    try:
        actions.retry_job(context, job, owner=owner)
    except ApiError as error:
        raise ViewerError(error.status, _sentence(error.message)) from None
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.post("/jobs/{job_id}/add-comments", include_in_schema=False)
def add_comments(request: Request, context: Context, job_id: str) -> Response:
    _check_origin(request)
    job, owner = _job(request, context, job_id)
    try:
        actions.add_comments(context, job, owner=owner, access_token=None)
    except ApiError as error:
        raise ViewerError(error.status, _sentence(error.message)) from None
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.post("/jobs/{job_id}/delete", include_in_schema=False)
def delete(request: Request, context: Context, job_id: str) -> Response:
    _check_origin(request)
    job, owner = _job(request, context, job_id)
    actions.delete_job(context, job, owner=owner)
    return RedirectResponse("/", status_code=303)


@router.get("/jobs/{job_id}/docs", include_in_schema=False)
def docs_root(job_id: str) -> RedirectResponse:
    return RedirectResponse(f"/jobs/{quote(job_id)}/docs/", status_code=307)


@router.get("/jobs/{job_id}/docs/{route:path}", include_in_schema=False)
def docs_page(request: Request, context: Context, job_id: str, route: str) -> HTMLResponse:
    job, _owner_id = _job(request, context, job_id)
    site = _completed_site(context, job)
    path = page_for_route(route)
    if path == "index.md" and path not in site.pages and site.first_page:
        path = site.first_page
    if posixpath.normpath(path) != path or path not in site.pages:
        raise ViewerError(404, "This site has no such page.")
    rendered = site.render(path, lambda target, fragment: page_url(job.id, target, fragment))
    assert rendered is not None  # the page exists: checked above
    previous, following = site.neighbours(path)
    return page(
        request,
        "docs.html",
        job=job,
        site=site,
        current=path,
        rendered=rendered,
        page_url=lambda target: page_url(job.id, target),
        previous=previous,
        following=following,
        query="",
    )


@router.get("/jobs/{job_id}/search", include_in_schema=False)
def search(
    request: Request,
    context: Context,
    job_id: str,
    q: Annotated[str, Query(max_length=200)] = "",
    format: Annotated[str, Query(max_length=8)] = "html",
) -> Response:
    job, _owner_id = _job(request, context, job_id)
    site = _completed_site(context, job)
    hits = site.index.search(q, limit=50 if format == "html" else 12)
    if format == "json":
        return JSONResponse(
            [
                {
                    "title": hit.heading or hit.page_title,
                    "page": hit.page_title,
                    "url": page_url(job.id, hit.page, hit.anchor),
                    "snippet": hit.snippet,
                }
                for hit in hits
            ],
            headers={"Cache-Control": "no-store"},
        )
    return page(
        request,
        "search.html",
        job=job,
        site=site,
        current=None,
        hits=hits,
        query=q,
        page_url=lambda target, anchor="": page_url(job.id, target, anchor),
    )


_DOWNLOADS = {
    "docstrings.diff": ("text/x-diff; charset=utf-8", "docstrings.diff"),
    "documentation.md": ("text/markdown; charset=utf-8", "documentation.md"),
    "codedoc.json": ("application/json", "codedoc.json"),
}


@router.get("/jobs/{job_id}/download/{name}", include_in_schema=False)
def download(request: Request, context: Context, job_id: str, name: str) -> Response:
    job, _owner_id = _job(request, context, job_id)
    _completed_site(context, job)
    stem = _download_stem(job)
    prefix = job.artifact_prefix or ""
    if name == "site.zip":
        return StreamingResponse(
            site_zip(context.storage, prefix, folder=stem),
            media_type="application/zip",
            headers={"Content-Disposition": f'attachment; filename="{stem}-docs.zip"', **_PAGE_HEADERS},
        )
    if name == "docstrings.diff" and job.comments_prefix:
        prefix = job.comments_prefix
    elif name not in _DOWNLOADS:
        raise ViewerError(404, "There is no such download.")
    media_type, key = _DOWNLOADS[name]
    data = context.storage.read(f"{prefix}/{key}")
    if data is None:
        raise ViewerError(404, "This file is missing from the job's output.")
    return Response(
        data,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{stem}-{name}"', **_PAGE_HEADERS},
    )


def _download_stem(job: Job) -> str:
    name = job.github_url.rstrip("/").removesuffix(".git").rsplit("/", 1)[-1]
    safe = "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "-" for c in name).strip(".-")
    return safe[:60] or "codedoc"
