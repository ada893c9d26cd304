"""Where Authlib keeps an OAuth `state` between the redirect and the callback: a database row.

Every API process sees it (the callback may reach another process than the redirect), and the
callback deletes it, so a replayed callback finds nothing and is refused.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select
from starlette.concurrency import run_in_threadpool

from codedoc.service.db.engine import SessionFactory
from codedoc.service.db.models import OAuthState, utcnow

DEFAULT_LIFETIME = 600


class DatabaseStateCache:
    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions

    async def get(self, key: str) -> str | None:
        return await run_in_threadpool(self._get, key)

    async def set(self, key: str, value: str, expires: int | None = None) -> None:
        await run_in_threadpool(self._set, key, value, expires or DEFAULT_LIFETIME)

    async def delete(self, key: str) -> None:
        await run_in_threadpool(self._delete, key)

    def _get(self, key: str) -> str | None:
        with self._sessions() as session:
            row = session.scalars(select(OAuthState).where(OAuthState.key == key[:200])).first()
        return row.value if row is not None and row.expires_at > utcnow() else None

    def _set(self, key: str, value: str, expires: int) -> None:
        now = utcnow()
        # At most ten minutes, whatever the library asks: a sign-in is quick.
        lifetime = timedelta(seconds=min(expires, DEFAULT_LIFETIME))
        with self._sessions.begin() as session:
            session.execute(delete(OAuthState).where(OAuthState.expires_at < now))
            session.merge(OAuthState(key=key[:200], value=value, expires_at=now + lifetime))

    def _delete(self, key: str) -> None:
        with self._sessions.begin() as session:
            session.execute(delete(OAuthState).where(OAuthState.key == key[:200]))
