"""``diandian ledger`` end to end, the plugin registration, and the migrations."""

from __future__ import annotations

import hashlib
import json
from argparse import ArgumentParser
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from diandian import db
from diandian.offsets import Ledger, SandboxPayments
from diandian.offsets.schema import metadata
from diandian.platform import Platform
from diandian.plugins import PluginHost
from diandian.settings import Settings
from diandian.testing import run_cli


def invoke(*args: str) -> tuple[int, str, str]:
    result = run_cli(["ledger", *args])
    return result.exit_code, result.stdout, result.stderr


def test_demo_buy_retire_settle_audit(url: str, tmp_path: Path) -> None:
    u = ("--database-url", url)
    assert invoke("init", *u)[0] == 0
    code, out, _ = invoke("demo", "--json", *u)
    assert code == 0 and "DEMO DATA" in json.loads(out)["notice"]
    assert invoke("demo", *u)[0] == 0  # loading twice changes nothing
    code, out, _ = invoke("buy", "38.2kg", "--project", "demo-cdcer-greenway", "--key", "v1", "--json", *u)
    bought = json.loads(out)
    assert code == 0 and bought["order"]["status"] == "allocated" and bought["order"]["grams"] == 38_200
    assert [a["batch_id"] for a in bought["allocations"]] == ["demo-gw-2022"]
    again = json.loads(
        invoke("buy", "38.2kg", "--project", "demo-cdcer-greenway", "--key", "v1", "--json", *u)[1]
    )
    assert again["order"]["order_id"] == bought["order"]["order_id"]
    footprint = tmp_path / "fp.json"
    footprint.write_text(json.dumps({"scene_type": "hotel", "grams": 1_000_000, "lines": []}))
    code, out, _ = invoke("buy", "--footprint", str(footprint), "--project", "demo-cdcer-greenway", *u)
    assert code == 0 and "allocated" in out
    code, out, _ = invoke("retire", "--json", *u)
    retired = json.loads(out)
    assert code == 0 and [(r["unit_first"], r["unit_last"]) for r in retired["retired"]] == [(1, 1)]
    assert retired["remainders"][0]["grams"] == 38_200
    code, out, _ = invoke("order", bought["order"]["order_id"], "--json", *u)
    assert json.loads(out)["coverage"]["fully_retired"] is True
    code, out, _ = invoke("settle", "--json", *u)
    [owed] = json.loads(out)
    assert owed["orders"] == 2 and owed["credit_minor"] == 191 + 5000
    summit = ["scene", "create", "summit", "--name-zh", "峰会", "--name-en", "Summit", "--type", "conference"]
    assert run_cli([*summit, *u]).exit_code == 0
    assert (
        invoke("claim", "summit", "--organiser", "org", "--footprint-g", "5000", "--policy", "inside", *u)[0]
        == 0
    )
    assert invoke("projects", *u)[0] == 0 and invoke("orders", *u)[0] == 0 and invoke("recover", *u)[0] == 0
    code, out, _ = invoke("audit", *u)
    assert code == 0 and out.startswith("audit clean")


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["buy", "0"], "amount"),
        (["buy", "--", "-5"], "amount"),
        (["buy", "1000000000000000"], "amount"),
        (["buy", "9" * 4300], "amount"),
        (["buy", "12 lbs"], "amount"),
        (["buy"], "amount"),
        (["buy", "1kg", "--scene", "nope"], "scene"),
        (["buy", "1kg", "--project", "nope"], "project_id"),
        (["buy", "--footprint", "FP"], "footprint.grams"),
        (["settle", "--from", "yesterday"], "--from"),
        (["settle", "--to", "2025-02-30"], "--to"),
        (["claim", "nope", "--organiser", "o", "--footprint-g", "1", "--policy", "inside"], "scene"),
        (["claim", "e", "--organiser", "o", "--footprint-g", "1g", "--policy", "inside"], "--footprint-g"),
        (["orders", "--limit", "-5"], "--limit"),
        (["orders", "--limit", "0"], "--limit"),
        (["orders", "--limit", "ten"], "--limit"),
        (["orders", "--status", "done"], "--status"),
        (["retire", "--deadline-days", "0"], "--deadline-days"),
        (["retire", "--deadline-days", "9" * 12], "--deadline-days"),
    ],
)
def test_refusals_exit_2_naming_the_field(url: str, tmp_path: Path, args: list[str], field: str) -> None:
    invoke("demo", "--database-url", url)
    bad = tmp_path / "fp.json"
    bad.write_text('{"grams": 1.5}')
    command, *rest = (str(bad) if a == "FP" else a for a in args)
    events = json.loads(invoke("audit", "--json", "--database-url", url)[1])["events"]
    code, out, err = invoke(command, "--database-url", url, *rest)
    assert code == 2 and f"{field}:" in err and out == ""
    assert (
        json.loads(invoke("audit", "--json", "--database-url", url)[1])["events"] == events
    )  # nothing written


