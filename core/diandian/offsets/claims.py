"""Organiser claims: an organiser neutralises an event's own footprint, and decides once,
per event, whether the visitors' slices count inside that claim or stay outside it.

The decision is recorded and never changes. Membership is explicit (``claim_members``, keyed
by order, so an order sits in at most one claim): the organiser's own paid orders for the event
are always members; visitor orders are members exactly when the policy is ``inside``. A visitor
certificate for a member order says "contributed to the event's claim"; for any other it is the
visitor's own. No gram is ever counted by both.
"""

from __future__ import annotations

import sqlalchemy as sa

from ..errors import ValidationFailed
from ..free_text import MAX_ID, text_problem
from .model import ClaimPolicy, ClaimReport, EventClaim, Order, OrderStatus, Role
from .pricing import MAX_FOOTPRINT_G, parse_grams
from .schema import claim_members, event_claims, orders
from .store import Tx, unstamp


def _claim(conn: sa.Connection, scene_id: str) -> EventClaim | None:
    row = conn.execute(sa.select(event_claims).where(event_claims.c.scene_id == scene_id)).one_or_none()
    if row is None:
        return None
    return EventClaim(
        row.scene_id, row.organiser, row.footprint_g, ClaimPolicy(row.policy), unstamp(row.decided_at)
    )


def _joins(claim: EventClaim, role: Role) -> bool:
    return role is Role.ORGANISER or claim.policy is ClaimPolicy.INSIDE


def decide(tx: Tx, scene_id: str, organiser: str, footprint_g: int, policy: ClaimPolicy) -> EventClaim:
    grams = parse_grams(footprint_g, field="footprint_g", maximum=MAX_FOOTPRINT_G)
    found = (
        text_problem(scene_id, field="scene_id", limit=MAX_ID),
        text_problem(organiser, field="organiser", limit=MAX_ID),
    )
    problems = [p for p in found if p is not None]
    if problems:
        raise ValidationFailed(problems, what="event claim")
    claim = EventClaim(scene_id, organiser, grams, ClaimPolicy(policy), tx.now)
    known = _claim(tx.conn, scene_id)
    if known is not None:
        if (known.organiser, known.footprint_g, known.policy) == (organiser, grams, claim.policy):
            return known
        raise ValidationFailed.single(
            "policy",
            "decided",
            f"scene {scene_id!r} was decided on {known.decided_at:%Y-%m-%d} as {known.policy} "
            f"for {known.footprint_g} g by {known.organiser!r}; a decision never changes",
        )
    row = {
        "scene_id": scene_id,
        "organiser": organiser,
        "footprint_g": grams,
        "policy": str(claim.policy),
        "decided_at": tx.at,
    }
    tx.conn.execute(event_claims.insert().values(row))
    tx.event("claim.decided", scene_id, row)
    paid = tx.conn.execute(
        sa.select(orders.c.order_id, orders.c.role)
        .where((orders.c.scene_id == scene_id) & (orders.c.status == str(OrderStatus.ALLOCATED)))
        .order_by(orders.c.order_id)
    ).all()
    _join(tx, scene_id, [order_id for order_id, role in paid if _joins(claim, Role(role))])
    return claim


def _join(tx: Tx, scene_id: str, order_ids: list[str]) -> None:
    if order_ids:
        tx.conn.execute(claim_members.insert(), [{"order_id": o, "scene_id": scene_id} for o in order_ids])
        tx.event("claim.joined", scene_id, {"scene_id": scene_id, "order_ids": order_ids})


def join_if_claimed(tx: Tx, order: Order) -> None:
    """Called when an order is allocated: add it to its event's claim if the policy says so."""
    if order.scene_id is None:
        return
    claim = _claim(tx.conn, order.scene_id)
    if claim is not None and _joins(claim, order.role):
        _join(tx, order.scene_id, [order.order_id])


def report(conn: sa.Connection, scene_id: str) -> ClaimReport:
    claim = _claim(conn, scene_id)
    if claim is None:
        raise ValidationFailed.single("scene_id", "unknown", f"no claim was decided for scene {scene_id!r}")
    member = claim_members.c.order_id.is_not(None)
    totals = {
        (role, bool(inside)): int(grams)
        for role, inside, grams in conn.execute(
            sa.select(orders.c.role, member, sa.func.sum(orders.c.grams))
            .select_from(orders.outerjoin(claim_members, claim_members.c.order_id == orders.c.order_id))
            .where((orders.c.scene_id == scene_id) & (orders.c.status == str(OrderStatus.ALLOCATED)))
            .group_by(orders.c.role, member)
        )
    }
    return ClaimReport(
        claim,
        organiser_g=totals.get((str(Role.ORGANISER), True), 0),
        visitor_inside_g=totals.get((str(Role.VISITOR), True), 0),
        visitor_outside_g=totals.get((str(Role.VISITOR), False), 0),
    )
