"""/api/v1/github/webhook: a push to a documented repository's default branch documents the new commit."""

from __future__ import annotations

import json
import logging
from math import ceil

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool

from codedoc.errors import GitHostError, RepositoryNotFound
from codedoc.github.pulls import MAX_DOCS_FOLDER, check_docs_folder
from codedoc.github.webhooks import Push, parse_push, repository_hidden, signature_is_valid
from codedoc.service.api import actions
from codedoc.service.api.deps import Context, OwnedJob
from codedoc.service.api.errors import ApiError, from_codedoc_error
from codedoc.service.api.schemas import ErrorResponse
from codedoc.service.context import ServiceContext
from codedoc.service.db.models import GitHubDelivery, utcnow

logger = logging.getLogger("codedoc.service.github")

router = APIRouter(tags=["github"])

WEBHOOK_PATH = "/api/v1/github/webhook"


def _errors(*statuses: int) -> dict[int | str, dict[str, object]]:
    return {status: {"model": ErrorResponse} for status in statuses}


class WebhookResult(BaseModel):
    status: str
    """`queued`, `ignored`, `duplicate` (a delivery already handled) or `pong`."""
    reason: str = ""
    jobs: list[str] = []


@router.post(
    WEBHOOK_PATH,
    response_model=WebhookResult,
    responses={
        202: {"model": WebhookResult, "description": "Jobs queued"},
        **_errors(400, 401, 404, 413, 429, 502, 503),
    },
)
async def webhook(request: Request, context: Context) -> JSONResponse:
    """GitHub's push webhook (content type `application/json`, secret `CODEDOC_GITHUB_WEBHOOK_SECRET`)."""
    settings = context.settings
    secret = settings.github_webhook_secret.get_secret_value() if settings.github_webhook_secret else ""
    if not secret:
        raise ApiError(404, "not_found", "the GitHub webhook is not configured on this service")
    body = await request.body()
    delivery = request.headers.get("x-github-delivery", "")[:100]
    event = request.headers.get("x-github-event", "")[:50]
    if not signature_is_valid(secret, body, request.headers.get("x-hub-signature-256")):
        # Logged without the body: it is a stranger's until the signature says otherwise.
        logger.warning("GitHub webhook refused: missing or wrong signature (event %r, delivery %r)", event, delivery)
        raise ApiError(401, "bad_signature", "the webhook signature (X-Hub-Signature-256) is missing or wrong")
    if not delivery:
        raise ApiError(400, "bad_request", "the X-GitHub-Delivery header is missing")
    if (wait := request.app.state.webhook_deliveries.acquire("signed")) > 0:
        logger.warning("GitHub webhook: too many signed deliveries; delivery %r refused", delivery)
        raise ApiError(
            429, "rate_limited", "too many webhook deliveries; slow down", headers={"Retry-After": str(ceil(wait))}
        )
    if not await run_in_threadpool(_first_delivery, context, delivery, event):
        logger.info("GitHub delivery %s replayed: ignored", delivery)
        return _result("duplicate", "this delivery was already handled")
    if event == "ping":
        return _result("pong")
    try:
        payload = json.loads(body)
    except ValueError:
        raise ApiError(400, "bad_request", "the webhook body is not JSON") from None
    if event == "push":
        return await run_in_threadpool(_on_push, context, parse_push(payload))
    if event == "repository" and (hidden := repository_hidden(payload)) is not None:
        context.accounts.access.forget_repository(hidden)
        return _result("queued", f"{hidden} was deleted or made private: its documentation is checked again")
    return _result("ignored", f"event {event or 'without a name'} is not one CodeDoc acts on")


def _result(status: str, reason: str = "", jobs: list[str] | None = None) -> JSONResponse:
    result = WebhookResult(status=status, reason=reason, jobs=jobs or [])
    return JSONResponse(result.model_dump(), status_code=202 if status == "queued" else 200)


