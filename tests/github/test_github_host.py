"""The GitHub provider against the fake, through the real clients: Authlib in-process, githubkit over HTTP."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from authlib.integrations.httpx_client._compat import httpx2
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from codedoc.errors import HostRateLimited, HostUnavailable, SignInFailed, TokenRejected
from codedoc.github import GitHubConfig, GitHubHost
from fakes.github import FakeGitHub, serve_fake


@pytest.fixture
def fake(tmp_path: Path) -> FakeGitHub:
    fake = FakeGitHub(tmp_path / "github")
    fake.add_user("alice")
    fake.add_user("bob")
    fake.add_repo("alice/secret", None, private=True, collaborators={"bob": "write"})
    fake.add_repo("alice/open", None)
    return fake


@pytest.fixture
def url(fake: FakeGitHub) -> Iterator[str]:
    with serve_fake(fake) as served:
        yield served


class MemoryStates:
    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    async def get(self, key: str) -> str | None:
        return self.values.get(key)

    async def set(self, key: str, value: str, expires: int | None = None) -> None:
        self.values[key] = value

    async def delete(self, key: str) -> None:
        self.values.pop(key, None)


def _sign_in_app(host: GitHubHost) -> Starlette:
    """A minimal web app doing what the service does: start, then finish the flow with a session dict."""
    session: dict[str, Any] = {}

    async def login(request: Request) -> Response:
        request.scope["session"] = session
        response: Response = await host.start_sign_in(request, "http://app.test/callback")
        return response

    async def callback(request: Request) -> Response:
        request.scope["session"] = session
        try:
            grant = await host.finish_sign_in(request)
        except SignInFailed as error:
            return JSONResponse({"error": str(error)}, status_code=400)
        return JSONResponse({"ok": True, "expires": grant.expires_at is not None, "repr": repr(grant)})

    return Starlette(routes=[Route("/login", login), Route("/callback", callback)])


def test_sign_in_in_process_through_authlib_and_asgi_transports(fake: FakeGitHub) -> None:
    fake.kind = "app"
    config = GitHubConfig(web_url="http://github.test", client_id=fake.client_id, client_secret=fake.client_secret)
    host = GitHubHost(config, state_cache=MemoryStates(), oauth_async_transport=httpx2.ASGITransport(app=fake.app))
    app = _sign_in_app(host)

    async def flow() -> list[httpx.Response]:
        async with (
            httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://app.test") as browser,
            httpx.AsyncClient(transport=httpx.ASGITransport(app=fake.app), base_url="http://github.test") as github,
        ):
            to_github = await browser.get("/login")
            back = await github.get(to_github.headers["location"])
            callback = back.headers["location"]
            first = await browser.get(callback)
            replay = await browser.get(callback)
            return [to_github, first, replay]

    to_github, first, replay = asyncio.run(flow())
    assert to_github.headers["location"].startswith("http://github.test/login/oauth/authorize?")
    assert "state=" in to_github.headers["location"]
    assert first.status_code == 200 and first.json()["expires"] is True
    (token,) = fake.token_of("alice")
    assert token not in first.json()["repr"]
    assert replay.status_code == 400 and "state did not match" in replay.json()["error"]


def test_listing_follows_every_page_and_revalidates_with_the_etag(fake: FakeGitHub, url: str) -> None:
    for index in range(230):
        fake.add_repo(f"alice/r{index:03}", None, private=index % 2 == 0)
    host = GitHubHost(GitHubConfig(web_url=url))
    token = fake.issue_token("alice")
    repositories, etag = host.list_repositories(token)
    assert repositories is not None and len(repositories) == 232
    assert next(r for r in repositories if r.full_name == "alice/secret").private
    pages = [path for _m, path, _a in fake.requests if path == "/api/v3/user/repos"]
    assert len(pages) == 3  # 100 + 100 + 32, by the Link headers
    unchanged, same = host.list_repositories(token, etag=etag)
    assert unchanged is None and same == etag
    fake.add_repo("alice/newer", None)
    changed, newer = host.list_repositories(token, etag=etag)
    assert changed is not None and len(changed) == 233 and newer != etag


def test_write_access_comes_from_permissions_and_anonymous_answers_have_none(fake: FakeGitHub, url: str) -> None:
    host = GitHubHost(GitHubConfig(web_url=url))
    bob = fake.issue_token("bob")
    secret = host.repository(bob, "alice/secret")
    assert secret is not None and secret.private and secret.can_push
    anonymous = host.repository(None, "alice/open")
    assert anonymous is not None and not anonymous.can_push  # `permissions` is UNSET without a token
    assert host.repository(None, "alice/secret") is None  # private: 404, like a missing repository
    identity = host.identify(bob)
    assert identity.user.login == "bob" and identity.scopes == frozenset({"repo", "read:user", "user:email"})
    app_token = fake.issue_token("bob", scopes=None)
    assert host.identify(app_token).scopes is None  # GitHub App tokens send no X-OAuth-Scopes


def test_errors_are_translated_without_the_token(fake: FakeGitHub, url: str) -> None:
    host = GitHubHost(GitHubConfig(web_url=url, max_wait_seconds=5))
    token = fake.issue_token("alice")
    fake.secondary_rate_limit("/api/v3/user", retry_after=1)
    assert host.identify(token).user.login == "alice"  # a short wait is waited out, once
    fake.secondary_rate_limit("/api/v3/user", retry_after=90)  # too long to wait: not retried
    with pytest.raises(HostRateLimited, match="secondary rate limit") as limited:
        host.identify(token)
    assert limited.value.retry_after == 90 and limited.value.__cause__ is None
    fake.primary_rate_limit("/api/v3/user")
    with pytest.raises(HostRateLimited, match="rate limit was reached"):
        host.identify(token)
    fake.fail("/api/v3/user", 503, body={"message": "Service Unavailable"}, times=2)  # retried once, fails again
    with pytest.raises(HostUnavailable, match="503"):
        host.identify(token)
    fake.revoke(token)
    with pytest.raises(TokenRejected, match="sign in again") as rejected:
        host.identify(token)
    assert token not in str(rejected.value) and rejected.value.__cause__ is None


def test_refresh_rotates_both_tokens_and_a_used_refresh_token_is_refused(fake: FakeGitHub, url: str) -> None:
    fake.kind = "app"
    config = GitHubConfig(web_url=url, client_id=fake.client_id, client_secret=fake.client_secret)
    host = GitHubHost(config, state_cache=MemoryStates())
    access = fake.issue_token("alice", scopes=None)
    refresh = fake.issue_refresh("alice", access)
    grant = host.refresh(refresh)
    assert grant.refresh_token and grant.refresh_token != refresh and grant.expires_at is not None
    with pytest.raises(TokenRejected):
        host.identify(access)  # the old access token died with the refresh
    assert host.identify(grant.access_token).user.login == "alice"
    with pytest.raises(TokenRejected, match="already used"):
        host.refresh(refresh)


def test_enterprise_layout_comes_from_the_web_url() -> None:
    public = GitHubConfig()
    assert public.api_base == "https://api.github.com"
    assert public.access_token_url == "https://github.com/login/oauth/access_token"
    enterprise = GitHubConfig(web_url="https://ghe.example.com/")
    assert enterprise.api_base == "https://ghe.example.com/api/v3"
    assert enterprise.authorize_url == "https://ghe.example.com/login/oauth/authorize"
    assert GitHubConfig(web_url="https://ghe.example.com", api_url="https://api.ghe.example.com/").api_base == (
        "https://api.ghe.example.com"
    )
    host = GitHubHost(enterprise)
    assert host.clone_url("acme/app") == "https://ghe.example.com/acme/app"
    assert host.full_name_of("https://ghe.example.com/acme/app.git") == "acme/app"
    assert host.full_name_of("https://github.com/acme/app") is None
    assert not host.sign_in_enabled
