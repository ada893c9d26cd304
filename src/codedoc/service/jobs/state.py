"""The job state machine: the one place that changes a job's status.

    pending ──claim──► processing ──complete──► completed
       ▲  │                │ ├──fail──────────► failed ──retry──► pending
       │  │                │ ├──cancelled─────► cancelled ─retry─► pending
       │  └──cancel───────►│ └──retry_later / lease expired (sweep) / release ──► pending
       └────────────────────┘

Every transition is one conditional UPDATE (`WHERE status = … AND lease_token = …`), so two
workers or two API processes racing on one job cannot both win, on SQLite or PostgreSQL. A worker
holds a job through a lease it renews with a heartbeat; whatever it writes after losing the lease
is ignored, so a job never has two results.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, Select, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import Delete, Update

from codedoc.service.db.engine import SessionFactory
from codedoc.service.db.locks import lock_owner
from codedoc.service.db.models import ACTIVE_STATUSES, Job, JobStatus, JobTask, utcnow
from codedoc.service.jobs.failures import lost_worker

_PROCESSING = JobStatus.PROCESSING.value
_PENDING = JobStatus.PENDING.value
_CLEARED_LEASE: dict[str, Any] = {"lease_token": None, "lease_expires_at": None, "worker_id": None}


class TooManyActiveJobs(Exception):
    """The owner already has `limit` jobs pending or running."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"you already have {limit} jobs pending or running; wait for one to finish")
        self.limit = limit


class JobConflict(Exception):
    """Retrying would create a second live job for the same repository and ref."""

    def __init__(self, existing_id: str) -> None:
        super().__init__(f"job {existing_id} already documents this repository and ref")
        self.existing_id = existing_id


@dataclass(frozen=True, slots=True)
class Lease:
    """A worker's claim on one attempt of one job."""

    job_id: str
    token: str
    attempt: int
    github_url: str
    ref: str | None
    access_token_encrypted: str | None
    task: str = JobTask.DOCUMENT.value
    """`add_comments` or `sync_comments` (chained after a push for its pull request): write docstrings for
    `commit_sha` instead of documenting."""
    commit_sha: str | None = None
    user_id: int | None = None
    """The signed-in GitHub user whose token clones the repository."""


@dataclass(slots=True)
class SweepResult:
    requeued: list[str] = field(default_factory=list)
    """Jobs whose worker died, back to pending: enqueue them."""
    failed: list[str] = field(default_factory=list)
    """Jobs whose worker died once too often."""
    stranded: list[str] = field(default_factory=list)
    """Pending jobs that may not be in the queue (enqueue failed, queue flushed): enqueue them."""
    taken_over: list[tuple[str, str]] = field(default_factory=list)
    """(job id, lease token) of the dead attempts, whose workspaces may be removed."""

    @property
    def to_enqueue(self) -> list[str]:
        return self.requeued + self.stranded


def dedup_key(*, owner: str, github_url: str, ref: str | None, commit_sha: str | None = None) -> str:
    """Same owner, URL, ref and commit → same key; an unknown commit keys on the ref alone."""
    text = f"{owner}\n{github_url}\n{ref or ''}"
    if commit_sha:
        text += f"\n{commit_sha}"
    return hashlib.sha256(text.encode()).hexdigest()


