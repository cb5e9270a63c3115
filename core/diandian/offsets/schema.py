"""Tables of the offsets ledger (SQLAlchemy Core). Alembic revisions create them; see
``diandian/migrations``. All quantities are BigInteger grams or minor units; timestamps are
ISO-8601 UTC strings of fixed width, so they sort and compare the same on every backend.

``ledger_events`` is the append-only, hash-chained log; every other table is a projection of it
that :mod:`diandian.offsets.audit` recomputes. ``ledger_head`` is the single row each write
transaction locks first: it serialises writers on PostgreSQL the way ``BEGIN IMMEDIATE`` does
on SQLite, and holds the hash of the last event.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

_money = sa.BigInteger
_grams = sa.BigInteger


def _stamp(name: str, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.String(32), nullable=nullable)


programs = sa.Table(
    "programs",
    metadata,
    sa.Column("code", sa.String(32), primary_key=True),
    sa.Column("name_en", sa.Text, nullable=False),
    sa.Column("name_zh", sa.Text, nullable=False),
    sa.Column("registry_url", sa.Text, nullable=False),
)

projects = sa.Table(
    "projects",
    metadata,
    sa.Column("project_id", sa.String(64), primary_key=True),
    sa.Column("program", sa.String(32), sa.ForeignKey("programs.code"), nullable=False),
    sa.Column("registry_project_id", sa.String(128), nullable=False),
    sa.Column("name_en", sa.Text, nullable=False),
    sa.Column("name_zh", sa.Text, nullable=False),
    sa.Column("methodology", sa.Text, nullable=False),
    sa.Column("country", sa.String(2), nullable=False),
    sa.Column("region", sa.String(16), nullable=False),
    sa.Column("city", sa.Text, nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("owner", sa.Text, nullable=False),
    sa.Column("price_per_tonne_minor", _money, nullable=False),
    sa.Column("currency", sa.String(3), nullable=False),
    sa.Column("description_en", sa.Text, nullable=False),
    sa.Column("description_zh", sa.Text, nullable=False),
    sa.Column("demo", sa.Boolean, nullable=False),
    sa.CheckConstraint("price_per_tonne_minor > 0", name="ck_projects_price"),
)

batches = sa.Table(
    "batches",
    metadata,
    sa.Column("batch_id", sa.String(64), primary_key=True),
    sa.Column("project_id", sa.String(64), sa.ForeignKey("projects.project_id"), nullable=False),
    sa.Column("serial", sa.Text, nullable=False, unique=True),
    sa.Column("vintage_start", sa.Date, nullable=False),
    sa.Column("vintage_end", sa.Date, nullable=False),
    sa.Column("acquired_from", sa.Text, nullable=False),
    sa.Column("evidence_sha256", sa.String(64), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("issued_g", _grams, nullable=False),
    sa.Column("free_g", _grams, nullable=False),
    sa.Column("reserved_g", _grams, nullable=False),
    sa.Column("allocated_g", _grams, nullable=False),
    sa.Column("retired_g", _grams, nullable=False),
    # conservation is also enforced by the database, as a last line of defence
    sa.CheckConstraint(
        "free_g >= 0 AND reserved_g >= 0 AND allocated_g >= 0 AND retired_g >= 0",
        name="ck_batches_non_negative",
    ),
    sa.CheckConstraint(
        "free_g + reserved_g + allocated_g + retired_g = issued_g", name="ck_batches_conservation"
    ),
    sa.Index("ix_batches_project", "project_id", "vintage_start"),
)

free_intervals = sa.Table(
    "free_intervals",
    metadata,
    sa.Column("batch_id", sa.String(64), sa.ForeignKey("batches.batch_id"), primary_key=True),
    sa.Column("g_start", _grams, primary_key=True),
    sa.Column("g_end", _grams, nullable=False),
    sa.CheckConstraint("g_start >= 0 AND g_end > g_start", name="ck_free_intervals_range"),
)

orders = sa.Table(
    "orders",
    metadata,
    sa.Column("order_id", sa.String(40), primary_key=True),
    sa.Column("idempotency_key", sa.String(200), nullable=False, unique=True),
    sa.Column("request_sha256", sa.String(64), nullable=False),
    sa.Column("project_id", sa.String(64), sa.ForeignKey("projects.project_id"), nullable=False),
    sa.Column("grams", _grams, nullable=False),
    sa.Column("credit_minor", _money, nullable=False),
    sa.Column("fee_minor", _money, nullable=False),
    sa.Column("currency", sa.String(3), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("role", sa.String(16), nullable=False),
    # the scene the order belongs to (``Order.scene_id``); the column keeps its first name
    sa.Column("scene_id", sa.String(128)),
    sa.Column("beneficiary", sa.Text),
    sa.Column("metadata_json", sa.Text, nullable=False),
    sa.Column("quote_id", sa.String(40)),
    _stamp("created_at"),
    _stamp("reserved_until"),
    sa.Column("payment_provider", sa.String(64)),
    sa.Column("payment_intent_id", sa.String(128), unique=True),
    _stamp("paid_at", nullable=True),
    sa.Column("refund_id", sa.String(128)),
    sa.CheckConstraint("grams > 0 AND credit_minor >= 0 AND fee_minor >= 0", name="ck_orders_amounts"),
    sa.Index("ix_orders_status", "status", "reserved_until"),
    sa.Index("ix_orders_scene", "scene_id"),
)

allocations = sa.Table(
    "allocations",
    metadata,
    sa.Column("allocation_id", sa.String(40), primary_key=True),
    sa.Column("order_id", sa.String(40), sa.ForeignKey("orders.order_id"), nullable=False),
    sa.Column("batch_id", sa.String(64), sa.ForeignKey("batches.batch_id"), nullable=False),
    sa.Column("g_start", _grams, nullable=False),
    sa.Column("g_end", _grams, nullable=False),
    sa.Column("state", sa.String(16), nullable=False),
    sa.CheckConstraint("g_start >= 0 AND g_end > g_start", name="ck_allocations_range"),
    sa.Index("ix_allocations_order", "order_id"),
    sa.Index("ix_allocations_batch", "batch_id", "g_start"),
)

retirements = sa.Table(
    "retirements",
    metadata,
    sa.Column("retirement_id", sa.String(40), primary_key=True),
    sa.Column("batch_id", sa.String(64), sa.ForeignKey("batches.batch_id"), nullable=False),
    sa.Column("registry_retirement_id", sa.String(200), nullable=False, unique=True),
    sa.Column("unit_first", sa.BigInteger, nullable=False),
    sa.Column("unit_last", sa.BigInteger, nullable=False),
    sa.Column("serial_range", sa.Text, nullable=False),
    sa.Column("beneficiary", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("retired_on", sa.Date, nullable=False),
    sa.Column("evidence", sa.Text, nullable=False),
    _stamp("recorded_at"),
    sa.CheckConstraint("unit_last >= unit_first", name="ck_retirements_range"),
)

retirement_covers = sa.Table(
    "retirement_covers",
    metadata,
    sa.Column("retirement_id", sa.String(40), sa.ForeignKey("retirements.retirement_id"), primary_key=True),
    sa.Column("allocation_id", sa.String(40), sa.ForeignKey("allocations.allocation_id"), primary_key=True),
    sa.Column("g_start", _grams, primary_key=True),
    sa.Column("g_end", _grams, nullable=False),
    sa.Index("ix_retirement_covers_allocation", "allocation_id"),
)

event_claims = sa.Table(
    "event_claims",
    metadata,
    # the scene claimed
    sa.Column("scene_id", sa.String(128), primary_key=True),
    sa.Column("organiser", sa.Text, nullable=False),
    sa.Column("footprint_g", _grams, nullable=False),
    sa.Column("policy", sa.String(16), nullable=False),
    _stamp("decided_at"),
)

claim_members = sa.Table(
    "claim_members",
    metadata,
    # the primary key is the order: a visitor's grams sit in at most one claim
    sa.Column("order_id", sa.String(40), sa.ForeignKey("orders.order_id"), primary_key=True),
    sa.Column("scene_id", sa.String(128), sa.ForeignKey("event_claims.scene_id"), nullable=False),
)

settlements = sa.Table(
    "settlements",
    metadata,
    sa.Column("settlement_id", sa.String(40), primary_key=True),
    sa.Column("owner", sa.Text, nullable=False),
    sa.Column("currency", sa.String(3), nullable=False),
    _stamp("period_start"),
    _stamp("period_end"),
    sa.Column("credit_minor", _money, nullable=False),
    sa.Column("fee_minor", _money, nullable=False),
    _stamp("recorded_at"),
)

settled_orders = sa.Table(
    "settled_orders",
    metadata,
    # an order is settled once
    sa.Column("order_id", sa.String(40), sa.ForeignKey("orders.order_id"), primary_key=True),
    sa.Column("settlement_id", sa.String(40), sa.ForeignKey("settlements.settlement_id"), nullable=False),
)

ledger_events = sa.Table(
    "ledger_events",
    metadata,
    sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
    _stamp("at"),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("subject", sa.String(200), nullable=False),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("prev_hash", sa.String(64), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
)

ledger_head = sa.Table(
    "ledger_head",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("seq", sa.BigInteger, nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
)

sandbox_intents = sa.Table(
    "sandbox_intents",
    metadata,
    sa.Column("intent_id", sa.String(40), primary_key=True),
    sa.Column("idempotency_key", sa.String(200), nullable=False, unique=True),
    sa.Column("order_id", sa.String(40), nullable=False),
    sa.Column("amount_minor", _money, nullable=False),
    sa.Column("currency", sa.String(3), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    _stamp("created_at"),
    _stamp("settled_at", nullable=True),
    sa.Column("refund_id", sa.String(40)),
)
