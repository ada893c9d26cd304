"""GitHub accounts for the service: sign-in, tokens (refreshed under a per-user lock), repositories,
and the access checks made before a clone and on every read of a private repository's docs."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TypeVar

from codedoc.errors import GitHostError, MissingScope, RepositoryNotFound, TokenRejected
from codedoc.github.host import GitHubHost
from codedoc.github.provider import Grant, HostRepository, Identity
from codedoc.service.accounts.access import AccessCache
from codedoc.service.accounts.sessions import SessionStore
from codedoc.service.accounts.store import AccountStore, StoredTokens
from codedoc.service.db.models import Job, User, utcnow

logger = logging.getLogger("codedoc.service.accounts")

T = TypeVar("T")

REFRESH_LOCK_SECONDS = 30.0
"""How long one process may hold a user's refresh lock (a refresh is one HTTP call)."""
REFRESH_WAIT_SECONDS = 35.0


class Accounts:
    def __init__(
        self,
        *,
        host: GitHubHost,
        store: AccountStore,
        sessions: SessionStore,
        access_ttl: float,
        refresh_margin: float,
    ) -> None:
        self.host = host
        self.store = store
        self.sessions = sessions
        self.access = AccessCache(access_ttl)
        self._refresh_margin = timedelta(seconds=refresh_margin)
        self._locks: dict[int, threading.Lock] = {}
        self._locks_guard = threading.Lock()
        self._etags: dict[int, str] = {}
        """The ETag of each user's last repository listing (this process's)."""

    @property
    def sign_in_enabled(self) -> bool:
        return self.host.sign_in_enabled

    # ---- sign-in ---------------------------------------------------------------------------

    def complete_sign_in(self, grant: Grant) -> User:
        """Who signed in (one `GET /user`), stored with the tokens; their repositories listed."""
        identity = self.host.identify(grant.access_token)
        user = self.store.upsert_user(identity.user)
        self.store.save_grant(user.id, grant, identity.scopes)
        self.access.forget(user.id)
        try:
            self.sync_repositories(user.id)
        except TokenRejected:
            raise
        except GitHostError as error:
            # Signed in all the same; the repositories page offers to list them again.
            logger.warning("listing the repositories of user %d failed: %s", user.id, error)
        return user

    def sync_repositories(self, user_id: int) -> bool:
        """List the user's repositories again; False when GitHub says nothing changed (ETag, 304)."""
        token = self.usable_token(user_id).access_token
        etag = self._etags.get(user_id)
        repositories, new_etag = self._as_user(user_id, lambda: self.host.list_repositories(token, etag=etag))
        if repositories is None:
            self.store.touch_repositories(user_id)
            return False
        self.store.replace_repositories(user_id, repositories)
        if new_etag:
            self._etags[user_id] = new_etag
        return True

    # ---- tokens ----------------------------------------------------------------------------

    def usable_token(self, user_id: int) -> StoredTokens:
        """The user's tokens, refreshed first when they expire within the margin."""
        tokens = self.store.tokens(user_id)
        if tokens is None:
            raise TokenRejected()
        if not self._expiring(tokens):
            return tokens
        with self._local_lock(user_id):
            return self._refresh(user_id, seen=tokens.updated_at)

    def _expiring(self, tokens: StoredTokens) -> bool:
        return tokens.expires_at is not None and tokens.expires_at - utcnow() <= self._refresh_margin

    def _refresh(self, user_id: int, *, seen: datetime) -> StoredTokens:
        """Refresh under the user's lock; a process that finds it taken waits and uses the new pair."""
        deadline = time.monotonic() + REFRESH_WAIT_SECONDS
        while True:
            tokens = self.store.tokens(user_id)
            if tokens is None:
                raise TokenRejected()
            if tokens.updated_at != seen or not self._expiring(tokens):
                return tokens  # another thread or process refreshed while we waited
            if self.store.try_lock_refresh(user_id, seconds=REFRESH_LOCK_SECONDS):
                break
            if time.monotonic() > deadline:
                raise TokenRejected("GitHub token refresh did not finish — sign in again")
            time.sleep(0.1)
        if tokens.refresh_token is None:
            self.store.unlock_refresh(user_id)
            self._signed_out(user_id)
            raise TokenRejected()
        try:
            grant = self.host.refresh(tokens.refresh_token)
        except TokenRejected:
            self._signed_out(user_id)
            raise
        except BaseException:
            self.store.unlock_refresh(user_id)
            raise
        # GitHub App tokens carry no scopes; keep what we knew.
        self.store.save_grant(user_id, grant, tokens.scopes)
        logger.info("GitHub token of user %d refreshed", user_id)
        refreshed = self.store.tokens(user_id)
        if refreshed is None:
            raise TokenRejected()
        return refreshed

    def _local_lock(self, user_id: int) -> threading.Lock:
        with self._locks_guard:
            return self._locks.setdefault(user_id, threading.Lock())

    def _signed_out(self, user_id: int) -> None:
        """GitHub refused the user's token for good: drop it and end their sessions."""
        self.store.forget_tokens(user_id)
        self.sessions.end_all(user_id)
        self.access.forget(user_id)

    def _as_user(self, user_id: int, call: Callable[[], T]) -> T:
        try:
            return call()
        except TokenRejected:
            self._signed_out(user_id)
            raise

    # ---- access ----------------------------------------------------------------------------

    def check_repository(self, user_id: int, full_name: str) -> tuple[HostRepository, Identity, str]:
        """Before a clone: the token proven by `GET /user`, then the repository as this user sees it."""
        token = self.usable_token(user_id).access_token
        identity = self._as_user(user_id, lambda: self.host.identify(token))
        repository = self._as_user(user_id, lambda: self.host.repository(token, full_name))
        if repository is None:
            raise self.invisible(identity, full_name)
        self.access.put(user_id, full_name, True)
        return repository, identity, token

    @staticmethod
    def invisible(identity: Identity, full_name: str) -> GitHostError | RepositoryNotFound:
        if identity.lacks("repo"):
            return MissingScope(
                f"GitHub does not show {full_name} to @{identity.user.login}: if it is private, the token lacks "
                "the `repo` scope private repositories need — sign in again and grant access to private repositories"
            )
        return RepositoryNotFound(
            f"GitHub does not show {full_name} to @{identity.user.login}: it was deleted or renamed, made private, "
            "or your access was removed"
        )

    def can_read(self, job: Job) -> bool:
        """Whether the job's documentation may be shown now (re-checked on GitHub, briefly cached)."""
        full_name = self.host.full_name_of(job.github_url)
        if full_name is None:
            return True
        if job.user_id is not None:
            user_id: int | None = job.user_id
        elif job.repository_private is False and self.sign_in_enabled:
            user_id = None  # documented as public: it is shown only while it stays public
        else:
            return True
        cached = self.access.get(user_id, full_name)
        if cached is not None:
            return cached
        if user_id is None:
            repository = self.host.repository(None, full_name)
            readable = repository is not None and not repository.private
        else:
            token = self.usable_token(user_id).access_token
            readable = self._as_user(user_id, lambda: self.host.repository(token, full_name)) is not None
        self.access.put(user_id, full_name, readable)
        return readable
