"""Units of activity amounts, written explicitly: ``passenger.km`` is not ``vehicle.km``.

A unit is a dot-joined product of tokens. Counting nouns (``passenger``, ``room``, ``meal``,
``guest`` ...) must match exactly between an activity and its factor; physical tokens (``km``,
``mile``, ``kWh``, ``MWh``, ``kg``, ``lb`` ...) convert within their dimension. Conversions happen when
factor tables load, never per calculation. Tokens this table does not know are handed to pint,
imported only then.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from .errors import DiandianError

# token -> (dimension, size in the dimension's canonical token)
_PHYSICAL: dict[str, tuple[str, float]] = {
    "km": ("length", 1.0),
    "m": ("length", 0.001),
    "mile": ("length", 1.609344),
    "kWh": ("energy", 1.0),
    "MWh": ("energy", 1000.0),
    "GWh": ("energy", 1_000_000.0),
    "MJ": ("energy", 1 / 3.6),
    "GJ": ("energy", 1000 / 3.6),
    "therm": ("energy", 29.3071),
    "mmBtu": ("energy", 293.071),
    "kg": ("mass", 1.0),
    "g": ("mass", 0.001),
    "t": ("mass", 1000.0),
    "tonne": ("mass", 1000.0),
    "lb": ("mass", 0.45359237),
    "short_ton": ("mass", 907.18474),
    "L": ("volume", 1.0),
    "ml": ("volume", 0.001),
    "m3": ("volume", 1000.0),
    "m2": ("area", 1.0),
    "h": ("time", 1.0),
    "day": ("time", 24.0),
}

CANONICAL = {
    "length": "km",
    "energy": "kWh",
    "mass": "kg",
    "volume": "L",
    "area": "m2",
    "time": "h",
}

# Counting nouns: they carry no physical size and never convert into each other.
COUNTS = frozenset(
    {
        "passenger",
        "vehicle",
        "room",
        "night",
        "guest",
        "person",
        "meal",
        "item",
        "attendee",
        "visit",
        "trip",
        "bag",
        "tonne_km",
        "month",
        "year",
    }
)

# How each counting noun and canonical unit is written for visitors in Chinese; a product unit
# such as passenger.km is written part by part (人·公里)
_ZH = {
    "passenger": "人",
    "vehicle": "车",
    "room": "间",
    "night": "夜",
    "guest": "位客人",
    "person": "人",
    "meal": "餐",
    "item": "件",
    "attendee": "人",
    "visit": "次游览",
    "trip": "次",
    "bag": "个袋子",
    "tonne_km": "吨公里",
    "month": "月",
    "year": "年",
    "day": "天",
    "km": "公里",
    "kWh": "千瓦时",
    "kg": "千克",
    "L": "升",
    "m2": "平方米",
    "h": "小时",
    "CNY": "元",
    "g": "克",
    "m": "米",
    "m³": "立方米",
    "m3": "立方米",
    "ride": "次",
    "portion": "份",
}


# English plurals of the counting nouns a number stands beside ("at most 60 days")
_EN_PLURAL = {"person": "people", "attendee": "attendees", "guest": "guests", "passenger": "passengers"}


def unit_label(unit: str, lang: str, count: float | None = None) -> str:
    """``unit`` as shown in ``lang``: ``passenger.km`` is ``人·公里`` in zh-CN, itself in English.

    With ``count``, a counting noun or ``day`` written alone agrees with it in English:
    ``unit_label("day", "en", 60) == "days"``, ``unit_label("person", "en", 2) == "people"``;
    Chinese has no plural.
    """
    if lang != "zh-CN":
        if count is None or count == 1 or (unit not in COUNTS and unit != "day"):
            return unit
        return _EN_PLURAL.get(unit, unit + "s")
    return "/".join("·".join(_ZH.get(part, part) for part in per.split(".")) for per in unit.split("/"))


# the grouping and decimal marks of each language (CLDR: both write 1,234.5)
_NUMBER_MARKS = {"en": (",", "."), "zh-CN": (",", ".")}


def kilograms(grams: int, lang: str = "en") -> str:
    """Integer grams CO2e as kilograms, the one way every page, certificate, share card, chart
    and command shows an amount: one decimal rounded half up (``236066`` -> ``"236.1"``,
    ``1234567`` -> ``"1,234.6"``), and under 0.1 kg the grams themselves (``5`` -> ``"0.005"``)
    so that a small footprint never reads as nothing. ``lang`` picks the language's marks.
    """
    group, point = _NUMBER_MARKS.get(lang, _NUMBER_MARKS["en"])
    size = abs(int(grams))
    sign = "-" if grams < 0 else ""
    if size == 0:
        return "0"
    if size < 100:
        return f"{sign}0{point}{size:03d}".rstrip("0")
    whole, tenth = divmod((size + 50) // 100, 10)
    return f"{sign}{whole:,}".replace(",", group) + f"{point}{tenth}"


def money(minor: int, lang: str = "en", currency: str = "CNY") -> str:
    """Integer minor units as the amount a person reads, the one way every page, command and
    example shows a price: yuan with the sign in English, with 元 in Chinese (``465`` ->
    ``"¥4.65"`` / ``"4.65 元"``); another currency by its code (``"4.65 EUR"``).
    """
    amount = f"{minor // 100:,}.{minor % 100:02d}"
    if currency != "CNY":
        return f"{amount} {currency}"
    return f"{amount} 元" if lang == "zh-CN" else f"¥{amount}"


# Emission mass units on the numerator of a factor, in grams.
EMISSION_MASS_G = {"g": 1.0, "kg": 1000.0, "t": 1_000_000.0, "tonne": 1_000_000.0, "lb": 453.59237}


class UnitError(DiandianError, ValueError):
    """A unit is unknown or cannot be converted into another."""


def _split(unit: str) -> tuple[str, ...]:
    return tuple(t for t in unit.split(".") if t)


@cache
def _token_size(token: str) -> tuple[str, float]:
    if token in _PHYSICAL:
        return _PHYSICAL[token]
    if token in COUNTS or token.isupper():  # currencies (CNY, USD) are counts of money
        return (f"count:{token}", 1.0)
    return _pint_size(token)


def _pint_size(token: str) -> tuple[str, float]:
    import pint  # only for the rare unit this module does not know

    registry = _pint_registry()
    try:
        quantity = registry.Quantity(1, token)
    except Exception as exc:
        raise UnitError(f"unknown unit {token!r}") from exc
    for dimension, canonical in CANONICAL.items():
        try:
            return (dimension, float(quantity.to(_PINT_NAMES.get(canonical, canonical)).magnitude))
        except pint.DimensionalityError:
            continue
    raise UnitError(f"unit {token!r} has no dimension this SDK converts")


_PINT_NAMES = {"L": "liter", "m2": "meter**2"}


@cache
def _pint_registry() -> Any:
    import pint

    return pint.UnitRegistry()


def validate_unit(unit: str) -> str:
    """Return ``unit`` if every token in it is known; raise :class:`UnitError` otherwise."""
    tokens = _split(unit)
    if not tokens:
        raise UnitError("empty unit")
    for token in tokens:
        _token_size(token)
    return unit


def scale(from_unit: str, to_unit: str) -> float:
    """How many ``to_unit`` make one ``from_unit`` (``scale("mile", "km") == 1.609344``).

    Counting nouns must appear identically on both sides, so ``room.night`` never converts to
    ``person.night``.
    """
    if from_unit == to_unit:
        return 1.0
    a = sorted((_token_size(t), t) for t in _split(from_unit))
    b = sorted((_token_size(t), t) for t in _split(to_unit))
    dims_a = sorted(size[0] for size, _ in a)
    dims_b = sorted(size[0] for size, _ in b)
    if dims_a != dims_b:
        raise UnitError(f"cannot convert {from_unit!r} to {to_unit!r}: different kinds of quantity")
    factor = 1.0
    for (_, size_a), _ in a:
        factor *= size_a
    for (_, size_b), _ in b:
        factor /= size_b
    return factor


def emission_mass_grams(unit: str) -> float:
    """Grams in one unit of emitted mass (``kg`` -> 1000)."""
    try:
        return EMISSION_MASS_G[unit]
    except KeyError:
        raise UnitError(
            f"unknown emission mass unit {unit!r}; use one of {sorted(EMISSION_MASS_G)}"
        ) from None
