"""Accounts built from the service's settings and database."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine

from codedoc.github.host import GitHubHost
from codedoc.service.accounts.core import Accounts
from codedoc.service.accounts.owners import Owners
from codedoc.service.accounts.secrets import shared_secret
from codedoc.service.accounts.sessions import SessionStore
from codedoc.service.accounts.states import DatabaseStateCache
from codedoc.service.accounts.store import AccountStore
from codedoc.service.crypto import TokenBox
from codedoc.service.db import create_session_factory
from codedoc.service.settings import ServiceSettings


def build_accounts(settings: ServiceSettings, engine: Engine, box: TokenBox) -> Accounts:
    sessions = create_session_factory(engine)
    config = settings.github_config()
    host = GitHubHost(config, state_cache=DatabaseStateCache(sessions))
    return Accounts(
        host=host,
        store=AccountStore(sessions, box, api_url=config.api_base),
        sessions=SessionStore(
            sessions, shared_secret(sessions, "session_signing_key"), lifetime=timedelta(days=settings.session_days)
        ),
        access_ttl=settings.access_check_seconds,
        refresh_margin=settings.token_refresh_margin,
    )


def build_owners(engine: Engine) -> Owners:
    sessions = create_session_factory(engine)
    return Owners(sessions, shared_secret(sessions, "owner_salt"))
