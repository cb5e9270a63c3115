"""The footprint engine: answers -> activities -> factors -> line items in integer grams CO2e.

The same inputs and versions always give the same :class:`~diandian.footprint.Footprint`, and
every line keeps the factor and source it used, so an auditor can redo it by hand.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .__about__ import __version__
from .activities import Activity
from .errors import DiandianError, Problem, ValidationFailed
from .factor_set import FactorSet
from .factors import EmissionFactor
from .footprint import BatchError, Exclusion, Footprint, LineItem, MissingFactor
from .plugins import PluginHost, get_host
from .questionnaire import ValidatedAnswers
from .scenes import Scene, ad_hoc_scene

if TYPE_CHECKING:
    from .columnar import ColumnarFootprint


class Engine:
    """Computes footprints with the plugins of a :class:`PluginHost` (all installed ones by default)."""

    def __init__(self, host: PluginHost | None = None) -> None:
        self.host = (host or get_host()).load()
        self._versions: dict[tuple[tuple[str, ...], tuple[tuple[str, str], ...]], Mapping[str, str]] = {}
        # fixed once the plugins have loaded, so looked up here rather than per footprint
        self._categories = {key: kind.category for key, kind in self.host.activity_kinds.items()}
        self._labels = {key: kind.label for key, kind in self.host.activity_kinds.items()}
        self._listened = self.host.has_listeners("diandian_footprint_computed")

    @property
    def factor_set(self) -> FactorSet:
        """The host's factor tables, read when the first footprint needs them."""
        return self.host.factor_set

    # --- one footprint ----------------------------------------------------------------------

    def validate(self, scene_type: str, answers: Any, *, lang: str = "en") -> ValidatedAnswers:
        kind = self.host.scene_types.get(scene_type) or self.host.scene_type(scene_type)  # raises if unknown
        return kind.questionnaire.validate(answers, lang=lang)

    def footprint(
        self, scene_type: str, answers: Any, *, scene: Scene | None = None, lang: str = "en"
    ) -> Footprint:
        """Validate ``answers`` for ``scene_type`` and compute the footprint at ``scene``."""
        scene = scene or ad_hoc_scene(scene_type)
        validated = self.validate(scene_type, answers, lang=lang)
        captured = [
            (a, a.scene_type or scene_type) for a in self.host.capture(scene_type, validated.values, scene)
        ]
        return self._compute(scene, (scene_type,), captured, validated.warnings)

    def footprint_mixed(self, scene: Scene, answers: Any, *, lang: str = "en") -> Footprint:
        """One footprint for a scene combining several scene types (see :mod:`diandian.mixed`)."""
        from .mixed import locate, split_answers

        parts, warnings = split_answers(self.host, scene, answers, lang=lang)
        captured: list[tuple[Activity, str | None]] = []
        for scene_type, values in parts.items():
            try:
                captured.extend(self._capture(scene_type, values, scene))
            except ValidationFailed as exc:  # found while capturing (an unknown city): name it as answered
                raise ValidationFailed(
                    [locate(self.host, scene_type, p) for p in exc.problems], what=exc.what
                ) from None
        return self._compute(scene, scene.scene_types, captured, warnings)

    def footprint_activities(
        self, activities: Iterable[Activity], *, scene: Scene | None = None
    ) -> Footprint:
        """A footprint of activities an integrator already has (a POS line, a booking)."""
        scene = scene or ad_hoc_scene("activities")
        return self._compute(scene, (), [(a, a.scene_type) for a in activities], ())

    def _capture(
        self, scene_type: str, values: Mapping[str, Any], scene: Scene
    ) -> list[tuple[Activity, str | None]]:
        """Activities with the scene type each line belongs to (the activity's own, else this one)."""
        return [(a, a.scene_type or scene_type) for a in self.host.capture(scene_type, values, scene)]

    def _compute(
        self,
        scene: Scene,
        scene_types: tuple[str, ...],
        captured: Sequence[tuple[Activity, str | None]],
        warnings: tuple[Problem, ...],
    ) -> Footprint:
        overrides = scene.factor_overrides
        categories = self._categories
        resolved: list[tuple[Activity, str | None, EmissionFactor]] = []
        find = self.host.factor_set.find
        for activity, scene_type in captured:
            factor = find(activity.key, activity.region or scene.region, overrides)
            if factor is None:
                raise MissingFactor(activity)
            resolved.append((activity, scene_type, factor))
        excluded: list[Exclusion] = []
        if len(scene_types) > 1:
            resolved, excluded = _drop_included(resolved)
        lines = []
        by_category: dict[str, int] = {}
        total = 0
        variance = 0.0
        for activity, scene_type, factor in resolved:
            grams = math.ceil(round(activity.quantity * factor.grams, 6))  # round_up_grams, inlined
            category = categories.get(activity.key, "other")
            label = activity.label or factor.label or self._labels.get(activity.key) or {}
            lines.append(LineItem(activity, factor, grams, category, scene_type, label))
            by_category[category] = by_category.get(category, 0) + grams
            total += grams
            variance += (grams * factor.relative_uncertainty) ** 2
        spread = math.sqrt(variance) if variance else 0.0
        footprint = Footprint(
            scene_id=scene.id,
            scene_types=scene_types,
            lines=tuple(lines),
            grams=total,
            by_category=by_category,
            low=max(0, math.floor(total - spread)),
            high=math.ceil(total + spread),
            versions=self.versions(scene_types, (factor for _, _, factor in resolved)),
            warnings=warnings,
            excluded=tuple(excluded) if excluded else (),
        )
        if self._listened:
            self.host.notify("diandian_footprint_computed", footprint=footprint, scene=scene)
        return footprint

    def versions(
        self, scene_types: tuple[str, ...], factors: Iterable[EmissionFactor] = ()
    ) -> Mapping[str, str]:
        """The engine, the tables ``factors`` came from and each questionnaire, at their versions.

        Only the tables used are listed (a scene's own override factors belong to no table), so
        pinning them reproduces the footprint on any install that has those tables.
        """
        tables = tuple(sorted({(f.table, f.version) for f in factors if f.table}))
        key = (scene_types, tables)
        try:
            return self._versions[key]
        except KeyError:
            pass
        versions = {"diandian": __version__}
        versions.update((f"factors:{table}", version) for table, version in tables)
        versions.update(
            (f"questionnaire:{t}", self.host.scene_types[t].questionnaire.version) for t in scene_types
        )
        self._versions[key] = MappingProxyType(versions)
        return self._versions[key]

    # --- many footprints --------------------------------------------------------------------

    def footprint_batch(
        self,
        scene_type: str,
        answer_sets: Iterable[Any],
        *,
        scene: Scene | None = None,
        lang: str = "en",
    ) -> list[Footprint | BatchError]:
        """Footprints in input order; an item that fails gives a :class:`BatchError` in its place."""
        results: list[Footprint | BatchError] = []
        for index, answers in enumerate(answer_sets):
            try:
                results.append(self.footprint(scene_type, answers, scene=scene, lang=lang))
            except ValidationFailed as exc:
                results.append(BatchError(index, str(exc), exc.problems))
            except DiandianError as exc:
                results.append(BatchError(index, str(exc)))
        return results

    def footprint_columns(
        self, scene_type: str, columns: Mapping[str, Any], *, scene: Scene | None = None, lang: str = "en"
    ) -> ColumnarFootprint:
        """Footprints of many answer rows given as NumPy columns; see :mod:`diandian.columnar`.

        No ``diandian_footprint_computed`` notification is sent: listeners get one call per
        footprint, and a million calls would defeat the columnar path.
        """
        from .columnar import compute_columns

        kind = self.host.scene_type(scene_type)
        versions = self.versions((scene_type,))
        return compute_columns(
            kind, self.factor_set, versions, columns, scene or ad_hoc_scene(scene_type), lang
        )


def _drop_included(
    resolved: list[tuple[Activity, str | None, EmissionFactor]],
) -> tuple[list[tuple[Activity, str | None, EmissionFactor]], list[Exclusion]]:
    """Leave out activities that another scene type's factor already includes."""
    includes = [
        (prefix, scene_type, factor.ref()) for _, scene_type, factor in resolved for prefix in factor.includes
    ]
    if not includes:
        return resolved, []
    kept: list[tuple[Activity, str | None, EmissionFactor]] = []
    excluded: list[Exclusion] = []
    for activity, scene_type, factor in resolved:
        match = next(
            (
                ref
                for prefix, owner, ref in includes
                if owner != scene_type and (activity.key == prefix or activity.key.startswith(prefix + "."))
            ),
            None,
        )
        if match is None:
            kept.append((activity, scene_type, factor))
        else:
            excluded.append(Exclusion(activity, match, scene_type))
    return kept, excluded
