"""Documenting a private repository with the signed-in user's token, and access re-checked on every read."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from github_flow import GitHubWorld
from service_http import Service, poll_until
from sqlalchemy import select

from codedoc.service.db.models import GitHubToken, Job


def _status(service: Service, job_id: str) -> str | None:
    job = service.context.state.get(job_id)
    return job.status if job is not None else None


def _files_containing(root: Path, secret: str) -> list[str]:
    found = []
    for path in root.rglob("*"):
        if path.is_file() and secret.encode() in path.read_bytes():
            found.append(str(path))
    return found


def test_a_private_repository_is_documented_and_shown_only_to_its_user(
    world: GitHubWorld, caplog: pytest.LogCaptureFixture
) -> None:
    service = world.service()
    alice = world.sign_in(service, "alice")
    job_id = world.document(alice, "alice/secret")
    job = world.finish(alice, job_id)
    assert job["status"] == "completed", job["error_message"]
    assert job["has_write_access"] is True
    page = alice.get(f"/jobs/{job_id}")
    assert "you can write" in page.text and "private repository" in page.text
    docs = alice.get(f"/jobs/{job_id}/docs/")
    assert docs.status_code == 200 and "vault" in docs.text.lower()
    assert alice.get("/").text.count(f"/jobs/{job_id}") >= 1  # in her own jobs list

    bob = world.sign_in(service, "bob")
    assert "alice/secret" not in bob.get("/repos").text
    assert f"/jobs/{job_id}" not in bob.get("/").text
    for path in (f"/jobs/{job_id}", f"/jobs/{job_id}/docs/", f"/jobs/{job_id}/download/documentation.md"):
        assert bob.get(path).status_code == 404
        assert httpx.get(f"{service.url}{path}").status_code == 404  # signed out
    assert service.client.get(f"/api/v1/jobs/{job_id}").status_code == 404

    # The clone used alice's token as a header: it is nowhere on disk, in a log or a page.
    (token,) = world.fake.token_of("alice")
    clones = [auth for method, path, auth in world.fake.requests if path.startswith("/alice/secret")]
    assert clones and all(auth.startswith("Basic ") for auth in clones)
    assert _files_containing(service.data_dir, token) == []
    assert token not in caplog.text and token not in page.text and token not in docs.text


def test_a_revoked_token_fails_the_job_at_once_before_any_clone(world: GitHubWorld) -> None:
    service = world.service()
    alice = world.sign_in(service, "alice")
    (token,) = world.fake.token_of("alice")
    world.fake.after("/api/v3/repos/alice/secret", lambda: world.fake.revoke(token))
    job_id = world.document(alice, "alice/secret")  # the check at submission passed; then GitHub revoked it
    poll_until(lambda: _status(service, job_id) == "failed")
    job = service.context.state.get(job_id)
    assert job is not None and job.attempts == 1
    assert job.error_message == "GitHub token is invalid or expired — sign in again"
    assert not [path for _m, path, _a in world.fake.requests if path.startswith("/alice/secret")]
    # Signed out everywhere: the viewer asks to sign in again; once she has, the job shows why it failed.
    assert alice.get("/repos").status_code == 303
    again = world.sign_in(service, "alice")
    assert "sign in again" in again.get(f"/jobs/{job_id}").text


def test_a_repository_deleted_mid_job_fails_it_with_a_clear_message(world: GitHubWorld) -> None:
    service = world.service()
    alice = world.sign_in(service, "alice")
    calls = []

    def delete_on_second_look() -> None:
        calls.append(1)
        if len(calls) == 1:
            world.fake.after("/api/v3/repos/alice/secret", delete_on_second_look)
        else:
            world.fake.repos["alice/secret"].deleted = True

    world.fake.after("/api/v3/repos/alice/secret", delete_on_second_look)
    job_id = world.document(alice, "alice/secret")
    job = world.finish(alice, job_id)
    assert job["status"] == "failed"
    assert "deleted or renamed" in job["error_message"] and "alice/secret" in job["error_message"]


def test_docs_stop_being_served_when_access_is_lost_or_the_repository_turns_private(world: GitHubWorld) -> None:
    service = world.service()
    bob = world.sign_in(service, "bob")
    job_id = world.document(bob, "alice/open")
    job = world.finish(bob, job_id)
    assert job["status"] == "completed" and job["has_write_access"] is False
    assert bob.get(f"/jobs/{job_id}/docs/").status_code == 200
    world.fake.repos["alice/open"].private = True  # bob is a collaborator: he still reads it
    assert bob.get(f"/jobs/{job_id}/docs/").status_code == 200
    del world.fake.repos["alice/open"].collaborators["bob"]
    assert bob.get(f"/jobs/{job_id}/docs/").status_code == 404
    assert bob.get(f"/jobs/{job_id}").status_code == 404


def test_a_public_repository_documented_without_a_token_vanishes_when_made_private(world: GitHubWorld) -> None:
    service = world.service()
    created = service.client.post("/api/v1/jobs", json={"github_url": f"{world.github_url}/alice/open"})
    assert created.status_code == 201
    job_id = created.json()["id"]
    from service_http import wait_until_done

    assert wait_until_done(service.client, job_id)["status"] == "completed"
    assert service.client.get(f"/api/v1/jobs/{job_id}/documentation").status_code == 200
    world.fake.repos["alice/open"].private = True
    assert service.client.get(f"/api/v1/jobs/{job_id}/documentation").status_code == 404
    assert service.client.get(f"/api/v1/jobs/{job_id}").status_code == 404


def test_an_expiring_github_app_token_is_refreshed_before_the_clone(world: GitHubWorld) -> None:
    world.fake.kind = "app"
    world.fake.token_lifetime = 60  # inside the 300 s margin: every use refreshes first
    service = world.service()
    alice = world.sign_in(service, "alice")
    (first,) = world.fake.token_of("alice")
    job_id = world.document(alice, "alice/secret")
    job = world.finish(alice, job_id)
    assert job["status"] == "completed", job["error_message"]
    (current,) = world.fake.token_of("alice")
    assert current != first and first in world.fake.tokens and world.fake.tokens[first].revoked
    with service.context.state._sessions() as session:
        stored = session.scalars(select(GitHubToken)).one()
    assert service.context.tokens.decrypt(stored.access_token_encrypted) == current
    assert stored.scopes is None and stored.expires_at is not None


def test_a_refresh_token_already_used_fails_the_job_and_signs_the_user_out(world: GitHubWorld) -> None:
    world.fake.kind = "app"
    world.fake.token_lifetime = 60
    service = world.service()
    alice = world.sign_in(service, "alice")
    world.fake.refresh_tokens.clear()  # used elsewhere: GitHub answers bad_refresh_token (HTTP 200)
    refused = alice.post("/repos/document", data={"full_name": "alice/secret"})
    assert refused.status_code == 401 and "sign in again" in refused.text
    assert alice.get("/repos").status_code == 303


def test_two_workers_refreshing_at_once_refresh_once(world: GitHubWorld) -> None:
    import threading

    world.fake.kind = "app"
    world.fake.token_lifetime = 60
    service = world.service()
    world.sign_in(service, "alice")
    with service.context.state._sessions() as session:
        user_id = session.scalars(select(GitHubToken.user_id)).one()
    refreshes_before = sum(1 for m, p, _a in world.fake.requests if p == "/login/oauth/access_token")
    # Two processes' worth of accounts objects (separate in-process locks): the database lock decides.
    from codedoc.service.accounts.build import build_accounts

    contexts = [service.context, service.context]
    accounts = [build_accounts(c.settings, c.engine, c.tokens) for c in contexts]
    results: list[str] = []
    barrier = threading.Barrier(2)

    def use(index: int) -> None:
        barrier.wait()
        results.append(accounts[index].usable_token(user_id).access_token)

    threads = [threading.Thread(target=use, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    refreshes = sum(1 for m, p, _a in world.fake.requests if p == "/login/oauth/access_token") - refreshes_before
    assert refreshes == 1 and len(set(results)) == 1
    assert world.fake.valid(world.fake.tokens[results[0]])


def test_a_token_without_the_repo_scope_is_told_so(world: GitHubWorld) -> None:
    service = world.service(github_scopes="read:user")
    alice = world.sign_in(service, "alice")
    listing = alice.get("/repos").text
    assert "alice/open" in listing and "alice/secret" not in listing  # GitHub hides private ones
    refused = alice.post("/repos/document", data={"full_name": "alice/secret"})
    assert refused.status_code == 403 and "`repo` scope" in refused.text


@pytest.mark.parametrize(
    ("script", "status", "message"),
    [
        ("secondary", 503, "secondary rate limit"),
        ("primary", 503, "rate limit was reached"),
        ("server_error", 502, "GitHub answered 502"),
    ],
)
def test_github_refusing_or_failing_is_said_plainly(world: GitHubWorld, script: str, status: int, message: str) -> None:
    service = world.service()
    alice = world.sign_in(service, "alice")
    path = "/api/v3/repos/alice/secret"
    if script == "secondary":
        world.fake.secondary_rate_limit(path, retry_after=120, times=2)
    elif script == "primary":
        world.fake.primary_rate_limit(path, times=2)
    else:
        world.fake.fail(path, 502, body={"message": "Server Error"}, times=2)
    refused = alice.post("/repos/document", data={"full_name": "alice/secret"})
    assert refused.status_code == status and message in refused.text
    with service.context.state._sessions() as session:
        assert session.scalars(select(Job)).all() == []


def test_a_short_secondary_rate_limit_is_waited_out(world: GitHubWorld) -> None:
    service = world.service()
    alice = world.sign_in(service, "alice")
    world.fake.secondary_rate_limit("/api/v3/repos/alice/secret", retry_after=1, times=1)
    job_id = world.document(alice, "alice/secret")
    assert world.finish(alice, job_id)["status"] == "completed"


def test_a_rate_limit_during_the_job_fails_it_with_the_reason(world: GitHubWorld) -> None:
    service = world.service(max_attempts=1)
    alice = world.sign_in(service, "alice")
    world.fake.after(
        "/api/v3/repos/alice/secret", lambda: world.fake.secondary_rate_limit("/api/v3/user", retry_after=600, times=5)
    )
    job_id = world.document(alice, "alice/secret")
    job = world.finish(alice, job_id)
    assert job["status"] == "failed" and "secondary rate limit" in job["error_message"]
