"""``diandian demo``: the whole journey of a venue on the embedded SQLite default.

Visitors of a conference compute their footprints, buy credits through the sandbox payment
provider, receive signed certificates and climb the leaderboard; the pooled whole tonnes are
retired at the sandbox registry, the certificates they cover turn 'retired', the ledger is
audited and the money settled per project owner. Everything lands in OUT.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import attrs
import click

from ..engine import Engine
from ..scenes import Scene
from ..text import LANGUAGES, tr
from .output import emit_json, fail, reported_errors, table

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


@click.command()
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), default=Path("out"), show_default=True
)
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the journey's summary as JSON.")
def demo(out: Path, lang: str, as_json: bool) -> None:
    """Run a conference's whole visitor journey on a fresh SQLite ledger in OUT/diandian.db."""
    out.mkdir(parents=True, exist_ok=True)
    database = out / "diandian.db"
    for stale in (database, database.with_suffix(".db-wal"), database.with_suffix(".db-shm")):
        stale.unlink(missing_ok=True)
    with reported_errors():
        summary = _journey(out, f"sqlite:///{database}", lang)
    if as_json:
        emit_json(summary)
        return
    _print(summary)


def _summit() -> Scene:
    from ..travel import resolve_place

    return Scene(
        id=SUMMIT,
        name={"en": "First China Digital Carbon Neutrality Summit", "zh-CN": "首届中国数字碳中和高峰论坛"},
        scene_types=("conference",),
        place=resolve_place("成都"),
        starts=DAY,
        ends=DAY,
        organiser="Chengdu Municipal Government (demo)",
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


def _journey(out: Path, url: str, lang: str) -> dict[str, Any]:
    from ..offsets import Ledger, SandboxPayments, SandboxRegistry, audit, buy, load_file
    from ..render.drawings import door_url, render_poster
    from .certificates import keep_status, open_book, write_renderings

    scene = _summit()
    engine = Engine()
    book = open_book(url, issuer="diandian:demo")
    ledger = Ledger(book.database)
    load_file(ledger)
    payments = SandboxPayments(book.database)
    visitors: list[dict[str, Any]] = []
    for name, origin, mode in VISITORS:
        footprint = engine.footprint("conference", _answers(origin, mode), scene=scene)
        participant = book.new_participant(name, listed=True)
        book.record_footprint(participant, footprint, on=DAY, kind="scene")
        purchase = buy(
            ledger,
            payments,
            project_id=PROJECT,
            grams=footprint.grams,
            beneficiary=name,
            scene_id=scene.id,
            metadata={"footprint_g": str(footprint.grams)},
        )
        certificate = book.issue(
            ledger,
            purchase.order.order_id,
            scene=scene,
            participant_id=participant,
            footprint_g=footprint.grams,
            by_category=footprint.by_category,
        )
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
    retired = ledger.retire(
        SandboxRegistry(),
        beneficiary=f"Diandian pool for participants of {scene.name['en']}",
        reason="Voluntary compensation of the participants' travel, stay and meals",
    )
    book.follow(ledger)
    keep_status(book)
    you = visitors[0]
    certificate = book.get(you["certificate"])
    written = write_renderings(certificate, out)
    for kind in ("pdf", "png", "svg"):
        poster = out / f"poster-{scene.id}.{kind}"
        poster.write_bytes(render_poster(scene, door_url("https://diandian.example.org", scene.id), kind))
        written.append(poster)
    _write_json(out / f"footprint-{you['participant']}.json", you["footprint"].to_json())
    report = audit(ledger.database)
    if not report.ok:
        fail("the ledger audit found breaches: " + "; ".join(b.message for b in report.breaches))
    board = book.leaderboard("scene", scene.id, limit=10)
    return {
        "scene": {"id": scene.id, "name": scene.name[lang] if lang in scene.name else scene.name["en"]},
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
                "status": book.get(v["certificate"]).status.label,
            }
            for v in visitors
        ],
        "retired_tonnes": sum(r.units for r in retired),
        "leaderboard": [attrs.asdict(e) for e in board.entries],
        "audit": {"ok": report.ok, "events": report.events},
        "files": [str(p) for p in written],
        "qr_text": certificate.qr_text,
    }


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str), encoding="utf-8")


def _print(summary: dict[str, Any]) -> None:
    from ..travel.modes import MODES
    from .certificates import print_board

    table(
        f"Visitors of {summary['scene']['name']}",
        ("visitor", "from", "by", "footprint kg", "paid", "certificate"),
        [
            (
                v["name"],
                v["from"],
                tr(MODES[v["mode"]].label, summary["lang"]),
                f"{v['footprint_g'] / 1000:,.1f}",
                f"{v['price_minor'] / 100:.2f} {v['currency']}",
                v["status"],
            )
            for v in summary["visitors"]
        ],
    )
    click.echo(f"pooled retirement: {summary['retired_tonnes']} whole tonnes retired at the sandbox registry")
    print_board("Leaderboard (neutralised grams)", summary["leaderboard"])
    click.echo(
        f"ledger audit: {'clean' if summary['audit']['ok'] else 'BREACHED'} ({summary['audit']['events']} events)"
    )
    for path in summary["files"]:
        click.echo(f"wrote {path}")
    click.echo(
        'the first visitor\'s certificate, as its QR code carries it (check it: diandian verify "<text>"):'
    )
    click.echo(summary["qr_text"])
