"""`POST /api/v1/jobs` with `github_id` + `access_token`: write access checked like the viewer does."""

from __future__ import annotations

import pytest
from github_flow import GitHubWorld
from service_http import wait_until_done


def _create(service: object, world: GitHubWorld, full_name: str, **body: object) -> object:
    return service.client.post(  # type: ignore[attr-defined]
        "/api/v1/jobs", json={"github_url": f"{world.github_url}/{full_name}", **body}
    )


def test_github_id_and_token_record_write_access(world: GitHubWorld, caplog: pytest.LogCaptureFixture) -> None:
    service = world.service()
    alice, bob = world.fake.users["alice"], world.fake.users["bob"]
    alice_token = world.fake.issue_token("alice")
    bob_token = world.fake.issue_token("bob")
    mine = _create(service, world, "alice/secret", github_id=alice.id, access_token=alice_token)
    assert mine.status_code == 201 and mine.json()["has_write_access"] is True  # type: ignore[attr-defined]
    done = wait_until_done(service.client, mine.json()["id"])  # type: ignore[attr-defined]
    assert done["status"] == "completed" and done["has_write_access"] is True
    reader = _create(service, world, "alice/open", github_id=bob.id, access_token=bob_token)
    assert reader.status_code == 201 and reader.json()["has_write_access"] is False  # type: ignore[attr-defined]
    for token in (alice_token, bob_token):
        assert token not in caplog.text and token not in mine.text and token not in reader.text  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("case", "status", "message"),
    [
        ("other_account", 422, "another GitHub account"),
        ("revoked", 401, "GitHub token is invalid or expired"),
        ("no_token", 422, "needs the access_token"),
        ("invisible", 404, "does not show alice/secret to @bob"),
        ("no_scope", 403, "`repo` scope"),
    ],
)
def test_github_id_checks_refuse_with_a_reason(world: GitHubWorld, case: str, status: int, message: str) -> None:
    service = world.service()
    alice, bob = world.fake.users["alice"], world.fake.users["bob"]
    token = world.fake.issue_token("alice")
    body: dict[str, object] = {"github_id": alice.id, "access_token": token}
    if case == "other_account":
        body["github_id"] = bob.id
    elif case == "revoked":
        world.fake.revoke(token)
    elif case == "no_token":
        del body["access_token"]
    elif case == "invisible":
        body = {"github_id": bob.id, "access_token": world.fake.issue_token("bob")}
    elif case == "no_scope":
        body["access_token"] = world.fake.issue_token("alice", scopes=("read:user",))
    refused = _create(service, world, "alice/secret", **body)
    assert refused.status_code == status, refused.text  # type: ignore[attr-defined]
    assert message in refused.json()["error"]["message"]  # type: ignore[attr-defined]
    assert token not in refused.text  # type: ignore[attr-defined]
    assert service.client.get("/api/v1/jobs").json() == []


def test_api_key_clients_keep_working_next_to_github_sign_in(world: GitHubWorld) -> None:
    service = world.service(api_keys="key-one")
    headers = {"Authorization": "Bearer key-one"}
    created = service.client.post(
        "/api/v1/jobs", json={"github_url": f"{world.github_url}/alice/open"}, headers=headers
    )
    assert created.status_code == 201
    listed = service.client.get("/api/v1/jobs", headers=headers).json()
    assert [job["id"] for job in listed] == [created.json()["id"]]
    alice = world.sign_in(service, "alice")
    assert created.json()["id"] not in alice.get("/").text  # a GitHub user sees only their own jobs
