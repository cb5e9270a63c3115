"""One table of rate-limit counters (diandian.rate_limits) in place of three: the web app's
fixed windows (web_rate), the API keys' per-minute windows (api_rate) and the log of failed
sign-ins and reset requests (sign_in_failures). Counters start afresh.

Revision ID: rate_limits_0001
Revises:
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "rate_limits_0001"
down_revision = None
branch_labels = ("rate_limits",)
# the tables it replaces must exist before it drops them
depends_on = ("web_0001", "apikeys_0001", "accounts_0001")

# the replaced tables, as (name, columns, primary key), for downgrade to make them again
OLD: tuple[tuple[str, dict[str, sa.types.TypeEngine[Any]], int], ...] = (
    ("web_rate", {"bucket": sa.String(96), "window": sa.BigInteger(), "hits": sa.Integer()}, 2),
    ("api_rate", {"key_id": sa.String(24), "window_no": sa.BigInteger(), "hits": sa.Integer()}, 2),
    ("sign_in_failures", {"failure_id": sa.Integer(), "counter": sa.String(300), "at": sa.String(32)}, 1),
)


def upgrade() -> None:
    op.create_table(
        "rate_limits",
        sa.Column("counter", sa.String(64), nullable=False),
        sa.Column("tat_us", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("counter"),
    )
    op.create_index("ix_rate_limits_tat_us", "rate_limits", ["tat_us"])
    for name, _columns, _key in OLD:
        op.drop_table(name)


def downgrade() -> None:
    for name, columns, key in OLD:
        names = list(columns)
        op.create_table(
            name,
            *(sa.Column(column, kind, nullable=False) for column, kind in columns.items()),
            sa.PrimaryKeyConstraint(*names[:key]),
        )
    op.create_index("ix_sign_in_failures_counter", "sign_in_failures", ["counter", "at"])
    op.drop_index("ix_rate_limits_tat_us", table_name="rate_limits")
    op.drop_table("rate_limits")
