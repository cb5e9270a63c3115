"""Emission factors and their sources: every number says who published it, where and how good it is."""

from __future__ import annotations

import enum
import re
from collections import Counter
from collections.abc import Mapping

import attrs

from .text import Text, text


class Quality(enum.Enum):
    """How a factor was obtained.

    ``sourced``: read in the cited document. ``derived``: arithmetic on sourced numbers, with the
    formula in ``method``. ``estimate``: no sourced number exists; ``method`` says how it was made.
    """

    SOURCED = "sourced"
    DERIVED = "derived"
    ESTIMATE = "estimate"

    @property
    def label(self) -> Text:
        """The flag as shown to visitors."""
        return _QUALITY_LABELS[self]


_QUALITY_LABELS = {
    Quality.SOURCED: text("sourced", "有出处"),
    Quality.DERIVED: text("derived", "推算"),
    Quality.ESTIMATE: text("estimate", "估算"),
}


# Relative half-width of a 95 % interval used when a factor states no uncertainty of its own.
# These are conventions of this SDK (an estimate, documented in sdk_docs/factors.md), not sourced.
DEFAULT_UNCERTAINTY = {Quality.SOURCED: 0.10, Quality.DERIVED: 0.20, Quality.ESTIMATE: 0.50}


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def numbers_in(note: str) -> Counter[str]:
    """The numbers written in ``note``, as a multiset of their digits as written.

    A translated note keeps every number of the original: ``numbers_in("0.85 kg CO2e")`` and
    ``numbers_in("0.85 kg CO2e（估算）")`` are both ``Counter({"0.85": 1, "2": 1})``.
    """
    return Counter(_NUMBER.findall(note))


@attrs.frozen
class FactorSource:
    """Where a factor comes from: publisher, document, year and table (or sheet, or row label)."""

    publisher: str
    document: str
    year: int
    table: str = ""
    url: str = ""

    def short(self) -> str:
        return f"{self.publisher} {self.year}"

    def cite(self) -> str:
        table = f", {self.table}" if self.table else ""
        return f"{self.publisher}, {self.document} ({self.year}){table}"


@attrs.frozen
class EmissionFactor:
    """Grams CO2e per one canonical unit of an activity kind, for a region.

    ``grams`` is already converted to the activity kind's canonical unit and to CO2e with the
    table's GWP set; ``gases`` splits it by gas (grams CO2e per unit) when the source does.
    ``uncertainty`` is the relative half-width of a 95 % interval. ``includes`` lists activity
    key prefixes this factor already covers (a room-night that includes breakfast), so a mixed
    venue does not count them twice. ``method`` is the note on how the factor was made, in English;
    ``method_zh`` the same note in Simplified Chinese, empty where none was written (see :attr:`note`).
    """

    activity: str
    region: str
    grams: float
    unit: str
    source: FactorSource
    quality: Quality = Quality.SOURCED
    method: str = ""
    method_zh: str = ""
    year: int | None = None
    gases: Mapping[str, float] = attrs.field(factory=dict, hash=False)
    uncertainty: float | None = None
    includes: tuple[str, ...] = ()
    label: Text | None = attrs.field(default=None, hash=False)
    table: str = ""
    version: str = ""

    @property
    def kg(self) -> float:
        return self.grams / 1000.0

    @property
    def note(self) -> Text:
        """``method`` in each language it is written in; ``tr(note, "zh-CN")`` falls back to English."""
        return text(self.method, self.method_zh) if self.method_zh else {"en": self.method}

    @property
    def relative_uncertainty(self) -> float:
        if self.uncertainty is not None:
            return self.uncertainty
        return DEFAULT_UNCERTAINTY[self.quality]

    def ref(self) -> str:
        """A stable reference ``table@version:activity/region`` for audit trails."""
        return f"{self.table}@{self.version}:{self.activity}/{self.region}"


@attrs.frozen
class FactorTable:
    """A versioned, sourced set of factors contributed by one plugin.

    Several versions of one table id may be registered; the newest is used unless a version is
    pinned (see :class:`diandian.FactorSet`).
    """

    id: str
    version: str
    factors: tuple[EmissionFactor, ...]
    title: str = ""
    gwp: str = "AR5"
    origin: str = ""

    def __attrs_post_init__(self) -> None:
        # every factor names the table and version it belongs to, however it was built (a plugin's
        # derived factors, a hand-made tuple), so its ref() and a footprint's versions reproduce
        stamped = tuple(
            f
            if (f.table, f.version) == (self.id, self.version)
            else attrs.evolve(f, table=self.id, version=self.version)
            for f in self.factors
        )
        object.__setattr__(self, "factors", stamped)  # attrs' documented way to set a field of a frozen class
