"""Workspaces of attempts killed with SIGKILL (clone included) are removed: at worker start, and when
the sweeper takes the job over. A private repository's files must not outlive its job."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from service_backends import Backend
from service_http import Service, ServiceFactory, poll_until, wait_until, wait_until_done
from service_pipelines import GATE
from test_worker_sigkill import LEASE, Workers

from codedoc.service.db.models import utcnow
from gitserver import GitHttpServer
from repos import make_repo

pytestmark = pytest.mark.slow


@pytest.fixture
def served_repository(tmp_path: Path) -> Iterator[tuple[GitHttpServer, str]]:
    for name in ("private", "other"):
        make_repo({"README.md": "# Secret\n", "secret/keys.py": "TOKEN = 'x'\n"}, tmp_path / "repos" / "acme" / name)
    with GitHttpServer(tmp_path / "repos") as server:
        yield server, f"{server.url}/acme/private"


@pytest.fixture
def setup(
    backend: Backend, make_service: ServiceFactory, tmp_path: Path, served_repository: tuple[GitHttpServer, str]
) -> Iterator[tuple[Service, Workers, str]]:
    server, url = served_repository
    service = make_service(worker=False, git_hosts=server.url.removeprefix("http://"), **LEASE)
    pool = Workers(backend, service, tmp_path)
    yield service, pool, url
    pool.stop_all()


def _workspaces(service: Service) -> set[str]:
    work = service.data_dir / "work"
    return {entry.name for entry in work.iterdir()} if work.exists() else set()


def _clone_inside(service: Service, workspace: str) -> bool:
    folder = service.data_dir / "work" / workspace
    return any((clone / "repo" / "secret" / "keys.py").exists() for clone in folder.glob("codedoc-*"))


def _cloned(seen: dict[str, Any]) -> bool:
    return seen["step_detail"] == "cloned; waiting at the gate"


def _kill_mid_job(service: Service, pool: Workers, url: str) -> tuple[str, str]:
    """Start a worker, let it clone, kill it; returns (job id, the dead attempt's workspace)."""
    before = _workspaces(service)
    first = pool.start("clones_then_gated", git_hosts=service.context.settings.git_hosts)
    job = service.client.post("/api/v1/jobs", json={"github_url": url}).json()
    wait_until(service.client, job["id"], _cloned)
    (workspace,) = _workspaces(service) - before
    assert _clone_inside(service, workspace)
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    return job["id"], workspace


def test_workspace_of_a_killed_attempt_is_removed_when_a_worker_starts(setup: tuple[Service, Workers, str]) -> None:
    service, pool, url = setup
    job_id, dead = _kill_mid_job(service, pool, url)

    def lease_expired() -> bool:
        job = service.context.state.get(job_id)
        return job is not None and job.lease_expires_at is not None and job.lease_expires_at < utcnow()

    poll_until(lease_expired)
    assert dead in _workspaces(service)  # no process has looked yet: nothing else removes it
    pool.start("clones_then_gated", git_hosts=service.context.settings.git_hosts)
    poll_until(lambda: dead not in _workspaces(service))
    (service.data_dir / GATE).touch()
    done = wait_until_done(service.client, job_id)
    assert (done["status"], done["attempts"]) == ("completed", 2)
    assert _workspaces(service) == set()


def test_workspace_of_a_killed_attempt_is_removed_when_the_sweeper_takes_over(
    setup: tuple[Service, Workers, str],
) -> None:
    service, pool, url = setup
    survivor = pool.start("clones_then_gated", git_hosts=service.context.settings.git_hosts, workers=1)
    blocker = service.client.post("/api/v1/jobs", json={"github_url": url.replace("private", "other")}).json()
    wait_until(service.client, blocker["id"], _cloned)
    (survivor_workspace,) = _workspaces(service)
    job_id, dead = _kill_mid_job(service, pool, url)  # the survivor is busy: the new worker takes this job

    # The survivor started long before the kill; only its sweeper can remove the dead attempt's folder.
    poll_until(lambda: dead not in _workspaces(service))
    assert survivor.poll() is None and survivor_workspace in _workspaces(service)
    (service.data_dir / GATE).touch()
    for waited in (blocker["id"], job_id):
        assert wait_until_done(service.client, waited)["status"] == "completed"
    assert _workspaces(service) == set()
