"""Scene types: the kinds of venue plugins contribute, with their questionnaire, capture and
factor tables.

Loading plugins builds scene types and nothing else of the model: this module imports no
questionnaire, factor or scene code (see :mod:`diandian.scenes` for one concrete venue or event),
and a scene type may name its questionnaire and capture by import reference, imported on first use.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar, cast

import attrs

from .activities import Activity, ActivityKind
from .errors import PluginError
from .lazy import is_reference, resolve_reference
from .text import Text

if TYPE_CHECKING:
    from pathlib import Path

    from .factors import EmissionFactor, FactorTable
    from .questionnaire import Questionnaire
    from .scenes import ActivityColumn, Scene

T = TypeVar("T")

ColumnCapture = Callable[[Mapping[str, Any]], Sequence["ActivityColumn"]]
"""A scene type's columnar capture: NumPy columns of answers -> one column per activity kind."""
Capture = Callable[[Mapping[str, Any], "Scene"], Sequence[Activity]]
"""A scene type's capture: validated answers and the scene -> activities."""


@attrs.frozen
class FactorFile:
    """A factor table in a CSV file (see :func:`diandian.load_factor_csv`), read on first use.

    ``path`` is the file, usually ``Path(__file__).parent / "name.csv"`` in the plugin's package;
    ``id`` and ``version`` name the table (``"hotel.services"``, ``"2024.1"``); ``gwp_set`` is the
    IPCC assessment for rows written per gas (``AR4``, ``AR5`` or ``AR6``).
    """

    path: Path
    id: str
    version: str
    title: str = ""
    gwp_set: str = "AR5"

    def load(self, kinds: Mapping[str, ActivityKind]) -> FactorTable:
        """The table, converted to ``kinds``' canonical units; raises :class:`FactorDataError`."""
        from .factor_files import load_factor_csv

        return load_factor_csv(
            self.path, id=self.id, version=self.version, kinds=kinds, title=self.title, gwp_set=self.gwp_set
        )


@attrs.frozen
class DerivedTable:
    """A factor table computed from other tables when factors are first needed.

    ``factors`` takes no argument and returns the factors (already in canonical units), such as
    :func:`diandian.energy.derived_electricity_factors` turning a stated kWh per visit into a
    factor for every grid region.
    """

    id: str
    version: str
    title: str
    factors: Callable[[], Sequence[EmissionFactor]] = attrs.field(eq=False)

    def load(self, kinds: Mapping[str, ActivityKind]) -> FactorTable:
        """The table; ``kinds`` is unused (the factors are built in their units)."""
        from .factors import FactorTable

        return FactorTable(id=self.id, version=self.version, title=self.title, factors=tuple(self.factors()))


def _reference_or(kind: str) -> Callable[[Any, attrs.Attribute[Any], object], None]:
    """An attrs validator: a string must be an import reference (checked by its shape only, so
    a plugin with a typo fails when it loads without importing anything)."""

    def check(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
        if isinstance(value, str) and not is_reference(value):
            raise ValueError(
                f"scene type {instance.name!r}: {kind} {value!r} is not an import reference "
                "'package.module:attribute'"
            )

    return check


@attrs.frozen(eq=False)
class SceneType:
    """A kind of venue: its questionnaire, how answers become activities, and its factors.

    ``capture`` turns validated answers at a scene into activities; the host calls it for this
    scene type only (plugins that add to other scene types' footprints use the
    ``diandian_capture_activities`` hook instead). ``factor_tables`` are the tables this scene
    type brings (:class:`FactorFile`, :class:`DerivedTable`); they load when factors are first
    needed, not when the plugin loads. ``columnar`` optionally turns NumPy columns of answers
    into :class:`ActivityColumn` values for large batches (a year of bookings); scene types
    without it are computed row by row.

    ``questionnaire``, ``capture`` and ``columnar`` may be given as the objects themselves or
    as import references ``"package.module:attribute"`` (the entry-point convention), which are
    imported on first use: a plugin that names them so costs almost nothing to load, and
    ``diandian plugins`` never imports its questions or capture code. Reading the attributes
    always gives the objects; a reference that does not resolve raises :class:`PluginError`
    naming the scene type and the reference, on first use.
    """

    name: str
    title: Text
    _questionnaire: Questionnaire | str = attrs.field(validator=_reference_or("questionnaire"))
    example_answers: Mapping[str, Any] = attrs.field(factory=dict)
    description: Text | None = None
    activity_kinds: tuple[ActivityKind, ...] = ()
    _columnar: ColumnCapture | str | None = attrs.field(
        default=None, hash=False, validator=_reference_or("columnar capture")
    )
    _capture: Capture | str | None = attrs.field(default=None, hash=False, validator=_reference_or("capture"))
    factor_tables: tuple[FactorFile | DerivedTable, ...] = ()

    @cached_property
    def questionnaire(self) -> Questionnaire:
        """The questionnaire, imported on first use when it was given as a reference."""
        from .questionnaire import Questionnaire

        return self._resolve(
            "questionnaire", self._questionnaire, lambda v: isinstance(v, Questionnaire), "a Questionnaire"
        )

    @cached_property
    def capture(self) -> Capture | None:
        """How validated answers at a scene become activities (None: only the hooks capture)."""
        return self._resolve("capture", self._capture, callable, "callable")

    @cached_property
    def columnar(self) -> ColumnCapture | None:
        """The columnar capture for batches given as NumPy columns, or None."""
        return self._resolve("columnar capture", self._columnar, callable, "callable")

    def _resolve(self, kind: str, value: T | str, expected: Callable[[object], bool], wanted: str) -> T:
        if not isinstance(value, str):
            return value
        try:
            resolved = resolve_reference(value)
        except Exception as exc:
            raise self._bad_reference(kind, value, f"does not resolve: {exc!r}") from exc
        if not expected(resolved):
            raise self._bad_reference(
                kind, value, f"resolves to type {type(resolved).__name__!r}, which is not {wanted}"
            )
        return cast("T", resolved)

    def _bad_reference(self, kind: str, reference: str, reason: str) -> PluginError:
        # the package of the reference is the plugin's (its entry point's name is the host's to know)
        package = reference.partition(":")[0].partition(".")[0]
        return PluginError(package, None, f"scene type {self.name!r}: {kind} {reference!r} {reason}")
