"""/api/v1/jobs through real HTTP on both back-end set-ups, with a stand-in pipeline (the real one: end-to-end test)."""

from __future__ import annotations

import logging
from typing import Any

import pytest
import service_pipelines
from service_http import Service, ServiceFactory, poll_until, wait_until, wait_until_done

CONTRACT_FIELDS = {
    "id",
    "github_url",
    "status",
    "progress",
    "current_step",
    "error_message",
    "documentation_url",
    "has_write_access",
    "pull_request_url",
    "created_at",
    "updated_at",
    "ref",
    "commit_sha",
}


def _create(service: Service, **body: Any) -> dict[str, Any]:
    response = service.client.post("/api/v1/jobs", json={"github_url": "https://github.com/owner/repo", **body})
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def test_create_returns_the_job_with_every_contract_field(service: Service) -> None:
    job = _create(service)
    assert set(job) >= CONTRACT_FIELDS
    assert job["github_url"] == "https://github.com/owner/repo"
    assert job["status"] in ("pending", "processing", "completed")


def test_job_runs_to_completion_with_a_documentation_url(service: Service) -> None:
    job = wait_until_done(service.client, _create(service)["id"])
    assert (job["status"], job["progress"], job["error_message"]) == ("completed", 100, None)
    documentation = service.client.get(job["documentation_url"])
    assert documentation.headers["content-type"].startswith("text/markdown")
    assert documentation.text == "# Documentation of https://github.com/owner/repo\n"


def test_owner_slash_repo_resolves_against_github(service: Service) -> None:
    response = service.client.post("/api/v1/jobs", json={"github_url": "owner/other"})
    assert response.status_code == 201
    assert response.json()["github_url"] == "https://github.com/owner/other"


def test_same_repository_and_ref_returns_the_existing_job(service: Service) -> None:
    first = _create(service, ref="main")
    again = service.client.post("/api/v1/jobs", json={"github_url": "https://GitHub.com/owner/repo.git", "ref": "main"})
    assert again.status_code == 200
    assert again.json()["id"] == first["id"]


def test_other_ref_makes_another_job(service: Service) -> None:
    assert _create(service, ref="main")["id"] != _create(service, ref="v2")["id"]


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ssh://git@github.com/owner/repo",
        "git@github.com:owner/repo.git",
        "http://github.com/owner/repo",
        "https://user:secret@github.com/owner/repo",
        "https://127.0.0.1/owner/repo",
        "https://169.254.169.254/latest/meta-data",
        "https://evil.example.com/owner/repo",
        "-uhttps://github.com/owner/repo",
        "https://github.com/" + "a" * 3000,
    ],
)
def test_unacceptable_urls_are_refused_with_a_message(service: Service, url: str) -> None:
    response = service.client.post("/api/v1/jobs", json={"github_url": url})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] in ("invalid_source", "validation_error")
    assert error["message"] and error["request_id"] == response.headers["x-request-id"]


@pytest.mark.parametrize("field", [{"status": "completed"}, {"progress": 100}, {"owner": "x"}])
def test_fields_a_client_may_not_set_are_refused(service: Service, field: dict[str, Any]) -> None:
    response = service.client.post("/api/v1/jobs", json={"github_url": "owner/repo", **field})
    assert response.status_code == 422


@pytest.mark.parametrize("ref", ["-evil", "a..b", "x" * 300, "refs/heads/@{1}"])
def test_suspicious_refs_are_refused(service: Service, ref: str) -> None:
    response = service.client.post("/api/v1/jobs", json={"github_url": "owner/repo", "ref": ref})
    assert response.status_code == 422


