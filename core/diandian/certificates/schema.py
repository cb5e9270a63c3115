"""The ``certificates`` table (SQLAlchemy Core); the Alembic revision ``certificates_0001``
creates it, with the tables of :mod:`diandian.visitors.schema`.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

certificates = sa.Table(
    "certificates",
    metadata,
    sa.Column("cert_id", sa.String(32), primary_key=True),
    sa.Column("order_id", sa.String(64), nullable=True, unique=True),
    sa.Column("participant_id", sa.String(40), nullable=True),
    sa.Column("scene_id", sa.String(128), nullable=False),
    sa.Column("scene_types", sa.Text, nullable=False),
    sa.Column("footprint_g", sa.BigInteger, nullable=False),
    sa.Column("neutralised_g", sa.BigInteger, nullable=False),
    sa.Column("status", sa.SmallInteger, nullable=False),
    sa.Column("status_index", sa.BigInteger, nullable=False, unique=True),
    sa.Column("kid", sa.String(16), nullable=False),
    sa.Column("issued_at", sa.String(32), nullable=False),
    sa.Column("changed_at", sa.String(32), nullable=False),
    sa.Column("reason", sa.Text, nullable=True),
    sa.Column("qr_text", sa.Text, nullable=False),
    sa.Index("ix_certificates_participant", "participant_id"),
    sa.Index("ix_certificates_status", "status"),
)
