"""``diandian serve``: ``--check`` sets up, seeds with ``--demo`` (once) and asks for the pages."""

from __future__ import annotations

from diandian.testing import run_cli


def test_serve_check_seeds_the_demo_once_and_answers(tmp_path, monkeypatch):
    monkeypatch.setenv("DIANDIAN_HOME", str(tmp_path / "home"))
    url = f"sqlite:///{tmp_path / 'web.db'}"
    for _ in range(2):
        result = run_cli(["serve", "--demo", "--check", "--database-url", url])
        assert result.exit_code == 0, result.output
        assert "/s/cdcn-summit-2021: 200" in result.output


def test_serve_names_a_bad_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("DIANDIAN_HOME", str(tmp_path / "home"))
    result = run_cli(["serve", "--check", "--database-url", "nonsense"])
    assert result.exit_code == 2 and "database_url" in result.output
