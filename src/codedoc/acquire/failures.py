"""What git's complaints mean: stderr mapped once onto the error tree, and made safe to show."""

from __future__ import annotations

import re
from collections.abc import Sequence

from codedoc.errors import (
    AcquireError,
    RefNotFound,
    RepositoryNotFound,
    ServerMismatch,
    TransientAcquireError,
    UnsafeRepository,
)


class GitError(AcquireError):
    """Git failed in a way that matches none of the more specific errors."""

    def __init__(self, message: str, *, stderr: str = "") -> None:
        super().__init__(message)
        self.stderr = stderr


_NOT_FOUND = re.compile(
    r"repository '.*' not found|repository not found|not appear to be a git repository|"
    r"authentication failed|could not read username|could not read password|"
    r"returned error: (401|403|404)|http 40[134]|terminal prompts disabled|"
    r"invalid username or password|does not exist",
    re.IGNORECASE,
)
_REF_NOT_FOUND = re.compile(
    r"remote branch .* not found|couldn't find remote ref|not our ref|no such ref|"
    r"did not match any|unknown revision|invalid reference|bad revision|needed a single revision|"
    r"upload-pack: not our ref|could not find remote ref|not a valid object name|"
    r"invalid object name",
    re.IGNORECASE,
)
_TRANSIENT = re.compile(
    r"could not resolve host|failed to connect|connection refused|connection reset|timed out|"
    r"early eof|remote end hung up|rpc failed|returned error: 5\d\d|http 5\d\d|"
    r"ssl|tls|gnutls|network is unreachable|operation too slow|transfer closed|"
    r"empty reply from server|couldn't connect",
    re.IGNORECASE,
)
_REDIRECT = re.compile(r"returned error: 30\d|redirect", re.IGNORECASE)
# fsck on transfer reports `error: object <id>: <checkId>: <text>`, then "fsck error in packed object".
_FSCK_FINDING = re.compile(r"error: object [0-9a-f]+: (\w+): ([^\n]*)")
_FSCK = re.compile(r"fsck error|fsck failed", re.IGNORECASE)
# TLS spoken to a plain-http server: retrying cannot help.
_NOT_HTTPS = re.compile(
    r"unexpected TLS packet|wrong version number|packet length too long|http request.* to an https server|"
    r"unknown protocol",
    re.IGNORECASE,
)
_UNTRUSTED = re.compile(
    r"SSL certificate problem|certificate verify failed|server certificate verification failed", re.IGNORECASE
)


def classify_failure(stderr: str, *, args: Sequence[str] = ()) -> AcquireError:
    """Map what git printed onto the error tree. Order matters: "not found" wins over network noise."""
    detail = _last_line(stderr)
    finding = _FSCK_FINDING.search(stderr)
    if finding is not None or _FSCK.search(stderr):
        what = ""
        if finding is not None:
            what = f" ({escape_for_message(finding.group(1))}: {escape_for_message(finding.group(2)[:200])})"
        return UnsafeRepository(
            f"the repository was refused because it contains unsafe content{what}: git's integrity check "
            "rejects paths such as .git or .. and submodule tricks used in attacks, so CodeDoc does not clone it"
        )
    if _NOT_HTTPS.search(stderr):
        return ServerMismatch(
            "the server did not answer in https: it may serve plain http only. If it is yours, list it with "
            "its port in CODEDOC_GIT_HOSTS and use an http:// URL"
        )
    if _UNTRUSTED.search(stderr):
        return ServerMismatch(f"the server's TLS certificate is not trusted ({detail})")
    if _REF_NOT_FOUND.search(stderr):
        return RefNotFound(f"the branch, tag or commit was not found in the repository ({detail})")
    if _REDIRECT.search(stderr):
        return RepositoryNotFound(
            f"the server answered with a redirect, which is not followed: use the final URL ({detail})"
        )
    if _NOT_FOUND.search(stderr):
        return RepositoryNotFound("repository not found or private: pass an access_token")
    if _TRANSIENT.search(stderr):
        error = TransientAcquireError(f"network trouble while fetching the repository, try again later ({detail})")
        return error
    command = args[0] if args else "git"
    return GitError(f"git {command} failed: {detail or 'no message'}", stderr=stderr)


def _last_line(stderr: str) -> str:
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    if not lines:
        return ""
    fatal = [line for line in lines if line.lower().startswith(("fatal:", "error:"))]
    line = (fatal or lines)[-1]
    line = re.sub(r"^(fatal|error):\s*", "", line, flags=re.IGNORECASE)
    return escape_for_message(line[:300])


def escape_for_message(text: str) -> str:
    """Make untrusted text (git output, file names) safe to print: no control characters."""
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)
