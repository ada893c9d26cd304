"""Every setting of the service, in one class: environment variables and `.env`, validated once.

The embedded defaults need nothing but a data folder: SQLite for jobs, SQLite for the queue,
a local folder for artifacts. Scaling out changes three URLs and nothing else.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import platformdirs
from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

if TYPE_CHECKING:
    from codedoc.github import GitHubConfig

DEFAULT_GIT_HOSTS = "github.com,gitlab.com,bitbucket.org,codeberg.org"


def _default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("codedoc"))


class ServiceSettings(BaseSettings):
    """Read from `CODEDOC_*` environment variables (and `DATABASE_URL`), or a `.env` file."""

    model_config = SettingsConfigDict(
        env_prefix="CODEDOC_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
    )

    data_dir: Path = Field(default_factory=_default_data_dir)
    """Folder for the embedded database, queue, artifacts, clones and caches."""
    database_url: str = Field(
        default="",
        validation_alias=AliasChoices("DATABASE_URL", "CODEDOC_DATABASE_URL", "database_url"),
    )
    """SQLAlchemy URL of the job database; empty means `sqlite:///<data_dir>/codedoc.db`."""
    queue_url: str = ""
    """`redis://…` for a Redis queue; empty means a SQLite queue in the data folder."""
    queue_name: str = "codedoc"
    """Name of the queue, so several deployments can share one Redis."""
    storage_url: str = ""
    """`s3://bucket/prefix` for S3; empty means `<data_dir>/artifacts`."""
    s3_endpoint_url: str | None = None
    """For S3-compatible stores (MinIO, moto): the endpoint, e.g. `http://127.0.0.1:9000`."""

    git_hosts: str = DEFAULT_GIT_HOSTS
    """Hosts jobs may clone from, comma separated; `host:port` also allows plain http to it."""
    github_url: str = "https://github.com"
    """Where `owner/repo` is resolved (GitHub Enterprise: your server)."""

    secret_key: SecretStr | None = None
    """Fernet key(s), comma separated, newest first; empty means a key file in the data folder."""
    api_keys: SecretStr | None = None
    """Comma-separated API keys; when set, every /api call needs `Authorization: Bearer <key>`."""

    workers: int = Field(default=2, ge=1, le=64)
    """Jobs a worker process runs at the same time."""
    job_timeout: float = Field(default=1800.0, gt=0)
    """Seconds a job may run before it is stopped and failed."""
    max_attempts: int = Field(default=3, ge=1, le=20)
    """Attempts per job (transient failures and lost workers) before it is failed."""
    retry_delay: float = Field(default=10.0, ge=0)
    """Seconds before the first retry of a transient failure; doubles each attempt."""
    lease_seconds: float = Field(default=60.0, gt=0)
    """A running job's lease; a worker silent for this long is presumed dead."""
    heartbeat_seconds: float = Field(default=0.0, ge=0)
    """How often a running job renews its lease; 0 means a third of `lease_seconds`."""
    sweep_seconds: float = Field(default=15.0, gt=0)
    """How often each worker looks for jobs whose lease expired."""
    poll_seconds: float = Field(default=1.0, gt=0)
    """Longest wait of an idle worker polling a SQLite queue."""

    max_body_bytes: int = Field(default=16_384, ge=256)
    """Largest request body the API reads; larger → 413."""
    rate_limit: int = Field(default=120, ge=0)
    """Requests per minute per client (API key or address) on /api; 0 disables the limit."""
    rate_burst: int = Field(default=30, ge=1)
    """Requests a client may send at once before the per-minute rate applies."""
    max_active_jobs: int = Field(default=20, ge=1)
    """Pending or running jobs per client at once."""
    max_repo_bytes: int = Field(default=2 * 1024**3, ge=1)
    """Largest repository a job clones."""
    clone_timeout: float = Field(default=600.0, gt=0)
    """Seconds a clone may take."""

    # ---- hardening (issue 9): who may talk to the service, and for how long -------------------
    allowed_hosts: str = ""
    """`Host` names the service answers to, comma separated (`*.example.com` and `*` allowed); empty
    means localhost, 127.0.0.1, [::1] and CODEDOC_PUBLIC_URL's host. The address a connection arrives
    on (from the socket) is always accepted: a rebound domain never sends an IP address as `Host`."""
    public_url: str = ""
    """The service's public base URL (`https://docs.example.com`): absolute links and the viewer's
    own origin come from it, never from the request's `Host`; empty means the connection's own address."""
    resolve_commits: bool = True
    """Ask the Git host for the commit of the requested ref (`git ls-remote`) before queueing, so a
    moved branch gets a new job while the same commit returns the existing one."""
    body_timeout: float = Field(default=30.0, gt=0)
    """Seconds a client may take to send a request body; slower → 408."""
    max_streams: int = Field(default=200, ge=1)
    """Event streams open at once, for the whole process; more → 429."""
    max_streams_per_client: int = Field(default=10, ge=1)
    """Event streams open at once per client (API key or address); more → 429."""
    max_repo_files: int = Field(default=200_000, ge=1)
    """Most files a job's repository may have (a "git bomb" is refused before checkout)."""

    pipeline: str = ""
    """`module:function` replacing the pipeline (tests and benchmarks); empty means the real one."""
    log_format: Literal["auto", "json", "text"] = "auto"
    """`auto` writes JSON unless the output is a terminal."""
    log_level: str = "INFO"

    ask_rate_limit: int = Field(default=30, ge=0)
    """Questions per minute per user (API, viewer and MCP `ask`); 0 disables the limit."""
    ask_rate_burst: int = Field(default=10, ge=1)
    """Questions a user may ask at once before the per-minute rate applies."""

    # ---- GitHub sign-in (see README "Sign in with GitHub") ----
    github_api_url: str = ""
    """GitHub's REST API; empty means api.github.com for github.com, `<github_url>/api/v3` for Enterprise."""
    github_client_id: str = ""
    """Client id of the OAuth App or GitHub App; empty turns sign-in with GitHub off."""
    github_client_secret: SecretStr | None = None
    github_scopes: str = "repo read:user user:email"
    """Scopes an OAuth App asks for (`repo` is what private repositories need); a GitHub App ignores them."""
    github_callback_url: str = ""
    """The OAuth callback registered on GitHub; empty means this service's own `/auth/github/callback`."""
    session_days: float = Field(default=14.0, gt=0)
    """How long a browser stays signed in."""
    access_check_seconds: float = Field(default=60.0, ge=0)
    """How long a "this user can read that repository" answer from GitHub is re-used."""
    token_refresh_margin: float = Field(default=300.0, ge=0)
    """Expiring GitHub tokens are refreshed when fewer seconds than this are left."""
    github_webhook_secret: SecretStr | None = None
    """The secret of the push webhook (`/api/v1/github/webhook`); empty turns the webhook off."""
    webhook_max_bytes: int = Field(default=5 * 1024**2, ge=256, le=25 * 1024**2)
    """Largest webhook body read (GitHub sends pushes of up to 25 MB); other routes keep `max_body_bytes`."""
    webhook_rate_limit: int = Field(default=600, ge=0)
    """Signed webhook deliveries per minute, all senders together (their own bucket, apart from the API's
    `rate_limit`: GitHub delivers bursts from one range of addresses); 0 disables the limit."""
    webhook_rate_burst: int = Field(default=200, ge=1)
    """Signed webhook deliveries accepted at once before `webhook_rate_limit` applies."""
    webhook_refusals: int = Field(default=10, ge=1)
    """Deliveries with a missing or wrong signature an address may send per minute (and at once); past
    that, the address's webhook requests are refused with 429 before their body is read."""

    @field_validator("database_url", "queue_url", "storage_url")
    @classmethod
    def _strip(cls, value: str) -> str:
        return value.strip()

    @field_validator("queue_url")
    @classmethod
    def _known_queue(cls, value: str) -> str:
        if value and not value.startswith(("redis://", "rediss://", "unix://", "sqlite:///")):
            raise ValueError("CODEDOC_QUEUE_URL must be redis://…, rediss://…, unix://… or sqlite:///path")
        return value

    @field_validator("storage_url")
    @classmethod
    def _known_storage(cls, value: str) -> str:
        if value and not value.startswith(("s3://", "file://", "/")):
            raise ValueError("CODEDOC_STORAGE_URL must be s3://bucket/prefix, file:///path or an absolute path")
        return value

    @model_validator(mode="after")
    def _heartbeat_within_lease(self) -> ServiceSettings:
        if self.heartbeat_seconds and self.heartbeat_seconds >= self.lease_seconds:
            raise ValueError("CODEDOC_HEARTBEAT_SECONDS must be shorter than CODEDOC_LEASE_SECONDS")
        return self

    @field_validator("public_url")
    @classmethod
    def _public_url(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("CODEDOC_PUBLIC_URL must be an http:// or https:// URL")
        return value

    @cached_property
    def resolved_database_url(self) -> str:
        url = self.database_url or f"sqlite:///{self.data_dir / 'codedoc.db'}"
        # psycopg 3 is the driver we ship; plain postgresql:// URLs would pick psycopg2.
        for prefix in ("postgresql://", "postgres://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url.removeprefix(prefix)
        return url

    @cached_property
    def resolved_queue_url(self) -> str:
        return self.queue_url or f"sqlite:///{self.data_dir / 'queue.db'}"

    @cached_property
    def resolved_storage_url(self) -> str:
        return self.storage_url or str(self.data_dir / "artifacts")

    @property
    def heartbeat_interval(self) -> float:
        return self.heartbeat_seconds or self.lease_seconds / 3

    @property
    def work_dir(self) -> Path:
        return self.data_dir / "work"

    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "cache"

    def api_key_list(self) -> list[str]:
        if self.api_keys is None:
            return []
        return [key.strip() for key in self.api_keys.get_secret_value().split(",") if key.strip()]

    def secret_key_list(self) -> list[str]:
        if self.secret_key is None:
            return []
        return [key.strip() for key in self.secret_key.get_secret_value().split(",") if key.strip()]

    def github_config(self) -> GitHubConfig:
        from codedoc.github import GitHubConfig

        secret = self.github_client_secret.get_secret_value() if self.github_client_secret else ""
        return GitHubConfig(
            web_url=self.github_url,
            api_url=self.github_api_url,
            client_id=self.github_client_id,
            client_secret=secret,
            scopes=self.github_scopes,
        )
