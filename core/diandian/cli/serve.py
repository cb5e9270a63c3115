"""``diandian serve``: the web app (visitor pages, console, ``/api/v1``) under uvicorn.

``--demo`` first seeds the First China Digital Carbon Neutrality Summit (Chengdu, 2021-09-07),
the DEMO projects and credit batches, and a few earlier visitors whose credits then go through a
pooled retirement (the whole tonnes; the rest stay pending), so that the leaderboard is not
empty; seeding again changes nothing.
"""

from __future__ import annotations

import os
from argparse import ArgumentParser, Namespace

from .arguments import add_settings, non_empty, runs, whole_number
from .output import fail, reported_errors

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ..platform import Platform
    from ..scenes import Scene

EARLIER_VISITORS = 6


def seed_demo(platform: Platform) -> Scene:
    """The demo summit, the DEMO catalogue and a few earlier visitors (once)."""
    from .demo import DAY, VISITORS, _answers, _summit

    summit = _summit()
    existing = platform.scenes.maybe(summit.id)
    if existing is not None:
        return existing
    platform.load_catalogue()
    scene = platform.create_scene(summit)
    for name, origin, mode in VISITORS[:EARLIER_VISITORS]:
        footprint = platform.footprint(scene, _answers(origin, mode))
        visitor = platform.new_participant(name, listed=True)
        platform.record_footprint(visitor, footprint, on=DAY)
        purchase = platform.buy(footprint.grams, participant_id=visitor, scene=scene, beneficiary=name)
        platform.issue_certificate(purchase.order.order_id, participant_id=visitor, footprint=footprint)
    platform.retire_pooled(
        f"Diandian pool for participants of {scene.name['en']}",
        "Voluntary compensation of the participants' travel, stay and meals",
    )
    return scene


def define_serve(parser: ArgumentParser) -> None:
    add_settings(parser, "database_url", "public_url")
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        type=non_empty,
        metavar="ADDRESS",
        help="Interface to listen on (default: 127.0.0.1).",
    )
    parser.add_argument(
        "--port",
        default=8000,
        type=whole_number(0, 65535),
        metavar="N",
        help="Port to listen on (default: 8000).",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="Seed the Chengdu summit, the DEMO projects and earlier visitors.",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="Set up (migrate, seed with --demo), ask the app for its pages once in-process, and exit: "
        "0 if they answer, 1 if not. Serves nothing.",
    )
    parser.add_argument(
        "--log-level",
        default="warning",
        choices=["debug", "info", "warning", "error"],
        metavar="LEVEL",
        help="uvicorn's log level: debug, info, warning or error (default: warning).",
    )
    runs(parser, serve)


def serve(args: Namespace) -> None:
    """Serve the visitor pages, the console and /api/v1 with uvicorn."""
    try:
        import uvicorn

        from ..web.app import create_app
    except ImportError as exc:  # a plain `pip install diandian` has no web server
        fail(f"the web app needs the web extra ({exc.name} is missing): pip install 'diandian[web]'")
    from ..platform import Platform
    from ..settings import Settings

    host, port = args.host, args.port
    # without --public-url or $DIANDIAN_PUBLIC_URL, visitors reach the address served
    public_url = args.public_url or os.environ.get(Settings.env_name("public_url"))
    with reported_errors():
        settings = Settings.load(
            flags={"database_url": args.database_url, "public_url": public_url or f"http://{host}:{port}"}
        )
        platform = Platform(settings)
        platform.init()
        scene = seed_demo(platform) if args.demo else None
        app = create_app(platform)
    if args.check:
        _check(app, [f"/s/{scene.slug}"] if scene is not None else ["/"])
        return
    print(f"Diandian on http://{host}:{port} (visitors reach it as {settings.public_url})")
    if scene is not None:
        print(f"door page: {platform.door_url(scene)}")
    uvicorn.run(app, host=host, port=port, log_level=args.log_level, proxy_headers=False, server_header=False)


def _check(app: Any, paths: list[str]) -> None:
    """Ask ``app`` for ``paths`` in-process; exit 1 naming the first that does not answer 200."""
    import logging

    from litestar.testing import TestClient

    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per page is printed below
    with TestClient(app) as client:
        for path in ["/healthz", *paths]:
            status = client.get(path).status_code
            print(f"{path}: {status}")
            if status != 200:
                raise SystemExit(1)
