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
