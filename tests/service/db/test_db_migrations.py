"""Migrations: they build the schema the models describe, on SQLite and PostgreSQL, and run twice safely."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from codedoc.service.db import Base, create_db_engine, upgrade
from codedoc.service.db.migrate import current_revision

HEAD = "0007"


def test_upgrade_creates_the_jobs_table_at_head(database_url: str) -> None:
    engine = create_db_engine(database_url)
    try:
        upgrade(engine)
        assert "jobs" in inspect(engine).get_table_names()
        assert current_revision(engine) == HEAD
    finally:
        engine.dispose()


def test_migrated_schema_matches_the_models(database_url: str) -> None:
    engine = create_db_engine(database_url)
    try:
        upgrade(engine)
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert differences == []
    finally:
        engine.dispose()


def test_upgrade_twice_changes_nothing(database_url: str) -> None:
    engine = create_db_engine(database_url)
    try:
        upgrade(engine)
        upgrade(engine)
        assert current_revision(engine) == HEAD
    finally:
        engine.dispose()


def test_a_database_of_the_first_release_upgrades_and_keeps_its_jobs(database_url: str) -> None:
    engine = create_db_engine(database_url)
    try:
        upgrade(engine, "0001")
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO jobs (id, owner, github_url, status, progress, attempts, cancel_requested, dedup_key,"
                    " created_at, updated_at) VALUES ('old-job', '', 'https://github.com/o/r', 'completed', 100, 1,"
                    " false, 'k', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
                )
            )
        upgrade(engine)
        assert current_revision(engine) == HEAD
        with engine.connect() as connection:
            row = connection.execute(text("SELECT id, status, llm_usage FROM jobs")).one()
        assert tuple(row) == ("old-job", "completed", None)
    finally:
        engine.dispose()


def test_a_database_of_today_gains_the_github_tables_and_keeps_its_jobs(database_url: str) -> None:
    engine = create_db_engine(database_url)
    try:
        upgrade(engine, "0002")
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO jobs (id, owner, github_url, status, progress, attempts, cancel_requested, dedup_key,"
                    " created_at, updated_at, llm_usage) VALUES ('job-0002', 'o', 'https://github.com/o/r',"
                    " 'completed', 100, 1, false, 'k2', '2026-01-01 00:00:00', '2026-01-01 00:00:00', '{}')"
                )
            )
        upgrade(engine, "0004")
        tables = set(inspect(engine).get_table_names())
        assert {"users", "github_tokens", "web_sessions", "user_repositories", "oauth_states"} <= tables
        with engine.connect() as connection:
            row = connection.execute(
                text("SELECT id, llm_usage, user_id, has_write_access, repository_private FROM jobs")
            ).one()
        assert tuple(row) == ("job-0002", "{}", None, False, None)
    finally:
        engine.dispose()
