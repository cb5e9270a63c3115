"""What the web app keeps between two requests: drafts, device tokens, recovery links,
rate-limit counters and the shared secret that keys CSRF tokens.

Revision ID: web_0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "web_0001"
down_revision = None
branch_labels = ("web",)
# drafts and devices name participants of the certificate book
depends_on = "certificates_0001"


def upgrade() -> None:
    op.create_table(
        "web_drafts",
        sa.Column("draft_hash", sa.String(64), nullable=False),
        sa.Column("scene_id", sa.String(128), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("refined", sa.Boolean(), nullable=False),
        sa.Column("participant_id", sa.String(40), nullable=True),
        sa.Column("project_id", sa.String(64), nullable=True),
        sa.Column("display_name", sa.String(64), nullable=True),
        sa.Column("listed", sa.Boolean(), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.String(64), nullable=True),
        sa.Column("cert_id", sa.String(32), nullable=True),
        sa.Column("kept", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("draft_hash"),
    )
    op.create_index("ix_web_drafts_order", "web_drafts", ["order_id"])
    op.create_table(
        "web_devices",
        sa.Column("device_hash", sa.String(64), nullable=False),
        sa.Column("participant_id", sa.String(40), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("device_hash"),
    )
    op.create_table(
        "web_recovery",
        sa.Column("code_hash", sa.String(64), nullable=False),
        sa.Column("participant_id", sa.String(40), nullable=False),
        sa.Column("expires_at", sa.String(32), nullable=False),
        sa.Column("used_at", sa.String(32), nullable=True),
        sa.PrimaryKeyConstraint("code_hash"),
    )
    op.create_table(
        "web_rate",
        sa.Column("bucket", sa.String(96), nullable=False),
        sa.Column("window", sa.BigInteger(), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("bucket", "window"),
    )
    op.create_table(
        "web_secrets",
        sa.Column("name", sa.String(32), nullable=False),
        sa.Column("value", sa.String(128), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )


def downgrade() -> None:
    for table in ("web_secrets", "web_rate", "web_recovery", "web_devices", "web_drafts"):
        op.drop_table(table)
