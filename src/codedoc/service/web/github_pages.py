"""Sign in with GitHub, the repository list, and Document: the viewer's GitHub pages.

The OAuth `state` is kept server-side by Authlib (a database row, deleted when used); the browser
holds only a short-lived signed marker cookie binding the flow to it, so a replayed or foreign
callback is refused with nothing stored.
"""

from __future__ import annotations

import base64
import json
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from codedoc.errors import CodeDocError, GitHostError, SignInFailed, TokenRejected
from codedoc.service.api import actions
from codedoc.service.api.deps import Context
from codedoc.service.api.errors import ApiError
from codedoc.service.context import ServiceContext
from codedoc.service.db.models import User
from codedoc.service.web.routes import LoginRequired, ViewerError, page
from codedoc.service.web.session import current_viewer, same_origin, set_session_cookie

router = APIRouter(include_in_schema=False)

FLOW_COOKIE = "codedoc_oauth"
FLOW_SECONDS = 600
PER_PAGE = 30


def _accounts_on(context: ServiceContext) -> None:
    if not context.accounts.sign_in_enabled:
        raise ViewerError(404, "Sign-in with GitHub is not configured on this service.")


def _user(request: Request, context: ServiceContext) -> User:
    viewer = current_viewer(request, context)
    if viewer is None or viewer.user is None:
        raise LoginRequired
    return viewer.user


def _check_origin(request: Request) -> None:
    if not same_origin(request):
        raise ViewerError(403, "This form was sent from another site, so it was refused.")


def _sentence(error: CodeDocError) -> str:
    text = str(error).strip()
    return (text[:1].upper() + text[1:]).rstrip(".") + "."


def _status(error: CodeDocError) -> int:
    from codedoc.errors import ChangeRefused, RepositoryNotFound

    if isinstance(error, RepositoryNotFound):
        return 404
    if isinstance(error, ChangeRefused):
        return 409
    if isinstance(error, SignInFailed):
        return 400
    if isinstance(error, TokenRejected):
        return 401
    return 503 if error.transient else 422


@router.get("/auth/github/login")
async def github_login(request: Request, context: Context) -> Response:
    """To GitHub's consent page; Authlib makes the `state` and stores it server-side."""
    await run_in_threadpool(_accounts_on, context)
    request.scope["session"] = {}
    redirect_uri = context.settings.github_callback_url or str(request.url_for("github_callback"))
    response: Response = await context.accounts.host.start_sign_in(request, redirect_uri)
    marker = json.dumps(request.scope["session"], separators=(",", ":"))
    sealed = context.accounts.sessions.seal(base64.urlsafe_b64encode(marker.encode()).decode())
    response.set_cookie(
        FLOW_COOKIE,
        sealed,
        max_age=FLOW_SECONDS,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/auth/github",
    )
    return response


@router.get("/auth/github/callback", name="github_callback")
async def github_callback(request: Request, context: Context) -> Response:
    """GitHub sends the browser back here with `code` and `state` (or an `error`)."""
    await run_in_threadpool(_accounts_on, context)
    accounts = context.accounts
    request.scope["session"] = _flow_marker(context, request.cookies.get(FLOW_COOKIE))
    try:
        grant = await accounts.host.finish_sign_in(request)
        user = await run_in_threadpool(accounts.complete_sign_in, grant)
    except GitHostError as error:
        response: Response = page(
            request, "error.html", status=_status(error), status_code=_status(error), message=_sentence(error)
        )
        response.delete_cookie(FLOW_COOKIE, path="/auth/github")
        return response
    cookie = await run_in_threadpool(accounts.sessions.start, owner=user.owner, user_id=user.id)
    response = RedirectResponse("/repos", status_code=303)
    set_session_cookie(request, response, cookie, max_age=int(accounts.sessions.lifetime.total_seconds()))
    response.delete_cookie(FLOW_COOKIE, path="/auth/github")
    return response


def _flow_marker(context: ServiceContext, cookie: str | None) -> dict[str, Any]:
    opened = context.accounts.sessions.unseal(cookie)
    if opened is None:
        return {}
    try:
        marker = json.loads(base64.urlsafe_b64decode(opened.encode()))
    except ValueError:
        return {}
    return marker if isinstance(marker, dict) else {}


@router.get("/repos")
def repositories(
    request: Request,
    context: Context,
    q: Annotated[str, Query(max_length=100)] = "",
    page_number: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1,
    notice: Annotated[str, Query(max_length=20)] = "",
) -> HTMLResponse:
    """The signed-in user's repositories, public and private, with a filter and pages."""
    user = _user(request, context)
    listing = context.accounts.store.repositories(user.id, query=q.strip(), page=page_number, per_page=PER_PAGE)
    synced = context.accounts.store.synced_at(user.id)
    message = "The list was refreshed from GitHub." if notice == "refreshed" else ""
    return page(request, "repos.html", user=user, listing=listing, query=q.strip(), synced=synced, notice=message)


@router.post("/repos/refresh")
def refresh_repositories(request: Request, context: Context) -> Response:
    _check_origin(request)
    user = _user(request, context)
    try:
        context.accounts.sync_repositories(user.id)
    except GitHostError as error:
        raise ViewerError(_status(error), _sentence(error)) from None
    return RedirectResponse("/repos?notice=refreshed", status_code=303)


@router.post("/repos/document")
def document(
    request: Request,
    context: Context,
    full_name: Annotated[str, Form(max_length=255)] = "",
) -> Response:
    """Check the user can read the repository now (token proven first), then start the job."""
    _check_origin(request)
    user = _user(request, context)
    if full_name.count("/") != 1:
        raise ViewerError(422, "Choose a repository from the list.")
    try:
        job, _created = actions.submit_job(
            context,
            owner=user.owner,
            github_url=context.accounts.host.clone_url(full_name),
            ref=None,
            access_token=None,
            user_id=user.id,
        )
    except ApiError as error:
        message = error.message.strip()
        raise ViewerError(error.status, (message[:1].upper() + message[1:]).rstrip(".") + ".") from None
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.post("/jobs/{job_id}/pull-request")
def pull_request(
    request: Request, context: Context, job_id: str, docs_folder: Annotated[str, Form(max_length=300)] = ""
) -> Response:
    """The job page's **Open a pull request**: commits the docs folder, then back to the job page; a bad
    folder shows the page again with the reason next to the field (422), before anything is pushed."""
    from codedoc.errors import RepositoryNotFound
    from codedoc.github.pulls import check_docs_folder
    from codedoc.service.accounts.changes import open_pull_request
    from codedoc.service.web.routes import _job, render_job_page

    _check_origin(request)
    job, _owner = _job(request, context, job_id)
    try:
        folder = check_docs_folder(docs_folder) if docs_folder.strip() else None
    except ValueError as error:
        # The job page again, with what was typed and what is wrong with it next to the field.
        message = _sentence(CodeDocError(str(error)))
        return render_job_page(request, context, job, status=422, docs_folder=docs_folder, folder_error=message)
    try:
        job_url = str(request.url_for("job_page", job_id=job.id))
        outcome = open_pull_request(context, job, job_url=job_url, docs_folder=folder)
    except (GitHostError, RepositoryNotFound) as error:
        raise ViewerError(_status(error), _sentence(error)) from None
    if outcome.status == "declined":
        raise ViewerError(409, _sentence(CodeDocError(outcome.message)))
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)
