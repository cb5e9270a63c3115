"""The command line: demo then verify on the same machine, PNG input, posters, bad input, status freshness."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from diandian.certificates import Claims, KeyRing, Status, StatusList, encode, publish
from diandian.cli.certificates import EXIT_UNCONFIRMED
from diandian.testing import run_cli


def test_demo_then_verify_offline(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli(["certificate", "demo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    qr = result.stdout.strip().splitlines()[-1]
    assert qr.startswith("DD1:")
    names = sorted(p.name.split("-")[0] for p in out.iterdir())
    assert names.count("certificate") == 6 and names.count("share") == 2 and names.count("poster") == 3
    checked = run_cli(["verify", qr])
    assert checked.exit_code == 0, checked.output
    assert "VALID" in checked.output and "pending" in checked.output and "38.2 kg CO2e" in checked.output
    png = next(out.glob("certificate-*-zh-CN.png"))
    assert run_cli(["verify", str(png)]).exit_code == 0
    # the key ring on disk is owner-only
    assert all(p.stat().st_mode & 0o077 == 0 for p in (home / "keys").glob("*.pem"))


def test_verify_refuses_with_a_reason(home: Path) -> None:
    for text, reason in [
        ("hello", "wrong_prefix"),
        ("DD1:%%%%", "not_base45"),
        ("DD1:" + "A" * 9000, "too_long"),
    ]:
        result = run_cli(["verify", text])
        assert result.exit_code == 2 and reason in result.output and "Traceback" not in result.output


def test_issue_show_revoke_and_boards(home: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    env = {"DIANDIAN_DATABASE_URL": url}
    assert run_cli(["ledger", "demo"], env=env).exit_code == 0
    bought = run_cli(["ledger", "buy", "12.5kg", "--project", "demo-cdcer-forest", "--json"], env=env)
    assert bought.exit_code == 0, bought.output
    order_id = json.loads(bought.stdout)["order"]["order_id"]
    person = run_cli(["certificate", "participant", "Lin", "--listed"], env=env).stdout.strip()
    issued = run_cli(
        ["certificate", "issue", "--order", order_id, "--participant", person, "--json"], env=env
    )
    assert issued.exit_code == 0, issued.output
    data = json.loads(issued.stdout)
    assert data["status"] == "pending-retirement" and data["neutralised_g"] == 12_500
    shown = run_cli(["certificate", "show", data["qr"], "--json"], env=env)
    assert json.loads(shown.stdout)["id"] == data["id"]
    board = run_cli(["leaderboard", "--json", "--participant", person], env=env)
    (entry,) = json.loads(board.stdout)["entries"]
    # just paid, credits pending retirement: ranked at once, the pending part marked
    assert (entry["rank"], entry["neutralised_g"], entry["pending_g"]) == (1, 12_500, 12_500)
    shown_board = run_cli(["leaderboard"], env=env)
    assert "12.5 *" in shown_board.stdout and "pending retirement" in shown_board.stdout
    assert run_cli(["certificate", "revoke", data["id"], "--reason", "test"], env=env).exit_code == 0
    assert run_cli(["verify", data["qr"]], env=env).exit_code == 1
    missing = run_cli(["certificate", "show", "NOPE"], env=env)
    assert missing.exit_code == 2 and "no certificate 'NOPE'" in missing.output


def test_poster_command(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "door.pdf"
    env = {"DIANDIAN_DATABASE_URL": f"sqlite:///{tmp_path / 'scenes.db'}"}
    made = [
        "scene",
        "create",
        "summit",
        "--name-zh",
        "高峰论坛",
        "--name-en",
        "Summit",
        "--type",
        "conference",
    ]
    assert run_cli(made, env=env).exit_code == 0
    args = ["poster", "summit", "--public-url", "https://dd.example.org", "--out", str(out)]
    assert run_cli(args, env=env).exit_code == 0
    assert out.read_bytes().startswith(b"%PDF")
    unknown = run_cli(["poster", "nowhere", "--out", str(out)], env=env)
    assert unknown.exit_code == 2 and "no scene 'nowhere'" in unknown.output
    bad = run_cli([*args[:-1], str(tmp_path / "door.gif")], env=env)
    assert bad.exit_code == 2 and "unknown format 'gif'" in bad.output


def test_verify_reports_unknown_then_stale_then_fresh_status(
    home: Path, static_server: tuple[str, Path], make_claims: Callable[..., Claims]
) -> None:
    url, root = static_server
    ring = KeyRing(home / "keys")  # the key ring verify trusts on this machine
    text = encode(make_claims(status_index=0), *ring.signer())
    # this machine's keys are trusted for its own issuer (diandian:local) only
    foreign = run_cli(["verify", text])
    assert foreign.exit_code == 1 and "[wrong_issuer]" in foreign.output
    # no status list of this issuer at all: the status is unknown, never "pending"
    unknown = run_cli(["verify", text, "--issuer", "diandian:test"])
    assert unknown.exit_code == EXIT_UNCONFIRMED, unknown.output
    assert "[unknown_status]" in unknown.output and "status as of: unknown" in unknown.output
    assert "pending" not in unknown.output.lower()
    # the issuer's host serves a list from 2021: genuine, but the status is stale
    old = datetime(2021, 9, 7, 12, 0, tzinfo=UTC)
    publish(
        root,
        ring.all_keys(),
        StatusList.build("diandian:test", [Status.PENDING], now=old).sign(*ring.signer()),
    )
    stale = run_cli(["verify", text, "--online", url])
    assert stale.exit_code == EXIT_UNCONFIRMED != 1, stale.output
    assert "[stale_status]" in stale.output
    assert "status as of 2021-09-07 12:00:00 UTC: STALE since 2021-09-14 12:00:00 UTC" in stale.output
    as_json = json.loads(run_cli(["verify", text, "--json"]).stdout)  # offline, from the cache
    assert (as_json["valid"], as_json["genuine"], as_json["code"]) == (False, True, "stale_status")
    assert as_json["status_as_of"] == "2021-09-07T12:00:00Z"
    # the host publishes a current list: refreshing clears the staleness
    publish(root, ring.all_keys(), StatusList.build("diandian:test", [Status.RETIRED]).sign(*ring.signer()))
    fresh = run_cli(["verify", text, "--online", url])
    assert fresh.exit_code == 0 and "[retired]" in fresh.output and "valid until" in fresh.output
    # a revocation reaches the verifier with its next refresh
    publish(root, ring.all_keys(), StatusList.build("diandian:test", [Status.REVOKED]).sign(*ring.signer()))
    assert run_cli(["verify", text]).exit_code == 0  # offline: not seen yet
    revoked = run_cli(["verify", text, "--online", url])
    assert revoked.exit_code == 1 and "[revoked]" in revoked.output


def test_publish_sets_the_status_validity(home: Path, tmp_path: Path) -> None:
    from diandian.certificates.verify import STATUS_PATH

    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    out = tmp_path / "site"
    done = run_cli(["certificate", "keys", "publish", str(out), "--valid-days", "1", "--database-url", url])
    assert done.exit_code == 0, done.output
    status = StatusList.open((out / STATUS_PATH).read_bytes(), KeyRing(home / "keys").trusted())
    assert status.expires_at - status.issued_at == timedelta(days=1)
