"""The job table. Only `codedoc.service.jobs.state` changes a row's status."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    false,
    text,
)
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
    SYNC_COMMENTS = "sync_comments"
    """Docstrings for a push's job whose pull request carries them; the pull request is updated after."""


DOCSTRING_TASKS = frozenset({JobTask.ADD_COMMENTS.value, JobTask.SYNC_COMMENTS.value})
"""The tasks that write docstrings for a documented job (its documentation stays)."""


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
    user_id: Mapped[int | None] = mapped_column(Integer, index=True)
    """The signed-in GitHub user (`users.id`) whose token clones the repository; None for API-key jobs."""
    has_write_access: Mapped[bool] = mapped_column(Boolean, default=False)
    """Whether the job's GitHub user could push to the repository when it was last checked."""
    repository_private: Mapped[bool | None] = mapped_column(Boolean)
    """What GitHub last said: False → public (its docs vanish if it stops being), True → private
    (shown only while the job's user can read it), None → not known (a token without `github_id`)."""
    pull_request_url: Mapped[str | None] = mapped_column(String(2048))
    """CodeDoc's pull request carrying this job's documentation (migration 0006)."""
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


# ---- GitHub sign-in (migration 0004) ---------------------------------------------------------


class User(Base):
    """A person signed in with GitHub: what GitHub says about them, refreshed at each sign-in."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    github_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    login: Mapped[str] = mapped_column(String(100))
    name: Mapped[str | None] = mapped_column(String(255))
    email: Mapped[str | None] = mapped_column(String(320))
    avatar_url: Mapped[str | None] = mapped_column(String(2048))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_sign_in_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    @property
    def owner(self) -> str:
        """The `jobs.owner` of this user's jobs."""
        return f"gh:{self.github_id}"


class GitHubToken(Base):
    """A user's GitHub tokens, Fernet-encrypted; one row per user, replaced whole on refresh."""

    __tablename__ = "github_tokens"

    user_id: Mapped[int] = mapped_column(Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    access_token_encrypted: Mapped[str] = mapped_column(Text)
    refresh_token_encrypted: Mapped[str | None] = mapped_column(Text)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    """None for OAuth App tokens, which do not expire; 8 hours for GitHub App user tokens."""
    refresh_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    scopes: Mapped[str | None] = mapped_column(String(1000))
    """`X-OAuth-Scopes` of the token, comma separated; None when GitHub sends none (GitHub App tokens)."""
    api_url: Mapped[str] = mapped_column(String(2048))
    refresh_lock_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    """The per-user refresh lock: a process holding it until this time is refreshing the pair."""
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class WebSession(Base):
    """A signed-in browser. The cookie holds a random id; the table keeps only its digest."""

    __tablename__ = "web_sessions"

    id_digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    owner: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int | None] = mapped_column(Integer, ForeignKey("users.id", ondelete="CASCADE"))
    """Set for a GitHub sign-in; None for a browser signed in with an API key."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class UserRepository(Base):
    """A repository a user can read, as `GET /user/repos` last listed it."""

    __tablename__ = "user_repositories"

    user_id: Mapped[int] = mapped_column(Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    repo_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    full_name: Mapped[str] = mapped_column(String(255))
    private: Mapped[bool] = mapped_column(Boolean, default=False)
    default_branch: Mapped[str] = mapped_column(String(255))
    can_push: Mapped[bool] = mapped_column(Boolean, default=False)
    description: Mapped[str | None] = mapped_column(Text)
    synced_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    __table_args__ = (Index("ix_user_repositories_user_id_full_name", "user_id", "full_name"),)


class OAuthState(Base):
    """An OAuth `state` waiting for its callback; deleted when used, so a replay finds nothing."""

    __tablename__ = "oauth_states"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class ServiceSecret(Base):
    """Random values every process of one deployment shares (cookie signing key, owner salt)."""

    __tablename__ = "service_secrets"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(128))


class GitHubDelivery(Base):
    """A webhook delivery already handled (`X-GitHub-Delivery`): a replay of it is ignored. Migration 0006."""

    __tablename__ = "github_deliveries"

    delivery_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    event: Mapped[str] = mapped_column(String(50))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)


class PullRequestRecord(Base):
    """CodeDoc's pull request for one owner, repository and base branch: updated in place. Migration 0006."""

    __tablename__ = "github_pull_requests"

    owner: Mapped[str] = mapped_column(String(64), primary_key=True)
    full_name: Mapped[str] = mapped_column(String(255), primary_key=True)
    base: Mapped[str] = mapped_column(String(255), primary_key=True)
    branch: Mapped[str] = mapped_column(String(255))
    last_commit: Mapped[str | None] = mapped_column(String(64))
    """The commit CodeDoc put on the branch last: the branch is force-moved only while it is still the head."""
    number: Mapped[int | None] = mapped_column(Integer)
    url: Mapped[str | None] = mapped_column(String(2048))
    state: Mapped[str] = mapped_column(String(16))
    """`opened`, `updated`, `unchanged` or `declined` (a person closed it: never reopened)."""
    with_docstrings: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    """Whether its last commit carried docstrings: an update after a push then writes them again for the
    new commit before committing (migration 0007)."""
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
