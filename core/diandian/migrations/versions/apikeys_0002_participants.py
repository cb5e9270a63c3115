"""Which owner's API key created each participant, so that keys see only their own.

Revision ID: apikeys_0002
Revises: apikeys_0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "apikeys_0002"
down_revision = "apikeys_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "api_participants",
        sa.Column("participant_id", sa.String(32), nullable=False),
        sa.Column("owner", sa.String(128), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("participant_id"),
    )


def downgrade() -> None:
    op.drop_table("api_participants")
