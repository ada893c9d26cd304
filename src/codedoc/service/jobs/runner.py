"""One attempt of one job: claim it, run the pipeline with a heartbeat, store the site, record the end."""

from __future__ import annotations

import dataclasses
import importlib
import logging
import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from codedoc.acquire.workspace import remove_tree
from codedoc.errors import JobCancelled
from codedoc.pipeline import GenerateOptions
from codedoc.service.db.models import DOCSTRING_TASKS, utcnow
from codedoc.service.jobs.failures import Failure, describe_failure, timed_out
from codedoc.service.jobs.lease import Heartbeat, StopCheck
from codedoc.service.jobs.progress import ProgressRecorder
from codedoc.service.jobs.state import JobStateMachine, Lease
from codedoc.service.jobs.workspaces import attempt_workspace
from codedoc.service.logs import job_context
from codedoc.service.storage import ArtifactStorage, job_prefix

logger = logging.getLogger("codedoc.service.jobs")


class Pipeline(Protocol):
    """The shape of `codedoc.pipeline.generate`."""

    def __call__(
        self, source: str, output: Path | None, options: GenerateOptions, *, progress: Any, should_cancel: Any
    ) -> Any: ...


def load_pipeline(spec: str) -> Pipeline:
    """`module:function`, or the real pipeline when empty."""
    if not spec:
        from codedoc.pipeline import generate

        return generate
    module_name, _, attribute = spec.partition(":")
    if not module_name or not attribute:
        raise ValueError("CODEDOC_PIPELINE must look like package.module:function")
    function: Pipeline = getattr(importlib.import_module(module_name), attribute)
    return function


def new_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


@dataclass(frozen=True)
class RunnerConfig:
    work_dir: Path
    lease_seconds: float
    heartbeat_seconds: float
    job_timeout: float
    max_attempts: int
    retry_delay: float


