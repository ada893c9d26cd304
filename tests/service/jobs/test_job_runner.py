"""One attempt of a job, run in-process with small stand-in pipelines: outcomes, retries, stops."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import service_pipelines
from service_backends import FAST

from codedoc.pipeline import GenerateOptions
from codedoc.progress import ProgressEvent, Stage
from codedoc.service.context import ServiceContext
from codedoc.service.settings import ServiceSettings
from codedoc.service.storage import job_prefix

URL = "https://github.com/owner/repo"


@pytest.fixture
def make_context(tmp_path: Path) -> Iterator[Any]:
    made: list[ServiceContext] = []

    def factory(**overrides: Any) -> ServiceContext:
        values = {**FAST, "data_dir": tmp_path, **overrides}
        context = ServiceContext.from_settings(ServiceSettings(**values))
        made.append(context)
        return context

    yield factory
    for context in made:
        context.close()


def _job(context: ServiceContext, token: str | None = None) -> str:
    sealed = context.tokens.encrypt(token) if token else None
    job, _ = context.state.create(owner="", github_url=URL, ref=None, access_token_encrypted=sealed)
    return job.id


def _wait_for(condition: Any, limit: float = 30.0) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, "condition never held"
        time.sleep(0.02)


def test_completed_job_has_its_site_in_storage(make_context: Any) -> None:
    context = make_context()
    job_id = _job(context)
    context.runner(service_pipelines.quick).run(job_id)
    job = context.state.get(job_id)
    assert job is not None and (job.status, job.progress) == ("completed", 100)
    assert job.commit_sha == "0123456789abcdef0123456789abcdef01234567"
    assert context.storage.read(f"{job.artifact_prefix}/documentation.md") == f"# Documentation of {URL}\n".encode()


def test_every_stage_is_persisted_as_the_current_step(make_context: Any) -> None:
    context = make_context()
    job_id = _job(context)
    seen: list[str | None] = []

    def watching(source: str, output: Path, options: GenerateOptions, *, progress: Any, should_cancel: Any) -> Any:
        for stage in Stage:
            progress(ProgressEvent(stage, 0.0))
            job = context.state.get(job_id)
            seen.append(job.current_step if job else None)
        return service_pipelines.quick(source, output, options, progress=progress, should_cancel=should_cancel)

    context.runner(watching).run(job_id)
    assert seen == [stage.value for stage in Stage]


def test_work_folder_is_removed_after_the_job(make_context: Any) -> None:
    context = make_context()
    context.runner(service_pipelines.quick).run(_job(context))
    assert list(context.settings.work_dir.iterdir()) == []


def test_access_token_reaches_the_pipeline_decrypted(make_context: Any) -> None:
    context = make_context()
    job_id = _job(context, token="ghp_secret123")
    job = context.state.get(job_id)
    assert job is not None and "ghp_secret123" not in (job.access_token_encrypted or "")
    context.runner(service_pipelines.records_token).run(job_id)
    assert (context.settings.data_dir / "token-seen").read_text() == "ghp_secret123"


def test_permanent_failure_is_not_retried_and_says_what_to_do(make_context: Any) -> None:
    context = make_context()
    job_id = _job(context)
    context.runner(service_pipelines.not_found).run(job_id)
    job = context.state.get(job_id)
    assert job is not None and job.status == "failed" and job.attempts == 1
    assert job.error_message is not None and "pass an access_token" in job.error_message
    assert context.queue.depth() == 0


def test_transient_failure_is_retried_after_a_back_off(make_context: Any) -> None:
    context = make_context(retry_delay=30)
    job_id = _job(context)
    context.runner(service_pipelines.always_transient).run(job_id)
    job = context.state.get(job_id)
    assert job is not None and job.status == "pending" and job.not_before is not None
    assert job.step_detail is not None and "retrying in 30 s" in job.step_detail
    assert context.queue.depth() == 1


def test_transient_failure_then_success_completes(make_context: Any) -> None:
    context = make_context(retry_delay=0)
    job_id = _job(context)
    runner = context.runner(service_pipelines.transient_once)
    runner.run(job_id)
    runner.run(job_id)
    job = context.state.get(job_id)
    assert job is not None and (job.status, job.attempts) == ("completed", 2)


def test_transient_failures_end_after_the_maximum_attempts(make_context: Any) -> None:
    context = make_context(retry_delay=0, max_attempts=2)
    job_id = _job(context)
    runner = context.runner(service_pipelines.always_transient)
    for _ in range(3):
        runner.run(job_id)
    job = context.state.get(job_id)
    assert job is not None and (job.status, job.attempts) == ("failed", 2)
    assert (context.settings.data_dir / "attempts-always").read_text() == "2"


def test_unexpected_error_gives_a_reference_not_a_traceback(make_context: Any) -> None:
    context = make_context()
    job_id = _job(context)
    context.runner(service_pipelines.crashes).run(job_id)
    job = context.state.get(job_id)
    assert job is not None and job.status == "failed" and job.error_message is not None
    assert job.error_message.startswith("internal error while generating the documentation (reference ")
    assert "secret" not in job.error_message and "Traceback" not in job.error_message


def test_job_over_the_time_limit_is_stopped_and_failed(make_context: Any) -> None:
    context = make_context(job_timeout=0.2)
    job_id = _job(context)
    context.runner(service_pipelines.gated).run(job_id)
    job = context.state.get(job_id)
    assert job is not None and job.status == "failed"
    assert job.error_message == "the job took longer than the 0 s limit and was stopped" or (
        job.error_message is not None and "took longer than" in job.error_message
    )


def test_cancel_stops_a_running_job_at_the_next_check(make_context: Any) -> None:
    context = make_context()
    job_id = _job(context)
    thread = threading.Thread(target=context.runner(service_pipelines.gated).run, args=(job_id,))
    thread.start()
    _wait_for(lambda: (job := context.state.get(job_id)) is not None and job.current_step == "analyze")
    context.state.request_cancel(job_id, owner=None)
    thread.join()
    job = context.state.get(job_id)
    assert job is not None and job.status == "cancelled"
    assert context.storage.list_tree(job_prefix(job_id)) == []


def test_result_of_a_worker_that_lost_its_lease_is_discarded(make_context: Any) -> None:
    context = make_context()
    job_id = _job(context)
    taken: list[Any] = []

    def overtaken(source: str, output: Path, options: GenerateOptions, *, progress: Any, should_cancel: Any) -> Any:
        # Meanwhile the sweeper gave the job to another worker.
        job = context.state.get(job_id)
        assert job is not None and job.lease_token is not None
        context.state.delete(job_id, owner=None)
        again, _ = context.state.create(owner="", github_url=URL, ref=None, access_token_encrypted=None)
        taken.append(again.id)
        return service_pipelines.quick(source, output, options, progress=progress, should_cancel=lambda: False)

    context.runner(overtaken).run(job_id)
    assert context.state.get(job_id) is None
    assert context.storage.list_tree(job_prefix(job_id)) == []


def test_token_sealed_with_another_key_fails_the_job_clearly(make_context: Any, tmp_path: Path) -> None:
    from cryptography.fernet import Fernet

    from codedoc.service.crypto import TokenBox

    context = make_context()
    sealed = TokenBox([Fernet.generate_key().decode()]).encrypt("ghp_elsewhere")
    job, _ = context.state.create(owner="", github_url=URL, ref=None, access_token_encrypted=sealed)
    context.runner(service_pipelines.records_token).run(job.id)
    failed = context.state.get(job.id)
    assert failed is not None and failed.status == "failed"
    assert failed.error_message is not None and "CODEDOC_SECRET_KEY" in failed.error_message
    assert not (tmp_path / "token-seen").exists()
