"""The live event stream of a job."""

from __future__ import annotations

from service_http import Service, follow

from codedoc.progress import Stage


def test_stream_reports_each_stage_then_the_end(service: Service) -> None:
    job = service.client.post("/api/v1/jobs", json={"github_url": "owner/repo"}).json()
    events = follow(service.client, job["id"], lambda event, _job: event == "end")
    assert events[-1][0] == "end" and events[-1][1]["status"] == "completed"
    assert all(name == "progress" for name, _ in events[:-1])
    progress = [data["progress"] for _, data in events]
    assert progress == sorted(progress)


def test_stream_of_a_finished_job_sends_only_the_end(service: Service) -> None:
    job = service.client.post("/api/v1/jobs", json={"github_url": "owner/repo"}).json()
    follow(service.client, job["id"], lambda event, _job: event == "end")
    events = follow(service.client, job["id"], lambda event, _job: event == "end")
    assert [name for name, _ in events] == ["end"]


def test_stream_is_event_stream_content(service: Service) -> None:
    job = service.client.post("/api/v1/jobs", json={"github_url": "owner/repo"}).json()
    with service.client.stream("GET", f"/api/v1/jobs/{job['id']}/events") as response:
        assert response.headers["content-type"].startswith("text/event-stream")


def test_steps_seen_are_pipeline_stages(service: Service) -> None:
    job = service.client.post("/api/v1/jobs", json={"github_url": "owner/repo"}).json()
    events = follow(service.client, job["id"], lambda event, _job: event == "end")
    stages = {stage.value for stage in Stage}
    assert {data["current_step"] for name, data in events if name == "progress"} <= stages | {None}


def test_stream_of_unknown_job_is_404(service: Service) -> None:
    assert service.client.get("/api/v1/jobs/nope/events").status_code == 404
