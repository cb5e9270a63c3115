"""The ``diandian`` command as a user runs it: a real subprocess, stdout, stderr and exit status."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def diandian(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "diandian", *args], capture_output=True, text=True, input=stdin, timeout=120
    )


def test_plugins_json_lists_the_hotel_plugin_from_its_entry_point() -> None:
    result = diandian("plugins", "--json")
    assert result.returncode == 0, result.stderr
    plugins = {p["name"]: p for p in json.loads(result.stdout)["plugins"]}
    assert plugins["hotel"]["distribution"] == "diandian"
    assert plugins["hotel"]["scene_types"] == ["hotel"]


def test_footprint_example_json_prints_lines_with_grams_and_sources() -> None:
    result = diandian("footprint", "hotel", "--example", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["grams"] == 107_000
    (line,) = data["lines"]
    assert line["grams"] == 107_000
    assert line["factor"]["source"]["publisher"] == "UK DESNZ & Defra"
    assert line["factor"]["quality"] == "sourced"


def test_footprint_from_a_file_and_from_stdin(tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"rooms": 1, "nights": 1, "country": "JP"}))
    assert json.loads(diandian("footprint", "hotel", str(answers), "--json").stdout)["grams"] == 39_000
    piped = diandian("footprint", "hotel", "-", "--json", stdin='{"nights": 1, "country": "FR"}')
    assert json.loads(piped.stdout)["grams"] == 6_700


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ('{"nights": -2}', "nights: must be at least 1"),
        ('{"nights": NaN}', "nights: NaN is not a finite number [not_finite]"),
        ('{"nights": 1, "country": "Atlantis"}', "country: "),
        ("[", "is not JSON"),
        ('{"nights": 2, "nights": 300}', "nights: key 'nights' appears more than once [duplicate_key]"),
        ('{"nights": ' + "9" * 4300 + "}", "nights: a number 4300 characters long"),
        ('{"rooms": ' + "[" * 10_000 + "]" * 10_000 + ', "nights": 2}', "nests arrays/objects 10001 deep"),
        (b'{"nights": 2, "country": "J\xff"}', "is not UTF-8"),
    ],
)
def test_bad_answers_exit_2_naming_the_field(tmp_path: Path, answers: str | bytes, expected: str) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(answers if isinstance(answers, bytes) else answers.encode())
    result = diandian("footprint", "hotel", str(path), "--json")
    assert result.returncode == 2
    assert expected in result.stderr
    assert result.stdout == ""


def test_missing_answers_file_exits_2_naming_it(tmp_path: Path) -> None:
    result = diandian("footprint", "hotel", str(tmp_path / "absent.json"))
    assert result.returncode == 2
    assert "no such file" in result.stderr and "absent.json" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_scene_type_exits_2() -> None:
    result = diandian("footprint", "cinema", "--example")
    assert result.returncode == 2
    assert "unknown scene type 'cinema'" in result.stderr


def test_questionnaire_renders_in_both_languages_and_as_schema() -> None:
    zh = diandian("questionnaire", "hotel", "--lang", "zh-CN")
    assert zh.returncode == 0 and "晚数" in zh.stdout
    en = diandian("questionnaire", "hotel")
    assert "Nights" in en.stdout
    schema = json.loads(diandian("questionnaire", "hotel", "--json-schema").stdout)
    assert schema["properties"]["nights"]["maximum"] == 365


def test_factors_search_shows_sources() -> None:
    data = json.loads(diandian("factors", "--search", "china", "--json").stdout)
    china = next(f for f in data if f["activity"] == "lodging.room_night" and f["region"] == "CN")
    assert china["kg_co2e_per_unit"] == 53.5
    assert china["source"]["document"].startswith("UK Government GHG Conversion Factors")


@pytest.mark.parametrize(
    ("args", "where"),
    [
        (["ledger", "buy", "1kg", "--beneficiary", b"Lin\xff"], "--beneficiary"),
        (["ledger", "buy", b"--beneficiary=Lin\xff", "1kg"], "--beneficiary"),
        (["certificate", "participant", b"Lin\xff"], "argument 3"),
        (["certificate", "issue", "--order", b"\xff\xfe"], "--order"),
    ],
)
def test_arguments_that_are_not_utf8_exit_2_naming_the_option(
    tmp_path: Path, args: list[str | bytes], where: str
) -> None:
    """Real argv bytes, as a shell passes $'Lin\\xff': refused before any command runs."""
    env = {"DIANDIAN_DATABASE_URL": f"sqlite:///{tmp_path}/l.db", "DIANDIAN_HOME": str(tmp_path / "home")}
    command = [
        sys.executable.encode(),
        b"-m",
        b"diandian",
        *(a if isinstance(a, bytes) else a.encode() for a in args),
    ]
    result = subprocess.run(command, capture_output=True, timeout=120, env={**os.environ, **env})
    assert result.returncode == 2, result.stderr
    assert f"{where}: ".encode() in result.stderr and b"not UTF-8" in result.stderr
    assert b"Traceback" not in result.stderr
    assert not (tmp_path / "l.db").exists()


def _fake_plugins(root: Path, dist: str, modules: dict[str, str], entry_points: dict[str, str]) -> None:
    for module, source in modules.items():
        (root / f"{module}.py").write_text(source)
    info = root / f"{dist}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n")
    lines = "\n".join(f"{k} = {v}" for k, v in entry_points.items())
    (info / "entry_points.txt").write_text(f"[diandian]\n{lines}\n")


def test_failed_plugins_are_named_and_plugins_exits_1(tmp_path: Path) -> None:
    _fake_plugins(
        tmp_path,
        "quitter",
        {"quitter_mod": "import sys\nsys.exit(1)\n", "broken_mod": "raise RuntimeError('boom')\n"},
        {"quitter": "quitter_mod", "kiosk": "broken_mod"},
    )
    _fake_plugins(tmp_path, "impostor", {"impostor_mod": "\n"}, {"hotel": "impostor_mod"})
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "diandian", *args]
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)

    listed = run("plugins", "--json")
    assert listed.returncode == 1, listed.stderr
    errors = {(e["plugin"], e["distribution"]): e["error"] for e in json.loads(listed.stdout)["errors"]}
    assert "SystemExit" in errors["quitter", "quitter"] and "boom" in errors["kiosk", "quitter"]
    assert "'diandian'" in errors["hotel", "impostor"]
    assert run("plugins").returncode == 1
    footprint = run("footprint", "hotel", "--example", "--json")
    assert footprint.returncode == 0 and json.loads(footprint.stdout)["grams"] == 107_000
    kiosk = run("footprint", "kiosk", "--example")
    assert kiosk.returncode == 2 and "plugin 'kiosk' (distribution quitter)" in kiosk.stderr
    assert "boom" in kiosk.stderr


def test_a_reader_that_stops_early_gets_no_traceback() -> None:
    # `diandian factors --json | head -1`: the factor list is far larger than a pipe's buffer
    command = [sys.executable, "-m", "diandian", "factors", "--json"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as running:
        assert running.stdout is not None and running.stderr is not None
        assert running.stdout.readline() == b"[\n"
        running.stdout.close()
        errors = running.stderr.read()
        status = running.wait(timeout=120)
    assert errors == b"" and status == 141  # as a shell reports SIGPIPE; 1 would read "not valid"
