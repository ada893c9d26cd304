"""The temporary folder of one acquisition (the clone and an empty HOME), always removed."""

from __future__ import annotations

import base64
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from codedoc.acquire.git import GitSession
from codedoc.progress import CancelCheck


@dataclass(frozen=True, slots=True)
class Workspace:
    folder: Path
    home: Path
    clone: Path
    """Where the repository goes; does not exist until git creates it."""


@contextmanager
def temporary_workspace(work_dir: Path | None) -> Iterator[Workspace]:
    if work_dir is not None:
        work_dir.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="codedoc-", dir=work_dir))
    try:
        home = folder / "home"
        home.mkdir()
        yield Workspace(folder=folder, home=home, clone=folder / "repo")
    finally:
        remove_tree(folder)


def remove_tree(folder: Path) -> None:
    """Remove `folder` even when a checkout made parts of it read-only."""

    def make_writable_and_retry(function: Callable[..., Any], path: str, _info: object) -> None:
        try:
            os.chmod(os.path.dirname(path), stat.S_IRWXU)
            os.chmod(path, stat.S_IRWXU)
            function(path)
        except OSError:
            pass

    shutil.rmtree(folder, onerror=make_writable_and_retry)


def git_session(
    workspace: Workspace,
    *,
    timeout_seconds: float,
    should_cancel: CancelCheck | None,
    config: tuple[tuple[str, str], ...] = (),
    access_token: str | None = None,
    max_bytes: int | None = None,
    max_files: int | None = None,
    use_proxy: bool = False,
) -> GitSession:
    secret_config: tuple[tuple[str, str], ...] = ()
    secrets: tuple[str, ...] = ()
    if access_token:
        basic = base64.b64encode(f"x-access-token:{access_token}".encode()).decode("ascii")
        secret_config = (("http.extraHeader", f"Authorization: Basic {basic}"),)
        secrets = (access_token, basic)
    return GitSession(
        home=workspace.home,
        deadline=time.monotonic() + timeout_seconds,
        timeout_seconds=timeout_seconds,
        config=config,
        secret_config=secret_config,
        secrets=secrets,
        should_cancel=should_cancel,
        watch=workspace.folder,
        max_bytes=max_bytes,
        max_files=max_files,
        use_proxy=use_proxy,
    )


def protocol_config(scheme: str) -> tuple[tuple[str, str], ...]:
    """`protocol.allow=never` is in every session; allow exactly the transport this source needs."""
    return ((f"protocol.{scheme}.allow", "always"),)
