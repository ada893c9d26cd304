"""A finished job's output: the single-file Markdown, the code model, any file of the site."""

from __future__ import annotations

import mimetypes
from typing import Any

from fastapi import APIRouter, Response

from codedoc.service.api.deps import Context, OwnedJob
from codedoc.service.api.errors import ApiError, not_found
from codedoc.service.api.schemas import ErrorResponse
from codedoc.service.db.models import Job, JobStatus
from codedoc.service.storage import safe_relative_key

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse, "description": "API key missing or wrong"},
    404: {"model": ErrorResponse, "description": "No such job or file"},
    409: {"model": ErrorResponse, "description": "The job has not completed"},
    429: {"model": ErrorResponse, "description": "Too many requests"},
}

router = APIRouter(prefix="/api/v1/jobs", tags=["artifacts"], responses=_ERRORS)

_TYPES = {
    ".md": "text/markdown; charset=utf-8",
    ".json": "application/json",
    ".yml": "text/yaml; charset=utf-8",
    ".yaml": "text/yaml; charset=utf-8",
}
# Site files come from untrusted repositories: never let a browser run them as a page of this origin.
_SAFE_HEADERS = {"X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'none'; sandbox"}


def read_artifact(context: Context, job: Job, relative: str) -> bytes:
    """The bytes of one file of a completed job's site (for the routers and the web viewer)."""
    if job.status != JobStatus.COMPLETED.value or job.artifact_prefix is None:
        raise ApiError(409, "not_ready", f"the job is {job.status}; its documentation is not available")
    key = safe_relative_key(relative)
    if key is None:
        raise not_found("file")
    data = context.storage.read(f"{job.artifact_prefix}/{key}")
    if data is None:
        raise not_found("file")
    return data


def _file_response(data: bytes, path: str) -> Response:
    suffix = "." + path.rsplit(".", 1)[-1].lower() if "." in path else ""
    media_type = _TYPES.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"
    if media_type in ("text/html", "image/svg+xml", "application/xhtml+xml", "text/xml", "application/xml"):
        media_type = "text/plain; charset=utf-8"
    return Response(content=data, media_type=media_type, headers=_SAFE_HEADERS)


@router.get(
    "/{job_id}/documentation",
    response_class=Response,
    responses={200: {"content": {"text/markdown": {}}, "description": "The whole documentation as one Markdown file"}},
)
def get_documentation(job: OwnedJob, context: Context) -> Response:
    return _file_response(read_artifact(context, job, "documentation.md"), "documentation.md")


@router.get(
    "/{job_id}/model",
    response_class=Response,
    responses={200: {"content": {"application/json": {}}, "description": "The code model (codedoc.json)"}},
)
def get_model(job: OwnedJob, context: Context) -> Response:
    return _file_response(read_artifact(context, job, "codedoc.json"), "codedoc.json")


@router.get(
    "/{job_id}/site/{path:path}",
    response_class=Response,
    responses={
        200: {
            "content": {"text/markdown": {}, "application/octet-stream": {}},
            "description": "A page or asset of the generated site",
        }
    },
)
def get_site_file(job: OwnedJob, path: str, context: Context) -> Response:
    path = path or "docs/index.md"
    return _file_response(read_artifact(context, job, path), path)
