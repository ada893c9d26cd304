"""Git behind one tiny wrapper: `run_git(*args, session=...)` runs git safely or raises.

Every git process gets a clean environment (no system or global config, no prompt, no LFS
smudge), the hardening options below, its own process group (so the whole tree can be killed),
an overall deadline, cancellation polling and, while cloning, a watch on the size of the folder
it writes. Failures are mapped once, here, onto the error tree.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import signal
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import IO

from codedoc.acquire.failures import GitError, classify_failure
from codedoc.errors import AcquireError, CloneTimeout, JobCancelled, RepositoryTooLarge, TooManyFiles
from codedoc.progress import CancelCheck

__all__ = ["GitError", "GitSession", "folder_usage", "run_git"]

logger = logging.getLogger(__name__)

SAFE_GIT_VERSION = (2, 45, 1)
"""First release with the fixes for CVE-2024-32002 and its siblings."""

# Options every git process runs with; see SECURITY.md "URLs and cloning" for why each is here.
HARDENING: tuple[tuple[str, str], ...] = (
    ("protocol.allow", "never"),
    ("core.hooksPath", "/dev/null"),
    ("core.fsmonitor", "false"),
    ("core.protectNTFS", "true"),
    ("core.protectHFS", "true"),
    ("submodule.recurse", "false"),
    ("transfer.fsckObjects", "true"),
    ("fetch.fsckObjects", "true"),
    ("transfer.bundleURI", "false"),
    ("http.followRedirects", "false"),
    ("http.lowSpeedLimit", "1000"),
    ("http.lowSpeedTime", "60"),
    ("credential.helper", ""),
    ("init.defaultBranch", "main"),
    ("advice.detachedHead", "false"),
)

# Custom certificate authorities still apply inside the clean environment.
_TRUST_VARIABLES = ("SSL_CERT_FILE", "SSL_CERT_DIR", "GIT_SSL_CAINFO", "GIT_SSL_CAPATH", "CURL_CA_BUNDLE")
_PROXY_VARIABLES = ("https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "no_proxy", "NO_PROXY", "ALL_PROXY")
_POLL_SECONDS = 0.05
_STDERR_KEEP = 16_384


@dataclass(frozen=True)
class GitSession:
    """What every git process of one acquisition shares: environment, limits, cancellation."""

    home: Path
    """An empty folder used as HOME, so no user configuration is read."""
    deadline: float
    """`time.monotonic()` value after which git is killed."""
    timeout_seconds: float
    config: tuple[tuple[str, str], ...] = ()
    """Extra `-c key=value` options (protocol allows, address pinning)."""
    secret_config: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    """Options passed through `GIT_CONFIG_KEY_n` so they never appear in argv (the token header)."""
    secrets: tuple[str, ...] = field(default=(), repr=False)
    """Strings scrubbed from any error message."""
    should_cancel: CancelCheck | None = None
    watch: Path | None = None
    """Folder whose size is capped while git runs."""
    max_bytes: int | None = None
    max_files: int | None = None
    use_proxy: bool = False
    """Pass the user's proxy variables on (the CLI); never for the service, where a proxy would
    make the pinned, checked address meaningless."""

    def environment(self) -> dict[str, str]:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.home),
            "XDG_CONFIG_HOME": str(self.home / ".config"),
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": "/dev/null",
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_ASKPASS": "",
            "SSH_ASKPASS": "",
            "GIT_LFS_SKIP_SMUDGE": "1",
            "GIT_PROTOCOL_FROM_USER": "0",
            "LC_ALL": "C",
            "LANG": "C",
        }
        inherited = _TRUST_VARIABLES + (_PROXY_VARIABLES if self.use_proxy else ())
        env.update({name: os.environ[name] for name in inherited if name in os.environ})
        env["GIT_CONFIG_COUNT"] = str(len(self.secret_config))
        for index, (key, value) in enumerate(self.secret_config):
            env[f"GIT_CONFIG_KEY_{index}"] = key
            env[f"GIT_CONFIG_VALUE_{index}"] = value
        return env

    def argv(self, args: Sequence[str]) -> list[str]:
        argv = ["git"]
        for key, value in (*HARDENING, *self.config):
            argv += ["-c", f"{key}={value}"]
        return [*argv, *args]

    def scrub(self, text: str) -> str:
        for secret in self.secrets:
            if secret:
                text = text.replace(secret, "***")
        return text


def run_git(
    *args: str,
    session: GitSession,
    cwd: Path | None = None,
    max_output: int | None = None,
) -> str:
    """Run git with `args`; return its stdout, or raise the matching `AcquireError`.

    `max_output` caps stdout: past it git is killed and `RepositoryTooLarge` raised (a listing of a
    "git bomb" tree would otherwise fill memory).
    """
    try:
        process = subprocess.Popen(
            session.argv(args),
            cwd=cwd,
            env=session.environment(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    except FileNotFoundError as error:
        raise AcquireError("git is not installed: install git 2.45.1 or later") from error
    assert process.stdout is not None and process.stderr is not None
    stdout = _Drain(process.stdout, limit=max_output)
    stderr = _Drain(process.stderr, limit=None, keep_tail=_STDERR_KEEP)
    try:
        _supervise(process, session, stdout)
    finally:
        if process.poll() is None:
            _kill(process)
        stdout.join()
        stderr.join()
    if stdout.overflowed:
        raise TooManyFiles(_too_many_files(session))
    if process.returncode != 0:
        raise classify_failure(session.scrub(stderr.text()), args=args)
    return stdout.text()


def _supervise(process: subprocess.Popen[bytes], session: GitSession, stdout: _Drain) -> None:
    watcher = _FolderWatch(session.watch) if session.watch is not None else None
    while True:
        try:
            process.wait(timeout=_POLL_SECONDS)
            return
        except subprocess.TimeoutExpired:
            pass
        if session.should_cancel is not None and session.should_cancel():
            _kill(process)
            raise JobCancelled("the job was cancelled")
        if time.monotonic() > session.deadline:
            _kill(process)
            limit = f"{session.timeout_seconds:g} s"
            raise CloneTimeout(f"git took longer than the {limit} limit: try a smaller repository")
        if stdout.overflowed:
            _kill(process)
            return
        if watcher is not None:
            files, size = watcher.measure()
            if session.max_bytes is not None and size > session.max_bytes:
                _kill(process)
                raise RepositoryTooLarge(too_large_message(session.max_bytes))
            if session.max_files is not None and files > session.max_files:
                _kill(process)
                raise TooManyFiles(_too_many_files(session))


def _kill(process: subprocess.Popen[bytes]) -> None:
    # Git forks helpers (remote-https, index-pack); killing only the parent leaves them running.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def too_large_message(max_bytes: int) -> str:
    return f"repository larger than the {format_bytes(max_bytes)} limit"


def _too_many_files(session: GitSession) -> str:
    limit = f"{session.max_files:,} " if session.max_files is not None else ""
    return f"repository has more than the {limit}files allowed"


def format_bytes(count: int) -> str:
    for unit, size in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if count >= size:
            return f"{count / size:g} {unit}"
    return f"{count} bytes"


class _Drain:
    """Reads a pipe on a thread so git never blocks on a full pipe while we poll it."""

    def __init__(self, pipe: IO[bytes], *, limit: int | None, keep_tail: int | None = None) -> None:
        self._pipe = pipe
        self._limit = limit
        self._keep_tail = keep_tail
        self._chunks: list[bytes] = []
        self._size = 0
        self.overflowed = False
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        with self._pipe:
            while chunk := os.read(self._pipe.fileno(), 65536):
                if self.overflowed:
                    continue  # keep reading so git can exit once killed
                self._chunks.append(chunk)
                self._size += len(chunk)
                if self._limit is not None and self._size > self._limit:
                    self.overflowed = True
                    self._chunks.clear()
                elif self._keep_tail is not None and self._size > 2 * self._keep_tail:
                    tail = b"".join(self._chunks)[-self._keep_tail :]
                    self._chunks, self._size = [tail], len(tail)

    def join(self) -> None:
        self._thread.join()

    def text(self) -> str:
        return b"".join(self._chunks).decode("utf-8", errors="replace")


class _FolderWatch:
    """Measures a folder while git writes it, spacing walks out so big trees stay cheap."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self._next = 0.0
        self._last = (0, 0)

    def measure(self) -> tuple[int, int]:
        now = time.monotonic()
        if now < self._next:
            return self._last
        self._last = folder_usage(self._root)
        spent = time.monotonic() - now
        self._next = time.monotonic() + max(0.1, 4 * spent)
        return self._last


def folder_usage(root: Path) -> tuple[int, int]:
    """(files, bytes) under `root`, without following symlinks."""
    files = size = 0
    stack = [str(root)]
    while stack:
        try:
            entries = os.scandir(stack.pop())
        except OSError:
            continue
        with entries:
            for entry in entries:
                try:
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(entry.path)
                    else:
                        files += 1
                        size += entry.stat(follow_symlinks=False).st_size
                except OSError:
                    continue
    return files, size


@cache
def installed_git_version() -> tuple[int, ...] | None:
    try:
        done = subprocess.run(
            ["git", "--version"],
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
            env={"PATH": os.environ.get("PATH", "")},
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.search(r"(\d+)\.(\d+)(?:\.(\d+))?", done.stdout)
    if match is None:
        return None
    return tuple(int(part or 0) for part in match.groups())


@cache
def check_git_version() -> None:
    """Warn once when git predates the clone-time RCE fixes; CodeDoc's own options mitigate most of them."""
    version = installed_git_version()
    if version is not None and version < SAFE_GIT_VERSION:
        logger.warning(
            "git %s predates 2.45.1 (CVE-2024-32002 and related clone fixes): please upgrade git",
            ".".join(map(str, version)),
        )
