"""Participants: opaque ids with an opt-in display name and an opt-in to the leaderboards.

A participant is a visitor's device or account as the platform knows it: an id such as
``p3f9c...`` (25 characters), nothing personal beyond the display name they chose to show.
These functions work inside the caller's transaction (``conn``), so that a certificate and the
boards it counts on change together.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

import sqlalchemy as sa

from ..certificates.errors import CertificateError
from ..free_text import MAX_DISPLAY_NAME, optional_text
from .schema import participants


def clean_name(value: object, field: str = "display_name") -> str | None:
    """A display name stripped and NFC-normalised; ``None`` for nothing or blanks.

    Raises :class:`~diandian.errors.ValidationFailed` naming ``field`` for anything but text,
    for control or bidirectional-override characters, and past
    :data:`~diandian.free_text.MAX_DISPLAY_NAME` (64) characters: the limit the ledger applies
    to an order's beneficiary, so a paid order's name always fits its certificate.
    """
    return optional_text(value, field=field, limit=MAX_DISPLAY_NAME, what="display name")


def create(conn: sa.Connection, display_name: object = None, *, listed: bool = False) -> str:
    """Store a new participant and return its opaque id (``"p"`` + 24 hex digits)."""
    pid = "p" + secrets.token_hex(12)
    conn.execute(
        sa.insert(participants).values(
            participant_id=pid,
            display_name=clean_name(display_name),
            listed=listed,
            created_at=datetime.now(UTC).replace(microsecond=0).isoformat(),
        )
    )
    return pid


def update_listing(conn: sa.Connection, participant_id: str, listed: bool, display_name: object) -> None:
    """Set whether the participant appears on the boards, and under which name.

    Raises :class:`CertificateError` ``unknown_participant`` for an id never created. The
    caller recounts the participant's grams on the boards.
    """
    done = conn.execute(
        sa.update(participants)
        .where(participants.c.participant_id == participant_id)
        .values(listed=listed, display_name=clean_name(display_name))
    )
    if not done.rowcount:
        raise CertificateError("unknown_participant", f"no participant {participant_id!r}")


def exists(conn: sa.Connection, participant_id: str) -> bool:
    """Whether ``participant_id`` was ever created."""
    query = sa.select(participants.c.participant_id).where(participants.c.participant_id == participant_id)
    return conn.execute(query).first() is not None


def is_listed(conn: sa.Connection, participant_id: str) -> bool:
    """Whether the participant opted in to the leaderboards (``False`` for an unknown id)."""
    listed = conn.execute(
        sa.select(participants.c.listed).where(participants.c.participant_id == participant_id)
    ).scalar()
    return bool(listed)


def display_name(conn: sa.Connection, participant_id: str | None, fallback: str | None) -> str | None:
    """The name a certificate shows: the participant's chosen name, else ``fallback`` (the
    order's beneficiary), else ``None`` (anonymous).

    Raises :class:`CertificateError` ``unknown_participant`` for an id never created.
    """
    if participant_id is None:
        return clean_name(fallback)
    row = conn.execute(sa.select(participants).where(participants.c.participant_id == participant_id)).first()
    if row is None:
        raise CertificateError("unknown_participant", f"no participant {participant_id!r}")
    return row.display_name if row.display_name is not None else clean_name(fallback)
