"""Pooled retirement: registries retire whole units, visitors buy grams.

:func:`plan` finds, per batch, the runs of whole units whose every gram lies in an allocated
(paid) slice and that are not retired yet; :func:`record` writes one registry retirement for
a run, with a :class:`~diandian.offsets.model.Cover` for each slice part it covers, and moves
the grams from allocated to retired. Partly covered units wait; :func:`remainders` reports
what waits and whether it is past the deadline (12 months by default, ISO 14068-1).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta

import attrs
import sqlalchemy as sa

from ..errors import ValidationFailed
from .model import Cover, CreditBatch, Remainder, Retirement
from .provider import RegistryReceipt
from .schema import allocations, batches, orders, retirement_covers, retirements
from .serials import GRAMS_PER_UNIT as UNIT
from .store import Tx, batch_from_row, move_grams, new_id, unstamp

Span = tuple[int, int]


@attrs.frozen
class Plan:
    """Units ``unit_first..unit_last`` (registry numbering) of a batch, ready to retire."""

    batch: CreditBatch
    unit_first: int
    unit_last: int
    covers: tuple[Cover, ...]

    @property
    def idempotency_key(self) -> str:
        return f"{self.batch.batch_id}:{self.unit_first}-{self.unit_last}"


def merge(spans: Sequence[Span]) -> list[Span]:
    """Union of half-open spans, sorted, touching spans joined."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def subtract(spans: Sequence[Span], holes: Sequence[Span]) -> list[Span]:
    result: list[Span] = []
    for start, end in spans:
        cursor = start
        for h_start, h_end in merge(holes):
            if h_end <= cursor or h_start >= end:
                continue
            if h_start > cursor:
                result.append((cursor, h_start))
            cursor = max(cursor, h_end)
        if cursor < end:
            result.append((cursor, end))
    return result


def _allocated_slices(conn: sa.Connection, batch_id: str) -> list[sa.Row[tuple[str, int, int]]]:
    return list(
        conn.execute(
            sa.select(allocations.c.allocation_id, allocations.c.g_start, allocations.c.g_end)
            .where((allocations.c.batch_id == batch_id) & (allocations.c.state == "allocated"))
            .order_by(allocations.c.g_start)
        )
    )


def _retired_units(conn: sa.Connection, batch: CreditBatch) -> list[Span]:
    rows = conn.execute(
        sa.select(retirements.c.unit_first, retirements.c.unit_last).where(
            retirements.c.batch_id == batch.batch_id
        )
    )
    first = batch.serial.first
    return [(row.unit_first - first, row.unit_last - first + 1) for row in rows]


