"""Two service processes' worth of API and workers on one back end never run a job twice."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import service_pipelines
from service_http import ServiceFactory, wait_until_done

JOBS = 12


def test_two_services_share_the_jobs_without_running_any_twice(make_service: ServiceFactory) -> None:
    first = make_service(pipeline=service_pipelines.counted)
    second = make_service(pipeline=service_pipelines.counted, data_dir=first.data_dir)
    clients = [first.client, second.client]

    def submit(index: int) -> str:
        response = clients[index % 2].post("/api/v1/jobs", json={"github_url": f"owner/repo{index}"})
        assert response.status_code == 201
        job_id: str = response.json()["id"]
        return job_id

    with ThreadPoolExecutor(4) as pool:
        ids = list(pool.map(submit, range(JOBS)))
    finished = [wait_until_done(clients[index % 2], job_id) for index, job_id in enumerate(ids)]
    assert {job["status"] for job in finished} == {"completed"}
    assert {job["attempts"] for job in finished} == {1}
    runs = (first.data_dir / "runs.log").read_text().split()
    assert sorted(runs) == sorted(f"https://github.com/owner/repo{index}" for index in range(JOBS))


def test_the_same_request_to_two_services_makes_one_job(make_service: ServiceFactory) -> None:
    first = make_service(worker=False)
    second = make_service(worker=False, data_dir=first.data_dir)
    with ThreadPoolExecutor(8) as pool:
        responses = list(
            pool.map(
                lambda index: (first, second)[index % 2].client.post("/api/v1/jobs", json={"github_url": "owner/same"}),
                range(8),
            )
        )
    assert len({response.json()["id"] for response in responses}) == 1
    assert sorted(response.status_code for response in responses) == [200] * 7 + [201]
