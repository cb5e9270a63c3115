"""The integration examples run as written (in-process, and buying through a live server), the
curl session runs against a live server, the remote offset provider buys through one, and the
``diandian apikey`` commands create, list and revoke keys."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from diandian import ValidationFailed
from diandian.certificates import CertificateError
from diandian.client import RemoteOffsets
from diandian.client.plugin import remote_factory
from diandian.offsets import NeedsLocalLedger, OrderStatus
from diandian.offsets.schema import orders
from diandian.platform import Platform
from diandian.scenes import Scene
from diandian.settings import Settings
from diandian.testing import run_cli
from docs.docblocks import DOCS, python_blocks

from .harness import Deployment, Server

EXAMPLES = Path(__file__).resolve().parents[2] / "sdk_docs" / "examples"
BOOKINGS = EXAMPLES / "hotel-booking"
POS = EXAMPLES / "store-pos"


def run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(c) for c in command], cwd=cwd, capture_output=True, text=True, timeout=120, env=env
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_booking_system_example() -> None:
    out = run(sys.executable, "booking_system.py", "bookings.json", cwd=BOOKINGS)
    assert "booking 0: 110.4 kg CO2e, 55.2 kg per guest" in out
    assert "booking 3: refused: check_out: must be after check_in [date_order]" in out
    assert "chek_in: is not a booking field" in out
    assert out.rstrip().endswith("5 bookings: 3 computed, 2 refused")


def test_store_pos_example() -> None:
    out = run(sys.executable, "pos.py", "receipts.json", cwd=POS)
    assert out.splitlines()[0].startswith("R-0001: 13.80 kg CO2e (")
    assert "R-0003: no footprint: lines.0.category" in out
    assert "R-0004: no footprint: lines.0.qty: is not a receipt line field" in out


@pytest.mark.parametrize(("folder", "script"), [(POS, "pos.py"), (BOOKINGS, "booking_system.py")])
def test_examples_answer_help_and_a_missing_file_without_a_traceback(folder: Path, script: str) -> None:
    helped = run(sys.executable, script, "--help", cwd=folder)
    assert helped.startswith(f"usage: {script} [-h]") and "Traceback" not in helped
    missing = subprocess.run(
        [sys.executable, script, "nothing.json"], cwd=folder, capture_output=True, text=True, timeout=120
    )
    assert missing.returncode == 2 and missing.stderr.endswith("error: nothing.json: no such file\n")


def test_booking_system_buys_through_a_server_once(server: Server, deployment: Deployment) -> None:
    command = (
        sys.executable,
        "booking_system.py",
        "bookings.json",
        "--server",
        server.url,
        "--key",
        deployment.key,
    )
    first = run(*command, cwd=BOOKINGS)
    again = run(*command, cwd=BOOKINGS)
    orders = [line.split()[3].rstrip(",") for line in first.splitlines() if line.strip().startswith("guest")]
    assert len(orders) == 2 + 4 + 1  # every guest of the three good bookings
    assert [line for line in first.splitlines() if "order" in line] == [
        line for line in again.splitlines() if "order" in line
    ], "the second run finds the same orders"
    for order_id in orders:
        assert deployment.platform.order(order_id).status is OrderStatus.RESERVED
    # the first project offered, ¥80/t, with the 5 % fee rounded up and the ¥1.00 minimum charge:
    # 55.2 kg: ceil(55.2 x 8) = 442 fen + ceil(22.1) = 23 -> ¥4.65
    # 58.5 kg: 58.5 x 8 = 468 fen + ceil(23.4) = 24 -> ¥4.92
    # 11.5 kg: 92 fen + ceil(4.6) = 5 = 97, below the minimum -> ¥1.00
    prices = [line.split(", pay ")[1].split(" at ")[0] for line in first.splitlines() if ", pay " in line]
    assert prices == ["¥4.65"] * 2 + ["¥4.92"] * 4 + ["¥1.00"]
    assert first.rstrip().endswith("5 bookings: 3 ordered, 2 refused")


@pytest.mark.skipif(not (shutil.which("curl") and shutil.which("jq")), reason="needs curl and jq")
def test_curl_session(server: Server, deployment: Deployment) -> None:
    env = {**os.environ, "DIANDIAN_URL": server.url, "DIANDIAN_KEY": deployment.key}
    out = run("bash", EXAMPLES / "http-api" / "session.sh", cwd=EXAMPLES, env=env)
    assert '"code":"below_minimum","field":"answers.nights"' in out.replace(" ", "")
    assert "HTTP 409" in out
    assert '{"valid":true,"code":"pending"}' in out.replace(" ", "")  # valid, retirement pending


def test_the_client_example_runs_as_shown(server: Server, deployment: Deployment) -> None:
    """http-api.md's Python client, against a live server: only its address and key change."""
    (block,) = [b for b in python_blocks(DOCS / "http-api.md") if "Client(" in b.code]
    code = block.code.replace("https://diandian.example.org", server.url)
    code = code.replace('"dd_..."', repr(deployment.key))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    placed, refused = done.stdout.splitlines()
    status, pay_url = placed.split()
    assert status == "reserved" and "/sandbox/pay/sbx_" in pay_url
    assert refused == "below_minimum answers.nights"


