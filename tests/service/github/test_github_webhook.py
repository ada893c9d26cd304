"""The push webhook: signed deliveries only, replays ignored, a push to the default branch documents the commit."""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import uuid
from typing import Any

import httpx
import pytest
from github_flow import GitHubWorld
from service_http import Service, wait_until_done
from sqlalchemy import select

from codedoc.service.db.models import Job

SECRET = "webhook-secret-for-tests"


def _deliver(
    service: Service, event: str, payload: dict[str, Any], *, secret: str | None = SECRET, delivery: str | None = None
) -> httpx.Response:
    body = json.dumps(payload).encode()
    headers = {
        "Content-Type": "application/json",
        "X-GitHub-Event": event,
        "X-GitHub-Delivery": delivery or str(uuid.uuid4()),
    }
    if secret is not None:
        headers["X-Hub-Signature-256"] = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return service.client.post("/api/v1/github/webhook", content=body, headers=headers)


def _push(full_name: str, commit: str, *, branch: str = "main") -> dict[str, Any]:
    return {
        "ref": f"refs/heads/{branch}",
        "before": "0" * 40,
        "after": commit,
        "deleted": False,
        "repository": {"full_name": full_name, "default_branch": "main", "private": False},
    }


def _jobs(service: Service) -> list[Job]:
    with service.context.state._sessions() as session:
        return list(session.scalars(select(Job).order_by(Job.created_at)))


def test_a_push_to_the_default_branch_documents_the_new_commit(world: GitHubWorld) -> None:
    service = world.service(github_webhook_secret=SECRET)
    alice = world.sign_in(service, "alice")
    first = world.document(alice, "alice/secret")
    assert world.finish(alice, first)["status"] == "completed"
    commit = world.fake.push("alice/secret", {"vault/lock.py": "def lock() -> None:\n    pass\n"})

    answer = _deliver(service, "push", _push("alice/secret", commit))
    assert answer.status_code == 202 and answer.json()["status"] == "queued"
    (job_id,) = answer.json()["jobs"]
    done = world.finish(alice, job_id)
    assert done["status"] == "completed", done["error_message"]
    assert done["commit_sha"] == commit and done["ref"] == commit and done["has_write_access"] is True
    assert "vault/lock.py" in alice.get(f"/jobs/{job_id}/download/codedoc.json").text  # the new file is there


def test_a_replayed_delivery_is_ignored(world: GitHubWorld) -> None:
    service = world.service(github_webhook_secret=SECRET)
    created = service.client.post("/api/v1/jobs", json={"github_url": f"{world.github_url}/alice/open"})
    assert wait_until_done(service.client, created.json()["id"])["status"] == "completed"
    commit = world.fake.push("alice/open", {"tools/saw.py": "def cut() -> int:\n    return 1\n"})
    delivery = str(uuid.uuid4())
    first = _deliver(service, "push", _push("alice/open", commit), delivery=delivery)
    assert first.status_code == 202 and len(first.json()["jobs"]) == 1
    again = _deliver(service, "push", _push("alice/open", commit), delivery=delivery)
    assert again.status_code == 200 and again.json()["status"] == "duplicate"
    assert len(_jobs(service)) == 2


@pytest.mark.parametrize("signature", ["missing", "wrong_secret", "tampered"])
def test_forged_or_unsigned_deliveries_are_refused(
    world: GitHubWorld, signature: str, caplog: pytest.LogCaptureFixture
) -> None:
    service = world.service(github_webhook_secret=SECRET)
    created = service.client.post("/api/v1/jobs", json={"github_url": f"{world.github_url}/alice/open"})
    assert wait_until_done(service.client, created.json()["id"])["status"] == "completed"
    payload = _push("alice/open", "a" * 40)
    if signature == "tampered":
        body = json.dumps(payload).encode()
        good = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        forged = body.replace(b"a" * 40, b"b" * 40)
        refused = service.client.post(
            "/api/v1/github/webhook",
            content=forged,
            headers={"X-GitHub-Event": "push", "X-GitHub-Delivery": "d-1", "X-Hub-Signature-256": good},
        )
    else:
        secret = None if signature == "missing" else "guessed-secret"
        refused = _deliver(service, "push", payload, secret=secret)
    assert refused.status_code == 401 and "signature" in refused.json()["error"]["message"]
    assert len(_jobs(service)) == 1
    assert "a" * 40 not in caplog.text and "b" * 40 not in caplog.text  # the body is never logged


