"""Metrics labels never take values a client chooses: invented methods and paths share one series each."""

from __future__ import annotations

from service_http import Service


def _series(service: Service) -> list[str]:
    text = service.client.get("/metrics").text
    return [line for line in text.splitlines() if line.startswith("codedoc_http_request_duration_seconds_count")]


def test_invented_methods_are_labelled_other(service: Service) -> None:
    for index in range(40):
        service.client.request(f"Q{index:06d}", "/health")
    series = _series(service)
    assert not [line for line in series if 'method="Q0' in line]
    assert any('method="OTHER"' in line and 'route="/health"' in line for line in series)


def test_invented_methods_do_not_grow_the_metrics(service: Service) -> None:
    for index in range(200):
        service.client.request(f"Q{index:06d}", "/health")
        service.client.request(f"Q{index:06d}", f"/no/such/path/{index}")
    series = _series(service)
    # OTHER on /health (405) and OTHER on unmatched paths (404): two series, not four hundred.
    assert sorted(line.split("{", 1)[1].split("}", 1)[0] for line in series) == [
        'method="OTHER",route="/health",status="405"',
        'method="OTHER",route="unmatched",status="404"',
    ]


def test_unknown_paths_share_one_label(service: Service) -> None:
    for index in range(30):
        service.client.get(f"/api/v1/nothing/{index}")
    series = _series(service)
    assert not [line for line in series if "/nothing/" in line]