def plan(conn: sa.Connection, batch_id: str | None = None) -> list[Plan]:
    """Every run of whole units fully covered by allocated slices and not retired yet."""
    query = sa.select(batches).where(batches.c.allocated_g >= UNIT).order_by(batches.c.batch_id)
    if batch_id is not None:
        query = query.where(batches.c.batch_id == batch_id)
    plans = []
    for row in conn.execute(query).all():
        batch = batch_from_row(row)
        slices = _allocated_slices(conn, batch.batch_id)
        whole = [
            (-(-start // UNIT), end // UNIT) for start, end in merge([(s.g_start, s.g_end) for s in slices])
        ]
        for unit_start, unit_end in subtract([w for w in whole if w[0] < w[1]], _retired_units(conn, batch)):
            low, high = unit_start * UNIT, unit_end * UNIT
            covers = tuple(
                Cover(s.allocation_id, max(s.g_start, low), min(s.g_end, high))
                for s in slices
                if s.g_start < high and s.g_end > low
            )
            first = batch.serial.first
            plans.append(Plan(batch, first + unit_start, first + unit_end - 1, covers))
    return plans


def within(plans: Sequence[Plan], batch_id: str, first: int, last: int) -> Plan | None:
    """Units ``first..last`` of batch ``batch_id`` as a plan of their own, if they lie inside one
    run of ``plans`` (a registry may retire part of a run); else ``None``."""
    for run in plans:
        if run.batch.batch_id == batch_id and run.unit_first <= first <= last <= run.unit_last:
            low = (first - run.batch.serial.first) * UNIT
            high = (last - run.batch.serial.first + 1) * UNIT
            covers = tuple(
                Cover(c.allocation_id, max(c.g_start, low), min(c.g_end, high))
                for c in run.covers
                if c.g_start < high and c.g_end > low
            )
            return Plan(run.batch, first, last, covers)
    return None


def record(tx: Tx, planned: Plan, receipt: RegistryReceipt, beneficiary: str, reason: str) -> Retirement:
    """Write the retirement of a planned run (or part of one); refuse if it is no longer
    retirable."""
    batch_id = planned.batch.batch_id
    if within(plan(tx.conn, batch_id), batch_id, planned.unit_first, planned.unit_last) != planned:
        raise ValidationFailed.single(
            "unit_first",
            "not_retirable",
            f"units {planned.unit_first}-{planned.unit_last} of batch {planned.batch.batch_id} "
            "are retired already or no longer fully allocated",
        )
    if tx.conn.execute(
        sa.select(retirements.c.retirement_id).where(
            retirements.c.registry_retirement_id == receipt.registry_retirement_id
        )
    ).first():
        raise ValidationFailed.single(
            "registry_retirement_id", "exists", f"{receipt.registry_retirement_id!r} is recorded already"
        )
    units = planned.unit_last - planned.unit_first + 1
    result = Retirement(
        retirement_id=new_id("ret"),
        batch_id=planned.batch.batch_id,
        registry_retirement_id=receipt.registry_retirement_id,
        unit_first=planned.unit_first,
        unit_last=planned.unit_last,
        serial_range=planned.batch.serial.sub_range(planned.unit_first - planned.batch.serial.first, units),
        beneficiary=beneficiary,
        reason=reason,
        retired_on=receipt.retired_on,
        evidence=receipt.evidence,
        covers=planned.covers,
    )
    row = attrs.asdict(result, recurse=False)
    row.pop("covers")
    tx.conn.execute(retirements.insert().values(**row, recorded_at=tx.at))
    tx.conn.execute(
        retirement_covers.insert(),
        [{"retirement_id": result.retirement_id, **attrs.asdict(c)} for c in result.covers],
    )
    move_grams(tx.conn, result.batch_id, units * UNIT, "allocated_g", "retired_g")
    payload = {
        **row,
        "retired_on": result.retired_on.isoformat(),
        "covers": [[c.allocation_id, c.g_start, c.g_end] for c in result.covers],
    }
    tx.event("retirement.recorded", result.retirement_id, payload)
    return result


def _build(conn: sa.Connection, rows: Sequence[sa.Row[object]], only: set[str] | None) -> list[Retirement]:
    ids = [row.retirement_id for row in rows]
    covers: dict[str, list[Cover]] = defaultdict(list)
    if ids:
        for c in conn.execute(
            sa.select(retirement_covers)
            .where(retirement_covers.c.retirement_id.in_(ids))
            .order_by(retirement_covers.c.g_start)
        ):
            if only is None or c.allocation_id in only:
                covers[c.retirement_id].append(Cover(c.allocation_id, c.g_start, c.g_end))
    result = []
    for row in rows:
        data = dict(row._mapping)
        data.pop("recorded_at")
        result.append(Retirement(**data, covers=tuple(covers[data["retirement_id"]])))
    return result


def load(conn: sa.Connection, batch_id: str | None = None) -> list[Retirement]:
    query = sa.select(retirements).order_by(retirements.c.recorded_at, retirements.c.retirement_id)
    if batch_id is not None:
        query = query.where(retirements.c.batch_id == batch_id)
    return _build(conn, conn.execute(query).all(), None)


def for_allocations(conn: sa.Connection, allocation_ids: Sequence[str]) -> list[Retirement]:
    """Retirements covering any of these slices, each with only the covers of these slices."""
    if not allocation_ids:
        return []
    covering = sa.select(retirement_covers.c.retirement_id).where(
        retirement_covers.c.allocation_id.in_(allocation_ids)
    )
    rows = conn.execute(
        sa.select(retirements)
        .where(retirements.c.retirement_id.in_(covering))
        .order_by(retirements.c.recorded_at, retirements.c.retirement_id)
    ).all()
    return _build(conn, rows, set(allocation_ids))


def remainders(conn: sa.Connection, now: datetime, deadline: timedelta) -> list[Remainder]:
    """Per batch, allocated grams not yet retired, the oldest payment among them, overdue flag."""
    covered = dict(
        conn.execute(
            sa.select(
                retirement_covers.c.allocation_id,
                sa.func.sum(retirement_covers.c.g_end - retirement_covers.c.g_start),
            ).group_by(retirement_covers.c.allocation_id)
        ).all()
    )
    oldest: dict[str, str] = {}
    waiting: dict[str, int] = defaultdict(int)
    for row in conn.execute(
        sa.select(
            allocations.c.allocation_id,
            allocations.c.batch_id,
            allocations.c.g_start,
            allocations.c.g_end,
            orders.c.paid_at,
        )
        .join(orders, orders.c.order_id == allocations.c.order_id)
        .where(allocations.c.state == "allocated")
    ):
        left = row.g_end - row.g_start - int(covered.get(row.allocation_id, 0))
        if left > 0:
            waiting[row.batch_id] += left
            oldest[row.batch_id] = min(oldest.get(row.batch_id, row.paid_at), row.paid_at)
    return [
        Remainder(
            batch_id, waiting[batch_id], unstamp(oldest[batch_id]), unstamp(oldest[batch_id]) < now - deadline
        )
        for batch_id in sorted(waiting)
    ]
