"""Job rows → API responses (URLs point at this API's own routes, so no bucket needs to be public)."""

from __future__ import annotations

from fastapi import Request

from codedoc.service.api.hosts import public_base_url
from codedoc.service.api.schemas import JobOut, LlmUsage
from codedoc.service.db.models import Job, JobStatus


def absolute_url(request: Request, name: str, **params: str) -> str:
    """The public URL of route `name`: from CODEDOC_PUBLIC_URL or the connection, never from `Host`."""
    base = public_base_url(request.scope, request.app.state.context.settings.public_url)
    return base + str(request.app.url_path_for(name, **params))


def job_out(job: Job, request: Request) -> JobOut:
    done = job.status == JobStatus.COMPLETED.value and job.artifact_prefix is not None
    return JobOut(
        id=job.id,
        github_url=job.github_url,
        ref=job.ref,
        commit_sha=job.commit_sha,
        status=JobStatus(job.status),
        progress=job.progress,
        current_step=job.current_step,
        step_detail=job.step_detail,
        error_message=job.error_message,
        attempts=job.attempts,
        documentation_url=absolute_url(request, "get_documentation", job_id=job.id) if done else None,
        site_url=absolute_url(request, "get_site_file", job_id=job.id, path="docs/index.md") if done else None,
        model_url=absolute_url(request, "get_model", job_id=job.id) if done else None,
        has_write_access=job.has_write_access,
        pull_request_url=job.pull_request_url,
        llm_usage=llm_usage_of(job),
        commented_code_url=_comments_url(job, request, "get_commented_code"),
        docstrings_patch_url=_comments_url(job, request, "get_docstrings_patch"),
        created_at=job.created_at,
        updated_at=job.updated_at,
        started_at=job.started_at,
        finished_at=job.finished_at,
    )


def llm_usage_of(job: Job) -> LlmUsage | None:
    """What the LLM writer used for the job, from the JSON its row keeps."""
    return LlmUsage.model_validate_json(job.llm_usage) if job.llm_usage else None


def _comments_url(job: Job, request: Request, route: str) -> str | None:
    ready = job.status == JobStatus.COMPLETED.value and job.comments_prefix is not None
    return str(request.url_for(route, job_id=job.id)) if ready else None
