"""Docstrings for a documented job: what the job runs next (`task`) and where its docstrings are stored.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.add_column(sa.Column("task", sa.String(16), nullable=False, server_default="document"))
        batch.add_column(sa.Column("comments_prefix", sa.String(300), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.drop_column("comments_prefix")
        batch.drop_column("task")
