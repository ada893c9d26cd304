"""Open a pull request from a job, keep it updated after a push, and every refusal with its reason."""

from __future__ import annotations

import hashlib
import hmac
import json
import subprocess
import uuid

from github_flow import GitHubWorld
from service_http import poll_until

SECRET = "webhook-secret-for-tests"


def _branch_file(world: GitHubWorld, branch: str, path: str) -> str:
    bare = world.fake.repos["alice/secret"].path
    return subprocess.run(
        ["git", "show", f"{branch}:{path}"], cwd=bare, capture_output=True, text=True, check=True
    ).stdout


def _push_event(world: GitHubWorld, service: object, commit: str) -> list[str]:
    payload = {
        "ref": "refs/heads/main",
        "after": commit,
        "deleted": False,
        "repository": {"full_name": "alice/secret", "default_branch": "main"},
    }
    body = json.dumps(payload).encode()
    signature = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    answer = service.client.post(  # type: ignore[attr-defined]
        "/api/v1/github/webhook",
        content=body,
        headers={"X-GitHub-Event": "push", "X-GitHub-Delivery": str(uuid.uuid4()), "X-Hub-Signature-256": signature},
    )
    assert answer.status_code == 202, answer.text
    jobs: list[str] = answer.json()["jobs"]
    return jobs


def test_open_a_pull_request_then_update_it_after_a_push(world: GitHubWorld) -> None:
    service = world.service(github_webhook_secret=SECRET)
    alice = world.sign_in(service, "alice")
    job_id = world.document(alice, "alice/secret")
    assert world.finish(alice, job_id)["status"] == "completed"
    assert "Open a pull request" in alice.get(f"/jobs/{job_id}").text

    opened = alice.post(f"/jobs/{job_id}/pull-request")
    assert opened.status_code == 303 and opened.headers["location"] == f"/jobs/{job_id}"
    page = alice.get(f"/jobs/{job_id}").text
    assert 'id="pull-request-link"' in page and "/alice/secret/pull/1" in page
    (pull,) = world.fake.pulls["alice/secret"]
    assert pull.head == "codedoc/docs-main" and f"/jobs/{job_id}" in pull.body
    assert _branch_file(world, "codedoc/docs-main", "docs/codedoc/index.md").startswith("#")
    assert _branch_file(world, "main", "vault/core.py") == _branch_file(world, "codedoc/docs-main", "vault/core.py")

    commit = world.fake.push("alice/secret", {"vault/lock.py": "def lock() -> None:\n    pass\n"})
    (next_job,) = _push_event(world, service, commit)
    assert world.finish(alice, next_job)["status"] == "completed"
    # Nobody presses anything: the job started by the push updates the open pull request itself.
    poll_until(lambda: commit[:12] in pull.body)
    assert [p.number for p in world.fake.pulls["alice/secret"]] == [1]  # the same pull request, updated
    assert "/alice/secret/pull/1" in alice.get(f"/jobs/{next_job}").text
    assert ("alice/secret", "codedoc/docs-main", True) in world.fake.ref_updates
    assert f"/blob/{commit}/" in _branch_file(world, "codedoc/docs-main", "docs/codedoc/index.md")


def test_a_closed_pull_request_is_declined_not_reopened(world: GitHubWorld) -> None:
    service = world.service()
    alice = world.sign_in(service, "alice")
    job_id = world.document(alice, "alice/secret")
    assert world.finish(alice, job_id)["status"] == "completed"
    assert alice.post(f"/jobs/{job_id}/pull-request").status_code == 303
    world.fake.close_pull("alice/secret", 1)
    again = alice.post(f"/jobs/{job_id}/pull-request")
    assert again.status_code == 409 and "closed by a person" in again.text and "declined" in again.text
    assert [p.state for p in world.fake.pulls["alice/secret"]] == ["closed"]


def test_a_reader_gets_no_pull_request(world: GitHubWorld) -> None:
    service = world.service()
    bob = world.sign_in(service, "bob")
    job_id = world.document(bob, "alice/open")
    assert world.finish(bob, job_id)["status"] == "completed"
    assert "Open a pull request" not in bob.get(f"/jobs/{job_id}").text
    refused = bob.post(f"/jobs/{job_id}/pull-request")
    assert refused.status_code == 409 and "cannot push to alice/open" in refused.text
    assert "alice/open" not in world.fake.pulls


def test_a_token_revoked_between_the_job_and_the_pull_request_pushes_nothing(world: GitHubWorld) -> None:
    service = world.service()
    alice = world.sign_in(service, "alice")
    job_id = world.document(alice, "alice/secret")
    assert world.finish(alice, job_id)["status"] == "completed"
    for token in world.fake.token_of("alice"):
        world.fake.revoke(token)
    refused = alice.post(f"/jobs/{job_id}/pull-request")
    assert refused.status_code in (303, 401)  # signed out: back to the sign-in page, or told to sign in again
    assert "alice/secret" not in world.fake.pulls
    assert not [b for _r, b, _f in world.fake.ref_updates]


