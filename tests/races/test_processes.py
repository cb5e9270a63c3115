"""Races between real processes on SQLite and PostgreSQL, each repeated.

- two ``diandian ledger init`` at once on an empty database: both succeed (migrations lock);
- one order certified from two processes at once: both print the first certificate;
- different orders certified at once: every certificate gets its own status-list slot.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from diandian import db
from diandian.certificates.book import CertificateBook
from diandian.certificates.keys import KeyRing
from diandian.offsets import Ledger, SandboxPayments, buy, load_file

PG_ADMIN = os.environ.get("DIANDIAN_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
REPEAT = 3

pytestmark = pytest.mark.slow


def _pg_admin() -> Any:
    import psycopg

    try:
        return psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        pytest.skip(f"no PostgreSQL server reachable at {PG_ADMIN}: {exc}")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def new_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """A factory of empty databases (SQLite files, or PostgreSQL databases dropped afterwards)."""
    made: list[str] = []

    def make() -> str:
        if request.param == "sqlite":
            return f"sqlite:///{tmp_path / ('race-' + secrets.token_hex(4) + '.db')}"
        name = f"diandian_race_{secrets.token_hex(6)}"
        with _pg_admin() as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        return f"{PG_ADMIN.rsplit('/', 1)[0]}/{name}"

    yield make
    if made:
        with _pg_admin() as admin:
            for name in made:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def at_once(*commands: list[str], home: Path) -> list[subprocess.CompletedProcess[str]]:
    """Start every command before waiting for any, as two terminals or two servers would."""
    env = {**os.environ, "DIANDIAN_HOME": str(home)}
    running = [
        subprocess.Popen(
            [sys.executable, "-m", "diandian", *c],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for c in commands
    ]
    done = []
    for process in running:
        out, err = process.communicate(timeout=180)
        done.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
    return done


def test_two_inits_at_once_both_succeed(new_database: Any, tmp_path: Path) -> None:
    for _ in range(REPEAT):
        url = new_database()
        results = at_once(
            ["ledger", "init", "--database-url", url],
            ["ledger", "init", "--database-url", url],
            home=tmp_path,
        )
        assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
        engine = db.connect(url)
        assert len(db.current_revisions(engine)) >= 1
        engine.dispose()


def _paid_orders(url: str, home: Path, count: int) -> list[str]:
    engine = db.connect(url)
    ledger = Ledger(engine)
    ledger.init()
    load_file(ledger)
    payments = SandboxPayments(engine)
    orders = [
        buy(ledger, payments, project_id="demo-cdcer-forest", grams=1000 + n).order.order_id
        for n in range(count)
    ]
    # the signing key exists before the race, as on any server that has issued before
    CertificateBook(engine, KeyRing(home / "keys")).keyring.signer()
    engine.dispose()
    return orders


def test_one_order_certified_by_two_processes_gets_one_certificate(new_database: Any, tmp_path: Path) -> None:
    for _ in range(REPEAT):
        url = new_database()
        (order_id,) = _paid_orders(url, tmp_path, 1)
        command = ["certificate", "issue", "--order", order_id, "--database-url", url, "--json"]
        results = at_once(command, command, home=tmp_path)
        assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
        first, second = (json.loads(r.stdout) for r in results)
        assert first["id"] == second["id"] and first["qr"] == second["qr"]


def test_different_orders_certified_at_once_get_distinct_slots(new_database: Any, tmp_path: Path) -> None:
    for _ in range(REPEAT):
        url = new_database()
        orders = _paid_orders(url, tmp_path, 3)
        results = at_once(
            *(["certificate", "issue", "--order", o, "--database-url", url, "--json"] for o in orders),
            home=tmp_path,
        )
        assert [r.returncode for r in results] == [0, 0, 0], [r.stderr for r in results]
        engine = db.connect(url)
        book = CertificateBook(engine, KeyRing(tmp_path / "keys"))
        slots = sorted(book.get(json.loads(r.stdout)["id"]).claims.status_index for r in results)
        engine.dispose()
        assert slots == [0, 1, 2]


def test_two_first_uses_of_an_empty_key_ring_agree_on_one_key(tmp_path: Path) -> None:
    """Two processes signing for the first time at once: one key is made, both sign with it."""
    script = (
        "import sys; from pathlib import Path; from diandian.certificates.keys import KeyRing; "
        "print(KeyRing(Path(sys.argv[1])).signer()[1].hex())"
    )
    for n in range(REPEAT * 2):
        folder = tmp_path / f"ring{n}"
        running = [
            subprocess.Popen([sys.executable, "-c", script, str(folder)], stdout=subprocess.PIPE, text=True)
            for _ in range(3)
        ]
        kids = {process.communicate(timeout=120)[0].strip() for process in running}
        ring = KeyRing(folder)
        assert len(kids) == 1 and [k.kid.hex() for k in ring.all_keys()] == list(kids)


def _first_to_create(what: str, url: str, name: str, barrier: Any, results: Any) -> None:
    """Create the scene or account ``name`` as soon as ``barrier`` releases; put the outcome."""
    from argon2 import PasswordHasher
    from diandian.accounts import Accounts
    from diandian.scene_store import SceneStore
    from diandian.scenes import Scene

    engine = db.connect(url)
    engine.connect().close()  # connected before the barrier: the processes race on statements alone
    barrier.wait()
    try:
        if what == "scene":
            SceneStore(engine).create(
                Scene(id=name, name={"en": "Fair", "zh-CN": "博览会"}, scene_types=("conference",))
            )
        else:
            cheap = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
            Accounts(engine, hasher=cheap).sign_up(name, "a long enough passphrase 42", "Lin")
        results.put("created")
    except Exception as exc:
        codes = [p.code for p in getattr(exc, "problems", ())]
        results.put(f"{type(exc).__name__}:{','.join(codes)}")


def _released_together(what: str, url: str, name: str, count: int = 3) -> list[str]:
    """:func:`_first_to_create` in ``count`` processes released at one instant; their outcomes."""
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(count), context.Queue()
    running = [
        context.Process(target=_first_to_create, args=(what, url, name, barrier, results))
        for _ in range(count)
    ]
    for process in running:
        process.start()
    outcomes = sorted(results.get(timeout=120) for _ in running)
    for process in running:
        process.join(60)
    return outcomes


def _migrated(url: str) -> str:
    """``url`` with every migration run, and no connection left open for the processes."""
    engine = db.connect(url)
    db.upgrade(engine)
    engine.dispose()
    return url


def test_one_slug_created_by_processes_at_once_is_one_scene_and_named_refusals(
    new_database: Any, tmp_path: Path
) -> None:
    """Checking that a slug is free and inserting it are one step: the others are told
    ``exists``, never an IntegrityError (31 of 40 losers were, on PostgreSQL, before)."""
    url = _migrated(new_database())
    for n in range(REPEAT * 2):
        outcomes = _released_together("scene", url, f"fair-{n}")
        assert outcomes == ["ValidationFailed:exists", "ValidationFailed:exists", "created"], outcomes


def test_one_email_signed_up_by_processes_at_once_is_one_account(new_database: Any, tmp_path: Path) -> None:
    url = _migrated(new_database())
    for n in range(REPEAT * 2):
        outcomes = _released_together("account", url, f"lin{n}@example.org")
        assert outcomes == ["ValidationFailed:taken", "ValidationFailed:taken", "created"], outcomes
