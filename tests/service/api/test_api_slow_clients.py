"""Slow clients and long streams: a body that never finishes gets 408, event streams are capped, and all
streams of a process share one database poll."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any

import httpx
from service_http import Service, ServiceFactory, poll_until, sse_events
from sqlalchemy import event

from codedoc.service.db import create_db_engine, create_session_factory
from codedoc.service.jobs.state import JobStateMachine


def _stalled_post(service: Service) -> bytes:
    """Send headers and half the body, then nothing; returns what the server answered."""
    host, port = service.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=60) as connection:
        connection.sendall(
            b"POST /api/v1/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b'Content-Length: 40\r\n\r\n{"github_url": '
        )
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = connection.recv(4096)
            if not chunk:
                break
            answer += chunk
        return answer


def test_a_body_that_never_finishes_gets_408(make_service: ServiceFactory) -> None:
    service = make_service(worker=False, body_timeout=0.5)
    answer = _stalled_post(service)
    assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
    assert service.client.get("/api/v1/jobs").json() == []


def _open_stream(stack: ExitStack, client: httpx.Client, job_id: str) -> httpx.Response:
    response = stack.enter_context(client.stream("GET", f"/api/v1/jobs/{job_id}/events"))
    return response


def test_event_streams_are_capped_per_client_and_in_total(make_service: ServiceFactory) -> None:
    service = make_service(worker=False, max_streams_per_client=2, max_streams=3, api_keys="one,two")
    with (
        httpx.Client(base_url=service.url, headers={"Authorization": "Bearer one"}, timeout=30) as one,
        httpx.Client(base_url=service.url, headers={"Authorization": "Bearer two"}, timeout=30) as two,
        ExitStack() as stack,
    ):
        job_one = one.post("/api/v1/jobs", json={"github_url": "owner/one"}).json()["id"]
        job_two = two.post("/api/v1/jobs", json={"github_url": "owner/two"}).json()["id"]
        assert [_open_stream(stack, one, job_one).status_code for _ in range(2)] == [200, 200]
        over_client = _open_stream(stack, one, job_one)
        assert over_client.status_code == 429
        assert _open_stream(stack, two, job_two).status_code == 200
        over_total = _open_stream(stack, two, job_two)
        assert over_total.status_code == 429 and over_total.headers["retry-after"] == "10"

    # Closed streams free their places (once the server has seen the disconnections).
    def can_open() -> bool:
        with (
            httpx.Client(base_url=service.url, headers={"Authorization": "Bearer one"}, timeout=30) as again,
            again.stream("GET", f"/api/v1/jobs/{job_one}/events") as response,
        ):
            return response.status_code == 200

    poll_until(can_open)


STREAMS = 12


def test_all_streams_share_one_database_poll(make_service: ServiceFactory) -> None:
    service = make_service(worker=False, max_streams_per_client=STREAMS)
    jobs = [
        service.client.post("/api/v1/jobs", json={"github_url": f"owner/r{i}"}).json()["id"] for i in range(STREAMS)
    ]
    statements: list[tuple[str, int]] = []
    recording = threading.Event()

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        if recording.is_set() and statement.lstrip().upper().startswith("SELECT") and "FROM jobs" in statement:
            statements.append((statement, len(parameters or ())))

    event.listen(service.context.engine, "before_cursor_execute", record)
    # The jobs are cancelled through another engine, so the service's engine sees only the streams' reads.
    other_engine = create_db_engine(service.context.settings.resolved_database_url)
    other = JobStateMachine(create_session_factory(other_engine), max_attempts=3)
    ends: list[str] = []
    started = threading.Barrier(STREAMS + 1)

    def watch(job_id: str) -> None:
        with (
            httpx.Client(base_url=service.url, timeout=60) as client,
            client.stream("GET", f"/api/v1/jobs/{job_id}/events") as response,
        ):
            events: Iterator[tuple[str, dict[str, Any]]] = sse_events(response)
            assert next(events)[0] == "progress"
            started.wait()
            for name, data in events:
                if name == "end":
                    ends.append(data["status"])
                    return

    threads = [threading.Thread(target=watch, args=(job_id,)) for job_id in jobs]
    try:
        for thread in threads:
            thread.start()
        started.wait()
        recording.set()
        for job_id in jobs:
            other.request_cancel(job_id, owner=None)
        for thread in threads:
            thread.join()
    finally:
        recording.clear()
        event.remove(service.context.engine, "before_cursor_execute", record)
        other_engine.dispose()
    assert ends == ["cancelled"] * STREAMS
    # One query per poll for every stream's job, never one query per stream.
    assert statements, "the streams learned of the end without reading the database"
    assert all(" IN (" in statement for statement, _ in statements)
    assert any(count >= STREAMS for _, count in statements)
