"""The one rate limiter (diandian.rate_limits) over SQLite and PostgreSQL, with values worked
out by hand for GCRA: a limit of 3 hits per 60 s lets 3 through at once, then one every 20 s."""

from __future__ import annotations

import sqlalchemy as sa
from diandian import db, rate_limits
from diandian.rate_limits import Limit, RateDecision

from .conftest import Clock

THREE_A_MINUTE = Limit(3, 60)


def _engine(url: str) -> sa.Engine:
    engine = db.connect(url)
    db.upgrade(engine)
    return engine


def _hit(engine: sa.Engine, counter: str, clock: Clock) -> RateDecision:
    with db.write(engine) as conn:
        return rate_limits.hit(conn, counter, THREE_A_MINUTE, clock())


def test_three_at_once_then_one_every_twenty_seconds(url: str, clock: Clock) -> None:
    engine = _engine(url)
    # each hit takes 20 s of room; 60 s of room in all
    assert [_hit(engine, "api:k1", clock) for _ in range(4)] == [
        RateDecision(True, 3, 2, 0),
        RateDecision(True, 3, 1, 0),
        RateDecision(True, 3, 0, 0),
        RateDecision(False, 3, 0, 20),  # the first hit's 20 s free up first
    ]
    clock.advance(seconds=19)
    assert _hit(engine, "api:k1", clock) == RateDecision(False, 3, 0, 1)
    clock.advance(seconds=1)
    assert _hit(engine, "api:k1", clock) == RateDecision(True, 3, 0, 0)
    # a minute after the last hit all its room is back
    clock.advance(seconds=60)
    assert _hit(engine, "api:k1", clock) == RateDecision(True, 3, 2, 0)


def test_counters_are_separate_and_peek_counts_nothing(url: str, clock: Clock) -> None:
    engine = _engine(url)
    for _ in range(3):
        _hit(engine, "email:a@example.org", clock)
    with db.read(engine) as conn:
        refused = rate_limits.peek(conn, "email:a@example.org", THREE_A_MINUTE, clock())
        fresh = rate_limits.peek(conn, "email:b@example.org", THREE_A_MINUTE, clock())
    assert refused == RateDecision(False, 3, 0, 20)
    assert fresh == RateDecision(True, 3, 3, 0)
    with db.write(engine) as conn:
        rate_limits.forget(conn, "email:a@example.org")
    assert _hit(engine, "email:a@example.org", clock) == RateDecision(True, 3, 2, 0)


def test_names_are_stored_as_digests_and_spent_counters_swept(url: str, clock: Clock) -> None:
    engine = _engine(url)
    _hit(engine, "client:203.0.113.9", clock)
    clock.advance(minutes=5)
    _hit(engine, "client:198.51.100.7", clock)  # a new counter sweeps the first, long spent
    with db.read(engine) as conn:
        stored = conn.execute(sa.select(rate_limits.rate_limits.c.counter)).scalars().all()
    assert len(stored) == 1 and "198.51" not in stored[0] and len(stored[0]) == 64


def test_concurrent_hits_spend_the_room_once(url: str, clock: Clock) -> None:
    """40 hits from 8 threads at one instant against 10 per minute: exactly 10 get through."""
    from concurrent.futures import ThreadPoolExecutor

    engine = _engine(url)

    def hit(_: int) -> bool:
        with db.write(engine) as conn:
            return rate_limits.hit(conn, "api:shared", Limit(10, 60), clock()).allowed

    with ThreadPoolExecutor(8) as pool:
        allowed = list(pool.map(hit, range(40)))
    assert allowed.count(True) == 10
