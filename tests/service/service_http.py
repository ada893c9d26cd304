"""Serving an app on a real loopback port, and following a job through real HTTP."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx
import uvicorn
from fastapi import FastAPI

if TYPE_CHECKING:
    from pathlib import Path

    from codedoc.service.context import ServiceContext

STARTUP_LIMIT = 60.0


@dataclass
class Service:
    """A served app and a client for it."""

    url: str
    client: httpx.Client
    context: ServiceContext
    data_dir: Path


ServiceFactory = Callable[..., Service]


@contextmanager
def serve(app: FastAPI) -> Iterator[str]:
    """Run `app` with uvicorn in a thread; yields its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_config=None, access_log=False, lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_LIMIT
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join()
        sock.close()


def sse_events(response: httpx.Response) -> Iterator[tuple[str, dict[str, Any]]]:
    """(event name, data) for each event of a text/event-stream response."""
    name, data = "message", ""
    for line in response.iter_lines():
        if line.startswith("event:"):
            name = line.removeprefix("event:").strip()
        elif line.startswith("data:"):
            data += line.removeprefix("data:").strip()
        elif line == "":
            if data:
                yield name, json.loads(data)
            name, data = "message", ""


def follow(
    client: httpx.Client, job_id: str, until: Callable[[str, dict[str, Any]], bool], *, limit: float = 90.0
) -> list[tuple[str, dict[str, Any]]]:
    """Read the job's event stream until `until(event, job)` holds (or it ends); returns the events seen."""
    seen: list[tuple[str, dict[str, Any]]] = []
    with client.stream("GET", f"/api/v1/jobs/{job_id}/events", timeout=limit) as response:
        response.raise_for_status()
        for event, data in sse_events(response):
            seen.append((event, data))
            if until(event, data) or event == "end":
                break
    return seen


def wait_until_done(client: httpx.Client, job_id: str, *, limit: float = 90.0) -> dict[str, Any]:
    """The job once it has ended (completed, failed or cancelled), through the event stream."""
    events = follow(client, job_id, lambda event, _job: event == "end", limit=limit)
    assert events and events[-1][0] == "end", f"the event stream of {job_id} stopped before the end: {events[-3:]}"
    return events[-1][1]


def wait_until(client: httpx.Client, job_id: str, condition: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    events = follow(client, job_id, lambda _event, job: condition(job))
    assert condition(events[-1][1]), f"job {job_id} ended before the condition held: {events[-1]}"
    return events[-1][1]


def poll_until(condition: Callable[[], bool], *, limit: float = 60.0) -> None:
    """For effects that have no event to wait on (another process, a metric)."""
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the condition never held")
        time.sleep(0.05)
