"""Offsets ledger: catalogue, batches, orders, allocations, retirements, claims, settlements,
the hash-chained event log and the sandbox payment store.

Revision ID: offsets_0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "offsets_0001"
down_revision = None
branch_labels = ("offsets",)
depends_on = None

GENESIS_HASH = "0" * 64


def upgrade() -> None:
    op.create_table(
        "event_claims",
        sa.Column("event_id", sa.String(length=128), nullable=False),
        sa.Column("organiser", sa.Text(), nullable=False),
        sa.Column("footprint_g", sa.BigInteger(), nullable=False),
        sa.Column("policy", sa.String(length=16), nullable=False),
        sa.Column("decided_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("event_id"),
    )
    op.create_table(
        "ledger_events",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
    )
    op.create_table(
        "ledger_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "programs",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name_en", sa.Text(), nullable=False),
        sa.Column("name_zh", sa.Text(), nullable=False),
        sa.Column("registry_url", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "sandbox_intents",
        sa.Column("intent_id", sa.String(length=40), nullable=False),
        sa.Column("idempotency_key", sa.String(length=200), nullable=False),
        sa.Column("order_id", sa.String(length=40), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("settled_at", sa.String(length=32), nullable=True),
        sa.Column("refund_id", sa.String(length=40), nullable=True),
        sa.PrimaryKeyConstraint("intent_id"),
        sa.UniqueConstraint("idempotency_key"),
    )
    op.create_table(
        "settlements",
        sa.Column("settlement_id", sa.String(length=40), nullable=False),
        sa.Column("owner", sa.Text(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("period_start", sa.String(length=32), nullable=False),
        sa.Column("period_end", sa.String(length=32), nullable=False),
        sa.Column("credit_minor", sa.BigInteger(), nullable=False),
        sa.Column("fee_minor", sa.BigInteger(), nullable=False),
        sa.Column("recorded_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("settlement_id"),
    )
    op.create_table(
        "projects",
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("program", sa.String(length=32), nullable=False),
        sa.Column("registry_project_id", sa.String(length=128), nullable=False),
        sa.Column("name_en", sa.Text(), nullable=False),
        sa.Column("name_zh", sa.Text(), nullable=False),
        sa.Column("methodology", sa.Text(), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("region", sa.String(length=16), nullable=False),
        sa.Column("city", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("owner", sa.Text(), nullable=False),
        sa.Column("price_per_tonne_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("description_en", sa.Text(), nullable=False),
        sa.Column("description_zh", sa.Text(), nullable=False),
        sa.Column("demo", sa.Boolean(), nullable=False),
        sa.CheckConstraint("price_per_tonne_minor > 0", name="ck_projects_price"),
        sa.ForeignKeyConstraint(
            ["program"],
            ["programs.code"],
        ),
        sa.PrimaryKeyConstraint("project_id"),
    )
    op.create_table(
        "batches",
        sa.Column("batch_id", sa.String(length=64), nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("serial", sa.Text(), nullable=False),
        sa.Column("vintage_start", sa.Date(), nullable=False),
        sa.Column("vintage_end", sa.Date(), nullable=False),
        sa.Column("acquired_from", sa.Text(), nullable=False),
        sa.Column("evidence_sha256", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("issued_g", sa.BigInteger(), nullable=False),
        sa.Column("free_g", sa.BigInteger(), nullable=False),
        sa.Column("reserved_g", sa.BigInteger(), nullable=False),
        sa.Column("allocated_g", sa.BigInteger(), nullable=False),
        sa.Column("retired_g", sa.BigInteger(), nullable=False),
        sa.CheckConstraint(
            "free_g + reserved_g + allocated_g + retired_g = issued_g", name="ck_batches_conservation"
        ),
        sa.CheckConstraint(
            "free_g >= 0 AND reserved_g >= 0 AND allocated_g >= 0 AND retired_g >= 0",
            name="ck_batches_non_negative",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.project_id"],
        ),
        sa.PrimaryKeyConstraint("batch_id"),
        sa.UniqueConstraint("serial"),
    )
    op.create_index("ix_batches_project", "batches", ["project_id", "vintage_start"], unique=False)
    op.create_table(
        "orders",
        sa.Column("order_id", sa.String(length=40), nullable=False),
        sa.Column("idempotency_key", sa.String(length=200), nullable=False),
        sa.Column("request_sha256", sa.String(length=64), nullable=False),
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("grams", sa.BigInteger(), nullable=False),
        sa.Column("credit_minor", sa.BigInteger(), nullable=False),
        sa.Column("fee_minor", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("event_id", sa.String(length=128), nullable=True),
        sa.Column("beneficiary", sa.Text(), nullable=True),
        sa.Column("metadata_json", sa.Text(), nullable=False),
        sa.Column("quote_id", sa.String(length=40), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("reserved_until", sa.String(length=32), nullable=False),
        sa.Column("payment_provider", sa.String(length=64), nullable=True),
        sa.Column("payment_intent_id", sa.String(length=128), nullable=True),
        sa.Column("paid_at", sa.String(length=32), nullable=True),
        sa.Column("refund_id", sa.String(length=128), nullable=True),
        sa.CheckConstraint("grams > 0 AND credit_minor >= 0 AND fee_minor >= 0", name="ck_orders_amounts"),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.project_id"],
        ),
        sa.PrimaryKeyConstraint("order_id"),
        sa.UniqueConstraint("idempotency_key"),
        sa.UniqueConstraint("payment_intent_id"),
    )
    op.create_index("ix_orders_event", "orders", ["event_id"], unique=False)
    op.create_index("ix_orders_status", "orders", ["status", "reserved_until"], unique=False)
    op.create_table(
        "allocations",
        sa.Column("allocation_id", sa.String(length=40), nullable=False),
        sa.Column("order_id", sa.String(length=40), nullable=False),
        sa.Column("batch_id", sa.String(length=64), nullable=False),
        sa.Column("g_start", sa.BigInteger(), nullable=False),
        sa.Column("g_end", sa.BigInteger(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.CheckConstraint("g_start >= 0 AND g_end > g_start", name="ck_allocations_range"),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["batches.batch_id"],
        ),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["orders.order_id"],
        ),
        sa.PrimaryKeyConstraint("allocation_id"),
    )
    op.create_index("ix_allocations_batch", "allocations", ["batch_id", "g_start"], unique=False)
    op.create_index("ix_allocations_order", "allocations", ["order_id"], unique=False)
    op.create_table(
        "claim_members",
        sa.Column("order_id", sa.String(length=40), nullable=False),
        sa.Column("event_id", sa.String(length=128), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event_claims.event_id"],
        ),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["orders.order_id"],
        ),
        sa.PrimaryKeyConstraint("order_id"),
    )
    op.create_table(
        "free_intervals",
        sa.Column("batch_id", sa.String(length=64), nullable=False),
        sa.Column("g_start", sa.BigInteger(), nullable=False),
        sa.Column("g_end", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("g_start >= 0 AND g_end > g_start", name="ck_free_intervals_range"),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["batches.batch_id"],
        ),
        sa.PrimaryKeyConstraint("batch_id", "g_start"),
    )
    op.create_table(
        "retirements",
        sa.Column("retirement_id", sa.String(length=40), nullable=False),
        sa.Column("batch_id", sa.String(length=64), nullable=False),
        sa.Column("registry_retirement_id", sa.String(length=200), nullable=False),
        sa.Column("unit_first", sa.BigInteger(), nullable=False),
        sa.Column("unit_last", sa.BigInteger(), nullable=False),
        sa.Column("serial_range", sa.Text(), nullable=False),
        sa.Column("beneficiary", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("retired_on", sa.Date(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.String(length=32), nullable=False),
        sa.CheckConstraint("unit_last >= unit_first", name="ck_retirements_range"),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["batches.batch_id"],
        ),
        sa.PrimaryKeyConstraint("retirement_id"),
        sa.UniqueConstraint("registry_retirement_id"),
    )
    op.create_table(
        "settled_orders",
        sa.Column("order_id", sa.String(length=40), nullable=False),
        sa.Column("settlement_id", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["orders.order_id"],
        ),
        sa.ForeignKeyConstraint(
            ["settlement_id"],
            ["settlements.settlement_id"],
        ),
        sa.PrimaryKeyConstraint("order_id"),
    )
    op.create_table(
        "retirement_covers",
        sa.Column("retirement_id", sa.String(length=40), nullable=False),
        sa.Column("allocation_id", sa.String(length=40), nullable=False),
        sa.Column("g_start", sa.BigInteger(), nullable=False),
        sa.Column("g_end", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["allocation_id"],
            ["allocations.allocation_id"],
        ),
        sa.ForeignKeyConstraint(
            ["retirement_id"],
            ["retirements.retirement_id"],
        ),
        sa.PrimaryKeyConstraint("retirement_id", "allocation_id", "g_start"),
    )
    op.create_index("ix_retirement_covers_allocation", "retirement_covers", ["allocation_id"], unique=False)
    op.bulk_insert(
        sa.table("ledger_head", sa.column("id"), sa.column("seq"), sa.column("hash")),
        [{"id": 1, "seq": 0, "hash": GENESIS_HASH}],
    )


def downgrade() -> None:
    op.drop_index("ix_retirement_covers_allocation", table_name="retirement_covers")
    op.drop_table("retirement_covers")
    op.drop_table("settled_orders")
    op.drop_table("retirements")
    op.drop_table("free_intervals")
    op.drop_table("claim_members")
    op.drop_index("ix_allocations_order", table_name="allocations")
    op.drop_index("ix_allocations_batch", table_name="allocations")
    op.drop_table("allocations")
    op.drop_index("ix_orders_status", table_name="orders")
    op.drop_index("ix_orders_event", table_name="orders")
    op.drop_table("orders")
    op.drop_index("ix_batches_project", table_name="batches")
    op.drop_table("batches")
    op.drop_table("projects")
    op.drop_table("settlements")
    op.drop_table("sandbox_intents")
    op.drop_table("programs")
    op.drop_table("ledger_head")
    op.drop_table("ledger_events")
    op.drop_table("event_claims")
