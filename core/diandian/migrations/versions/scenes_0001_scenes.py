"""Scenes as records: one row per venue or event.

Revision ID: scenes_0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "scenes_0001"
down_revision = None
branch_labels = ("scenes",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scenes",
        sa.Column("scene_id", sa.String(64), primary_key=True),
        sa.Column("slug", sa.String(64), nullable=False, unique=True),
        sa.Column("name_en", sa.String(200), nullable=False),
        sa.Column("name_zh", sa.String(200), nullable=False),
        sa.Column("scene_types", sa.String(400), nullable=False),
        sa.Column("country", sa.String(2), nullable=True),
        sa.Column("city", sa.String(128), nullable=True),
        sa.Column("place_name_json", sa.Text(), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("region", sa.String(32), nullable=True),
        sa.Column("grid_region", sa.String(32), nullable=True),
        sa.Column("starts", sa.Date(), nullable=True),
        sa.Column("ends", sa.Date(), nullable=True),
        sa.Column("organiser", sa.String(200), nullable=True),
        sa.Column("visibility", sa.String(16), nullable=False),
        sa.Column("factor_overrides_json", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_scenes_organiser", "scenes", ["organiser"])
    op.create_index("ix_scenes_city", "scenes", ["city"])
    op.create_table(
        "scene_footprints",
        sa.Column("footprint_id", sa.String(40), primary_key=True),
        sa.Column("scene_id", sa.String(64), nullable=False),
        sa.Column("participant_id", sa.String(40), nullable=True),
        sa.Column("recorded_at", sa.String(32), nullable=False),
        sa.Column("grams", sa.BigInteger(), nullable=False),
        sa.Column("footprint_json", sa.Text(), nullable=False),
    )
    op.create_index("ix_scene_footprints_scene", "scene_footprints", ["scene_id"])


def downgrade() -> None:
    op.drop_table("scene_footprints")
    op.drop_table("scenes")
