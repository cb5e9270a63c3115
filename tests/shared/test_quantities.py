"""One way of showing kilograms CO2e: pages, certificates, share cards, charts and commands."""

from __future__ import annotations

import pytest
from diandian.units import kilograms


@pytest.mark.parametrize(
    ("grams", "shown"),
    [
        (236_066, "236.1"),  # the certificate said 236.066 while the page said 236.1
        (182_566, "182.6"),
        (38_200, "38.2"),
        (38_000, "38.0"),
        (1_234_567, "1,234.6"),
        (2_363_050, "2,363.1"),  # 2,363.05 rounds half up
        (250, "0.3"),  # half up, not to even
        (149, "0.1"),
        (100, "0.1"),
        (99, "0.099"),  # under 0.1 kg the grams show: a small footprint never reads as 0
        (50, "0.05"),
        (5, "0.005"),
        (0, "0"),
    ],
)
def test_kilograms_are_shown_one_way_in_both_languages(grams: int, shown: str) -> None:
    assert kilograms(grams, "en") == shown
    assert kilograms(grams, "zh-CN") == shown  # CLDR: Chinese groups and marks decimals the same
