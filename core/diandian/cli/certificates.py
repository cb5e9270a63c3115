"""``diandian certificate``, ``verify``, ``poster`` and ``leaderboard``: each parses, makes one
platform call and prints.

Certificates are signed with the key ring in ``$DIANDIAN_HOME/keys`` (default
``~/.local/share/diandian``), generated on first use. Every change to a certificate republishes
the issuer's signed status list under ``$DIANDIAN_HOME/issued/``, which ``verify`` reads offline
next to any key set and status list fetched with ``verify --online URL``.

``verify`` exits with :data:`EXIT_VALID`, :data:`EXIT_INVALID` (a check failed),
:data:`EXIT_MALFORMED` (not a certificate; download failed), :data:`EXIT_UNCONFIRMED` (genuine,
but the status list at hand is stale or missing) or :data:`EXIT_CANNOT_CHECK` (unknown issuer).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .options import platform, settings_options
from .output import emit_json, fail, reported_errors, table

if TYPE_CHECKING:
    from ..certificates.verify import Verdict

EXIT_VALID, EXIT_INVALID, EXIT_MALFORMED, EXIT_UNCONFIRMED, EXIT_CANNOT_CHECK = 0, 1, 2, 3, 4

JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Print JSON data.")
DEMO_SCENE_ID = "demo-cdnc-summit-2021"


@click.group()
def certificate() -> None:
    """Issue, show, render and revoke honour certificates; manage the signing keys."""


@certificate.command()
@click.option("--order", "order_id", required=True, help="A paid ledger order.")
@click.option(
    "--participant", help="Participant id (from `certificate participant`) for boards and life record."
)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="Also write SVG/PNG/PDF here.")
@settings_options("database_url", "issuer")
@JSON_OPTION
def issue(order_id: str, participant: str | None, out: Path | None, as_json: bool) -> None:
    """Issue the certificate of a paid order (status pending retirement until the registry retires)."""
    with reported_errors():
        site = platform()
        site.init()
        cert = site.issue_certificate(order_id, participant_id=participant)
        if out is not None:
            site.write_renderings(cert.cert_id, out)
        data = site.certificate_summary(cert)
    if as_json:
        emit_json(data)
    else:
        click.echo(cert.qr_text)


@certificate.command()
@click.argument("name", required=False)
@click.option("--listed", is_flag=True, help="Opt in to the leaderboards.")
@settings_options("database_url")
def participant(name: str | None, listed: bool) -> None:
    """Register a participant (optional display NAME) and print their opaque id."""
    with reported_errors():
        site = platform()
        site.init()
        click.echo(site.new_participant(name, listed=listed))


@certificate.command()
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), default=Path("out"), show_default=True
)
def demo(out: Path) -> None:
    """A sandbox purchase on a temporary ledger, then its certificate, share card and poster.

    Files go to OUT; the QR text is printed on stdout, so ``diandian verify "$(...)"`` works on
    this machine afterwards with the keys kept in ``$DIANDIAN_HOME``.
    """
    import tempfile

    import attrs

    from ..platform import Platform
    from ..scenes import Scene

    scene = Scene(
        id=DEMO_SCENE_ID,
        name={
            "en": "First China Digital Carbon Neutrality Summit (demo)",
            "zh-CN": "首届中国数字碳中和高峰论坛（演示）",
        },
        scene_types=("conference",),
    )
    with reported_errors(), tempfile.TemporaryDirectory(prefix="diandian-demo-") as tmp:
        settings = platform().settings
        site = Platform(
            attrs.evolve(settings, database_url=f"sqlite:///{Path(tmp) / 'demo.db'}", issuer="diandian:demo")
        )
        site.init()
        site.load_catalogue()
        site.create_scene(scene)
        visitor = site.new_participant("Demo visitor", listed=True)
        purchase = site.buy(
            38_200,
            project_id="demo-cdcer-forest",
            scene=scene.id,
            beneficiary="Demo visitor",
            participant_id=visitor,
        )
        cert = site.issue_certificate(purchase.order.order_id)
        written = site.write_renderings(cert.cert_id, out)
        for kind in ("pdf", "png", "svg"):
            poster = out / f"poster-{scene.id}.{kind}"
            poster.write_bytes(site.render_poster(scene.id, kind))
            written.append(poster)
        site.close()
    for path in written:
        click.echo(f"wrote {path}", err=True)
    click.echo(cert.qr_text)


@certificate.command()
@click.argument("reference")
@settings_options("database_url")
@JSON_OPTION
def show(reference: str, as_json: bool) -> None:
    """Query a certificate by its id or its QR text."""
    with reported_errors():
        site = platform()
        site.init()
        cert = site.lookup_certificate(reference)
        data = site.certificate_summary(cert)
    if as_json:
        emit_json(data)
        return
    table(
        f"certificate {cert.cert_id}",
        ["field", "value"],
        [(k, v) for k, v in data.items() if k not in ("statement", "qr", "scene_name")],
    )
    click.echo(data["statement"]["en"])
    click.echo(data["statement"]["zh-CN"])


@certificate.command()
@click.argument("cert_id")
@click.option("--reason", required=True, help="Why (kept with the certificate).")
@settings_options("database_url", "issuer")
def revoke(cert_id: str, reason: str) -> None:
    """Revoke a certificate and republish the status list; verifiers see it once they have it."""
    with reported_errors():
        site = platform()
        site.init()
        site.revoke(cert_id, reason)
    click.echo(f"revoked {cert_id}")


@certificate.command()
@settings_options("database_url", "issuer")
def follow() -> None:
    """Mark retired the certificates whose credits the registry has now retired."""
    with reported_errors():
        site = platform()
        site.init()
        done = site.follow()
    click.echo(f"{len(done)} certificate(s) now retired")


@certificate.command()
@click.argument("participant_id")
@click.option("--since", help="First month, YYYY-MM.")
@click.option("--until", help="Last month, YYYY-MM.")
@settings_options("database_url")
def life(participant_id: str, since: str | None, until: str | None) -> None:
    """The participant's life-footprint record, month by month, as JSON."""
    with reported_errors():
        site = platform()
        site.init()
        emit_json(site.life_record(participant_id, since, until).to_json())


