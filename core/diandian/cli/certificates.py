"""``diandian certificate``, ``verify``, ``poster`` and ``leaderboard``.

Certificates are signed with the key ring in ``$DIANDIAN_HOME`` (default
``~/.local/share/diandian``), generated on first use. Every command that changes a certificate
also writes the issuer's signed status list to ``$DIANDIAN_HOME/issued/``, which ``verify`` reads
offline next to any key set and status list fetched with ``verify --online URL``.

``verify`` exits with :data:`EXIT_VALID`, :data:`EXIT_INVALID` (a check failed),
:data:`EXIT_MALFORMED` (not a certificate; download failed), :data:`EXIT_UNCONFIRMED` (genuine,
but the status list at hand is stale or missing) or :data:`EXIT_CANNOT_CHECK` (unknown issuer).
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .output import emit_json, fail, reported_errors, table

if TYPE_CHECKING:
    from ..certificates.status import StatusList
    from ..certificates.verify import Verdict

EXIT_VALID, EXIT_INVALID, EXIT_MALFORMED, EXIT_UNCONFIRMED, EXIT_CANNOT_CHECK = 0, 1, 2, 3, 4

DB_OPTION = click.option(
    "--database-url",
    envvar="DIANDIAN_DATABASE_URL",
    default=None,
    help="SQLAlchemy URL of the ledger and certificates (default: sqlite:///diandian.db here).",
)
JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Print JSON data.")
ISSUER_OPTION = click.option(
    "--issuer",
    envvar="DIANDIAN_ISSUER",
    default="diandian:local",
    show_default=True,
    help="Issuer named in new certificates: the base URL of the server that publishes the keys.",
)
DEMO_SCENE_ID = "demo-cdnc-summit-2021"


def _home() -> Path:
    from ..certificates.home import data_home

    return data_home()


def open_book(database_url: str | None, issuer: str = "diandian:local") -> Any:
    from ..certificates.book import CertificateBook
    from ..certificates.keys import KeyRing

    book = CertificateBook(database_url, KeyRing(_home() / "keys"), issuer=issuer)
    book.init()
    return book


def _issued_file(issuer: str) -> Path:
    folder = _home() / "issued"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder / f"{hashlib.sha256(issuer.encode()).hexdigest()[:16]}.cose"


def keep_status(book: Any) -> None:
    """Write the issuer's current signed status list where ``verify`` finds it offline."""
    _issued_file(book.issuer).write_bytes(book.status_list().sign(*book.keyring.signer()))


def _describe(cert: Any) -> dict[str, Any]:
    from ..render.wording import statement

    claims = cert.claims
    return {
        "id": claims.cert_id,
        "status": cert.status.label,
        "order": cert.order_id,
        "scene": claims.scene_id,
        "footprint_g": claims.footprint_g,
        "neutralised_g": claims.neutralised_g,
        "project": claims.project_id,
        "allocations": list(claims.allocations),
        "issued_at": claims.issued_at.isoformat(),
        "issuer": claims.issuer,
        "kid": cert.kid,
        "statement": {lang: statement(claims, cert.status, lang) for lang in ("en", "zh-CN")},
        "qr": cert.qr_text,
    }


def write_renderings(cert: Any, out: Path) -> list[Path]:
    from ..render.drawings import render_certificate, render_share_card

    written = []
    for lang in ("en", "zh-CN"):
        for kind in ("svg", "png", "pdf"):
            path = out / f"certificate-{cert.cert_id}-{lang}.{kind}"
            path.write_bytes(render_certificate(cert, kind, lang))
            written.append(path)
        card = out / f"share-card-{cert.cert_id}-{lang}.png"
        card.write_bytes(render_share_card(cert, lang))
        written.append(card)
    return written


@click.group()
def certificate() -> None:
    """Issue, show, render and revoke honour certificates; manage the signing keys."""


