"""Structured logs: JSON lines carrying the request and job ids."""

from __future__ import annotations

import json
import logging

from codedoc.service.logs import ContextFilter, JsonFormatter, job_context, request_id_var


def _format(record: logging.LogRecord) -> dict[str, object]:
    ContextFilter().filter(record)
    parsed: dict[str, object] = json.loads(JsonFormatter().format(record))
    return parsed


def _record(message: str) -> logging.LogRecord:
    return logging.LogRecord("codedoc.test", logging.INFO, __file__, 1, message, None, None)


def test_log_line_is_json_with_the_job_id() -> None:
    with job_context("job-123"):
        entry = _format(_record("started"))
    assert entry["job_id"] == "job-123" and entry["message"] == "started" and entry["level"] == "info"


def test_log_line_carries_the_request_id() -> None:
    token = request_id_var.set("req-9")
    try:
        entry = _format(_record("hello"))
    finally:
        request_id_var.reset(token)
    assert entry["request_id"] == "req-9"


def test_ids_are_absent_outside_a_request_or_job() -> None:
    entry = _format(_record("idle"))
    assert "request_id" not in entry and "job_id" not in entry
