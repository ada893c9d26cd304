"""GitHub webhook deliveries already handled (a replay is ignored), and CodeDoc's pull requests.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from codedoc.service.db.models import UTCDateTime

revision = "0006"
down_revision = "0005"
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
    op.create_table(
        "github_pull_requests",
        sa.Column("owner", sa.String(64), nullable=False),
        sa.Column("full_name", sa.String(255), nullable=False),
        sa.Column("base", sa.String(255), nullable=False),
        sa.Column("branch", sa.String(255), nullable=False),
        sa.Column("last_commit", sa.String(64), nullable=True),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("url", sa.String(2048), nullable=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("owner", "full_name", "base", name=op.f("pk_github_pull_requests")),
    )
    with op.batch_alter_table("jobs") as batch:
        batch.add_column(sa.Column("pull_request_url", sa.String(2048), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.drop_column("pull_request_url")
    op.drop_table("github_pull_requests")
    op.drop_table("github_deliveries")
