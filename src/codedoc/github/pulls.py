"""Change requests on GitHub through the Git Data API: blobs → tree → commit → ref → pull request.

All REST, no clone and no push. The branch is fixed per base branch (`codedoc/docs-<base>`) and the
pull request is updated in place. The branch is force-moved only while its head is still the commit
CodeDoc made last; when a person has pushed to it, the change goes to a new branch instead. A pull
request a person closed is never reopened: the outcome is `declined` and says so.
"""

from __future__ import annotations

import base64
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from githubkit.exception import RequestFailed

from codedoc.errors import GitHostError
from codedoc.github.rest import GitHubRest, translated
from codedoc.github.webhooks import OUR_BRANCH_PREFIX

logger = logging.getLogger("codedoc.github")

MAX_BRANCHES = 20
"""`codedoc/docs-main`, then `-2`, `-3`… when people took the earlier ones over."""
DEFAULT_DOCS_FOLDER = "docs/codedoc"
MAX_DOCS_FOLDER = 200
_SEGMENT = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._-]*$")


def check_docs_folder(value: str) -> str:
    """The docs folder as a clean relative path (`docs/api`), or ValueError saying what is wrong.

    Relative, at most 200 characters, segments of letters, digits, `.`, `_` and `-` not starting with
    `.` (so no `..`, no `.git`, no `.github` workflows), and never the repository's root itself.
    """
    folder = value.strip().removesuffix("/")
    if not folder:
        raise ValueError("the docs folder is empty (the repository's root is not allowed)")
    if len(folder) > MAX_DOCS_FOLDER:
        raise ValueError(f"the docs folder is longer than {MAX_DOCS_FOLDER} characters")
    if folder.startswith("/") or "\\" in folder:
        raise ValueError("the docs folder must be a relative path with `/` separators, like docs/codedoc")
    for segment in folder.split("/"):
        if not _SEGMENT.match(segment):
            raise ValueError(
                f"{segment!r} is not allowed in the docs folder: use letters, digits, `.`, `_` and `-`, "
                "not starting with `.` (no `..`, no `.git`)"
            )
    return folder


@dataclass(frozen=True, slots=True)
class ChangeRequest:
    full_name: str
    base: str
    """The branch the pull request targets (the repository's default branch, usually)."""
    files: Mapping[str, bytes] = field(repr=False)
    """Path in the repository → new content: the docs folder and the files that gained docstrings."""
    title: str
    body: str
    message: str
    """The commit message."""
    last_commit: str | None = None
    """The commit CodeDoc put on the branch last time (the caller keeps it), or None the first time."""
    branch: str | None = None
    """The branch used last time, when it was not the first choice."""
    parent: str | None = None
    """The commit the files were made from (docstrings edit that commit's files), else the base's head:
    the pull request then shows exactly the added docstrings, and GitHub merges them over newer commits."""


@dataclass(frozen=True, slots=True)
class ChangeOutcome:
    status: Literal["opened", "updated", "unchanged", "declined"]
    branch: str
    commit: str | None
    url: str | None
    number: int | None
    message: str


