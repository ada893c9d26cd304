"""CODEDOC_MAX_ACTIVE_JOBS holds under parallel submissions, also across two API processes' worth of apps."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
from service_http import ServiceFactory

LIMIT = 5
SUBMISSIONS = 40


def test_parallel_submissions_never_exceed_the_active_job_limit(make_service: ServiceFactory) -> None:
    first = make_service(worker=False, max_active_jobs=LIMIT)
    second = make_service(worker=False, max_active_jobs=LIMIT, data_dir=first.data_dir)
    clients = [httpx.Client(base_url=service.url, timeout=60) for service in (first, second) for _ in range(4)]

    def submit(index: int) -> int:
        client = clients[index % len(clients)]
        return client.post("/api/v1/jobs", json={"github_url": f"owner/repo{index}"}).status_code

    try:
        with ThreadPoolExecutor(len(clients) * 2) as pool:
            statuses = list(pool.map(submit, range(SUBMISSIONS)))
    finally:
        for client in clients:
            client.close()
    assert sorted(statuses) == [201] * LIMIT + [429] * (SUBMISSIONS - LIMIT)
    live = first.client.get("/api/v1/jobs", params={"limit": 100}).json()
    assert len(live) == LIMIT
    assert first.context.state.count_active(owner="") == LIMIT


def test_a_duplicate_at_the_limit_returns_the_existing_job(make_service: ServiceFactory) -> None:
    service = make_service(worker=False, max_active_jobs=1)
    job = service.client.post("/api/v1/jobs", json={"github_url": "owner/repo"})
    again = service.client.post("/api/v1/jobs", json={"github_url": "owner/repo"})
    other = service.client.post("/api/v1/jobs", json={"github_url": "owner/other"})
    assert (job.status_code, again.status_code, other.status_code) == (201, 200, 429)
    assert again.json()["id"] == job.json()["id"]
    assert other.json()["error"]["code"] == "too_many_jobs" and other.headers["retry-after"] == "30"


def test_retrying_a_job_respects_the_limit(make_service: ServiceFactory) -> None:
    service = make_service(worker=False, max_active_jobs=1)
    stopped = service.client.post("/api/v1/jobs", json={"github_url": "owner/stopped"}).json()
    service.client.post(f"/api/v1/jobs/{stopped['id']}/cancel")
    live = service.client.post("/api/v1/jobs", json={"github_url": "owner/live"})
    assert live.status_code == 201
    retried = service.client.post(f"/api/v1/jobs/{stopped['id']}/retry")
    assert retried.status_code == 429 and retried.json()["error"]["code"] == "too_many_jobs"
    service.client.post(f"/api/v1/jobs/{live.json()['id']}/cancel")
    assert service.client.post(f"/api/v1/jobs/{stopped['id']}/retry").status_code == 200
