"""Optional API keys: every /api call needs one, and each key sees only its own jobs."""

from __future__ import annotations

import pytest
from service_http import Service, ServiceFactory


@pytest.fixture
def keyed(make_service: ServiceFactory) -> Service:
    return make_service(worker=False, api_keys="key-alice,key-bob")


def _as(name: str) -> dict[str, str]:
    return {"Authorization": f"Bearer key-{name}"}


def test_missing_key_is_401(keyed: Service) -> None:
    response = keyed.client.get("/api/v1/jobs")
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"


def test_wrong_key_is_401(keyed: Service) -> None:
    assert keyed.client.get("/api/v1/jobs", headers={"Authorization": "Bearer nope"}).status_code == 401


def test_health_needs_no_key(keyed: Service) -> None:
    assert keyed.client.get("/health").status_code == 200


def test_another_keys_job_is_404(keyed: Service) -> None:
    job = keyed.client.post("/api/v1/jobs", json={"github_url": "owner/repo"}, headers=_as("alice")).json()
    assert keyed.client.get(f"/api/v1/jobs/{job['id']}", headers=_as("alice")).status_code == 200
    for method, suffix in (("GET", ""), ("DELETE", ""), ("POST", "/cancel"), ("GET", "/documentation")):
        response = keyed.client.request(method, f"/api/v1/jobs/{job['id']}{suffix}", headers=_as("bob"))
        assert response.status_code == 404


def test_listing_shows_only_your_jobs(keyed: Service) -> None:
    keyed.client.post("/api/v1/jobs", json={"github_url": "owner/repo"}, headers=_as("alice"))
    assert keyed.client.get("/api/v1/jobs", headers=_as("bob")).json() == []
    assert len(keyed.client.get("/api/v1/jobs", headers=_as("alice")).json()) == 1


def test_same_repository_for_two_keys_makes_two_jobs(keyed: Service) -> None:
    alice = keyed.client.post("/api/v1/jobs", json={"github_url": "owner/repo"}, headers=_as("alice")).json()
    bob = keyed.client.post("/api/v1/jobs", json={"github_url": "owner/repo"}, headers=_as("bob")).json()
    assert alice["id"] != bob["id"]


def test_jobs_made_before_owners_were_salted_follow_their_key(make_service: ServiceFactory) -> None:
    from codedoc.service.accounts.owners import legacy_owner

    service = make_service(api_keys="key-one")
    old, _ = service.context.state.create(
        owner=legacy_owner("key-one"), github_url="https://github.com/acme/old", ref=None, access_token_encrypted=None
    )
    listed = service.client.get("/api/v1/jobs", headers={"Authorization": "Bearer key-one"}).json()
    assert [job["id"] for job in listed] == [old.id]
    moved = service.context.state.get(old.id)
    assert moved is not None and moved.owner.startswith("k:") and legacy_owner("key-one") != moved.owner
