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

from argparse import ArgumentParser, Namespace
from pathlib import Path

from .arguments import add_command, add_json, add_settings, folder, new_file, platform, runs, subcommands
from .output import emit_json, fail, reported_errors, say, table

TYPE_CHECKING = False  # typing is not imported: this module is imported to build --help
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from datetime import datetime
    from typing import Any

    from ..certificates.verify import Verdict

EXIT_VALID, EXIT_INVALID, EXIT_MALFORMED, EXIT_UNCONFIRMED, EXIT_CANNOT_CHECK = 0, 1, 2, 3, 4

DEMO_SCENE_ID = "demo-cdcn-summit-2021"


def define_certificate(parser: ArgumentParser) -> None:
    commands = subcommands(parser)

    issuing = add_command(commands, "issue", issue)
    issuing.add_argument(
        "--order", dest="order_id", metavar="ORDER", required=True, help="A paid ledger order."
    )
    issuing.add_argument(
        "--participant", help="Participant id (from `certificate participant`) for boards and life record."
    )
    issuing.add_argument("--out", type=folder, help="Also write SVG/PNG/PDF here.")
    add_settings(issuing, "database_url", "issuer")
    add_json(issuing)

    registering = add_command(commands, "participant", participant)
    registering.add_argument("name", metavar="NAME", nargs="?", help="Display name (optional).")
    registering.add_argument("--listed", action="store_true", help="Opt in to the leaderboards.")
    add_settings(registering, "database_url")

    demonstrating = add_command(commands, "demo", demo)
    demonstrating.add_argument(
        "--out", type=folder, default=Path("out"), help="Folder for the files (default: out)."
    )

    showing = add_command(commands, "show", show)
    showing.add_argument("reference", metavar="REFERENCE", help="A certificate's id or its QR text.")
    add_settings(showing, "database_url")
    add_json(showing)

    revoking = add_command(commands, "revoke", revoke)
    revoking.add_argument("cert_id", metavar="CERT_ID", help="The certificate's id.")
    revoking.add_argument("--reason", required=True, help="Why (kept with the certificate).")
    add_settings(revoking, "database_url", "issuer")

    add_settings(add_command(commands, "follow", follow), "database_url", "issuer")

    living = add_command(commands, "life", life)
    living.add_argument("participant_id", metavar="PARTICIPANT_ID", help="The participant's opaque id.")
    living.add_argument("--since", metavar="YYYY-MM", help="First month, YYYY-MM.")
    living.add_argument("--until", metavar="YYYY-MM", help="Last month, YYYY-MM.")
    add_settings(living, "database_url")

    keys_help = "The signing keys in $DIANDIAN_HOME/keys."
    keys = commands.add_parser("keys", help=keys_help, description=keys_help)
    key_commands = subcommands(keys)
    add_settings(add_command(key_commands, "list", list_keys), "key_folder")
    add_settings(add_command(key_commands, "rotate", rotate), "key_folder")
    publishing = add_command(key_commands, "publish", publish)
    publishing.add_argument("folder", metavar="FOLDER", type=folder, help="Where to write (made if missing).")
    add_settings(publishing, "status_valid_days", "database_url", "issuer")


def issue(args: Namespace) -> None:
    """Issue the certificate of a paid order (status pending retirement until the registry retires)."""
    with reported_errors():
        site = platform(args)
        site.init()
        cert = site.issue_certificate(args.order_id, participant_id=args.participant)
        if args.out is not None:
            site.write_renderings(cert.cert_id, args.out)
        data = site.certificate_summary(cert)
    if args.as_json:
        emit_json(data)
    else:
        print(cert.qr_text)


def participant(args: Namespace) -> None:
    """Register a participant (optional display NAME) and print their opaque id."""
    with reported_errors():
        site = platform(args)
        site.init()
        print(site.new_participant(args.name, listed=args.listed))


def demo(args: Namespace) -> None:
    """A sandbox purchase on a temporary ledger, then its certificate, share card and poster.

    Files go to OUT; the QR text is printed on stdout, so ``diandian verify "$(...)"`` works on
    this machine afterwards with the keys kept in ``$DIANDIAN_HOME``.
    """
    import tempfile

    import attrs

    from ..platform import Platform
    from ..scenes import Scene

    out: Path = args.out
    scene = Scene(
        id=DEMO_SCENE_ID,
        name={
            "en": "First China Digital Carbon Neutrality Summit (demo)",
            "zh-CN": "首届中国数字碳中和高峰论坛（演示）",
        },
        scene_types=("conference",),
    )
    with reported_errors(), tempfile.TemporaryDirectory(prefix="diandian-demo-") as tmp:
        settings = platform(args).settings
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
        say(f"wrote {path}")
    print(cert.qr_text)


def show(args: Namespace) -> None:
    """Query a certificate by its id or its QR text."""
    with reported_errors():
        site = platform(args)
        site.init()
        cert = site.lookup_certificate(args.reference)
        data = site.certificate_summary(cert)
    if args.as_json:
        emit_json(data)
        return
    table(
        f"certificate {cert.cert_id}",
        ["field", "value"],
        [(k, v) for k, v in data.items() if k not in ("statement", "qr", "scene_name")],
    )
    print(data["statement"]["en"])
    print(data["statement"]["zh-CN"])


def revoke(args: Namespace) -> None:
    """Revoke a certificate and republish the status list; verifiers see it once they have it."""
    with reported_errors():
        site = platform(args)
        site.init()
        site.revoke(args.cert_id, args.reason)
    print(f"revoked {args.cert_id}")


