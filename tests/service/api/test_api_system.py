"""/, /health, /metrics and the API documentation."""

from __future__ import annotations

from service_http import Service, ServiceFactory, wait_until_done

from codedoc import __version__


def test_root_gives_name_and_version(service: Service) -> None:
    assert service.client.get("/").json() == {"name": "CodeDoc", "version": __version__, "docs_url": "/docs"}


def test_health_reports_each_dependency(service: Service) -> None:
    response = service.client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "healthy", "database": "ok", "queue": "ok", "storage": "ok"}


def test_health_is_503_when_the_queue_is_down(make_service: ServiceFactory) -> None:
    service = make_service(worker=False, queue_url="redis://127.0.0.1:1/0")
    response = service.client.get("/health")
    assert response.status_code == 503
    assert response.json()["status"] == "unhealthy" and response.json()["queue"] == "unavailable"


def test_job_is_saved_even_when_the_queue_is_down(make_service: ServiceFactory) -> None:
    service = make_service(worker=False, queue_url="redis://127.0.0.1:1/0")
    response = service.client.post("/api/v1/jobs", json={"github_url": "owner/repo"})
    assert response.status_code == 201 and response.json()["status"] == "pending"


def test_metrics_count_jobs_by_status_and_time_requests(service: Service) -> None:
    job = service.client.post("/api/v1/jobs", json={"github_url": "owner/repo"}).json()
    wait_until_done(service.client, job["id"])
    text = service.client.get("/metrics").text
    assert 'codedoc_jobs{status="completed"} 1.0' in text
    assert "codedoc_queue_depth" in text
    assert 'codedoc_http_request_duration_seconds_count{method="POST",route="/api/v1/jobs",status="201"} 1.0' in text
    assert 'codedoc_stage_duration_seconds_count{stage="analyze"} 1.0' in text


def test_interactive_docs_and_schema_are_served(service: Service) -> None:
    for path in ("/docs", "/redoc", "/openapi.json"):
        assert service.client.get(path).status_code == 200
    assert "/api/v1/jobs/{job_id}/events" in service.client.get("/openapi.json").json()["paths"]
