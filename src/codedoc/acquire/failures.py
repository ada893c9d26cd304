"""What git's complaints mean: stderr mapped once onto the error tree, and made safe to show."""

from __future__ import annotations

import re
from collections.abc import Sequence

from codedoc.errors import AcquireError, RefNotFound, RepositoryNotFound, TransientAcquireError


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


def classify_failure(stderr: str, *, args: Sequence[str] = ()) -> AcquireError:
    """Map what git printed onto the error tree. Order matters: "not found" wins over network noise."""
    detail = _last_line(stderr)
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
