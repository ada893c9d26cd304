"""The job table. Only `codedoc.service.jobs.state` changes a row's status."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Boolean, DateTime, Index, Integer, MetaData, String, Text, text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

# Stable constraint names, so migrations can refer to them on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "pk": "pk_%(table_name)s",
}


class JobStatus(StrEnum):
    PENDING = "pending"
    PROCESSING = "processing"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def is_terminal(self) -> bool:
        return self in (JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED)


class JobTask(StrEnum):
    DOCUMENT = "document"
    ADD_COMMENTS = "add_comments"


ACTIVE_STATUSES = (JobStatus.PENDING, JobStatus.PROCESSING)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every database (SQLite forgets the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime from the database, got {type(value).__name__}")
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Job(Base):
    __tablename__ = "jobs"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    owner: Mapped[str] = mapped_column(String(64), default="")
    """Hash of the API key that created the job ("" without API keys)."""
    github_url: Mapped[str] = mapped_column(String(2048))
    """The normalised clone URL."""
    ref: Mapped[str | None] = mapped_column(String(255))
    commit_sha: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default=JobStatus.PENDING.value)
    progress: Mapped[int] = mapped_column(Integer, default=0)
    current_step: Mapped[str | None] = mapped_column(String(32))
    step_detail: Mapped[str | None] = mapped_column(String(300))
    error_message: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    cancel_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    lease_token: Mapped[str | None] = mapped_column(String(36))
    lease_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    worker_id: Mapped[str | None] = mapped_column(String(200))
    not_before: Mapped[datetime | None] = mapped_column(UTCDateTime())
    """A retry waiting for its back-off is not handed out again before this."""
    enqueued_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    access_token_encrypted: Mapped[str | None] = mapped_column(Text)
    artifact_prefix: Mapped[str | None] = mapped_column(String(300))
    """Where the finished site lives in storage; set only when the job completes."""
    timings: Mapped[str | None] = mapped_column(Text)
    """JSON: seconds per pipeline stage."""
    llm_usage: Mapped[str | None] = mapped_column(Text)
    """JSON: the LLM writer's calls, tokens and estimated cost, when the job used one."""
    dedup_key: Mapped[str] = mapped_column(String(64))
    task: Mapped[str] = mapped_column(String(16), default=JobTask.DOCUMENT.value, server_default="document")
    """What the job runs when it is next claimed: the documentation, or docstrings for its commit."""
    comments_prefix: Mapped[str | None] = mapped_column(String(300))
    """Where the docstrings (commented code, patch) live in storage, once added."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (
        Index("ix_jobs_owner_created_at", "owner", "created_at"),
        Index("ix_jobs_status_lease_expires_at", "status", "lease_expires_at"),
        # One live job per (owner, URL, ref): two API processes racing on the same request
        # cannot both insert. Failed and cancelled jobs do not count.
        Index(
            "uq_jobs_live_dedup_key",
            "dedup_key",
            unique=True,
            sqlite_where=text("status NOT IN ('failed', 'cancelled')"),
            postgresql_where=text("status NOT IN ('failed', 'cancelled')"),
        ),
    )