def test_a_claim_or_a_purchase_for_an_unknown_scene_is_refused_alike(url: str) -> None:
    """A claim is decided once and for ever: for a scene that is not stored it is refused, as a
    purchase is, and nothing is recorded; a stored scene's claim checks its grams."""
    invoke("demo", "--database-url", url)
    claim = ("claim", "nope", "--organiser", "X", "--footprint-g", "1", "--policy", "inside")
    refused = "error: invalid scene:\n  scene: no scene 'nope' [unknown]\n"
    assert invoke(*claim, "--database-url", url) == (2, "", refused)
    assert invoke("buy", "1kg", "--scene", "nope", "--database-url", url) == (2, "", refused)
    site = Platform(Settings(database_url=url))
    assert site.claim_report("nope") is None
    site.close()
    scene = ["scene", "create", "e", "--name-zh", "活动", "--name-en", "Event", "--type", "conference"]
    assert run_cli([*scene, "--database-url", url]).exit_code == 0
    code, out, err = invoke(
        "claim", "e", "--organiser", "X", "--footprint-g", "0", "--policy", "inside", "--database-url", url
    )
    assert (code, out) == (2, "") and "footprint_g: must be more than 0 g" in err
    code, out, _ = invoke(
        "claim",
        "e",
        "--organiser",
        "X",
        "--footprint-g",
        "5",
        "--policy",
        "inside",
        "--json",
        "--database-url",
        url,
    )
    assert code == 0 and json.loads(out)["residual_g"] == 5


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ((), "amount: give AMOUNT or --footprint [required]"),
        (("1kg", "--footprint", "FP"), "amount: give AMOUNT or --footprint, not both [conflict]"),
    ],
)
def test_buy_says_whether_the_amount_is_missing_or_given_twice(
    url: str, tmp_path: Path, given: tuple[str, ...], said: str
) -> None:
    footprint = tmp_path / "fp.json"
    footprint.write_text('{"grams": 1000}')
    args = [str(footprint) if a == "FP" else a for a in given]
    assert invoke("buy", *args, "--database-url", url) == (2, "", f"error: invalid input:\n  {said}\n")


def test_a_limit_out_of_range_is_named_at_parsing() -> None:
    shown = run_cli(["ledger", "orders", "--limit", "-5"])
    assert shown.exit_code == 2 and shown.stdout == ""
    assert shown.stderr.endswith(
        "diandian ledger orders: error: argument --limit: -5 is not in the range 1 to 10000\n"
    )


def test_the_status_choices_are_the_order_statuses() -> None:
    from diandian.cli.ledger import STATUSES
    from diandian.offsets.model import OrderStatus

    assert tuple(OrderStatus) == STATUSES
    assert (
        "--status {reserved,paid,allocated,expired,cancelled,failed,refunded}"
        in run_cli(["ledger", "orders", "--help"]).stdout
    )


