"""Numbers as visitors type them into the calculator: grouping commas are thousands, as the
pages themselves print them; full-width digits from a Chinese input method count."""

from __future__ import annotations

import pytest
from diandian.web.visitor.forms import typed_number
from hypothesis import given
from hypothesis import strategies as st


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1,200", 1200),  # a 1,200 km drive, not 1.2 km
        ("１，２００", 1200),  # the same typed full-width
        ("1 200", 1200),
        ("12,345.6", 12345.6),
        ("1,234,567", 1234567),
        ("1,5", 1.5),  # a decimal comma: no group of three follows it
        ("1,50", 1.5),
        ("１２", 12),
        ("2.5", 2.5),
        ("-3", -3),
    ],
)
def test_typed_numbers_read_as_people_mean_them(typed: str, value: float) -> None:
    assert typed_number(typed) == value
    assert type(typed_number(typed)) is type(value)


@pytest.mark.parametrize("typed", ["1,2,3", "12,34,567", "三", "abc", "1e999", "nan", "1..2", ""])
def test_what_is_not_a_number_stays_text_for_the_validator(typed: str) -> None:
    assert typed_number(typed) == typed


@given(st.integers(min_value=0, max_value=10**12))
def test_a_number_printed_with_grouping_reads_back(n: int) -> None:
    assert typed_number(f"{n:,}") == n
