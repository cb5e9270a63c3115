"""A real server for the API tests and benchmarks: a seeded deployment served by uvicorn in a
subprocess (``server.py``).

:class:`Server` owns the listening socket (bound here, on loopback, port 0) and the server
process, so a test can stop and restart the server mid-run on the same address.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import attrs
import httpx
from diandian.offsets import load_file
from diandian.platform import Platform
from diandian.settings import Settings

HERE = Path(__file__).parent
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
