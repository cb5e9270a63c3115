"""Leaderboards: per scene, per scene type and overall, all time or over a window of months.

Only participants who opted in appear, under their chosen display name or a pseudonym made from
their opaque id; the organiser of a scene may hide a name on that scene's board alone
(:func:`hide_name`), where it then reads as the pseudonym while every other board keeps it. Ranking is by **neutralised** grams: paid and allocated credit, whether its
registry retirement is still pending or done. Credits are retired in whole tonnes, pooled, days
or months later, so ranking retired grams only would leave every visitor of an event off the
board while it runs; a visitor who has just paid sees their place at once. Each entry also says
how many of its grams are still pending retirement (``pending_g``; ``retired_g`` is the rest).
Ties share a rank (1, 2, 2, 4); within a tie rows are ordered by participant id, descending
(the index runs that way), so pages are stable.

All-time boards read ``leaderboard_totals``, and a page walks its ``(board, board_key,
neutralised_g)`` index from the top. A participant's rank is one more than the number of people
with more neutralised grams: the sum of ``leaderboard_buckets`` counts above their bucket, plus a
count of the few rows inside their own bucket, so it costs the same with a million participants
as with a thousand. Windowed boards add up ``leaderboard_months`` for the months asked.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import attrs
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from ..certificates.errors import CertificateError
from ..certificates.model import Status
from .participants import is_listed
from .schema import hidden_names, leaderboard_buckets, leaderboard_months, leaderboard_totals, participants

BOARDS = ("overall", "scene", "scene_type")
GRAMS = ("retired_g", "pending_g", "neutralised_g")
MAX_PAGE = 500


@attrs.frozen
class Entry:
    """A participant on a board, ranked by ``neutralised_g`` (``retired_g`` + ``pending_g``);
    ``rank`` is ``None`` while they have nothing neutralised on this board (all revoked)."""

    rank: int | None
    participant_id: str
    name: str
    retired_g: int
    pending_g: int
    neutralised_g: int
    #: the display name is hidden on this board (``name`` is then the pseudonym)
    hidden: bool = False
    #: ``name`` is the pseudonym (no display name chosen, or hidden on this board)
    anonymous: bool = False

    def label(self, lang: str = "en") -> str:
        """The name a page in ``lang`` shows: the display name, else the pseudonym in ``lang``
        (``Visitor 3F9C2A``, ``访客 3F9C2A``)."""
        return pseudonym(self.participant_id, None, lang) if self.anonymous else self.name

    @property
    def pending(self) -> bool:
        """Whether some of the grams still wait for their registry retirement."""
        return self.pending_g > 0


@attrs.frozen
class Board:
    """One page of a leaderboard; ``since``/``until`` are inclusive months (``YYYY-MM``) or None."""

    board: str
    key: str
    since: str | None
    until: str | None
    entries: tuple[Entry, ...]


def pseudonym(participant_id: str, display_name: str | None, lang: str = "en") -> str:
    """The display name, else a pseudonym made from the opaque id: ``Visitor 3F9C2A``, in
    Chinese ``访客 3F9C2A``."""
    tag = participant_id[-6:].upper()
    return display_name or (f"访客 {tag}" if lang == "zh-CN" else f"Visitor {tag}")


def boards_for(scene_id: str, scene_types: Iterable[str]) -> list[tuple[str, str]]:
    """Every board a certificate of this scene counts on."""
    return [("overall", ""), ("scene", scene_id), *(("scene_type", t) for t in sorted(set(scene_types)))]


def bucket(grams: int) -> int:
    """A score bucket that grows with ``grams``: its number of digits, then its first three."""
    digits = str(grams)
    return len(digits) * 1000 + int(digits[:3])


def _bucket_top(number: int) -> int:
    """The largest number of grams in bucket ``number``."""
    digits, lead = divmod(number, 1000)
    return lead if digits <= 3 else (lead + 1) * 10 ** (digits - 3) - 1


def _upsert(
    conn: sa.Connection, table: sa.Table, row: dict[str, object], keys: Sequence[str], adding: Sequence[str]
) -> None:
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    statement = insert(table).values(**row)
    statement = statement.on_conflict_do_update(
        index_elements=list(keys), set_={name: table.c[name] + statement.excluded[name] for name in adding}
    )
    conn.execute(statement)


def _count_bucket(conn: sa.Connection, board: str, key: str, grams: int, n: int) -> None:
    if grams > 0:
        row = {"board": board, "board_key": key, "bucket": bucket(grams), "n": n}
        _upsert(conn, leaderboard_buckets, row, ("board", "board_key", "bucket"), ("n",))


def add(
    conn: sa.Connection,
    participant_id: str,
    boards: Iterable[tuple[str, str]],
    month: str,
    retired_g: int,
    pending_g: int,
) -> None:
    """Add (or with negative numbers, take away) grams on every board, all time and for ``month``."""
    for board, key in boards:
        row: dict[str, object] = {
            "board": board,
            "board_key": key,
            "participant_id": participant_id,
            "retired_g": retired_g,
            "pending_g": pending_g,
            "neutralised_g": retired_g + pending_g,
        }
        t = leaderboard_totals
        # locked on PostgreSQL: the bucket move below must start from the value being changed
        old = (
            conn.execute(
                sa.select(t.c.neutralised_g)
                .where(t.c.board == board, t.c.board_key == key, t.c.participant_id == participant_id)
                .with_for_update()
            ).scalar()
            or 0
        )
        _upsert(conn, t, row, ("board", "board_key", "participant_id"), GRAMS)
        month_keys = ("board", "board_key", "month", "participant_id")
        _upsert(conn, leaderboard_months, {**row, "month": month}, month_keys, GRAMS)
        change = retired_g + pending_g
        new_total = old + change
        if change and (old <= 0 or new_total <= 0 or bucket(old) != bucket(new_total)):
            _count_bucket(conn, board, key, old, -1)
            _count_bucket(conn, board, key, new_total, +1)


def remove_participant(conn: sa.Connection, participant_id: str) -> None:
    t = leaderboard_totals
    for board, key, grams in conn.execute(
        sa.select(t.c.board, t.c.board_key, t.c.neutralised_g).where(t.c.participant_id == participant_id)
    ):
        _count_bucket(conn, board, key, grams, -1)
    for table in (leaderboard_totals, leaderboard_months):
        conn.execute(sa.delete(table).where(table.c.participant_id == participant_id))


def rebuild_buckets(conn: sa.Connection) -> None:
    """Recount ``leaderboard_buckets`` from the totals (after a bulk load or a repair)."""
    t = leaderboard_totals
    counts: Counter[tuple[str, str, int]] = Counter()
    query = sa.select(t.c.board, t.c.board_key, t.c.neutralised_g).where(t.c.neutralised_g > 0)
    rows = conn.execute(query.execution_options(yield_per=50_000))
    for board, key, grams in rows:
        counts[board, key, bucket(grams)] += 1
    conn.execute(sa.delete(leaderboard_buckets))
    if counts:
        conn.execute(
            sa.insert(leaderboard_buckets),
            [{"board": b, "board_key": k, "bucket": n, "n": c} for (b, k, n), c in counts.items()],
        )


def _check(board: str, key: str, limit: int = 1) -> None:
    if board not in BOARDS:
        raise CertificateError("unknown_board", f"unknown leaderboard {board!r}; use one of {BOARDS}")
    if (board == "overall") != (key == ""):
        raise CertificateError(
            "board_key", "the overall board takes no key; scene and scene_type boards need one"
        )
    if not 1 <= limit <= MAX_PAGE:
        raise CertificateError("page_size", f"a page holds 1 to {MAX_PAGE} entries")


def has_board(conn: sa.Connection, board: str, key: str) -> bool:
    """Whether the board ``board``/``key`` has a row, however small its grams now."""
    t = leaderboard_totals
    return (
        conn.execute(sa.select(t.c.board).where(t.c.board == board, t.c.board_key == key).limit(1)).first()
        is not None
    )


def _scores(board: str, key: str, since: str | None, until: str | None) -> sa.Subquery | sa.Table:
    """Rows (participant_id, retired_g, pending_g, neutralised_g) of one board over the window."""
    if since is None and until is None:
        return leaderboard_totals
    t = leaderboard_months
    where = [t.c.board == board, t.c.board_key == key]
    where += [t.c.month >= since] if since else []
    where += [t.c.month <= until] if until else []
    return (
        sa.select(
            t.c.participant_id,
            sa.literal(board).label("board"),
            sa.literal(key).label("board_key"),
            sa.func.sum(t.c.retired_g).label("retired_g"),
            sa.func.sum(t.c.pending_g).label("pending_g"),
            sa.func.sum(t.c.neutralised_g).label("neutralised_g"),
        )
        .where(*where)
        .group_by(t.c.participant_id)
        .subquery("window")
    )


def _on_board(scores: sa.Subquery | sa.Table, board: str, key: str) -> list[sa.ColumnElement[bool]]:
    return [scores.c.board == board, scores.c.board_key == key]


def _above(conn: sa.Connection, scores: sa.Subquery | sa.Table, board: str, key: str, grams: int) -> int:
    """How many on the board have more than ``grams`` neutralised grams."""
    count = sa.select(sa.func.count()).select_from(scores).where(*_on_board(scores, board, key))
    if scores is not leaderboard_totals:  # a window: count its grouped rows
        return int(conn.execute(count.where(scores.c.neutralised_g > grams)).scalar_one())
    b = leaderboard_buckets
    higher = conn.execute(
        sa.select(sa.func.coalesce(sa.func.sum(b.c.n), 0)).where(
            b.c.board == board, b.c.board_key == key, b.c.bucket > bucket(grams)
        )
    ).scalar_one()
    top = _bucket_top(bucket(grams))
    same = conn.execute(
        count.where(scores.c.neutralised_g > grams, scores.c.neutralised_g <= top)
    ).scalar_one()
    return int(higher) + int(same)


def _hidden(board: str, key: str, participant_id: str) -> tuple[sa.ColumnElement[bool], ...]:
    """The row of ``hidden_names`` for this participant on this board."""
    return (
        hidden_names.c.board == board,
        hidden_names.c.board_key == key,
        hidden_names.c.participant_id == participant_id,
    )


def hide_name(conn: sa.Connection, board: str, key: str, participant_id: str, at: str) -> bool:
    """Hide the participant's display name on this one board (from ``at``, ISO time); ``False``
    if it was hidden already. CertificateError ``unknown_participant`` for an unknown id."""
    _check(board, key)
    if (
        conn.execute(
            sa.select(participants.c.participant_id).where(participants.c.participant_id == participant_id)
        ).first()
        is None
    ):
        raise CertificateError("unknown_participant", f"no participant {participant_id!r}")
    where = _hidden(board, key, participant_id)
    if conn.execute(sa.select(hidden_names.c.participant_id).where(*where)).first() is not None:
        return False
    row = {"board": board, "board_key": key, "participant_id": participant_id, "hidden_at": at}
    conn.execute(sa.insert(hidden_names).values(**row))
    return True


def show_name(conn: sa.Connection, board: str, key: str, participant_id: str) -> bool:
    """Show again on this one board a display name :func:`hide_name` hid there; ``False`` if it
    was not hidden on this board (names hidden on other boards stay hidden)."""
    _check(board, key)
    where = _hidden(board, key, participant_id)
    return bool(conn.execute(sa.delete(hidden_names).where(*where)).rowcount)


def _named(
    scores: sa.Subquery | sa.Table, board: str, key: str
) -> tuple[sa.FromClause, sa.ColumnElement[bool]]:
    """The board's scores joined to their participants and to the names hidden on this board,
    and whether each row's name is hidden."""
    hidden = hidden_names
    joined = scores.join(participants, participants.c.participant_id == scores.c.participant_id).outerjoin(
        hidden,
        sa.and_(
            hidden.c.board == board,
            hidden.c.board_key == key,
            hidden.c.participant_id == scores.c.participant_id,
        ),
    )
    return joined, hidden.c.participant_id.is_not(None).label("hidden")