def _first_delivery(context: ServiceContext, delivery: str, event: str) -> bool:
    try:
        with context.accounts.store.sessions.begin() as session:
            session.add(GitHubDelivery(delivery_id=delivery, event=event, received_at=utcnow()))
    except IntegrityError:
        return False
    return True


def _on_push(context: ServiceContext, push: Push | None) -> JSONResponse:
    if push is None:
        return _result("ignored", "not a push to a branch")
    if push.to_our_branch:
        return _result("ignored", "a push to CodeDoc's own branch")
    if not push.to_default_branch:
        return _result("ignored", f"a push to {push.branch}, not to the default branch {push.default_branch}")
    url = actions.check_source(context, context.accounts.host.clone_url(push.full_name))
    documenters = context.state.documenters(url)
    if not documenters:
        return _result("ignored", f"{push.full_name} has no documentation here")
    jobs: list[str] = []
    for owner, user_id in documenters:
        # Bursts: a newer push makes the older pushes' jobs that have not started yet pointless.
        superseded = context.state.supersede_pushes(owner=owner, github_url=url, commit=push.commit)
        if superseded:
            logger.info("push to %s: %d older pending job(s) superseded", push.full_name, superseded)
        try:
            job, _created = actions.submit_job(
                context, owner=owner, github_url=url, ref=push.commit, access_token=None, user_id=user_id
            )
        except ApiError as error:
            logger.info("push to %s: no job for one documenter (%s)", push.full_name, error.code)
            continue
        jobs.append(job.id)
        if user_id is not None and _created:
            _follow_open_pull_request(context, owner, push, job.id)
    logger.info("push to %s at %s: %d job(s)", push.full_name, push.commit[:12], len(jobs))
    return _result("queued", f"documenting {push.full_name} at {push.commit[:12]}", jobs)


class PullRequestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    docs_folder: str | None = Field(default=None, max_length=MAX_DOCS_FOLDER + 1)
    """Where the pages go in the repository (relative, no `..` or `.git`); `docs/codedoc` by default,
    or the folder this pull request used last."""

    @field_validator("docs_folder")
    @classmethod
    def _folder(cls, value: str | None) -> str | None:
        return None if value is None else check_docs_folder(value)


class PullRequestOut(BaseModel):
    status: str
    """`opened`, `updated`, `unchanged` (nothing new to commit) or `declined` (a person closed it)."""
    url: str | None
    number: int | None
    branch: str
    message: str


@router.post(
    "/api/v1/jobs/{job_id}/pull-request",
    response_model=PullRequestOut,
    responses=_errors(401, 403, 404, 409, 413, 422, 429, 502, 503),
)
def pull_request(
    job: OwnedJob, request: Request, context: Context, body: PullRequestIn | None = None
) -> PullRequestOut:
    """Open (or update) CodeDoc's pull request with this job's documentation (and its docstrings, once
    `add-comments` ran); needs write access."""
    from codedoc.service.accounts.changes import open_pull_request

    job_url = str(request.url_for("job_page", job_id=job.id))
    folder = body.docs_folder if body is not None else None
    try:
        outcome = open_pull_request(context, job, job_url=job_url, docs_folder=folder)
    except RepositoryNotFound as error:
        raise ApiError(404, "repository_not_found", str(error)) from None
    except GitHostError as error:
        raise from_codedoc_error(error) from None
    return PullRequestOut(
        status=outcome.status, url=outcome.url, number=outcome.number, branch=outcome.branch, message=outcome.message
    )


def _follow_open_pull_request(context: ServiceContext, owner: str, push: Push, job_id: str) -> None:
    """When this owner has an open CodeDoc pull request on the branch pushed to, the new job will update it."""
    from codedoc.service.db.models import PullRequestRecord

    with context.accounts.store.sessions() as session:
        record = session.get(PullRequestRecord, (owner, push.full_name, push.branch))
    if record is not None and record.state in ("opened", "updated") and record.url:
        context.state.record_pull_request(job_id, record.url)
