"""Alembic environment: runs on the connection handed over by `codedoc.service.db.migrate`."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from codedoc.service.db.models import Base

connection: Connection | None = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through `codedoc db upgrade`, which supplies the connection")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
