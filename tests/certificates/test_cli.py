"""The command line: demo then verify on the same machine, PNG input, posters, bad input, status freshness."""

from __future__ import annotations

import json
from argparse import PARSER
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
    # asked again, the order's certificate is the same one, and it says it is revoked
    again = run_cli(["certificate", "issue", "--order", order_id], env=env)
    assert again.exit_code == 0 and again.stdout.strip() == data["qr"]
    assert again.stderr == f"certificate {data['id']} is revoked (test)\n"
    again_json = json.loads(run_cli(["certificate", "issue", "--order", order_id, "--json"], env=env).stdout)
    assert (again_json["status"], again_json["reason"]) == ("revoked", "test")
    assert json.loads(shown.stdout)["reason"] is None  # one in force has no reason
    shown_revoked = run_cli(["certificate", "show", data["id"]], env=env)
    assert "revoked" in shown_revoked.stdout and "reason" in shown_revoked.stdout
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
    assert (
        bad.exit_code == 2
        and "argument --out: " in bad.stderr
        and "must end in .png, .pdf or .svg" in bad.stderr
    )
    upper = run_cli([*args[:-1], str(tmp_path / "door.SVG")], env=env)
    assert upper.exit_code == 0 and (tmp_path / "door.SVG").read_bytes().lstrip().startswith(b"<")


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
    unknown = run_cli(["verify", text], env={"DIANDIAN_ISSUER": "diandian:test"})
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


def test_months_are_written_yyyy_mm(home: Path) -> None:
    for args, error in [
        (
            ["leaderboard", "--since", "2021-13"],
            "argument --since: '2021-13' has no month 13: months are 01 to 12",
        ),
        (["leaderboard", "--since", "garbage"], "argument --since: 'garbage' is not a month written YYYY-MM"),
        (["leaderboard", "--until", "2021-1"], "argument --until: '2021-1' is not a month written YYYY-MM"),
        (
            ["leaderboard", "--until", "２０２１-01"],
            "argument --until: '２０２１-01' is not a month written YYYY-MM",
        ),
        (
            ["certificate", "life", "P", "--since", "2026"],
            "argument --since: '2026' is not a month written YYYY-MM",
        ),
        (["certificate", "life", "P", "--until", "2026-00"], "argument --until: '2026-00' has no month 00"),
        (
            ["leaderboard", "--since", "2022-01", "--until", "2021-12"],
            "argument --until: 2021-12 is before --since 2022-01",
        ),
    ]:
        refused = run_cli(args)
        assert refused.exit_code == 2 and f"error: {error}" in refused.stderr, (args, refused.output)
        assert refused.stdout == ""
    assert not home.exists()  # refused before anything was opened


def test_pages_are_checked_where_they_are_given(home: Path) -> None:
    for args, error in [
        (["--limit", "0"], "argument --limit: 0 is not in the range 1 to 500"),
        (["--limit", "501"], "argument --limit: 501 is not in the range 1 to 500"),
        (["--limit", "ten"], "argument --limit: 'ten' is not a whole number"),
        (["--offset", "-1"], "argument --offset: -1 is not in the range 0 to 1000000000"),
        (["--scene", "a", "--scene-type", "b"], "argument --scene-type: not allowed with argument --scene"),
    ]:
        refused = run_cli(["leaderboard", *args])
        assert refused.exit_code == 2 and f"diandian leaderboard: error: {error}" in refused.stderr, (
            refused.output
        )


def test_the_page_limit_is_the_boards_own() -> None:
    from diandian.cli.certificates import PAGE_LIMIT
    from diandian.visitors.leaderboard import MAX_PAGE

    assert PAGE_LIMIT == MAX_PAGE


