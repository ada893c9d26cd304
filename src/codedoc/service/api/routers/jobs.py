"""/api/v1/jobs: create, read, list, cancel, retry, delete."""

from __future__ import annotations

import logging
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from codedoc.errors import UnsafeURL
from codedoc.service.api.deps import Context, OwnedJob, Owner
from codedoc.service.api.errors import ApiError, from_codedoc_error, not_found
from codedoc.service.api.schemas import ErrorResponse, JobCreate, JobOut
from codedoc.service.api.views import job_out
from codedoc.service.db.models import JobStatus
from codedoc.service.jobs.state import JobConflict
from codedoc.service.queue import QueueError
from codedoc.service.storage import job_prefix
from codedoc.service.urls import normalize_source

logger = logging.getLogger("codedoc.service.api")

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse, "description": "API key missing or wrong"},
    404: {"model": ErrorResponse, "description": "No such job (or not yours)"},
    422: {"model": ErrorResponse, "description": "Invalid request"},
    429: {"model": ErrorResponse, "description": "Too many requests"},
}

router = APIRouter(prefix="/api/v1/jobs", tags=["jobs"], responses=_ERRORS)


def _enqueue(context: Context, job_id: str) -> None:
    try:
        context.queue.enqueue(job_id)
        context.state.mark_enqueued(job_id)
    except QueueError:
        # The job is saved; a worker's sweep queues it once the queue is back.
        logger.warning("job %s saved but not queued; the sweeper will queue it", job_id)


@router.post(
    "",
    status_code=201,
    response_model=JobOut,
    responses={
        200: {"model": JobOut, "description": "A live job for this repository and ref already exists"},
        413: {"model": ErrorResponse, "description": "Request body too large"},
    },
)
def create_job(body: JobCreate, request: Request, response: Response, context: Context, owner: Owner) -> JobOut:
    try:
        url = normalize_source(context.url_policy, body.github_url)
    except UnsafeURL as error:
        raise from_codedoc_error(error) from None
    if context.state.count_active(owner=owner) >= context.settings.max_active_jobs:
        raise ApiError(
            429,
            "too_many_jobs",
            f"you already have {context.settings.max_active_jobs} jobs pending or running; wait for one to finish",
            headers={"Retry-After": "30"},
        )
    token = body.access_token.get_secret_value() if body.access_token else None
    job, created = context.state.create(
        owner=owner,
        github_url=url,
        ref=body.ref,
        access_token_encrypted=context.tokens.encrypt(token) if token else None,
    )
    if created:
        logger.info("job %s created for %s", job.id, url)
        _enqueue(context, job.id)
    else:
        response.status_code = 200
    return job_out(job, request)


@router.get("", response_model=list[JobOut])
def list_jobs(
    request: Request,
    context: Context,
    owner: Owner,
    skip: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    status: JobStatus | None = None,
) -> list[JobOut]:
    """Newest first."""
    return [job_out(job, request) for job in context.state.list(owner=owner, status=status, skip=skip, limit=limit)]


@router.get("/{job_id}", response_model=JobOut)
def get_job(job: OwnedJob, request: Request) -> JobOut:
    return job_out(job, request)


@router.delete("/{job_id}", status_code=204, response_class=Response)
def delete_job(job: OwnedJob, context: Context, owner: Owner) -> Response:
    """Cancels the job if it is running, then deletes it and its artifacts."""
    context.state.request_cancel(job.id, owner=owner)
    context.state.delete(job.id, owner=owner)
    context.storage.delete_tree(job_prefix(job.id))
    logger.info("job %s deleted", job.id)
    return Response(status_code=204)


@router.post("/{job_id}/cancel", response_model=JobOut)
def cancel_job(job: OwnedJob, request: Request, context: Context, owner: Owner) -> JobOut:
    """A pending job is cancelled at once; a running one stops at its next stage."""
    updated = context.state.request_cancel(job.id, owner=owner)
    if updated is None:
        raise not_found()
    return job_out(updated, request)


@router.post("/{job_id}/retry", response_model=JobOut, responses={409: {"model": ErrorResponse}})
def retry_job(job: OwnedJob, request: Request, context: Context, owner: Owner) -> JobOut:
    """Start a failed or cancelled job again from the beginning."""
    if job.status not in (JobStatus.FAILED.value, JobStatus.CANCELLED.value):
        raise ApiError(409, "conflict", f"only failed or cancelled jobs can be retried; this one is {job.status}")
    try:
        updated = context.state.retry(job.id, owner=owner)
    except JobConflict as conflict:
        raise ApiError(409, "conflict", str(conflict)) from None
    if updated is None:
        raise not_found()
    if updated.status == JobStatus.PENDING.value:
        _enqueue(context, updated.id)
    return job_out(updated, request)
