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

from .activities import Activity
from .errors import Problem, ValidationFailed
from .factors import EmissionFactor
from .footprint import MissingFactor
from .messages import message
from .questionnaire import Choice, Number, Questionnaire
from .scene_types import SceneType
from .scenes import ActivityColumn, Scene

if TYPE_CHECKING:
    from .factor_set import FactorSet

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


Matches = dict[int, tuple[list[str], Any]]


def _check(
    questionnaire: Questionnaire, columns: Mapping[str, Any], rows: int, lang: str, matches: Matches
) -> dict[str, Any]:
    """The columns as arrays, refused with every problem at once; records each choice column's
    option index per row in ``matches`` so factor lookup can reuse it."""
    problems: list[Problem] = []

    def problem(name: str, code: str, text: str | None = None, **values: Any) -> None:
        problems.append(Problem(name, code, message(text or code, lang, **values)))

    arrays: dict[str, Any] = {}
    for name, column in columns.items():
        try:
            question = questionnaire.question(name)
        except KeyError:
            problem(name, "unknown_field")
            continue
        array = np.asarray(column)
        if array.shape != (rows,):
            problem(name, "bad_shape", rows=rows, shape=array.shape)
            continue
        if isinstance(question, Number):
            if array.dtype.kind not in "iuf":
                problem(name, "not_a_number", got=f"dtype {array.dtype}")
                continue
            if _in_range(array, question):
                arrays[name] = array
                continue
            bad = ~np.isfinite(array) | (array < question.minimum) | (array > question.maximum)
            if question.integer and array.dtype.kind == "f":
                bad |= array != np.floor(array)
            where = np.flatnonzero(bad)
            shown = ", ".join(f"row {i}: {array[i].item()!r}" for i in where[:_SHOWN])
            problem(
                name,
                "out_of_range",
                "rows_out_of_range",
                count=where.size,
                minimum=question.minimum,
                maximum=question.maximum,
                rows=shown,
            )
        elif isinstance(question, Choice):
            allowed = sorted(o.value for o in question.options)
            options, index, found = _match(array, allowed)
            if found.all():
                matches[id(array)] = (options, index)
            else:
                where = np.flatnonzero(~found)
                shown = ", ".join(f"row {i}: {array[i].item()!r}" for i in where[:_SHOWN])
                problem(
                    name,
                    "unknown_option",
                    "rows_unknown_option",
                    count=where.size,
                    options=", ".join(allowed),
                    rows=shown,
                )
        arrays[name] = array
    for question in questionnaire.questions():
        if question.required and question.id not in columns and question.condition is None:
            problem(question.id, "required")
    if problems:
        raise ValidationFailed(problems, what="columns")
    return arrays


def compute_columns(
    kind: SceneType,
    factor_set: FactorSet,
    versions: Mapping[str, str],
    columns: Mapping[str, Any],
    scene: Scene,
    lang: str = "en",
) -> ColumnarFootprint:
    """Validate the columns, capture them with ``kind``'s columnar path and apply factors from
    ``factor_set``; ``versions`` (the engine's and the questionnaire's) are recorded with the
    factor tables used. See the module docstring.

    Raises :class:`ValidationFailed` for a scene type without a columnar path, ragged columns
    and bad rows, and :class:`MissingFactor` for an activity no factor covers.
    """
    if kind.columnar is None:
        raise ValidationFailed.single(
            "scene_type", "no_columnar_path", f"scene type {kind.name!r} has no columnar path"
        )
    lengths = {len(c) for c in columns.values()}
    if len(lengths) != 1:
        raise ValidationFailed.single("columns", "ragged", "every column must have the same number of rows")
    rows = lengths.pop()
    matches: Matches = {}
    arrays = _check(kind.questionnaire, columns, rows, lang, matches)
    total = np.zeros(rows, dtype=np.int64)
    by_activity: dict[str, Any] = {}
    refs: dict[str, tuple[str, ...]] = {}
    tables: set[tuple[str, str]] = set()
    for column in kind.columnar(arrays):
        grams_per_unit, used = _factors(factor_set, column, scene, matches)
        grams = np.ceil(np.round(np.asarray(column.quantity, dtype=np.float64) * grams_per_unit, 6)).astype(
            np.int64
        )
        total += grams
        by_activity[column.key] = by_activity.get(column.key, 0) + grams
        refs[column.key] = tuple(f.ref() for f in used)
        tables |= {(f.table, f.version) for f in used if f.table}
    recorded = {**versions, **{f"factors:{table}": version for table, version in sorted(tables)}}
    return ColumnarFootprint(total, by_activity, refs, recorded)


def _in_range(array: Any, question: Number) -> bool:
    """Whole-column check with two reductions; the row-by-row mask is built only on failure."""
    if array.size == 0:
        return True
    if array.dtype.kind == "f" and (
        not np.isfinite(array).all() or (question.integer and (array != np.floor(array)).any())
    ):
        return False
    return bool(array.min() >= question.minimum and array.max() <= question.maximum)


def _match(array: Any, candidates: list[str]) -> tuple[list[str], Any, Any]:
    """The candidates that can match, each row's index among them, and whether it matched.

    A binary search against the few known values is several times faster than ``np.unique`` on
    a million strings.
    """
    array = np.asarray(array)
    if array.dtype.kind == "U":
        # same dtype on both sides keeps searchsorted on its fast path; longer values cannot match
        width = array.dtype.itemsize // 4
        options = np.array([c for c in candidates if len(c) <= width], dtype=array.dtype)
    else:
        options = np.array(candidates)
    if options.size == 0:
        return [], np.zeros(len(array), dtype=np.intp), np.zeros(len(array), dtype=bool)
    index = np.searchsorted(options, array).clip(max=options.size - 1)
    return [str(o) for o in options], index, options[index] == array


def _factors(
    factor_set: FactorSet, column: ActivityColumn, scene: Scene, matches: Matches
) -> tuple[Any, list[EmissionFactor]]:
    """Grams per unit for every row of ``column``, and the factors used."""
    overrides = scene.factor_overrides

    def find(region: str | None) -> EmissionFactor:
        factor = factor_set.find(column.key, region, overrides)
        if factor is None:
            raise MissingFactor(Activity(column.key, 0.0, region))
        return factor

    if isinstance(column.region, str) or column.region is None:
        factor = find(column.region or scene.region)
        return factor.grams, [factor]
    regions = np.asarray(column.region)
    if id(regions) in matches:  # a validated choice column: its option index per row is known
        known, index = matches[id(regions)]
        found = None
    else:
        candidates = sorted(
            set(factor_set.regions(column.key)) | {o.region for o in overrides if o.activity == column.key}
        )
        known, index, found = _match(regions, candidates)
    factors = [find(region) for region in known]  # each with its region fallback (CN-51 -> CN)
    per_row = np.array([f.grams for f in factors] or [0.0])[index]
    counts = np.bincount(index if found is None else index[found], minlength=len(known))
    used = {id(f): f for f, hit in zip(factors, counts, strict=True) if hit}
    if found is not None and not found.all():
        for region in np.unique(regions[~found]):  # regions that fall back (CN-51 -> CN): few
            factor = find(str(region))
            per_row[regions == region] = factor.grams
            used[id(factor)] = factor
    return per_row, list(used.values())
