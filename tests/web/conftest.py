"""Fixtures for the web tests: real ``diandian serve`` processes on loopback, and Chromium.

A server is started as a visitor's phone would meet it: ``diandian serve --demo`` in a
subprocess on a free port of 127.0.0.1, on its own SQLite file (or a PostgreSQL database) and
its own key folder. Browser tests drive Debian's chromium package (Playwright cannot download a
browser here) at a phone viewport.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """A ``diandian serve`` subprocess; ``url`` is its base URL."""

    def __init__(self, database_url: str, home: Path, *, demo: bool = True) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.database_url = database_url
        self.home = home
        self.log = home / f"serve-{self.port}.log"
        env = {**os.environ, "DIANDIAN_HOME": str(home)}
        args = [
            sys.executable,
            "-m",
            "diandian",
            "serve",
            "--database-url",
            database_url,
            "--port",
            str(self.port),
            "--public-url",
            self.url,
        ]
        self.process = subprocess.Popen(
            [*args, "--demo"] if demo else args, env=env, stdout=self.log.open("w"), stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"diandian serve exited: {self.log.read_text()[-3000:]}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"diandian serve did not start: {self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One demo server for the session's browser tests (SQLite)."""
    home = tmp_path_factory.mktemp("serve")
    server = Server(f"sqlite:///{home / 'diandian.db'}", home)
    yield server
    server.stop()


def seeded_platform(home: Path) -> Any:
    """A platform on its own SQLite file in ``home``, seeded as ``diandian serve --demo`` seeds it."""
    from diandian.cli.serve import seed_demo
    from diandian.platform import Platform
    from diandian.settings import Settings

    platform = Platform(
        Settings(
            database_url=f"sqlite:///{home / 'diandian.db'}", home=home, public_url="http://testserver.local"
        )
    )
    platform.init()
    seed_demo(platform)
    return platform


@pytest.fixture(scope="module")
def demo_platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """A platform on its own SQLite file, seeded as ``diandian serve --demo`` seeds it."""
    platform = seeded_platform(tmp_path_factory.mktemp("platform"))
    yield platform
    platform.close()


@pytest.fixture(scope="module")
def directory_platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """Another demo platform whose directory holds the summit alone: what a search finds or
    misses does not depend on the scenes other tests add (a scene without dates is on every day)."""
    platform = seeded_platform(tmp_path_factory.mktemp("directory"))
    yield platform
    platform.close()


@pytest.fixture
def client(demo_platform: object) -> Iterator[object]:
    from diandian.web.app import create_app
    from litestar.testing import TestClient

    with TestClient(create_app(demo_platform)) as client:  # type: ignore[arg-type]
        yield client
