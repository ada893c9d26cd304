"""The one error tree. The CLI maps it to exit codes and the API to HTTP statuses, each in one place.

CodeDocError                  a message a user can act on
├── InvalidSource             not a folder, not a URL we accept
│   └── UnsafeURL             scheme, host or address refused by the URL policy
├── AcquireError              getting the repository failed
│   ├── RepositoryNotFound    no such repository, or private without a token
│   ├── RefNotFound           the branch, tag or commit does not exist
│   ├── RepositoryTooLarge    over the size limit
│   │   └── TooManyFiles      over the file-count limit (a "git bomb")
│   ├── UnsafeRepository      refused by git's integrity check (.git/.. paths, submodule tricks)
│   ├── ServerMismatch        the server does not speak https, or its certificate is not trusted
│   └── CloneTimeout          git took longer than allowed
│   └── TransientAcquireError network trouble worth retrying
├── NothingToDocument         the scan found no file we can use
├── ProviderError             an LLM provider failed for good
├── JobCancelled              a job was cancelled while running
├── OutputError               the output folder cannot be written
├── AskError                  a question or source range the ask tools refuse, or no index
├── IndexBuildFailed          the ask index's background process failed or died
└── GitHostError              the Git host (GitHub) refused or failed a sign-in or an API call
    ├── SignInFailed          the OAuth flow failed: state, code or an OAuth error answer
    ├── TokenRejected         401: the token is revoked or expired, sign in again
    ├── MissingScope          the token lacks a scope the action needs
    ├── HostRateLimited       a primary or secondary rate limit: try later
    ├── HostUnavailable       a 5xx or no answer from the host
    └── ChangeRefused         no pull request for this job (not ready, no write access…)
"""

from __future__ import annotations


class CodeDocError(Exception):
    """Base of every error CodeDoc raises on purpose. `str(error)` is shown to the user."""

    transient: bool = False
    """True when retrying later may succeed (network, rate limit)."""


class InvalidSource(CodeDocError):
    pass


class UnsafeURL(InvalidSource):
    pass


class AcquireError(CodeDocError):
    pass


class RepositoryNotFound(AcquireError):
    pass


class RefNotFound(AcquireError):
    pass


class RepositoryTooLarge(AcquireError):
    pass


class TooManyFiles(RepositoryTooLarge):
    pass


class UnsafeRepository(AcquireError):
    pass


class ServerMismatch(AcquireError):
    pass


class CloneTimeout(AcquireError):
    transient = True


class TransientAcquireError(AcquireError):
    transient = True


class NothingToDocument(CodeDocError):
    pass


class ProviderError(CodeDocError):
    pass


class JobCancelled(CodeDocError):
    pass


class OutputError(CodeDocError):
    pass


class AskError(CodeDocError):
    """A question, a path or a range the ask tools refuse, or an index that cannot be read."""


class IndexBuildFailed(CodeDocError):
    """The process building the ask index beside the pages failed (what it said) or died (how)."""


class GitHostError(CodeDocError):
    pass


class SignInFailed(GitHostError):
    pass


class TokenRejected(GitHostError):
    def __init__(self, message: str = "GitHub token is invalid or expired — sign in again") -> None:
        super().__init__(message)


class MissingScope(GitHostError):
    pass


class HostRateLimited(GitHostError):
    transient = True

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        """Seconds the host asked us to wait, when it said."""


class HostUnavailable(GitHostError):
    transient = True


class ChangeRefused(GitHostError):
    pass
