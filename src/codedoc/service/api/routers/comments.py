"""Docstrings for a documented job: add them, then read them as JSON or download them as a patch."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Body, Request, Response
from pydantic import BaseModel, Field, SecretStr

from codedoc.service.api import actions
from codedoc.service.api.deps import Context, OwnedJob, Owner
from codedoc.service.api.errors import ApiError
from codedoc.service.api.schemas import ErrorResponse, JobOut
from codedoc.service.api.views import job_out
from codedoc.service.db.models import Job, JobStatus
from codedoc.service.jobs.comments import COMMENTED_CODE, PATCH

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse, "description": "API key missing or wrong"},
    404: {"model": ErrorResponse, "description": "No such job (or not yours)"},
    409: {"model": ErrorResponse, "description": "The job is not documented yet, or has no docstrings yet"},
    429: {"model": ErrorResponse, "description": "Too many requests"},
}

router = APIRouter(prefix="/api/v1/jobs", tags=["docstrings"], responses=_ERRORS)


class AddComments(BaseModel):
    model_config = {"extra": "forbid"}

    access_token: Annotated[SecretStr | None, Field(default=None, max_length=1024)] = None
    """For a private repository: a token that can read it (the job's own token is not kept)."""


class Location(BaseModel):
    path: str
    start_line: int
    end_line: int


class CommentedSymbol(BaseModel):
    file: str
    symbol: str
    kind: str
    location: Location
    docstring: str


@router.post("/{job_id}/add-comments", status_code=202, response_model=JobOut)
def add_comments(
    job: OwnedJob,
    request: Request,
    context: Context,
    owner: Owner,
    body: Annotated[AddComments | None, Body()] = None,
) -> JobOut:
    """Write docstrings for the job's commit: the job goes back to `pending` and runs its own steps."""
    token = body.access_token.get_secret_value() if body is not None and body.access_token else None
    return job_out(actions.add_comments(context, job, owner=owner, access_token=token), request)


def read_comments(context: Context, job: Job, name: str) -> bytes:
    """One stored docstrings file of the job (for the API and the web viewer)."""
    if job.comments_prefix is None:
        raise ApiError(409, "not_ready", "no docstrings yet: POST /api/v1/jobs/{id}/add-comments first")
    if job.status != JobStatus.COMPLETED.value:
        raise ApiError(409, "not_ready", f"the job is {job.status}; its docstrings are being written")
    data = context.storage.read(f"{job.comments_prefix}/{name}")
    if data is None:
        raise ApiError(404, "not_found", "the job's docstrings are missing from storage")
    return data


@router.get("/{job_id}/commented-code", response_model=list[CommentedSymbol])
def get_commented_code(job: OwnedJob, context: Context) -> list[CommentedSymbol]:
    """Every docstring added: file, symbol, location and the text."""
    entries = json.loads(read_comments(context, job, COMMENTED_CODE))
    return [CommentedSymbol.model_validate(entry) for entry in entries]


@router.get(
    "/{job_id}/commented-code.diff",
    response_class=Response,
    responses={200: {"content": {"text/x-diff": {}}, "description": "The docstrings as a patch for `git apply`"}},
)
def get_docstrings_patch(job: OwnedJob, context: Context) -> Response:
    return Response(
        content=read_comments(context, job, PATCH),
        media_type="text/x-diff; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="codedoc-docstrings-{job.id[:8]}.diff"',
            "X-Content-Type-Options": "nosniff",
        },
    )