class PullRequests:
    def __init__(self, rest: GitHubRest) -> None:
        self.rest = rest

    def publish(self, token: str, change: ChangeRequest) -> ChangeOutcome:
        github = self.rest.client(token)  # kept in a variable: githubkit's namespaces hold it weakly
        owner, repo = change.full_name.split("/", 1)
        git, pulls = github.rest.git, github.rest.pulls
        first_choice = f"{OUR_BRANCH_PREFIX}docs-{change.base}"
        branch = change.branch or first_choice
        with translated(f"preparing the pull request on {change.full_name}"):
            if (declined := self._closed_by_a_person(pulls, owner, repo, branch)) is not None:
                return ChangeOutcome("declined", branch, None, declined[1], declined[0], _declined(declined[1]))
            base_sha = change.parent or git.get_ref(owner, repo, f"heads/{change.base}").parsed_data.object_.sha
            base_tree = git.get_commit(owner, repo, base_sha).parsed_data.tree.sha
            entries: list[Any] = [
                {
                    "path": path,
                    "mode": "100644",
                    "type": "blob",
                    "sha": git.create_blob(
                        owner, repo, data={"content": base64.b64encode(content).decode(), "encoding": "base64"}
                    ).parsed_data.sha,
                }
                for path, content in sorted(change.files.items())
            ]
            tree = git.create_tree(owner, repo, data={"base_tree": base_tree, "tree": entries}).parsed_data.sha
            if tree == base_tree:
                return ChangeOutcome("unchanged", branch, None, None, None, "the documentation is already up to date")
            commit = git.create_commit(
                owner, repo, data={"message": change.message, "tree": tree, "parents": [base_sha]}
            ).parsed_data.sha
            branch = self._move_branch(git, owner, repo, branch, commit, change.last_commit, first_choice)
            return self._pull_request(pulls, owner, repo, branch, commit, change)

    def note(self, token: str, full_name: str, number: int, note: str) -> None:
        """Put `note` at the end of pull request `number`'s description (replacing CodeDoc's previous note);
        the branch is not touched."""
        github = self.rest.client(token)
        owner, repo = full_name.split("/", 1)
        pulls = github.rest.pulls
        with translated(f"updating the description of pull request #{number} on {full_name}"):
            body = pulls.get(owner, repo, number).json().get("body") or ""
            pulls.update(owner, repo, number, data={"body": with_note(str(body), note)})

    def _closed_by_a_person(self, pulls: Any, owner: str, repo: str, branch: str) -> tuple[int, str] | None:
        """The last pull request from `branch`, when it was closed without being merged."""
        listed = pulls.list(owner, repo, head=f"{owner}:{branch}", state="all", per_page=1).json()
        if (
            listed
            and listed[0].get("state") == "closed"
            and not listed[0].get("merged_at")
            and not listed[0].get("merged")
        ):
            return int(listed[0]["number"]), str(listed[0]["html_url"])
        return None

    def _move_branch(
        self, git: Any, owner: str, repo: str, branch: str, commit: str, ours: str | None, first_choice: str
    ) -> str:
        """Point a branch at `commit`: ours moved (forced), a missing one created, a person's left alone."""
        candidates = [branch] + [
            f"{first_choice}-{n}" for n in range(2, MAX_BRANCHES + 1) if f"{first_choice}-{n}" != branch
        ]
        for name in candidates:
            head = self._head(git, owner, repo, name)
            if head is None:
                try:
                    git.create_ref(owner, repo, data={"ref": f"refs/heads/{name}", "sha": commit})
                    return name
                except RequestFailed as error:
                    if error.response.status_code != 422:  # "Reference already exists": someone was quicker
                        raise
                    head = self._head(git, owner, repo, name)
            if head is not None and ours is not None and head == ours:
                git.update_ref(owner, repo, f"heads/{name}", data={"sha": commit, "force": True})
                return name
            logger.info("branch %s of %s/%s moved by someone else: not overwritten", name, owner, repo)
        raise GitHostError(f"every codedoc/docs branch of {owner}/{repo} was taken over; delete some and try again")

    @staticmethod
    def _head(git: Any, owner: str, repo: str, name: str) -> str | None:
        try:
            return str(git.get_ref(owner, repo, f"heads/{name}").parsed_data.object_.sha)
        except RequestFailed as error:
            if error.response.status_code == 404:
                return None
            raise

    def _pull_request(
        self, pulls: Any, owner: str, repo: str, branch: str, commit: str, change: ChangeRequest
    ) -> ChangeOutcome:
        open_ones = pulls.list(owner, repo, head=f"{owner}:{branch}", state="open").json()
        if not open_ones:
            try:
                created = pulls.create(
                    owner, repo, data={"title": change.title, "head": branch, "base": change.base, "body": change.body}
                ).json()
                url, number = str(created["html_url"]), int(created["number"])
                return ChangeOutcome("opened", branch, commit, url, number, f"pull request #{number} opened")
            except RequestFailed as error:
                if error.response.status_code != 422 or "already exists" not in error.response.text:
                    raise
                open_ones = pulls.list(owner, repo, head=f"{owner}:{branch}", state="open").json()
        number = int(open_ones[0]["number"])
        updated = pulls.update(owner, repo, number, data={"title": change.title, "body": change.body}).json()
        return ChangeOutcome(
            "updated", branch, commit, str(updated["html_url"]), number, f"pull request #{number} updated"
        )


NOTE_MARK = "<!-- codedoc:note -->"
"""Where CodeDoc's note begins in a pull request's description; a newer note replaces what follows it."""


def with_note(body: str, note: str) -> str:
    """`body` with `note` at its end, in place of an earlier note."""
    kept = body.split(NOTE_MARK, 1)[0].rstrip()
    return f"{kept}\n\n{NOTE_MARK}\n{note}\n" if kept else f"{NOTE_MARK}\n{note}\n"


def _declined(url: str) -> str:
    return f"the CodeDoc pull request {url} was closed by a person; it is not reopened (declined)"
