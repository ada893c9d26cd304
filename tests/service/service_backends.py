"""The two service set-ups every API test runs against, and the local servers they need.

embedded: SQLite + Huey on SQLite + a local folder.   scaled: PostgreSQL + Redis + S3 (moto).
PostgreSQL and Redis are the machine's own (127.0.0.1:5432 and :6379); where they are missing the
tests are skipped with the reason, unless CODEDOC_REQUIRE_SERVICES=1 makes that a failure.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

PG_HOST, PG_PORT = "127.0.0.1", 5432
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379

# Fast timings so lease expiry and retries happen within a test; nothing asserts on them.
FAST = {
    "lease_seconds": 3.0,
    "heartbeat_seconds": 0.5,
    "sweep_seconds": 0.5,
    "poll_seconds": 0.2,
    "retry_delay": 0.2,
    "rate_limit": 0,
    "workers": 2,
    "log_format": "text",
    # Tests of job machinery submit made-up repositories; those that clone real ones turn this on.
    "resolve_commits": False,
}


def reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def require(name: str, host: str, port: int) -> None:
    if reachable(host, port):
        return
    message = f"{name} is not reachable at {host}:{port}"
    if os.environ.get("CODEDOC_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{message} (CODEDOC_REQUIRE_SERVICES=1)")
    pytest.skip(message)


@dataclass
class Backend:
    """Settings for one set-up; `env()` gives the same to a subprocess."""

    name: str
    values: dict[str, Any] = field(default_factory=dict)
    cleanups: list[Any] = field(default_factory=list)

    def settings_values(self, data_dir: Path, **overrides: Any) -> dict[str, Any]:
        return {"data_dir": data_dir, **FAST, **self.values, **overrides}

    def env(self, data_dir: Path, **overrides: Any) -> dict[str, str]:
        names = {"database_url": "DATABASE_URL"}
        return {
            names.get(key, f"CODEDOC_{key.upper()}"): str(value)
            for key, value in self.settings_values(data_dir, **overrides).items()
        }


@contextmanager
def postgres_database() -> Iterator[str]:
    """A throw-away database, dropped afterwards."""
    import psycopg

    name = f"codedoc_test_{uuid.uuid4().hex[:12]}"
    admin = f"postgresql://postgres@{PG_HOST}:{PG_PORT}/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql://postgres@{PG_HOST}:{PG_PORT}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def moto_s3() -> Iterator[str]:
    """A local S3 endpoint (moto in server mode) on a free port."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


def s3_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Dummy credentials: moto accepts anything, and boto3 must not look for real ones."""
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_EC2_METADATA_DISABLED": "true",
    }.items():
        monkeypatch.setenv(name, value)


def create_bucket(endpoint: str, bucket: str) -> None:
    import boto3

    boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1").create_bucket(Bucket=bucket)


def truncate_jobs(database_url: str) -> None:
    import psycopg

    # Every table the migrations made (jobs, users, sessions…), so no test sees another's rows.
    with psycopg.connect(database_url, autocommit=True) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'"
            )
        ]
        if tables:
            connection.execute("TRUNCATE " + ", ".join(f'"{name}"' for name in tables) + " CASCADE")


def flush_queue(redis_url: str, queue_name: str) -> None:
    import redis

    client = redis.Redis.from_url(redis_url)
    try:
        keys = list(client.scan_iter(f"huey.*.{queue_name}*"))
        if keys:
            client.delete(*keys)
    finally:
        client.close()
