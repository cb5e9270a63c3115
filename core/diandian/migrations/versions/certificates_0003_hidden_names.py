"""Names hidden on one board: an organiser hides a display name on their scene's leaderboard
only; the participant keeps it on every other board.

Revision ID: certificates_0003
Revises: certificates_0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "certificates_0003"
down_revision = "certificates_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "leaderboard_hidden_names",
        sa.Column("board", sa.String(length=16), nullable=False),
        sa.Column("board_key", sa.String(length=128), nullable=False),
        sa.Column("participant_id", sa.String(length=40), nullable=False),
        sa.Column("hidden_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("board", "board_key", "participant_id"),
    )


def downgrade() -> None:
    op.drop_table("leaderboard_hidden_names")
