"""Access tokens at rest: encrypted, rotatable keys, the embedded key file private."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from codedoc.service.crypto import TokenBox, load_or_create_key


def test_token_round_trips_and_is_not_stored_in_clear() -> None:
    box = TokenBox([Fernet.generate_key().decode()])
    sealed = box.encrypt("ghp_secret")
    assert "ghp_secret" not in sealed
    assert box.decrypt(sealed) == "ghp_secret"


def test_old_key_still_opens_after_rotation() -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    sealed = TokenBox([old]).encrypt("token")
    assert TokenBox([new, old]).decrypt(sealed) == "token"


def test_retired_key_gives_none_not_an_error() -> None:
    sealed = TokenBox([Fernet.generate_key().decode()]).encrypt("token")
    assert TokenBox([Fernet.generate_key().decode()]).decrypt(sealed) is None


def test_malformed_key_says_how_to_make_one() -> None:
    with pytest.raises(ValueError, match=r"Fernet\.generate_key"):
        TokenBox(["not-a-key"])


def test_embedded_key_is_created_once_and_private(tmp_path: Path) -> None:
    path = tmp_path / "secret.key"
    key = load_or_create_key(path)
    assert load_or_create_key(path) == key
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
