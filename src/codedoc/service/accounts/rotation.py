"""Re-encrypt every stored token with the newest key, so an old key can be retired."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, select, update

from codedoc.service.crypto import TokenBox
from codedoc.service.db import create_session_factory
from codedoc.service.db.models import GitHubToken, Job


@dataclass(frozen=True, slots=True)
class RotationReport:
    rotated: int
    """Tokens now sealed with the newest key."""
    unreadable: int
    """Tokens no current key opens (their key was already dropped): those users must sign in again."""


def rotate_tokens(engine: Engine, box: TokenBox) -> RotationReport:
    """Users' GitHub tokens and jobs' access tokens, one row at a time (each row its own transaction)."""
    sessions = create_session_factory(engine)
    rotated = unreadable = 0
    with sessions() as session:
        token_rows = session.execute(
            select(GitHubToken.user_id, GitHubToken.access_token_encrypted, GitHubToken.refresh_token_encrypted)
        ).all()
        job_rows = session.execute(
            select(Job.id, Job.access_token_encrypted).where(Job.access_token_encrypted.is_not(None))
        ).all()
    for user_id, access, refresh in token_rows:
        new_access = box.rotate(access)
        new_refresh = box.rotate(refresh) if refresh else None
        if new_access is None or (refresh and new_refresh is None):
            unreadable += 1
            continue
        with sessions.begin() as session:
            # Only if unchanged meanwhile: a refresh that just stored a new pair used the newest key already.
            session.execute(
                update(GitHubToken)
                .where(GitHubToken.user_id == user_id, GitHubToken.access_token_encrypted == access)
                .values(access_token_encrypted=new_access, refresh_token_encrypted=new_refresh)
                .execution_options(synchronize_session=False)
            )
        rotated += 2 if refresh else 1
    for job_id, sealed in job_rows:
        new = box.rotate(sealed) if sealed else None
        if new is None:
            unreadable += 1
            continue
        with sessions.begin() as session:
            session.execute(
                update(Job)
                .where(Job.id == job_id, Job.access_token_encrypted == sealed)
                .values(access_token_encrypted=new)
                .execution_options(synchronize_session=False)
            )
        rotated += 1
    return RotationReport(rotated, unreadable)
