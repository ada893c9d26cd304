"""Open event streams versus the service's responsiveness and database load.

    python benchmarks/event_streams.py [--streams 300] [--samples 40]

Serves the app (embedded SQLite, no worker) in this process with uvicorn, creates one pending job,
then measures `GET /health` latency (median of `--samples`) and SELECTs on the jobs table per second,
first with no stream open, then with `--streams` streams open on that job. Prints both and their
ratio. Each stream used to poll the database twice a second; now one poller per process reads all
subscribed jobs in one query. Run by hand; nothing here is timed in tests.
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from sqlalchemy import event

from codedoc.service.api.app import create_app
from codedoc.service.context import ServiceContext
from codedoc.service.settings import ServiceSettings


def _serve(app: Any) -> tuple[str, uvicorn.Server, threading.Thread]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, log_config=None, access_log=False, lifespan="on", limit_concurrency=None)
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    return f"http://127.0.0.1:{port}", server, thread


def _health_latency(url: str, samples: int) -> float:
    timings = []
    with httpx.Client(base_url=url, timeout=60) as client:
        for _ in range(samples):
            started = time.perf_counter()
            client.get("/health").raise_for_status()
            timings.append(time.perf_counter() - started)
            time.sleep(0.05)
    return statistics.median(timings)


def _selects_per_second(counter: list[int], seconds: float = 3.0) -> float:
    before = counter[0]
    time.sleep(seconds)
    return (counter[0] - before) / seconds


async def _hold_streams(url: str, job_id: str, count: int, opened: threading.Event, stop: threading.Event) -> None:
    limits = httpx.Limits(max_connections=count + 10, max_keepalive_connections=count + 10)
    async with httpx.AsyncClient(base_url=url, timeout=None, limits=limits) as client:

        async def one() -> None:
            async with client.stream("GET", f"/api/v1/jobs/{job_id}/events") as response:
                response.raise_for_status()
                async for _ in response.aiter_lines():
                    if stop.is_set():
                        return

        tasks = [asyncio.create_task(one()) for _ in range(count)]
        await asyncio.sleep(2.0)
        opened.set()
        while not stop.is_set():
            await asyncio.sleep(0.1)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--streams", type=int, default=300)
    parser.add_argument("--samples", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        settings = ServiceSettings(
            data_dir=Path(folder),
            rate_limit=0,
            max_streams=args.streams + 10,
            max_streams_per_client=args.streams + 10,
            resolve_commits=False,
        )
        context = ServiceContext.from_settings(settings)
        selects = [0]

        def count(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
            if statement.lstrip().upper().startswith("SELECT") and "FROM jobs" in statement:
                selects[0] += 1

        event.listen(context.engine, "before_cursor_execute", count)
        url, server, thread = _serve(create_app(context=context))
        job_id = httpx.post(f"{url}/api/v1/jobs", json={"github_url": "owner/repo"}).json()["id"]
        idle_latency = _health_latency(url, args.samples)
        idle_selects = _selects_per_second(selects)
        opened, stop = threading.Event(), threading.Event()
        holder = threading.Thread(target=asyncio.run, args=(_hold_streams(url, job_id, args.streams, opened, stop),))
        holder.start()
        opened.wait()
        busy_latency = _health_latency(url, args.samples)
        busy_selects = _selects_per_second(selects)
        stop.set()
        holder.join()
        server.should_exit = True
        thread.join()
        context.close()
    idle_ms, busy_ms = idle_latency * 1000, busy_latency * 1000
    print(f"/health median latency: {idle_ms:.1f} ms idle, {busy_ms:.1f} ms with {args.streams} streams")
    print(f"  ratio with streams / idle: {busy_latency / idle_latency:.1f}x")
    print(f"jobs SELECTs per second: {idle_selects:.1f} idle, {busy_selects:.1f} with {args.streams} streams")


if __name__ == "__main__":
    sys.exit(main())