@certificate.command()
@click.option("--order", "order_id", required=True, help="A paid ledger order.")
@click.option(
    "--participant", help="Participant id (from `certificate participant`) for boards and life record."
)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="Also write SVG/PNG/PDF here.")
@DB_OPTION
@ISSUER_OPTION
@JSON_OPTION
def issue(
    order_id: str,
    participant: str | None,
    out: Path | None,
    database_url: str | None,
    issuer: str,
    as_json: bool,
) -> None:
    """Issue the certificate of a paid order (status pending retirement until the registry retires)."""
    from ..offsets import Ledger

    with reported_errors():
        book = open_book(database_url, issuer)
        cert = book.issue(Ledger(book.database), order_id, participant_id=participant)
        keep_status(book)
        if out is not None:
            out.mkdir(parents=True, exist_ok=True)
            write_renderings(cert, out)
    if as_json:
        emit_json(_describe(cert))
    else:
        click.echo(cert.qr_text)


@certificate.command()
@click.argument("name", required=False)
@click.option("--listed", is_flag=True, help="Opt in to the leaderboards.")
@DB_OPTION
def participant(name: str | None, listed: bool, database_url: str | None) -> None:
    """Register a participant (optional display NAME) and print their opaque id."""
    with reported_errors():
        click.echo(open_book(database_url).new_participant(name, listed=listed))


