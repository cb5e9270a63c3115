"""The ``diandian`` command as a user runs it: a real subprocess, stdout, stderr and exit status."""

import json
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
        ('{"nights": NaN}', "not valid JSON"),
        ('{"nights": 1, "country": "Atlantis"}', "country: "),
        ("[", "not valid JSON"),
    ],
)
def test_bad_answers_exit_2_naming_the_field(tmp_path: Path, answers: str, expected: str) -> None:
    path = tmp_path / "a.json"
    path.write_text(answers)
    result = diandian("footprint", "hotel", str(path), "--json")
    assert result.returncode == 2
    assert expected in result.stderr
    assert result.stdout == ""


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
