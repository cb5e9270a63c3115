"""Certificate benchmarks; each figure is printed next to a baseline measured in the same run.

    .venv/bin/python benchmarks/bench_certificates.py [--entries 1000000] [--no-postgres]

1. certificates signed into QR text per second vs a bare Ed25519 signature of the same bytes,
   and certificates issued per second from paid ledger orders (SQLite, with storage);
2. verifications per second vs a bare Ed25519 verification;
3. the certificate's QR code rendered to PNG vs a plain default ``qrcode.make(...).save(...)``;
4. a leaderboard of 1,000,000 participants on SQLite and PostgreSQL: the rank of one
   participant and a top-100 page, vs a ``RANK() OVER (...)`` window query over the same table.
"""

from __future__ import annotations

import argparse
import io
import random
import secrets
import statistics
import tempfile
import time
import timeit
from collections.abc import Callable
from pathlib import Path

import qrcode
import sqlalchemy as sa
from diandian import db
from diandian.certificates import (
    Claims,
    KeyRing,
    codec,
    cose,
    decode,
    encode,
)
from diandian.certificates.model import example_claims
from diandian.render.canvas import PngCanvas
from diandian.render.qr import matrix
from diandian.visitors import leaderboard
from diandian.visitors.schema import leaderboard_totals, participants

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


def per_call(function: Callable[[], object], number: int, repeat: int = 7) -> float:
    return statistics.median(timeit.repeat(function, number=number, repeat=repeat)) / number


def claims() -> Claims:
    return example_claims(issuer="https://diandian.example.org", status_index=123_456, display_name="小林")


def signing_and_verifying(ring: KeyRing) -> str:
    key, kid = ring.signer()
    c = claims()
    payload = codec.claims_to_cbor(c)
    ours = per_call(lambda: encode(c, key, kid), 500)
    bare = per_call(lambda: key.sign(payload), 500)
    print(
        f"sign into QR text : {1 / ours:10,.0f} /s   bare Ed25519 sign: {1 / bare:10,.0f} /s   ratio {ours / bare:.2f}x"
    )
    text = encode(c, key, kid)
    trusted = ring.trusted()
    message = cose.parse(codec.unpack(text))
    public = trusted[kid]
    sig_structure = __import__("cbor2").dumps(["Signature1", message.protected, b"", message.payload])
    ours = per_call(lambda: decode(text, trusted), 500)
    bare = per_call(lambda: public.verify(message.signature, sig_structure), 500)
    print(
        f"verify QR text    : {1 / ours:10,.0f} /s   bare Ed25519 verify: {1 / bare:8,.0f} /s   ratio {ours / bare:.2f}x"
    )
    return text


def issuing(ring: KeyRing, folder: Path, count: int = 300) -> None:
    from diandian.certificates.book import CertificateBook
    from diandian.offsets import Ledger, SandboxPayments, buy, load_file
    from diandian.plugins import PluginHost

    database = db.connect(f"sqlite:///{folder / 'issue.db'}")
    host = PluginHost(entrypoints=False).load()
    ledger = Ledger(database, host=host)
    ledger.init()
    load_file(ledger)
    payments = SandboxPayments(database)
    orders = [
        buy(ledger, payments, project_id="demo-vcs-hydro", grams=1_000).order.order_id for _ in range(count)
    ]
    book = CertificateBook(database, ring, host=host)
    start = time.perf_counter()
    for order_id in orders:
        book.issue(ledger.order_record(order_id))
    elapsed = time.perf_counter() - start
    print(f"issue from paid ledger orders (SQLite, stored): {count / elapsed:,.0f} /s")
    database.dispose()


def qr_rendering(text: str) -> None:
    def ours() -> bytes:
        page = PngCanvas(300, 300, scale=1.0)
        page.qr(0, 0, 300, matrix(text))
        return page.result()

    def plain() -> bytes:
        out = io.BytesIO()
        qrcode.make(text).save(out)
        return out.getvalue()

    a, b = per_call(ours, 10), per_call(plain, 10)
    print(
        f"QR to PNG         : {a * 1000:8.1f} ms   plain qrcode.make().save(): {b * 1000:6.1f} ms   ratio {a / b:.2f}x"
    )


