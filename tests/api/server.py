"""Serve a Diandian deployment for the API tests: ``python server.py --fd N --database-url URL --home DIR``.

The test process binds the listening socket and passes its descriptor, so a restarted server
answers on the same address and connections made while it is down wait in the socket's backlog.
``--slow S`` makes ``POST /api/v1/footprints`` answer after S seconds (the slow-server test).
"""

from __future__ import annotations

import argparse
import asyncio
import socket
from pathlib import Path
from typing import Any

import uvicorn
from diandian.platform import Platform
from diandian.settings import Settings
from diandian.web.app import create_app


def slowed(app: Any, seconds: float) -> Any:
    async def wrapper(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"] == "/api/v1/footprints":
            await asyncio.sleep(seconds)
        await app(scope, receive, send)

    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--fd", type=int, required=True)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--slow", type=float, default=0.0)
    args = parser.parse_args()
    platform = Platform(Settings(database_url=args.database_url, home=args.home))
    app = create_app(platform)
    # socket.socket(fileno=...) reads the family from the descriptor; uvicorn's own fd= treats it
    # as a Unix socket, so asyncio would leave Nagle's algorithm on (40 ms per keep-alive answer)
    sock = socket.socket(fileno=args.fd)
    config = uvicorn.Config(
        slowed(app, args.slow) if args.slow else app, log_level="warning", access_log=False
    )
    uvicorn.Server(config).run(sockets=[sock])


if __name__ == "__main__":
    main()
