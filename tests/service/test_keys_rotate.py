"""`codedoc keys rotate`: every stored token re-sealed with the newest key, so the old key can go."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from cryptography.fernet import Fernet
from sqlalchemy import select

from codedoc.cli import main
from codedoc.github.provider import Grant, HostUser
from codedoc.service.accounts.store import AccountStore
from codedoc.service.crypto import TokenBox
from codedoc.service.db import create_db_engine, create_session_factory, upgrade
from codedoc.service.db.models import GitHubToken, Job
from codedoc.service.jobs.state import JobStateMachine


def test_keys_rotate_reseals_user_and_job_tokens_with_the_newest_key(tmp_path: Path) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    url = f"sqlite:///{tmp_path / 'codedoc.db'}"
    engine = create_db_engine(url)
    upgrade(engine)
    sessions = create_session_factory(engine)
    store = AccountStore(sessions, TokenBox([old]), api_url="https://api.github.com")
    user = store.upsert_user(HostUser(id=7, login="alice"))
    store.save_grant(user.id, Grant("ghu_access", "ghr_refresh"), None)
    state = JobStateMachine(sessions, max_attempts=3)
    state.create(
        owner="",
        github_url="https://github.com/a/b",
        ref=None,
        access_token_encrypted=TokenBox([old]).encrypt("ghp_job"),
    )

    env = {"CODEDOC_DATA_DIR": str(tmp_path), "CODEDOC_SECRET_KEY": f"{new},{old}"}
    result = CliRunner().invoke(main, ["keys", "rotate"], env=env)
    assert result.exit_code == 0, result.output
    assert "3 token(s) re-encrypted" in result.output

    only_new = TokenBox([new])
    with sessions() as session:
        row = session.scalars(select(GitHubToken)).one()
        job = session.scalars(select(Job)).one()
    assert only_new.decrypt(row.access_token_encrypted) == "ghu_access"
    assert only_new.decrypt(row.refresh_token_encrypted or "") == "ghr_refresh"
    assert only_new.decrypt(job.access_token_encrypted or "") == "ghp_job"
    assert "ghu_access" not in result.output and "ghp_job" not in result.output
    engine.dispose()


def test_keys_rotate_reports_tokens_no_key_opens(tmp_path: Path) -> None:
    lost, current = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    engine = create_db_engine(f"sqlite:///{tmp_path / 'codedoc.db'}")
    upgrade(engine)
    store = AccountStore(create_session_factory(engine), TokenBox([lost]), api_url="https://api.github.com")
    user = store.upsert_user(HostUser(id=8, login="bob"))
    store.save_grant(user.id, Grant("gho_x"), frozenset({"repo"}))
    engine.dispose()
    result = CliRunner().invoke(
        main, ["keys", "rotate"], env={"CODEDOC_DATA_DIR": str(tmp_path), "CODEDOC_SECRET_KEY": current}
    )
    assert result.exit_code == 0
    assert "0 token(s) re-encrypted" in result.output and "must sign in again" in result.output
