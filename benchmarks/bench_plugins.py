"""Plugin benchmarks; each figure is printed next to a baseline measured in the same run.

    .venv/bin/python benchmarks/bench_plugins.py

1. one retail receipt of 20 lines through ``RetailCatalogue.receipt`` (target <= 30 us median)
   vs the same arithmetic as a plain Python loop over the 20 lines, with no checks;
2. one two-leg conference answer set through the engine (target <= 50 us), when the conference
   plugin is installed, vs the same arithmetic over already-resolved activities.
"""

from __future__ import annotations

import math
import statistics
import timeit
from collections.abc import Callable

import diandian
from diandian_retail import CATEGORIES, ReceiptLine, RetailCatalogue


def median_per_call(function: Callable[[], object], number: int, repeat: int = 15) -> float:
    return statistics.median(timeit.repeat(function, number=number, repeat=repeat)) / number


RECEIPT = [
    ReceiptLine("pork", 1, 520.0, 18.2),
    ReceiptLine("milk", 2, 1_000.0, 24.0),
    ReceiptLine("snacks", 3, None, 19.5),
    ReceiptLine("rice", 1, 5_000.0, 39.9),
    ReceiptLine("apples", 1, 1_200.0, 14.4),
    ReceiptLine("bakery", 2, None, 16.0),
    ReceiptLine("soft_drinks", 6, None, 21.0),
    ReceiptLine("eggs", 1, 600.0, 13.8),
    ReceiptLine("vegetables", 1, 850.0, 6.8),
    ReceiptLine("tofu", 2, 400.0, 7.0),
    ReceiptLine("beer", 4, None, 26.0),
    ReceiptLine("poultry", 1, 1_100.0, 27.5),
    ReceiptLine("cheese", 1, 200.0, 32.0),
    ReceiptLine("coffee", 1, 250.0, 58.0),
    ReceiptLine("bottled_water", 12, None, 18.0),
    ReceiptLine("paper_goods", 2, 300.0, 15.9),
    ReceiptLine("clothing", 1, 350.0, 99.0),
    ReceiptLine("canned_food", 3, None, 22.5),
    ReceiptLine("fish", 1, 700.0, 35.0),
    ReceiptLine("bag_plastic_film", 2, None, 0.6),
]


def retail_receipt(engine: diandian.Engine) -> tuple[float, float, int]:
    catalogue = RetailCatalogue(engine)
    grams_per_unit = catalogue._grams
    # the baseline: each line's factor already chosen, then only multiply, round up and add
    chosen = []
    for line in RECEIPT:
        entry = CATEGORIES[line.category]
        if entry.per_item:
            chosen.append((entry.per_item, line.quantity, None, None))
        elif line.grams is not None and entry.per_kg:
            chosen.append((entry.per_kg, line.quantity, line.grams, None))
        else:
            chosen.append((entry.per_cny, None, None, line.price_cny))

    def plain_loop() -> int:
        total = 0
        for key, quantity, grams, price in chosen:
            amount = (
                price
                if grams is None and quantity is None
                else (grams / 1000.0 * quantity if grams is not None else quantity)
            )
            total += math.ceil(round(amount * grams_per_unit[key], 6))
        return total

    result = catalogue.receipt(RECEIPT)
    assert result.grams == plain_loop() == catalogue.footprint(RECEIPT).grams
    return (
        median_per_call(lambda: catalogue.receipt(RECEIPT), 2_000),
        median_per_call(plain_loop, 2_000),
        result.grams,
    )


def conference_answers(engine: diandian.Engine) -> tuple[float, float] | None:
    if "conference" not in engine.host.scene_types:
        return None
    answers = engine.host.scene_types["conference"].example_answers
    footprint = engine.footprint("conference", answers)
    resolved = [(line.activity.quantity, line.factor.grams) for line in footprint.lines]

    def plain_loop() -> int:
        return sum(math.ceil(round(quantity * grams, 6)) for quantity, grams in resolved)

    assert plain_loop() == footprint.grams
    return median_per_call(lambda: engine.footprint("conference", answers), 1_000), median_per_call(
        plain_loop, 5_000
    )


def main() -> None:
    engine = diandian.Engine()
    receipt, baseline, grams = retail_receipt(engine)
    print(f"retail receipt, 20 lines ({grams} g): {receipt * 1e6:.1f} us per receipt (target <= 30 us)")
    print(
        f"  baseline, plain Python loop over the same 20 lines: {baseline * 1e6:.1f} us; ratio {receipt / baseline:.1f}x"
    )
    conference = conference_answers(engine)
    if conference is None:
        print("conference answer set: conference plugin not installed")
        return
    through_engine, plain = conference
    print(
        f"conference answer set (example, through the engine): {through_engine * 1e6:.1f} us (target <= 50 us)"
    )
    print(
        f"  baseline, plain Python loop over its resolved lines: {plain * 1e6:.1f} us; ratio {through_engine / plain:.1f}x"
    )


if __name__ == "__main__":
    main()
