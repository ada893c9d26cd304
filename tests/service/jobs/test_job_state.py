"""The job state machine on SQLite and PostgreSQL: every transition, and races between workers."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from codedoc.service.db.models import JobStatus, JobTask, utcnow
from codedoc.service.jobs.state import JobConflict, JobStateMachine

URL = "https://github.com/owner/repo"


def _new(state: JobStateMachine, url: str = URL, ref: str | None = None, owner: str = "") -> str:
    job, created = state.create(owner=owner, github_url=url, ref=ref, access_token_encrypted=None)
    assert created
    return job.id


def test_new_job_is_pending_with_no_progress(state: JobStateMachine) -> None:
    job = state.get(_new(state))
    assert job is not None
    assert (job.status, job.progress, job.attempts) == ("pending", 0, 0)


def test_same_url_and_ref_returns_the_live_job(state: JobStateMachine) -> None:
    first = _new(state)
    again, created = state.create(owner="", github_url=URL, ref=None, access_token_encrypted=None)
    assert (again.id, created) == (first, False)


def test_other_ref_or_owner_makes_a_new_job(state: JobStateMachine) -> None:
    first = _new(state)
    assert _new(state, ref="v1") != first
    assert _new(state, owner="someone") != first


def test_failed_job_does_not_block_a_new_one(state: JobStateMachine) -> None:
    first = _new(state)
    lease = state.claim(first, worker_id="w", lease_seconds=30)
    assert lease is not None and state.fail(lease, "boom")
    assert _new(state) != first


def test_claim_moves_pending_to_processing_once(state: JobStateMachine) -> None:
    job_id = _new(state)
    lease = state.claim(job_id, worker_id="w1", lease_seconds=30)
    assert lease is not None and lease.attempt == 1
    assert state.claim(job_id, worker_id="w2", lease_seconds=30) is None
    job = state.get(job_id)
    assert job is not None and (job.status, job.worker_id) == ("processing", "w1")


def test_racing_workers_get_exactly_one_lease(state: JobStateMachine) -> None:
    job_id = _new(state)
    leases = []
    start = threading.Barrier(8)

    def grab(index: int) -> None:
        start.wait()
        leases.append(state.claim(job_id, worker_id=f"w{index}", lease_seconds=30))

    threads = [threading.Thread(target=grab, args=(index,)) for index in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len([lease for lease in leases if lease is not None]) == 1


def test_racing_creates_make_one_job(state: JobStateMachine) -> None:
    ids = []
    start = threading.Barrier(6)

    def create() -> None:
        start.wait()
        job, _ = state.create(owner="", github_url=URL, ref="main", access_token_encrypted=None)
        ids.append(job.id)

    threads = [threading.Thread(target=create) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(ids)) == 1


def test_progress_is_recorded_with_the_step(state: JobStateMachine) -> None:
    lease = state.claim(_new(state), worker_id="w", lease_seconds=30)
    assert lease is not None
    assert state.report(lease, step="analyze", progress=42, detail="12 files")
    job = state.get(lease.job_id)
    assert job is not None and (job.current_step, job.progress, job.step_detail) == ("analyze", 42, "12 files")


def test_complete_stores_result_and_clears_the_token(state: JobStateMachine) -> None:
    job, _ = state.create(owner="", github_url=URL, ref=None, access_token_encrypted="sealed")
    lease = state.claim(job.id, worker_id="w", lease_seconds=30)
    assert lease is not None and lease.access_token_encrypted == "sealed"
    assert state.complete(lease, artifact_prefix="jobs/x/y", commit_sha="abc", timings={"scan": 0.5})
    done = state.get(job.id)
    assert done is not None
    assert (done.status, done.progress, done.commit_sha, done.artifact_prefix) == ("completed", 100, "abc", "jobs/x/y")
    assert done.access_token_encrypted is None and done.lease_token is None


def test_a_stale_lease_cannot_write(state: JobStateMachine) -> None:
    job_id = _new(state)
    lease = state.claim(job_id, worker_id="w", lease_seconds=30)
    assert lease is not None and state.release(lease)
    newer = state.claim(job_id, worker_id="w2", lease_seconds=30)
    assert newer is not None
    assert not state.report(lease, step="write", progress=80)
    assert not state.complete(lease, artifact_prefix="p", commit_sha=None, timings={})
    job = state.get(job_id)
    assert job is not None and job.status == "processing" and job.lease_token == newer.token


def test_release_does_not_use_up_an_attempt(state: JobStateMachine) -> None:
    job_id = _new(state)
    lease = state.claim(job_id, worker_id="w", lease_seconds=30)
    assert lease is not None and state.release(lease)
    again = state.claim(job_id, worker_id="w", lease_seconds=30)
    assert again is not None and again.attempt == 1


def test_cancel_pending_job_ends_it_at_once(state: JobStateMachine) -> None:
    job = state.request_cancel(_new(state), owner=None)
    assert job is not None and job.status == "cancelled"


def test_cancelled_pending_job_is_never_claimed(state: JobStateMachine) -> None:
    job_id = _new(state)
    state.request_cancel(job_id, owner=None)
    assert state.claim(job_id, worker_id="w", lease_seconds=30) is None


def test_cancel_running_job_flags_it_for_the_worker(state: JobStateMachine) -> None:
    job_id = _new(state)
    lease = state.claim(job_id, worker_id="w", lease_seconds=30)
    assert lease is not None and not state.should_stop(lease)
    job = state.request_cancel(job_id, owner=None)
    assert job is not None and job.status == "processing" and job.cancel_requested
    assert state.should_stop(lease)
    assert state.cancelled(lease)
    ended = state.get(job_id)
    assert ended is not None and ended.status == "cancelled"


def test_cancel_of_someone_elses_job_changes_nothing(state: JobStateMachine) -> None:
    job_id = _new(state, owner="alice")
    assert state.request_cancel(job_id, owner="bob") is None
    job = state.get(job_id)
    assert job is not None and job.status == "pending"


def test_deleted_job_tells_its_worker_to_stop(state: JobStateMachine) -> None:
    job_id = _new(state)
    lease = state.claim(job_id, worker_id="w", lease_seconds=30)
    assert lease is not None
    assert state.delete(job_id, owner=None) is not None
    assert state.should_stop(lease)
    assert not state.complete(lease, artifact_prefix="p", commit_sha=None, timings={})


def test_retry_restarts_a_failed_job(state: JobStateMachine) -> None:
    job_id = _new(state)
    lease = state.claim(job_id, worker_id="w", lease_seconds=30)
    assert lease is not None and state.fail(lease, "bad")
    job = state.retry(job_id, owner=None)
    assert job is not None and (job.status, job.attempts, job.error_message) == ("pending", 0, None)


def test_retry_refuses_when_a_live_duplicate_exists(state: JobStateMachine) -> None:
    job_id = _new(state)
    lease = state.claim(job_id, worker_id="w", lease_seconds=30)
    assert lease is not None and state.fail(lease, "bad")
    newer = _new(state)
    with pytest.raises(JobConflict) as conflict:
        state.retry(job_id, owner=None)
    assert conflict.value.existing_id == newer


def test_retry_later_waits_for_the_back_off(state: JobStateMachine) -> None:
    job_id = _new(state)
    lease = state.claim(job_id, worker_id="w", lease_seconds=30)
    assert lease is not None and state.retry_later(lease, message="network", delay=3600)
    assert state.claim(job_id, worker_id="w", lease_seconds=30) is None
    job = state.get(job_id)
    assert job is not None and job.status == "pending" and job.attempts == 1


def test_sweep_requeues_a_job_whose_lease_expired(state: JobStateMachine) -> None:
    job_id = _new(state)
    assert state.claim(job_id, worker_id="dead", lease_seconds=-1) is not None
    result = state.sweep(stale_pending_after=3600)
    assert result.requeued == [job_id]
    job = state.get(job_id)
    assert job is not None and job.status == "pending" and job.lease_token is None


def test_sweep_leaves_a_live_lease_alone(state: JobStateMachine) -> None:
    job_id = _new(state)
    lease = state.claim(job_id, worker_id="alive", lease_seconds=-1)
    assert lease is not None and state.heartbeat(lease, lease_seconds=60)
    assert state.sweep(stale_pending_after=3600).requeued == []


def test_sweep_fails_a_job_after_the_maximum_attempts(state: JobStateMachine) -> None:
    job_id = _new(state)
    for _ in range(state.max_attempts):
        assert state.claim(job_id, worker_id="dies", lease_seconds=-1) is not None
        state.sweep(stale_pending_after=3600)
    job = state.get(job_id)
    assert job is not None and job.status == "failed"
    assert job.error_message is not None and "stopped responding 3 times" in job.error_message


def test_sweep_finds_a_job_that_never_reached_the_queue(state: JobStateMachine) -> None:
    job_id = _new(state)
    assert state.sweep(stale_pending_after=3600).stranded == [job_id]
    # Once queued again it is not re-queued on every sweep.
    assert state.sweep(stale_pending_after=3600).stranded == []


def test_list_is_newest_first_and_filters_by_status(state: JobStateMachine) -> None:
    clock = [utcnow()]
    ticking = JobStateMachine(state._sessions, max_attempts=3, clock=lambda: clock[0])
    ids = []
    for index in range(3):
        clock[0] += timedelta(seconds=1)
        ids.append(_new(ticking, url=f"{URL}{index}"))
    assert [job.id for job in ticking.list(owner="")] == ids[::-1]
    lease = ticking.claim(ids[0], worker_id="w", lease_seconds=30)
    assert lease is not None
    assert [job.id for job in ticking.list(owner="", status=JobStatus.PROCESSING)] == [ids[0]]
    assert [job.id for job in ticking.list(owner="", skip=1, limit=1)] == [ids[1]]


def test_a_newer_push_does_not_cancel_a_documented_job_waiting_for_its_docstrings(state: JobStateMachine) -> None:
    documented = _new(state, ref="a" * 40)
    lease = state.claim(documented, worker_id="w", lease_seconds=30)
    assert lease is not None and state.complete(lease, artifact_prefix="jobs/x/y", commit_sha="a" * 40, timings={})
    waiting = state.request_comments(
        documented, owner=None, access_token_encrypted=None, task=JobTask.SYNC_COMMENTS, detail="for the PR"
    )
    assert waiting is not None and (waiting.status, waiting.task, waiting.step_detail) == (
        "pending",
        "sync_comments",
        "for the PR",
    )
    undocumented = _new(state, ref="b" * 40)
    assert state.supersede_pushes(owner="", github_url=URL, commit="c" * 40) == 1
    assert state.get(undocumented).status == "cancelled"  # type: ignore[union-attr]
    kept = state.get(documented)
    assert kept is not None and kept.status == "pending" and kept.artifact_prefix == "jobs/x/y"


def test_completions_of_both_tasks_end_the_same_way(state: JobStateMachine) -> None:
    job_id = _new(state)
    lease = state.claim(job_id, worker_id="w", lease_seconds=30)
    assert lease is not None and state.complete(lease, artifact_prefix="jobs/x/y", commit_sha="abc", timings={})
    for finish in (
        lambda lease: state.complete_comments(lease, comments_prefix="jobs/x/comments/z"),
        lambda lease: state.comments_ended(lease, message="docstrings could not be added: no"),
    ):
        assert state.request_comments(job_id, owner=None, access_token_encrypted="sealed") is not None
        lease = state.claim(job_id, worker_id="w", lease_seconds=30)
        assert lease is not None and state.report(lease, step="docstrings", progress=40, detail="writing")
        assert finish(lease)
        done = state.get(job_id)
        assert done is not None
        assert (done.status, done.progress, done.current_step, done.step_detail) == ("completed", 100, None, None)
        assert done.access_token_encrypted is None and done.lease_token is None and done.finished_at is not None
        assert done.artifact_prefix == "jobs/x/y" and done.comments_prefix == "jobs/x/comments/z"
        assert not finish(lease)  # a lease used once cannot finish the job again
    assert state.get(job_id).error_message == "docstrings could not be added: no"  # type: ignore[union-attr]
