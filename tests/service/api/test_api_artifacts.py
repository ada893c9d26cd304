"""A finished job's documentation, code model and site files, through real HTTP."""

from __future__ import annotations

from typing import Any

import pytest
from service_http import Service, ServiceFactory, wait_until_done


@pytest.fixture
def done(service: Service) -> dict[str, Any]:
    created = service.client.post("/api/v1/jobs", json={"github_url": "owner/repo"}).json()
    return wait_until_done(service.client, created["id"])


def test_documentation_is_markdown(service: Service, done: dict[str, Any]) -> None:
    response = service.client.get(f"/api/v1/jobs/{done['id']}/documentation")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/markdown; charset=utf-8"
    assert response.text.startswith("# Documentation of https://github.com/owner/repo")


def test_model_is_the_code_model_json(service: Service, done: dict[str, Any]) -> None:
    response = service.client.get(done["model_url"])
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"source": "https://github.com/owner/repo"}


def test_site_page_is_served(service: Service, done: dict[str, Any]) -> None:
    response = service.client.get(f"/api/v1/jobs/{done['id']}/site/docs/index.md")
    assert response.status_code == 200 and response.text == "# Overview\n"
    assert response.headers["x-content-type-options"] == "nosniff"


def test_missing_site_file_is_404(service: Service, done: dict[str, Any]) -> None:
    response = service.client.get(f"/api/v1/jobs/{done['id']}/site/docs/nothing.md")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("path", ["..%2F..%2F..%2Fetc%2Fpasswd", "docs/..%2F..%2Fsecret.key", "%2Fetc%2Fpasswd"])
def test_site_path_cannot_leave_the_site(service: Service, done: dict[str, Any], path: str) -> None:
    response = service.client.get(f"{service.url}/api/v1/jobs/{done['id']}/site/{path}")
    assert response.status_code == 404
    assert "root:" not in response.text


def test_documentation_of_an_unfinished_job_is_409(make_service: ServiceFactory) -> None:
    service = make_service(worker=False)
    job = service.client.post("/api/v1/jobs", json={"github_url": "owner/repo"}).json()
    assert job["documentation_url"] is None
    response = service.client.get(f"/api/v1/jobs/{job['id']}/documentation")
    assert response.status_code == 409 and response.json()["error"]["code"] == "not_ready"
