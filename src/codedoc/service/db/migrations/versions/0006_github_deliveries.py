"""GitHub webhook deliveries already handled, so a replayed delivery is ignored.

Revision ID: 0006
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from codedoc.service.db.models import UTCDateTime

revision = "0006"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "github_deliveries",
        sa.Column("delivery_id", sa.String(100), nullable=False),
        sa.Column("event", sa.String(50), nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("delivery_id", name=op.f("pk_github_deliveries")),
    )
    op.create_index("ix_github_deliveries_received_at", "github_deliveries", ["received_at"])


def downgrade() -> None:
    op.drop_table("github_deliveries")