def test_unknown_scenes_and_participants_are_named(home: Path, tmp_path: Path) -> None:
    env = {"DIANDIAN_DATABASE_URL": f"sqlite:///{tmp_path / 'ledger.db'}"}
    for args, error in [
        (
            ["leaderboard", "--scene", "nope"],
            "diandian leaderboard: error: argument --scene: no scene 'nope'",
        ),
        (["leaderboard", "--scene", ""], "diandian leaderboard: error: argument --scene: no scene ''"),
        (
            ["leaderboard", "--scene-type", "nope"],
            "diandian leaderboard: error: argument --scene-type: no scene type 'nope'",
        ),
        (
            ["leaderboard", "--participant", "nope"],
            "diandian leaderboard: error: argument --participant: no participant 'nope'",
        ),
        (
            ["certificate", "life", "nope"],
            "diandian certificate life: error: argument PARTICIPANT_ID: no participant 'nope'",
        ),
        (
            ["certificate", "issue", "--order", "ord_x", "--participant", "nope"],
            "diandian certificate issue: error: argument --participant: no participant 'nope'",
        ),
    ]:
        refused = run_cli(args, env=env)
        assert refused.exit_code == 2 and error in refused.stderr, (args, refused.output)
        assert refused.stdout == ""
    # a registered scene type and a participant with nothing yet are empty, not unknown
    assert run_cli(["leaderboard", "--scene-type", "conference", "--json"], env=env).exit_code == 0
    person = run_cli(["certificate", "participant"], env=env).stdout.strip()
    record = run_cli(["certificate", "life", person], env=env)
    assert record.exit_code == 0 and json.loads(record.stdout)["months"] == []


def test_poster_file_must_be_a_drawing(home: Path, tmp_path: Path) -> None:
    refused = run_cli(["poster", "X", "--out", "door.txt"])
    assert refused.exit_code == 2
    assert (
        "diandian poster: error: argument --out: 'door.txt' must end in .png, .pdf or .svg" in refused.stderr
    )
    assert not (tmp_path / "door.txt").exists()


def test_verify_names_a_missing_image(home: Path) -> None:
    for name in ("nofile.png", "NOFILE.JPEG", "scan.webp", "qr.gif"):
        refused = run_cli(["verify", name])
        assert (
            refused.exit_code == 2
            and f"diandian verify: error: argument QR: no file {name}\n" in refused.stderr
        )
    # QR text is never taken for a file name, even when its Base45 ends in .PNG
    text = run_cli(["verify", "DD1:ABC.PNG"])
    assert text.exit_code == 2 and "no file" not in text.output and "NOT A CERTIFICATE" in text.output
    assert not home.exists()


def test_reading_never_makes_a_signing_key(
    home: Path, tmp_path: Path, make_claims: Callable[..., Claims]
) -> None:
    key, kid = KeyRing(tmp_path / "elsewhere").signer()
    text = encode(make_claims(), key, kid)
    env = {"DIANDIAN_DATABASE_URL": f"sqlite:///{tmp_path / 'read.db'}"}
    checked = run_cli(["verify", text], env=env)
    assert checked.exit_code == 4 and "[unknown_issuer]" in checked.output  # no key of it here
    assert run_cli(["leaderboard"], env=env).exit_code == 0
    missing = run_cli(["certificate", "show", "NOPE"], env=env)
    assert missing.exit_code == 2 and "no certificate 'NOPE'" in missing.output
    listed = run_cli(["certificate", "keys", "list"], env=env)
    assert listed.exit_code == 2
    assert listed.stderr.startswith(f"error: there is no key ring in {home / 'keys'}")
    typo = run_cli(["certificate", "keys", "list", "--key-folder", str(tmp_path / "typo")])
    assert typo.exit_code == 2 and f"there is no key ring in {tmp_path / 'typo'}" in typo.stderr
    assert not (tmp_path / "typo").exists() and not (home / "keys").exists()
    # rotating makes one; listing it then works
    made = run_cli(["certificate", "keys", "rotate"]).stdout.strip()
    listed = run_cli(["certificate", "keys", "list"])
    assert listed.exit_code == 0 and made in listed.stdout and "active" in listed.stdout


def test_the_help_names_values_not_options() -> None:
    from diandian.cli import COMMANDS, command_parser
    from diandian.cli.certificates import define_certificate

    assert (define_certificate.__doc__ or "").strip() == COMMANDS["certificate"][1]
    assert "render" not in COMMANDS["certificate"][1]  # there is no such subcommand
    for name in ("certificate", "verify", "poster", "leaderboard"):
        parsers = [command_parser(name)]
        while parsers:
            parser = parsers.pop()
            for action in parser._actions:
                if action.nargs == PARSER:  # a group's subcommands
                    parsers.extend(action.choices.values())  # type: ignore[union-attr]
                if action.option_strings and action.metavar:
                    option = action.option_strings[-1].lstrip("-").replace("-", "_").upper()
                    assert action.metavar != option, (parser.prog, action.option_strings)
                if "--json" in action.option_strings:
                    assert action.help == "Print JSON (stable; see sdk_docs/cli.md)."
    assert "--issuer" not in run_cli(["verify", "--help"]).stdout  # it signs nothing