@pytest.mark.parametrize(
    ("event", "payload", "reason"),
    [
        ("push", _push("alice/open", "c" * 40, branch="feature"), "not to the default branch"),
        ("push", _push("alice/open", "c" * 40, branch="codedoc/docs-main"), "CodeDoc's own branch"),
        ("push", _push("nobody/unknown", "c" * 40), "has no documentation here"),
        ("push", {**_push("alice/open", "c" * 40), "ref": "refs/tags/v1"}, "not a push to a branch"),
        ("issues", {"action": "opened"}, "not one CodeDoc acts on"),
    ],
)
def test_pushes_and_events_that_change_nothing_are_ignored(
    world: GitHubWorld, event: str, payload: dict[str, Any], reason: str
) -> None:
    service = world.service(github_webhook_secret=SECRET)
    created = service.client.post("/api/v1/jobs", json={"github_url": f"{world.github_url}/alice/open"})
    assert wait_until_done(service.client, created.json()["id"])["status"] == "completed"
    answer = _deliver(service, event, payload)
    assert answer.status_code == 200 and answer.json()["status"] == "ignored" and reason in answer.json()["reason"]
    assert len(_jobs(service)) == 1


def test_ping_answers_and_the_webhook_is_off_without_a_secret(world: GitHubWorld) -> None:
    service = world.service(github_webhook_secret=SECRET)
    assert _deliver(service, "ping", {"zen": "Keep it logically awesome."}).json()["status"] == "pong"
    closed = world.service()
    assert _deliver(closed, "ping", {"zen": "x"}).status_code == 404


def test_a_repository_made_private_stops_its_public_docs_at_once(world: GitHubWorld) -> None:
    service = world.service(github_webhook_secret=SECRET, access_check_seconds=600)
    created = service.client.post("/api/v1/jobs", json={"github_url": f"{world.github_url}/alice/open"})
    job_id = created.json()["id"]
    assert wait_until_done(service.client, job_id)["status"] == "completed"
    assert service.client.get(f"/api/v1/jobs/{job_id}/documentation").status_code == 200  # now cached as public
    world.fake.repos["alice/open"].private = True
    assert service.client.get(f"/api/v1/jobs/{job_id}/documentation").status_code == 200  # the cache still says so
    event = {"action": "privatized", "repository": {"full_name": "alice/open", "private": True}}
    assert _deliver(service, "repository", event).status_code == 202
    assert service.client.get(f"/api/v1/jobs/{job_id}/documentation").status_code == 404


def test_a_burst_of_pushes_documents_only_the_newest_commit(world: GitHubWorld) -> None:
    service = world.service(github_webhook_secret=SECRET, worker=False)
    state = service.context.state
    documented, _ = state.create(
        owner="",
        github_url=f"{world.github_url}/alice/open",
        ref=None,
        access_token_encrypted=None,
        repository_private=False,
    )
    # Documented earlier (no worker runs in this test, so the pushes' jobs stay pending).
    lease = state.claim(documented.id, worker_id="test", lease_seconds=60)
    assert lease is not None and state.complete(lease, artifact_prefix="p", commit_sha=None, timings={})
    commits = [world.fake.push("alice/open", {f"tools/t{n}.py": f"X = {n}\n"}) for n in range(3)]
    made = [_deliver(service, "push", _push("alice/open", commit)).json()["jobs"][0] for commit in commits]
    states = {job.id: (job.status, job.error_message) for job in _jobs(service)}
    assert [states[job_id][0] for job_id in made] == ["cancelled", "cancelled", "pending"]
    assert states[made[0]][1] == "superseded by a newer push"


def _commits(count: int) -> list[dict[str, Any]]:
    """Push payload commits as GitHub sends them (a real push of many commits easily passes 16 KB)."""
    return [
        {"id": f"{n:040x}", "message": f"change {n}: " + "why it was made " * 8, "added": [f"tools/t{n}.py"]}
        for n in range(count)
    ]


