"""Participants, leaderboards (ties, windows, pending apart, opt-in pseudonyms) and the life-footprint record."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
import sqlalchemy as sa
from diandian import db
from diandian.certificates import CertificateError, Status
from diandian.certificates import schema as certificates_schema
from diandian.footprint import Footprint
from diandian.visitors import leaderboard
from diandian.visitors import schema as visitors_schema
from diandian.visitors.schema import participants

from .conftest import World


@pytest.fixture
def conn(url: str) -> Iterator[sa.Connection]:
    database = db.connect(url)
    db.upgrade(database)
    with database.begin() as connection:
        for pid, name in [("pa", "Ann"), ("pb", None), ("pc", "Chen"), ("pd", "Dai"), ("pe", "Eve")]:
            connection.execute(
                sa.insert(participants).values(
                    participant_id=pid, display_name=name, listed=True, created_at="2021-09-01T00:00:00+00:00"
                )
            )
        boards = leaderboard.boards_for("summit", ["conference"])
        for pid, month, retired, pending in [
            ("pa", "2021-09", 5_000, 0),
            ("pb", "2021-09", 9_000, 0),
            ("pc", "2021-09", 5_000, 1_000),
            ("pd", "2021-10", 5_000, 0),
            ("pa", "2021-10", 1_000, 0),
            ("pe", "2021-10", 0, 40_000),
        ]:
            leaderboard.add(connection, pid, boards, month, retired, pending)
    connection = database.connect()
    yield connection
    connection.close()
    database.dispose()


def test_neutralised_grams_rank_ties_share_a_rank_and_pending_is_marked(conn: sa.Connection) -> None:
    page = leaderboard.page(conn, "scene", "summit")
    ranks = [(e.rank, e.participant_id, e.neutralised_g, e.pending_g) for e in page.entries]
    assert ranks == [
        (1, "pe", 40_000, 40_000),
        (2, "pb", 9_000, 0),
        (3, "pc", 6_000, 1_000),
        (3, "pa", 6_000, 0),
        (5, "pd", 5_000, 0),
    ]
    # paid and allocated counts at once: Eve's 40 kg all wait for retirement, and she leads
    eve = leaderboard.rank(conn, "pe", "overall")
    assert eve is not None and (eve.rank, eve.retired_g, eve.pending_g, eve.pending) == (1, 0, 40_000, True)
    assert not page.entries[1].pending
    # a page starting inside a tie keeps the shared rank
    assert [e.rank for e in leaderboard.page(conn, "overall", limit=2, offset=3).entries] == [3, 5]
    # no name given: a pseudonym from the opaque id
    assert page.entries[1].name == "Visitor PB"
    assert leaderboard.rank(conn, "pd", "scene_type", "conference") == page.entries[4]


def test_windows_add_up_months(conn: sa.Connection) -> None:
    september = leaderboard.page(conn, since="2021-09", until="2021-09")
    assert [(e.rank, e.participant_id, e.neutralised_g) for e in september.entries] == [
        (1, "pb", 9_000),
        (2, "pc", 6_000),
        (3, "pa", 5_000),
    ]
    october = leaderboard.rank(conn, "pa", since="2021-10")
    assert october is not None and (october.rank, october.neutralised_g) == (3, 1_000)


def test_bad_board_requests_are_named(conn: sa.Connection) -> None:
    with pytest.raises(CertificateError, match="unknown leaderboard"):
        leaderboard.page(conn, "galaxy")
    with pytest.raises(CertificateError, match="need one"):
        leaderboard.page(conn, "scene")
    with pytest.raises(CertificateError, match="1 to 500"):
        leaderboard.page(conn, limit=10_000)


def test_only_opted_in_participants_appear(world: World) -> None:
    visitors = world.visitors
    shy = visitors.new_participant("Shy")
    cert = world.book.issue(world.ledger.order_record(world.buy(7_000)), participant_id=shy)
    assert visitors.rank(shy) is None and visitors.leaderboard().entries == ()
    visitors.set_listing(shy, True, "Proud")
    entry = visitors.rank(shy)
    assert entry is not None and (entry.name, entry.pending_g) == ("Proud", 7_000)
    visitors.set_listing(shy, False)
    assert visitors.rank(shy) is None
    assert cert.claims.display_name == "Shy"


def _footprint(scene_id: str, grams: int) -> Footprint:
    return Footprint(scene_id, ("daily_life",), (), grams, {"home_energy": grams}, grams, grams, {})


def test_life_record_month_by_month(world: World) -> None:
    visitors = world.visitors
    person = visitors.new_participant()
    cert = world.book.issue(
        world.ledger.order_record(world.buy(38_200)),
        participant_id=person,
        footprint_g=40_000,
        by_category={"travel": 40_000},
    )
    visitors.record_footprint(person, _footprint("daily", 120_000), on=date(2021, 8, 31))
    visitors.record_footprint(person, _footprint("daily", 120_000), on=date(2021, 8, 31))  # counted once
    visitors.record_footprint(person, _footprint("daily", 95_000), on=date(2021, 7, 31))
    record = visitors.life_record(person)
    month = cert.claims.issued_at.strftime("%Y-%m")
    assert [m.month for m in record.months] == ["2021-07", "2021-08", month]
    assert [m.daily_g for m in record.months] == [95_000, 120_000, 0]
    last = record.months[-1]
    assert (last.scene_g, last.compensated_g(Status.PENDING), last.compensated_g(Status.RETIRED)) == (
        40_000,
        38_200,
        0,
    )
    data = record.to_json()
    assert data["footprint_g"] == 255_000 and data["pending_g"] == 38_200
    assert record.months[-1].to_json()["certificates"] == [
        {"id": cert.cert_id, "scene": "cdcn-summit-2021", "grams": 38_200, "status": "pending-retirement"}
    ]
    assert [m.month for m in visitors.life_record(person, since="2021-08", until="2021-08").months] == [
        "2021-08"
    ]
    with pytest.raises(CertificateError, match="one of"):
        visitors.record_footprint(person, _footprint("x", 1), on=date(2021, 1, 1), kind="weekly")


def test_bucketed_ranks_match_a_plain_count(conn: sa.Connection) -> None:
    import random

    rng = random.Random(5)
    people = [f"q{n:03d}" for n in range(120)]
    conn.execute(
        sa.insert(participants),
        [
            {"participant_id": p, "display_name": None, "listed": True, "created_at": "2021-09-01"}
            for p in people
        ],
    )
    totals = dict.fromkeys(people, 0)
    for _ in range(600):
        pid = rng.choice(people)
        grams = rng.choice([1, 7, 99, 100, 1_000, 38_200, 38_250, 999_999, 1_000_000, 12_345_678])
        if totals[pid] >= grams and rng.random() < 0.3:
            grams = -grams  # a revocation takes grams away again
        totals[pid] += grams
        pending = grams if rng.random() < 0.5 else 0  # pending grams rank like retired ones
        leaderboard.add(conn, pid, [("scene", "big")], "2021-09", grams - pending, pending)

    def expected(pid: str) -> int | None:
        return 1 + sum(v > totals[pid] for v in totals.values()) if totals[pid] else None

    def ranks() -> dict[str, int | None]:
        found = {p: leaderboard.rank(conn, p, "scene", "big") for p in people}
        return {p: e.rank if e else None for p, e in found.items()}

    assert ranks() == {p: expected(p) for p in people}
    leaderboard.rebuild_buckets(conn)
    assert ranks() == {p: expected(p) for p in people}


@pytest.mark.parametrize("area", ["certificates", "visitors"])
def test_the_migrations_match_the_tables_of_certificates_and_visitors(world: World, area: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    metadata = {"certificates": certificates_schema.metadata, "visitors": visitors_schema.metadata}[area]
    with world.book.database.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    # the other areas' tables are in the database too: only what this metadata lacks or changes
    assert [d for d in diff if not (isinstance(d, tuple) and d[0].startswith("remove_"))] == []
    assert set(metadata.tables) <= set(sa.inspect(world.book.database).get_table_names())
