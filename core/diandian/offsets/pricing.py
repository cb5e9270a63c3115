"""Quantities and prices in integers: parse a mass into grams (rounded up), price grams.

``credit = ceil(grams * price_per_tonne / 1e6)``; ``fee = ceil(credit * rate_bp / 10000) +
fixed``; if ``credit + fee`` is below the minimum charge the difference is added to the fee.
Every rounding goes up, in the ledger's favour by at most one minor unit.
"""

from __future__ import annotations

import re
from decimal import Decimal

import attrs

from ..errors import ValidationFailed
from ..json_input import MAX_NUMBER_CHARS, check_number, parse_decimal
from ..text import typed
from .model import Price, Project

MAX_ORDER_GRAMS = 10**9  # 1,000 t: far above any visitor or event; 10**15 is a typo, not an order
MAX_FOOTPRINT_G = 10**12
"""A million tonnes: the largest footprint an event claim or a certificate states."""
_UNITS = {"g": 1, "kg": 1000, "t": 1_000_000}
_MASS = re.compile(r"^\s*(?P<number>[0-9]+(?:\.[0-9]+)?)\s*(?P<unit>g|kg|t)?\s*$")


@attrs.frozen
class FeePolicy:
    """Platform fees in basis points of the credit price plus a fixed part, and a minimum charge."""

    rate_bp: int = 500
    fixed_minor: int = 0
    minimum_minor: int = 100

    def price(self, grams: int, project: Project) -> Price:
        credit = -(-grams * project.price_per_tonne_minor // 1_000_000)
        fee = -(-credit * self.rate_bp // 10_000) + self.fixed_minor
        fee += max(0, self.minimum_minor - credit - fee)
        return Price(credit, fee, project.currency)


def parse_grams(value: object, *, field: str = "grams", maximum: int = MAX_ORDER_GRAMS) -> int:
    """Integer grams from an int, a :class:`~decimal.Decimal` or a string such as ``"38.2kg"``.

    Fractions of a gram round up. Floats are refused: they cannot say which gram was meant.
    """
    if isinstance(value, (bool, float)):
        raise ValidationFailed.single(
            field, "type", f"must be an integer or a decimal string, not {type(value).__name__}"
        )
    if isinstance(value, int | Decimal):
        grams = Decimal(check_number(value, field=field))
    elif isinstance(value, str):
        if len(value) > MAX_NUMBER_CHARS + 8:  # before matching, converting or echoing it
            raise ValidationFailed.single(
                field,
                "too_many_digits",
                f"is {len(value)} characters long; a mass such as '38.2kg' is far shorter",
            )
        match = _MASS.match(typed(value))  # "３８．２ｋｇ" typed with a Chinese input method is 38.2kg
        if match is None:
            raise ValidationFailed.single(
                field, "format", f"{value!r} is not a mass such as 38200, '38.2kg' or '1t'"
            )
        grams = parse_decimal(match["number"], field=field) * _UNITS[match["unit"] or "g"]
    else:
        raise ValidationFailed.single(field, "type", f"must be a mass, not {type(value).__name__}")
    if not grams.is_finite() or grams <= 0:
        raise ValidationFailed.single(field, "not_positive", f"must be more than 0 g, got {value}")
    whole = int(grams.to_integral_value(rounding="ROUND_CEILING"))
    if whole > maximum:
        raise ValidationFailed.single(
            field, "too_large", f"{whole} g is more than the {maximum} g one order may hold"
        )
    return whole
