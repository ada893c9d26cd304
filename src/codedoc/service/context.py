"""Everything a service process needs, built once from the settings and handed to the API and worker."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from codedoc.acquire import AcquireLimits
from codedoc.errors import CodeDocError
from codedoc.pipeline import GenerateOptions
from codedoc.service.crypto import TokenBox, load_or_create_key
from codedoc.service.db import create_db_engine, create_session_factory
from codedoc.service.db.migrate import upgrade
from codedoc.service.jobs.runner import JobRunner, Pipeline, RunnerConfig, load_pipeline
from codedoc.service.jobs.state import JobStateMachine, Lease
from codedoc.service.metrics import ServiceMetrics
from codedoc.service.queue import JobQueue
from codedoc.service.settings import ServiceSettings
from codedoc.service.storage import ArtifactStorage, create_storage
from codedoc.service.urls import build_url_policy
from codedoc.write.prose import NoExtraProse, ProseSource

if TYPE_CHECKING:
    from codedoc.acquire.url_policy import UrlPolicy
    from codedoc.service.accounts import Accounts
    from codedoc.service.accounts.owners import Owners

logger = logging.getLogger("codedoc.service")


@dataclass
class ServiceContext:
    settings: ServiceSettings
    engine: Engine
    state: JobStateMachine
    queue: JobQueue
    storage: ArtifactStorage
    tokens: TokenBox
    metrics: ServiceMetrics = field(default_factory=ServiceMetrics)

    @classmethod
    def from_settings(cls, settings: ServiceSettings, *, migrate: bool = True) -> ServiceContext:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        engine = create_db_engine(settings.resolved_database_url)
        if migrate:
            upgrade(engine)
        keys = settings.secret_key_list()
        if not keys:
            if not settings.resolved_database_url.startswith("sqlite"):
                logger.warning(
                    "CODEDOC_SECRET_KEY is not set: access tokens are encrypted with a key file in %s that "
                    "workers on other machines cannot read; give every process the same CODEDOC_SECRET_KEY",
                    settings.data_dir,
                )
            keys = [load_or_create_key(settings.data_dir / "secret.key")]
        context = cls(
            settings=settings,
            engine=engine,
            state=JobStateMachine(create_session_factory(engine), max_attempts=settings.max_attempts),
            queue=JobQueue(settings.resolved_queue_url, name=settings.queue_name),
            storage=create_storage(settings.resolved_storage_url, s3_endpoint_url=settings.s3_endpoint_url),
            tokens=TokenBox(keys),
        )
        context.metrics.watch(jobs_by_status=context.state.count_by_status, queue_depth=context.queue.depth)
        _ = context.url_policy  # a malformed CODEDOC_GIT_HOSTS stops start-up, not the first request
        return context

    @cached_property
    def url_policy(self) -> UrlPolicy:
        return build_url_policy(self.settings)

    @cached_property
    def accounts(self) -> Accounts:
        from codedoc.service.accounts.build import build_accounts

        return build_accounts(self.settings, self.engine, self.tokens)

    @cached_property
    def owners(self) -> Owners:
        from codedoc.service.accounts.build import build_owners

        return build_owners(self.engine)

    def _github_token(self, lease: Lease, token: str | None) -> str | None:
        """A signed-in user's token, refreshed and proven (`GET /user`) before the clone; access re-checked."""
        accounts = self.accounts
        full_name = accounts.host.full_name_of(lease.github_url)
        if full_name is None:
            return token
        if lease.user_id is not None:
            repository, _identity, token = accounts.check_repository(lease.user_id, full_name)
            self.state.record_access(
                lease.job_id, has_write_access=repository.can_push, repository_private=repository.private
            )
        elif token and self.settings.github_client_id:
            accounts.host.identify(token)
        return token

    def generate_options(self, lease: Lease) -> GenerateOptions:
        settings = self.settings
        token = None
        if lease.access_token_encrypted:
            token = self.tokens.decrypt(lease.access_token_encrypted)
            if token is None:
                raise CodeDocError(
                    "this job's access token cannot be decrypted by this worker (CODEDOC_SECRET_KEY differs "
                    "between the API and the workers, or the key was retired); submit the job again"
                )
        token = self._github_token(lease, token)
        return GenerateOptions(
            ref=lease.ref,
            # The commit the ref pointed at when the job was made: the job's page names it, so it is documented.
            commit=lease.commit_sha,
            access_token=token,
            url_policy=self.url_policy,
            acquire_limits=AcquireLimits(
                timeout_seconds=settings.clone_timeout,
                max_bytes=settings.max_repo_bytes,
                max_files=settings.max_repo_files,
            ),
            cache_dir=settings.cache_dir / "analysis",
            work_dir=settings.work_dir,
            prose=_prose_from_environment(settings),
        )

    def runner(self, pipeline: Pipeline | None = None) -> JobRunner:
        settings = self.settings
        settings.work_dir.mkdir(parents=True, exist_ok=True)
        return JobRunner(
            state=self.state,
            storage=self.storage,
            config=RunnerConfig(
                work_dir=settings.work_dir,
                lease_seconds=settings.lease_seconds,
                heartbeat_seconds=settings.heartbeat_interval,
                job_timeout=settings.job_timeout,
                max_attempts=settings.max_attempts,
                retry_delay=settings.retry_delay,
            ),
            options=self.generate_options,
            pipeline=pipeline or load_pipeline(settings.pipeline),
            enqueue=lambda job_id, delay: self.queue.enqueue(job_id, delay=delay),
            on_stages=self.metrics.observe_stages,
            on_outcome=lambda outcome: self.metrics.job_outcomes.labels(outcome=outcome).inc(),
            on_completed=self._update_pull_request,
        )

    def _update_pull_request(self, job_id: str) -> None:
        """A job started by a push to a repository with an open CodeDoc pull request keeps that pull request
        in sync (docstrings written again first when it carried them); see `follow_up_pull_request`."""
        job = self.state.get(job_id)
        if job is None or job.user_id is None or not job.pull_request_url:
            return  # most jobs: answered before importing the GitHub client, which takes a while
        from codedoc.errors import GitHostError
        from codedoc.service.accounts.changes import follow_up_pull_request

        base = self.settings.public_url.rstrip("/")
        try:
            follow_up_pull_request(self, job_id, job_url=f"{base}/jobs/{job_id}" if base else f"job {job_id}")
        except GitHostError as error:
            logger.warning("job %s: its pull request was not updated: %s", job_id, error)

    def close(self) -> None:
        self.queue.close()
        self.engine.dispose()


def _prose_from_environment(settings: ServiceSettings) -> ProseSource:
    """The LLM writer when `CODEDOC_LLM_PROVIDER` is set (same variables as the CLI), else offline prose."""
    try:
        from codedoc.write.llm import prose_from_env
    except ImportError:
        return NoExtraProse()
    prose = prose_from_env(os.environ, cache_dir=settings.cache_dir / "llm")
    return prose if prose is not None else NoExtraProse()
