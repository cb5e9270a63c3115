"""Certificates, participants, leaderboard aggregates and the life-footprint record.

Revision ID: certificates_0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "certificates_0001"
down_revision = None
branch_labels = ("certificates",)
# orders referenced by certificates live in the ledger; create it first
depends_on = "offsets_0001"


def _board_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("board", sa.String(16), nullable=False),
        sa.Column("board_key", sa.String(128), nullable=False),
        sa.Column("participant_id", sa.String(40), nullable=False),
        sa.Column("retired_g", sa.BigInteger(), nullable=False),
        sa.Column("pending_g", sa.BigInteger(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "cert_participants",
        sa.Column("participant_id", sa.String(40), nullable=False),
        sa.Column("display_name", sa.String(64), nullable=True),
        sa.Column("listed", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("participant_id"),
    )
    op.create_table(
        "certificates",
        sa.Column("cert_id", sa.String(32), nullable=False),
        sa.Column("order_id", sa.String(64), nullable=True),
        sa.Column("participant_id", sa.String(40), nullable=True),
        sa.Column("scene_id", sa.String(128), nullable=False),
        sa.Column("scene_types", sa.Text(), nullable=False),
        sa.Column("footprint_g", sa.BigInteger(), nullable=False),
        sa.Column("neutralised_g", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.SmallInteger(), nullable=False),
        sa.Column("status_index", sa.BigInteger(), nullable=False),
        sa.Column("kid", sa.String(16), nullable=False),
        sa.Column("issued_at", sa.String(32), nullable=False),
        sa.Column("changed_at", sa.String(32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("qr_text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("cert_id"),
        sa.UniqueConstraint("order_id"),
        sa.UniqueConstraint("status_index"),
    )
    op.create_index("ix_certificates_participant", "certificates", ["participant_id"])
    op.create_index("ix_certificates_status", "certificates", ["status"])
    op.create_table(
        "leaderboard_totals",
        *_board_columns(),
        sa.PrimaryKeyConstraint("board", "board_key", "participant_id"),
    )
    op.create_index(
        "ix_leaderboard_totals_rank",
        "leaderboard_totals",
        ["board", "board_key", "retired_g", "participant_id"],
    )
    op.create_table(
        "leaderboard_buckets",
        sa.Column("board", sa.String(16), nullable=False),
        sa.Column("board_key", sa.String(128), nullable=False),
        sa.Column("bucket", sa.BigInteger(), nullable=False),
        sa.Column("n", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("board", "board_key", "bucket"),
    )
    op.create_table(
        "leaderboard_months",
        sa.Column("month", sa.String(7), nullable=False),
        *_board_columns(),
        sa.PrimaryKeyConstraint("board", "board_key", "month", "participant_id"),
    )
    op.create_table(
        "life_entries",
        sa.Column("entry_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("participant_id", sa.String(40), nullable=False),
        sa.Column("ref", sa.String(128), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("occurred_on", sa.String(10), nullable=False),
        sa.Column("scene_id", sa.String(128), nullable=True),
        sa.Column("scene_types", sa.Text(), nullable=False),
        sa.Column("grams", sa.BigInteger(), nullable=False),
        sa.Column("by_category", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("entry_id"),
        sa.UniqueConstraint("participant_id", "ref", name="uq_life_entries_ref"),
    )
    op.create_index("ix_life_entries_month", "life_entries", ["participant_id", "occurred_on"])


def downgrade() -> None:
    for table in (
        "life_entries",
        "leaderboard_months",
        "leaderboard_totals",
        "certificates",
        "cert_participants",
    ):
        op.drop_table(table)
