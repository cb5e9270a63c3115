"""The append-only, hash-chained event log every ledger table is a projection of.

Each event's hash is ``sha256(prev_hash | seq | at | kind | subject | payload)`` over canonical
JSON, so deleting, reordering or editing any event breaks the chain at that event. The single
``ledger_head`` row holds the last sequence number and hash; a writer locks it first (``FOR
UPDATE`` on PostgreSQL, already exclusive under SQLite's ``BEGIN IMMEDIATE``), which makes the
chain linear and every write transaction serial.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from typing import Any

import attrs
import sqlalchemy as sa

from .schema import ledger_events, ledger_head

GENESIS_HASH = "0" * 64


def canonical(payload: Mapping[str, Any]) -> str:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def event_hash(prev_hash: str, seq: int, at: str, kind: str, subject: str, payload: str) -> str:
    text = "|".join((prev_hash, str(seq), at, kind, subject, payload))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@attrs.frozen
class Event:
    seq: int
    at: str
    kind: str
    subject: str
    payload: dict[str, Any] = attrs.field(hash=False)


class EventWriter:
    """Appends events inside one write transaction; :meth:`close` moves the head."""

    def __init__(self, conn: sa.Connection) -> None:
        self._conn = conn
        row = conn.execute(
            sa.select(ledger_head.c.seq, ledger_head.c.hash).where(ledger_head.c.id == 1).with_for_update()
        ).one()
        self.seq: int = row.seq
        self.hash: str = row.hash
        self._start = self.seq

    def append(self, kind: str, subject: str, payload: Mapping[str, Any], at: str) -> None:
        self.seq += 1
        text = canonical(payload)
        digest = event_hash(self.hash, self.seq, at, kind, subject, text)
        self._conn.execute(
            ledger_events.insert().values(
                seq=self.seq,
                at=at,
                kind=kind,
                subject=subject,
                payload=text,
                prev_hash=self.hash,
                hash=digest,
            )
        )
        self.hash = digest

    def close(self) -> None:
        if self.seq != self._start:
            self._conn.execute(
                ledger_head.update().where(ledger_head.c.id == 1).values(seq=self.seq, hash=self.hash)
            )


@attrs.frozen
class ChainBreak:
    seq: int
    message: str


def read_chain(conn: sa.Connection, breaks: list[ChainBreak]) -> Iterator[Event]:
    """Yield every event in order, appending to ``breaks`` wherever the chain does not hold."""
    prev, expected = GENESIS_HASH, 1
    for row in conn.execute(sa.select(ledger_events).order_by(ledger_events.c.seq)):
        if row.seq != expected:
            breaks.append(ChainBreak(row.seq, f"expected event {expected}, found {row.seq}"))
        if row.prev_hash != prev:
            breaks.append(ChainBreak(row.seq, "prev_hash does not match the previous event"))
        digest = event_hash(row.prev_hash, row.seq, row.at, row.kind, row.subject, row.payload)
        if digest != row.hash:
            breaks.append(ChainBreak(row.seq, "hash does not match the event's content"))
        prev, expected = row.hash, row.seq + 1
        yield Event(row.seq, row.at, row.kind, row.subject, json.loads(row.payload))
    head = conn.execute(sa.select(ledger_head).where(ledger_head.c.id == 1)).one_or_none()
    if head is None or head.seq != expected - 1 or head.hash != prev:
        breaks.append(ChainBreak(expected - 1, "ledger_head does not point at the last event"))
