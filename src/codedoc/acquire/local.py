"""A local folder: read in place (never modified), or one ref of it cloned to a temporary folder."""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from codedoc.acquire.failures import escape_for_message
from codedoc.acquire.git import GitSession, run_git
from codedoc.acquire.sources import strip_credentials
from codedoc.errors import AcquireError, InvalidSource, RefNotFound

_INFO_TIMEOUT_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class LocalGitInfo:
    toplevel: Path
    commit_sha: str | None
    branch: str | None
    default_branch: str | None
    remote_url: str | None


def local_folder(source: str) -> Path:
    """The resolved folder `source` names, or `InvalidSource` saying what is wrong with it."""
    path = Path(source).expanduser()
    shown = escape_for_message(source[:200])
    if not path.exists():
        raise InvalidSource(f"no such folder: {shown}")
    if not path.is_dir():
        raise InvalidSource(f"{shown} is a file, not a folder: pass the repository's folder")
    return path.resolve()


def read_git_info(folder: Path) -> LocalGitInfo | None:
    """Commit, branch and origin of the work tree holding `folder`; None when it is not one.

    Only read-only plumbing runs here (no `git status`, which rewrites the index).
    """
    with tempfile.TemporaryDirectory(prefix="codedoc-home-") as home:
        session = _read_only_session(Path(home))
        try:
            inside = run_git("rev-parse", "--is-inside-work-tree", cwd=folder, session=session).strip()
        except AcquireError:
            return None
        if inside != "true":
            return None
        toplevel = Path(run_git("rev-parse", "--show-toplevel", cwd=folder, session=session).strip())
        commit = _optional(session, folder, "rev-parse", "--verify", "-q", "HEAD")
        branch = _optional(session, folder, "symbolic-ref", "--short", "-q", "HEAD")
        remote = _optional(session, folder, "config", "--get", "remote.origin.url")
        origin_head = _optional(session, folder, "symbolic-ref", "--short", "-q", "refs/remotes/origin/HEAD")
    default_branch = origin_head.removeprefix("origin/") if origin_head else branch
    return LocalGitInfo(
        toplevel=toplevel.resolve(),
        commit_sha=commit,
        branch=branch,
        default_branch=default_branch,
        remote_url=strip_credentials(remote) or None if remote else None,
    )


def resolve_local_ref(folder: Path, ref: str) -> str:
    """The commit `ref` names in the user's repository (branch, tag, remote branch, short SHA)."""
    if ref.startswith("-") or not ref.strip():
        raise RefNotFound(f"{ref!r} is not a valid branch, tag or commit name")
    with tempfile.TemporaryDirectory(prefix="codedoc-home-") as home:
        session = _read_only_session(Path(home))
        sha = _optional(session, folder, "rev-parse", "--verify", "-q", "--end-of-options", f"{ref}^{{commit}}")
    if sha is None:
        raise RefNotFound(f"no branch, tag or commit named {escape_for_message(ref)!r} in {folder}")
    return sha


def _optional(session: GitSession, folder: Path, *args: str) -> str | None:
    try:
        return run_git(*args, cwd=folder, session=session).strip() or None
    except AcquireError:
        return None


def _read_only_session(home: Path) -> GitSession:
    return GitSession(
        home=home,
        deadline=time.monotonic() + _INFO_TIMEOUT_SECONDS,
        timeout_seconds=_INFO_TIMEOUT_SECONDS,
    )