def test_a_large_signed_push_is_read_past_the_api_body_limit(world: GitHubWorld) -> None:
    service = world.service(github_webhook_secret=SECRET, webhook_max_bytes=64 * 1024)
    created = service.client.post("/api/v1/jobs", json={"github_url": f"{world.github_url}/alice/open"})
    assert wait_until_done(service.client, created.json()["id"])["status"] == "completed"
    commit = world.fake.push("alice/open", {"tools/saw.py": "def cut() -> int:\n    return 1\n"})
    payload = {**_push("alice/open", commit), "commits": _commits(150)}
    assert 16_384 < len(json.dumps(payload)) < 64 * 1024
    answer = _deliver(service, "push", payload)
    assert answer.status_code == 202 and len(answer.json()["jobs"]) == 1, answer.text
    # Past the webhook's own limit: 413; and the other routes keep CODEDOC_MAX_BODY_BYTES.
    too_large = _deliver(service, "push", {**payload, "commits": _commits(500)})
    assert too_large.status_code == 413 and "65536 bytes" in too_large.json()["error"]["message"]
    padded = {"github_url": f"{world.github_url}/alice/open", "ref": "x" * 20_000}
    assert service.client.post("/api/v1/jobs", json=padded).status_code == 413


def test_a_burst_of_signed_deliveries_is_not_counted_against_the_api_bucket(world: GitHubWorld) -> None:
    service = world.service(github_webhook_secret=SECRET, rate_limit=1, rate_burst=3)
    answers = [_deliver(service, "ping", {"zen": "x"}) for _ in range(12)]
    assert [a.status_code for a in answers] == [200] * 12
    # The API's own bucket is still full: three calls go through, the fourth waits.
    listed = [service.client.get("/api/v1/jobs").status_code for _ in range(4)]
    assert listed == [200, 200, 200, 429]
    assert _deliver(service, "ping", {"zen": "x"}).status_code == 200  # and the webhook does not share its wait


def test_signed_deliveries_past_their_own_burst_get_429_with_retry_after(world: GitHubWorld) -> None:
    service = world.service(github_webhook_secret=SECRET, webhook_rate_limit=1, webhook_rate_burst=3)
    answers = [_deliver(service, "ping", {"zen": "x"}) for _ in range(4)]
    assert [a.status_code for a in answers[:3]] == [200, 200, 200]
    assert answers[-1].status_code == 429 and int(answers[-1].headers["Retry-After"]) >= 1
    assert "too many webhook deliveries" in answers[-1].json()["error"]["message"]


def test_bad_signatures_do_not_spend_the_bucket_of_signed_deliveries(world: GitHubWorld) -> None:
    service = world.service(github_webhook_secret=SECRET, webhook_rate_burst=2, webhook_refusals=10)
    refused = [_deliver(service, "ping", {"zen": "x"}, secret="guessed").status_code for _ in range(5)]
    assert refused == [401] * 5
    assert [_deliver(service, "ping", {"zen": "x"}).status_code for _ in range(2)] == [200, 200]


def _raw_post_without_body(service: Service) -> bytes:
    """A webhook request that announces a body and never sends it: answered only if nothing waits for it."""
    url = httpx.URL(service.url)
    request = (
        f"POST /api/v1/github/webhook HTTP/1.1\r\nHost: {url.host}:{url.port}\r\n"
        "Content-Type: application/json\r\nX-GitHub-Event: push\r\nContent-Length: 100\r\n\r\n"
    )
    with socket.create_connection((url.host, url.port or 80), timeout=60) as connection:
        connection.sendall(request.encode())
        return connection.recv(4096)


def test_an_address_sending_bad_signatures_is_refused_before_its_body_is_read(world: GitHubWorld) -> None:
    service = world.service(github_webhook_secret=SECRET, webhook_refusals=3, body_timeout=5)
    assert _raw_post_without_body(service).startswith(b"HTTP/1.1 408")  # while allowed, the body is waited for
    refused = [_deliver(service, "ping", {"zen": "x"}, secret=None).status_code for _ in range(2)]
    assert refused == [401, 401]  # with the 408 above: three refusals spent
    limited = _deliver(service, "ping", {"zen": "x"}, secret=None)
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) >= 1
    assert "missing or wrong signature" in limited.json()["error"]["message"]
    # Now the body is not even read: the answer comes at once instead of the 408 of a body never sent.
    assert _raw_post_without_body(service).startswith(b"HTTP/1.1 429")
    # The API is not affected by the webhook's refusals.
    assert service.client.get("/api/v1/jobs").status_code == 200
