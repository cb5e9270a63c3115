"""Serials, masses and prices: pure values, no database."""

from __future__ import annotations

from decimal import Decimal

import pytest
from diandian.errors import ValidationFailed
from diandian.offsets import Allocation, FeePolicy, SliceState, parse_grams, parse_serial
from diandian.offsets.pricing import MAX_ORDER_GRAMS

from .conftest import project


@pytest.mark.parametrize(
    ("serial", "scheme", "first", "last"),
    [
        ("0001-000001-000100-VCS-VCU-003-VER-US-0003-01012020-31122020-1", "verra", 1, 100),
        ("9876-123456-123999-VCS-VCU-263-VER-CN-1-1234-01012021-31122021-0", "verra", 123456, 123999),
        ("CDCER-CN51-GW0007-2022-000001-000500", "range-suffix", 1, 500),
        ("CCER-14-2024-001-000123-000123", "range-suffix", 123, 123),
        ("CAR-1-US-293-1-120-CA-2006-102-1-29251", "range-suffix", 1, 29251),
    ],
)
def test_serials_parse_and_keep_the_original(serial: str, scheme: str, first: int, last: int) -> None:
    block = parse_serial(f"  {serial} ")
    assert (block.text, block.scheme, block.first, block.last) == (serial, scheme, first, last)
    assert block.units == last - first + 1


@pytest.mark.parametrize("serial", ["", "hello", "CDCER-CN51-000500-000001", "CDCER-CN51-000000-000003"])
def test_bad_serials_name_the_field(serial: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        parse_serial(serial)
    assert caught.value.problems[0].path == "serial"


def test_fractional_serial_names_units_and_grams() -> None:
    block = parse_serial("CDCER-CN51-GW0007-2022-000011-000020")
    slice_ = Allocation("a", "o", "b", 999_000, 1_002_000, SliceState.ALLOCATED)
    assert slice_.fractional_serial(block) == f"{block.text}#u11:g999000-1000000,u12:g0-2000"


@pytest.mark.parametrize(
    ("value", "grams"),
    [
        (1, 1),
        ("38200", 38200),
        ("38.2kg", 38200),
        ("38.2001kg", 38201),
        ("0.0001g", 1),
        (Decimal("2.5"), 3),
        ("1t", 1_000_000),
        (" 3 kg ", 3000),
    ],
)
def test_masses_round_up_to_whole_grams(value: object, grams: int) -> None:
    assert parse_grams(value) == grams


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (0, "not_positive"),
        (-5, "not_positive"),
        ("0kg", "not_positive"),
        (10**15, "too_large"),
        (MAX_ORDER_GRAMS + 1, "too_large"),
        (1.5, "type"),
        (True, "type"),
        ("12 lbs", "format"),
        ("-3kg", "format"),
        (None, "type"),
        ("NaN", "format"),
    ],
)
def test_bad_masses_are_refused_naming_the_field(value: object, code: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        parse_grams(value)
    assert (caught.value.problems[0].path, caught.value.problems[0].code) == ("grams", code)


def test_price_rounds_up_adds_fees_and_a_minimum() -> None:
    p1 = project(price=5000)  # 50 CNY per tonne
    fees = FeePolicy(rate_bp=500, fixed_minor=0, minimum_minor=100)
    assert fees.price(38_200, p1).credit_minor == 191  # 190.999... rounds up
    assert fees.price(38_200, p1).fee_minor == 10  # ceil(191 * 5%)
    small = fees.price(1, p1)  # 1 fen of credit, topped up to the minimum charge
    assert (small.credit_minor, small.total_minor) == (1, 100)
    big = fees.price(1_000_000_000, p1)
    assert (big.credit_minor, big.fee_minor) == (5_000_000, 250_000)
    assert FeePolicy(rate_bp=0, fixed_minor=30, minimum_minor=0).price(10**6, p1).total_minor == 5030
