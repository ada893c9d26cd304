"""Sign in with GitHub through the real Authlib client against the fake: the good path and every bad one."""

from __future__ import annotations

import httpx
import pytest
from github_flow import GitHubWorld
from sqlalchemy import select

from codedoc.service.db.models import GitHubToken, OAuthState, User, WebSession


def _count(service: object, model: type) -> int:
    with service.context.state._sessions() as session:  # type: ignore[attr-defined]
        return len(list(session.scalars(select(model))))


def test_sign_in_stores_the_user_and_an_encrypted_token_and_lists_repositories(
    world: GitHubWorld, caplog: pytest.LogCaptureFixture
) -> None:
    service = world.service(pipeline=None)
    browser = world.sign_in(service, "alice")
    cookie = next(c for c in browser.cookies.jar if c.name == "codedoc_session")
    assert cookie.has_nonstandard_attr("HttpOnly") and not cookie.secure  # Secure only over https
    page = browser.get("/repos")
    assert page.status_code == 200
    assert "alice/secret" in page.text and "alice/open" in page.text
    assert "private" in page.text and "you can write" in page.text and "@alice" in page.text
    (token,) = world.fake.token_of("alice")
    with service.context.state._sessions() as session:
        user = session.scalars(select(User)).one()
        stored = session.scalars(select(GitHubToken)).one()
        assert session.scalars(select(OAuthState)).all() == []  # the state was used up
    assert (user.login, user.email) == ("alice", "alice@example.com")
    assert token not in stored.access_token_encrypted
    assert service.context.tokens.decrypt(stored.access_token_encrypted) == token
    assert stored.scopes == "read:user,repo,user:email" and stored.expires_at is None
    assert token not in caplog.text and token not in page.text and token not in cookie.value


def test_a_replayed_callback_is_refused_and_stores_nothing(world: GitHubWorld) -> None:
    service = world.service(pipeline=None)
    browser = httpx.Client(base_url=service.url, timeout=30)
    callback = world.start(browser, "alice")
    flow_cookie = browser.cookies.get("codedoc_oauth")
    assert browser.get(callback).status_code == 303
    sessions = _count(service, WebSession)
    replay = httpx.Client(base_url=service.url, timeout=30, cookies={"codedoc_oauth": flow_cookie or ""})
    again = replay.get(callback, headers={"Accept": "text/html"})
    assert again.status_code == 400 and "state did not match" in again.text
    assert _count(service, WebSession) == sessions


def test_a_wrong_state_or_a_foreign_browser_is_refused(world: GitHubWorld) -> None:
    service = world.service(pipeline=None)
    browser = httpx.Client(base_url=service.url, timeout=30)
    callback = world.start(browser, "alice")
    forged = callback.replace("state=", "state=x")
    assert browser.get(forged).status_code == 400
    # The attacker's own callback URL opened in the victim's browser (login CSRF): no marker cookie.
    stranger = httpx.Client(base_url=service.url, timeout=30)
    refused = stranger.get(world.start(httpx.Client(base_url=service.url, timeout=30), "bob"))
    assert refused.status_code == 400 and "state did not match" in refused.text
    assert _count(service, User) == 0 and _count(service, WebSession) == 0


def test_a_code_used_twice_is_refused_with_github_s_error(world: GitHubWorld) -> None:
    service = world.service(pipeline=None)
    first = httpx.Client(base_url=service.url, timeout=30)
    used_callback = world.start(first, "alice")
    assert first.get(used_callback).status_code == 303
    used_code = httpx.URL(used_callback).params["code"]
    second = httpx.Client(base_url=service.url, timeout=30)
    fresh = httpx.URL(world.start(second, "alice"))
    replayed = fresh.copy_set_param("code", used_code)
    refused = second.get(str(replayed))
    assert refused.status_code == 400 and "already used or has expired" in refused.text


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("wrong_secret", "CODEDOC_GITHUB_CLIENT_SECRET"),
        ("denied", "you declined"),
        ("callback_mismatch", "callback URL"),
    ],
)
def test_oauth_errors_answered_with_200_become_clear_sentences(world: GitHubWorld, setup: str, message: str) -> None:
    overrides = {"github_client_secret": "not-the-secret"} if setup == "wrong_secret" else {}
    service = world.service(pipeline=None, **overrides)
    world.fake.deny_next = setup == "denied"
    if setup == "callback_mismatch":
        world.fake.callback_prefix = f"{service.url}/auth/github/callback-registered-elsewhere"
    browser = httpx.Client(base_url=service.url, timeout=30)
    callback = world.start(browser, "alice")
    if setup == "callback_mismatch":
        callback = callback.replace("/callback-registered-elsewhere", "/callback")
    refused = browser.get(callback)
    assert refused.status_code == 400 and message in refused.text
    assert "fake-client-secret" not in refused.text and "not-the-secret" not in refused.text
    assert _count(service, User) == 0


def test_github_down_during_the_code_exchange_says_so(world: GitHubWorld) -> None:
    service = world.service(pipeline=None)
    browser = httpx.Client(base_url=service.url, timeout=30)
    callback = world.start(browser, "alice")
    world.fake.fail("/login/oauth/access_token", 502, method="POST")
    failed = browser.get(callback)
    assert failed.status_code == 503 and "try again later" in failed.text
    assert _count(service, User) == 0


def test_signing_out_ends_the_session_on_the_server(world: GitHubWorld) -> None:
    service = world.service(pipeline=None)
    browser = world.sign_in(service, "alice")
    copied = dict(browser.cookies)
    assert browser.post("/logout").status_code == 303
    thief = httpx.Client(base_url=service.url, timeout=30, cookies=copied)
    assert thief.get("/repos").status_code == 303  # to the sign-in page: the copied cookie is dead


def test_sessions_are_secure_over_https(world: GitHubWorld) -> None:
    import asyncio

    from codedoc.service.api.app import create_app

    service = world.service(pipeline=None, api_keys="key-one")
    app = create_app(context=service.context)

    async def sign_in() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="https://codedoc.example") as client:
            return await client.post("/login", data={"key": "key-one", "next": "/"})

    response = asyncio.run(sign_in())
    assert response.status_code == 303
    cookie = response.headers["set-cookie"].lower()
    assert "secure" in cookie and "httponly" in cookie and "samesite=lax" in cookie and "key-one" not in cookie


def test_sign_in_bursts_are_rate_limited(world: GitHubWorld) -> None:
    service = world.service(rate_limit=1, rate_burst=3)
    browser = httpx.Client(base_url=service.url, timeout=30)
    answers = [browser.get("/auth/github/login") for _ in range(5)]
    assert [a.status_code for a in answers[:3]] == [302, 302, 302]
    assert answers[-1].status_code == 429 and int(answers[-1].headers["Retry-After"]) >= 1
    assert "github" not in answers[-1].headers.get("location", "")  # nothing sent on to GitHub
    callback = browser.get("/auth/github/callback", params={"code": "c", "state": "s"})
    assert callback.status_code == 429
