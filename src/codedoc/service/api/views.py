"""Job rows → API responses (URLs point at this API's own routes, so no bucket needs to be public)."""

from __future__ import annotations

from fastapi import Request

from codedoc.service.api.schemas import JobOut, LlmUsage
from codedoc.service.db.models import Job, JobStatus


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
        documentation_url=str(request.url_for("get_documentation", job_id=job.id)) if done else None,
        site_url=str(request.url_for("get_site_file", job_id=job.id, path="docs/index.md")) if done else None,
        model_url=str(request.url_for("get_model", job_id=job.id)) if done else None,
        has_write_access=job.has_write_access,
        pull_request_url=job.pull_request_url,
        llm_usage=llm_usage_of(job),
        created_at=job.created_at,
        updated_at=job.updated_at,
        started_at=job.started_at,
        finished_at=job.finished_at,
    )


def llm_usage_of(job: Job) -> LlmUsage | None:
    """What the LLM writer used for the job, from the JSON its row keeps."""
    return LlmUsage.model_validate_json(job.llm_usage) if job.llm_usage else None
