"""The columnar path: footprints of many answer rows at once with NumPy (a year of bookings).

Columns are validated as a whole against the questionnaire's number and choice questions (every
bad row is found, the first few are named), then the scene type's ``columnar`` capture turns them
into :class:`~diandian.scenes.ActivityColumn` values and factors are applied per distinct region.
Rounding is the same as the row path: per line, up to whole grams, so both paths agree exactly.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from .errors import Problem, ValidationFailed
from .questionnaire import Choice, Number, Questionnaire
from .scenes import Scene

if TYPE_CHECKING:
    from .footprint import Engine

_SHOWN = 5


@attrs.frozen
class ColumnarFootprint:
    """Per-row total grams (int64), per-activity grams and the versions used."""

    grams: Any
    by_activity: Mapping[str, Any]
    factor_refs: Mapping[str, tuple[str, ...]]
    versions: Mapping[str, str]

    @property
    def total(self) -> int:
        return int(self.grams.sum())


def _check(questionnaire: Questionnaire, columns: Mapping[str, Any], rows: int) -> dict[str, Any]:
    problems: list[Problem] = []
    arrays: dict[str, Any] = {}
    for name, column in columns.items():
        try:
            question = questionnaire.question(name)
        except KeyError:
            problems.append(Problem(name, "unknown_field", "is not a question of this questionnaire"))
            continue
        array = np.asarray(column)
        if array.shape != (rows,):
            problems.append(Problem(name, "bad_shape", f"must have {rows} rows, got shape {array.shape}"))
            continue
        if isinstance(question, Number):
            if array.dtype.kind not in "iuf":
                problems.append(Problem(name, "not_a_number", f"must be numeric, got dtype {array.dtype}"))
                continue
            bad = ~np.isfinite(array) | (array < question.minimum) | (array > question.maximum)
            if question.integer and array.dtype.kind == "f":
                bad |= array != np.floor(array)
            if bad.any():
                where = np.flatnonzero(bad)
                shown = ", ".join(f"row {i}: {array[i]!r}" for i in where[:_SHOWN])
                problems.append(
                    Problem(
                        name,
                        "out_of_range",
                        f"{where.size} rows outside [{question.minimum}, {question.maximum}] or not "
                        f"finite ({shown})",
                    )
                )
        elif isinstance(question, Choice):
            allowed = [o.value for o in question.options]
            bad = ~np.isin(array, allowed)
            if bad.any():
                where = np.flatnonzero(bad)
                shown = ", ".join(f"row {i}: {array[i]!r}" for i in where[:_SHOWN])
                problems.append(
                    Problem(name, "unknown_option", f"{where.size} rows not one of {allowed} ({shown})")
                )
        arrays[name] = array
    for question in questionnaire.questions():
        if question.required and question.id not in columns and question.condition is None:
            problems.append(Problem(question.id, "required", "column is required"))
    if problems:
        raise ValidationFailed(problems, what="columns")
    return arrays


def compute_columns(
    engine: Engine, scene_type: str, columns: Mapping[str, Any], scene: Scene
) -> ColumnarFootprint:
    kind = engine.host.scene_type(scene_type)
    if kind.columnar is None:
        raise ValidationFailed.single(
            "scene_type", "no_columnar_path", f"scene type {scene_type!r} has no columnar path"
        )
    lengths = {len(c) for c in columns.values()}
    if len(lengths) != 1:
        raise ValidationFailed.single("columns", "ragged", "every column must have the same number of rows")
    rows = lengths.pop()
    arrays = _check(kind.questionnaire, columns, rows)
    total = np.zeros(rows, dtype=np.int64)
    by_activity: dict[str, Any] = {}
    refs: dict[str, tuple[str, ...]] = {}
    versions: dict[str, str] = {f"questionnaire:{scene_type}": kind.questionnaire.version}
    for column in kind.columnar(arrays):
        grams_per_unit, used = _factors(engine, column, rows, scene)
        grams = np.ceil(np.round(np.asarray(column.quantity, dtype=np.float64) * grams_per_unit, 6)).astype(
            np.int64
        )
        total += grams
        by_activity[column.key] = by_activity.get(column.key, 0) + grams
        refs[column.key] = tuple(f.ref() for f in used)
        versions.update({f"factors:{f.table}": f.version for f in used})
    return ColumnarFootprint(total, by_activity, refs, versions)


def _factors(engine: Engine, column: Any, rows: int, scene: Scene) -> tuple[Any, list[Any]]:
    from .activities import Activity
    from .footprint import MissingFactor

    overrides = scene.factor_overrides
    if isinstance(column.region, str) or column.region is None:
        factor = engine.book.find(column.key, column.region or scene.region, overrides)
        if factor is None:
            raise MissingFactor(Activity(column.key, 0.0, column.region))
        return factor.grams, [factor]
    regions, inverse = np.unique(np.asarray(column.region), return_inverse=True)
    per_region = np.empty(len(regions), dtype=np.float64)
    used = []
    for i, region in enumerate(regions):
        factor = engine.book.find(column.key, str(region), overrides)
        if factor is None:
            raise MissingFactor(Activity(column.key, 0.0, str(region)))
        per_region[i] = factor.grams
        used.append(factor)
    return per_region[inverse], used
