"""Accounts: people signed in with GitHub, their tokens and sessions, and what they may read."""

from codedoc.service.accounts.core import Accounts
from codedoc.service.accounts.sessions import COOKIE, SessionStore, SignedIn

__all__ = ["COOKIE", "Accounts", "SessionStore", "SignedIn"]
