"""Pull requests through the Git Data API against the fake (real bare repositories underneath)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from codedoc.errors import GitHostError, TokenRejected
from codedoc.github import GitHubConfig
from codedoc.github.pulls import ChangeRequest, PullRequests
from codedoc.github.rest import GitHubRest
from fakes.github import FakeGitHub, serve_fake

FILES = {"app/__init__.py": '"""App."""\n', "app/core.py": "def run():\n    return 1\n"}


@pytest.fixture
def fake(tmp_path: Path) -> FakeGitHub:
    fake = FakeGitHub(tmp_path / "github")
    fake.add_user("alice")
    fake.add_user("bob")
    fake.add_repo("alice/app", FILES, collaborators={"bob": "read"})
    return fake


@pytest.fixture
def pulls(fake: FakeGitHub) -> Iterator[PullRequests]:
    with serve_fake(fake) as url:
        yield PullRequests(GitHubRest(GitHubConfig(web_url=url)))


def test_the_host_offers_change_requests(fake: FakeGitHub) -> None:
    from codedoc.github import GitHubHost

    with serve_fake(fake) as url:
        outcome = GitHubHost(GitHubConfig(web_url=url)).publish_change(fake.issue_token("alice"), _change("v1"))
    assert outcome.status == "opened" and outcome.url is not None and outcome.url.endswith("/alice/app/pull/1")


def _change(version: str, **extra: object) -> ChangeRequest:
    files = {
        "docs/codedoc/index.md": f"# App docs {version}\n".encode(),
        "app/core.py": b'def run():\n    """Run the app."""\n    return 1\n',
    }
    return ChangeRequest(
        full_name="alice/app",
        base="main",
        files=files,
        title="Documentation by CodeDoc",
        body=f"Docs {version}: 1 docstring added.",
        message=f"docs: CodeDoc documentation ({version})",
        **extra,  # type: ignore[arg-type]
    )


def _show(fake: FakeGitHub, revision: str, path: str) -> str:
    bare = fake.repos["alice/app"].path
    return subprocess.run(
        ["git", "show", f"{revision}:{path}"], cwd=bare, capture_output=True, text=True, check=True
    ).stdout


def _git(fake: FakeGitHub, *args: str) -> str:
    bare = fake.repos["alice/app"].path
    return subprocess.run(["git", *args], cwd=bare, capture_output=True, text=True, check=True).stdout.strip()


def test_a_pull_request_is_opened_then_updated_in_place(fake: FakeGitHub, pulls: PullRequests) -> None:
    token = fake.issue_token("alice")
    opened = pulls.publish(token, _change("v1"))
    assert opened.status == "opened" and opened.branch == "codedoc/docs-main" and opened.number == 1
    assert _show(fake, "codedoc/docs-main", "docs/codedoc/index.md") == "# App docs v1\n"
    assert '"""Run the app."""' in _show(fake, "codedoc/docs-main", "app/core.py")
    assert _show(fake, "codedoc/docs-main", "app/__init__.py") == '"""App."""\n'  # the rest untouched
    assert _show(fake, "main", "app/core.py") == FILES["app/core.py"]  # the base branch never moves

    updated = pulls.publish(token, _change("v2", last_commit=opened.commit))
    assert updated.status == "updated" and updated.number == 1 and updated.commit != opened.commit
    assert _show(fake, "codedoc/docs-main", "docs/codedoc/index.md") == "# App docs v2\n"
    assert len(fake.pulls["alice/app"]) == 1 and fake.pulls["alice/app"][0].body.startswith("Docs v2")
    assert fake.ref_updates == [("alice/app", "codedoc/docs-main", True)]


def test_nothing_new_makes_no_commit(fake: FakeGitHub, pulls: PullRequests) -> None:
    token = fake.issue_token("alice")
    same = ChangeRequest("alice/app", "main", {"app/core.py": FILES["app/core.py"].encode()}, "t", "b", "m")
    outcome = pulls.publish(token, same)
    assert outcome.status == "unchanged" and outcome.commit is None and "alice/app" not in fake.pulls


def test_a_pull_request_closed_by_a_person_is_never_reopened(fake: FakeGitHub, pulls: PullRequests) -> None:
    token = fake.issue_token("alice")
    opened = pulls.publish(token, _change("v1"))
    fake.close_pull("alice/app", opened.number or 0)
    again = pulls.publish(token, _change("v2", last_commit=opened.commit))
    assert again.status == "declined" and "closed by a person" in again.message
    assert [p.state for p in fake.pulls["alice/app"]] == ["closed"]
    assert _show(fake, "codedoc/docs-main", "docs/codedoc/index.md") == "# App docs v1\n"


def test_a_branch_a_person_pushed_to_is_not_overwritten(fake: FakeGitHub, pulls: PullRequests) -> None:
    token = fake.issue_token("alice")
    opened = pulls.publish(token, _change("v1"))
    theirs = fake.push("alice/app", {"NOTES.md": "mine\n"}, branch="codedoc/docs-main")
    moved = pulls.publish(token, _change("v2", last_commit=opened.commit))
    assert moved.status == "opened" and moved.branch == "codedoc/docs-main-2"
    bare = fake.repos["alice/app"].path
    head = subprocess.run(["git", "rev-parse", "codedoc/docs-main"], cwd=bare, capture_output=True, text=True)
    assert head.stdout.strip() == theirs  # the person's commit is still the head
    assert not any(forced for _repo, branch, forced in fake.ref_updates if branch == "codedoc/docs-main")


def test_without_write_access_or_with_a_revoked_token_nothing_is_pushed(fake: FakeGitHub, pulls: PullRequests) -> None:
    with pytest.raises(GitHostError, match="403"):
        pulls.publish(fake.issue_token("bob"), _change("v1"))
    revoked = fake.issue_token("alice")
    fake.revoke(revoked)
    with pytest.raises(TokenRejected):
        pulls.publish(revoked, _change("v1"))
    assert "alice/app" not in fake.pulls
    bare = fake.repos["alice/app"].path
    branches = subprocess.run(["git", "branch", "--list"], cwd=bare, capture_output=True, text=True).stdout
    assert "codedoc" not in branches


def test_a_pull_request_opened_meanwhile_by_another_process_is_updated_not_duplicated(
    fake: FakeGitHub, pulls: PullRequests
) -> None:
    from fakes.github.routes_git import FakePull

    token = fake.issue_token("alice")
    first = pulls.publish(token, _change("v1"))
    fake.close_pull("alice/app", first.number or 0)
    fake.pulls["alice/app"].clear()  # as if the person deleted the branch's history of pull requests

    def racing_process() -> None:
        fake.pulls["alice/app"].append(FakePull(fake.next_pull_number(), "codedoc/docs-main", "main", "t", "b"))

    # Between our "is there an open pull request?" and our "create it", another process creates it.
    fake.after("/api/v3/repos/alice/app/pulls", lambda: fake.after("/api/v3/repos/alice/app/pulls", racing_process))
    outcome = pulls.publish(token, _change("v2", last_commit=first.commit))
    assert outcome.status == "updated" and len(fake.pulls["alice/app"]) == 1
    assert fake.pulls["alice/app"][0].body.startswith("Docs v2")
    calls = [(m, p) for m, p, _a in fake.requests if p.startswith("/api/v3/repos/alice/app/pulls")]
    assert calls[-3:] == [  # refused with "A pull request already exists", then found and updated
        ("POST", "/api/v3/repos/alice/app/pulls"),
        ("GET", "/api/v3/repos/alice/app/pulls"),
        ("PATCH", "/api/v3/repos/alice/app/pulls/2"),
    ]


def test_a_change_made_from_an_older_commit_is_built_on_it(fake: FakeGitHub, pulls: PullRequests) -> None:
    bare = fake.repos["alice/app"].path
    documented = subprocess.run(["git", "rev-parse", "main"], cwd=bare, capture_output=True, text=True).stdout
    fake.push("alice/app", {"app/extra.py": "X = 1\n"})  # the base moved after the docstrings were written
    outcome = pulls.publish(fake.issue_token("alice"), _change("v1", parent=documented.strip()))
    assert outcome.status == "opened" and outcome.commit is not None
    parents = subprocess.run(
        ["git", "log", "-1", "--format=%P", outcome.commit], cwd=bare, capture_output=True, text=True
    ).stdout.split()
    assert parents == [documented.strip()]  # the diff is the docstrings and pages only; GitHub merges it
    assert _show(fake, "codedoc/docs-main", "app/core.py").count('"""Run the app."""') == 1


def test_a_note_replaces_the_last_note_and_leaves_the_branch_alone(fake: FakeGitHub, pulls: PullRequests) -> None:
    token = fake.issue_token("alice")
    opened = pulls.publish(token, _change("v1"))
    assert opened.number is not None
    head = _git(fake, "rev-parse", "codedoc/docs-main")
    pulls.note(token, "alice/app", opened.number, "Not updated for commit `abc`: first reason.")
    pulls.note(token, "alice/app", opened.number, "Not updated for commit `def`: second reason.")
    (pull,) = fake.pulls["alice/app"]
    description = pull.body.split("<!-- codedoc:note -->")
    assert len(description) == 2 and description[0].strip() == _change("v1").body.strip()
    assert "second reason" in description[1] and "first reason" not in pull.body
    assert _git(fake, "rev-parse", "codedoc/docs-main") == head


def test_a_note_needs_write_access(fake: FakeGitHub, pulls: PullRequests) -> None:
    opened = pulls.publish(fake.issue_token("alice"), _change("v1"))
    assert opened.number is not None
    with pytest.raises(GitHostError):
        pulls.note(fake.issue_token("bob"), "alice/app", opened.number, "a reader's note")
    assert "a reader's note" not in fake.pulls["alice/app"][0].body


def test_with_note_on_an_empty_description() -> None:
    from codedoc.github.pulls import NOTE_MARK, with_note

    assert with_note("", "why") == f"{NOTE_MARK}\nwhy\n"
    assert with_note(f"what\n\n{NOTE_MARK}\nold\n", "new") == f"what\n\n{NOTE_MARK}\nnew\n"
