"""Request ids, body limits, rate limits and the error format for unexpected failures."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
from service_http import Service, ServiceFactory, serve

from codedoc.service.api.app import create_app


def test_every_response_carries_a_request_id(service: Service) -> None:
    for response in (
        service.client.get("/health"),
        service.client.get("/api/v1/jobs/unknown"),
        service.client.post("/api/v1/jobs", json={}),
        service.client.get("/no/such/route"),
    ):
        assert len(response.headers["x-request-id"]) >= 16


def test_a_sensible_incoming_request_id_is_kept(service: Service) -> None:
    response = service.client.get("/health", headers={"X-Request-ID": "trace-abc.123"})
    assert response.headers["x-request-id"] == "trace-abc.123"


def test_a_hostile_incoming_request_id_is_replaced(service: Service) -> None:
    response = service.client.get("/health", headers={"X-Request-ID": "x" * 200})
    assert response.headers["x-request-id"] != "x" * 200


def test_oversized_body_is_413(service: Service) -> None:
    response = service.client.post(
        "/api/v1/jobs", content=b"{" + b" " * 20_000 + b"}", headers={"content-type": "application/json"}
    )
    assert response.status_code == 413 and response.json()["error"]["code"] == "payload_too_large"


def test_oversized_chunked_body_is_413(service: Service) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(40):
            yield b" " * 1000

    response = service.client.post("/api/v1/jobs", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_small_chunked_body_is_read(service: Service) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"github_url": '
        yield b'"owner/repo"}'

    response = service.client.post("/api/v1/jobs", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 201


def test_burst_is_429_with_retry_after(make_service: ServiceFactory) -> None:
    service = make_service(worker=False, rate_limit=1, rate_burst=3)
    statuses = [service.client.get("/api/v1/jobs").status_code for _ in range(5)]
    assert statuses[:3] == [200, 200, 200] and statuses[3] == 429
    limited = service.client.get("/api/v1/jobs")
    assert int(limited.headers["retry-after"]) >= 1
    assert service.client.get("/health").status_code == 200


def test_unexpected_error_is_json_without_a_trace(make_service: ServiceFactory) -> None:
    service = make_service(worker=False)
    app = create_app(context=service.context)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internals at /srv/app.py")

    with serve(app) as url:
        response = httpx.get(f"{url}/boom")
    assert response.status_code == 500
    body = response.json()
    assert body["error"]["code"] == "internal_error"
    assert body["error"]["request_id"] == response.headers["x-request-id"]
    assert "secret" not in response.text


def test_inventing_authorization_headers_does_not_escape_the_limit(make_service: ServiceFactory) -> None:
    service = make_service(worker=False, rate_limit=1, rate_burst=2)
    statuses = [
        service.client.get("/api/v1/jobs", headers={"Authorization": f"Bearer made-up-{index}"}).status_code
        for index in range(4)
    ]
    assert statuses[-1] == 429