def follow(args: Namespace) -> None:
    """Mark retired the certificates whose credits the registry has now retired."""
    with reported_errors():
        site = platform(args)
        site.init()
        done = site.follow()
    print(f"{len(done)} certificate(s) now retired")


def life(args: Namespace) -> None:
    """The participant's life-footprint record, month by month, as JSON."""
    with reported_errors():
        site = platform(args)
        site.init()
        emit_json(site.life_record(args.participant_id, args.since, args.until).to_json())


def list_keys(args: Namespace) -> None:
    """List the signing keys: their kid, state and creation time."""
    with reported_errors():
        found = platform(args).keyring.all_keys()
    table("signing keys", ["kid", "state", "created"], [(k.kid.hex(), k.state, k.created_at) for k in found])


def rotate(args: Namespace) -> None:
    """Make a new signing key; the old one stays published so its certificates keep verifying."""
    with reported_errors():
        print(platform(args).keyring.rotate().kid.hex())


def publish(args: Namespace) -> None:
    """Write the key set (JWKS) and signed status list under FOLDER for a web server.

    Publish again before the list runs out (--valid-days, default 7): past it verifiers report
    the status as stale.
    """
    with reported_errors():
        site = platform(args)
        site.init()
        keys_path, status_path = site.publish(args.folder)
    print(f"wrote {keys_path} and {status_path}")


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


def define_verify(parser: ArgumentParser) -> None:
    parser.add_argument("qr", metavar="QR", help="The QR text, or a PNG/JPEG file of the QR code.")
    parser.add_argument(
        "--online",
        dest="online_url",
        metavar="URL",
        help="Refresh keys and status list from this issuer base URL first.",
    )
    add_settings(parser, "issuer")
    add_json(parser)
    runs(parser, verify)


def verify(args: Namespace) -> int:
    """Check a certificate from its QR text or a PNG of its QR code.

    Exit status 0 if valid; 1 if a check failed (forged, altered, signed by another issuer's
    key, revoked); 2 if the input is not a Diandian certificate at all, or a download failed; 3
    if the signature is genuine but its status is unknown or stale (no status list of its issuer,
    or one past its expiry: refresh with --online); 4 if no key of the issuer it names is trusted
    here, so it cannot be checked (fetch the issuer's keys with --online).
    """
    text = _qr_text(args.qr)
    with reported_errors():
        verdict = platform(args).verify(text, online_url=args.online_url)
    if args.as_json:
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
        print(f"{headline}: {verdict.reason} [{verdict.code}]")
        if verdict.claims is not None:
            from ..render.wording import statement

            print(
                f"certificate {verdict.claims.cert_id} · key {verdict.kid} · issuer {verdict.claims.issuer}"
            )
            print(_status_line(verdict))
            if not verdict.unconfirmed:  # the statement would claim a status nobody confirmed
                print(statement(verdict.claims, verdict.status, "en"))
    if verdict.malformed:
        return EXIT_MALFORMED
    if verdict.cannot_check:
        return EXIT_CANNOT_CHECK
    return EXIT_VALID if verdict.valid else EXIT_UNCONFIRMED if verdict.unconfirmed else EXIT_INVALID


def define_poster(parser: ArgumentParser) -> None:
    parser.add_argument("scene", metavar="SCENE", help="A stored scene's id or slug.")
    parser.add_argument("--out", type=new_file, required=True, help="Output file: .pdf, .png or .svg.")
    add_settings(parser, "database_url", "public_url")
    runs(parser, poster)


def poster(args: Namespace) -> None:
    """A printable door poster for a stored SCENE (id or slug): its QR code to the scene's page.

    The code points at the scene's page under the public URL; the poster shows the scene's names
    in Chinese and English, and three steps.
    """
    out: Path = args.out
    with reported_errors():
        site = platform(args)
        site.init()
        data = site.render_poster(args.scene, out.suffix.lstrip(".").lower())
    out.write_bytes(data)
    print(f"wrote {out}")


def define_leaderboard(parser: ArgumentParser) -> None:
    parser.add_argument("--scene", help="A scene's board (id or slug).")
    parser.add_argument("--scene-type", help="A scene type's board.")
    parser.add_argument("--since", metavar="YYYY-MM", help="First month of the window, YYYY-MM.")
    parser.add_argument("--until", metavar="YYYY-MM", help="Last month of the window, YYYY-MM.")
    parser.add_argument("--limit", type=int, metavar="N", default=20, help="Entries per page (default: 20).")
    parser.add_argument("--offset", type=int, metavar="N", default=0, help="Entries to skip (default: 0).")
    parser.add_argument("--participant", help="Show this participant's rank instead of a page.")
    add_settings(parser, "database_url")
    add_json(parser)
    runs(parser, leaderboard)


def leaderboard(args: Namespace) -> None:
    """Who compensated most, ranked by neutralised (paid and allocated) grams.

    The part still pending retirement is shown, and marked with *.
    """
    import attrs

    scene, scene_type, participant = args.scene, args.scene_type, args.participant
    if scene and scene_type:
        fail("give --scene or --scene-type, not both")
    board, key = ("scene", scene) if scene else ("scene_type", scene_type) if scene_type else ("overall", "")
    with reported_errors():
        site = platform(args)
        site.init()
        view = site.leaderboard(
            board,
            key or "",
            limit=args.limit,
            offset=args.offset,
            since=args.since,
            until=args.until,
            participant=participant,
        )
    entries = ([view.own] if view.own else []) if participant else list(view.board.entries)
    if args.as_json:
        emit_json(
            {
                "board": board,
                "key": view.board.key,
                "since": args.since,
                "until": args.until,
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