@certificate.command()
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), default=Path("out"), show_default=True
)
def demo(out: Path) -> None:
    """A sandbox purchase on a temporary ledger, then its certificate, share card and poster.

    Files go to OUT; the QR text is printed on stdout, so ``diandian verify "$(...)"`` works on
    this machine afterwards with the keys kept in ``$DIANDIAN_HOME``.
    """
    from ..offsets import Ledger, SandboxPayments, buy, load_file
    from ..render.drawings import door_url, render_poster
    from ..scenes import Scene

    scene = Scene(
        id=DEMO_SCENE_ID,
        name={
            "en": "First China Digital Carbon Neutrality Summit (demo)",
            "zh-CN": "首届中国数字碳中和高峰论坛（演示）",
        },
        scene_types=("conference",),
    )
    out.mkdir(parents=True, exist_ok=True)
    with reported_errors(), tempfile.TemporaryDirectory(prefix="diandian-demo-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'demo.db'}"
        book = open_book(url, issuer="diandian:demo")
        ledger = Ledger(book.database)
        load_file(ledger)
        purchase = buy(
            ledger,
            SandboxPayments(book.database),
            project_id="demo-cdcer-forest",
            grams=38_200,
            scene_id=scene.id,
            beneficiary="Demo visitor",
        )
        visitor = book.new_participant("Demo visitor", listed=True)
        cert = book.issue(ledger, purchase.order.order_id, scene=scene, participant_id=visitor)
        keep_status(book)
        book.database.dispose()
        written = write_renderings(cert, out)
        for kind in ("pdf", "png", "svg"):
            poster = out / f"poster-{scene.id}.{kind}"
            poster.write_bytes(render_poster(scene, door_url("https://diandian.example.org", scene.id), kind))
            written.append(poster)
    for path in written:
        click.echo(f"wrote {path}", err=True)
    click.echo(cert.qr_text)


@certificate.command()
@click.argument("reference")
@DB_OPTION
@JSON_OPTION
def show(reference: str, database_url: str | None, as_json: bool) -> None:
    """Query a certificate by its id or its QR text."""
    with reported_errors():
        book = open_book(database_url)
        cert = book.find(reference) if ":" in reference else book.get(reference.strip())
    data = _describe(cert)
    if as_json:
        emit_json(data)
        return
    table(
        f"certificate {cert.cert_id}",
        ["field", "value"],
        [(k, v) for k, v in data.items() if k not in ("statement", "qr")],
    )
    click.echo(data["statement"]["en"])
    click.echo(data["statement"]["zh-CN"])


@certificate.command()
@click.argument("cert_id")
@click.option("--reason", required=True, help="Why (kept with the certificate).")
@DB_OPTION
def revoke(cert_id: str, reason: str, database_url: str | None) -> None:
    """Revoke a certificate; verifiers see it once they have the new status list."""
    with reported_errors():
        book = open_book(database_url)
        book.revoke(cert_id, reason)
        keep_status(book)
    click.echo(f"revoked {cert_id}")


@certificate.command()
@DB_OPTION
def follow(database_url: str | None) -> None:
    """Mark retired the certificates whose credits the registry has now retired."""
    from ..offsets import Ledger

    with reported_errors():
        book = open_book(database_url)
        done = book.follow(Ledger(book.database))
        keep_status(book)
    click.echo(f"{len(done)} certificate(s) now retired")


@certificate.command()
@click.argument("participant_id")
@click.option("--since", help="First month, YYYY-MM.")
@click.option("--until", help="Last month, YYYY-MM.")
@DB_OPTION
def life(participant_id: str, since: str | None, until: str | None, database_url: str | None) -> None:
    """The participant's life-footprint record, month by month, as JSON."""
    with reported_errors():
        emit_json(open_book(database_url).life_record(participant_id, since, until).to_json())


@certificate.group()
def keys() -> None:
    """The signing keys in $DIANDIAN_HOME/keys."""


@keys.command("list")
def keys_list() -> None:
    from ..certificates.keys import KeyRing

    with reported_errors():
        ring = KeyRing(_home() / "keys")
        table(
            "signing keys",
            ["kid", "state", "created"],
            [(k.kid.hex(), k.state, k.created_at) for k in ring.all_keys()],
        )


@keys.command()
def rotate() -> None:
    """Make a new signing key; the old one stays published so its certificates keep verifying."""
    from ..certificates.keys import KeyRing

    with reported_errors():
        click.echo(KeyRing(_home() / "keys").rotate().kid.hex())


@keys.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--valid-days",
    envvar="DIANDIAN_STATUS_VALID_DAYS",
    type=click.FloatRange(min=0.001),
    default=7.0,
    show_default=True,
    help="How long verifiers may rely on this status list; publish again before it runs out.",
)
@DB_OPTION
def publish(folder: Path, valid_days: float, database_url: str | None) -> None:
    """Write the key set (JWKS) and signed status list under FOLDER for a web server."""
    from datetime import timedelta

    from ..certificates.verify import KEYS_PATH, STATUS_PATH

    with reported_errors():
        book = open_book(database_url)
        book.status_valid_for = timedelta(days=valid_days)
        book.publish(folder)
    click.echo(f"wrote {folder / KEYS_PATH} and {folder / STATUS_PATH}")


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


def _newest(lists: Sequence[StatusList | None], issuer: str | None) -> StatusList | None:
    """The most recently issued of the status lists of ``issuer``."""
    ours = [s for s in lists if s is not None and s.issuer == issuer]
    return max(ours, key=lambda s: s.issued_at, default=None)


