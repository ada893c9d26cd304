"""Whether CodeDoc's pull request carries docstrings, so an update after a push writes them again.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("github_pull_requests") as batch:
        batch.add_column(sa.Column("with_docstrings", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("github_pull_requests") as batch:
        batch.drop_column("with_docstrings")
