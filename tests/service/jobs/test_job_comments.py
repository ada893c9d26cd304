"""The `add_comments` task of a job, run in-process on a real repository: steps, storage, files to commit."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from service_backends import FAST

from codedoc.pipeline import GenerateOptions
from codedoc.service.context import ServiceContext
from codedoc.service.jobs.comments import COMMENTED_CODE, files_to_commit
from codedoc.service.jobs.runner import JobRunner, RunnerConfig
from codedoc.service.settings import ServiceSettings
from repos import commit_all, git, make_repo


@pytest.fixture
def context(tmp_path: Path) -> Iterator[ServiceContext]:
    made = ServiceContext.from_settings(ServiceSettings(**{**FAST, "data_dir": tmp_path / "data"}))
    yield made
    made.close()


def _runner(context: ServiceContext, tmp_path: Path) -> JobRunner:
    return JobRunner(
        state=context.state,
        storage=context.storage,
        config=RunnerConfig(tmp_path / "work", 30, 5, 120, 2, 0.1),
        options=lambda lease: GenerateOptions(workers=1),  # a local repository: no URL policy
        pipeline=lambda *args, **kwargs: None,
        enqueue=lambda job_id, delay: None,
    )


def _documented_job(context: ServiceContext, repo: Path) -> str:
    """A completed job for `repo` at its HEAD, as the documentation run leaves it."""
    job, _ = context.state.create(owner="", github_url=str(repo), ref=None, access_token_encrypted=None)
    lease = context.state.claim(job.id, worker_id="test", lease_seconds=30)
    assert lease is not None
    head = git(repo, "rev-parse", "HEAD")
    assert context.state.complete(lease, artifact_prefix="jobs/x/site", commit_sha=head, timings={})
    return job.id


def test_comments_run_their_own_steps_and_store_the_files_to_commit(context: ServiceContext, tmp_path: Path) -> None:
    repo = make_repo(
        {
            "pkg/a.py": "def area(width: int, height: int) -> int:\n    return width * height\n",
            "pkg/bad.py": "def (:\n",
        },
        tmp_path / "repo",
    )
    job_id = _documented_job(context, repo)
    (repo / "pkg" / "later.py").write_text("def later():\n    return 2\n")
    commit_all(repo, "after the documentation")
    steps: list[str] = []
    report = context.state.report

    def recording(lease: Any, *, step: str, progress: int, detail: str = "") -> bool:
        if not steps or steps[-1] != step:
            steps.append(step)
        return report(lease, step=step, progress=progress, detail=detail)

    context.state.report = recording  # type: ignore[method-assign]
    assert context.state.request_comments(job_id, owner="", access_token_encrypted=None) is not None
    _runner(context, tmp_path).run(job_id)

    job = context.state.get(job_id)
    assert job is not None and job.status == "completed", job and job.error_message
    assert job.artifact_prefix == "jobs/x/site" and job.comments_prefix is not None
    assert steps == ["clone", "analyze", "docstrings", "store"]
    files = files_to_commit(context.storage, job.comments_prefix)
    assert list(files) == ["pkg/a.py"]
    assert files["pkg/a.py"].startswith(b'def area(width: int, height: int) -> int:\n    """Return the area.')
    entries = json.loads(context.storage.read(f"{job.comments_prefix}/{COMMENTED_CODE}") or b"[]")
    assert [(e["file"], e["symbol"], e["location"]["start_line"]) for e in entries] == [("pkg/a.py", "area", 1)]


def test_only_a_completed_job_goes_back_to_pending_for_comments(context: ServiceContext) -> None:
    job, _ = context.state.create(owner="", github_url="https://github.com/o/r", ref=None, access_token_encrypted=None)
    updated = context.state.request_comments(job.id, owner="", access_token_encrypted=None)
    assert updated is not None and updated.status == "pending" and updated.task == "document"


def test_comments_that_cannot_be_written_leave_the_documentation_served(
    context: ServiceContext, tmp_path: Path
) -> None:
    repo = make_repo({"a.py": "def f():\n    return 1\n"}, tmp_path / "repo")
    job_id = _documented_job(context, repo)
    shutil.rmtree(repo)  # the repository is gone by the time docstrings are asked for
    context.state.request_comments(job_id, owner="", access_token_encrypted=None)
    _runner(context, tmp_path).run(job_id)
    job = context.state.get(job_id)
    assert job is not None and job.status == "completed"
    assert job.artifact_prefix == "jobs/x/site" and job.comments_prefix is None
    assert job.error_message is not None and job.error_message.startswith("docstrings could not be added: ")
