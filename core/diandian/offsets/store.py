"""Shared plumbing of the ledger modules: the write transaction, ids, timestamps, row -> value
conversion and the free-interval inventory of each batch.

Inventory: a batch's free grams are kept as disjoint ``[g_start, g_end)`` rows in
``free_intervals``; taking grams consumes the lowest intervals first and returning them merges
them with their neighbours, so the free list stays short and never overlaps a slice.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import attrs
import sqlalchemy as sa

from .. import db
from .eventlog import EventWriter
from .model import (
    Allocation,
    BatchStatus,
    CreditBatch,
    Order,
    OrderStatus,
    Price,
    Project,
    ProjectKind,
    Role,
    SliceState,
)
from .schema import allocations, batches, free_intervals, orders
from .serials import parse_serial

STAMP = "%Y-%m-%dT%H:%M:%S.%fZ"


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(STAMP)


def unstamp(text: str) -> datetime:
    return datetime.strptime(text, STAMP).replace(tzinfo=UTC)


def new_id(prefix: str) -> str:
    """Time-ordered, unguessable: ``ord_018f3a...``."""
    return f"{prefix}_{time.time_ns() // 1_000_000:011x}{secrets.token_hex(6)}"


@attrs.define
class Tx:
    """One write transaction: its connection, its event writer and the time it runs at."""

    conn: sa.Connection
    log: EventWriter
    now: datetime

    @property
    def at(self) -> str:
        return stamp(self.now)

    def event(self, kind: str, subject: str, payload: Mapping[str, Any]) -> None:
        self.log.append(kind, subject, payload, self.at)


@contextmanager
def transaction(database: sa.Engine, now: datetime) -> Iterator[Tx]:
    """Lock the ledger head, run the block, move the head; all or nothing."""
    with db.write(database) as conn:
        tx = Tx(conn, EventWriter(conn), now)
        yield tx
        tx.log.close()


# --- rows -> values -----------------------------------------------------------------------------


def project_from_row(row: sa.Row[Any]) -> Project:
    data = dict(row._mapping)
    data["kind"] = ProjectKind(data["kind"])
    return Project(**data)


def batch_from_row(row: sa.Row[Any]) -> CreditBatch:
    return CreditBatch(
        batch_id=row.batch_id,
        project_id=row.project_id,
        serial=parse_serial(row.serial),
        vintage_start=row.vintage_start,
        vintage_end=row.vintage_end,
        acquired_from=row.acquired_from,
        evidence_sha256=row.evidence_sha256,
        status=BatchStatus(row.status),
        free_g=row.free_g,
        reserved_g=row.reserved_g,
        allocated_g=row.allocated_g,
        retired_g=row.retired_g,
    )


def order_from_row(row: sa.Row[Any]) -> Order:
    return Order(
        order_id=row.order_id,
        idempotency_key=row.idempotency_key,
        project_id=row.project_id,
        grams=row.grams,
        price=Price(row.credit_minor, row.fee_minor, row.currency),
        status=OrderStatus(row.status),
        created_at=unstamp(row.created_at),
        reserved_until=unstamp(row.reserved_until),
        role=Role(row.role),
        scene_id=row.scene_id,
        beneficiary=row.beneficiary,
        metadata=json.loads(row.metadata_json),
        quote_id=row.quote_id,
        payment_provider=row.payment_provider,
        payment_intent_id=row.payment_intent_id,
        paid_at=unstamp(row.paid_at) if row.paid_at else None,
        refund_id=row.refund_id,
    )


def allocation_from_row(row: sa.Row[Any]) -> Allocation:
    return Allocation(
        row.allocation_id, row.order_id, row.batch_id, row.g_start, row.g_end, SliceState(row.state)
    )


def load_order(conn: sa.Connection, order_id: str) -> Order | None:
    row = conn.execute(sa.select(orders).where(orders.c.order_id == order_id)).one_or_none()
    return None if row is None else order_from_row(row)


def load_allocations(conn: sa.Connection, order_id: str) -> list[Allocation]:
    rows = conn.execute(
        sa.select(allocations)
        .where(allocations.c.order_id == order_id)
        .order_by(allocations.c.batch_id, allocations.c.g_start)
    )
    return [allocation_from_row(row) for row in rows]


# --- inventory -----------------------------------------------------------------------------------


def move_grams(conn: sa.Connection, batch_id: str, grams: int, source: str, target: str) -> None:
    """Move ``grams`` between two balance columns of a batch (``free_g`` -> ``reserved_g``...)."""
    columns = batches.c
    conn.execute(
        batches.update()
        .where(columns.batch_id == batch_id)
        .values({source: columns[source] - grams, target: columns[target] + grams})
    )


def take_free(conn: sa.Connection, batch_id: str, grams: int) -> list[tuple[int, int]]:
    """Remove up to ``grams`` from the lowest free intervals of a batch; return what was taken."""
    taken: list[tuple[int, int]] = []
    rows = conn.execute(
        sa.select(free_intervals.c.g_start, free_intervals.c.g_end)
        .where(free_intervals.c.batch_id == batch_id)
        .order_by(free_intervals.c.g_start)
    )
    key = free_intervals.c.batch_id == batch_id
    for start, end in rows.all():
        if grams == 0:
            break
        take = min(grams, end - start)
        conn.execute(free_intervals.delete().where(key & (free_intervals.c.g_start == start)))
        if take < end - start:
            conn.execute(free_intervals.insert().values(batch_id=batch_id, g_start=start + take, g_end=end))
        taken.append((start, start + take))
        grams -= take
    return taken


def give_back(conn: sa.Connection, batch_id: str, start: int, end: int) -> None:
    """Return ``[start, end)`` to a batch's free list, merged with touching free intervals."""
    key = free_intervals.c.batch_id == batch_id
    before = conn.execute(
        sa.select(free_intervals.c.g_start).where(key & (free_intervals.c.g_end == start))
    ).scalar_one_or_none()
    after = conn.execute(
        sa.select(free_intervals.c.g_end).where(key & (free_intervals.c.g_start == end))
    ).scalar_one_or_none()
    if after is not None:
        conn.execute(free_intervals.delete().where(key & (free_intervals.c.g_start == end)))
        end = after
    if before is not None:
        conn.execute(
            free_intervals.update().where(key & (free_intervals.c.g_start == before)).values(g_end=end)
        )
    else:
        conn.execute(free_intervals.insert().values(batch_id=batch_id, g_start=start, g_end=end))
