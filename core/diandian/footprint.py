"""Footprints, what :class:`~diandian.engine.Engine` computes: line items in integer grams CO2e.

A footprint records every factor it used (with source), totals by category, an uncertainty range
and the versions of everything involved, so the same inputs and versions always give the same
result and an auditor can redo it by hand.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import attrs

from .activities import Activity
from .errors import DiandianError, Problem
from .factors import EmissionFactor
from .text import Text


def round_up_grams(value: float) -> int:
    """Whole grams, rounded up; micrograms of float noise (``107000.0000000001``) do not count."""
    return math.ceil(round(value, 6))


@attrs.frozen
class LineItem:
    """One activity, the factor used and the grams CO2e it gives (rounded up)."""

    activity: Activity
    factor: EmissionFactor
    grams: int
    category: str
    scene_type: str | None = None
    label: Text = attrs.field(factory=dict, hash=False)
    """What to show for the line in each language: the activity's own label, else the factor's,
    else its activity kind's."""

    def to_json(self) -> dict[str, Any]:
        factor = self.factor
        return {
            "activity": self.activity.key,
            "label": dict(self.label),
            "quantity": self.activity.quantity,
            "unit": factor.unit,
            "region": self.activity.region,
            "scene_type": self.scene_type,
            "source_field": self.activity.source,
            "category": self.category,
            "grams": self.grams,
            "factor": {
                "ref": factor.ref(),
                "region": factor.region,
                "g_per_unit": factor.grams,
                "quality": factor.quality.value,
                "method": factor.method,
                "method_zh": factor.method_zh,
                "uncertainty": factor.relative_uncertainty,
                "source": attrs.asdict(factor.source),
                **({"gases_g_per_unit": dict(factor.gases)} if factor.gases else {}),
            },
            **({"detail": dict(self.activity.detail)} if self.activity.detail else {}),
        }


@attrs.frozen
class Exclusion:
    """An activity left out because another line's factor already includes it (mixed venues)."""

    activity: Activity
    included_by: str
    scene_type: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "activity": self.activity.key,
            "quantity": self.activity.quantity,
            "scene_type": self.scene_type,
            "included_by": self.included_by,
        }


@attrs.frozen
class Footprint:
    """A computed footprint: line items, totals, a 95 % range and the versions used."""

    scene_id: str
    scene_types: tuple[str, ...]
    lines: tuple[LineItem, ...]
    grams: int
    by_category: Mapping[str, int]
    low: int
    high: int
    versions: Mapping[str, str]
    warnings: tuple[Problem, ...] = ()
    excluded: tuple[Exclusion, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The stable JSON shape printed by ``diandian footprint --json`` (see sdk_docs/cli.md)."""
        return {
            "scene": self.scene_id,
            "scene_types": list(self.scene_types),
            "grams": self.grams,
            "kg": round(self.grams / 1000, 3),
            "range_grams": [self.low, self.high],
            "by_category": dict(self.by_category),
            "lines": [line.to_json() for line in self.lines],
            "excluded": [e.to_json() for e in self.excluded],
            "warnings": [attrs.asdict(w) for w in self.warnings],
            "versions": dict(self.versions),
        }


class MissingFactor(DiandianError, LookupError):
    """No factor exists for an activity in its region or any broader one."""

    def __init__(self, activity: Activity) -> None:
        self.activity = activity
        super().__init__(
            f"no emission factor for activity {activity.key!r} in region {activity.region or 'world'!r}"
            f" (from answer {activity.source or '?'})"
        )


@attrs.frozen
class BatchError:
    """The error of one item of a batch, in place of its footprint."""

    index: int
    error: str
    problems: tuple[Problem, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "error": self.error,
            "problems": [attrs.asdict(p) for p in self.problems],
        }