class JobStateMachine:
    def __init__(
        self,
        sessions: SessionFactory,
        *,
        max_attempts: int,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._sessions = sessions
        self.max_attempts = max_attempts
        self._clock = clock

    # ---- reads -------------------------------------------------------------------------------

    def get(self, job_id: str, *, owner: str | None = None) -> Job | None:
        statement = select(Job).where(Job.id == job_id)
        if owner is not None:
            statement = statement.where(Job.owner == owner)
        with self._sessions() as session:
            return session.scalars(statement).first()

    def get_many(self, job_ids: Sequence[str]) -> dict[str, Job]:
        """The jobs among `job_ids` that exist, by id, in one query."""
        with self._sessions() as session:
            return {job.id: job for job in session.scalars(select(Job).where(Job.id.in_(job_ids)))}

    def list(self, *, owner: str | None, status: JobStatus | None = None, skip: int = 0, limit: int = 50) -> list[Job]:
        statement = select(Job).order_by(Job.created_at.desc(), Job.id.desc()).offset(skip).limit(limit)
        if owner is not None:
            statement = statement.where(Job.owner == owner)
        if status is not None:
            statement = statement.where(Job.status == status.value)
        with self._sessions() as session:
            return list(session.scalars(statement))

    def documenters(self, github_url: str, *, limit: int = 10) -> tuple[tuple[str, int | None], ...]:
        """(owner, user id) of whoever documented this repository's default branch, most recent first."""
        statement = (
            select(Job.owner, Job.user_id, func.max(Job.created_at).label("latest"))
            .where(
                Job.github_url == github_url,
                Job.ref.is_(None),
                Job.status == JobStatus.COMPLETED.value,
                # Only jobs that can run again by themselves: a user's token, or a public repository.
                or_(Job.user_id.is_not(None), Job.repository_private.is_(False)),
            )
            .group_by(Job.owner, Job.user_id)
            .order_by(func.max(Job.created_at).desc())
            .limit(limit)
        )
        with self._sessions() as session:
            return tuple((owner, user_id) for owner, user_id, _latest in session.execute(statement))

    def count_by_status(self) -> dict[str, int]:
        with self._sessions() as session:
            rows = session.execute(select(Job.status, func.count()).group_by(Job.status)).all()
        counts = {status.value: 0 for status in JobStatus}
        counts.update({status: count for status, count in rows})
        return counts

    def count_active(self, *, owner: str) -> int:
        statement = select(func.count()).select_from(Job).where(Job.owner == owner, Job.status.in_(ACTIVE_STATUSES))
        with self._sessions() as session:
            return int(session.scalar(statement) or 0)

    def live_leases(self) -> Sequence[tuple[str, str]]:
        """(job id, lease token) of every attempt running now (its lease not yet expired)."""
        statement = select(Job.id, Job.lease_token).where(
            Job.status == _PROCESSING, Job.lease_token.is_not(None), Job.lease_expires_at >= self._clock()
        )
        with self._sessions() as session:
            return [(job_id, token or "") for job_id, token in session.execute(statement).all()]

    def ping(self) -> None:
        with self._sessions() as session:
            session.execute(select(1))

    # ---- transitions made by the API ---------------------------------------------------------

    def create(
        self,
        *,
        owner: str,
        github_url: str,
        ref: str | None,
        access_token_encrypted: str | None,
        commit_sha: str | None = None,
        max_active: int | None = None,
        user_id: int | None = None,
        has_write_access: bool = False,
        repository_private: bool | None = None,
    ) -> tuple[Job, bool]:
        """A new pending job, or the live job that already documents this URL, ref and commit (False).

        `commit_sha` is the commit the ref pointed at when the job was asked for (None when unknown);
        with `max_active`, an owner with that many pending or running jobs gets `TooManyActiveJobs`.
        Duplicate check, count and insert run in one transaction holding the owner's lock, so parallel
        submissions cannot all see room for one more.
        """
        key = dedup_key(owner=owner, github_url=github_url, ref=ref, commit_sha=commit_sha)
        now = self._clock()
        job = Job(
            id=str(uuid.uuid4()),
            owner=owner,
            github_url=github_url,
            ref=ref,
            status=_PENDING,
            progress=0,
            attempts=0,
            cancel_requested=False,
            access_token_encrypted=access_token_encrypted,
            user_id=user_id,
            has_write_access=has_write_access,
            repository_private=repository_private,
            dedup_key=key,
            commit_sha=commit_sha,
            created_at=now,
            updated_at=now,
        )
        try:
            with self._sessions.begin() as session:
                lock_owner(session, owner)
                existing = session.scalars(_live_duplicate_query(key).limit(1)).first()
                if existing is not None:
                    return existing, False
                if max_active is not None and _count_active(session, owner) >= max_active:
                    raise TooManyActiveJobs(max_active)
                session.add(job)
        except IntegrityError:
            # Another process inserted the same request between our check and our insert.
            existing = self._live_duplicate(key)
            if existing is None:
                raise
            return existing, False
        return job, True

    def record_access(self, job_id: str, *, has_write_access: bool, repository_private: bool | None) -> None:
        """What GitHub said about the job's repository when it was last checked (not a state change)."""
        self._update(
            update(Job)
            .where(Job.id == job_id)
            .values(has_write_access=has_write_access, repository_private=repository_private)
        )

    def supersede_pushes(self, *, owner: str, github_url: str, commit: str) -> int:
        """Cancel this owner's pending jobs of the repository at another pushed commit (a burst of pushes:
        only the newest is documented). Jobs at a branch or tag name, and running jobs, are left alone."""
        now = self._clock()
        return self._update(
            update(Job)
            .where(
                Job.owner == owner,
                Job.github_url == github_url,
                Job.status == _PENDING,
                Job.attempts == 0,
                func.length(Job.ref) == 40,
                Job.ref != commit,
                # A documented job waiting for its docstrings keeps its documentation: not cancelled.
                Job.task == JobTask.DOCUMENT.value,
            )
            .values(
                status=JobStatus.CANCELLED.value,
                error_message="superseded by a newer push",
                current_step=None,
                finished_at=now,
                updated_at=now,
                access_token_encrypted=None,
            )
        )

    def record_pull_request(self, job_id: str, url: str | None) -> None:
        """The pull request that carries this job's documentation (not a state change)."""
        self._update(update(Job).where(Job.id == job_id).values(pull_request_url=url))

    def mark_enqueued(self, job_id: str) -> None:
        self._update(update(Job).where(Job.id == job_id, Job.status == _PENDING).values(enqueued_at=self._clock()))

    def request_cancel(self, job_id: str, *, owner: str | None) -> Job | None:
        """A pending job is cancelled at once; a running one is flagged and stops at its next stage."""
        now = self._clock()
        scope = [Job.id == job_id] if owner is None else [Job.id == job_id, Job.owner == owner]
        self._update(
            update(Job)
            .where(*scope, Job.status == _PENDING)
            .values(
                status=JobStatus.CANCELLED.value,
                current_step=None,
                finished_at=now,
                updated_at=now,
                access_token_encrypted=None,
            )
        )
        self._update(update(Job).where(*scope, Job.status == _PROCESSING).values(cancel_requested=True, updated_at=now))
        return self.get(job_id, owner=owner)

    def retry(self, job_id: str, *, owner: str | None, max_active: int | None = None) -> Job | None:
        """A failed or cancelled job starts again from the beginning; others are left alone.

        With `max_active`, the owner's cap on pending and running jobs holds as for `create`.
        """
        now = self._clock()
        scope = [Job.id == job_id] if owner is None else [Job.id == job_id, Job.owner == owner]
        job = self.get(job_id, owner=owner)
        if job is None:
            return None
        statement = (
            update(Job)
            .where(*scope, Job.status.in_((JobStatus.FAILED.value, JobStatus.CANCELLED.value)))
            .values(
                status=_PENDING,
                progress=0,
                current_step=None,
                step_detail=None,
                error_message=None,
                attempts=0,
                cancel_requested=False,
                not_before=None,
                enqueued_at=None,
                finished_at=None,
                updated_at=now,
                **_CLEARED_LEASE,
            )
        )
        try:
            with self._sessions.begin() as session:
                lock_owner(session, job.owner)
                if max_active is not None and _count_active(session, job.owner) >= max_active:
                    raise TooManyActiveJobs(max_active)
                session.execute(statement.execution_options(synchronize_session=False))
        except IntegrityError:
            other = self._live_duplicate(job.dedup_key)
            raise JobConflict(other.id if other is not None else job_id) from None
        return self.get(job_id, owner=owner)

    def request_comments(
        self,
        job_id: str,
        *,
        owner: str | None,
        access_token_encrypted: str | None,
        task: JobTask = JobTask.ADD_COMMENTS,
        detail: str = "waiting for a worker to add docstrings",
    ) -> Job | None:
        """completed → pending with the `add_comments` task (or `sync_comments`, chained after a push's job):
        docstrings for the documented commit.

        The documentation stays in storage; it is served again when the job completes.
        """
        now = self._clock()
        scope = [Job.id == job_id] if owner is None else [Job.id == job_id, Job.owner == owner]
        self._update(
            update(Job)
            .where(*scope, Job.status == JobStatus.COMPLETED.value)
            .values(
                status=_PENDING,
                task=task.value,
                progress=0,
                current_step=None,
                step_detail=detail,
                error_message=None,
                attempts=0,
                cancel_requested=False,
                not_before=None,
                enqueued_at=None,
                finished_at=None,
                access_token_encrypted=access_token_encrypted,
                updated_at=now,
                **_CLEARED_LEASE,
            )
        )
        return self.get(job_id, owner=owner)

    def delete(self, job_id: str, *, owner: str | None) -> Job | None:
        """Remove the row; a worker still running it notices at its next check and stops."""
        job = self.get(job_id, owner=owner)
        if job is not None:
            self._update(delete(Job).where(Job.id == job_id))
        return job

    # ---- transitions made by workers ---------------------------------------------------------

    def claim(self, job_id: str, *, worker_id: str, lease_seconds: float) -> Lease | None:
        """pending → processing for this worker, or None when someone else has it or it may not run."""
        now = self._clock()
        token = str(uuid.uuid4())
        claimed = self._update(
            update(Job)
            .where(
                Job.id == job_id,
                Job.status == _PENDING,
                Job.cancel_requested.is_(False),
                or_(Job.not_before.is_(None), Job.not_before <= now),
            )
            .values(
                status=_PROCESSING,
                attempts=Job.attempts + 1,
                lease_token=token,
                lease_expires_at=now + timedelta(seconds=lease_seconds),
                worker_id=worker_id[:200],
                progress=0,
                current_step=None,
                step_detail="starting",
                error_message=None,
                not_before=None,
                started_at=now,
                updated_at=now,
            )
        )
        if not claimed:
            return None
        job = self.get(job_id)
        if job is None or job.lease_token != token:
            return None
        return Lease(
            job.id,
            token,
            job.attempts,
            job.github_url,
            job.ref,
            job.access_token_encrypted,
            task=job.task or JobTask.DOCUMENT.value,
            commit_sha=job.commit_sha,
            user_id=job.user_id,
        )

    def report(self, lease: Lease, *, step: str, progress: int, detail: str = "") -> bool:
        return self._with_lease(
            lease, current_step=step[:32], progress=max(0, min(100, progress)), step_detail=detail[:300] or None
        )

    def heartbeat(self, lease: Lease, *, lease_seconds: float) -> bool:
        return self._with_lease(lease, lease_expires_at=self._clock() + timedelta(seconds=lease_seconds), touch=False)

    def should_stop(self, lease: Lease) -> bool:
        """True when the job was cancelled or deleted, or this worker lost its lease."""
        with self._sessions() as session:
            row = session.execute(
                select(Job.status, Job.lease_token, Job.cancel_requested).where(Job.id == lease.job_id)
            ).first()
        return row is None or row.status != _PROCESSING or row.lease_token != lease.token or bool(row.cancel_requested)

    def complete(
        self,
        lease: Lease,
        *,
        artifact_prefix: str,
        commit_sha: str | None,
        timings: dict[str, float],
        llm_usage: dict[str, Any] | None = None,
    ) -> bool:
        return self._completed(
            lease,
            artifact_prefix=artifact_prefix,
            commit_sha=commit_sha,
            timings=json.dumps(timings, sort_keys=True),
            llm_usage=json.dumps(llm_usage, sort_keys=True) if llm_usage is not None else None,
        )

    def complete_comments(self, lease: Lease, *, comments_prefix: str) -> bool:
        """processing → completed after an `add_comments` run; the documentation is untouched."""
        return self._completed(lease, comments_prefix=comments_prefix)

    def comments_ended(self, lease: Lease, *, message: str) -> bool:
        """processing → completed when an `add_comments` run could not finish: the documentation stays."""
        return self._completed(lease, error_message=message)

    def fail(self, lease: Lease, message: str) -> bool:
        return self._finish(lease, JobStatus.FAILED, error_message=message)

    def cancelled(self, lease: Lease) -> bool:
        return self._finish(lease, JobStatus.CANCELLED, current_step=None, access_token_encrypted=None)

    def retry_later(self, lease: Lease, *, message: str, delay: float) -> bool:
        """processing → pending after a transient failure; the queue hands it out after `delay`."""
        now = self._clock()
        return self._with_lease(
            lease,
            status=_PENDING,
            step_detail=f"retrying in {round(delay)} s: {message}"[:300],
            not_before=now + timedelta(seconds=delay),
            enqueued_at=now,
            **_CLEARED_LEASE,
        )

    def release(self, lease: Lease) -> bool:
        """processing → pending without using up an attempt: the worker is shutting down."""
        return self._with_lease(
            lease,
            status=_PENDING,
            attempts=Job.attempts - 1,
            step_detail="waiting for a worker",
            enqueued_at=None,
            **_CLEARED_LEASE,
        )

    def sweep(self, *, stale_pending_after: float) -> SweepResult:
        """Recover jobs whose worker died (lease expired) and pending jobs the queue may have lost."""
        now = self._clock()
        result = SweepResult()
        with self._sessions() as session:
            expired = session.execute(
                select(Job.id, Job.lease_token, Job.attempts).where(
                    Job.status == _PROCESSING, Job.lease_expires_at < now
                )
            ).all()
            stranded_rows = session.execute(
                select(Job.id, Job.enqueued_at).where(
                    Job.status == _PENDING,
                    or_(Job.not_before.is_(None), Job.not_before <= now),
                    or_(Job.enqueued_at.is_(None), Job.enqueued_at < now - timedelta(seconds=stale_pending_after)),
                )
            ).all()
        for job_id, token, attempts in expired:
            scope = (Job.id == job_id, Job.status == _PROCESSING, Job.lease_token == token)
            if attempts >= self.max_attempts:
                message = lost_worker(attempts).message
                if self._update(
                    update(Job)
                    .where(*scope)
                    .values(
                        status=JobStatus.FAILED.value,
                        error_message=message,
                        finished_at=now,
                        updated_at=now,
                        **_CLEARED_LEASE,
                    )
                ):
                    result.failed.append(job_id)
                    result.taken_over.append((job_id, token or ""))
            elif self._update(
                update(Job)
                .where(*scope)
                .values(
                    status=_PENDING,
                    step_detail="the worker stopped responding; waiting for another",
                    enqueued_at=now,
                    updated_at=now,
                    **_CLEARED_LEASE,
                )
            ):
                result.requeued.append(job_id)
                result.taken_over.append((job_id, token or ""))
        for job_id, enqueued_at in stranded_rows:
            condition = Job.enqueued_at.is_(None) if enqueued_at is None else Job.enqueued_at == enqueued_at
            if self._update(
                update(Job).where(Job.id == job_id, Job.status == _PENDING, condition).values(enqueued_at=now)
            ):
                result.stranded.append(job_id)
        return result

    # ---- plumbing ----------------------------------------------------------------------------

    def _completed(self, lease: Lease, **values: Any) -> bool:
        """processing → completed under the lease: progress full, no step, the job's token dropped."""
        return self._finish(
            lease,
            JobStatus.COMPLETED,
            progress=100,
            current_step=None,
            step_detail=None,
            access_token_encrypted=None,
            **values,
        )

    def _finish(self, lease: Lease, status: JobStatus, **values: Any) -> bool:
        now = self._clock()
        return self._with_lease(lease, status=status.value, finished_at=now, **_CLEARED_LEASE, **values)

    def _with_lease(self, lease: Lease, *, touch: bool = True, **values: Any) -> bool:
        if touch:
            values["updated_at"] = self._clock()
        statement = (
            update(Job)
            .where(Job.id == lease.job_id, Job.status == _PROCESSING, Job.lease_token == lease.token)
            .values(**values)
        )
        return self._update(statement) == 1

    def _update(self, statement: Update | Delete) -> int:
        with self._sessions.begin() as session:
            result = cast(CursorResult[Any], session.execute(statement.execution_options(synchronize_session=False)))
            return result.rowcount

    def _live_duplicate(self, key: str) -> Job | None:
        with self._sessions() as session:
            return session.scalars(_live_duplicate_query(key).limit(1)).first()


def _count_active(session: Session, owner: str) -> int:
    statement = select(func.count()).select_from(Job).where(Job.owner == owner, Job.status.in_(ACTIVE_STATUSES))
    return int(session.scalar(statement) or 0)


def _live_duplicate_query(key: str) -> Select[Job]:
    return select(Job).where(
        Job.dedup_key == key, Job.status.not_in((JobStatus.FAILED.value, JobStatus.CANCELLED.value))
    )