def test_remote_provider_through_a_local_platform(
    server: Server, deployment: Deployment, tmp_path: Path
) -> None:
    local = Platform(
        Settings(
            database_url=f"sqlite:///{tmp_path / 'pos.db'}",
            home=tmp_path,
            offset_provider="remote",
            remote_url=server.url,
            remote_api_key=deployment.key,
        )
    )
    assert isinstance(local.offsets, RemoteOffsets)
    footprint = local.engine.footprint("hotel", {"rooms": 1, "nights": 1, "country": "CN"})  # no network
    project = local.projects()[0]
    assert project == deployment.platform.projects()[0]
    order = local.place_order(local.quote(project.project_id, footprint.grams), idempotency_key="pos-7")
    assert (
        local.place_order(local.quote(project.project_id, footprint.grams), idempotency_key="pos-7") == order
    )
    assert deployment.platform.order(order.order_id).grams == footprint.grams  # held by the central server
    remote = local.offsets
    assert remote.payment(order.order_id) is not None
    remote.client.sandbox_payment(order.order_id)
    assert local.order(order.order_id).status is OrderStatus.ALLOCATED
    record = local.order_record(order.order_id)
    assert record.allocated_g == footprint.grams and record.allocations and record.batch_serials
    certificate = remote.issue_certificate(order.order_id)
    assert deployment.platform.certificate(certificate.cert_id) == certificate


def test_an_order_bought_through_the_remote_provider_is_certified_here(
    server: Server, deployment: Deployment, tmp_path: Path
) -> None:
    """A hotel's own platform buys through the central server (offset provider ``remote``,
    registered through the plugin host like the ledger) and signs the certificate itself from
    the order record the server returns; what only a local ledger offers is refused naming the
    provider, and nothing is written to a ledger of its own."""
    local = Platform(
        Settings(
            database_url=f"sqlite:///{tmp_path / 'hotel.db'}",
            home=tmp_path,
            issuer="diandian:jinjiang-hotel",
            offset_provider="remote",
            remote_url=server.url,
            remote_api_key=deployment.key,
        )
    )
    local.init()
    assert local.host.offset_providers["remote"] is remote_factory
    hotel = local.create_scene(
        Scene(id="jinjiang-hotel", name={"en": "Jinjiang Hotel", "zh-CN": "锦江宾馆"}, scene_types=("hotel",))
    )
    footprint = local.footprint(hotel, {"rooms": 1, "nights": 2, "country": "CN"})
    guest = local.new_participant("Lin", listed=True)
    project = local.projects()[0].project_id

    bought = local.buy(footprint.grams, project_id=project, idempotency_key="stay-2021-09-07")
    order_id = bought.order.order_id
    assert (bought.order.status, bought.allocations) == (OrderStatus.RESERVED, ())  # the payer pays there
    intent = local.start_payment(order_id)
    assert (intent.provider, intent.order_id) == ("remote", order_id)
    assert intent.amount_minor == deployment.platform.order(order_id).price.total_minor
    with pytest.raises(ValidationFailed, match="callbacks go to the central server"):
        local.payment_callback(b"{}", {})
    _remote(local).client.sandbox_payment(order_id)  # the payer pays on the server
    assert local.order(order_id).status is OrderStatus.ALLOCATED

    certificate = local.issue_certificate(order_id, participant_id=guest, footprint=footprint)
    claims = certificate.claims
    assert claims.issuer == "diandian:jinjiang-hotel" and claims.scene_name == hotel.name
    assert claims.neutralised_g == claims.footprint_g == footprint.grams
    assert local.issue_certificate(order_id) == certificate  # the same one when asked again
    assert local.verify(certificate.qr_text).code == "pending"
    with pytest.raises(CertificateError, match="no certificate"):
        deployment.platform.certificate(certificate.cert_id)  # signed here, not on the server
    entry = local.leaderboard("scene", hotel.id, participant=guest).own
    assert entry is not None and (entry.rank, entry.pending_g) == (1, footprint.grams)
    assert local.follow() == []  # the server has not retired the tonne yet
    assert local.coverage(order_id).allocated_g == footprint.grams

    period = (dt.datetime(2021, 1, 1, tzinfo=dt.UTC), dt.datetime(2031, 1, 1, tzinfo=dt.UTC))
    local_only = {
        "the audit": local.audit,
        "settlement": lambda: local.settle(*period),
        "listing orders": local.orders,
        "loading a catalogue": local.load_catalogue,
        "offers by free grams and vintage": lambda: local.offers(1_000),
        "payment recovery": local.recover,
        "a scene's export": lambda: local.export_scene(hotel),
        "an event's claim": lambda: local.claim_report(hotel),
        "the ledger's own calls": lambda: local.ledger,
    }
    for use, call in local_only.items():
        with pytest.raises(NeedsLocalLedger) as refused:
            call()
        assert refused.value.problems[0].path == "offset_provider"
        assert str(refused.value).count(f"{use} needs the local ledger, and offset provider 'remote'") == 1
    with sa.create_engine(local.settings.database_url).connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(orders)).scalar_one() == 0


