"""The real pipeline inside the service: jobs clone real repositories served by `git http-backend`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from service_http import Service, ServiceFactory, wait_until_done

from gitserver import GitHttpServer
from repos import git, make_repo

pytestmark = pytest.mark.slow

WIDGETS = {
    "README.md": "# Widgets\n\nMakes widgets.\n",
    "pyproject.toml": '[project]\nname = "widgets"\nversion = "1.0"\n',
    "widgets/__init__.py": '"""Widgets for everyone."""\n',
    "widgets/core.py": '''
        """The widget factory."""


        def make_widget(name: str) -> dict[str, str]:
            """Build one widget called `name`."""
            return {"name": name}
    ''',
}


@pytest.fixture
def git_server(tmp_path: Path) -> Iterator[tuple[GitHttpServer, str]]:
    repo = make_repo(WIDGETS, tmp_path / "repos" / "acme" / "widgets")
    with GitHttpServer(tmp_path / "repos") as server:
        yield server, git(repo, "rev-parse", "HEAD")


@pytest.fixture
def real_service(make_service: ServiceFactory, git_server: tuple[GitHttpServer, str]) -> Service:
    server, _ = git_server
    return make_service(git_hosts=server.url.removeprefix("http://"), workers=1)


def _submit(service: Service, url: str, **extra: Any) -> dict[str, Any]:
    response = service.client.post("/api/v1/jobs", json={"github_url": url, **extra})
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def test_repository_is_documented_end_to_end(real_service: Service, git_server: tuple[GitHttpServer, str]) -> None:
    server, head = git_server
    job = wait_until_done(real_service.client, _submit(real_service, f"{server.url}/acme/widgets")["id"])
    assert job["status"] == "completed", job["error_message"]
    assert job["commit_sha"] == head
    documentation = real_service.client.get(job["documentation_url"]).text
    assert "make_widget" in documentation
    model = json.loads(real_service.client.get(job["model_url"]).text)
    assert "widgets.core" in json.dumps(model)
    assert real_service.client.get(job["site_url"]).status_code == 200


def test_missing_repository_fails_with_a_useful_message(
    real_service: Service, git_server: tuple[GitHttpServer, str]
) -> None:
    server, _ = git_server
    job = wait_until_done(real_service.client, _submit(real_service, f"{server.url}/acme/nothing")["id"])
    assert job["status"] == "failed"
    assert "not found" in job["error_message"]
    assert "Traceback" not in job["error_message"]


def test_loopback_host_not_listed_is_refused(
    make_service: ServiceFactory, git_server: tuple[GitHttpServer, str]
) -> None:
    server, _ = git_server
    service = make_service(worker=False)
    response = service.client.post("/api/v1/jobs", json={"github_url": f"{server.url}/acme/widgets"})
    assert response.status_code == 422
    assert server.requests == 0