class JobRunner:
    def __init__(
        self,
        *,
        state: JobStateMachine,
        storage: ArtifactStorage,
        config: RunnerConfig,
        options: Callable[[Lease], GenerateOptions],
        pipeline: Pipeline,
        enqueue: Callable[[str, float], None],
        on_stages: Callable[[dict[str, float]], None] | None = None,
        on_outcome: Callable[[str], None] | None = None,
        on_completed: Callable[[str], None] | None = None,
        worker_id: str | None = None,
    ) -> None:
        self.state = state
        self.storage = storage
        self.config = config
        self._options = options
        self._pipeline = pipeline
        self._enqueue = enqueue
        self._on_stages = on_stages
        self._on_outcome = on_outcome
        self._on_completed = on_completed
        """Called with the job id once its result is visible, after documenting and after a docstrings run
        (e.g. to update its pull request)."""
        self.worker_id = worker_id or new_worker_id()
        self.active: dict[str, Lease] = {}
        """Leases held right now, so a worker shutting down can hand them back."""

    def run(self, job_id: str) -> None:
        with job_context(job_id):
            lease = self.state.claim(job_id, worker_id=self.worker_id, lease_seconds=self.config.lease_seconds)
            if lease is None:
                self._defer_if_early(job_id)
                return
            logger.info("job %s attempt %d started", job_id, lease.attempt)
            self.active[job_id] = lease
            try:
                outcome, completed = self._attempt(lease)
            finally:
                self.active.pop(job_id, None)
            logger.info("job %s attempt %d ended: %s", job_id, lease.attempt, outcome)
            if self._on_outcome is not None:
                self._on_outcome(outcome)
            if completed:
                # After the workspace is gone: a follow-up (GitHub calls) never keeps a checkout on disk.
                self._follow_up(job_id)

    def _defer_if_early(self, job_id: str) -> None:
        # A retry's task can fire a moment before the job's back-off ends (clocks differ):
        # put it back for the rest of the wait instead of dropping it.
        job = self.state.get(job_id)
        if job is None or job.status != "pending" or job.not_before is None:
            return
        remaining = (job.not_before - utcnow()).total_seconds()
        if remaining > 0:
            self._enqueue(job_id, remaining + 0.1)

    def _attempt(self, lease: Lease) -> tuple[str, bool]:
        """The attempt's outcome, and whether it left the job completed (documented, or its docstrings
        run ended either way)."""
        workspace = attempt_workspace(self.config.work_dir, lease.job_id, lease.token)
        output = workspace / "site"
        config = self.config
        heartbeat = Heartbeat(self.state, lease, interval=config.heartbeat_seconds, lease_seconds=config.lease_seconds)
        try:
            with heartbeat:
                stop = StopCheck(self.state, lease, heartbeat, timeout=config.job_timeout)
                try:
                    workspace.mkdir(parents=True, exist_ok=True)
                    # The clone goes inside the attempt's folder too, so one removal takes everything.
                    options = dataclasses.replace(self._options(lease), work_dir=workspace)
                    if lease.task in DOCSTRING_TASKS:
                        return self._comments(lease, options, workspace, stop)
                    result = self._pipeline(
                        lease.github_url,
                        output,
                        options,
                        progress=ProgressRecorder(self.state, lease),
                        should_cancel=stop,
                    )
                    if stop():
                        raise JobCancelled("the job was cancelled")
                    return self._store(lease, output, result, llm_usage=_llm_usage(options.prose))
                except JobCancelled:
                    return self._stopped(lease, stop), False
                except Exception as error:
                    return self._failed(lease, describe_failure(error)), False
        finally:
            remove_tree(workspace)

    def _comments(self, lease: Lease, options: GenerateOptions, workspace: Path, stop: StopCheck) -> tuple[str, bool]:
        """The `add_comments` task. It never takes the documentation away: when it cannot finish,
        the job is completed again with a message saying why (a transient failure is retried first)."""
        from codedoc.service.jobs.comments import run_comments

        try:
            stored = run_comments(
                state=self.state,
                storage=self.storage,
                lease=lease,
                options=options,
                workspace=workspace,
                should_cancel=stop,
            )
        except JobCancelled:
            if stop.lease_lost:
                return "lease lost", False
            reason = "took too long" if stop.timed_out else "was cancelled"
            message = f"adding docstrings {reason}; the documentation is unchanged"
            ended, outcome = self.state.comments_ended(lease, message=message), "cancelled"
        except Exception as error:
            failure = describe_failure(error)
            if failure.transient and lease.attempt < self.config.max_attempts:
                return self._failed(lease, failure), False
            message = f"docstrings could not be added: {failure.message}"
            ended, outcome = self.state.comments_ended(lease, message=message), "failed"
        else:
            if not stored:
                return "discarded", False
            ended, outcome = True, "completed"
        return outcome, ended

    def _store(
        self, lease: Lease, output: Path, result: Any, *, llm_usage: dict[str, Any] | None = None
    ) -> tuple[str, bool]:
        ProgressRecorder(self.state, lease).record("publish", 99, "storing the site")
        prefix = f"{job_prefix(lease.job_id)}/{lease.token}"
        self.storage.put_tree(prefix, output)
        timings: dict[str, float] = dict(getattr(result, "timings", {}) or {})
        repository = getattr(getattr(result, "model", None), "repository", None)
        commit = getattr(repository, "commit_sha", None)
        if not self.state.complete(
            lease, artifact_prefix=prefix, commit_sha=commit, timings=timings, llm_usage=llm_usage
        ):
            # Cancelled, deleted or taken over meanwhile: this result must not become visible.
            self.storage.delete_tree(prefix)
            return "discarded", False
        if self._on_stages is not None:
            self._on_stages(timings)
        return "completed", True

    def _follow_up(self, job_id: str) -> None:
        """The job is completed again (documented, or its docstrings run ended either way): its follow-up."""
        if self._on_completed is None:
            return
        try:
            self._on_completed(job_id)
        except Exception:
            # The documentation is stored and shown; what follows it must not undo that.
            logger.warning("after job %s completed: follow-up failed", job_id, exc_info=True)

    def _stopped(self, lease: Lease, stop: StopCheck) -> str:
        if stop.timed_out:
            self.state.fail(lease, timed_out(self.config.job_timeout).message)
            return "timed out"
        if stop.lease_lost:
            return "lease lost"
        self.state.cancelled(lease)
        return "cancelled"

    def _failed(self, lease: Lease, failure: Failure) -> str:
        if failure.transient and lease.attempt < self.config.max_attempts:
            delay = self.config.retry_delay * 2 ** (lease.attempt - 1)
            if self.state.retry_later(lease, message=failure.message, delay=delay):
                try:
                    self._enqueue(lease.job_id, delay)
                except Exception:
                    # The sweeper finds pending jobs the queue lost; the retry is only late.
                    logger.warning("could not schedule the retry of job %s", lease.job_id, exc_info=True)
                return "retry scheduled"
            return "lease lost"
        self.state.fail(lease, failure.message)
        return "failed"


def _llm_usage(prose: object) -> dict[str, Any] | None:
    """What the job's LLM writer used, or None when the offline writer wrote the prose."""
    report = getattr(prose, "report", None)
    if not callable(report):
        return None
    summary: dict[str, Any] = report().summary()
    return summary
