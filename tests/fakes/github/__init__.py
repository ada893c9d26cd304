"""A stateful fake of GitHub (Enterprise URL layout) for tests, reached only through the real clients.

    fake = FakeGitHub(tmp_path / "github")
    alice = fake.add_user("alice")
    fake.add_repo("alice/secret", {"app.py": "..."}, private=True)
    with serve_fake(fake) as url:           # a real server on 127.0.0.1 (worker processes, git, browsers)
        ...
    transport = httpx.ASGITransport(app=fake.app)   # or in-process

Web: `/login/oauth/authorize`, `/login/oauth/access_token`. REST: `/api/v3/user`, `/api/v3/user/repos`,
`/api/v3/repos/{owner}/{repo}`. Git smart HTTP: `/{owner}/{repo}.git/…` backed by real bare repositories
through `git http-backend`. Failures in GitHub's real shapes are scripted with `fake.fail(...)`.
"""

from fakes.github.server import serve_fake
from fakes.github.state import FakeGitHub, FakeRepo, FakeToken, FakeUser

__all__ = ["FakeGitHub", "FakeRepo", "FakeToken", "FakeUser", "serve_fake"]
