"""The POS path: factors resolved once per store, then a receipt is a few operations per line.

``RetailCatalogue(engine, scene)`` looks up the grams CO2e per unit of every retail activity
once. :meth:`RetailCatalogue.receipt` then footprints a receipt without building activity or
line objects (a POS calls it at every checkout); it rounds each line up to whole grams exactly
as the engine does, so :meth:`RetailCatalogue.footprint` (the full, audited engine footprint of
the same lines, with every factor's source) gives the same grams.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs
import diandian
from diandian import Activity, Problem, Scene
from diandian.spend import spend_key

from .categories import (
    MAX_GRAMS,
    MAX_PRICE,
    MAX_QUANTITY,
    WARN_GRAMS,
    WARN_PRICE,
    WARN_QUANTITY,
    amount,
    line_activity,
    refuse,
)
from .kinds import KINDS
from .mcc import MCC

if TYPE_CHECKING:
    from diandian import Footprint

SCENE = "retail"


class ReceiptLine(NamedTuple):
    """One receipt line: category, how many, grams per item (if known), line price in CNY (if known)."""

    category: str
    quantity: float = 1
    grams: float | None = None
    price_cny: float | None = None


LINE_FIELDS = ReceiptLine._fields


def receipt_lines(records: Sequence[Mapping[str, Any]]) -> list[ReceiptLine]:
    """A POS system's receipt lines (JSON-like objects with ``category``, ``quantity``,
    ``grams``, ``price_cny``) as :class:`ReceiptLine` values. An unknown or missing key is
    refused naming ``lines.<index>.<key>``; the values are checked by :meth:`RetailCatalogue.receipt`.
    Parse once where the receipt enters the system, then footprint it as often as needed."""
    lines: list[ReceiptLine] = []
    problems: list[Problem] = []
    for index, record in enumerate(records):
        if not isinstance(record, Mapping):
            problems.append(Problem(f"lines.{index}", "not_an_object", "each line must be an object"))
            continue
        problems.extend(
            Problem(
                f"lines.{index}.{key}",
                "unknown_field",
                f"is not a receipt line field ({', '.join(LINE_FIELDS)})",
            )
            for key in record
            if key not in LINE_FIELDS
        )
        if "category" not in record:
            problems.append(Problem(f"lines.{index}.category", "required", "every line needs a category"))
        elif not problems:
            lines.append(ReceiptLine(**record))
    if problems:
        raise diandian.ValidationFailed(problems, what="receipt")
    return lines


class CardTransaction(NamedTuple):
    """One card transaction: merchant category code and amount in CNY."""

    mcc: str
    amount_cny: float


@attrs.frozen
class ReceiptFootprint:
    """Grams CO2e of a receipt, per line (rounded up, as the engine does) and in total."""

    grams: int
    line_grams: tuple[int, ...]
    warnings: tuple[Problem, ...] = ()


def _warn(path: str, value: float, limit: float, what: str) -> Problem:
    return Problem(
        path, "unusually_high", f"{value:g} {what} is unusually high (above {limit:g}); accepted", "warning"
    )


def _number(value: object, maximum: float, index: int, field: str) -> float:
    """``value`` if a plain number in (0, maximum]; the path is built only for a refusal."""
    if (type(value) is float or type(value) is int) and 0 < value <= maximum:
        return value
    return amount(f"lines.{index}.{field}", value, maximum)


def check_line(index: int, line: ReceiptLine, warnings: list[Problem]) -> tuple[str, float]:
    """One line checked: its activity key and quantity; odd but possible values add warnings."""
    category, quantity, grams, price = line
    quantity = _number(quantity, MAX_QUANTITY, index, "quantity")
    if quantity > WARN_QUANTITY:
        warnings.append(_warn(f"lines.{index}.quantity", quantity, WARN_QUANTITY, "items"))
    if grams is not None:
        grams = _number(grams, MAX_GRAMS, index, "grams")
        if grams > WARN_GRAMS:
            warnings.append(_warn(f"lines.{index}.grams", grams, WARN_GRAMS, "g"))
    if price is not None:
        price = _number(price, MAX_PRICE, index, "price_cny")
        if price > WARN_PRICE:
            warnings.append(_warn(f"lines.{index}.price_cny", price, WARN_PRICE, "CNY"))
    return line_activity("lines", index, category, quantity, grams, price)


def check_transaction(index: int, transaction: CardTransaction) -> tuple[str, float]:
    path = f"transactions.{index}"
    sector = MCC.get(transaction.mcc) if isinstance(transaction.mcc, str) else None
    if sector is None:
        raise refuse(
            f"{path}.mcc", "unknown_mcc", f"{str(transaction.mcc)[:10]!r} is not a retail MCC this SDK maps"
        )
    return spend_key(sector[0]), amount(f"{path}.amount_cny", transaction.amount_cny, MAX_PRICE)


class RetailCatalogue:
    """Every retail factor resolved once for a store (``scene``: its region and overrides)."""

    def __init__(self, engine: diandian.Engine, scene: Scene | None = None) -> None:
        self.engine = engine
        self.scene = scene
        region = scene.region if scene else None
        overrides = scene.factor_overrides if scene else ()
        self._grams: dict[str, float] = {}
        for kind in KINDS:
            factor = engine.factor_set.find(kind.key, region, overrides)
            if factor is None:
                raise diandian.MissingFactor(Activity(kind.key, 0.0, region))
            self._grams[kind.key] = factor.grams

    def _total(self, keyed: list[tuple[str, float]], warnings: list[Problem]) -> ReceiptFootprint:
        grams_per_unit = self._grams
        ceil = math.ceil
        line_grams = tuple(ceil(round(quantity * grams_per_unit[key], 6)) for key, quantity in keyed)
        return ReceiptFootprint(sum(line_grams), line_grams, tuple(warnings))

    def receipt(self, lines: Sequence[ReceiptLine]) -> ReceiptFootprint:
        """The grams of one receipt: the fast path for a checkout."""
        warnings: list[Problem] = []
        return self._total([check_line(i, line, warnings) for i, line in enumerate(lines)], warnings)

    def transactions(self, transactions: Sequence[CardTransaction]) -> ReceiptFootprint:
        """The grams of card transactions by MCC (spend-based estimates)."""
        return self._total([check_transaction(i, t) for i, t in enumerate(transactions)], [])

    def activities(self, lines: Sequence[ReceiptLine]) -> tuple[list[Activity], list[Problem]]:
        """The receipt as activities (with the line each came from), and its warnings."""
        warnings: list[Problem] = []
        activities = [
            Activity(
                key, quantity, source=f"lines.{i}", detail={"category": lines[i].category}, scene_type=SCENE
            )
            for i, (key, quantity) in enumerate(check_line(i, line, warnings) for i, line in enumerate(lines))
        ]
        return activities, warnings

    def footprint(self, lines: Sequence[ReceiptLine]) -> Footprint:
        """The full engine footprint of a receipt: every line with its factor and source."""
        activities, warnings = self.activities(lines)
        footprint = self.engine.footprint_activities(activities, scene=self.scene)
        return attrs.evolve(footprint, warnings=tuple(warnings)) if warnings else footprint

    def footprint_transactions(self, transactions: Sequence[CardTransaction]) -> Footprint:
        """The full engine footprint of card transactions, the MCC in each line's detail."""
        activities = [
            Activity(
                key,
                quantity,
                source=f"transactions.{i}",
                detail={"mcc": transactions[i].mcc},
                scene_type=SCENE,
            )
            for i, (key, quantity) in enumerate(check_transaction(i, t) for i, t in enumerate(transactions))
        ]
        return self.engine.footprint_activities(activities, scene=self.scene)
