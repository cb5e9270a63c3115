"""Settings from the environment and flags; the thin CLI over the platform; a light start-up."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from diandian.cli.arguments import FLAGS
from diandian.errors import ValidationFailed
from diandian.settings import Settings
from diandian.testing import run_cli


def test_settings_come_from_flags_then_environment_then_defaults(tmp_path: Path) -> None:
    env = {
        "DIANDIAN_DATABASE_URL": "sqlite:///env.db",
        "DIANDIAN_ISSUER": "https://env.example",
        "DIANDIAN_HOME": str(tmp_path),
        "DIANDIAN_LANGUAGE": "zh-CN",
    }
    settings = Settings.load(env, {"database_url": "sqlite:///flag.db", "issuer": None})
    assert settings.database_url == "sqlite:///flag.db"  # the flag wins
    assert settings.issuer == "https://env.example"  # None means "not given"
    assert settings.language == "zh-CN" and settings.payment_provider == "sandbox"
    assert settings.keys_path == tmp_path / "keys" and settings.offset_provider == "ledger"
    assert Settings.load({}).database_url == "sqlite:///diandian.db"


def test_bad_settings_name_the_field_and_where_it_came_from() -> None:
    with pytest.raises(ValidationFailed) as caught:
        Settings.load({"DIANDIAN_STATUS_VALID_DAYS": "soon", "DIANDIAN_LANGUAGE": "fr"})
    paths = {p.path: p.message for p in caught.value.problems}
    assert "$DIANDIAN_STATUS_VALID_DAYS" in paths["status_valid_days"]
    with pytest.raises(ValidationFailed, match="language"):
        Settings.load({"DIANDIAN_LANGUAGE": "fr"})
    with pytest.raises(ValidationFailed, match="database_url"):
        Settings.load({}, {"database_url": "diandian.db"})


def test_every_cli_flag_is_a_setting() -> None:
    import attrs

    assert set(FLAGS) <= {field.name for field in attrs.fields(Settings)}


def test_scene_create_list_show_and_refusals(tmp_path: Path) -> None:
    env = {"DIANDIAN_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}", "DIANDIAN_HOME": str(tmp_path)}
    made = run_cli(
        [
            *("scene", "create", "cdcn-summit-2021", "--name-zh", "首届中国数字碳中和高峰论坛"),
            *("--name-en", "First China Digital Carbon Neutrality Summit", "--type", "conference"),
            *("--city", "成都", "--starts", "2021-09-07", "--ends", "2021-09-07", "--json"),
        ],
        env=env,
    )
    assert made.exit_code == 0, made.output
    [stored] = json.loads(made.stdout)
    assert stored["place"]["region"] == "CN-51" and stored["starts"] == "2021-09-07"
    listed = json.loads(run_cli(["scene", "list", "--city", "成都", "--json"], env=env).stdout)
    assert [s["id"] for s in listed] == ["cdcn-summit-2021"]
    shown = run_cli(
        ["scene", "show", "cdcn-summit-2021", "--public-url", "https://dd.example", "--json"], env=env
    )
    assert json.loads(shown.stdout)["door_url"] == "https://dd.example/s/cdcn-summit-2021"
    bad = run_cli(
        ["scene", "create", "Bad Slug", "--name-zh", "x", "--name-en", "x", "--type", "nope"], env=env
    )
    assert bad.exit_code == 2 and "id:" in bad.stderr and "scene_types.0:" in bad.stderr
    assert "Traceback" not in bad.output
    wrong = run_cli(["scene", "list"], env={**env, "DIANDIAN_LANGUAGE": "fr"})
    assert wrong.exit_code == 2 and "language" in wrong.stderr


def test_help_loads_no_plugin_and_no_database_library() -> None:
    code = (
        "import sys\n"
        "from diandian.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = ('sqlalchemy', 'pluggy', 'diandian.plugins', 'diandian.footprint', 'alembic', 'psycopg')\n"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "scene" in result.stdout and result.stderr.strip() == "[]"


@pytest.mark.parametrize(
    ("url", "code", "why"),
    [
        ("bogus://x", "unknown_dialect", "'bogus' is not a database SQLAlchemy knows"),
        ("postgresql+nodriver://h/db", "unknown_dialect", "'postgresql+nodriver' is not a database"),
        (
            "sqlite:////nonexistent/x.db",
            "no_folder",
            "no folder /nonexistent for the SQLite file /nonexistent/x.db",
        ),
        ("sqlite:///~/x.db", "no_folder", "no folder ~ for the SQLite file ~/x.db"),  # SQLite reads no ~
        ("diandian.db", "format", "must be a URL such as sqlite:///diandian.db"),
    ],
)
def test_a_database_url_that_cannot_open_is_named_with_why(url: str, code: str, why: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        Settings.load({"DIANDIAN_DATABASE_URL": url})
    [problem] = caught.value.problems
    assert (problem.path, problem.code) == ("database_url", code)
    assert problem.message.startswith(why) and problem.message.endswith("(from $DIANDIAN_DATABASE_URL)")
    shown = run_cli(["ledger", "projects", "--database-url", url])
    assert (shown.exit_code, shown.stdout) == (2, "")
    assert shown.stderr.startswith(f"error: invalid settings:\n  database_url: {why}")
    assert shown.stderr.endswith(f" (from --database-url) [{code}]\n")


def test_a_database_url_that_can_open_is_kept(tmp_path: Path) -> None:
    for url in ("sqlite://", "sqlite:///:memory:", f"sqlite:///{tmp_path / 'new.db'}"):
        assert Settings.load({}, {"database_url": url}).database_url == url
    assert not (tmp_path / "new.db").exists()  # checking makes nothing


def test_scene_list_keeps_each_id_on_one_line(tmp_path: Path) -> None:
    env = {"DIANDIAN_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}", "COLUMNS": "60"}
    slug = "first-china-digital-carbon-neutrality-summit-2021"
    made = run_cli(
        [*("scene", "create", slug, "--name-zh", "峰会"), *("--name-en", "Summit", "--type", "hotel")],
        env=env,
    )
    assert made.exit_code == 0, made.output
    listed = run_cli(["scene", "list"], env=env)
    assert listed.exit_code == 0 and f"│ {slug} │" in listed.stdout


def test_a_database_whose_driver_is_missing_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as without the postgres extra
    with pytest.raises(ValidationFailed) as caught:
        Settings.load({}, {"database_url": "postgresql://u@h/db"}, {"database_url": "--database-url"})
    assert [str(p) for p in caught.value.problems] == [
        "database_url: 'postgresql' needs the driver psycopg, which is not installed"
        " (pip install 'diandian[postgres]') (from --database-url) [no_driver]"
    ]
