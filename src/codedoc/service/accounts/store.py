"""Users, their encrypted tokens and their repository list, in the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, or_, select, update

from codedoc.github.provider import Grant, HostRepository, HostUser
from codedoc.service.crypto import TokenBox
from codedoc.service.db.engine import SessionFactory
from codedoc.service.db.models import GitHubToken, User, UserRepository, utcnow


@dataclass(frozen=True, slots=True)
class StoredTokens:
    """A user's tokens, decrypted for one use. `repr` hides them."""

    user_id: int
    access_token: str
    refresh_token: str | None
    expires_at: datetime | None
    scopes: frozenset[str] | None
    updated_at: datetime

    def __repr__(self) -> str:
        return f"StoredTokens(user_id={self.user_id}, expires_at={self.expires_at})"


@dataclass(frozen=True, slots=True)
class RepositoryPage:
    items: list[UserRepository]
    total: int
    page: int
    pages: int


class AccountStore:
    def __init__(self, sessions: SessionFactory, box: TokenBox, *, api_url: str) -> None:
        self.sessions = sessions
        self._sessions = sessions
        self._box = box
        self._api_url = api_url

    # ---- users -----------------------------------------------------------------------------

    def upsert_user(self, person: HostUser) -> User:
        now = utcnow()
        with self._sessions.begin() as session:
            user = session.scalars(select(User).where(User.github_id == person.id)).first()
            if user is None:
                user = User(github_id=person.id, created_at=now)
                session.add(user)
            user.login = person.login[:100]
            user.name = (person.name or "")[:255] or None
            user.email = (person.email or "")[:320] or None
            user.avatar_url = (person.avatar_url or "")[:2048] or None
            user.last_sign_in_at = now
            session.flush()
            session.expunge(user)
        return user

    def user(self, user_id: int) -> User | None:
        with self._sessions() as session:
            return session.get(User, user_id)

    # ---- tokens ----------------------------------------------------------------------------

    def save_grant(self, user_id: int, grant: Grant, scopes: frozenset[str] | None) -> None:
        """Store a new pair (sign-in or refresh) and release the refresh lock, in one write."""
        values = {
            "access_token_encrypted": self._box.encrypt(grant.access_token),
            "refresh_token_encrypted": self._box.encrypt(grant.refresh_token) if grant.refresh_token else None,
            "expires_at": grant.expires_at,
            "refresh_expires_at": grant.refresh_expires_at,
            "scopes": ",".join(sorted(scopes)) if scopes is not None else None,
            "api_url": self._api_url,
            "refresh_lock_until": None,
            "updated_at": utcnow(),
        }
        with self._sessions.begin() as session:
            row = session.get(GitHubToken, user_id)
            if row is None:
                session.add(GitHubToken(user_id=user_id, **values))
            else:
                for name, value in values.items():
                    setattr(row, name, value)

    def tokens(self, user_id: int) -> StoredTokens | None:
        """The user's tokens, or None when there are none or no current key opens them."""
        with self._sessions() as session:
            row = session.get(GitHubToken, user_id)
        if row is None:
            return None
        access = self._box.decrypt(row.access_token_encrypted)
        if access is None:
            return None
        refresh = self._box.decrypt(row.refresh_token_encrypted) if row.refresh_token_encrypted else None
        scopes = None if row.scopes is None else frozenset(s for s in row.scopes.split(",") if s)
        return StoredTokens(user_id, access, refresh, row.expires_at, scopes, row.updated_at)

    def forget_tokens(self, user_id: int) -> None:
        with self._sessions.begin() as session:
            session.execute(delete(GitHubToken).where(GitHubToken.user_id == user_id))

    def try_lock_refresh(self, user_id: int, *, seconds: float) -> bool:
        """Take the user's refresh lock (one conditional UPDATE, so one process wins)."""
        from datetime import timedelta

        now = utcnow()
        with self._sessions.begin() as session:
            result = session.execute(
                update(GitHubToken)
                .where(
                    GitHubToken.user_id == user_id,
                    or_(GitHubToken.refresh_lock_until.is_(None), GitHubToken.refresh_lock_until < now),
                )
                .values(refresh_lock_until=now + timedelta(seconds=seconds))
                .execution_options(synchronize_session=False)
            )
            return bool(getattr(result, "rowcount", 0) == 1)

    def unlock_refresh(self, user_id: int) -> None:
        with self._sessions.begin() as session:
            session.execute(
                update(GitHubToken)
                .where(GitHubToken.user_id == user_id)
                .values(refresh_lock_until=None)
                .execution_options(synchronize_session=False)
            )

    # ---- repositories --------------------------------------------------------------------------

    def replace_repositories(self, user_id: int, repositories: list[HostRepository]) -> None:
        now = utcnow()
        with self._sessions.begin() as session:
            session.execute(delete(UserRepository).where(UserRepository.user_id == user_id))
            session.add_all(
                UserRepository(
                    user_id=user_id,
                    repo_id=repo.id,
                    full_name=repo.full_name[:255],
                    private=repo.private,
                    default_branch=repo.default_branch[:255],
                    can_push=repo.can_push,
                    description=(repo.description or "")[:500] or None,
                    synced_at=now,
                )
                for repo in {repo.id: repo for repo in repositories}.values()
            )

    def touch_repositories(self, user_id: int) -> None:
        with self._sessions.begin() as session:
            session.execute(
                update(UserRepository)
                .where(UserRepository.user_id == user_id)
                .values(synced_at=utcnow())
                .execution_options(synchronize_session=False)
            )

    def repositories(self, user_id: int, *, query: str = "", page: int = 1, per_page: int = 30) -> RepositoryPage:
        condition = [UserRepository.user_id == user_id]
        if query:
            escaped = query.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            condition.append(func.lower(UserRepository.full_name).like(f"%{escaped}%", escape="\\"))
        with self._sessions() as session:
            total = int(session.scalar(select(func.count()).select_from(UserRepository).where(*condition)) or 0)
            pages = max((total + per_page - 1) // per_page, 1)
            page = min(max(page, 1), pages)
            items = list(
                session.scalars(
                    select(UserRepository)
                    .where(*condition)
                    .order_by(func.lower(UserRepository.full_name))
                    .offset((page - 1) * per_page)
                    .limit(per_page)
                )
            )
        return RepositoryPage(items, total, page, pages)

    def synced_at(self, user_id: int) -> datetime | None:
        with self._sessions() as session:
            return session.scalar(select(func.max(UserRepository.synced_at)).where(UserRepository.user_id == user_id))
