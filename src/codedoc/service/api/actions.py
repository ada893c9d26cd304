"""What a caller can do to jobs, shared by the JSON API and the web viewer so both follow one set of rules."""

from __future__ import annotations

import logging

from codedoc.acquire.remote_commit import remote_commit
from codedoc.errors import CodeDocError, GitHostError, RepositoryNotFound, UnsafeURL
from codedoc.github.provider import HostRepository
from codedoc.service.api.errors import ApiError, from_codedoc_error, not_found
from codedoc.service.context import ServiceContext
from codedoc.service.db.models import Job, JobStatus
from codedoc.service.jobs.state import JobConflict, TooManyActiveJobs
from codedoc.service.queue import QueueError
from codedoc.service.storage import job_prefix
from codedoc.service.urls import normalize_source

logger = logging.getLogger("codedoc.service.api")


def enqueue(context: ServiceContext, job_id: str) -> None:
    try:
        context.queue.enqueue(job_id)
        context.state.mark_enqueued(job_id)
    except QueueError:
        # The job is saved; a worker's sweep queues it once the queue is back.
        logger.warning("job %s saved but not queued; the sweeper will queue it", job_id)


def check_source(context: ServiceContext, github_url: str) -> str:
    """The canonical clone URL, or a 422 saying what is accepted."""
    try:
        return normalize_source(context.url_policy, github_url)
    except UnsafeURL as error:
        raise from_codedoc_error(error) from None


def resolve_commit(context: ServiceContext, url: str, *, ref: str | None, access_token: str | None) -> str | None:
    """The commit `ref` points at now, so a moved branch makes a new job; None when the host cannot say."""
    settings = context.settings
    if not settings.resolve_commits:
        return None
    try:
        return remote_commit(
            url,
            ref=ref,
            url_policy=context.url_policy,
            access_token=access_token,
            timeout_seconds=min(30.0, settings.clone_timeout),
            work_dir=settings.work_dir,
        )
    except CodeDocError as error:
        # The job is still made: its worker meets the same problem and reports it as the job's error.
        logger.info("could not resolve the commit of %s before queueing: %s", url, type(error).__name__)
        return None


def submit_job(
    context: ServiceContext,
    *,
    owner: str,
    github_url: str,
    ref: str | None,
    access_token: str | None,
    user_id: int | None = None,
    github_id: int | None = None,
) -> tuple[Job, bool]:
    """The new job (True), or the live job that already documents this repository and ref (False)."""
    url = check_source(context, github_url)
    access = github_access(context, url, user_id=user_id, github_id=github_id, access_token=access_token)
    commit = resolve_commit(context, url, ref=ref, access_token=access_token)
    try:
        job, created = context.state.create(
            owner=owner,
            github_url=url,
            ref=ref,
            commit_sha=commit,
            access_token_encrypted=context.tokens.encrypt(access_token) if access_token else None,
            max_active=context.settings.max_active_jobs,
            user_id=user_id,
            has_write_access=access.can_push if access is not None else False,
            repository_private=access.private
            if access is not None
            else _public_if_tokenless(context, url, access_token),
        )
    except TooManyActiveJobs as error:
        raise ApiError(429, "too_many_jobs", str(error), headers={"Retry-After": "30"}) from None
    if created:
        logger.info("job %s created for %s", job.id, url)
        enqueue(context, job.id)
    return job, created


def github_access(
    context: ServiceContext, url: str, *, user_id: int | None, github_id: int | None, access_token: str | None
) -> HostRepository | None:
    """For a signed-in user, or an API call with `github_id` + `access_token`: the repository as GitHub shows
    it to them now (write access included), after one `GET /user` proving the token."""
    if user_id is None and github_id is None:
        return None
    accounts = context.accounts
    full_name = accounts.host.full_name_of(url)
    if full_name is None:
        raise ApiError(
            422, "invalid_source", f"github_id applies only to repositories on {accounts.host.config.web_base}"
        )
    try:
        if user_id is not None:
            repository, _identity, _token = accounts.check_repository(user_id, full_name)
            return repository
        if not access_token:
            raise ApiError(422, "validation_error", "github_id needs the access_token of that GitHub account")
        identity = accounts.host.identify(access_token)
        if identity.user.id != github_id:
            raise ApiError(422, "validation_error", "the access_token belongs to another GitHub account than github_id")
        seen = accounts.host.repository(access_token, full_name)
        if seen is None:
            raise accounts.invisible(identity, full_name)
        return seen
    except (GitHostError, RepositoryNotFound) as error:
        if isinstance(error, RepositoryNotFound):
            raise ApiError(404, "repository_not_found", str(error)) from None
        raise from_codedoc_error(error) from None


def _public_if_tokenless(context: ServiceContext, url: str, access_token: str | None) -> bool | None:
    """A job cloned without a token documents a public repository: its docs vanish if it stops being one."""
    if access_token or not context.settings.github_client_id:
        return None
    return False if context.accounts.host.full_name_of(url) is not None else None


def cancel_job(context: ServiceContext, job: Job, *, owner: str) -> Job:
    """A pending job is cancelled at once; a running one stops at its next stage."""
    updated = context.state.request_cancel(job.id, owner=owner)
    if updated is None:
        raise not_found()
    return updated


def retry_job(context: ServiceContext, job: Job, *, owner: str) -> Job:
    """Start a failed or cancelled job again from the beginning."""
    if job.status not in (JobStatus.FAILED.value, JobStatus.CANCELLED.value):
        raise ApiError(409, "conflict", f"only failed or cancelled jobs can be retried; this one is {job.status}")
    try:
        updated = context.state.retry(job.id, owner=owner, max_active=context.settings.max_active_jobs)
    except JobConflict as conflict:
        raise ApiError(409, "conflict", str(conflict)) from None
    except TooManyActiveJobs as error:
        raise ApiError(429, "too_many_jobs", str(error), headers={"Retry-After": "30"}) from None
    if updated is None:
        raise not_found()
    if updated.status == JobStatus.PENDING.value:
        enqueue(context, updated.id)
    return updated


def delete_job(context: ServiceContext, job: Job, *, owner: str) -> None:
    """Cancels the job if it is running, then deletes it and its artifacts."""
    context.state.request_cancel(job.id, owner=owner)
    context.state.delete(job.id, owner=owner)
    context.storage.delete_tree(job_prefix(job.id))
    logger.info("job %s deleted", job.id)


def add_comments(context: ServiceContext, job: Job, *, owner: str, access_token: str | None) -> Job:
    """A documented job goes back to pending to write docstrings for its commit (seed 000's add-comments)."""
    if job.status != JobStatus.COMPLETED.value or job.artifact_prefix is None:
        raise ApiError(
            409, "not_ready", f"the job is {job.status}; docstrings are added to a documented (completed) job"
        )
    encrypted = context.tokens.encrypt(access_token) if access_token else None
    updated = context.state.request_comments(job.id, owner=owner, access_token_encrypted=encrypted)
    if updated is None:
        raise not_found()
    if updated.status != JobStatus.PENDING.value:
        raise ApiError(409, "conflict", f"the job is {updated.status}; try again when it has completed")
    logger.info("job %s: docstrings requested", job.id)
    enqueue(context, updated.id)
    return updated