def test_ids_and_numbers_stay_whole_in_80_columns(url: str) -> None:
    """Order, allocation, batch and project ids are copied from the tables, and grams are read:
    in an 80-column terminal each keeps to one line; prices read as money (¥)."""
    u = ("--database-url", url)
    invoke("demo", *u)
    tonne = json.loads(invoke("buy", "1t", "--project", "demo-cdcer-kitchen-waste", "--json", *u)[1])
    standard = {"COLUMNS": "80"}
    bought = run_cli(
        ["ledger", "buy", "1kg", "--project", "demo-cdcer-greenway", "--key", "k", *u], env=standard
    )
    same = json.loads(invoke("buy", "1kg", "--project", "demo-cdcer-greenway", "--key", "k", "--json", *u)[1])
    [allocation] = same["allocations"]
    for whole in (same["order"]["order_id"], allocation["allocation_id"], allocation["batch_id"], "1000"):
        assert whole in bought.stdout, whole
    listed = run_cli(["ledger", "orders", *u], env=standard).stdout
    # 1 t at ¥40.00/t, and the platform's 5 % on top: 4000 + 200 minor units
    for whole in (
        tonne["order"]["order_id"],
        same["order"]["order_id"],
        "demo-cdcer-kitchen-waste",
        "1000000",
    ):
        assert whole in listed, whole
    assert "¥42.00" in listed and max(map(len, listed.splitlines())) <= 80
    projects = run_cli(["ledger", "projects", *u], env=standard).stdout
    # the greenway's 2 500 000 000 g less the 1 kg bought
    assert "demo-cdcer-kitchen-waste" in projects and "2499999000" in projects and "¥40.00/t" in projects


def test_commands_that_sign_nothing_make_no_signing_key(url: str, tmp_path: Path) -> None:
    """Buying, listing, settling, recovering and API keys sign nothing, so they leave the key ring
    as it was; ``ledger retire``, which signs the status list again, is the one that needs it."""
    site = Platform(Settings(database_url=url, home=tmp_path / "home"))
    site.init(signing=False)
    site.load_catalogue()
    site.close()
    u = ["--database-url", url]
    for args in (
        ["ledger", "projects"],
        ["ledger", "buy", "1kg"],
        ["ledger", "orders"],
        ["ledger", "settle", "--dry-run"],
        ["ledger", "recover"],
        ["apikey", "list"],
    ):
        assert run_cli([*args, *u], env={"DIANDIAN_HOME": str(tmp_path / "home")}).exit_code == 0, args
    assert not (tmp_path / "home" / "keys").exists()


def test_the_help_names_values_and_says_what_positionals_are() -> None:
    """No option's value is named after the option itself (``--limit LIMIT``), every positional
    says what it is, and ``--json`` says the same everywhere."""
    from argparse import _StoreTrueAction, _SubParsersAction

    from diandian.cli import command_parser
    from diandian.cli.arguments import JSON_HELP

    def parsers(parser: ArgumentParser) -> Iterator[ArgumentParser]:
        yield parser
        for action in parser._actions:
            if isinstance(action, _SubParsersAction):
                for sub in action.choices.values():
                    yield from parsers(sub)

    for name in ("ledger", "apikey", "operator"):
        for parser in parsers(command_parser(name)):
            for action in parser._actions:
                if isinstance(action, _SubParsersAction) or action.dest == "help":
                    continue
                where = f"{parser.prog} {action.option_strings or action.dest}"
                if not action.option_strings:
                    assert action.help, where
                elif action.dest == "as_json":
                    assert action.help == JSON_HELP, where
                elif not isinstance(action, _StoreTrueAction) and action.choices is None:
                    repeated = {
                        action.dest.upper(),
                        action.option_strings[-1].lstrip("-").replace("-", "_").upper(),
                    }
                    assert action.metavar not in (None, *repeated), where
    recover = run_cli(["ledger", "recover", "--help"]).stdout
    assert "Catch up on payments whose confirmation never arrived" in recover


def test_plugin_registers_the_ledger_and_the_sandbox_as_factories() -> None:
    host = PluginHost(entrypoints=False).load()
    assert not host.errors
    # factories: loading plugins builds nothing and touches no database
    assert callable(host.offset_providers["ledger"]) and callable(host.payment_providers["sandbox"])


def test_the_providers_work_through_the_hook(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'hook.db'}"
    site = Platform(Settings(database_url=url, home=tmp_path / "home"), host=PluginHost(entrypoints=False))
    site.init()
    assert isinstance(site.offsets, Ledger) and isinstance(site.payments(), SandboxPayments)
    assert site.offsets.database is site.database  # built on the platform's own database
    site.load_catalogue()
    order = site.place_order(site.quote("demo-cdcer-forest", "1kg"), idempotency_key="hook")
    intent = site.start_payment(order.order_id)
    assert site.sandbox_pay(intent.intent_id).status == "allocated"
    assert site.offsets.status(order.order_id).allocated_g == 1000
    site.close()


