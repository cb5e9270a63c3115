"""Tables of participants, leaderboards and the life-footprint record (SQLAlchemy Core). The
Alembic revision ``certificates_0001`` creates them beside the ``certificates`` table, because
every score on a board is a certificate's grams.

Leaderboards are aggregate tables kept up to date as certificates are issued, retired and
revoked, so that a rank or a page is an index lookup even with a million participants:
``leaderboard_totals`` holds all-time totals, ``leaderboard_months`` the same per calendar
month for windowed boards, and ``leaderboard_buckets`` counts participants per score bucket
(three significant digits of the neutralised grams) so a rank never counts more than one
bucket's rows one by one. All three can be rebuilt from ``certificates`` at any time.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

participants = sa.Table(
    "cert_participants",
    metadata,
    sa.Column("participant_id", sa.String(40), primary_key=True),
    sa.Column("display_name", sa.String(64), nullable=True),
    sa.Column("listed", sa.Boolean, nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
)


def _board_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("board", sa.String(16), nullable=False),  # overall | scene | scene_type
        sa.Column("board_key", sa.String(128), nullable=False),  # "" for overall
        sa.Column("participant_id", sa.String(40), nullable=False),
        sa.Column("retired_g", sa.BigInteger, nullable=False),
        sa.Column("pending_g", sa.BigInteger, nullable=False),
        # retired + pending: what the boards rank (paid and allocated, whether retired yet or not)
        sa.Column("neutralised_g", sa.BigInteger, nullable=False, server_default="0"),
    ]


leaderboard_totals = sa.Table(
    "leaderboard_totals",
    metadata,
    *_board_columns(),
    sa.PrimaryKeyConstraint("board", "board_key", "participant_id"),
    # rank = 1 + how many have more: a range count on this index; a page: a walk down it
    sa.Index("ix_leaderboard_totals_rank", "board", "board_key", "neutralised_g", "participant_id"),
)

leaderboard_buckets = sa.Table(
    "leaderboard_buckets",
    metadata,
    sa.Column("board", sa.String(16), nullable=False),
    sa.Column("board_key", sa.String(128), nullable=False),
    sa.Column("bucket", sa.BigInteger, nullable=False),
    sa.Column("n", sa.BigInteger, nullable=False),
    sa.PrimaryKeyConstraint("board", "board_key", "bucket"),
)

leaderboard_months = sa.Table(
    "leaderboard_months",
    metadata,
    sa.Column("month", sa.String(7), nullable=False),
    *_board_columns(),
    sa.PrimaryKeyConstraint("board", "board_key", "month", "participant_id"),
)

# a display name hidden on one board only (an organiser's decision for their scene's board);
# the revision certificates_0003 creates it
hidden_names = sa.Table(
    "leaderboard_hidden_names",
    metadata,
    sa.Column("board", sa.String(16), nullable=False),
    sa.Column("board_key", sa.String(128), nullable=False),
    sa.Column("participant_id", sa.String(40), nullable=False),
    sa.Column("hidden_at", sa.String(32), nullable=False),
    sa.PrimaryKeyConstraint("board", "board_key", "participant_id"),
)

life_entries = sa.Table(
    "life_entries",
    metadata,
    sa.Column("entry_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("participant_id", sa.String(40), nullable=False),
    sa.Column("ref", sa.String(128), nullable=False),
    sa.Column("kind", sa.String(8), nullable=False),  # scene | daily
    sa.Column("occurred_on", sa.String(10), nullable=False),
    sa.Column("scene_id", sa.String(128), nullable=True),
    sa.Column("scene_types", sa.Text, nullable=False),
    sa.Column("grams", sa.BigInteger, nullable=False),
    sa.Column("by_category", sa.Text, nullable=False),
    sa.UniqueConstraint("participant_id", "ref", name="uq_life_entries_ref"),
    sa.Index("ix_life_entries_month", "participant_id", "occurred_on"),
)
