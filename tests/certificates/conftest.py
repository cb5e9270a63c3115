"""Fixtures for the certificate tests: a private data home, a key ring and sample claims."""

from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Callable, Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import attrs
import pytest
from diandian import db, hookimpl
from diandian.certificates import Certificate, Claims, KeyRing
from diandian.certificates.book import CertificateBook
from diandian.certificates.model import example_claims
from diandian.offsets import Ledger, SandboxPayments, SandboxRegistry, buy, load_file
from diandian.plugins import PluginHost
from diandian.visitors.people import Visitors


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh ``DIANDIAN_HOME`` with no signing key from the environment."""
    folder = tmp_path / "home"
    monkeypatch.setenv("DIANDIAN_HOME", str(folder))
    monkeypatch.delenv("DIANDIAN_SIGNING_KEY", raising=False)
    monkeypatch.delenv("DIANDIAN_SIGNING_KEY_FILE", raising=False)
    monkeypatch.delenv("DIANDIAN_DATABASE_URL", raising=False)
    return folder


@pytest.fixture
def ring(tmp_path: Path) -> KeyRing:
    """A key ring holding one active key."""
    made = KeyRing(tmp_path / "keys", environ={})
    made.signer()
    return made


@pytest.fixture
def static_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A real HTTP server on 127.0.0.1 serving a folder, as a static host of an issuer would."""
    root = tmp_path / "site"
    root.mkdir()
    handler = partial(SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", root
    server.shutdown()
    server.server_close()


@pytest.fixture
def make_claims() -> Callable[..., Claims]:
    def make(**changes: Any) -> Claims:
        return example_claims(**{"issuer": "diandian:test", **changes})

    return make


PG_ADMIN = os.environ.get("DIANDIAN_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


def _pg_admin() -> Any:
    import psycopg

    try:
        return psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        pytest.skip(f"no PostgreSQL server reachable at {PG_ADMIN}: {exc}")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database: a SQLite file, or a throwaway PostgreSQL database dropped afterwards."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'diandian.db'}"
        return
    name = f"diandian_cert_{secrets.token_hex(6)}"
    with _pg_admin() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{PG_ADMIN.rsplit('/', 1)[0]}/{name}"
    finally:
        with _pg_admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Issued(list[Certificate]):
    """Certificates a test's plugin host announced through ``diandian_certificate_issued``."""

    @hookimpl
    def diandian_certificate_issued(self, certificate: Certificate) -> None:
        self.append(certificate)


@attrs.define
class World:
    """A ledger loaded with the demo catalogue, its sandbox payments, a certificate book and the
    visitors (participants, boards, life records) on the same database."""

    ledger: Ledger
    payments: SandboxPayments
    book: CertificateBook
    visitors: Visitors
    issued: Issued

    def buy(
        self, grams: int, project_id: str = "demo-cdcer-forest", scene_id: str = "cdnc-summit-2021"
    ) -> str:
        return buy(
            self.ledger, self.payments, project_id=project_id, grams=grams, scene_id=scene_id
        ).order.order_id

    def retire(self) -> None:
        self.ledger.retire(SandboxRegistry(), beneficiary="Diandian visitor pool", reason="test")


@pytest.fixture
def world(url: str, ring: KeyRing) -> Iterator[World]:
    issued = Issued()
    host = PluginHost(entrypoints=False, plugins=[("listener", issued)]).load()
    database = db.connect(url)
    ledger = Ledger(database, host=host)
    ledger.init()
    load_file(ledger)
    yield World(
        ledger,
        SandboxPayments(database),
        CertificateBook(database, ring, issuer="diandian:test", host=host),
        Visitors(database),
        issued,
    )
    database.dispose()
