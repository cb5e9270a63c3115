"""The command line: demo then verify on the same machine, PNG input, posters, bad input."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from diandian.cli import cli


def test_demo_then_verify_offline(home: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "out"
    result = runner.invoke(cli, ["certificate", "demo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    qr = result.stdout.strip().splitlines()[-1]
    assert qr.startswith("DD1:")
    names = sorted(p.name.split("-")[0] for p in out.iterdir())
    assert names.count("certificate") == 6 and names.count("share") == 2 and names.count("poster") == 3
    checked = runner.invoke(cli, ["verify", qr])
    assert checked.exit_code == 0, checked.output
    assert "VALID" in checked.output and "pending" in checked.output and "38.2 kg CO2e" in checked.output
    png = next(out.glob("certificate-*-zh-CN.png"))
    assert runner.invoke(cli, ["verify", str(png)]).exit_code == 0
    # the key ring on disk is owner-only
    assert all(p.stat().st_mode & 0o077 == 0 for p in (home / "keys").glob("*.pem"))


def test_verify_refuses_with_a_reason(home: Path) -> None:
    runner = CliRunner()
    for text, reason in [
        ("hello", "wrong_prefix"),
        ("DD1:%%%%", "not_base45"),
        ("DD1:" + "A" * 9000, "too_long"),
    ]:
        result = runner.invoke(cli, ["verify", text])
        assert result.exit_code == 1 and reason in result.output and "Traceback" not in result.output


def test_issue_show_revoke_and_boards(home: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    env = {"DIANDIAN_DATABASE_URL": url}
    assert runner.invoke(cli, ["ledger", "demo"], env=env).exit_code == 0
    bought = runner.invoke(
        cli, ["ledger", "buy", "12.5kg", "--project", "demo-cdcer-forest", "--json"], env=env
    )
    assert bought.exit_code == 0, bought.output
    import json

    order_id = json.loads(bought.stdout)["order"]["order_id"]
    person = runner.invoke(cli, ["certificate", "participant", "Lin", "--listed"], env=env).stdout.strip()
    issued = runner.invoke(
        cli, ["certificate", "issue", "--order", order_id, "--participant", person, "--json"], env=env
    )
    assert issued.exit_code == 0, issued.output
    data = json.loads(issued.stdout)
    assert data["status"] == "pending-retirement" and data["neutralised_g"] == 12_500
    shown = runner.invoke(cli, ["certificate", "show", data["qr"], "--json"], env=env)
    assert json.loads(shown.stdout)["id"] == data["id"]
    board = runner.invoke(cli, ["leaderboard", "--json", "--participant", person], env=env)
    assert json.loads(board.stdout)["entries"][0]["pending_g"] == 12_500
    assert (
        runner.invoke(cli, ["certificate", "revoke", data["id"], "--reason", "test"], env=env).exit_code == 0
    )
    assert runner.invoke(cli, ["verify", data["qr"]], env=env).exit_code == 1
    missing = runner.invoke(cli, ["certificate", "show", "NOPE"], env=env)
    assert missing.exit_code == 2 and "no certificate 'NOPE'" in missing.output


def test_poster_command(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "door.pdf"
    args = ["poster", "summit", "--name-zh", "高峰论坛", "--name-en", "Summit", "--out", str(out)]
    assert CliRunner().invoke(cli, args).exit_code == 0
    assert out.read_bytes().startswith(b"%PDF")
    bad = CliRunner().invoke(cli, [*args[:-1], str(tmp_path / "door.gif")])
    assert bad.exit_code == 2 and "unknown format 'gif'" in bad.output
