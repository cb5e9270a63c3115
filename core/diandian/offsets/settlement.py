"""Settlement: what each project owner is owed for the orders paid in a period.

An order is settled once (``settled_orders`` is keyed by order), only when its credits are
allocated; refunded orders carry no money. For any period, the sum over owners of
``credit_minor + fee_minor`` equals the sum of the totals of the orders settled in it, which
:mod:`diandian.offsets.audit` checks against the orders themselves.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from .model import OrderStatus, Settlement, SettlementLine
from .schema import orders, projects, settled_orders, settlements
from .store import Tx, new_id, stamp


def settle(tx: Tx, period_start: datetime, period_end: datetime, *, record: bool) -> list[Settlement]:
    rows = tx.conn.execute(
        sa.select(
            orders.c.order_id,
            orders.c.project_id,
            orders.c.grams,
            orders.c.credit_minor,
            orders.c.fee_minor,
            orders.c.currency,
            projects.c.owner,
        )
        .join(projects, projects.c.project_id == orders.c.project_id)
        .outerjoin(settled_orders, settled_orders.c.order_id == orders.c.order_id)
        .where(
            (orders.c.status == str(OrderStatus.ALLOCATED))
            & (orders.c.paid_at >= stamp(period_start))
            & (orders.c.paid_at < stamp(period_end))
            & settled_orders.c.order_id.is_(None)
        )
        .order_by(orders.c.order_id)
    ).all()
    grouped: dict[tuple[str, str], dict[str, list[Any]]]
    grouped = defaultdict(lambda: defaultdict(list))
    for row in rows:
        grouped[(row.owner, row.currency)][row.project_id].append(row)
    result = []
    for (owner, currency), by_project in sorted(grouped.items()):
        lines = tuple(
            SettlementLine(
                project_id,
                len(items),
                sum(item.grams for item in items),
                sum(item.credit_minor for item in items),
                sum(item.fee_minor for item in items),
            )
            for project_id, items in sorted(by_project.items())
        )
        found = Settlement(new_id("stl"), owner, currency, period_start, period_end, lines)
        result.append(found)
        if record:
            order_ids = [item.order_id for items in by_project.values() for item in items]
            _record(tx, found, order_ids)
    return result


def _record(tx: Tx, found: Settlement, order_ids: list[str]) -> None:
    row = {
        "settlement_id": found.settlement_id,
        "owner": found.owner,
        "currency": found.currency,
        "period_start": stamp(found.period_start),
        "period_end": stamp(found.period_end),
        "credit_minor": found.credit_minor,
        "fee_minor": found.fee_minor,
    }
    tx.conn.execute(settlements.insert().values(**row, recorded_at=tx.at))
    tx.conn.execute(
        settled_orders.insert(), [{"order_id": o, "settlement_id": found.settlement_id} for o in order_ids]
    )
    tx.event("settlement.recorded", found.settlement_id, {**row, "order_ids": sorted(order_ids)})
