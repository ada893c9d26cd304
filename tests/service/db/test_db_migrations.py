"""Migrations: they build the schema the models describe, on SQLite and PostgreSQL, and run twice safely."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from codedoc.service.db import Base, create_db_engine, upgrade
from codedoc.service.db.migrate import current_revision


def test_upgrade_creates_the_jobs_table_at_head(database_url: str) -> None:
    engine = create_db_engine(database_url)
    try:
        upgrade(engine)
        assert "jobs" in inspect(engine).get_table_names()
        assert current_revision(engine) == "0001"
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
        assert current_revision(engine) == "0001"
    finally:
        engine.dispose()
