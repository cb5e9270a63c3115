"""Serve a Diandian deployment for the API tests: ``python server.py --fd N --database-url URL --home DIR``.

The test process binds the listening socket and passes its descriptor, so a restarted server
answers on the same address and connections made while it is down wait in the socket's backlog.
``--slow S`` makes ``POST /api/v1/footprints`` answer after S seconds (the slow-server test).
"""

from __future__ import annotations

import argparse
import asyncio
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
    uvicorn.run(slowed(app, args.slow) if args.slow else app, fd=args.fd, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
