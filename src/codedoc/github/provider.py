"""What the service needs from a Git host, independent of which host it is.

Every method raises from the `GitHostError` branch of `codedoc.errors` with a sentence a user can act
on; a token never appears in an error, a log line or a `repr`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol


@dataclass(frozen=True, slots=True)
class HostUser:
    """A person on the host."""

    id: int
    login: str
    name: str | None = None
    email: str | None = None
    avatar_url: str | None = None


@dataclass(frozen=True, slots=True)
class Grant:
    """Tokens from a sign-in or a refresh. `repr` hides them."""

    access_token: str = field(repr=False)
    refresh_token: str | None = field(default=None, repr=False)
    expires_at: datetime | None = None
    """None for tokens that do not expire (OAuth Apps); GitHub App user tokens last 8 hours."""
    refresh_expires_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Identity:
    """Who a token belongs to, and what it may do."""

    user: HostUser
    scopes: frozenset[str] | None
    """From `X-OAuth-Scopes`; None when the host sends none (GitHub App and fine-grained tokens)."""

    def lacks(self, scope: str) -> bool:
        """True only when the scopes are known and `scope` (or a scope containing it) is missing."""
        if self.scopes is None:
            return False
        return scope not in self.scopes and not (scope == "public_repo" and "repo" in self.scopes)


@dataclass(frozen=True, slots=True)
class HostRepository:
    """A repository as one user sees it."""

    id: int
    full_name: str
    """`owner/name`."""
    private: bool
    default_branch: str
    can_push: bool
    description: str | None = None


class GitHost(Protocol):
    """Sign-in, repositories, access checks and change requests (webhooks: `codedoc.github.webhooks`)."""

    name: str
    """Shown to people: "GitHub"."""

    async def start_sign_in(self, request: Any, redirect_uri: str) -> Any:
        """The redirect to the host's consent page; the `state` is remembered for `finish_sign_in`."""
        ...

    async def finish_sign_in(self, request: Any) -> Grant:
        """The callback: checks `state`, exchanges the code once. Raises SignInFailed."""
        ...

    def refresh(self, refresh_token: str) -> Grant:
        """A new pair; the old access and refresh tokens stop working at once."""
        ...

    def identify(self, token: str) -> Identity:
        """One cheap call proving the token (`GET /user`). Raises TokenRejected on 401."""
        ...

    def list_repositories(
        self, token: str, *, etag: str | None = None
    ) -> tuple[list[HostRepository] | None, str | None]:
        """Every repository the token's user can read, all pages, and a version tag of the list;
        None instead of the list when it is unchanged since the listing tagged `etag`."""
        ...

    def repository(self, token: str | None, full_name: str) -> HostRepository | None:
        """The repository as the token's user sees it now; None when they cannot see it."""
        ...

    def clone_url(self, full_name: str) -> str:
        """The https URL git clones `owner/name` from."""
        ...

    def publish_change(self, token: str, change: Any) -> Any:
        """Open or update the change request (a pull request on GitHub) carrying `change.files`."""
        ...

    def note_change(self, token: str, full_name: str, number: int, note: str) -> None:
        """Say `note` in the change request's description (in place of the last note); its commits stay."""
        ...
