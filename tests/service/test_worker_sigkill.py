"""A real `codedoc worker` process killed with SIGKILL mid-job: the job recovers or fails cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from service_backends import Backend
from service_http import Service, ServiceFactory, poll_until, wait_until, wait_until_done
from service_pipelines import GATE

pytestmark = pytest.mark.slow

LEASE = {"lease_seconds": 2.0, "heartbeat_seconds": 0.4, "sweep_seconds": 0.3}


class Workers:
    """Starts `codedoc worker` processes sharing the test service's settings; stops them all afterwards."""

    def __init__(self, backend: Backend, service: Service, log_dir: Path) -> None:
        self.backend = backend
        self.service = service
        self.log_dir = log_dir
        self.started: list[subprocess.Popen[bytes]] = []

    def start(self, pipeline: str, **overrides: Any) -> subprocess.Popen[bytes]:
        settings = self.service.context.settings
        env = {key: value for key, value in os.environ.items() if not key.startswith("CODEDOC_")}
        env.pop("DATABASE_URL", None)
        env.update(self.backend.env(settings.data_dir, pipeline=f"service_pipelines:{pipeline}", **LEASE, **overrides))
        env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).parent), env.get("PYTHONPATH", "")])
        log = (self.log_dir / f"worker{len(self.started)}.log").open("wb")
        process = subprocess.Popen([sys.executable, "-m", "codedoc", "worker"], env=env, stdout=log, stderr=log)
        self.started.append(process)
        return process

    def stop_all(self) -> None:
        for process in self.started:
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=30)


@pytest.fixture
def workers(backend: Backend, make_service: ServiceFactory, tmp_path: Path) -> Iterator[tuple[Service, Workers]]:
    service = make_service(worker=False, **LEASE)
    pool = Workers(backend, service, tmp_path)
    yield service, pool
    pool.stop_all()


def test_job_of_a_killed_worker_is_finished_by_the_next_worker(workers: tuple[Service, Workers]) -> None:
    service, pool = workers
    first = pool.start("gated")
    job = service.client.post("/api/v1/jobs", json={"github_url": "owner/repo"}).json()
    wait_until(service.client, job["id"], lambda seen: seen["current_step"] == "analyze")

    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    stranded = service.client.get(f"/api/v1/jobs/{job['id']}").json()
    assert stranded["status"] == "processing"

    (service.data_dir / GATE).touch()
    pool.start("gated")
    done = wait_until_done(service.client, job["id"])
    assert (done["status"], done["attempts"]) == ("completed", 2)
    assert service.client.get(done["documentation_url"]).status_code == 200


def test_job_that_kills_every_worker_ends_failed(workers: tuple[Service, Workers]) -> None:
    service, pool = workers
    job = service.client.post("/api/v1/jobs", json={"github_url": "owner/repo"}).json()

    def ended() -> bool:
        return service.client.get(f"/api/v1/jobs/{job['id']}").json()["status"] in ("failed", "completed")

    for _ in range(4):
        process = pool.start("kills_worker", max_attempts=2)
        poll_until(lambda process=process: process.poll() is not None or ended())  # type: ignore[misc]
        if ended():
            break
    final = service.client.get(f"/api/v1/jobs/{job['id']}").json()
    assert final["status"] == "failed"
    assert "stopped responding 2 times" in final["error_message"]
    assert (service.data_dir / "attempts-kills").read_text() == "2"
