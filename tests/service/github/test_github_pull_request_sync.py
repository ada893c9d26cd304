"""A pull request that carries docstrings keeps them after a push: written again for the new commit first."""

from __future__ import annotations

from typing import Any

import httpx
from github_flow import GitHubWorld
from service_http import Service, poll_until

SECRET = "webhook-secret-for-tests"
SAW = "def cut(board: str, length: int = 2) -> str:\n    return board[:length]\n"
DRILL = "def bore(depth: int) -> int:\n    return depth * 2\n"
LONG = 240.0


def _pull_request_with_docstrings(world: GitHubWorld, service: Service) -> tuple[httpx.Client, Any]:
    """alice/open documented, its docstrings added, and the pull request opened with both."""
    alice = world.sign_in(service, "alice")
    job_id = world.document(alice, "alice/open")
    assert world.finish(alice, job_id)["status"] == "completed"
    assert alice.post(f"/jobs/{job_id}/add-comments").status_code == 303
    assert world.finish(alice, job_id)["status"] == "completed"
    assert alice.post(f"/jobs/{job_id}/pull-request").status_code == 303
    (pull,) = world.fake.pulls["alice/open"]
    assert "Docstrings: 1 added in 1 file(s)" in pull.body
    return alice, pull


def _head(world: GitHubWorld) -> str:
    return world.git("alice/open", "rev-parse", "codedoc/docs-main").strip()


def test_a_push_updates_the_pull_request_with_docstrings_written_for_the_new_commit(world: GitHubWorld) -> None:
    service = world.service(github_webhook_secret=SECRET)
    alice, pull = _pull_request_with_docstrings(world, service)
    commit = world.fake.push("alice/open", {"tools/saw.py": SAW})  # one more function without a docstring

    (next_job,) = world.deliver_push(service, "alice/open", commit, secret=SECRET)
    # Nobody presses anything: the push's job documents, writes the docstrings again, then updates the PR.
    poll_until(lambda: commit[:12] in pull.body, limit=LONG)
    assert [p.number for p in world.fake.pulls["alice/open"]] == [1]  # the same pull request, updated
    assert "Docstrings: 2 added in 2 file(s)" in pull.body and "and docstrings" in pull.title
    head = _head(world)
    assert world.git("alice/open", "rev-parse", f"{head}^").strip() == commit  # built on the pushed commit
    changed = set(world.git("alice/open", "diff", "--name-only", commit, head).split())
    pages = {path for path in changed if path.startswith("docs/codedoc/")}
    assert "docs/codedoc/index.md" in pages
    assert changed - pages == {"tools/hammer.py", "tools/saw.py"}  # the docstrings, old and new, nothing else
    saw = world.git("alice/open", "show", f"{head}:tools/saw.py")
    assert saw.startswith('def cut(board: str, length: int = 2) -> str:\n    """')
    assert saw.rstrip().endswith("return board[:length]")
    assert world.git("alice/open", "show", f"{head}:tools/hammer.py").startswith('def hit(nail: str) -> str:\n    """')
    assert f"/blob/{commit}/" in world.git("alice/open", "show", f"{head}:docs/codedoc/index.md")
    assert ("alice/open", "codedoc/docs-main", True) in world.fake.ref_updates

    job = service.context.state.get(next_job)
    assert job is not None and job.status == "completed" and job.error_message is None
    assert job.task == "sync_comments" and job.comments_prefix and job.commit_sha == commit
    page = alice.get(f"/jobs/{next_job}").text
    assert "/alice/open/pull/1" in page and "Docstrings (.diff)" in page


def test_when_the_docstrings_cannot_be_written_again_the_pull_request_keeps_its_commit_and_says_why(
    world: GitHubWorld,
) -> None:
    service = world.service(github_webhook_secret=SECRET, retry_delay=0)
    _alice, pull = _pull_request_with_docstrings(world, service)
    before, body_before = _head(world), pull.body
    commit = world.fake.push("alice/open", {"tools/saw.py": SAW})
    # The push's job clones to document; every clone after that (the docstrings run's) is refused.
    fake = world.fake
    fake.after("/alice/open/git-upload-pack", lambda: fake.fail("/alice/open/info/refs", 404, times=50))

    (next_job,) = world.deliver_push(service, "alice/open", commit, secret=SECRET)
    poll_until(lambda: "Not updated for commit" in pull.body, limit=LONG)
    assert f"Not updated for commit `{commit[:12]}`:** CodeDoc documented it, but could not write its docstrings" in (
        pull.body
    )
    assert pull.body.startswith(body_before.rstrip())  # the description of what it holds stays, the note below
    assert f"Job: job {next_job}" in pull.body  # no CODEDOC_PUBLIC_URL here, so no absolute link
    assert _head(world) == before  # no commit without the docstrings
    job = service.context.state.get(next_job)
    assert job is not None and job.status == "completed" and job.artifact_prefix  # its docs are there to read
    assert (job.error_message or "").startswith("docstrings could not be added:") and job.comments_prefix is None

    # The pull request still carries docstrings: the next push writes them again, and the note goes.
    fake.scripted.clear()
    later = fake.push("alice/open", {"tools/drill.py": DRILL})
    world.deliver_push(service, "alice/open", later, secret=SECRET)
    poll_until(lambda: later[:12] in pull.body, limit=LONG)
    assert "Not updated" not in pull.body and "Docstrings: 3 added in 3 file(s)" in pull.body
    assert world.git("alice/open", "rev-parse", f"{_head(world)}^").strip() == later


def test_a_pull_request_without_docstrings_is_updated_with_the_docs_alone(world: GitHubWorld) -> None:
    service = world.service(github_webhook_secret=SECRET)
    alice = world.sign_in(service, "alice")
    job_id = world.document(alice, "alice/open")
    assert world.finish(alice, job_id)["status"] == "completed"
    assert alice.post(f"/jobs/{job_id}/pull-request").status_code == 303
    (pull,) = world.fake.pulls["alice/open"]
    commit = world.fake.push("alice/open", {"tools/saw.py": SAW})
    (next_job,) = world.deliver_push(service, "alice/open", commit, secret=SECRET)
    poll_until(lambda: commit[:12] in pull.body, limit=LONG)
    assert "Docstrings" not in pull.body
    changed = set(world.git("alice/open", "diff", "--name-only", commit, _head(world)).split())
    assert changed and all(path.startswith("docs/codedoc/") for path in changed)  # no docstrings were asked for
    job = service.context.state.get(next_job)
    assert job is not None and job.task == "document" and job.comments_prefix is None

    # Docstrings a person asks for on that job wait for them to update the pull request.
    head = _head(world)
    assert alice.post(f"/jobs/{next_job}/add-comments").status_code == 303
    assert world.finish(alice, next_job)["status"] == "completed"
    assert _head(world) == head and "Docstrings" not in pull.body
    assert alice.post(f"/jobs/{next_job}/pull-request").status_code == 303
    assert "Docstrings: 2 added in 2 file(s)" in pull.body and _head(world) != head