@certificate.group()
def keys() -> None:
    """The signing keys in $DIANDIAN_HOME/keys."""


@keys.command("list")
@settings_options("key_folder")
def keys_list() -> None:
    with reported_errors():
        found = platform().keyring.all_keys()
    table("signing keys", ["kid", "state", "created"], [(k.kid.hex(), k.state, k.created_at) for k in found])


@keys.command()
@settings_options("key_folder")
def rotate() -> None:
    """Make a new signing key; the old one stays published so its certificates keep verifying."""
    with reported_errors():
        click.echo(platform().keyring.rotate().kid.hex())


@keys.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@settings_options("status_valid_days", "database_url", "issuer")
def publish(folder: Path) -> None:
    """Write the key set (JWKS) and signed status list under FOLDER for a web server.

    Publish again before the list runs out (--valid-days, default 7): past it verifiers report
    the status as stale.
    """
    with reported_errors():
        site = platform()
        site.init()
        keys_path, status_path = site.publish(folder)
    click.echo(f"wrote {keys_path} and {status_path}")


def _qr_text(value: str) -> str:
    """The argument itself, or the QR code read from an image file."""
    path = Path(value)
    if len(value) > 4096 or path.suffix.lower() not in (".png", ".jpg", ".jpeg") or not path.is_file():
        return value
    try:
        import zxingcpp
        from PIL import Image, UnidentifiedImageError
    except ImportError:
        fail("reading QR images needs zxing-cpp: pip install zxing-cpp")
    try:
        found = zxingcpp.read_barcodes(Image.open(path))
    except (OSError, UnidentifiedImageError) as exc:
        fail(f"cannot read image {path}: {exc}")
    if not found:
        fail(f"no QR code found in {path}")
    return str(found[0].text)


