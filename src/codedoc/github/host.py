"""GitHub as a `GitHost`: Authlib for the OAuth web flow, githubkit for the REST calls."""

from __future__ import annotations

from typing import Any

import httpx

from codedoc.errors import SignInFailed
from codedoc.github.config import GitHubConfig
from codedoc.github.oauth import GitHubOAuth, StateCache
from codedoc.github.provider import Grant, HostRepository, Identity
from codedoc.github.pulls import ChangeOutcome, ChangeRequest, PullRequests
from codedoc.github.rest import GitHubRest


class GitHubHost:
    name = "GitHub"

    def __init__(
        self,
        config: GitHubConfig,
        *,
        state_cache: StateCache | None = None,
        transport: httpx.BaseTransport | None = None,
        oauth_async_transport: Any = None,
    ) -> None:
        """`transport` carries githubkit's calls; `oauth_async_transport` Authlib's (tests only)."""
        self.config = config
        self.rest = GitHubRest(config, transport=transport)
        self._oauth = (
            GitHubOAuth(config, state_cache=state_cache, async_transport=oauth_async_transport)
            if state_cache is not None and config.sign_in_enabled
            else None
        )

    @property
    def sign_in_enabled(self) -> bool:
        return self._oauth is not None

    def _sign_in(self) -> GitHubOAuth:
        if self._oauth is None:
            raise SignInFailed("GitHub sign-in is not configured on this service (CODEDOC_GITHUB_CLIENT_ID)")
        return self._oauth

    async def start_sign_in(self, request: Any, redirect_uri: str) -> Any:
        return await self._sign_in().start_sign_in(request, redirect_uri)

    async def finish_sign_in(self, request: Any) -> Grant:
        return await self._sign_in().finish_sign_in(request)

    def refresh(self, refresh_token: str) -> Grant:
        return self._sign_in().refresh(refresh_token)

    def identify(self, token: str) -> Identity:
        return self.rest.identify(token)

    def list_repositories(
        self, token: str, *, etag: str | None = None
    ) -> tuple[list[HostRepository] | None, str | None]:
        return self.rest.list_repositories(token, etag=etag)

    def repository(self, token: str | None, full_name: str) -> HostRepository | None:
        return self.rest.repository(token, full_name)

    def publish_change(self, token: str, change: ChangeRequest) -> ChangeOutcome:
        """Open or update CodeDoc's pull request (Git Data API); see `codedoc.github.pulls`."""
        return PullRequests(self.rest).publish(token, change)

    def note_change(self, token: str, full_name: str, number: int, note: str) -> None:
        """Say `note` in the pull request's description, in place of the last note; its commits stay."""
        PullRequests(self.rest).note(token, full_name, number, note)

    def clone_url(self, full_name: str) -> str:
        return f"{self.config.web_base}/{full_name}"

    def full_name_of(self, clone_url: str) -> str | None:
        """`owner/name` when `clone_url` is a repository on this host, else None."""
        prefix = f"{self.config.web_base}/"
        if not clone_url.startswith(prefix):
            return None
        path = clone_url[len(prefix) :].removesuffix("/").removesuffix(".git")
        owner, _, name = path.partition("/")
        return path if owner and name and "/" not in name else None
