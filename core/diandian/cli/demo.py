"""``diandian demo``: the whole journey of a venue on the embedded SQLite default.

Visitors of a conference compute their footprints, buy credits through the sandbox payment
provider, receive signed certificates and climb the leaderboard; the pooled whole tonnes are
retired at the sandbox registry, the certificates they cover turn 'retired', the ledger is
audited and the money settled per project owner. Everything lands in DIR (--out).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from argparse import ArgumentParser, Namespace
from pathlib import Path

from ..text import tr
from .arguments import add_json, add_language, folder, platform, runs
from .output import emit_json, fail, json_text, reported_errors, table

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from typing import Any

    from ..scenes import Scene

SUMMIT = "cdcn-summit-2021"
PROJECT = "demo-cdcer-forest"
DAY = dt.date(2021, 9, 7)
# (display name, where from, how) for the demo's visitors; the first is the "you" of the demo
VISITORS = (
    ("Lin Wei", "Beijing", "rail_high_speed"),
    ("Zhang Min", "Shanghai", "flight"),
    ("Chen Jie", "Guangzhou", "flight"),
    ("Wang Fang", "Chongqing", "rail_high_speed"),
    ("Liu Yang", "Xi'an", "rail_high_speed"),
    ("Zhao Lei", "Shenzhen", "flight"),
    ("Huang Li", "Wuhan", "rail_high_speed"),
    ("Zhou Tao", "Hangzhou", "flight"),
    ("Wu Na", "Kunming", "flight"),
    ("Xu Qiang", "Harbin", "flight"),
    ("Sun Yue", "Lhasa", "flight"),
    ("Ma Jun", "Mianyang", "rail_high_speed"),
)


def define_demo(parser: ArgumentParser) -> None:
    parser.add_argument(
        "--out",
        type=folder,
        default=Path("out"),
        metavar="DIR",
        help="Where it all lands, made with its parents if missing (default: out).",
    )
    add_language(parser)
    add_json(parser)
    runs(parser, demo)


def demo(args: Namespace) -> None:
    """Run a conference's whole visitor journey on a fresh SQLite ledger in DIR/diandian.db."""
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    database = out / "diandian.db"
    for stale in (database, database.with_suffix(".db-wal"), database.with_suffix(".db-shm")):
        stale.unlink(missing_ok=True)
    with reported_errors():
        summary = _journey(args, out, f"sqlite:///{database}")
    if args.as_json:
        emit_json(summary)
        return
    _print(summary)


def _summit() -> Scene:
    from ..scenes import Scene
    from ..travel import resolve_place

    return Scene(
        id=SUMMIT,
        name={"en": "First China Digital Carbon Neutrality Summit", "zh-CN": "首届中国数字碳中和高峰论坛"},
        scene_types=("conference",),
        place=resolve_place("成都"),
        starts=DAY,
        ends=DAY,
        organiser="Chengdu Municipal Government (demo)",
        organiser_name={"en": "Chengdu Municipal Government (demo)", "zh-CN": "成都市人民政府（演示）"},
    )


def _answers(origin: str, mode: str) -> dict[str, Any]:
    return {
        "legs": [
            {"mode": mode, "from_place": origin},
            {"mode": "taxi", "distance_by": "km", "distance_km": 18},
        ],
        "days": 1,
        "meals": [{"type": "average", "count": 2}],
        "nights": 1,
    }