def test_access_token_is_never_returned_nor_logged(service: Service, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    token = "ghp_TopSecretToken1234567890"
    created = service.client.post("/api/v1/jobs", json={"github_url": "owner/private", "access_token": token})
    job = wait_until_done(service.client, created.json()["id"])
    listing = service.client.get("/api/v1/jobs")
    for text in (created.text, str(job), listing.text, caplog.text):
        assert token not in text


def test_unknown_job_is_404_in_the_error_format(service: Service) -> None:
    response = service.client.get("/api/v1/jobs/00000000-0000-0000-0000-000000000000")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_list_is_newest_first(make_service: ServiceFactory) -> None:
    service = make_service(worker=False)
    ids = [_create(service, ref=f"r{index}")["id"] for index in range(3)]
    listed = [job["id"] for job in service.client.get("/api/v1/jobs").json()]
    assert listed == ids[::-1]


def test_list_pages_with_skip_and_limit(make_service: ServiceFactory) -> None:
    service = make_service(worker=False)
    ids = [_create(service, ref=f"r{index}")["id"] for index in range(3)]
    page = service.client.get("/api/v1/jobs", params={"skip": 1, "limit": 1}).json()
    assert [job["id"] for job in page] == [ids[1]]


def test_list_limit_is_bounded(service: Service) -> None:
    assert service.client.get("/api/v1/jobs", params={"limit": 1000}).status_code == 422


def test_list_filters_by_status(make_service: ServiceFactory) -> None:
    service = make_service(worker=False)
    kept = _create(service, ref="a")["id"]
    cancelled = _create(service, ref="b")["id"]
    service.client.post(f"/api/v1/jobs/{cancelled}/cancel")
    pending = service.client.get("/api/v1/jobs", params={"status": "pending"}).json()
    assert [job["id"] for job in pending] == [kept]


def test_delete_removes_the_job_and_its_artifacts(service: Service) -> None:
    job = wait_until_done(service.client, _create(service)["id"])
    assert service.client.delete(f"/api/v1/jobs/{job['id']}").status_code == 204
    assert service.client.get(f"/api/v1/jobs/{job['id']}").status_code == 404
    assert service.context.storage.list_tree(f"jobs/{job['id']}") == []


def test_cancel_pending_job(make_service: ServiceFactory) -> None:
    service = make_service(worker=False)
    job = _create(service)
    response = service.client.post(f"/api/v1/jobs/{job['id']}/cancel")
    assert response.status_code == 200 and response.json()["status"] == "cancelled"


def test_cancel_running_job_stops_it(make_service: ServiceFactory) -> None:
    service = make_service(pipeline=service_pipelines.gated)
    job = _create(service)
    wait_until(service.client, job["id"], lambda seen: seen["current_step"] == "analyze")
    assert service.client.post(f"/api/v1/jobs/{job['id']}/cancel").status_code == 200
    assert wait_until_done(service.client, job["id"])["status"] == "cancelled"


def test_delete_running_job_stops_its_worker(make_service: ServiceFactory) -> None:
    service = make_service(pipeline=service_pipelines.gated)
    job = _create(service)
    wait_until(service.client, job["id"], lambda seen: seen["current_step"] == "analyze")
    assert service.client.delete(f"/api/v1/jobs/{job['id']}").status_code == 204
    # The gate never opens: only noticing the deletion ends the attempt.
    # Whether the stop check or the heartbeat notices first, the attempt ends and is counted.
    poll_until(lambda: "codedoc_job_outcomes_total{" in service.client.get("/metrics").text)
    assert list((service.data_dir / "work").iterdir()) == []


def test_failed_job_shows_a_message_and_can_be_retried(make_service: ServiceFactory) -> None:
    service = make_service(pipeline=service_pipelines.not_found)
    job = wait_until_done(service.client, _create(service)["id"])
    assert job["status"] == "failed"
    assert "pass an access_token" in job["error_message"]
    retried = service.client.post(f"/api/v1/jobs/{job['id']}/retry")
    assert retried.status_code == 200 and retried.json()["error_message"] is None
    assert wait_until_done(service.client, job["id"])["status"] == "failed"
    assert (service.data_dir / "attempts-not_found").read_text() == "2"


def test_retry_of_a_completed_job_is_a_conflict(service: Service) -> None:
    job = wait_until_done(service.client, _create(service)["id"])
    response = service.client.post(f"/api/v1/jobs/{job['id']}/retry")
    assert response.status_code == 409


def test_too_many_active_jobs_is_429(make_service: ServiceFactory) -> None:
    service = make_service(worker=False, max_active_jobs=1)
    _create(service, ref="one")
    response = service.client.post("/api/v1/jobs", json={"github_url": "owner/repo", "ref": "two"})
    assert response.status_code == 429 and "Retry-After" in response.headers
