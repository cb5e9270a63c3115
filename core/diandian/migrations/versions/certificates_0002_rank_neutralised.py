"""Leaderboards rank neutralised grams (paid and allocated), pending retirement or retired.

Adds ``neutralised_g`` (= ``retired_g`` + ``pending_g``) to the board totals and months, ranks
on it, and recounts the score buckets from it.

Revision ID: certificates_0002
Revises: certificates_0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "certificates_0002"
down_revision = "certificates_0001"
branch_labels = None
depends_on = None

TABLES = ("leaderboard_totals", "leaderboard_months")


def _bucket(grams: int) -> int:
    # the bucket rule of diandian.visitors.leaderboard at this revision, written out so the
    # migration stays what it was if that rule changes
    digits = str(grams)
    return len(digits) * 1000 + int(digits[:3])


def _recount(column: str) -> None:
    conn = op.get_bind()
    counts: dict[tuple[str, str, int], int] = {}
    rows = conn.execute(
        sa.text(f"SELECT board, board_key, {column} FROM leaderboard_totals WHERE {column} > 0")
    )
    for board, key, grams in rows:
        counts[board, key, _bucket(int(grams))] = counts.get((board, key, _bucket(int(grams))), 0) + 1
    conn.execute(sa.text("DELETE FROM leaderboard_buckets"))
    if counts:
        conn.execute(
            sa.text(
                "INSERT INTO leaderboard_buckets (board, board_key, bucket, n) VALUES (:b, :k, :bucket, :n)"
            ),
            [{"b": b, "k": k, "bucket": n, "n": c} for (b, k, n), c in counts.items()],
        )


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("neutralised_g", sa.BigInteger(), nullable=False, server_default="0"))
        op.execute(f"UPDATE {table} SET neutralised_g = retired_g + pending_g")
    op.drop_index("ix_leaderboard_totals_rank", table_name="leaderboard_totals")
    op.create_index(
        "ix_leaderboard_totals_rank",
        "leaderboard_totals",
        ["board", "board_key", "neutralised_g", "participant_id"],
    )
    _recount("neutralised_g")


def downgrade() -> None:
    op.drop_index("ix_leaderboard_totals_rank", table_name="leaderboard_totals")
    op.create_index(
        "ix_leaderboard_totals_rank",
        "leaderboard_totals",
        ["board", "board_key", "retired_g", "participant_id"],
    )
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("neutralised_g")
    _recount("retired_g")
