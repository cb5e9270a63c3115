"""The value types of the command line (``diandian.cli.arguments``): a refused value is named by
its option, with the reason, before anything runs or is written."""

from __future__ import annotations

import datetime as dt
import os
from argparse import ArgumentTypeError
from pathlib import Path

import pytest
from diandian.cli import arguments
from diandian.testing import run_cli


def refused(argv: list[str]) -> str:
    """What ``diandian ARGV`` says on stderr, checking that it is bad input and printed nothing else."""
    result = run_cli(argv)
    assert (result.exit_code, result.stdout) == (2, ""), result.output
    assert "Traceback" not in result.output
    return result.stderr


def test_a_file_to_write_needs_its_folder(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such"
    said = refused(["poster", "summit", "--out", str(missing / "door.png")])
    assert f"diandian poster: error: argument --out: no folder {missing}\n" in said
    assert not missing.exists()


def test_a_file_to_write_is_not_a_folder_nor_under_a_file(tmp_path: Path) -> None:
    said = refused(["poster", "summit", "--out", str(tmp_path)])
    assert f"argument --out: {str(tmp_path)!r} is a folder, not a file" in said
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x")
    said = refused(["poster", "summit", "--out", str(a_file / "door.png")])
    assert (
        f"argument --out: {str(a_file / 'door.png')!r} cannot be written: {str(a_file)!r} is a file" in said
    )


def test_an_output_folder_is_refused_with_a_file_on_its_way(tmp_path: Path) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x")
    wanted = str(a_file / "out" / "more")
    said = refused(["demo", "--out", wanted])
    assert (
        f"diandian demo: error: argument --out: {wanted!r} cannot be written: {str(a_file)!r} is a file"
        in said
    )
    said = refused(["new-plugin", "stadium", "-d", wanted])
    assert f"diandian new-plugin: error: argument -d/--directory: {wanted!r} cannot be written" in said
    assert "argument --out: an empty folder name" in refused(["demo", "--out", ""])


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write in any folder")
def test_an_output_folder_must_be_writable(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        said = refused(["demo", "--out", str(locked / "out")])
    finally:
        locked.chmod(0o700)
    assert f"cannot be written: no permission to write in {str(locked)!r}" in said


def test_an_output_folder_is_made_with_its_parents(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "stadium"
    made = run_cli(["new-plugin", "stadium", "-d", str(target), "--json"])
    assert made.exit_code == 0, made.output
    assert (target / "pyproject.toml").is_file()


@pytest.mark.parametrize(
    "value", ["2025-3-1", "2025-03-1", "20250301", "2025-W10-1", "2025-02-30", " 2025-03-01"]
)
def test_a_date_is_written_yyyy_mm_dd(value: str) -> None:
    with pytest.raises(ArgumentTypeError, match="is not a date written YYYY-MM-DD"):
        arguments.date(value)
    said = refused(["scene", "list", "--on", value])
    assert f"diandian scene list: error: argument --on: {value!r} is not a date written YYYY-MM-DD" in said


def test_a_date_written_yyyy_mm_dd_is_read() -> None:
    assert arguments.date("2025-03-01") == dt.date(2025, 3, 1)


def test_every_date_option_of_scene_create_is_checked() -> None:
    base = ["scene", "create", "expo", "--name-zh", "博览会", "--name-en", "Expo", "--type", "conference"]
    assert "argument --starts: '2025-3-1'" in refused([*base, "--starts", "2025-3-1"])
    assert "argument --ends: '2025-3-31'" in refused([*base, "--ends", "2025-3-31"])


@pytest.mark.parametrize("option", ["--text", "--city", "--organiser"])
def test_an_empty_filter_of_scene_list_is_refused(option: str) -> None:
    said = refused(["scene", "list", option, ""])
    assert f"diandian scene list: error: argument {option}: must not be empty" in said


def test_an_empty_host_is_refused() -> None:
    assert "diandian serve: error: argument --host: must not be empty" in refused(["serve", "--host", ""])
