"""A scene's organiser as visitors read it, in both languages.

``organiser`` names who owns the scene (an account id for a scene made in the console);
``organiser_name_json`` is the name the door page shows, ``{"en": ..., "zh-CN": ...}``.

Revision ID: scenes_0002
Revises: scenes_0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "scenes_0002"
down_revision = "scenes_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("scenes") as batch:
        batch.add_column(sa.Column("organiser_name_json", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("scenes") as batch:
        batch.drop_column("organiser_name_json")
