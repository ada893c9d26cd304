"""Which commit a ref of a remote repository points at now: one cheap `git ls-remote`, no clone.

Runs with exactly the hardening of a clone (clean environment, allowed protocol only, the host's
checked addresses pinned, token in a header, time limit), so asking costs nothing a clone would not.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from codedoc.acquire.clone import is_full_sha
from codedoc.acquire.git import run_git
from codedoc.acquire.workspace import git_session, protocol_config, temporary_workspace
from codedoc.errors import RefNotFound

if TYPE_CHECKING:
    from codedoc.acquire.url_policy import UrlPolicy


def remote_commit(
    url: str,
    *,
    ref: str | None,
    url_policy: UrlPolicy,
    access_token: str | None = None,
    timeout_seconds: float = 30.0,
    work_dir: Path | None = None,
) -> str:
    """The commit SHA `ref` (the default branch when None) points at on the remote, or an `AcquireError`."""
    if ref is not None and is_full_sha(ref.lower()):
        return ref.lower()
    target = url_policy.resolve(url_policy.normalize(url))
    scheme = target.url.split("://", 1)[0]
    patterns = ["HEAD"] if ref is None else [f"refs/heads/{ref}", f"refs/tags/{ref}", f"refs/tags/{ref}^{{}}"]
    with temporary_workspace(work_dir) as workspace:
        session = git_session(
            workspace,
            timeout_seconds=timeout_seconds,
            should_cancel=None,
            config=(*protocol_config(scheme), ("http.curloptResolve", target.curl_resolve)),
            access_token=access_token if scheme in ("https", "http") else None,
        )
        listing = run_git("ls-remote", "--", target.url, *patterns, session=session, max_output=1_000_000)
    found: dict[str, str] = {}
    for line in listing.splitlines():
        sha, _, name = line.partition("\t")
        found[name.strip()] = sha.strip().lower()
    # A branch wins over a tag of the same name (as `git clone --branch` does); an annotated tag
    # is followed to its commit (the `^{}` line).
    for name in patterns if ref is None else [patterns[0], patterns[2], patterns[1]]:
        sha = found.get(name, "")
        if is_full_sha(sha):
            return sha
    raise RefNotFound(f"no branch or tag named {ref!r} in the repository" if ref else "the repository has no HEAD")
