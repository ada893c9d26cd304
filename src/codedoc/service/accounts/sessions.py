"""Signed-in browsers: a random id in a signed cookie, a row (keyed by the id's digest) that expires.

The cookie is `<id>.<HMAC of id>`; the table keeps SHA-256(id), so reading the database gives no
usable cookie. Signing out deletes the row, so a copied cookie stops working too.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select

from codedoc.service.db.engine import SessionFactory
from codedoc.service.db.models import WebSession, utcnow

COOKIE = "codedoc_session"
MAX_COOKIE_LENGTH = 200


@dataclass(frozen=True, slots=True)
class SignedIn:
    owner: str
    user_id: int | None
    expires_at: datetime


class SessionStore:
    def __init__(self, sessions: SessionFactory, signing_key: bytes, *, lifetime: timedelta) -> None:
        self._sessions = sessions
        self._key = signing_key
        self.lifetime = lifetime

    def start(self, *, owner: str, user_id: int | None) -> str:
        """A new session; returns the cookie value."""
        session_id = secrets.token_urlsafe(32)
        now = utcnow()
        with self._sessions.begin() as session:
            session.execute(delete(WebSession).where(WebSession.expires_at < now))
            session.add(
                WebSession(
                    id_digest=_digest(session_id),
                    owner=owner,
                    user_id=user_id,
                    created_at=now,
                    expires_at=now + self.lifetime,
                )
            )
        return f"{session_id}.{self._sign(session_id)}"

    def find(self, cookie: str | None) -> SignedIn | None:
        session_id = self._verified(cookie)
        if session_id is None:
            return None
        with self._sessions() as session:
            row = session.scalars(select(WebSession).where(WebSession.id_digest == _digest(session_id))).first()
        if row is None or row.expires_at <= utcnow():
            return None
        return SignedIn(row.owner, row.user_id, row.expires_at)

    def end(self, cookie: str | None) -> None:
        session_id = self._verified(cookie)
        if session_id is not None:
            with self._sessions.begin() as session:
                session.execute(delete(WebSession).where(WebSession.id_digest == _digest(session_id)))

    def end_all(self, user_id: int) -> None:
        """Every browser of this user (their GitHub token was refused: they must sign in again)."""
        with self._sessions.begin() as session:
            session.execute(delete(WebSession).where(WebSession.user_id == user_id))

    def seal(self, text: str) -> str:
        """`text` signed, for a cookie the server must be able to trust (no secrets in it: it is readable)."""
        return f"{text}.{self._sign('sealed:' + text)}"

    def unseal(self, cookie: str | None) -> str | None:
        if not cookie or len(cookie) > 4096:
            return None
        text, _, signature = cookie.rpartition(".")
        return text if text and hmac.compare_digest(signature, self._sign("sealed:" + text)) else None

    def _sign(self, session_id: str) -> str:
        return hmac.new(self._key, session_id.encode(), hashlib.sha256).hexdigest()

    def _verified(self, cookie: str | None) -> str | None:
        if not cookie or len(cookie) > MAX_COOKIE_LENGTH:
            return None
        session_id, _, signature = cookie.rpartition(".")
        if not session_id or not hmac.compare_digest(signature, self._sign(session_id)):
            return None
        return session_id


def _digest(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()
