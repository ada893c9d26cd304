"""/api/v1/jobs: create, read, list, cancel, retry, delete."""

from __future__ import annotations

import logging
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from codedoc.service.api import actions
from codedoc.service.api.deps import Context, OwnedJob, Owner
from codedoc.service.api.schemas import ErrorResponse, JobCreate, JobOut
from codedoc.service.api.views import job_out
from codedoc.service.db.models import JobStatus

logger = logging.getLogger("codedoc.service.api")

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse, "description": "API key missing or wrong"},
    404: {"model": ErrorResponse, "description": "No such job (or not yours)"},
    422: {"model": ErrorResponse, "description": "Invalid request"},
    429: {"model": ErrorResponse, "description": "Too many requests"},
}

router = APIRouter(prefix="/api/v1/jobs", tags=["jobs"], responses=_ERRORS)


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
    token = body.access_token.get_secret_value() if body.access_token else None
    job, created = actions.submit_job(
        context, owner=owner, github_url=body.github_url, ref=body.ref, access_token=token, github_id=body.github_id
    )
    if not created:
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
    actions.delete_job(context, job, owner=owner)
    return Response(status_code=204)


@router.post("/{job_id}/cancel", response_model=JobOut)
def cancel_job(job: OwnedJob, request: Request, context: Context, owner: Owner) -> JobOut:
    """A pending job is cancelled at once; a running one stops at its next stage."""
    return job_out(actions.cancel_job(context, job, owner=owner), request)


@router.post("/{job_id}/retry", response_model=JobOut, responses={409: {"model": ErrorResponse}})
def retry_job(job: OwnedJob, request: Request, context: Context, owner: Owner) -> JobOut:
    """Start a failed or cancelled job again from the beginning."""
    return job_out(actions.retry_job(context, job, owner=owner), request)