def _journey(args: Namespace, out: Path, url: str) -> dict[str, Any]:
    import attrs

    from ..platform import Platform

    lang: str = args.lang
    settings = platform(args).settings
    # the demo's keys stay beside its database unless DIANDIAN_HOME says otherwise
    home = settings.home if os.environ.get(settings.env_name("home")) else out / "home"
    site = Platform(attrs.evolve(settings, database_url=url, issuer="diandian:demo", home=home))
    site.init()
    site.load_catalogue()
    scene = site.create_scene(_summit())
    visitors: list[dict[str, Any]] = []
    for name, origin, mode in _with_progress(VISITORS):
        footprint = site.footprint(scene, _answers(origin, mode), lang)
        participant = site.new_participant(name, listed=True)
        site.record_footprint(participant, footprint, on=DAY)
        purchase = site.buy(
            footprint.grams, project_id=PROJECT, beneficiary=name, scene=scene, participant_id=participant
        )
        certificate = site.issue_certificate(purchase.order.order_id, footprint=footprint)
        visitors.append(
            {
                "name": name,
                "from": origin,
                "mode": mode,
                "participant": participant,
                "footprint": footprint,
                "order": purchase.order,
                "certificate": certificate.cert_id,
            }
        )
    retired = site.retire_pooled(
        f"Diandian pool for participants of {scene.name['en']}",
        "Voluntary compensation of the participants' travel, stay and meals",
    )
    you = visitors[0]
    certificate = site.certificate(you["certificate"])
    written = site.write_renderings(certificate.cert_id, out)
    for kind in ("pdf", "png", "svg"):
        poster = out / f"poster-{scene.id}.{kind}"
        poster.write_bytes(site.render_poster(scene, kind))
        written.append(poster)
    _write_json(out / f"footprint-{you['participant']}.json", you["footprint"].to_json())
    report = site.audit()
    if not report.ok:
        fail("the ledger audit found breaches: " + "; ".join(b.message for b in report.breaches))
    board = site.leaderboard("scene", scene.id, limit=10).board
    summary = {
        "scene": {"id": scene.id, "name": tr(scene.name, lang)},
        "database": url,
        "lang": lang,
        "visitors": [
            {
                "name": v["name"],
                "from": v["from"],
                "mode": v["mode"],
                "footprint_g": v["footprint"].grams,
                "price_minor": v["order"].price.total_minor,
                "currency": v["order"].price.currency,
                "certificate": v["certificate"],
                "status": site.certificate(v["certificate"]).status.label,
            }
            for v in visitors
        ],
        "retired_tonnes": sum(r.units for r in retired),
        "leaderboard": [attrs.asdict(e) for e in board.entries],
        "audit": {"ok": report.ok, "events": report.events},
        "files": [str(p) for p in written],
        "qr_text": certificate.qr_text,
    }
    site.close()
    return summary


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json_text(data), encoding="utf-8")


def _print(summary: dict[str, Any]) -> None:
    from ..travel.modes import MODES
    from ..units import kilograms
    from .certificates import print_board

    table(
        f"Visitors of {summary['scene']['name']}",
        ("visitor", "from", "by", "footprint kg", "paid", "certificate"),
        [
            (
                v["name"],
                v["from"],
                tr(MODES[v["mode"]].label, summary["lang"]),
                kilograms(v["footprint_g"], summary["lang"]),
                f"{v['price_minor'] / 100:.2f} {v['currency']}",
                v["status"],
            )
            for v in summary["visitors"]
        ],
    )
    print(f"pooled retirement: {summary['retired_tonnes']} whole tonnes retired at the sandbox registry")
    print_board("Leaderboard (neutralised grams)", summary["leaderboard"])
    print(
        f"ledger audit: {'clean' if summary['audit']['ok'] else 'BREACHED'} ({summary['audit']['events']} events)"
    )
    for path in summary["files"]:
        print(f"wrote {path}")
    print(
        "the first visitor's certificate, as its QR code carries it"
        " (check it with diandian verify '<text>': single quotes, as the text holds $ signs):"
    )
    print(summary["qr_text"])


def _with_progress(visitors: Sequence[tuple[str, str, str]]) -> Iterator[tuple[str, str, str]]:
    """The visitors, with a progress bar on a terminal's stderr while their journeys run.

    A first run spends most of its time here; without a terminal (a pipe, --json, tests) nothing
    is added to the output.
    """
    if not sys.stderr.isatty():
        yield from visitors
        return
    from rich.console import Console
    from rich.progress import track

    yield from track(
        visitors,
        description="Visitors: footprint, purchase, certificate",
        console=Console(stderr=True),
        transient=True,
    )