def test_migrations_match_the_tables(url: str) -> None:
    database = db.connect(url)
    db.upgrade(database)
    applied = db.current_revisions(database)
    db.upgrade(database)  # a second run changes nothing
    assert db.current_revisions(database) == applied
    with database.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    # other packages add their own tables: only what this metadata lacks or changes matters
    assert [d for d in diff if not (isinstance(d, tuple) and d[0].startswith("remove_"))] == []
    with database.connect() as conn:
        assert conn.execute(sa.text("SELECT seq FROM ledger_head")).scalar_one() == 0
    database.dispose()


def test_sqlite_connections_are_wal_with_foreign_keys(tmp_path: Path) -> None:
    database = db.connect(f"sqlite:///{tmp_path / 'x.db'}")
    with database.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
    assert db.normalise_url("postgresql://u@h/d") == "postgresql+psycopg://u@h/d"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"grams": 1000, "grams": 999999999}', "footprint.grams: key 'grams' appears more than once"),
        ('{"grams": NaN}', "footprint.grams: NaN is not a finite number"),
        ('{"grams": ' + "9" * 4300 + "}", "footprint.grams: a number 4300 characters long"),
        ('{"lines": ' + "[" * 10_000 + "]" * 10_000 + ', "grams": 2}', "nests arrays/objects 10001 deep"),
        ("{}", "footprint.grams: "),
        ('{"grams": -3}', "amount: must be more than 0 g"),
    ],
)
def test_buy_footprint_json_is_read_strictly(url: str, tmp_path: Path, content: str, expected: str) -> None:
    invoke("demo", "--database-url", url)
    footprint = tmp_path / "fp.json"
    footprint.write_text(content)
    code, out, err = invoke("buy", "--footprint", str(footprint), "--database-url", url, "--json")
    assert (code, out) == (2, "") and expected in err, err
    code, out, _ = invoke("orders", "--database-url", url, "--json")
    assert json.loads(out) == [] or code != 0


def test_buy_footprint_missing_file_exits_2(url: str, tmp_path: Path) -> None:
    code, out, err = invoke("buy", "--footprint", str(tmp_path / "absent.json"), "--database-url", url)
    assert (code, out) == (2, "") and "absent.json" in err


def test_the_ledger_names_the_scene_scene_id_after_its_migration(url: str) -> None:
    """Revision offsets_0002 renames ``event_id`` to ``scene_id`` keeping the rows; an order
    repeated across the upgrade still matches the digest stored before it."""
    from diandian.offsets.ledger import _request_digest
    from diandian.offsets.model import ClaimPolicy

    database = db.connect(url)
    db.upgrade(database, "offsets_0001")
    with database.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO event_claims (event_id, organiser, footprint_g, policy, decided_at) "
                "VALUES ('cdcn-summit-2021', 'org-1', 5000000, 'inside', '2021-09-07T00:00:00.000000Z')"
            )
        )
    db.upgrade(database)
    columns = {
        t: {c["name"] for c in sa.inspect(database).get_columns(t)} for t in ("orders", "event_claims")
    }
    assert "scene_id" in columns["orders"] and "event_id" not in columns["orders"] | columns["event_claims"]
    assert "ix_orders_scene" in {i["name"] for i in sa.inspect(database).get_indexes("orders")}
    claim = Ledger(database).claim_report("cdcn-summit-2021").claim
    assert (claim.scene_id, claim.footprint_g, claim.policy) == (
        "cdcn-summit-2021",
        5_000_000,
        ClaimPolicy.INSIDE,
    )
    request = {
        "project_id": "p",
        "grams": 1,
        "beneficiary": None,
        "scene_id": "s",
        "role": "visitor",
        "metadata": {},
    }
    first = '{"beneficiary":null,"event_id":"s","grams":1,"metadata":{},"project_id":"p","role":"visitor"}'
    assert _request_digest(request) == hashlib.sha256(first.encode()).hexdigest()
    database.dispose()
