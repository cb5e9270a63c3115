"""The ledger names a scene ``scene_id``, as the rest of the SDK does: ``orders.event_id``,
``event_claims.event_id`` and ``claim_members.event_id`` are renamed (an *event* in the ledger
is an entry of its event log). Rows and foreign keys stay as they are; events logged before
keep their first spelling (the log is hash-chained) and the audit reads both.

Revision ID: offsets_0002
Revises: offsets_0001
"""

from __future__ import annotations

from alembic import op

revision = "offsets_0002"
down_revision = "offsets_0001"
branch_labels = None
depends_on = None

COLUMNS = ("event_claims", "claim_members", "orders")


def _rename(old: str, new: str, index: tuple[str, str]) -> None:
    # ALTER TABLE ... RENAME COLUMN keeps rows, keys and the foreign keys that name the column,
    # on SQLite (3.25 and later) and PostgreSQL alike; no table is copied
    for table in COLUMNS:
        op.execute(f"ALTER TABLE {table} RENAME COLUMN {old} TO {new}")
    op.drop_index(index[0], table_name="orders")
    op.create_index(index[1], "orders", [new], unique=False)


def upgrade() -> None:
    _rename("event_id", "scene_id", ("ix_orders_event", "ix_orders_scene"))


def downgrade() -> None:
    _rename("scene_id", "event_id", ("ix_orders_scene", "ix_orders_event"))
