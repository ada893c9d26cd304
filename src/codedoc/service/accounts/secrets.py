"""Random secrets every process of one deployment shares, kept in the database (made once, never shown)."""

from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from codedoc.service.db.engine import SessionFactory
from codedoc.service.db.models import ServiceSecret


def shared_secret(sessions: SessionFactory, name: str) -> bytes:
    """The secret called `name`; the first process to ask makes it, the others read the same one."""
    with sessions() as session:
        value = session.scalar(select(ServiceSecret.value).where(ServiceSecret.name == name))
    if value is None:
        try:
            with sessions.begin() as session:
                session.add(ServiceSecret(name=name, value=secrets.token_hex(32)))
        except IntegrityError:
            pass  # another process made it first: use theirs
        with sessions() as session:
            value = session.scalar(select(ServiceSecret.value).where(ServiceSecret.name == name))
    assert value is not None
    return bytes.fromhex(value)
