"""``diandian certificate``, ``verify``, ``poster`` and ``leaderboard``: each parses, makes one
platform call and prints.

Certificates are signed with the key ring in ``$DIANDIAN_HOME/keys`` (default
``~/.local/share/diandian``), made when something is first signed: commands that only read
(``verify``, ``show``, ``leaderboard``, ``keys list``, ...) never make a key. Every change to a
certificate republishes the issuer's signed status list under ``$DIANDIAN_HOME/issued/``, which
``verify`` reads offline next to any key set and status list fetched with ``verify --online URL``.

``verify`` exits with :data:`EXIT_VALID`, :data:`EXIT_INVALID` (a check failed),
:data:`EXIT_MALFORMED` (not a certificate; download failed), :data:`EXIT_UNCONFIRMED` (genuine,
but the status list at hand is stale or missing) or :data:`EXIT_CANNOT_CHECK` (unknown issuer).
"""

from __future__ import annotations

from argparse import ArgumentParser, ArgumentTypeError, Namespace
from pathlib import Path

from .arguments import (
    add_command,
    add_json,
    add_settings,
    file_ending,
    folder,
    month,
    platform,
    runs,
    subcommands,
    whole_number,
)
from .output import emit_json, fail, reported_errors, say, table

TYPE_CHECKING = False  # typing is not imported: this module is imported to build --help
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from datetime import datetime
    from typing import Any

    from ..certificates.verify import Verdict
    from ..platform import Platform

EXIT_VALID, EXIT_INVALID, EXIT_MALFORMED, EXIT_UNCONFIRMED, EXIT_CANNOT_CHECK = 0, 1, 2, 3, 4

DEMO_SCENE_ID = "demo-cdnc-summit-2021"
PAGE_LIMIT = 500  # diandian.visitors.leaderboard.MAX_PAGE, not imported: it would load SQLAlchemy for --help
MAX_OFFSET = 1_000_000_000
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp")


def define_certificate(parser: ArgumentParser) -> None:
    """Issue, show and revoke honour certificates; participants and their life records; the signing keys."""
    commands = subcommands(parser)

    issuing = add_command(commands, "issue", issue)
    issuing.add_argument(
        "--order", dest="order_id", metavar="ID", required=True, help="A paid ledger order's id."
    )
    issuing.add_argument(
        "--participant",
        metavar="ID",
        help="Participant id (from `certificate participant`) for boards and life record.",
    )
    issuing.add_argument("--out", type=folder, metavar="DIR", help="Also write SVG/PNG/PDF here.")
    add_settings(issuing, "database_url", "issuer")
    add_json(issuing)

    registering = add_command(commands, "participant", participant)
    registering.add_argument("name", metavar="NAME", nargs="?", help="Display name (optional).")
    registering.add_argument("--listed", action="store_true", help="Opt in to the leaderboards.")
    add_settings(registering, "database_url")

    demonstrating = add_command(commands, "demo", demo)
    demonstrating.add_argument(
        "--out", type=folder, default=Path("out"), metavar="DIR", help="Folder for the files (default: out)."
    )

    showing = add_command(commands, "show", show)
    showing.add_argument("reference", metavar="REFERENCE", help="A certificate's id or its QR text.")
    add_settings(showing, "database_url")
    add_json(showing)

    revoking = add_command(commands, "revoke", revoke)
    revoking.add_argument("cert_id", metavar="CERT_ID", help="The certificate's id.")
    revoking.add_argument("--reason", metavar="TEXT", required=True, help="Why (kept with the certificate).")
    add_settings(revoking, "database_url", "issuer")

    add_settings(add_command(commands, "follow", follow), "database_url", "issuer")

    living = add_command(commands, "life", life)
    living.add_argument("participant_id", metavar="PARTICIPANT_ID", help="The participant's opaque id.")
    living.add_argument("--since", type=month, metavar="YYYY-MM", help="First month, YYYY-MM.")
    living.add_argument("--until", type=month, metavar="YYYY-MM", help="Last month, YYYY-MM.")
    add_settings(living, "database_url")

    keys_help = "The signing keys in $DIANDIAN_HOME/keys."
    keys = commands.add_parser("keys", help=keys_help, description=keys_help)
    key_commands = subcommands(keys)
    add_settings(add_command(key_commands, "list", list_keys), "key_folder")
    add_settings(add_command(key_commands, "rotate", rotate), "key_folder")
    publishing = add_command(key_commands, "publish", publish)
    publishing.add_argument("folder", metavar="FOLDER", type=folder, help="Where to write (made if missing).")
    add_settings(publishing, "status_valid_days", "database_url", "issuer")


