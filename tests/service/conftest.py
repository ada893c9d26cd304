"""Fixtures for the service: both back-end set-ups, a served app, an HTTP client."""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).parent))

from service_backends import (
    PG_HOST,
    PG_PORT,
    REDIS_HOST,
    REDIS_PORT,
    Backend,
    create_bucket,
    flush_queue,
    moto_s3,
    postgres_database,
    require,
    s3_environment,
    truncate_jobs,
)
from service_browser import chromium
from service_http import Service, ServiceFactory, serve

from codedoc.service.api.app import create_app
from codedoc.service.context import ServiceContext
from codedoc.service.settings import ServiceSettings

HOSTS_FOR_TESTS = "github.com,gitlab.com"


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings come only from what each test passes, never from the machine's environment."""
    for name in list(os.environ):
        if (name.startswith("CODEDOC_") and name != "CODEDOC_REQUIRE_SERVICES") or name == "DATABASE_URL":
            monkeypatch.delenv(name)
    monkeypatch.chdir(Path(__file__).parent)  # no stray .env file is read


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    require("PostgreSQL", PG_HOST, PG_PORT)
    with postgres_database() as url:
        yield url


@pytest.fixture(scope="session")
def redis_url() -> str:
    require("Redis", REDIS_HOST, REDIS_PORT)
    return f"redis://{REDIS_HOST}:{REDIS_PORT}/0"


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    with pytest.MonkeyPatch.context() as patch:
        s3_environment(patch)
        with moto_s3() as endpoint:
            create_bucket(endpoint, "codedoc-test")
            yield endpoint


@pytest.fixture(params=["embedded", "scaled"])
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Backend]:
    if request.param == "embedded":
        yield Backend("embedded")
        return
    database = request.getfixturevalue("postgres_url")
    redis_url = request.getfixturevalue("redis_url")
    endpoint = request.getfixturevalue("s3_endpoint")
    s3_environment(monkeypatch)
    truncate_jobs(database)
    queue_name = f"codedoc-test-{uuid.uuid4().hex[:8]}"
    yield Backend(
        "scaled",
        {
            "database_url": database,
            "queue_url": redis_url,
            "queue_name": queue_name,
            "storage_url": f"s3://codedoc-test/{queue_name}",
            "s3_endpoint_url": endpoint,
        },
    )
    flush_queue(redis_url, queue_name)


@pytest.fixture
def make_service(backend: Backend, tmp_path: Path) -> Iterator[ServiceFactory]:
    """`make_service(pipeline=..., worker=True, **settings)` serves an app for this test's back end."""
    stack: list[Any] = []

    def factory(*, pipeline: Any = None, worker: bool = True, **overrides: Any) -> Service:
        data_dir = overrides.pop("data_dir", None) or tmp_path / f"data{len(stack)}"
        values = backend.settings_values(data_dir, **{"git_hosts": HOSTS_FOR_TESTS, **overrides})
        context = ServiceContext.from_settings(ServiceSettings(**values))
        served = serve(create_app(context=context, run_worker=worker, pipeline=pipeline))
        url = served.__enter__()
        client = httpx.Client(base_url=url, timeout=30)
        stack.append((served, client, context))
        return Service(url, client, context, data_dir)

    yield factory
    for served, client, context in reversed(stack):
        client.close()
        served.__exit__(None, None, None)
        context.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium, launched once per test module (see `service_browser`)."""
    with chromium() as launched:
        yield launched


@pytest.fixture
def service(make_service: ServiceFactory) -> Service:
    """The app with an embedded worker running the quick fake pipeline."""
    import service_pipelines

    return make_service(pipeline=service_pipelines.quick)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated, empty job database of each kind."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'jobs.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
        truncate_jobs(url)
    return ServiceSettings(data_dir=tmp_path, database_url=url).resolved_database_url


@pytest.fixture
def state(database_url: str) -> Iterator[Any]:
    from codedoc.service.db import create_db_engine, create_session_factory, upgrade
    from codedoc.service.jobs.state import JobStateMachine

    engine = create_db_engine(database_url)
    upgrade(engine)
    yield JobStateMachine(create_session_factory(engine), max_attempts=3)
    engine.dispose()
