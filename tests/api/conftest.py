"""A real server for the API tests: a seeded deployment served by uvicorn in a subprocess.

:class:`Server` owns the listening socket (bound here, on loopback, port 0) and the server
process, so a test can stop and restart the server mid-run on the same address.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import httpx
import pytest
from diandian.offsets import load_file
from diandian.platform import Platform
from diandian.settings import Settings

HERE = Path(__file__).parent
PG_ADMIN = os.environ.get("DIANDIAN_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
ALL_SCOPES = ("footprints", "orders", "certificates")


@attrs.define
class Deployment:
    """A seeded deployment: its settings, its platform (in this process) and three keys."""

    settings: Settings
    platform: Platform
    key: str  # every scope
    footprints_key: str  # footprints only
    revoked_key: str


def seed(database_url: str, home: Path, **settings: Any) -> Deployment:
    platform = Platform(Settings(database_url=database_url, home=home, **settings))
    platform.init()
    load_file(platform.ledger, None)
    full = platform.create_api_key("venue-a", ALL_SCOPES, label="front desk").secret
    footprints = platform.create_api_key("venue-a", ["footprints"], label="kiosk").secret
    revoked = platform.create_api_key("venue-a", ALL_SCOPES)
    platform.revoke_api_key(revoked.key.key_id)
    return Deployment(platform.settings, platform, full, footprints, revoked.secret)


class Server:
    """``python server.py`` on a socket bound here; :meth:`restart` keeps the address."""

    def __init__(self, deployment: Deployment, *extra: str) -> None:
        self.deployment = deployment
        self.extra = extra
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(512)
        self.sock.set_inheritable(True)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> Server:
        settings = self.deployment.settings
        command = [sys.executable, str(HERE / "server.py"), "--fd", str(self.sock.fileno())]
        command += ["--database-url", settings.database_url, "--home", str(settings.data_home), *self.extra]
        self.process = subprocess.Popen(command, pass_fds=[self.sock.fileno()])
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited with {self.process.returncode}")
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("the server did not answer within 60 s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def kill(self) -> None:
        """Stop at once, as a crash would (no graceful shutdown)."""
        if self.process is not None:
            self.process.kill()
            self.process.wait()

    def close(self) -> None:
        self.stop()
        self.sock.close()


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> Deployment:
    home = tmp_path_factory.mktemp("api")
    return seed(f"sqlite:///{home / 'diandian.db'}", home)


@pytest.fixture(scope="module")
def server(deployment: Deployment) -> Iterator[Server]:
    running = Server(deployment).start()
    yield running
    running.close()


def _pg_admin() -> Any:
    import psycopg

    try:
        return psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        pytest.skip(f"no PostgreSQL server reachable at {PG_ADMIN}: {exc}")


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A scratch PostgreSQL database, dropped afterwards."""
    name = f"{os.environ.get('DIANDIAN_TEST_DB_PREFIX', 'dd_api_')}{secrets.token_hex(6)}"
    with _pg_admin() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{PG_ADMIN.rsplit('/', 1)[0]}/{name}"
    finally:
        with _pg_admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