def test_api_key_jobs_cannot_ask_for_a_pull_request(world: GitHubWorld) -> None:
    service = world.service()
    created = service.client.post("/api/v1/jobs", json={"github_url": f"{world.github_url}/alice/open"})
    from service_http import wait_until_done

    assert wait_until_done(service.client, created.json()["id"])["status"] == "completed"
    refused = service.client.post(f"/api/v1/jobs/{created.json()['id']}/pull-request")
    assert refused.status_code == 409 and "signed in with GitHub" in refused.json()["error"]["message"]


def _changed_paths(world: GitHubWorld, full_name: str, since: str, branch: str) -> set[str]:
    bare = world.fake.repos[full_name].path
    listed = subprocess.run(
        ["git", "diff", "--name-only", since, branch], cwd=bare, capture_output=True, text=True, check=True
    ).stdout
    return set(listed.split())


def test_the_pull_request_carries_the_docstrings_and_the_pages_in_the_chosen_folder_only(
    world: GitHubWorld,
) -> None:
    service = world.service()
    alice = world.sign_in(service, "alice")
    job_id = world.document(alice, "alice/open")
    documented = world.finish(alice, job_id)
    assert documented["status"] == "completed"
    assert alice.post(f"/jobs/{job_id}/add-comments").status_code == 303
    assert world.finish(alice, job_id)["status"] == "completed"

    opened = alice.post(f"/jobs/{job_id}/pull-request", data={"docs_folder": "documentation/api/"})
    assert opened.status_code == 303, opened.text[:500]
    changed = _changed_paths(world, "alice/open", str(documented["commit_sha"]), "codedoc/docs-main")
    pages = {path for path in changed if path.startswith("documentation/api/")}
    assert "documentation/api/index.md" in pages
    assert changed - pages == {"tools/hammer.py"}  # the docstrings' file, and nothing else outside the folder
    hammer = subprocess.run(
        ["git", "show", "codedoc/docs-main:tools/hammer.py"],
        cwd=world.fake.repos["alice/open"].path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert hammer.startswith('def hit(nail: str) -> str:\n    """') and hammer.rstrip().endswith("return nail")
    (pull,) = world.fake.pulls["alice/open"]
    assert "Docstrings: 1 added in 1 file(s)" in pull.body and "syntax tree equals the original" in pull.body
    assert "0 file(s) left alone" in pull.body and "under `documentation/api/`" in pull.body
    assert f"/jobs/{job_id}" in pull.body and "and docstrings" in pull.title


def test_a_bad_docs_folder_is_refused_before_anything_is_pushed(world: GitHubWorld) -> None:
    service = world.service()
    created = service.client.post("/api/v1/jobs", json={"github_url": f"{world.github_url}/alice/open"})
    from service_http import wait_until_done

    job_id = created.json()["id"]
    assert wait_until_done(service.client, job_id)["status"] == "completed"
    for folder in ("../outside", "/etc", ".git/hooks", "docs/../x", "docs/.github", "a" * 201, "", "docs\\x", "d o"):
        refused = service.client.post(f"/api/v1/jobs/{job_id}/pull-request", json={"docs_folder": folder})
        assert refused.status_code == 422, (folder, refused.text)
    # A good folder passes validation and meets the next check (API-key jobs have no GitHub user).
    allowed = service.client.post(f"/api/v1/jobs/{job_id}/pull-request", json={"docs_folder": "docs/api"})
    assert allowed.status_code == 409
    alice = world.sign_in(service, "alice")
    mine = world.document(alice, "alice/secret")
    assert world.finish(alice, mine)["status"] == "completed"
    refused = alice.post(f"/jobs/{mine}/pull-request", data={"docs_folder": "../../etc"})
    assert refused.status_code == 422 and "not allowed in the docs folder" in refused.text
    assert "alice/secret" not in world.fake.pulls and not world.fake.ref_updates


def test_an_update_after_a_push_keeps_the_chosen_docs_folder(world: GitHubWorld) -> None:
    service = world.service(github_webhook_secret=SECRET)
    alice = world.sign_in(service, "alice")
    job_id = world.document(alice, "alice/secret")
    assert world.finish(alice, job_id)["status"] == "completed"
    assert alice.post(f"/jobs/{job_id}/pull-request", data={"docs_folder": "site/api"}).status_code == 303
    commit = world.fake.push("alice/secret", {"vault/lock.py": "def lock() -> None:\n    pass\n"})
    (next_job,) = _push_event(world, service, commit)
    assert world.finish(alice, next_job)["status"] == "completed"
    (pull,) = world.fake.pulls["alice/secret"]
    poll_until(lambda: commit[:12] in pull.body)
    assert "under `site/api/`" in pull.body
    changed = _changed_paths(world, "alice/secret", commit, "codedoc/docs-main")
    assert changed and all(path.startswith("site/api/") for path in changed)
    # The job pages offer that folder again next to the button (a bad one is refused on the page, with why).
    for job in (job_id, next_job):
        assert 'name="docs_folder"' in alice.get(f"/jobs/{job}").text
        assert 'value="site/api"' in alice.get(f"/jobs/{job}").text
    refused = alice.post(f"/jobs/{next_job}/pull-request", data={"docs_folder": "/abs/olute"})
    assert refused.status_code == 422 and 'value="/abs/olute"' in refused.text and 'aria-invalid="true"' in refused.text
    assert "must be a relative path" in refused.text
