"""The people a deployment knows, on one database: participants, their places on the
leaderboards and their life-footprint records.

:class:`Visitors` is what the platform object offers these through (``platform.visitors``). The
certificate book keeps the boards and the life record up to date in the transaction that issues,
retires or revokes a certificate (:func:`~.leaderboard.count_certificate`, :func:`~.life.add_entry`);
everything else about visitors happens here. Errors are
:class:`~diandian.certificates.CertificateError` with a stable ``code`` (``unknown_participant``,
``unknown_board``, ``board_key``, ``page_size``, ``unknown_kind``, ``grams``) or
:class:`~diandian.errors.ValidationFailed` naming ``display_name``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa

from .. import db
from ..certificates.schema import certificates
from ..footprint import Footprint
from . import leaderboard, life, participants
from .leaderboard import Board, Entry
from .life import LifeRecord


class Visitors:
    """Participants, leaderboards and life records stored in ``database`` (a SQLAlchemy engine)."""

    def __init__(self, database: sa.Engine) -> None:
        self.database = database

    # --- participants ----------------------------------------------------------------------

    def new_participant(self, display_name: str | None = None, *, listed: bool = False) -> str:
        """Register a participant under an opaque id (``p`` + 24 hex digits); nothing personal
        beyond the opt-in ``display_name`` (at most 64 characters) and the opt-in to the boards."""
        with db.write(self.database) as conn:
            return participants.create(conn, display_name, listed=listed)

    def exists(self, participant_id: str) -> bool:
        """Whether ``participant_id`` was ever created (an unknown id has an empty record and no
        place on any board, which a caller may want to tell apart from a real participant's)."""
        with db.read(self.database) as conn:
            return participants.exists(conn, participant_id)

    def set_listing(self, participant_id: str, listed: bool, display_name: str | None = None) -> None:
        """Opt in to (or out of) the leaderboards, optionally under a display name; the
        participant's certificates are counted again on every board they belong to.
        CertificateError ``unknown_participant`` for an id never created."""
        with db.write(self.database) as conn:
            participants.update_listing(conn, participant_id, listed, display_name)
            leaderboard.remove_participant(conn, participant_id)
            if listed:
                query = sa.select(certificates).where(certificates.c.participant_id == participant_id)
                for row in conn.execute(query):
                    leaderboard.count_certificate(conn, row, +1)

    def hide_name(self, board: str, key: str, participant_id: str, at: str) -> bool:
        """Hide the participant's display name on one board only (see
        :func:`.leaderboard.hide_name`); ``False`` if it was hidden there already."""
        with db.write(self.database) as conn:
            return leaderboard.hide_name(conn, board, key, participant_id, at)

    def show_name(self, board: str, key: str, participant_id: str) -> bool:
        """Show again a display name hidden on one board (see :func:`.leaderboard.show_name`);
        ``False`` if it was not hidden there."""
        with db.write(self.database) as conn:
            return leaderboard.show_name(conn, board, key, participant_id)

    # --- life footprint ---------------------------------------------------------------------

    def record_footprint(
        self,
        participant_id: str,
        footprint: Footprint,
        *,
        on: date,
        kind: str = "daily",
        ref: str | None = None,
    ) -> None:
        """Add a computed footprint (integer grams) to the participant's life record on day
        ``on``; ``kind`` is ``daily`` or ``scene``. The same ``ref`` (default: kind, scene and
        day) is counted once."""
        with db.write(self.database) as conn:
            life.add_entry(
                conn,
                participant_id,
                ref=ref or f"{kind}:{footprint.scene_id}:{on.isoformat()}",
                kind=kind,
                on=on,
                scene_id=None if kind == "daily" else footprint.scene_id,
                scene_types=footprint.scene_types,
                grams=footprint.grams,
                by_category=footprint.by_category,
            )

    def life_record(
        self, participant_id: str, since: str | None = None, until: str | None = None
    ) -> LifeRecord:
        """The participant's record month by month (``since``/``until``: inclusive ``YYYY-MM``)."""
        with db.read(self.database) as conn:
            return life.load(conn, participant_id, since, until)

    # --- leaderboards ----------------------------------------------------------------------

    def leaderboard(self, board: str = "overall", key: str = "", **options: Any) -> Board:
        """A page of a board; options as :func:`.leaderboard.page` (limit, offset, since, until)."""
        with db.read(self.database) as conn:
            return leaderboard.page(conn, board, key, **options)

    def has_board(self, board: str, key: str) -> bool:
        """Whether anyone was ever counted on this board (``scene`` or ``scene_type`` and its
        key): a scene or scene type no certificate of a listed participant named has none."""
        with db.read(self.database) as conn:
            return leaderboard.has_board(conn, board, key)

    def rank(
        self, participant_id: str, board: str = "overall", key: str = "", **options: Any
    ) -> Entry | None:
        """One participant's place on a board, or ``None`` if they are not on it; options as
        :func:`.leaderboard.rank` (since, until)."""
        with db.read(self.database) as conn:
            return leaderboard.rank(conn, participant_id, board, key, **options)
