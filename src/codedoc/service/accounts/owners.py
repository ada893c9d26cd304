"""Whose job is whose: API keys become owners through a salted HMAC, GitHub users through their id.

Before migration 0004 an owner was a bare SHA-256 of the key; the first time a key is used after the
upgrade, its jobs are moved to the new owner, once per process.
"""

from __future__ import annotations

import hashlib
import hmac
import threading

from sqlalchemy import update

from codedoc.service.db.engine import SessionFactory
from codedoc.service.db.models import Job


def legacy_owner(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()[:32]


class Owners:
    def __init__(self, sessions: SessionFactory, salt: bytes) -> None:
        self._sessions = sessions
        self._salt = salt
        self._moved: set[str] = set()
        self._lock = threading.Lock()

    def of_key(self, key: str) -> str:
        """The owner of the jobs made with this API key."""
        owner = "k:" + hmac.new(self._salt, key.encode(), hashlib.sha256).hexdigest()[:40]
        if owner not in self._moved:
            with self._lock:
                if owner not in self._moved:
                    with self._sessions.begin() as session:
                        session.execute(update(Job).where(Job.owner == legacy_owner(key)).values(owner=owner))
                    self._moved.add(owner)
        return owner

    @staticmethod
    def of_github_user(github_id: int) -> str:
        return f"gh:{github_id}"
