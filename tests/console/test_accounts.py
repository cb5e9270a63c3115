"""Accounts: sign-up checks, Argon2id at rest, sessions, rate-limited sign-in, password reset
through the outbox, operators from the CLI, and the action trail."""

from __future__ import annotations

import re

import pytest
from diandian import db
from diandian.accounts import (
    LIMITS,
    AccountRole,
    Accounts,
    RateLimited,
    SignInRefused,
)
from diandian.accounts import (
    accounts as accounts_table,
)
from diandian.errors import ValidationFailed
from diandian.testing import run_cli

from .conftest import Clock

PASSWORD = "correct horse battery"


def test_sign_up_names_every_bad_field(accounts: Accounts) -> None:
    with pytest.raises(ValidationFailed) as caught:
        accounts.sign_up("not-an-email", "short", "  ")
    assert {p.path for p in caught.value.problems} == {"email", "password", "display_name"}
    accounts.sign_up("Ada@Example.org", PASSWORD, "Ada")
    with pytest.raises(ValidationFailed) as taken:
        accounts.sign_up("ada@example.org ", PASSWORD, "Ada again")
    assert [(p.path, p.code) for p in taken.value.problems] == [("email", "taken")]


def test_password_is_argon2id_at_rest_and_sessions_are_hashed(accounts: Accounts) -> None:
    made = accounts.sign_up("ada@example.org", PASSWORD, "Ada")
    assert made.role is AccountRole.ORGANISER and made.account_id.startswith("acc_")
    with db.read(accounts.database) as conn:
        stored = conn.execute(accounts_table.select()).one().password_hash
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    signed = accounts.sign_in("ADA@example.org", PASSWORD, client="10.0.0.1")
    assert accounts.session(signed.token) == made
    with db.read(accounts.database) as conn:
        kept = conn.exec_driver_sql("SELECT token_hash FROM account_sessions").scalars().all()
    assert kept and signed.token not in kept
    accounts.sign_out(signed.token)
    assert accounts.session(signed.token) is None
    assert accounts.session("forged") is None and accounts.session(None) is None


def test_sessions_expire(accounts: Accounts, clock: Clock) -> None:
    accounts.sign_up("ada@example.org", PASSWORD, "Ada")
    token = accounts.sign_in("ada@example.org", PASSWORD).token
    clock.advance(days=13)
    assert accounts.session(token) is not None
    clock.advance(days=2)
    assert accounts.session(token) is None


def test_sign_in_is_rate_limited_in_the_database(accounts: Accounts, clock: Clock) -> None:
    accounts.sign_up("ada@example.org", PASSWORD, "Ada")
    with pytest.raises(SignInRefused):
        accounts.sign_in("nobody@example.org", PASSWORD)
    for _ in range(LIMITS["email"]):
        with pytest.raises(SignInRefused):
            accounts.sign_in("ada@example.org", "wrong password!")
    # a second service over the same database (another worker) sees the same counters
    other = Accounts(accounts.database, hasher=accounts.hasher, clock=clock)
    with pytest.raises(RateLimited) as limited:
        other.sign_in("ada@example.org", PASSWORD)
    assert 0 < limited.value.retry_after <= 15 * 60 + 1
    clock.advance(minutes=16)
    assert other.sign_in("ada@example.org", PASSWORD).account.email == "ada@example.org"


def test_many_accounts_from_one_client_are_limited(accounts: Accounts) -> None:
    for n in range(LIMITS["client"]):
        with pytest.raises(SignInRefused):
            accounts.sign_in(f"guess{n}@example.org", "wrong password!", client="203.0.113.9")
    with pytest.raises(RateLimited):
        accounts.sign_in("guess-last@example.org", "wrong password!", client="203.0.113.9")
    with pytest.raises(SignInRefused):  # another client is not blocked
        accounts.sign_in("guess-last@example.org", "wrong password!", client="198.51.100.7")


def test_password_reset_through_the_outbox(accounts: Accounts, clock: Clock) -> None:
    made = accounts.sign_up("ada@example.org", PASSWORD, "Ada")
    old_session = accounts.sign_in("ada@example.org", PASSWORD).token
    accounts.request_reset("nobody@example.org", "https://dd.example/console/reset")  # silent
    accounts.request_reset("ada@example.org", "https://dd.example/console/reset")
    (message,) = accounts.outbox()
    assert message.recipient == "ada@example.org"
    token = re.search(r"token=([\w-]+)", message.body)
    assert token is not None
    with pytest.raises(ValidationFailed) as weak:
        accounts.reset_password(token[1], "short")
    assert weak.value.problems[0].path == "password"
    assert accounts.reset_password(token[1], "a brand new passphrase") == made
    assert accounts.session(old_session) is None  # every session ended
    with pytest.raises(ValidationFailed) as reused:
        accounts.reset_password(token[1], "another new passphrase")
    assert reused.value.problems[0].path == "token"
    with pytest.raises(SignInRefused):
        accounts.sign_in("ada@example.org", PASSWORD)
    assert accounts.sign_in("ada@example.org", "a brand new passphrase").account == made


