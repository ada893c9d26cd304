"""The settings class: environment variable names, defaults and validation."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from codedoc.service.settings import ServiceSettings


def test_embedded_defaults_live_in_the_data_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CODEDOC_DATA_DIR", str(tmp_path))
    settings = ServiceSettings()
    assert settings.resolved_database_url == f"sqlite:///{tmp_path}/codedoc.db"
    assert settings.resolved_queue_url == f"sqlite:///{tmp_path}/queue.db"
    assert settings.resolved_storage_url == str(tmp_path / "artifacts")


def test_database_url_is_read_without_prefix_and_uses_psycopg(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://user@db:5432/codedoc")
    assert ServiceSettings().resolved_database_url == "postgresql+psycopg://user@db:5432/codedoc"


def test_unknown_queue_scheme_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CODEDOC_QUEUE_URL", "amqp://rabbit")
    with pytest.raises(ValidationError, match="CODEDOC_QUEUE_URL"):
        ServiceSettings()


def test_heartbeat_must_be_shorter_than_the_lease() -> None:
    with pytest.raises(ValidationError, match="HEARTBEAT"):
        ServiceSettings(lease_seconds=10, heartbeat_seconds=10)


def test_heartbeat_defaults_to_a_third_of_the_lease() -> None:
    assert ServiceSettings(lease_seconds=30).heartbeat_interval == 10


def test_api_keys_are_split_and_trimmed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CODEDOC_API_KEYS", " one, two ,,")
    assert ServiceSettings().api_key_list() == ["one", "two"]


def test_dotenv_file_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("CODEDOC_WORKERS=7\n")
    monkeypatch.chdir(tmp_path)
    assert ServiceSettings().workers == 7
