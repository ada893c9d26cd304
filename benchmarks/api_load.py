"""Load on the service over loopback: status polling throughput and latency, and jobs/minute per worker count.

    python benchmarks/api_load.py [--clients 32] [--seconds 10] [--jobs 12] [--workers 1 2] [--pipeline wait|cpu|real]

1. Polling: `codedoc serve --no-worker` in its own process; `--clients` concurrent clients poll
   `GET /api/v1/jobs/{id}` for `--seconds`; prints requests/second and p50/p95/p99 latency.
2. Throughput: for each worker count, a fresh service (API without worker) plus that many
   `codedoc worker` processes (one job thread each); `--jobs` jobs are submitted at once and
   timed until all have completed; prints jobs/minute.
   `--pipeline real` runs the real pipeline on a small generated repository served by
   `git http-backend` (tests/gitserver.py); `wait` (default) stands in for a job that waits 0.5 s on
   the network and `cpu` for one that burns 0.5 s of CPU, so those figures show the service's own
   overhead and scaling, not the pipeline's speed (on a busy 2-core machine `cpu` cannot scale).

The back end is whatever the environment says (DATABASE_URL, CODEDOC_QUEUE_URL, CODEDOC_STORAGE_URL):
by default the embedded SQLite + local folder. Run by hand; nothing here is timed in tests.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
SYNTHETIC_SECONDS = 0.5
RUN = uuid.uuid4().hex[:8]


def _synthetic(output: Path, source: str, progress: Any, should_cancel: Any, *, burn: bool) -> Any:
    from types import SimpleNamespace

    from codedoc.errors import JobCancelled
    from codedoc.progress import ProgressEvent, Stage

    stages = list(Stage)
    for stage in stages:
        if should_cancel():
            raise JobCancelled("cancelled")
        progress(ProgressEvent(stage, 0.0))
        share = SYNTHETIC_SECONDS / len(stages)
        if burn:
            deadline = time.process_time() + share
            while time.process_time() < deadline:
                pass
        else:
            time.sleep(share)
    (output / "docs").mkdir(parents=True, exist_ok=True)
    (output / "documentation.md").write_text(f"# {source}\n")
    (output / "codedoc.json").write_text("{}")
    (output / "docs" / "index.md").write_text("# index\n")
    return SimpleNamespace(timings={}, model=None)


def synthetic_cpu(source: str, output: Path, options: Any, *, progress: Any, should_cancel: Any) -> Any:
    """Stands in for a CPU-bound job (analysis): burns SYNTHETIC_SECONDS of CPU."""
    return _synthetic(output, source, progress, should_cancel, burn=True)


def synthetic_wait(source: str, output: Path, options: Any, *, progress: Any, should_cancel: Any) -> Any:
    """Stands in for a job waiting on the network (a clone): SYNTHETIC_SECONDS of waiting."""
    return _synthetic(output, source, progress, should_cancel, burn=False)


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("CODEDOC_DATA_DIR", str(data_dir))
    env.update(
        {
            "CODEDOC_LOG_LEVEL": "WARNING",
            "CODEDOC_RATE_LIMIT": "0",
            "CODEDOC_MAX_ACTIVE_JOBS": "100000",
            "CODEDOC_POLL_SECONDS": "0.2",
            "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent), env.get("PYTHONPATH", "")]),
            **extra,
        }
    )
    return env


@contextlib.contextmanager
def _process(command: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[str]]:
    with log.open("w") as handle:
        process = subprocess.Popen(command, env=env, stdout=handle, stderr=handle, text=True)
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=60)


@contextlib.contextmanager
def _api(env: dict[str, str], log_dir: Path) -> Iterator[str]:
    command = [sys.executable, "-m", "codedoc", "serve", "--no-worker", "--port", "0"]
    with (log_dir / "api.log").open("w") as handle:
        process = subprocess.Popen(command, env=env, stdout=handle, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        url = None
        for line in process.stderr:
            found = re.search(r"on (http://[\d.]+:\d+)", line)
            if found:
                url = found.group(1)
                break
        if url is None:
            raise RuntimeError("the API did not start")
        # Keep reading its output, or a full pipe would stall the server.
        threading.Thread(target=process.stderr.read, daemon=True).start()
        yield url
    finally:
        process.terminate()
        process.wait(timeout=60)


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


async def _poll(url: str, job_ids: list[str], clients: int, seconds: float) -> tuple[int, list[float], int]:
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30) as client:

        async def one_client(index: int) -> None:
            nonlocal errors
            turn = index
            while time.perf_counter() < deadline:
                job_id = job_ids[turn % len(job_ids)]
                turn += 1
                started = time.perf_counter()
                response = await client.get(f"/api/v1/jobs/{job_id}")
                latencies.append(time.perf_counter() - started)
                if response.status_code != 200:
                    errors += 1

        await asyncio.gather(*(one_client(index) for index in range(clients)))
    return len(latencies), latencies, errors


def _submit(client: httpx.Client, source: str) -> str:
    response = client.post("/api/v1/jobs", json={"github_url": source})
    response.raise_for_status()
    job_id: str = response.json()["id"]
    return job_id


def bench_polling(clients: int, seconds: float) -> None:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        with _api(_env(data), data) as url, httpx.Client(base_url=url, timeout=30) as client:
            job_ids = [_submit(client, f"bench/poll-{RUN}-{index}") for index in range(20)]
            count, latencies, errors = asyncio.run(_poll(url, job_ids, clients, seconds))
            # A shared back end (DATABASE_URL, Redis) outlives this run: leave no work behind for the workers.
            for job_id in job_ids:
                client.delete(f"/api/v1/jobs/{job_id}")
    print(
        f"polling: {clients} clients, {seconds:.0f} s: {count / seconds:,.0f} requests/s, "
        f"p50 {_percentile(latencies, 0.5) * 1000:.1f} ms, p95 {_percentile(latencies, 0.95) * 1000:.1f} ms, "
        f"p99 {_percentile(latencies, 0.99) * 1000:.1f} ms, mean {statistics.mean(latencies) * 1000:.1f} ms, "
        f"errors {errors}"
    )


@contextlib.contextmanager
def _sources(kind: str, jobs: int, folder: Path) -> Iterator[tuple[list[str], dict[str, str]]]:
    if kind != "real":
        # Unique names: on a shared back end, earlier runs' jobs would be returned as duplicates.
        sources = [f"bench/throughput-{RUN}-{uuid.uuid4().hex[:6]}-{index}" for index in range(jobs)]
        yield sources, {"CODEDOC_PIPELINE": f"api_load:synthetic_{kind}"}
        return
    sys.path.insert(0, str(ROOT / "tests"))
    from gitserver import GitHttpServer  # type: ignore[import-not-found]
    from repos import make_repo  # type: ignore[import-not-found]

    for index in range(jobs):
        files = {
            f"pkg/module_{n}.py": f'"""Module {n}."""\n\ndef f_{n}(x: int) -> int:\n    return x + {n}\n'
            for n in range(30)
        }
        make_repo({**files, "README.md": f"# project {index}\n"}, folder / "repos" / "bench" / f"project-{index}")
    with GitHttpServer(folder / "repos") as server:
        host = server.url.removeprefix("http://")
        yield [f"{server.url}/bench/project-{index}" for index in range(jobs)], {"CODEDOC_GIT_HOSTS": host}


def _wait_for_workers(logs: list[Path], limit: float = 120.0) -> None:
    """Start the clock only once every worker is consuming, not while they are still importing."""
    deadline = time.monotonic() + limit
    while not all(log.exists() and "starting with" in log.read_text() for log in logs):
        if time.monotonic() > deadline:
            raise RuntimeError(f"the workers did not start; see {logs}")
        time.sleep(0.1)


def bench_throughput(jobs: int, worker_counts: list[int], pipeline: str) -> None:
    for workers in worker_counts:
        with tempfile.TemporaryDirectory() as folder:
            data = Path(folder)
            with _sources(pipeline, jobs, data) as (sources, extra):
                env = _env(data, CODEDOC_WORKERS="1", **extra)
                with contextlib.ExitStack() as stack:
                    url = stack.enter_context(_api(env, data))
                    logs = [data / f"worker{index}.log" for index in range(workers)]
                    worker_env = {**env, "CODEDOC_LOG_LEVEL": "INFO", "CODEDOC_LOG_FORMAT": "text"}
                    for log in logs:
                        stack.enter_context(_process([sys.executable, "-m", "codedoc", "worker"], worker_env, log))
                    _wait_for_workers(logs)
                    with httpx.Client(base_url=url, timeout=30) as client:
                        started = time.perf_counter()
                        ids = [_submit(client, source) for source in sources]
                        pending = set(ids)
                        failed = 0
                        while pending:
                            for job_id in list(pending):
                                status = client.get(f"/api/v1/jobs/{job_id}").json()["status"]
                                if status in ("completed", "failed", "cancelled"):
                                    pending.discard(job_id)
                                    failed += status != "completed"
                            time.sleep(0.1)
                        elapsed = time.perf_counter() - started
        print(
            f"throughput: {workers} worker(s), {jobs} {pipeline} jobs in {elapsed:.1f} s: "
            f"{jobs / elapsed * 60:.1f} jobs/minute ({failed} failed)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--jobs", type=int, default=12)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--pipeline", choices=["wait", "cpu", "real"], default="wait")
    parser.add_argument("--skip-polling", action="store_true")
    parser.add_argument("--skip-throughput", action="store_true")
    args = parser.parse_args()
    print(
        f"cores: {os.cpu_count()}, database: {os.environ.get('DATABASE_URL') or 'SQLite'}, "
        f"queue: {os.environ.get('CODEDOC_QUEUE_URL') or 'SQLite'}"
    )
    if not args.skip_polling:
        bench_polling(args.clients, args.seconds)
    if not args.skip_throughput:
        bench_throughput(args.jobs, args.workers, args.pipeline)


if __name__ == "__main__":
    main()
