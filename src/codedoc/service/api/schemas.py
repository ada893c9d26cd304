"""What the API accepts and returns. Requests forbid unknown fields, so `status` or `owner` → 422."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator

from codedoc.service.db.models import JobStatus
from codedoc.service.urls import MAX_URL_LENGTH, check_ref


class JobCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    github_url: Annotated[str, Field(min_length=1, max_length=MAX_URL_LENGTH)]
    """`https://<allowed host>/owner/repo` or `owner/repo`."""
    ref: Annotated[str | None, Field(default=None, max_length=255)] = None
    """Branch, tag or commit; the default branch when absent."""
    access_token: Annotated[SecretStr | None, Field(default=None, max_length=1024)] = None
    """Used for the clone only: never returned, never logged, stored encrypted while a retry may need it."""
    github_id: Annotated[int | None, Field(default=None, ge=1)] = None
    """The GitHub account the access_token belongs to: the job then records whether it can push."""

    @field_validator("ref")
    @classmethod
    def _ref(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        return check_ref(value)


class LlmUsage(BaseModel):
    """What the LLM writer used for this job (absent when the offline writer wrote everything)."""

    provider: str
    calls: int
    cache_hits: int
    input_tokens: int
    output_tokens: int
    cached_input_tokens: int
    cost_usd: float | None
    """Estimated from the price table; None when the model has no known price."""
    fallbacks: int
    """Pages whose call failed or went over the budget, written by the offline writer instead."""
    by_kind: dict[str, dict[str, int]] = {}
    """Calls, cache hits and tokens per kind of call (plan, page, summary…), as the model router sees them."""
    pages: list[str] = []
    """The concept pages the wiki plan chose, in reading order."""


class JobOut(BaseModel):
    id: str
    github_url: str
    ref: str | None
    commit_sha: str | None
    status: JobStatus
    progress: Annotated[int, Field(ge=0, le=100)]
    current_step: str | None
    """The pipeline stage running now: clone, scan, analyze, plan, write, verify, publish."""
    step_detail: str | None
    error_message: str | None
    attempts: int
    documentation_url: str | None
    """The single-file Markdown, served by this API (set when the job completed)."""
    site_url: str | None
    model_url: str | None
    has_write_access: bool
    pull_request_url: str | None
    llm_usage: LlmUsage | None = None
    commented_code_url: str | None = None
    """The docstrings added to the job's commit (JSON), once `add-comments` has run."""
    docstrings_patch_url: str | None = None
    """The same docstrings as a patch for `git apply`."""
    created_at: datetime
    updated_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class ErrorBody(BaseModel):
    code: str
    message: str
    request_id: str | None


class ErrorResponse(BaseModel):
    error: ErrorBody


class ServiceInfo(BaseModel):
    name: str
    version: str
    docs_url: str


class Health(BaseModel):
    status: str
    """`healthy` when the database, the queue and the storage all answer."""
    database: str
    queue: str
    storage: str
