"""Cloning one commit of a repository into a fresh folder: shallow, checked for size, then checked out.

The tree is listed (`ls-tree`) before it is checked out, so a "git bomb" (a small pack that
expands to millions of files) is refused before it touches the disk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from codedoc.acquire.git import GitSession, check_git_version, folder_usage, format_bytes, run_git, too_large_message
from codedoc.errors import AcquireError, CloneTimeout, RefNotFound, RepositoryTooLarge, TooManyFiles

_FULL_SHA = re.compile(r"^(?:[0-9a-f]{40}|[0-9a-f]{64})$")
_SHORT_SHA = re.compile(r"^[0-9a-f]{7,39}$")
_LS_TREE_BYTES_PER_ENTRY = 512


@dataclass(frozen=True, slots=True)
class CloneResult:
    commit_sha: str
    branch: str | None
    """The branch checked out, when one was (not for a tag or a commit)."""


def is_full_sha(ref: str) -> bool:
    return _FULL_SHA.match(ref) is not None


def clone(url: str, dest: Path, *, ref: str | None, session: GitSession, max_bytes: int, max_files: int) -> CloneResult:
    """Clone `ref` (default branch when None) of `url` into `dest`, which must not exist yet."""
    check_git_version()
    if ref is not None and ref.startswith("-"):
        raise RefNotFound(f"{ref!r} is not a valid branch, tag or commit name")
    if ref is not None and is_full_sha(ref.lower()):
        commit = _fetch_commit(url, dest, ref.lower(), session)
        branch = None
    else:
        args = ["clone", "--depth", "1", "--single-branch", "--no-tags", "--no-checkout", "--quiet"]
        if ref is not None:
            args += ["--branch", ref]
        try:
            run_git(*args, "--", url, str(dest), session=session)
        except RefNotFound as error:
            hint = " (a commit must be given as its full 40-character SHA)" if _SHORT_SHA.match(ref or "") else ""
            raise RefNotFound(f"no branch or tag named {ref!r} in the repository{hint}") from error
        commit = run_git("rev-parse", "HEAD", cwd=dest, session=session).strip()
        # `--abbrev-ref` prints "HEAD" when a tag left HEAD detached.
        name = run_git("rev-parse", "--abbrev-ref", "HEAD", cwd=dest, session=session).strip()
        branch = name if name and name != "HEAD" else None
    check_tree_size(dest, commit, session=session, max_bytes=max_bytes, max_files=max_files)
    run_git("checkout", "--quiet", "--force", "--detach", commit, cwd=dest, session=session)
    files, size = folder_usage(dest)
    if size > max_bytes:
        raise RepositoryTooLarge(too_large_message(max_bytes))
    if files > max_files:
        raise TooManyFiles(f"repository has more than the {max_files:,} files allowed")
    return CloneResult(commit_sha=commit, branch=branch)


def _fetch_commit(url: str, dest: Path, sha: str, session: GitSession) -> str:
    run_git("init", "--quiet", "--", str(dest), session=session)
    run_git("remote", "add", "origin", "--", url, cwd=dest, session=session)
    try:
        run_git("fetch", "--depth", "1", "--no-tags", "--quiet", "origin", sha, cwd=dest, session=session)
    except RefNotFound as error:
        raise RefNotFound(f"no commit {sha} in the repository (or the server does not serve it)") from error
    return run_git("rev-parse", "FETCH_HEAD", cwd=dest, session=session).strip()


def check_tree_size(dest: Path, commit: str, *, session: GitSession, max_bytes: int, max_files: int) -> None:
    """Refuse a tree over the limits before checking it out."""
    listing = run_git(
        "ls-tree",
        "-r",
        "-l",
        "-z",
        "--full-tree",
        commit,
        cwd=dest,
        session=session,
        max_output=max_files * _LS_TREE_BYTES_PER_ENTRY + 1_000_000,
    )
    files = size = 0
    for entry in listing.split("\0"):
        header, _, _path = entry.partition("\t")
        fields = header.split()
        if len(fields) != 4 or fields[1] != "blob":
            continue
        files += 1
        size += int(fields[3]) if fields[3].isdigit() else 0
    if files > max_files:
        raise TooManyFiles(f"repository has {files:,} files, more than the {max_files:,} allowed")
    if size > max_bytes:
        raise RepositoryTooLarge(f"repository larger than the {format_bytes(max_bytes)} limit ({format_bytes(size)})")


def remote_default_branch(url: str, session: GitSession) -> str | None:
    """The branch the remote's HEAD points at, or None when the server does not say."""
    try:
        listing = run_git("ls-remote", "--symref", "--", url, "HEAD", session=session)
    except CloneTimeout:
        raise
    except AcquireError:
        return None
    for line in listing.splitlines():
        if line.startswith("ref: refs/heads/") and line.endswith("\tHEAD"):
            return line.removeprefix("ref: refs/heads/").removesuffix("\tHEAD")
    return None
