"""When each API key was last used, and the form request that created it (so that sending the
same form again, a reload or a double click, does not create a second key).

Revision ID: apikeys_0003
Revises: apikeys_0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "apikeys_0003"
down_revision = "apikeys_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("api_keys") as table:
        table.add_column(sa.Column("last_used_at", sa.String(32), nullable=True))
        table.add_column(sa.Column("request_id", sa.String(64), nullable=True))
    op.create_index("ix_api_keys_owner_request", "api_keys", ["owner", "request_id"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_api_keys_owner_request", table_name="api_keys")
    with op.batch_alter_table("api_keys") as table:
        table.drop_column("request_id")
        table.drop_column("last_used_at")