def _remote(platform: Platform) -> RemoteOffsets:
    offsets = platform.offsets
    assert isinstance(offsets, RemoteOffsets)
    return offsets


def test_remote_provider_needs_a_url(tmp_path: Path) -> None:
    from diandian import ValidationFailed

    local = Platform(
        Settings(database_url=f"sqlite:///{tmp_path / 'x.db'}", home=tmp_path, offset_provider="remote")
    )
    with pytest.raises(ValidationFailed) as refused:
        local.projects()
    assert refused.value.problems[0].path == "remote_url"


def test_apikey_commands(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'keys.db'}"
    site = Platform(Settings(database_url=url, home=tmp_path))
    site.init()
    hotel = site.accounts.sign_up("hotel@example.org", "a long hotel passphrase", "Jinjiang Hotel")
    # an owner tied to nothing is refused naming the field, and no key is made
    stray = run_cli(
        ["apikey", "create", "--owner", "jinjiang-hotel", "--scope", "orders", "--database-url", url]
    )
    assert stray.exit_code == 2 and "owner: 'jinjiang-hotel' is no account" in stray.output
    assert site.api_keys_of() == []
    created = run_cli(
        [
            "apikey",
            "create",
            "--owner",
            "Hotel@Example.org",
            "--scope",
            "footprints",
            "--json",
            "--database-url",
            url,
        ],
    )
    assert created.exit_code == 0, created.output
    data = json.loads(created.output)
    assert data["secret"].startswith(f"dd_{data['key_id']}_") and data["scopes"] == ["footprints"]
    assert data["owner"] == hotel.account_id  # the e-mail names the organiser's account
    by_id = run_cli(
        ["apikey", "create", "--owner", hotel.account_id, "--scope", "orders", "--database-url", url]
    )
    assert by_id.exit_code == 0 and f"for {hotel.account_id} (orders)" in by_id.output
    listed = run_cli(["apikey", "list", "--json", "--database-url", url])
    assert data["secret"] not in listed.output and data["key_id"] in listed.output
    # at 80 columns each key id and owner id stays on one line, whole, so it can be copied
    narrow = run_cli(["apikey", "list", "--database-url", url], env={"COLUMNS": "80"})
    assert narrow.output.count(data["key_id"]) == 1 and narrow.output.count(hotel.account_id) == 2
    revoked = run_cli(["apikey", "revoke", data["key_id"], "--database-url", url])
    assert revoked.exit_code == 0 and "revoked" in revoked.output
    bad = run_cli(["apikey", "create", "--owner", "", "--scope", "orders", "--database-url", url])
    assert bad.exit_code == 2 and "owner" in bad.output


