"""Docstrings in the service, over real HTTP: add-comments → the job's own steps → commented code and a patch."""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from service_http import Service, ServiceFactory, wait_until_done

from gitserver import GitHttpServer
from repos import git, make_repo

pytestmark = pytest.mark.slow

GADGETS = {
    "README.md": "# Gadgets\n",
    "gadgets/__init__.py": '"""Gadgets."""\n',
    "gadgets/core.py": '''
        """The gadget factory."""


        class Gadget:
            def rename(self, name: str = "it's \\\\ new") -> str:
                if not name:
                    raise ValueError("empty name")
                return name


        def make_gadget(name: str) -> Gadget:
            """Already documented."""
            return Gadget()
    ''',
    "cmd/main.go": "package main\n\nfunc Run(args []string) error {\n\treturn nil\n}\n",
}


@pytest.fixture
def gadgets(tmp_path: Path) -> Iterator[tuple[GitHttpServer, Path]]:
    repo = make_repo(GADGETS, tmp_path / "repos" / "acme" / "gadgets")
    with GitHttpServer(tmp_path / "repos") as server:
        yield server, repo


@pytest.fixture
def documented(make_service: ServiceFactory, gadgets: tuple[GitHttpServer, Path]) -> tuple[Service, dict[str, Any]]:
    server, _repo = gadgets
    service = make_service(git_hosts=server.url.removeprefix("http://"), workers=1)
    created = service.client.post("/api/v1/jobs", json={"github_url": f"{server.url}/acme/gadgets"})
    assert created.status_code == 201, created.text
    job = wait_until_done(service.client, created.json()["id"])
    assert job["status"] == "completed", job["error_message"]
    return service, job


def test_docstrings_are_added_to_the_documented_commit_and_served_as_json_and_patch(
    documented: tuple[Service, dict[str, Any]], gadgets: tuple[GitHttpServer, Path], tmp_path: Path
) -> None:
    service, job = documented
    client = service.client
    assert job["commented_code_url"] is None
    before = client.get(f"/api/v1/jobs/{job['id']}/commented-code")
    assert before.status_code == 409 and "add-comments" in before.json()["error"]["message"]

    # A push after the documentation must not leak into the docstrings: they are for the documented commit.
    _server, repo = gadgets
    (repo / "gadgets" / "late.py").write_text("def late():\n    return 1\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "late")

    requested = client.post(f"/api/v1/jobs/{job['id']}/add-comments")
    assert requested.status_code == 202, requested.text
    assert requested.json()["status"] == "pending"
    done = wait_until_done(client, job["id"])
    assert done["status"] == "completed", done["error_message"]
    assert done["commit_sha"] == job["commit_sha"]
    assert client.get(done["documentation_url"]).status_code == 200

    entries = client.get(done["commented_code_url"]).json()
    by_symbol = {entry["symbol"]: entry for entry in entries}
    assert set(by_symbol) == {"Gadget", "Gadget.rename", "Run"}
    rename = by_symbol["Gadget.rename"]
    assert rename["file"] == "gadgets/core.py" and rename["location"]["start_line"] == 6
    assert "ValueError: If `not name`." in rename["docstring"]
    assert by_symbol["Run"]["docstring"].startswith("// Run ")

    patch = client.get(done["docstrings_patch_url"])
    assert patch.headers["content-type"].startswith("text/x-diff")
    checkout = tmp_path / "checkout"
    git(tmp_path, "clone", "-q", str(repo), str(checkout))
    git(checkout, "checkout", "-q", job["commit_sha"])
    (tmp_path / "docstrings.diff").write_bytes(patch.content)
    git(checkout, "apply", str(tmp_path / "docstrings.diff"))
    edited = (checkout / "gadgets" / "core.py").read_text()
    assert '"""Already documented."""' in edited
    ast.parse(edited)


def test_add_comments_needs_a_documented_job_and_an_owner(make_service: ServiceFactory) -> None:
    service = make_service(worker=False)
    created = service.client.post("/api/v1/jobs", json={"github_url": "https://github.com/acme/pending"})
    job_id = created.json()["id"]
    refused = service.client.post(f"/api/v1/jobs/{job_id}/add-comments")
    assert refused.status_code == 409 and "completed" in refused.json()["error"]["message"]
    missing = service.client.post("/api/v1/jobs/00000000-0000-0000-0000-000000000000/add-comments")
    assert missing.status_code == 404
    extra = service.client.post(f"/api/v1/jobs/{job_id}/add-comments", json={"status": "completed"})
    assert extra.status_code == 422


def test_viewer_has_an_add_docstrings_button_and_then_the_patch_download(
    documented: tuple[Service, dict[str, Any]],
) -> None:
    service, job = documented
    headers = {"Accept": "text/html", "Origin": service.url}
    with httpx.Client(base_url=service.url, headers=headers, timeout=30) as browser:
        page = browser.get(f"/jobs/{job['id']}").text
        assert 'id="add-docstrings-button"' in page and "docstrings-download" not in page
        posted = browser.post(f"/jobs/{job['id']}/add-comments")
        assert posted.status_code == 303 and posted.headers["location"] == f"/jobs/{job['id']}"
        assert wait_until_done(service.client, job["id"])["status"] == "completed"
        page = browser.get(f"/jobs/{job['id']}").text
        assert 'id="docstrings-download"' in page and "Add docstrings again" in page
        download = browser.get(f"/jobs/{job['id']}/download/docstrings.diff")
    assert download.status_code == 200
    assert download.headers["content-disposition"] == 'attachment; filename="gadgets-docstrings.diff"'
    assert b"+++ b/gadgets/core.py" in download.content
    entries = json.loads(service.client.get(f"/api/v1/jobs/{job['id']}/commented-code").text)
    assert len(entries) == 3
