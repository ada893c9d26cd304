"""A fake GitHub served on 127.0.0.1, a service pointed at it, and a browser-like client that signs in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from github_flow import GitHubWorld

from fakes.github import FakeGitHub, serve_fake

SECRET_FILES = {
    "vault/__init__.py": '"""The vault: keeps secrets."""\n',
    "vault/core.py": 'def open_vault(code: str) -> bool:\n    """Open the vault."""\n    return code == "1234"\n',
    "README.md": "# Vault\n\nPrivate code.\n",
}
OPEN_FILES = {
    "tools/__init__.py": '"""Tools for everyone."""\n',
    "tools/hammer.py": "def hit(nail: str) -> str:\n    return nail\n",
}


@pytest.fixture
def fake(tmp_path: Path) -> FakeGitHub:
    fake = FakeGitHub(tmp_path / "github")
    fake.add_user("alice")
    fake.add_user("bob")
    fake.add_repo("alice/secret", SECRET_FILES, private=True, description="Alice's private vault")
    fake.add_repo("alice/open", OPEN_FILES, collaborators={"bob": "read"})
    fake.authorizing_login = "alice"
    return fake


@pytest.fixture
def github_url(fake: FakeGitHub) -> Iterator[str]:
    with serve_fake(fake) as url:
        yield url


@pytest.fixture
def world(make_service: Any, fake: FakeGitHub, github_url: str) -> GitHubWorld:
    return GitHubWorld(fake, github_url, make_service)
