"""Clone failures tell the user what was wrong in a sentence they can act on, and permanent ones are not retried.

Real jobs through the real pipeline, cloning from `git http-backend`.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from service_http import Service, ServiceFactory, wait_until_done

from gitserver import GitHttpServer
from repos import GIT_ENV, git, make_repo

pytestmark = pytest.mark.slow


def _git_input(cwd: Path, data: str, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, input=data, env={**os.environ, **GIT_ENV}, check=True, capture_output=True, text=True
    )
    return done.stdout.strip()


def make_hostile_repo(root: Path) -> None:
    """A commit whose tree holds a `.GIT` folder: git's fsck refuses it (CVE-2014-9390's kind of path)."""
    make_repo({"README.md": "# Looks fine\n"}, root)
    blob = _git_input(root, "[core]\n\thooksPath = /tmp\n", "hash-object", "-w", "--stdin")
    inner = _git_input(root, f"100644 blob {blob}\tconfig\n", "mktree")
    tree = _git_input(root, f"040000 tree {inner}\t.GIT\n100644 blob {blob}\tREADME.md\n", "mktree")
    commit = _git_input(root, "", "commit-tree", tree, "-m", "hostile")
    git(root, "update-ref", "refs/heads/main", commit)


@pytest.fixture
def git_server(tmp_path: Path) -> Iterator[GitHttpServer]:
    make_hostile_repo(tmp_path / "repos" / "acme" / "hostile")
    make_repo({f"pkg/f{index}.py": f"X = {index}\n" for index in range(30)}, tmp_path / "repos" / "acme" / "many")
    make_repo({"pkg/core.py": "def core() -> int:\n    return 1\n"}, tmp_path / "repos" / "acme" / "widgets")
    with GitHttpServer(tmp_path / "repos") as server:
        yield server


def _failed_job(service: Service, url: str) -> dict[str, Any]:
    created = service.client.post("/api/v1/jobs", json={"github_url": url})
    assert created.status_code == 201, created.text
    job = wait_until_done(service.client, created.json()["id"])
    assert job["status"] == "failed", job
    return job


def test_repository_refused_by_fsck_says_its_content_is_unsafe(
    make_service: ServiceFactory, git_server: GitHttpServer
) -> None:
    service = make_service(git_hosts=git_server.url.removeprefix("http://"), workers=1)
    job = _failed_job(service, f"{git_server.url}/acme/hostile")
    assert "unsafe content" in job["error_message"] and ".git" in job["error_message"]
    assert "index-pack" not in job["error_message"]
    assert job["attempts"] == 1


def test_file_count_limit_names_its_own_setting(make_service: ServiceFactory, git_server: GitHttpServer) -> None:
    service = make_service(git_hosts=git_server.url.removeprefix("http://"), workers=1, max_repo_files=10)
    job = _failed_job(service, f"{git_server.url}/acme/many")
    assert "CODEDOC_MAX_REPO_FILES" in job["error_message"]
    assert "CODEDOC_MAX_REPO_BYTES" not in job["error_message"]
    assert job["attempts"] == 1


def test_https_to_a_plain_http_server_fails_at_once_and_says_why(
    make_service: ServiceFactory, git_server: GitHttpServer
) -> None:
    service = make_service(git_hosts=git_server.url.removeprefix("http://"), workers=1, max_attempts=3)
    job = _failed_job(service, f"https://127.0.0.1:{git_server.port}/acme/widgets")
    assert "plain http" in job["error_message"] and "http:// URL" in job["error_message"]
    assert job["attempts"] == 1