def test_reset_links_expire(accounts: Accounts, clock: Clock) -> None:
    accounts.sign_up("ada@example.org", PASSWORD, "Ada")
    accounts.request_reset("ada@example.org", "https://dd.example/console/reset")
    token = re.search(r"token=([\w-]+)", accounts.outbox()[0].body)
    assert token is not None
    clock.advance(hours=2)
    with pytest.raises(ValidationFailed):
        accounts.reset_password(token[1], "a brand new passphrase")


def test_action_trail_records_who_and_when(accounts: Accounts, clock: Clock) -> None:
    ada = accounts.sign_up("ada@example.org", PASSWORD, "Ada")
    accounts.record(ada, "scene.create", "scene:s1", {"name_en": "Summit"})
    clock.advance(minutes=1)
    accounts.record(ada, "order.pay", "order:o1", {"grams": 38200})
    newest, oldest = accounts.actions(account_id=ada.account_id)
    assert (newest.action, newest.subject, newest.detail) == ("order.pay", "order:o1", {"grams": 38200})
    assert newest.at > oldest.at and oldest.role == "organiser"
    assert [a.action for a in accounts.actions(subject="scene:s1")] == ["scene.create"]


def test_operator_create_from_the_cli(tmp_path: object) -> None:
    url = f"sqlite:///{tmp_path}/ops.db"
    made = run_cli(
        [
            "operator",
            "create",
            "--email",
            "ops@example.org",
            "--name",
            "Ops",
            "--password-stdin",
            "--database-url",
            url,
        ],
        input=PASSWORD + "\n",
    )
    assert made.exit_code == 0, made.output
    found = Accounts(db.connect(url)).by_email("ops@example.org")
    assert found is not None and found.role is AccountRole.OPERATOR
    weak = run_cli(
        [
            "operator",
            "create",
            "--email",
            "ops2@example.org",
            "--name",
            "Ops",
            "--password-stdin",
            "--database-url",
            url,
        ],
        input="short\n",
    )
    assert weak.exit_code == 2 and "password" in weak.output


def test_operator_create_at_a_terminal_asks_twice(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """At a terminal the password is asked unechoed until given, then again to confirm; two
    different answers start over."""
    import io
    import sys

    from diandian.cli import main

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    answers = iter(["", PASSWORD, "correct horse battery staple", PASSWORD, PASSWORD])
    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    url = f"sqlite:///{tmp_path}/ops.db"
    args = ["operator", "create", "--email", "ops@example.org", "--name", "Ops", "--database-url", url]
    assert main(args) == 0
    said = capsys.readouterr()
    assert said.err == "error: the two entered values do not match\n" and "created" in said.out
    assert next(answers, None) is None
    assert Accounts(db.connect(url)).sign_in("ops@example.org", PASSWORD).account.role is AccountRole.OPERATOR


def test_operator_create_errors_are_said_once_and_no_terminal_is_refused(tmp_path: object) -> None:
    """A real process: a taken e-mail is said once on stderr (exit 2); without --password-stdin
    and without a terminal the command refuses in one line, no GetPassWarning, no account."""
    import os
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path}/ops.db"
    env = {**os.environ, "DIANDIAN_DATABASE_URL": url, "DIANDIAN_HOME": str(tmp_path)}
    command = [sys.executable, "-m", "diandian", "operator", "create", "--email", "ops@example.org"]
    command += ["--name", "Ops"]

    def run(*extra: str, stdin: str | None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            command + list(extra),
            input=stdin,
            stdin=subprocess.DEVNULL if stdin is None else None,
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )

    assert run("--password-stdin", stdin=PASSWORD + "\n").returncode == 0
    taken = run("--password-stdin", stdin=PASSWORD + "\n")
    assert taken.returncode == 2 and taken.stdout == ""
    assert taken.stderr.count("already has an account") == 1, taken.stderr
    blind = run(stdin=None)
    assert blind.returncode == 2 and blind.stdout == ""
    assert blind.stderr == "error: no terminal to read the password from: use --password-stdin\n"
    assert Accounts(db.connect(url)).find(AccountRole.OPERATOR)[0].email == "ops@example.org"
    assert len(Accounts(db.connect(url)).find()) == 1