def _utc(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC")


def _status_line(verdict: Verdict) -> str:
    """When the status comes from, and whether it still holds."""
    if verdict.status_as_of is None or verdict.status_expires is None:
        return "status as of: unknown (no status list of this issuer here: verify --online URL)"
    when = f"status as of {_utc(verdict.status_as_of)}"
    if verdict.code == "stale_status":
        last = verdict.status.label if verdict.status is not None else "not listed"
        return f"{when}: STALE since {_utc(verdict.status_expires)}; last known status {last}"
    if verdict.code == "unknown_status":
        return f"{when}: this certificate is not in it yet (verify --online URL)"
    return f"{when} (valid until {_utc(verdict.status_expires)})"


@click.command()
@click.argument("qr")
@click.option("--online", "online_url", help="Refresh keys and status list from this issuer base URL first.")
@settings_options("issuer")
@JSON_OPTION
def verify(qr: str, online_url: str | None, as_json: bool) -> None:
    """Check a certificate from its QR text or a PNG of its QR code.

    Exit status 0 if valid; 1 if a check failed (forged, altered, signed by another issuer's
    key, revoked); 2 if the input is not a Diandian certificate at all, or a download failed; 3
    if the signature is genuine but its status is unknown or stale (no status list of its issuer,
    or one past its expiry: refresh with --online); 4 if no key of the issuer it names is trusted
    here, so it cannot be checked (fetch the issuer's keys with --online).
    """
    text = _qr_text(qr)
    with reported_errors():
        verdict = platform().verify(text, online_url=online_url)
    if as_json:
        emit_json(verdict.to_json())
    else:
        headline = (
            "VALID"
            if verdict.valid
            else "GENUINE, STATUS NOT CONFIRMED"
            if verdict.unconfirmed
            else "CANNOT CHECK"
            if verdict.cannot_check
            else "NOT A CERTIFICATE"
            if verdict.malformed
            else "INVALID"
        )
        click.echo(f"{headline}: {verdict.reason} [{verdict.code}]")
        if verdict.claims is not None:
            from ..render.wording import statement

            click.echo(
                f"certificate {verdict.claims.cert_id} · key {verdict.kid} · issuer {verdict.claims.issuer}"
            )
            click.echo(_status_line(verdict))
            if not verdict.unconfirmed:  # the statement would claim a status nobody confirmed
                click.echo(statement(verdict.claims, verdict.status, "en"))
    if verdict.malformed:
        raise SystemExit(EXIT_MALFORMED)
    if verdict.cannot_check:
        raise SystemExit(EXIT_CANNOT_CHECK)
    raise SystemExit(
        EXIT_VALID if verdict.valid else EXIT_UNCONFIRMED if verdict.unconfirmed else EXIT_INVALID
    )


@click.command()
@click.argument("scene")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Output file: .pdf, .png or .svg.",
)
@settings_options("database_url", "public_url")
def poster(scene: str, out: Path) -> None:
    """A printable door poster for a stored SCENE (id or slug): its QR code to the scene's page
    at the public URL, its names in Chinese and English, three steps."""
    with reported_errors():
        site = platform()
        site.init()
        data = site.render_poster(scene, out.suffix.lstrip(".").lower())
    out.write_bytes(data)
    click.echo(f"wrote {out}")


@click.command()
@click.option("--scene", help="A scene's board (id or slug).")
@click.option("--scene-type", help="A scene type's board.")
@click.option("--since", help="First month of the window, YYYY-MM.")
@click.option("--until", help="Last month of the window, YYYY-MM.")
@click.option("--limit", default=20, show_default=True)
@click.option("--offset", default=0)
@click.option("--participant", help="Show this participant's rank instead of a page.")
@settings_options("database_url")
@JSON_OPTION
def leaderboard(
    scene: str | None,
    scene_type: str | None,
    since: str | None,
    until: str | None,
    limit: int,
    offset: int,
    participant: str | None,
    as_json: bool,
) -> None:
    """Who compensated most: ranked by neutralised (paid and allocated) grams; the part still
    pending retirement is shown, and marked with *."""
    import attrs

    if scene and scene_type:
        fail("give --scene or --scene-type, not both")
    board, key = ("scene", scene) if scene else ("scene_type", scene_type) if scene_type else ("overall", "")
    with reported_errors():
        site = platform()
        site.init()
        view = site.leaderboard(
            board, key or "", limit=limit, offset=offset, since=since, until=until, participant=participant
        )
    entries = ([view.own] if view.own else []) if participant else list(view.board.entries)
    if as_json:
        emit_json(
            {
                "board": board,
                "key": view.board.key,
                "since": since,
                "until": until,
                "entries": [attrs.asdict(e) for e in entries],
            }
        )
        return
    print_board(f"leaderboard {board} {key or ''}".strip(), [attrs.asdict(e) for e in entries])


def print_board(title: str, entries: Sequence[Mapping[str, Any]]) -> None:
    """A leaderboard as a table; ``entries`` as in the ``--json`` output."""
    from ..units import kilograms

    rows = [
        (
            e["rank"] or "-",
            e["name"],
            kilograms(e["neutralised_g"]) + (" *" if e["pending_g"] else ""),
            kilograms(e["pending_g"]),
        )
        for e in entries
    ]
    table(title, ["rank", "name", "neutralised kg", "* pending retirement kg"], rows)
