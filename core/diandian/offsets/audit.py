"""The audit: replay the event log, compare every projection with it, check every invariant.

:func:`audit` returns an :class:`AuditReport` whose breaches each name a record (``batch
demo-gw-2022``, ``order ord_...``, ``event 17``) and what is wrong with it. It checks:

* the hash chain (no event edited, removed or reordered) and the head;
* per batch: the balances equal the replayed ones; issued = free + reserved + allocated +
  retired, none negative; free intervals and live slices tile ``[0, issued)`` exactly (nothing
  sold twice, nothing lost); each state's grams equal its balance;
* per order: the row equals the replay; its live slices hold exactly its grams;
* per retirement: the row equals the replay (beneficiary and reason never change); its covers
  tile its whole units exactly, inside allocated slices of the same batch; no unit twice;
* claims: a visitor order is inside a claim exactly when its event's policy says so;
* settlements: each settled order is allocated, paid in the period, settled once, summed right;
* sandbox payments: every captured payment belongs to a paid order and every paid order was
  captured.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
import sqlalchemy as sa

from .. import db
from .eventlog import ChainBreak, read_chain
from .model import ClaimPolicy, OrderStatus, Role, SliceState
from .schema import (
    allocations,
    batches,
    claim_members,
    event_claims,
    free_intervals,
    orders,
    projects,
    retirement_covers,
    retirements,
    sandbox_intents,
    settled_orders,
    settlements,
)
from .serials import GRAMS_PER_UNIT as UNIT
from .serials import parse_serial

BALANCES = ("free_g", "reserved_g", "allocated_g", "retired_g")
ORDER_FIELDS = (
    "idempotency_key",
    "project_id",
    "grams",
    "credit_minor",
    "fee_minor",
    "currency",
    "status",
    "role",
    "scene_id",
    "beneficiary",
    "payment_intent_id",
    "refund_id",
)
PROJECT_FIELDS = ("program", "owner", "price_per_tonne_minor", "currency")
RETIREMENT_FIELDS = (
    "batch_id",
    "registry_retirement_id",
    "unit_first",
    "unit_last",
    "serial_range",
    "beneficiary",
    "reason",
    "retired_on",
    "evidence",
)


@attrs.frozen
class Breach:
    record: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.record}: {self.message} [{self.code}]"


@attrs.frozen
class AuditReport:
    events: int
    batches: int
    orders: int
    breaches: tuple[Breach, ...]

    @property
    def ok(self) -> bool:
        return not self.breaches


def _key(name: str) -> str:
    """A field name of a logged row as its column is named now: events written before revision
    ``offsets_0002`` name the scene ``event_id`` (the log is hash-chained, so they stay as written)."""
    return "scene_id" if name == "event_id" else name


@attrs.define
class Replay:
    """Every projection rebuilt from the event log alone."""

    projects: dict[str, dict[str, Any]] = attrs.Factory(dict)
    batches: dict[str, dict[str, Any]] = attrs.Factory(dict)
    slices: dict[str, list[Any]] = attrs.Factory(dict)  # id -> [order, batch, g0, g1, state]
    orders: dict[str, dict[str, Any]] = attrs.Factory(dict)
    retirements: dict[str, dict[str, Any]] = attrs.Factory(dict)
    claims: dict[str, dict[str, Any]] = attrs.Factory(dict)
    members: dict[str, str] = attrs.Factory(dict)
    settled: dict[str, str] = attrs.Factory(dict)
    settlements: dict[str, dict[str, Any]] = attrs.Factory(dict)

    def move(self, batch_id: str, grams: int, source: str, target: str) -> None:
        self.batches[batch_id][source] -= grams
        self.batches[batch_id][target] += grams

    def add_slices(self, order_id: str, slices: Iterable[list[Any]]) -> None:
        for allocation_id, batch_id, start, end in slices:
            self.slices[allocation_id] = [order_id, batch_id, start, end, "reserved"]
            self.move(batch_id, end - start, "free_g", "reserved_g")

    def set_slices(self, order_id: str, state: str, balance: str) -> None:
        for item in self.slices.values():
            if item[0] == order_id and item[4] == "reserved":
                item[4] = state
                self.move(item[1], item[3] - item[2], "reserved_g", balance)

    def apply(self, kind: str, subject: str, at: str, p: dict[str, Any]) -> None:
        if kind == "project.registered":
            self.projects[subject] = p
        elif kind == "batch.registered":
            self.batches[subject] = dict(p)
        elif kind == "order.reserved":
            self.orders[subject] = {_key(k): v for k, v in p.items() if k != "slices"} | {
                "refund_id": None,
                "payment_intent_id": None,
            }
            self.add_slices(subject, p["slices"])
        elif kind == "order.intent":
            self.orders[subject]["payment_intent_id"] = p["intent_id"]
        elif kind == "order.released":
            self.set_slices(subject, "released", "free_g")
            self.orders[subject]["status"] = p["status"]
        elif kind == "order.paid":
            self.add_slices(subject, p["slices"])
            if p["allocated"]:
                self.set_slices(subject, "allocated", "allocated_g")
            self.orders[subject] |= {
                "status": "allocated" if p["allocated"] else "paid",
                "payment_intent_id": p["intent_id"],
                "paid_at": at,
            }
        elif kind == "order.refunded":
            self.orders[subject] |= {"status": "refunded", "refund_id": p["refund_id"]}
        elif kind == "retirement.recorded":
            self.retirements[subject] = p
            self.move(
                p["batch_id"], (p["unit_last"] - p["unit_first"] + 1) * UNIT, "allocated_g", "retired_g"
            )
        elif kind == "claim.decided":
            self.claims[subject] = {_key(k): v for k, v in p.items()}
        elif kind == "claim.joined":
            self.members.update(dict.fromkeys(p["order_ids"], subject))
        elif kind == "settlement.recorded":
            self.settlements[subject] = p
            self.settled.update(dict.fromkeys(p["order_ids"], subject))


class _Auditor:
    def __init__(self, conn: sa.Connection) -> None:
        self.conn = conn
        self.breaches: list[Breach] = []

    def breach(self, record: str, code: str, message: str) -> None:
        self.breaches.append(Breach(record, code, message))

    def rows(self, table: sa.Table, key: str) -> dict[str, dict[str, Any]]:
        return {str(row._mapping[key]): dict(row._mapping) for row in self.conn.execute(sa.select(table))}

    def compare(
        self,
        kind: str,
        replayed: Mapping[str, Mapping[str, Any]],
        stored: Mapping[str, Mapping[str, Any]],
        fields: Iterable[str],
    ) -> None:
        fields = tuple(fields)
        for key in sorted(set(replayed) | set(stored)):
            if key not in stored:
                self.breach(f"{kind} {key}", "missing", "is in the event log but not in the table")
            elif key not in replayed:
                self.breach(f"{kind} {key}", "unlogged", "is in the table but not in the event log")
            else:
                for name in fields:
                    want, have = replayed[key].get(name), stored[key].get(name)
                    if str(want) != str(have):
                        self.breach(
                            f"{kind} {key}", "differs", f"{name} is {have!r}, the event log says {want!r}"
                        )

    def run(self) -> AuditReport:
        chain: list[ChainBreak] = []
        replay = Replay()
        count = 0
        for event in read_chain(self.conn, chain):
            count += 1
            try:
                replay.apply(event.kind, event.subject, event.at, event.payload)
            except (KeyError, TypeError, ValueError) as exc:
                self.breach(f"event {event.seq}", "unreadable", f"{event.kind} cannot be replayed: {exc!r}")
        for broken in chain:
            self.breach(f"event {broken.seq}", "chain", broken.message)
        self.compare("project", replay.projects, self.rows(projects, "project_id"), PROJECT_FIELDS)
        stored_batches = self.rows(batches, "batch_id")
        self.compare("batch", replay.batches, stored_batches, ("project_id", "serial", "issued_g", *BALANCES))
        stored_orders = self.rows(orders, "order_id")
        self.compare("order", replay.orders, stored_orders, ORDER_FIELDS)
        slices = self.rows(allocations, "allocation_id")
        replay_slices = {
            k: dict(zip(("order_id", "batch_id", "g_start", "g_end", "state"), v, strict=True))
            for k, v in replay.slices.items()
        }
        self.compare(
            "allocation", replay_slices, slices, ("order_id", "batch_id", "g_start", "g_end", "state")
        )
        stored_retirements = self.rows(retirements, "retirement_id")
        self.compare("retirement", replay.retirements, stored_retirements, RETIREMENT_FIELDS)
        covers = [dict(r._mapping) for r in self.conn.execute(sa.select(retirement_covers))]
        self.check_covers(replay, covers)
        self.check_batches(stored_batches, slices, covers, stored_retirements)
        self.check_orders(stored_orders, slices)
        self.check_claims(replay, stored_orders)
        self.check_settlements(replay, stored_orders)
        self.check_payments(stored_orders)
        return AuditReport(count, len(stored_batches), len(stored_orders), tuple(self.breaches))

    def check_covers(self, replay: Replay, covers: list[dict[str, Any]]) -> None:
        stored = defaultdict(set)
        for c in covers:
            stored[c["retirement_id"]].add((c["allocation_id"], c["g_start"], c["g_end"]))
        for retirement_id, p in replay.retirements.items():
            if {tuple(c) for c in p["covers"]} != stored.get(retirement_id, set()):
                self.breach(f"retirement {retirement_id}", "covers", "covers differ from the event log")

    def check_batches(
        self,
        stored: dict[str, dict[str, Any]],
        slices: dict[str, dict[str, Any]],
        covers: list[dict[str, Any]],
        stored_retirements: dict[str, dict[str, Any]],
    ) -> None:
        spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for free in self.conn.execute(sa.select(free_intervals)):
            spans[free.batch_id].append((free.g_start, free.g_end, "free"))
        by_state: dict[tuple[str, str], int] = defaultdict(int)
        for allocation_id, s in slices.items():
            if s["state"] != SliceState.RELEASED:
                spans[s["batch_id"]].append((s["g_start"], s["g_end"], f"allocation {allocation_id}"))
                by_state[(s["batch_id"], s["state"])] += s["g_end"] - s["g_start"]
        covered: dict[str, int] = defaultdict(int)
        for c in covers:
            covered[slices[c["allocation_id"]]["batch_id"]] += c["g_end"] - c["g_start"]
        for r in stored_retirements.values():
            by_state[(r["batch_id"], "retired")] += (r["unit_last"] - r["unit_first"] + 1) * UNIT
        for batch_id, row in stored.items():
            record = f"batch {batch_id}"
            issued = parse_serial(row["serial"]).units * UNIT
            if issued != row["issued_g"]:
                self.breach(record, "issued", f"issued_g {row['issued_g']} but the serial holds {issued} g")
            if any(row[b] < 0 for b in BALANCES):
                self.breach(record, "negative", "a balance is negative")
            if sum(row[b] for b in BALANCES) != row["issued_g"]:
                self.breach(record, "conservation", "free + reserved + allocated + retired != issued")
            cursor = 0
            for start, end, owner in sorted(spans[batch_id]):
                if start < cursor:
                    self.breach(record, "overlap", f"{owner} overlaps grams below {cursor}")
                elif start > cursor:
                    self.breach(record, "gap", f"grams {cursor}-{start} are neither free nor held")
                cursor = max(cursor, end)
            if cursor != row["issued_g"]:
                self.breach(record, "gap", f"intervals end at {cursor}, issued is {row['issued_g']}")
            free_g = sum(end - start for start, end, owner in spans[batch_id] if owner == "free")
            expected = {
                "free_g": free_g,
                "reserved_g": by_state[(batch_id, "reserved")],
                "allocated_g": by_state[(batch_id, "allocated")] - covered[batch_id],
                "retired_g": by_state[(batch_id, "retired")],
            }
            if covered[batch_id] != by_state[(batch_id, "retired")]:
                self.breach(record, "retired", "retired units are not exactly covered by allocated slices")
            for name, grams in expected.items():
                if row[name] != grams:
                    self.breach(record, "balance", f"{name} is {row[name]}, its intervals hold {grams}")
        self.check_retirement_ranges(stored, slices, covers, stored_retirements)

    def check_retirement_ranges(
        self,
        stored_batches: dict[str, dict[str, Any]],
        slices: dict[str, dict[str, Any]],
        covers: list[dict[str, Any]],
        stored: dict[str, dict[str, Any]],
    ) -> None:
        by_retirement = defaultdict(list)
        for c in covers:
            by_retirement[c["retirement_id"]].append(c)
        units: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for retirement_id, r in stored.items():
            record = f"retirement {retirement_id}"
            first = parse_serial(stored_batches[r["batch_id"]]["serial"]).first
            low, high = (r["unit_first"] - first) * UNIT, (r["unit_last"] - first + 1) * UNIT
            units[r["batch_id"]].append((r["unit_first"], r["unit_last"], record))
            cursor = low
            for c in sorted(by_retirement[retirement_id], key=lambda c: c["g_start"]):
                s = slices.get(c["allocation_id"])
                if (
                    s is None
                    or s["batch_id"] != r["batch_id"]
                    or s["state"] != SliceState.ALLOCATED
                    or not s["g_start"] <= c["g_start"] < c["g_end"] <= s["g_end"]
                ):
                    self.breach(
                        record, "cover", f"cover of {c['allocation_id']} is not inside an allocated slice"
                    )
                if c["g_start"] != cursor:
                    self.breach(record, "cover", f"grams from {cursor} are not covered exactly once")
                cursor = c["g_end"]
            if cursor != high or low < 0:
                self.breach(record, "cover", "its whole units are not fully covered")
        for batch_units in units.values():
            batch_units.sort()
            for (_, last, _), (first, _, record) in itertools.pairwise(batch_units):
                if first <= last:
                    self.breach(record, "retired_twice", f"unit {first} is retired twice")

    def check_orders(self, stored: dict[str, dict[str, Any]], slices: dict[str, dict[str, Any]]) -> None:
        held: dict[tuple[str, str], int] = defaultdict(int)
        for s in slices.values():
            held[(s["order_id"], s["state"])] += s["g_end"] - s["g_start"]
        live = {OrderStatus.RESERVED: "reserved", OrderStatus.ALLOCATED: "allocated"}
        for order_id, row in stored.items():
            status = OrderStatus(row["status"])
            for state in ("reserved", "allocated"):
                want = row["grams"] if live.get(status) == state else 0
                if held[(order_id, state)] != want:
                    self.breach(
                        f"order {order_id}",
                        "slices",
                        f"is {status} with {held[(order_id, state)]} g {state}, expected {want} g",
                    )

    def check_claims(self, replay: Replay, stored_orders: dict[str, dict[str, Any]]) -> None:
        stored_claims = self.rows(event_claims, "scene_id")
        self.compare("claim", replay.claims, stored_claims, ("organiser", "footprint_g", "policy"))
        members = {row.order_id: row.scene_id for row in self.conn.execute(sa.select(claim_members))}
        if members != replay.members:
            self.breach("claim_members", "differs", "membership differs from the event log")
        for order_id, row in stored_orders.items():
            claim = stored_claims.get(row["scene_id"] or "")
            should = (
                claim is not None
                and row["status"] == OrderStatus.ALLOCATED
                and (row["role"] == Role.ORGANISER or claim["policy"] == ClaimPolicy.INSIDE)
            )
            if should != (order_id in members):
                where = "inside" if order_id in members else "outside"
                self.breach(
                    f"order {order_id}",
                    "claim",
                    f"is {where} the claim of scene {row['scene_id']}, against its policy",
                )

    def check_settlements(self, replay: Replay, stored_orders: dict[str, dict[str, Any]]) -> None:
        stored = self.rows(settlements, "settlement_id")
        self.compare(
            "settlement", replay.settlements, stored, ("owner", "currency", "credit_minor", "fee_minor")
        )
        settled = {row.order_id: row.settlement_id for row in self.conn.execute(sa.select(settled_orders))}
        if settled != replay.settled:
            self.breach("settled_orders", "differs", "settled orders differ from the event log")
        sums: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for order_id, settlement_id in settled.items():
            order = stored_orders[order_id]
            period = stored[settlement_id]
            if order["status"] != OrderStatus.ALLOCATED or not (
                period["period_start"] <= (order["paid_at"] or "") < period["period_end"]
            ):
                self.breach(
                    f"order {order_id}",
                    "settlement",
                    f"is not an allocated order paid in the period of {settlement_id}",
                )
            sums[settlement_id][0] += order["credit_minor"]
            sums[settlement_id][1] += order["fee_minor"]
        for settlement_id, row in stored.items():
            if sums[settlement_id] != [row["credit_minor"], row["fee_minor"]]:
                self.breach(
                    f"settlement {settlement_id}",
                    "reconcile",
                    "credit or fee differs from the sum of its orders",
                )

    def check_payments(self, stored_orders: dict[str, dict[str, Any]]) -> None:
        paid = (OrderStatus.PAID, OrderStatus.ALLOCATED, OrderStatus.REFUNDED)
        captured = {
            row.intent_id: row
            for row in self.conn.execute(sa.select(sandbox_intents))
            if row.status in ("succeeded", "refunded")
        }
        for intent_id, row in captured.items():
            order = stored_orders.get(row.order_id)
            if order is None or order["status"] not in paid:
                self.breach(
                    f"order {row.order_id}",
                    "payment_unapplied",
                    f"sandbox intent {intent_id} was captured but the order is not paid",
                )
        for order_id, order in stored_orders.items():
            if (
                order["status"] in paid
                and order["payment_provider"] == "sandbox"
                and order["payment_intent_id"] not in captured
            ):
                self.breach(
                    f"order {order_id}",
                    "payment_missing",
                    "is paid but its sandbox intent was never captured",
                )


def audit(database: sa.Engine) -> AuditReport:
    """Recompute everything from the event log and check every invariant (read-only)."""
    with db.read(database, snapshot=True) as conn:
        return _Auditor(conn).run()