@click.command()
@click.argument("qr")
@click.option("--online", "online_url", help="Refresh keys and status list from this issuer base URL first.")
@ISSUER_OPTION
@JSON_OPTION
def verify(qr: str, online_url: str | None, issuer: str, as_json: bool) -> None:
    """Check a certificate from its QR text or a PNG of its QR code.

    Exit status 0 if valid; 1 if a check failed (forged, altered, signed by another issuer's
    key, revoked); 2 if the input is not a Diandian certificate at all, or a download failed; 3
    if the signature is genuine but its status is unknown or stale (no status list of its issuer,
    or one past its expiry: refresh with --online); 4 if no key of the issuer it names is trusted
    here, so it cannot be checked (fetch the issuer's keys with --online).
    """
    from ..certificates import codec
    from ..certificates.errors import CertificateError
    from ..certificates.keys import KeyRing
    from ..certificates.status import StatusList
    from ..certificates.verify import TrustCache
    from ..certificates.verify import verify as check

    text = _qr_text(qr)
    with reported_errors():
        cache = TrustCache.load(_home() / "trust")
        if online_url:
            cache.refresh(online_url)
        trust, lists = cache.trust, list(cache.statuses.values())
        # this machine's own keys are trusted for its issuer (--issuer) and for the issuers it
        # signed status lists as; never for an issuer they were not used for
        own = KeyRing(_home() / "keys").trusted()
        trust = trust.add(issuer, own)
        for path in sorted((_home() / "issued").glob("*.cose")):
            issued = StatusList.open(path.read_bytes(), own)
            trust = trust.add(issued.issuer, own)
            lists.append(issued)
        try:
            named: str | None = codec.peek(text)[0].issuer
        except CertificateError:
            named = None
        status = _newest(lists, named)
    verdict = check(text, trust, status)
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
@click.argument("scene_id")
@click.option("--name-zh", required=True, help="Scene name in Chinese.")
@click.option("--name-en", required=True, help="Scene name in English.")
@click.option("--base-url", envvar="DIANDIAN_BASE_URL", default="http://127.0.0.1:8000", show_default=True)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Output file: .pdf, .png or .svg.",
)
def poster(scene_id: str, name_zh: str, name_en: str, base_url: str, out: Path) -> None:
    """A printable door poster for a scene: its QR code, names in Chinese and English, three steps."""
    from ..render.drawings import door_url, render_poster
    from ..scenes import Scene

    with reported_errors():
        scene = Scene(id=scene_id, name={"en": name_en, "zh-CN": name_zh}, scene_types=())
        out.write_bytes(render_poster(scene, door_url(base_url, scene_id), out.suffix.lstrip(".").lower()))
    click.echo(f"wrote {out}")


@click.command()
@click.option("--scene", help="A scene's board.")
@click.option("--scene-type", help="A scene type's board.")
@click.option("--since", help="First month of the window, YYYY-MM.")
@click.option("--until", help="Last month of the window, YYYY-MM.")
@click.option("--limit", default=20, show_default=True)
@click.option("--offset", default=0)
@click.option("--participant", help="Show this participant's rank instead of a page.")
@DB_OPTION
@JSON_OPTION
def leaderboard(
    scene: str | None,
    scene_type: str | None,
    since: str | None,
    until: str | None,
    limit: int,
    offset: int,
    participant: str | None,
    database_url: str | None,
    as_json: bool,
) -> None:
    """Who compensated most: ranked by neutralised (paid and allocated) grams; the part still
    pending retirement is shown, and marked with *."""
    import attrs

    if scene and scene_type:
        fail("give --scene or --scene-type, not both")
    board, key = ("scene", scene) if scene else ("scene_type", scene_type) if scene_type else ("overall", "")
    with reported_errors():
        book = open_book(database_url)
        if participant:
            entry = book.rank(participant, board, key, since=since, until=until)
            entries = [entry] if entry else []
        else:
            entries = list(
                book.leaderboard(board, key, limit=limit, offset=offset, since=since, until=until).entries
            )
    if as_json:
        emit_json(
            {
                "board": board,
                "key": key,
                "since": since,
                "until": until,
                "entries": [attrs.asdict(e) for e in entries],
            }
        )
        return
    print_board(f"leaderboard {board} {key}".strip(), [attrs.asdict(e) for e in entries])


def print_board(title: str, entries: Sequence[Mapping[str, Any]]) -> None:
    """A leaderboard as a table; ``entries`` as in the ``--json`` output."""
    rows = [
        (
            e["rank"] or "-",
            e["name"],
            f"{e['neutralised_g'] / 1000:,.1f}" + (" *" if e["pending_g"] else ""),
            f"{e['pending_g'] / 1000:,.1f}",
        )
        for e in entries
    ]
    table(title, ["rank", "name", "neutralised kg", "* pending retirement kg"], rows)
