"""The footprint's JSON (``diandian footprint --json``, exports) carries each factor's method
note in both languages, as the pages and the API do."""

from __future__ import annotations

import json

from diandian.testing import run_cli


def test_each_line_carries_its_method_note_in_english_and_chinese() -> None:
    shown = run_cli(["footprint", "restaurant", "--example", "--json"])
    assert shown.exit_code == 0, shown.stderr
    factors = {line["activity"]: line["factor"] for line in json.loads(shown.stdout)["lines"]}
    meal = factors["food.meal.vegetarian"]
    assert meal["method"].startswith("French meal composition, life cycle (Agribalyse 3.2)")
    assert meal["method_zh"].startswith("法国餐食构成，生命周期排放（Agribalyse 3.2）")
