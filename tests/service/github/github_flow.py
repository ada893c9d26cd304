"""Driving the GitHub sign-in like a browser would: service → fake GitHub → service, cookies kept."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import subprocess
import uuid
from dataclasses import dataclass
from typing import Any

import httpx
from service_http import Service, sse_events

from fakes.github import FakeGitHub


@dataclass
class GitHubWorld:
    fake: FakeGitHub
    github_url: str
    make_service: Any

    def service(self, *, pipeline: Any = None, **overrides: Any) -> Service:
        """A service signing in at the fake GitHub and cloning from it (the real pipeline by default)."""
        values = {
            "git_hosts": self.github_url.removeprefix("http://"),
            "github_url": self.github_url,
            "github_client_id": self.fake.client_id,
            "github_client_secret": self.fake.client_secret,
            "access_check_seconds": 0,
            "workers": 1,
            **overrides,
        }
        return self.make_service(pipeline=pipeline, **values)

    def sign_in(self, service: Service, login: str) -> httpx.Client:
        """A browser signed in as `login`, sitting on /repos."""
        browser = httpx.Client(base_url=service.url, timeout=60, headers={"Accept": "text/html"})
        callback = self.start(browser, login)
        done = browser.get(callback)
        assert done.status_code == 303 and done.headers["location"] == "/repos", done.text[:500]
        return browser

    def start(self, browser: httpx.Client, login: str) -> str:
        """Follow the sign-in link to GitHub and back; returns the callback URL (not yet visited)."""
        self.fake.authorizing_login = login
        to_github = browser.get("/auth/github/login")
        assert to_github.status_code == 302, to_github.text[:300]
        at_github = httpx.get(to_github.headers["location"], timeout=30)
        assert at_github.status_code == 302
        callback: str = at_github.headers["location"]
        return callback

    def document(self, browser: httpx.Client, full_name: str) -> str:
        """Press Document on /repos; returns the job id."""
        response = browser.post("/repos/document", data={"full_name": full_name})
        assert response.status_code == 303, response.text[:800]
        match = re.fullmatch(r"/jobs/([0-9a-f-]{36})", response.headers["location"])
        assert match is not None
        return match.group(1)

    @staticmethod
    def finish(browser: httpx.Client, job_id: str) -> dict[str, Any]:
        """The job once it ended, through the viewer's event stream (the job is the browser's user's)."""
        last: tuple[str, dict[str, Any]] | None = None
        with browser.stream("GET", f"/jobs/{job_id}/events", timeout=180) as response:
            assert response.status_code == 200
            for event, data in sse_events(response):
                last = (event, data)
                if event == "end":
                    break
        assert last is not None and last[0] == "end", last
        return last[1]

    def deliver_push(self, service: Service, full_name: str, commit: str, *, secret: str) -> list[str]:
        """GitHub's signed push webhook for a push of `commit` to `full_name`'s main branch; the jobs it made."""
        payload = {
            "ref": "refs/heads/main",
            "after": commit,
            "deleted": False,
            "repository": {"full_name": full_name, "default_branch": "main"},
        }
        body = json.dumps(payload).encode()
        signature = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        headers = {"X-GitHub-Event": "push", "X-GitHub-Delivery": str(uuid.uuid4()), "X-Hub-Signature-256": signature}
        answer = service.client.post("/api/v1/github/webhook", content=body, headers=headers)
        assert answer.status_code == 202, answer.text
        jobs: list[str] = answer.json()["jobs"]
        return jobs

    def git(self, full_name: str, *args: str) -> str:
        """`git ARGS` in the fake's bare repository of `full_name` (what GitHub holds)."""
        bare = self.fake.repos[full_name].path
        return subprocess.run(["git", *args], cwd=bare, capture_output=True, text=True, check=True).stdout
