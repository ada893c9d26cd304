"""`acquire(source)`: a folder holding the repository at the requested commit, for the `with` block.

    local folder, no ref   → read in place; commit, branch and origin recorded; nothing written
    local folder + ref     → that ref cloned (shallow, file://) into a temporary folder
    http(s)/file URL       → cloned (shallow, hardened) into a temporary folder
    with a url_policy      → the URL is normalised, its addresses checked and pinned first

Temporary folders are removed when the block exits, however it exits.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from codedoc.acquire.clone import clone, remote_default_branch
from codedoc.acquire.local import local_folder, read_git_info, resolve_local_ref
from codedoc.acquire.sources import cli_remote, explain_missing, is_url, repository_name, strip_credentials
from codedoc.acquire.workspace import git_session, protocol_config, temporary_workspace
from codedoc.errors import InvalidSource, JobCancelled
from codedoc.progress import CancelCheck

if TYPE_CHECKING:
    from codedoc.acquire.url_policy import UrlPolicy


@dataclass(frozen=True, slots=True)
class AcquireLimits:
    timeout_seconds: float = 600.0
    max_bytes: int = 2 * 1024**3
    max_files: int = 200_000


@dataclass(frozen=True, slots=True)
class Checkout:
    root: Path
    """Folder holding the files at the requested commit."""
    name: str
    """Repository name (`requests`), from the URL or folder name."""
    source_url: str | None = None
    """Remote URL without credentials, when known."""
    commit_sha: str | None = None
    ref: str | None = None
    default_branch: str | None = None
    temporary: bool = False
    """True when `root` is a temporary clone, removed when `acquire` exits."""


@contextmanager
def acquire(
    source: str,
    *,
    ref: str | None = None,
    limits: AcquireLimits = AcquireLimits(),
    access_token: str | None = None,
    url_policy: UrlPolicy | None = None,
    work_dir: Path | None = None,
    should_cancel: CancelCheck | None = None,
    commit: str | None = None,
) -> Iterator[Checkout]:
    """Yield a `Checkout` of `source` at `ref`; see the module docstring for the cases.

    `commit` (a full SHA, remote sources only) is the commit `ref` pointed at when it was resolved: that
    commit is fetched, not wherever `ref` points now, and `ref` stays the checkout's label.
    """
    if should_cancel is not None and should_cancel():
        raise JobCancelled("the job was cancelled")
    if url_policy is not None:
        with _clone_remote(source, ref, limits, access_token, url_policy, work_dir, should_cancel, commit) as checkout:
            yield checkout
        return
    source = source.strip()
    if not source:
        raise InvalidSource("no source given: pass a folder or a Git URL")
    if is_url(source):
        with _clone_remote(source, ref, limits, access_token, None, work_dir, should_cancel, commit) as checkout:
            yield checkout
        return
    if not Path(source).expanduser().exists():
        raise explain_missing(source)
    folder = local_folder(source)
    if ref is None:
        yield _in_place(folder)
        return
    with _clone_local(folder, ref, limits, work_dir, should_cancel) as checkout:
        yield checkout


def _in_place(folder: Path) -> Checkout:
    info = read_git_info(folder)
    if info is None:
        return Checkout(root=folder, name=folder.name)
    return Checkout(
        root=folder,
        name=folder.name,
        source_url=info.remote_url,
        commit_sha=info.commit_sha,
        ref=info.branch,
        default_branch=info.default_branch,
    )


@contextmanager
def _clone_local(
    folder: Path, ref: str, limits: AcquireLimits, work_dir: Path | None, should_cancel: CancelCheck | None
) -> Iterator[Checkout]:
    info = read_git_info(folder)
    if info is None:
        raise InvalidSource(f"--ref needs a Git repository, and {folder} is not one")
    sha = resolve_local_ref(folder, ref)
    with temporary_workspace(work_dir) as workspace:
        # upload-pack only serves advertised tips unless told otherwise; the user's own
        # repository is trusted to hand out any of its commits.
        config = (*protocol_config("file"), ("uploadpack.allowAnySHA1InWant", "true"))
        session = git_session(
            workspace,
            timeout_seconds=limits.timeout_seconds,
            should_cancel=should_cancel,
            config=config,
            max_bytes=limits.max_bytes,
            max_files=limits.max_files,
        )
        result = clone(
            info.toplevel.as_uri(),
            workspace.clone,
            ref=sha,
            session=session,
            max_bytes=limits.max_bytes,
            max_files=limits.max_files,
        )
        subfolder = folder.relative_to(info.toplevel)
        yield Checkout(
            root=(workspace.clone / subfolder).resolve(),
            name=folder.name,
            source_url=info.remote_url,
            commit_sha=result.commit_sha,
            ref=ref,
            default_branch=info.default_branch,
            temporary=True,
        )


@contextmanager
def _clone_remote(
    source: str,
    ref: str | None,
    limits: AcquireLimits,
    access_token: str | None,
    url_policy: UrlPolicy | None,
    work_dir: Path | None,
    should_cancel: CancelCheck | None,
    commit: str | None = None,
) -> Iterator[Checkout]:
    if url_policy is not None:
        target = url_policy.resolve(url_policy.normalize(source))
        url, scheme = target.url, target.url.split("://", 1)[0]
        pinning: tuple[tuple[str, str], ...] = (("http.curloptResolve", target.curl_resolve),)
    else:
        remote = cli_remote(source)
        url, scheme, pinning = remote.url, remote.scheme, ()
    token = access_token if scheme in ("https", "http") else None
    with temporary_workspace(work_dir) as workspace:
        session = git_session(
            workspace,
            timeout_seconds=limits.timeout_seconds,
            should_cancel=should_cancel,
            config=(*protocol_config(scheme), *pinning),
            access_token=token,
            max_bytes=limits.max_bytes,
            max_files=limits.max_files,
            use_proxy=url_policy is None,
        )
        result = clone(
            url,
            workspace.clone,
            ref=commit or ref,
            session=session,
            max_bytes=limits.max_bytes,
            max_files=limits.max_files,
        )
        default_branch = result.branch if ref is None and commit is None else remote_default_branch(url, session)
        if commit is not None and ref is None:
            ref = default_branch  # the job asked for the default branch; its commit then was fetched
        yield Checkout(
            root=workspace.clone,
            name=repository_name(url),
            source_url=strip_credentials(url),
            commit_sha=result.commit_sha,
            ref=ref or result.branch,
            default_branch=default_branch,
            temporary=True,
        )