def _entry(rank: int | None, pid: str, name: str | None, hidden: bool, grams: Sequence[Any]) -> Entry:
    """An entry from a row's grams (retired, pending, neutralised; sums may come back as
    Decimal on PostgreSQL), named by its pseudonym where the name is hidden on this board."""
    retired, pending, neutralised = (int(g) for g in grams)
    shown = None if hidden else name
    return Entry(rank, pid, pseudonym(pid, shown), retired, pending, neutralised, bool(hidden), not shown)


def page(
    conn: sa.Connection,
    board: str = "overall",
    key: str = "",
    *,
    limit: int = 100,
    offset: int = 0,
    since: str | None = None,
    until: str | None = None,
) -> Board:
    """Entries ``offset`` to ``offset + limit`` of a board, best first, ranked by neutralised grams."""
    _check(board, key, limit)
    scores = _scores(board, key, since, until)
    joined, hidden = _named(scores, board, key)
    query = (
        sa.select(
            scores.c.participant_id,
            scores.c.retired_g,
            scores.c.pending_g,
            scores.c.neutralised_g,
            participants.c.display_name,
            hidden,
        )
        .select_from(joined)
        .where(*_on_board(scores, board, key), scores.c.neutralised_g > 0)
        .order_by(scores.c.neutralised_g.desc(), scores.c.participant_id.desc())
        .limit(limit)
        .offset(offset)
    )
    entries: list[Entry] = []
    for position, (pid, retired, pending, grams, name, veiled) in enumerate(
        conn.execute(query), start=offset
    ):
        if entries and entries[-1].neutralised_g == grams and entries[-1].rank is not None:
            rank = entries[-1].rank
        elif position == offset and offset:
            rank = 1 + _above(conn, scores, board, key, grams)  # a tie may start on the page before
        else:
            rank = position + 1  # every row before this one has strictly more
        entries.append(_entry(rank, pid, name, veiled, (retired, pending, grams)))
    return Board(board, key, since, until, tuple(entries))


