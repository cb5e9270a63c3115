"""Rate limits that every process and server over one database shares: an API key's requests,
a visitor's checkouts and recovery links, failed sign-ins and password-reset requests.

The policy is pyrate-limiter's :class:`~pyrate_limiter.GCRA` (the generic cell rate algorithm,
a token bucket kept as one number). A :class:`Limit` of ``hits`` per ``seconds`` lets that many
through at once, then one more every ``seconds / hits``: a moving limit, with no window edge at
which twice the limit could pass as with fixed windows. Over any long stretch no more than
``hits`` per ``seconds`` get through.

pyrate-limiter keeps that state in memory, a multiprocessing manager or Redis; its SQLite and
PostgreSQL buckets log one row per hit in a table of their own per counter. Here the state of a
counter is one row of the table ``rate_limits`` (Alembic branch ``rate_limits``): the
theoretical arrival time in microseconds since the epoch, read and written inside the caller's
write transaction (:func:`diandian.db.write`). On SQLite that transaction holds the database's
write lock, on PostgreSQL an advisory lock on the counter, so two processes never spend the same
room. A row whose time has passed says no more than no row, and is swept when a counter starts.

Counter names (``api:<key id>``, ``email:<address>``, ...) are stored as their
:func:`~diandian.tokens.digest`, so the table holds no e-mail or network address.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any

import attrs
import sqlalchemy as sa
from pyrate_limiter import GCRA, Rate
from sqlalchemy.dialects import postgresql, sqlite

from . import db
from .tokens import digest

metadata = sa.MetaData()

rate_limits = sa.Table(
    "rate_limits",
    metadata,
    sa.Column("counter", sa.String(64), primary_key=True),
    sa.Column("tat_us", sa.BigInteger, nullable=False, index=True),
)

POLICY = GCRA()


@attrs.frozen
class Limit:
    """At most ``hits`` per ``seconds``, all of them at once if need be (both at least 1)."""

    hits: int
    seconds: int

    @property
    def rate(self) -> Rate:
        return Rate(self.hits, self.seconds * 1000)


@attrs.frozen
class RateDecision:
    """``allowed`` or not; ``limit`` hits per period; ``remaining`` hits that may follow at
    once; ``retry_after`` whole seconds until the next hit is allowed (0 when it is now)."""

    allowed: bool
    limit: int
    remaining: int
    retry_after: int


def hit(conn: sa.Connection, counter: str, limit: Limit, now: datetime) -> RateDecision:
    """Count one hit on ``counter`` at ``now`` if ``limit`` leaves room; the decision either way
    (a refused hit is not counted). ``conn`` must be in a :func:`diandian.db.write` transaction."""
    return _decide(conn, counter, limit, now, spend=True)


def peek(conn: sa.Connection, counter: str, limit: Limit, now: datetime) -> RateDecision:
    """The decision :func:`hit` would make now, counting nothing."""
    return _decide(conn, counter, limit, now, spend=False)


def forget(conn: sa.Connection, counter: str) -> None:
    """Start ``counter`` afresh, as though it had never been hit."""
    conn.execute(_FORGET, {"counter": digest(counter)})


def _decide(conn: sa.Connection, counter: str, limit: Limit, now: datetime, *, spend: bool) -> RateDecision:
    key = digest(counter)
    if spend:
        db.lock(conn, f"rate_limits:{key}")
    rates = [limit.rate]
    now_ms = int(now.timestamp() * 1000)
    stored = conn.execute(_READ, {"counter": key}).scalar()
    state = POLICY.initial(rates) if stored is None else (int(stored),)
    after, decision = POLICY.step(rates, state, now_ms, 1)
    if spend and decision.allowed:
        if stored is None:  # a counter starts: clear those whose time has passed
            conn.execute(_SWEEP, {"before": now_ms * 1000})
        conn.execute(_WRITE[conn.dialect.name], {"counter": key, "tat_us": int(after[0])})
    wait_ms = decision.retry_after_ms or 0
    return RateDecision(
        allowed=decision.allowed,
        limit=limit.hits,
        remaining=limit.hits - POLICY.consumed(rates, after if spend else state, now_ms),
        retry_after=max(1, math.ceil(wait_ms / 1000)) if not decision.allowed else 0,
    )


# built once: every API request runs these, and building a statement costs more than running it
_READ = sa.select(rate_limits.c.tat_us).where(rate_limits.c.counter == sa.bindparam("counter"))
_FORGET = rate_limits.delete().where(rate_limits.c.counter == sa.bindparam("counter"))
_SWEEP = rate_limits.delete().where(rate_limits.c.tat_us < sa.bindparam("before"))


def _upsert(insert: Any) -> sa.Executable:
    statement = insert(rate_limits).values(counter=sa.bindparam("counter"), tat_us=sa.bindparam("tat_us"))
    return statement.on_conflict_do_update(  # type: ignore[no-any-return]
        index_elements=[rate_limits.c.counter], set_={"tat_us": statement.excluded.tat_us}
    )


_WRITE = {"sqlite": _upsert(sqlite.insert), "postgresql": _upsert(postgresql.insert)}