def fill(database: sa.Engine, entries: int) -> list[str]:
    """``entries`` listed participants on the overall board, retired grams drawn with many ties."""
    rng = random.Random(7)
    ids = [f"p{n:09d}" for n in range(entries)]
    with database.begin() as conn:
        if conn.dialect.name == "postgresql":
            raw = conn.connection.dbapi_connection
            with raw.cursor() as cursor:  # type: ignore[union-attr]
                with cursor.copy(
                    "COPY cert_participants (participant_id, display_name, listed, created_at) FROM STDIN"
                ) as copy:
                    for pid in ids:
                        copy.write_row((pid, None, True, "2021-09-07T00:00:00+00:00"))
                with cursor.copy(
                    "COPY leaderboard_totals (board, board_key, participant_id, retired_g, pending_g, neutralised_g)"
                    " FROM STDIN"
                ) as copy:
                    for pid in ids:
                        grams = rng.randrange(0, 2_000) * 100
                        copy.write_row(("overall", "", pid, grams, 0, grams))
        else:
            chunk = 100_000
            for at in range(0, entries, chunk):
                part = ids[at : at + chunk]
                conn.execute(
                    sa.insert(participants),
                    [
                        {
                            "participant_id": p,
                            "display_name": None,
                            "listed": True,
                            "created_at": "2021-09-07T00:00:00+00:00",
                        }
                        for p in part
                    ],
                )
                scores = [rng.randrange(0, 2_000) * 100 for _ in part]
                conn.execute(
                    sa.insert(leaderboard_totals),
                    [
                        {
                            "board": "overall",
                            "board_key": "",
                            "participant_id": p,
                            "retired_g": grams,
                            "pending_g": 0,
                            "neutralised_g": grams,
                        }
                        for p, grams in zip(part, scores, strict=True)
                    ],
                )
        leaderboard.rebuild_buckets(conn)
    with database.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")
        else:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
    return ids


def board(name: str, url: str, entries: int) -> None:
    database = db.connect(url)
    db.upgrade(database)
    start = time.perf_counter()
    ids = fill(database, entries)
    print(f"{name}: loaded {entries:,} participants in {time.perf_counter() - start:.1f} s")
    rng = random.Random(11)
    sample = [rng.choice(ids) for _ in range(30)]
    naive = sa.text(
        "SELECT r FROM (SELECT participant_id, RANK() OVER (ORDER BY neutralised_g DESC) AS r FROM leaderboard_totals "
        "WHERE board = 'overall' AND board_key = '') AS ranked WHERE participant_id = :p"
    )
    with database.connect() as conn:
        for pid in sample[:3]:  # same answers both ways
            entry = leaderboard.rank(conn, pid)
            assert (
                entry is None
                or entry.rank == conn.execute(naive, {"p": pid}).scalar_one()
                or entry.neutralised_g == 0
            )

        def ranks() -> None:
            for pid in sample:
                leaderboard.rank(conn, pid)

        rank_ms = per_call(ranks, 1, repeat=5) / len(sample) * 1000
        top_ms = per_call(lambda: leaderboard.page(conn, limit=100), 5) * 1000
        deep_ms = per_call(lambda: leaderboard.page(conn, limit=100, offset=entries // 2), 1, repeat=3) * 1000
        naive_ms = per_call(lambda: conn.execute(naive, {"p": sample[0]}).scalar_one(), 1, repeat=3) * 1000
    print(
        f"  rank of one participant : {rank_ms:8.2f} ms   RANK() OVER window query: {naive_ms:8.1f} ms   "
        f"speed-up {naive_ms / rank_ms:,.0f}x"
    )
    print(
        f"  top-100 page            : {top_ms:8.2f} ms   (a page at the median, offset {entries // 2:,}: {deep_ms:.1f} ms)"
    )
    database.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ring = KeyRing(folder / "keys", environ={})
        text = signing_and_verifying(ring)
        issuing(ring, folder)
        qr_rendering(text)
        board("SQLite", f"sqlite:///{folder / 'board.db'}", args.entries)
        if not args.no_postgres:
            import psycopg

            name = f"diandian_bench_{secrets.token_hex(4)}"
            try:
                with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3) as admin:
                    admin.execute(f'CREATE DATABASE "{name}"')
            except psycopg.OperationalError as exc:
                print(f"PostgreSQL: skipped, no server ({exc})")
                return
            try:
                board("PostgreSQL", f"{PG_ADMIN.rsplit('/', 1)[0]}/{name}", args.entries)
            finally:
                with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
                    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
