"""A moved branch gets fresh documentation: jobs are deduplicated on the commit the ref points at.

Real jobs, real pipeline, a real Git server whose branch moves between submissions.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from service_http import Service, ServiceFactory, wait_until_done

from gitserver import GitHttpServer
from repos import commit_all, git, make_repo

pytestmark = pytest.mark.slow

BROWSER = {"Accept": "text/html"}


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    return make_repo(
        {"tool/core.py": "def first_feature() -> int:\n    return 1\n"}, tmp_path / "repos" / "acme" / "tool"
    )


@pytest.fixture
def server_url(repository: Path) -> Iterator[str]:
    with GitHttpServer(repository.parent.parent) as server:
        yield f"{server.url}/acme/tool"


def _service(make_service: ServiceFactory, url: str, **settings: object) -> Service:
    host = url.removeprefix("http://").split("/", 1)[0]
    return make_service(git_hosts=host, workers=1, resolve_commits=True, **settings)


def _submit(service: Service, url: str, expected_status: int) -> dict[str, object]:
    response = service.client.post("/api/v1/jobs", json={"github_url": url})
    assert response.status_code == expected_status, response.text
    job: dict[str, object] = response.json()
    return job


def test_same_commit_returns_the_job_and_a_new_commit_makes_a_new_one(
    make_service: ServiceFactory, server_url: str, repository: Path
) -> None:
    url = server_url
    served = _service(make_service, url)
    first_commit = git(repository, "rev-parse", "HEAD")
    first = _submit(served, url, 201)
    assert first["commit_sha"] == first_commit  # known before the job runs
    done = wait_until_done(served.client, str(first["id"]))
    assert (done["status"], done["commit_sha"]) == ("completed", first_commit)
    assert _submit(served, url, 200)["id"] == first["id"]

    (repository / "tool" / "core.py").write_text("def second_feature() -> int:\n    return 2\n")
    second_commit = commit_all(repository, "second")
    second = _submit(served, url, 201)
    assert second["id"] != first["id"] and second["commit_sha"] == second_commit
    done = wait_until_done(served.client, str(second["id"]))
    assert (done["status"], done["commit_sha"]) == ("completed", second_commit)
    assert "second_feature" in served.client.get(str(done["documentation_url"])).text
    page = served.client.get(f"/jobs/{second['id']}", headers=BROWSER).text
    assert second_commit in page
    assert _submit(served, url, 200)["id"] == second["id"]


def test_a_failed_job_for_the_same_commit_is_not_returned(
    make_service: ServiceFactory, server_url: str, repository: Path
) -> None:
    served = _service(make_service, server_url, max_repo_files=1)  # every job of this repository fails
    first = _submit(served, server_url, 201)
    assert wait_until_done(served.client, str(first["id"]))["status"] == "failed"
    again = _submit(served, server_url, 201)
    assert again["id"] != first["id"] and again["commit_sha"] == git(repository, "rev-parse", "HEAD")


def test_the_job_documents_the_commit_it_was_made_for_even_when_the_branch_moved(
    make_service: ServiceFactory, server_url: str, repository: Path
) -> None:
    from codedoc.service.worker import Worker

    served = _service(make_service, server_url, worker=False)
    first_commit = git(repository, "rev-parse", "HEAD")
    job = _submit(served, server_url, 201)
    assert job["commit_sha"] == first_commit
    # The branch moves after the job was made and before any worker clones.
    (repository / "tool" / "core.py").write_text("def second_feature() -> int:\n    return 2\n")
    commit_all(repository, "second")
    worker = Worker(served.context, embedded=True)
    worker.start()
    try:
        done = wait_until_done(served.client, str(job["id"]))
    finally:
        worker.stop()
    assert (done["status"], done["commit_sha"]) == ("completed", first_commit), done.get("error_message")
    documentation = served.client.get(str(done["documentation_url"])).text
    assert "first_feature" in documentation and "second_feature" not in documentation
