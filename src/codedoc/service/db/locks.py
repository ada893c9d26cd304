"""A per-owner lock held until the end of the current transaction, on SQLite and PostgreSQL.

Checks such as "fewer than N live jobs" followed by an insert are only sound when no other
transaction can do the same check in between. PostgreSQL: a transaction-scoped advisory lock on
the owner (other owners proceed in parallel). SQLite: `BEGIN IMMEDIATE`, which takes the database's
write lock before the first read (SQLite has one writer at a time anyway).
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

# Namespace of CodeDoc's owner locks among the database's advisory locks ("cdoc").
_PG_NAMESPACE = 0x63646F63


def lock_owner(session: Session, owner: str) -> None:
    """Call first in a `sessions.begin()` block; the lock is released when the transaction ends."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(
            text("SELECT pg_advisory_xact_lock(:namespace, hashtext(:owner))"),
            {"namespace": _PG_NAMESPACE, "owner": owner},
        )
    elif connection.dialect.name == "sqlite":
        # pysqlite has not begun a transaction yet (it does so lazily before the first write), so
        # this BEGIN is the transaction's start; SQLAlchemy's commit or rollback ends it.
        if connection.connection.dbapi_connection.in_transaction:  # type: ignore[union-attr]
            raise RuntimeError("lock_owner must be the first statement of its transaction")
        connection.exec_driver_sql("BEGIN IMMEDIATE")
