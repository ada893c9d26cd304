"""The OAuth web flow with Authlib: the redirect with its `state`, the callback, and token refresh.

GitHub answers OAuth errors with HTTP 200 and an `error` field; Authlib raises them as `OAuthError`,
turned here into `SignInFailed` / `TokenRejected` with a sentence for the person. The `state` lives
server-side in the cache the caller gives (one use: the callback deletes it), bound to the browser
by a marker in `request.session`.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

import httpx
from authlib.integrations.base_client import OAuthError
from authlib.integrations.httpx_client import OAuth2Client
from authlib.integrations.httpx_client._compat import httpx2 as authlib_http
from authlib.integrations.starlette_client import OAuth
from starlette.requests import Request
from starlette.responses import RedirectResponse

from codedoc.errors import HostUnavailable, SignInFailed, TokenRejected
from codedoc.github.config import GitHubConfig
from codedoc.github.provider import Grant

logger = logging.getLogger("codedoc.github")

# Authlib talks through httpx2 when it is installed (plain httpx otherwise): catch either's errors.
_HTTP_ERRORS = (httpx.HTTPError, authlib_http.HTTPError)

_SIGN_IN_ERRORS = {
    "access_denied": "you declined CodeDoc's request on GitHub",
    "mismatching_state": "the sign-in link is stale or was already used (its state did not match); start again",
    "bad_verification_code": "GitHub refused the sign-in code (it was already used or has expired); start again",
    "incorrect_client_credentials": "GitHub does not recognise this CodeDoc's client id or secret; "
    "ask the operator to check CODEDOC_GITHUB_CLIENT_ID and CODEDOC_GITHUB_CLIENT_SECRET",
    "redirect_uri_mismatch": "GitHub refused the callback URL; the operator must register this service's "
    "/auth/github/callback URL on the OAuth App",
    "unverified_user_email": "GitHub asks you to verify your primary e-mail address first",
}


class StateCache(Protocol):
    """Authlib's async cache interface (`get`, `set`, `delete`), kept server-side."""

    async def get(self, key: str) -> str | None: ...

    async def set(self, key: str, value: str, expires: int | None = None) -> None: ...

    async def delete(self, key: str) -> None: ...


class GitHubOAuth:
    def __init__(
        self,
        config: GitHubConfig,
        *,
        state_cache: StateCache,
        async_transport: Any = None,
        transport: Any = None,
    ) -> None:
        """Transports (tests) must be of the HTTP library Authlib uses: `authlib_http`."""
        self.config = config
        self._transport = transport
        client_kwargs: dict[str, Any] = {"scope": config.scopes, "timeout": config.timeout_seconds, "trust_env": False}
        if async_transport is not None:
            client_kwargs["transport"] = async_transport
        self._oauth = OAuth(cache=state_cache)
        self._oauth.register(
            "github",
            client_id=config.client_id,
            client_secret=config.client_secret,
            authorize_url=config.authorize_url,
            access_token_url=config.access_token_url,
            client_kwargs=client_kwargs,
        )

    async def start_sign_in(self, request: Request, redirect_uri: str) -> RedirectResponse:
        response: RedirectResponse = await self._oauth.github.authorize_redirect(request, redirect_uri)
        return response

    async def finish_sign_in(self, request: Request) -> Grant:
        try:
            token = await self._oauth.github.authorize_access_token(request)
        except OAuthError as error:
            logger.info("GitHub sign-in refused: %s", error.error)
            raise SignInFailed(f"GitHub sign-in failed: {_explain(error)}") from None
        except _HTTP_ERRORS as error:
            logger.warning("GitHub's token endpoint failed: %s", type(error).__name__)
            raise HostUnavailable("GitHub did not complete the sign-in; try again later") from None
        return grant_from(token)

    def refresh(self, refresh_token: str) -> Grant:
        """Refresh a GitHub App user token. Both old tokens stop working once GitHub answers."""
        client = OAuth2Client(
            self.config.client_id,
            self.config.client_secret,
            timeout=self.config.timeout_seconds,
            trust_env=False,
            transport=self._transport,
        )
        try:
            with client:
                token = client.refresh_token(self.config.access_token_url, refresh_token=refresh_token)
        except OAuthError as error:
            logger.info("GitHub token refresh refused: %s", error.error)
            raise TokenRejected(
                "GitHub refused to refresh the token (it was revoked, expired or already used) — sign in again"
            ) from None
        except _HTTP_ERRORS as error:
            logger.warning("GitHub's token endpoint failed during a refresh: %s", type(error).__name__)
            raise HostUnavailable("GitHub did not answer the token refresh; try again later") from None
        return grant_from(token)


def _explain(error: OAuthError) -> str:
    known = _SIGN_IN_ERRORS.get(error.error or "")
    if known:
        return known
    # An error code we do not know: say it, without echoing free text from the query string.
    code = "".join(c for c in str(error.error or "unknown")[:60] if c.isalnum() or c in "_-")
    return f"GitHub answered {code or 'an unknown error'}"


def grant_from(token: dict[str, Any]) -> Grant:
    access = token.get("access_token")
    if not isinstance(access, str) or not access:
        raise SignInFailed("GitHub sign-in failed: GitHub sent no access token")
    now = datetime.now(UTC)
    expires_in = _seconds(token.get("expires_in"))
    refresh_expires_in = _seconds(token.get("refresh_token_expires_in"))
    refresh = token.get("refresh_token")
    return Grant(
        access_token=access,
        refresh_token=refresh if isinstance(refresh, str) and refresh else None,
        expires_at=now + timedelta(seconds=expires_in) if expires_in else None,
        refresh_expires_at=now + timedelta(seconds=refresh_expires_in) if refresh_expires_in else None,
    )


def _seconds(value: Any) -> int | None:
    try:
        seconds = int(value)
    except (TypeError, ValueError):
        return None
    return seconds if seconds > 0 else None
