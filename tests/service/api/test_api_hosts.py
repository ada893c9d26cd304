"""DNS rebinding: the service answers only to allowed `Host` names, and links never come from `Host`."""

from __future__ import annotations

import httpx
import pytest
import service_pipelines
from pydantic import ValidationError
from service_http import Service, ServiceFactory, wait_until_done

from codedoc.service.settings import ServiceSettings

BROWSER = {"Accept": "text/html,application/xhtml+xml"}
EVIL = "evil.example"


def _as(service: Service, host: str, **headers: str) -> httpx.Client:
    """A client that reaches the service's socket but names `host` in `Host`, as a rebound page would."""
    port = service.url.rsplit(":", 1)[1]
    return httpx.Client(base_url=service.url, headers={"Host": f"{host}:{port}", **headers}, timeout=30)


def test_a_foreign_host_can_neither_list_create_nor_delete_jobs(make_service: ServiceFactory) -> None:
    service = make_service(worker=False)
    job = service.client.post("/api/v1/jobs", json={"github_url": "owner/repo"}).json()
    port = service.url.rsplit(":", 1)[1]
    evil_origin = f"http://{EVIL}:{port}"
    with _as(service, EVIL, Origin=evil_origin, **BROWSER) as rebound:
        listed = rebound.get("/api/v1/jobs")
        created = rebound.post("/api/v1/jobs", json={"github_url": "owner/other"})
        deleted = rebound.post(f"/jobs/{job['id']}/delete")
        page = rebound.get(f"/jobs/{job['id']}")
    assert [listed.status_code, created.status_code, deleted.status_code, page.status_code] == [400] * 4
    assert listed.json()["error"]["code"] == "invalid_host"
    assert [seen["id"] for seen in service.client.get("/api/v1/jobs").json()] == [job["id"]]


def test_loopback_names_are_served_by_default(make_service: ServiceFactory) -> None:
    service = make_service(worker=False)
    for name in ("localhost", "127.0.0.1", "LOCALHOST."):
        with _as(service, name) as client:
            assert client.get("/health").status_code == 200, name


def test_listed_hosts_and_wildcards_are_served_and_others_refused(make_service: ServiceFactory) -> None:
    service = make_service(worker=False, allowed_hosts="docs.example.com,*.corp.example")
    with _as(service, "docs.example.com") as listed, _as(service, "api.corp.example") as wildcard:
        assert listed.get("/health").status_code == 200
        assert wildcard.get("/health").status_code == 200
    with _as(service, "localhost") as unlisted, _as(service, "corp.example.evil") as lookalike:
        assert unlisted.get("/health").status_code == 400
        assert lookalike.get("/health").status_code == 400


def test_links_in_jobs_never_come_from_the_host_header(make_service: ServiceFactory) -> None:
    service = make_service(pipeline=service_pipelines.quick, allowed_hosts="*")
    created = service.client.post("/api/v1/jobs", json={"github_url": "owner/repo"}).json()
    wait_until_done(service.client, created["id"])
    with httpx.Client(base_url=service.url, headers={"Host": f"{EVIL}:666"}) as rebound:
        job = rebound.get(f"/api/v1/jobs/{created['id']}").json()
    for field in ("documentation_url", "site_url", "model_url"):
        assert job[field].startswith(f"{service.url}/api/v1/jobs/"), job[field]
        assert EVIL not in job[field]


def test_links_come_from_the_public_url_when_set(make_service: ServiceFactory) -> None:
    service = make_service(pipeline=service_pipelines.quick, public_url="https://docs.example.com/codedoc/")
    created = service.client.post("/api/v1/jobs", json={"github_url": "owner/repo"}).json()
    job = wait_until_done(service.client, created["id"])
    assert job["documentation_url"] == f"https://docs.example.com/codedoc/api/v1/jobs/{job['id']}/documentation"


def test_viewer_form_origin_must_match_scheme_host_and_port(make_service: ServiceFactory) -> None:
    service = make_service(worker=False, allowed_hosts="*")
    port = int(service.url.rsplit(":", 1)[1])
    refused = [
        f"http://{EVIL}:{port}",  # a rebound page: Host and Origin agree, and both are foreign
        f"https://127.0.0.1:{port}",  # another scheme
        f"http://127.0.0.1:{port + 1}",  # another port
        "null",
    ]
    for origin in refused:
        host = origin.split("://", 1)[-1] if origin != "null" else f"127.0.0.1:{port}"
        with httpx.Client(base_url=service.url, headers={"Origin": origin, "Host": host, **BROWSER}) as browser:
            response = browser.post("/jobs", data={"github_url": "owner/repo"})
        assert response.status_code == 403, origin
    with httpx.Client(base_url=service.url, headers={"Origin": service.url, **BROWSER}) as browser:
        assert browser.post("/jobs", data={"github_url": "owner/repo"}).status_code == 303


def test_viewer_accepts_forms_from_the_public_url(make_service: ServiceFactory) -> None:
    service = make_service(worker=False, public_url="https://docs.example.com")
    headers = {"Origin": "https://docs.example.com", "Host": "docs.example.com", **BROWSER}
    with httpx.Client(base_url=service.url, headers=headers) as browser:
        assert browser.post("/jobs", data={"github_url": "owner/repo"}).status_code == 303


def test_the_connections_own_address_is_always_served(make_service: ServiceFactory) -> None:
    service = make_service(worker=False, allowed_hosts="docs.example.com")
    assert service.client.get("/health").status_code == 200  # Host: 127.0.0.1:<port>, the socket's address


def test_public_url_must_be_http() -> None:
    with pytest.raises(ValidationError, match="CODEDOC_PUBLIC_URL"):
        ServiceSettings(public_url="javascript:alert(1)")
