"""What the fake GitHub knows: users, OAuth codes, tokens with scopes and expiry, repositories, rights."""

from __future__ import annotations

import secrets
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from repos import make_repo

TOKEN_LIFETIME = 8 * 3600
REFRESH_LIFETIME = 184 * 86_400


@dataclass
class FakeUser:
    id: int
    login: str
    name: str | None = None
    email: str | None = None


@dataclass
class FakeToken:
    value: str
    login: str
    scopes: tuple[str, ...] | None
    """OAuth App tokens have scopes; GitHub App user tokens have none (None: no X-OAuth-Scopes)."""
    expires_at: float | None = None
    revoked: bool = False


@dataclass
class FakeRepo:
    id: int
    owner: str
    name: str
    private: bool
    default_branch: str
    path: Path
    """The bare repository git serves."""
    collaborators: dict[str, str] = field(default_factory=dict)
    """login → `read`, `write` or `admin`."""
    description: str | None = None
    deleted: bool = False

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"


@dataclass
class FakeCode:
    login: str
    redirect_uri: str
    scopes: tuple[str, ...]
    issued_at: float
    used: bool = False


@dataclass
class Scripted:
    method: str
    path: str
    status: int
    headers: dict[str, str]
    body: Any
    times: int


class FakeGitHub:
    """The state behind the fake's routes; tests change it directly between requests."""

    def __init__(
        self,
        root: Path,
        *,
        client_id: str = "Iv1.fakeclientid",
        client_secret: str = "fake-client-secret",
        kind: str = "oauth",
    ) -> None:
        self.root = root
        self.root.mkdir(parents=True, exist_ok=True)
        self.client_id = client_id
        self.client_secret = client_secret
        self.kind = kind
        """`oauth` (OAuth App: scoped tokens that never expire) or `app` (GitHub App: 8-hour tokens + refresh)."""
        self.token_lifetime = TOKEN_LIFETIME
        self.callback_prefix: str | None = None
        """When set, an authorize request whose redirect_uri does not start with it is refused."""
        self.users: dict[str, FakeUser] = {}
        self.tokens: dict[str, FakeToken] = {}
        self.refresh_tokens: dict[str, tuple[str, str]] = {}
        """refresh token → (login, the access token it belongs to)."""
        self.repos: dict[str, FakeRepo] = {}
        self.codes: dict[str, FakeCode] = {}
        self.authorizing_login: str | None = None
        """The person "signed in at GitHub" in the browser that follows the authorize redirect."""
        self.deny_next = False
        self.scripted: list[Scripted] = []
        self.hooks: list[tuple[str, Callable[[], None]]] = []
        self.pulls: dict[str, list[Any]] = {}
        """full_name → pull requests (`routes_git.FakePull`), oldest first."""
        self.ref_updates: list[tuple[str, str, bool]] = []
        """(full_name, branch, forced) of every ref update."""
        self._pull_number = 0
        self.requests: list[tuple[str, str, str]] = []
        """(method, path, Authorization header or "") of every request."""
        self.lock = threading.Lock()
        self._next_id = 1000
        from fakes.github.routes import build_app

        self.app = build_app(self)

    # ---- people and tokens ---------------------------------------------------------------

    def add_user(self, login: str, *, name: str | None = None, email: str | None = None) -> FakeUser:
        self._next_id += 1
        user = FakeUser(self._next_id, login, name or login.title(), email or f"{login}@example.com")
        self.users[login] = user
        if self.authorizing_login is None:
            self.authorizing_login = login
        return user

    def issue_token(self, login: str, *, scopes: tuple[str, ...] | None = ("repo", "read:user", "user:email")) -> str:
        """A token as if from a sign-in (or a personal access token)."""
        prefix = "ghu_" if scopes is None else "gho_"
        value = prefix + secrets.token_hex(18)
        expires = time.time() + self.token_lifetime if scopes is None else None
        self.tokens[value] = FakeToken(value, login, scopes, expires)
        return value

    def issue_refresh(self, login: str, access: str) -> str:
        value = "ghr_" + secrets.token_hex(30)
        self.refresh_tokens[value] = (login, access)
        return value

    def revoke(self, token: str) -> None:
        self.tokens[token].revoked = True

    def expire(self, token: str) -> None:
        self.tokens[token].expires_at = time.time() - 1

    def token_of(self, login: str) -> list[str]:
        """Live access tokens of `login` (tests look for them in logs and pages)."""
        return [t.value for t in self.tokens.values() if t.login == login and self.valid(t)]

    def valid(self, token: FakeToken) -> bool:
        return not token.revoked and (token.expires_at is None or token.expires_at > time.time())

    # ---- repositories ----------------------------------------------------------------------

    def add_repo(
        self,
        full_name: str,
        files: dict[str, str | bytes] | None,
        *,
        private: bool = False,
        collaborators: dict[str, str] | None = None,
        description: str | None = None,
    ) -> FakeRepo:
        owner, name = full_name.split("/")
        bare = self.root / "git" / owner / f"{name}.git"
        if files is not None:  # None: listed by the API only, nothing to clone (cheap, for long lists)
            work = make_repo(files, self.root / "work" / owner / name)
            bare.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run(["git", "clone", "-q", "--bare", str(work), str(bare)], check=True, capture_output=True)
        self._next_id += 1
        repo = FakeRepo(
            self._next_id, owner, name, private, "main", bare, dict(collaborators or {}), description=description
        )
        self.repos[full_name] = repo
        return repo

    def push(self, full_name: str, files: dict[str, str | bytes], *, branch: str = "main") -> str:
        """Commit `files` on top of `branch` and push it to the served repository; returns the new commit."""
        from repos import commit_all, git, write_files

        owner, name = full_name.split("/")
        work = self.root / "work" / owner / name
        if branch != "main":
            # A person building on the branch as it is on GitHub (or starting it from main).
            try:
                git(work, "fetch", "-q", str(self.repos[full_name].path), f"+refs/heads/{branch}:refs/heads/{branch}")
                git(work, "checkout", "-q", branch)
            except subprocess.CalledProcessError:
                git(work, "checkout", "-q", "-B", branch)
        write_files(work, files)
        sha = commit_all(work, f"change {len(files)} file(s)")
        git(work, "push", "-q", str(self.repos[full_name].path), f"HEAD:refs/heads/{branch}")
        if branch != "main":
            git(work, "checkout", "-q", "main")
        return sha

    def can_read(self, repo: FakeRepo, login: str | None) -> bool:
        if repo.deleted:
            return False
        if not repo.private:
            return True
        return login is not None and (login == repo.owner or login in repo.collaborators)

    def can_push(self, repo: FakeRepo, login: str | None) -> bool:
        if login is None or repo.deleted:
            return False
        return login == repo.owner or repo.collaborators.get(login) in ("write", "maintain", "admin")

    # ---- scripted failures -----------------------------------------------------------------

    def fail(
        self,
        path: str,
        status: int,
        *,
        body: Any = None,
        headers: dict[str, str] | None = None,
        times: int = 1,
        method: str = "GET",
    ) -> None:
        """The next `times` requests to `path` (a prefix) get this answer instead."""
        self.scripted.append(Scripted(method, path, status, dict(headers or {}), body, times))

    def secondary_rate_limit(self, path: str, *, retry_after: int = 60, times: int = 1) -> None:
        self.fail(
            path,
            403,
            headers={"Retry-After": str(retry_after)},
            body={
                "message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
                "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
            },
            times=times,
        )

    def primary_rate_limit(self, path: str, *, reset_in: int = 3600, times: int = 1) -> None:
        self.fail(
            path,
            403,
            headers={"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(time.time()) + reset_in)},
            body={
                "message": "API rate limit exceeded for user ID 1.",
                "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
            },
            times=times,
        )

    def after(self, path: str, callback: Callable[[], None]) -> None:
        """Run `callback` once, right after the next request to `path` (a prefix) is answered."""
        self.hooks.append((path, callback))

    def take_scripted(self, method: str, path: str) -> Scripted | None:
        with self.lock:
            for scripted in self.scripted:
                if scripted.method == method and path.startswith(scripted.path) and scripted.times > 0:
                    scripted.times -= 1
                    return scripted
        return None

    def take_hooks(self, path: str) -> list[Callable[[], None]]:
        with self.lock:
            due = [hook for prefix, hook in self.hooks if path.startswith(prefix)]
            self.hooks = [(prefix, hook) for prefix, hook in self.hooks if not path.startswith(prefix)]
        return due

    def next_pull_number(self) -> int:
        self._pull_number += 1
        return self._pull_number

    def close_pull(self, full_name: str, number: int) -> None:
        """A person closes the pull request without merging it."""
        for pull in self.pulls.get(full_name, []):
            if pull.number == number:
                pull.state = "closed"

    def new_code(self, login: str, redirect_uri: str, scopes: tuple[str, ...]) -> str:
        code = secrets.token_hex(10)
        self.codes[code] = FakeCode(login, redirect_uri, scopes, time.time())
        return code