def test_apikey_rate_is_checked_as_the_flag(tmp_path: Path) -> None:
    """``--rate`` out of range is named as the flag at parsing, and no key is made; the range is
    the one the keys themselves keep."""
    from diandian.cli.apikeys import MAX_RATE

    url = f"sqlite:///{tmp_path / 'keys.db'}"
    make = ["apikey", "create", "--owner", "operator", "--scope", "orders", "--database-url", url]
    for rate, said in (("0", "0 is not in the range 1 to 1000000"), ("1.5", "'1.5' is not a whole number")):
        refused = run_cli([*make, "--rate", rate])
        assert (refused.exit_code, refused.stdout) == (2, "")
        assert refused.stderr.endswith(f"diandian apikey create: error: argument --rate: {said}\n")
    site = Platform(Settings(database_url=url, home=tmp_path))
    site.init()
    assert site.api_keys_of() == []
    assert (
        site.create_api_key("operator", ["orders"], rate_per_minute=MAX_RATE).key.rate_per_minute == MAX_RATE
    )
    with pytest.raises(ValidationFailed) as refused_above:
        site.create_api_key("operator", ["orders"], rate_per_minute=MAX_RATE + 1)
    assert refused_above.value.problems[0].path == "rate_per_minute"
    assert run_cli([*make, "--rate", str(MAX_RATE)]).exit_code == 0
    site.close()


def test_apikey_revoke_never_repeats_a_secret(tmp_path: Path) -> None:
    """Revoking with the whole key someone holds revokes its key id, and no message (done or
    refused) repeats the secret."""
    url = f"sqlite:///{tmp_path / 'keys.db'}"
    made = run_cli(
        ["apikey", "create", "--owner", "operator", "--scope", "orders", "--json", "--database-url", url]
    )
    key = json.loads(made.stdout)
    secret = key["secret"].split("_", 2)[2]
    revoked = run_cli(["apikey", "revoke", key["secret"], "--database-url", url])
    assert revoked.exit_code == 0 and secret not in revoked.output
    assert revoked.stdout.startswith(f"key {key['key_id']} of operator revoked at ")
    unknown = run_cli(["apikey", "revoke", "dd_0123456789abcdef_SECRETPART", "--database-url", url])
    assert (unknown.exit_code, unknown.stdout) == (2, "")
    assert unknown.stderr == "error: invalid API key:\n  key_id: no API key '0123456789abcdef' [unknown]\n"


def test_the_checkout_paths_touch_no_file_and_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """A receipt and a booking, once the store's catalogue and the engine are built: no file is
    opened and no connection made (every factor was resolved at start-up)."""
    import builtins
    import io
    import socket

    import diandian
    from diandian_hotel import Booking, footprint_booking
    from diandian_retail import RetailCatalogue, receipt_lines

    engine = diandian.Engine()
    catalogue = RetailCatalogue(engine)  # once per store, at start-up
    records = [
        {"category": "milk", "quantity": 2, "grams": 1000},
        {"category": "snacks", "quantity": 3, "price_cny": 19.5},
    ]
    record = {"check_in": "2024-09-06", "check_out": "2024-09-09", "rooms": 2, "guests": 4, "country": "JP"}
    footprint_booking(engine, Booking.from_record(record))  # the hotel's factor table loads once

    def no_io(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"I/O on the checkout path: {args!r}")

    for owner, name in (
        (builtins, "open"),
        (io, "open"),
        (os, "open"),
        (socket.socket, "connect"),
        (socket, "create_connection"),
        (socket, "getaddrinfo"),
    ):
        monkeypatch.setattr(owner, name, no_io)
    slip = catalogue.receipt(receipt_lines(records))
    # milk: 2 x 1 kg x 3.150 kg CO2e/kg = 6,300 g; snacks: 19.5 CNY x 55.307 g/CNY = 1,078.49 -> 1,079 g
    assert (slip.grams, slip.line_grams) == (7_379, (6_300, 1_079))
    # 3 nights x 2 rooms = 6 room-nights x 39.0 kg (Japan) / 4 guests = 58.5 kg each
    assert footprint_booking(engine, Booking.from_record(record)).grams == 58_500


def test_serving_without_the_web_extra_says_which_extra(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # as after a plain `pip install diandian`
    url = f"sqlite:///{tmp_path / 'x.db'}"
    done = run_cli(["serve", "--check", "--database-url", url])
    assert done.exit_code == 2, done.output
    assert "uvicorn is missing" in done.output and "pip install 'diandian[web]'" in done.output
    assert "Traceback" not in done.output
