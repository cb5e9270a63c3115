"""Whatever a person types after a read-only command, the command line answers with an exit
status and a message, never a traceback: hypothesis draws argument lists from the commands'
own options mixed with odd values (empty, negative, huge, not dates, control characters)."""

from __future__ import annotations

from pathlib import Path

import pytest
from diandian.testing import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# commands that read, each with the options and values a person might try
COMMANDS = {
    "plugins": ["--all", "--json"],
    "questionnaire": ["hotel", "conference", "spa", "--lang", "en", "zh-CN", "--json-schema"],
    "factors": ["--search", "hotel", "--json", "--lang", "zh-CN"],
    "footprint": ["hotel", "hotel,restaurant", "--example", "--place", "成都", "--json", "--scene", "--lang"],
    "verify": ["DD1:", "--json", "nofile.png"],
    "leaderboard": [
        "--scene",
        "--scene-type",
        "hotel",
        "--since",
        "--until",
        "2024-05",
        "--limit",
        "--offset",
        "--participant",
        "--json",
    ],
    "scene": ["list", "show", "--text", "--city", "--on", "2025-03-01", "--json"],
    "ledger": ["projects", "orders", "order", "--status", "paid", "--limit", "--scene", "--json"],
}
ODD = st.sampled_from(
    ["", "-", "--", "0", "-5", "10" * 30, "2021-13", "2025-3-1", "x\ty", "nope", "1e309", "🙂"]
)


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    name = draw(st.sampled_from(sorted(COMMANDS)))
    words = st.one_of(st.sampled_from(COMMANDS[name]), ODD, st.text(max_size=12))
    return [name, *draw(st.lists(words, max_size=6))]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(args=command_lines())
def test_no_argument_list_gives_a_traceback(home: Path, args: list[str]) -> None:
    env = {"DIANDIAN_HOME": str(home), "DIANDIAN_DATABASE_URL": f"sqlite:///{home / 'd.db'}"}
    shown = run_cli(args, env=env)  # anything but SystemExit would propagate and fail here
    assert shown.exit_code in (0, 1, 2, 3, 4), (args, shown.output)
    if shown.exit_code == 2:  # bad input is said: an error on stderr, or verify's verdict
        said = shown.stderr + shown.stdout
        assert "error" in said or "NOT A CERTIFICATE" in said or '"code"' in said, (args, shown.output)