def opened(args: Namespace, *, signing: bool = False) -> Platform:
    """The command's platform with its database migrated; a signing key is made only for a
    command that signs (``signing``)."""
    site = platform(args)
    site.init(signing=signing)
    return site


def check_window(args: Namespace) -> None:
    """Refuse (exit 2) a window of months that ends before it starts."""
    if args.since is not None and args.until is not None and args.until < args.since:
        args.parser.error(f"argument --until: {args.until} is before --since {args.since}")


def known_participant(args: Namespace, site: Platform, participant_id: str | None, where: str) -> None:
    """Refuse (exit 2, naming the argument ``where``) a participant id never created."""
    if participant_id is not None and not site.visitors.exists(participant_id):
        args.parser.error(f"argument {where}: no participant {participant_id!r}")


def issue(args: Namespace) -> None:
    """Issue the certificate of a paid order (status pending retirement until the registry retires).

    An order has one certificate: asked again, the command prints the same one, and says on
    stderr if it has been revoked since.
    """
    with reported_errors():
        site = opened(args, signing=True)
        known_participant(args, site, args.participant, "--participant")
        cert = site.issue_certificate(args.order_id, participant_id=args.participant)
        if args.out is not None:
            site.write_renderings(cert.cert_id, args.out)
        data = site.certificate_summary(cert)
    if data["status"] == "revoked":
        say(f"certificate {cert.cert_id} is revoked ({data['reason']})")
    if args.as_json:
        emit_json(data)
    else:
        print(cert.qr_text)


def participant(args: Namespace) -> None:
    """Register a participant (optional display NAME) and print their opaque id."""
    with reported_errors():
        print(opened(args).new_participant(args.name, listed=args.listed))


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
        site = opened(args)
        cert = site.lookup_certificate(args.reference)
        data = site.certificate_summary(cert)
    if args.as_json:
        emit_json(data)
        return
    hidden = ("statement", "qr", "scene_name", *(("reason",) if data["reason"] is None else ()))
    table(
        f"certificate {cert.cert_id}",
        ["field", "value"],
        [(k, v) for k, v in data.items() if k not in hidden],
    )
    print(data["statement"]["en"])
    print(data["statement"]["zh-CN"])


def revoke(args: Namespace) -> None:
    """Revoke a certificate and republish the status list; verifiers see it once they have it."""
    with reported_errors():
        opened(args, signing=True).revoke(args.cert_id, args.reason)
    print(f"revoked {args.cert_id}")


def follow(args: Namespace) -> None:
    """Mark retired the certificates whose credits the registry has now retired."""
    with reported_errors():
        done = opened(args, signing=True).follow()
    print(f"{len(done)} certificate(s) now retired")


def life(args: Namespace) -> None:
    """The participant's life-footprint record, month by month, as JSON."""
    check_window(args)
    with reported_errors():
        site = opened(args)
        known_participant(args, site, args.participant_id, "PARTICIPANT_ID")
        emit_json(site.life_record(args.participant_id, args.since, args.until).to_json())


def list_keys(args: Namespace) -> None:
    """List the signing keys: their kid, state and creation time (never makes one)."""
    with reported_errors():
        ring = platform(args).keyring
        if not ring.exists:
            fail(f"there is no key ring in {ring.folder} (keys are made when a certificate is first signed)")
        found = ring.all_keys()
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
        keys_path, status_path = opened(args, signing=True).publish(args.folder)
    print(f"wrote {keys_path} and {status_path}")


def _image_path(value: str) -> bool:
    """Whether ``value`` names an image file rather than being QR text (which starts DD1:, and
    whose Base45 may well end in .PNG)."""
    return (
        not value.startswith("DD1:") and len(value) <= 4096 and Path(value).suffix.lower() in IMAGE_SUFFIXES
    )


