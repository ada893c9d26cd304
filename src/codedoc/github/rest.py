"""GitHub's REST API through githubkit: who a token is, which repositories it sees, with what rights.

githubkit retries a rate limit once when the wait is short and a 5xx once; whatever still fails is
turned here, and only here, into CodeDoc's errors. No token reaches an exception: githubkit's own
exceptions carry the request, so they are replaced, not chained.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import httpx
from githubkit import GitHub, TokenAuthStrategy, UnauthAuthStrategy
from githubkit.exception import (
    GitHubException,
    PrimaryRateLimitExceeded,
    RateLimitExceeded,
    RequestError,
    RequestFailed,
)
from githubkit.retry import RetryOption
from githubkit.utils import UNSET

from codedoc.errors import GitHostError, HostRateLimited, HostUnavailable, TokenRejected
from codedoc.github.config import GitHubConfig
from codedoc.github.provider import HostRepository, HostUser, Identity

logger = logging.getLogger("codedoc.github")

PER_PAGE = 100


class RetryPolicy:
    """One retry of a rate limit whose wait is short, one retry of a 5xx after a second."""

    def __init__(self, max_wait_seconds: float) -> None:
        self.max_wait = max_wait_seconds

    def __call__(self, error: GitHubException, retry_count: int) -> RetryOption:
        if retry_count >= 1:
            return RetryOption(False)
        if isinstance(error, RateLimitExceeded):
            wait = error.retry_after.total_seconds()
            return RetryOption(wait <= self.max_wait, error.retry_after)
        if isinstance(error, RequestFailed) and error.response.status_code >= 500:
            return RetryOption(True, timedelta(seconds=1))
        return RetryOption(False)


class GitHubRest:
    """Sync REST calls; one short-lived githubkit client per call (tokens differ per user)."""

    def __init__(self, config: GitHubConfig, *, transport: httpx.BaseTransport | None = None) -> None:
        self.config = config
        self._transport = transport

    def client(self, token: str | None) -> GitHub[Any]:
        auth = TokenAuthStrategy(token) if token else UnauthAuthStrategy()
        return GitHub(
            auth,
            base_url=f"{self.config.api_base}/",
            timeout=self.config.timeout_seconds,
            transport=self._transport,
            auto_retry=RetryPolicy(self.config.max_wait_seconds),
            trust_env=False,
            follow_redirects=False,
            http_cache=False,  # conditional requests are made explicitly (ETags), never answered from a cache
        )

    def identify(self, token: str) -> Identity:
        """`GET /user`: the cheap call that proves a token before anything expensive uses it."""
        github = self.client(token)  # kept in a variable: githubkit's namespaces hold it weakly
        with translated("checking your GitHub token"):
            response = github.rest.users.get_authenticated()
        data = response.parsed_data
        header = response.headers.get("X-OAuth-Scopes")
        scopes = None if header is None else frozenset(part.strip() for part in header.split(",") if part.strip())
        user = HostUser(
            id=data.id,
            login=data.login,
            name=_value(data.name),
            email=_value(data.email),
            avatar_url=_value(data.avatar_url),
        )
        return Identity(user=user, scopes=scopes)

    def list_repositories(
        self, token: str, *, etag: str | None = None
    ) -> tuple[list[HostRepository] | None, str | None]:
        """`GET /user/repos`, every page (githubkit follows the `Link` headers), and the first page's ETag.

        With the ETag of the last listing, GitHub answers 304 when nothing changed (it then costs no rate
        limit) and the result is None: keep the list you have.
        """
        github = self.client(token)
        list_page = github.rest.repos.list_for_authenticated_user
        etags: list[str | None] = []

        def items(response: Any) -> list[Any]:
            if not etags:
                etags.append(response.headers.get("ETag"))
            return list(response.parsed_data)

        with translated("listing your repositories"):
            if etag:
                first = list_page(per_page=PER_PAGE, sort="full_name", headers={"If-None-Match": etag})
                if first.status_code == 304:
                    return None, etag
            pages = github.rest.paginate(list_page, map_func=items, per_page=PER_PAGE, sort="full_name")
            repositories = [_repository(item) for item in pages]
        return repositories, etags[0] if etags else None

    def repository(self, token: str | None, full_name: str) -> HostRepository | None:
        """`GET /repos/{owner}/{repo}`; None on 404 (missing, or private and not readable with this token)."""
        owner, _, name = full_name.partition("/")
        github = self.client(token)
        try:
            with translated(f"looking up {full_name}"):
                response = github.rest.repos.get(owner, name)
        except _NotFound:
            return None
        return _repository(response.parsed_data)


def _repository(item: Any) -> HostRepository:
    permissions = _value(getattr(item, "permissions", UNSET))
    # Anonymous answers carry no `permissions` (UNSET): nobody anonymous can push.
    can_push = bool(permissions is not None and (permissions.push or permissions.admin))
    return HostRepository(
        id=item.id,
        full_name=item.full_name,
        private=bool(item.private),
        default_branch=_value(item.default_branch) or "main",
        can_push=can_push,
        description=_value(item.description),
    )


def _value(value: Any) -> Any:
    return None if value is UNSET else value


class _NotFound(GitHostError):
    pass


@contextmanager
def translated(doing: str) -> Iterator[None]:
    """GitHub's failures as CodeDoc's errors, raised `from None` so no request (with its token) is kept."""
    try:
        yield
    except RateLimitExceeded as error:
        wait = round(error.retry_after.total_seconds())
        kind = "rate limit" if isinstance(error, PrimaryRateLimitExceeded) else "secondary rate limit"
        logger.warning("GitHub %s while %s; retry after %d s", kind, doing, wait)
        raise HostRateLimited(
            f"GitHub's {kind} was reached while {doing}; try again in {wait} s", retry_after=float(wait)
        ) from None
    except RequestFailed as error:
        status = error.response.status_code
        if status == 401:
            raise TokenRejected() from None
        if status == 404:
            raise _NotFound(doing) from None
        if status >= 500:
            logger.warning("GitHub answered %d while %s", status, doing)
            raise HostUnavailable(f"GitHub answered {status} while {doing}; try again later") from None
        message = _message(error)
        raise GitHostError(f"GitHub refused {doing} ({status}: {message})") from None
    except RequestError as error:
        logger.warning("GitHub did not answer while %s: %s", doing, type(error.exc).__name__)
        raise HostUnavailable(f"GitHub did not answer while {doing}; try again later") from None


def _message(error: RequestFailed) -> str:
    try:
        body = error.response.raw_response.json()
    except ValueError:
        return "no details"
    message = body.get("message") if isinstance(body, dict) else None
    return str(message)[:200] if message else "no details"