def rank(
    conn: sa.Connection,
    participant_id: str,
    board: str = "overall",
    key: str = "",
    *,
    since: str | None = None,
    until: str | None = None,
) -> Entry | None:
    """One participant's place, or ``None`` if they are not on this board. Pending grams count:
    someone who has just paid is ranked at once, their entry marked pending."""
    _check(board, key)
    scores = _scores(board, key, since, until)
    joined, hidden = _named(scores, board, key)
    query = (
        sa.select(
            scores.c.retired_g,
            scores.c.pending_g,
            scores.c.neutralised_g,
            participants.c.display_name,
            hidden,
        )
        .select_from(joined)
        .where(*_on_board(scores, board, key), scores.c.participant_id == participant_id)
    )
    row = conn.execute(query).first()
    if row is None:
        return None
    grams = int(row.neutralised_g)
    place = 1 + _above(conn, scores, board, key, grams) if grams > 0 else None
    return _entry(
        place, participant_id, row.display_name, row.hidden, (row.retired_g, row.pending_g, row.neutralised_g)
    )


def count_certificate(conn: sa.Connection, row: sa.Row[tuple[object, ...]], sign: int) -> None:
    """Add (``sign`` +1) or take away (-1) a stored certificate's grams (a ``certificates`` row)
    on every board it counts on, if its participant is listed and it is not revoked: pending
    grams while its retirement waits, retired grams after. Runs in the caller's transaction, so
    a certificate and its boards change together."""
    pid = row.participant_id
    if pid is None or row.status == Status.REVOKED.value:
        return
    if not is_listed(conn, str(pid)):
        return
    grams = sign * int(row.neutralised_g)
    retired = row.status == Status.RETIRED.value
    boards = boards_for(str(row.scene_id), [t for t in str(row.scene_types).split(",") if t])
    add(conn, str(pid), boards, str(row.issued_at)[:7], grams if retired else 0, 0 if retired else grams)