def qr_argument(value: str) -> str:
    """QR text, or the path of an existing image of a QR code (a missing one is refused, not read
    as text)."""
    if _image_path(value) and not Path(value).is_file():
        raise ArgumentTypeError(f"no file {value}")
    return value


def _qr_text(value: str) -> str:
    """The argument itself, or the QR code read from an image file."""
    if not _image_path(value):
        return value
    path = Path(value)
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
    parser.add_argument(
        "qr",
        metavar="QR",
        type=qr_argument,
        help="The QR text, or an image (PNG, JPEG, GIF, WebP) of the QR code.",
    )
    parser.add_argument(
        "--online",
        dest="online_url",
        metavar="URL",
        help="Refresh keys and status list from this issuer base URL first.",
    )
    add_json(parser)
    runs(parser, verify)


def verify(args: Namespace) -> int:
    """Check a certificate from its QR text or an image of its QR code.

    Exit status 0 if valid; 1 if a check failed (forged, altered, signed by another issuer's
    key, revoked); 2 if the input is not a Diandian certificate at all, or a download failed; 3
    if the signature is genuine but its status is unknown or stale (no status list of its issuer,
    or one past its expiry: refresh with --online); 4 if no key of the issuer it names is trusted
    here, so it cannot be checked (fetch the issuer's keys with --online).

    This machine's own keys count for the issuer it signs as ($DIANDIAN_ISSUER) and for those it
    has signed status lists as; verifying reads them and writes no key.
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
    parser.add_argument(
        "--out",
        type=file_ending(".png", ".pdf", ".svg"),
        metavar="FILE",
        required=True,
        help="Output file: .png, .pdf or .svg.",
    )
    add_settings(parser, "database_url", "public_url")
    runs(parser, poster)


def poster(args: Namespace) -> None:
    """A printable door poster for a stored SCENE (id or slug): its QR code to the scene's page.

    The code points at the scene's page under the public URL; the poster shows the scene's names
    in Chinese and English, and three steps.
    """
    out: Path = args.out
    with reported_errors():
        data = opened(args).render_poster(args.scene, out.suffix.lstrip(".").lower())
    out.write_bytes(data)
    print(f"wrote {out}")


def define_leaderboard(parser: ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--scene", metavar="SLUG", help="A scene's board (its id or slug).")
    which.add_argument("--scene-type", metavar="NAME", help="A scene type's board.")
    parser.add_argument("--since", type=month, metavar="YYYY-MM", help="First month of the window, YYYY-MM.")
    parser.add_argument("--until", type=month, metavar="YYYY-MM", help="Last month of the window, YYYY-MM.")
    parser.add_argument(
        "--limit",
        type=whole_number(1, PAGE_LIMIT),
        metavar="N",
        default=20,
        help=f"Entries per page, 1 to {PAGE_LIMIT} (default: 20).",
    )
    parser.add_argument(
        "--offset",
        type=whole_number(0, MAX_OFFSET),
        metavar="N",
        default=0,
        help="Entries to skip (default: 0).",
    )
    parser.add_argument("--participant", metavar="ID", help="Show this participant's rank instead of a page.")
    add_settings(parser, "database_url")
    add_json(parser)
    runs(parser, leaderboard)


def leaderboard(args: Namespace) -> None:
    """Who compensated most, ranked by neutralised (paid and allocated) grams.

    The part still pending retirement is shown, and marked with *.
    """
    import attrs

    check_window(args)
    scene, scene_type, participant = args.scene, args.scene_type, args.participant
    board, key = (
        ("scene", scene)
        if scene is not None
        else ("scene_type", scene_type)
        if scene_type is not None
        else ("overall", "")
    )
    with reported_errors():
        site = opened(args)
        known_board(args, site, board, key)
        known_participant(args, site, participant, "--participant")
        view = site.leaderboard(
            board,
            key,
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


def known_board(args: Namespace, site: Platform, board: str, key: str) -> None:
    """Refuse (exit 2, naming its option) a scene that is neither stored nor on any board, or a
    scene type that is neither registered nor on any board."""
    if board == "overall" or site.visitors.has_board(board, key):
        return
    if site.scenes.maybe(key) if board == "scene" else key in site.host.scene_types:
        return
    option, what = ("--scene", "scene") if board == "scene" else ("--scene-type", "scene type")
    args.parser.error(f"argument {option}: no {what} {key!r}")


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
