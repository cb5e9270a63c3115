"""Read factor tables shipped as CSV data files, validating every row.

Columns (header required; optional ones may be left out):

``activity, region, value, unit, per, publisher, document, year, table, quality, method,
method_zh, uncertainty, includes, label_en, label_zh, url, data_year``

``method`` is the note on how the factor was made (required unless ``quality`` is ``sourced``);
``method_zh`` is optional, the same note in Simplified Chinese with the same numbers, shown on
Chinese pages instead of the English one.

``unit`` is the emitted mass and gas, ``kg CO2e`` or a single gas such as ``kg CH4`` / ``g N2O``
(converted to CO2e with the table's GWP set); ``per`` is the activity unit the source used
(``room.night``, ``passenger.mile``, ``MWh``), converted here to the activity kind's canonical unit.
Rows of one activity and region in single gases are summed and keep their split.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable, Mapping
from pathlib import Path

import attrs

from .activities import ActivityKind
from .errors import FactorDataError
from .factors import EmissionFactor, FactorSource, FactorTable, Quality
from .units import UnitError, emission_mass_grams, scale

REQUIRED = (
    "activity",
    "region",
    "value",
    "unit",
    "per",
    "publisher",
    "document",
    "year",
    "quality",
)
GWP_SETS = {"AR4": "AR4GWP100", "AR5": "AR5GWP100", "AR6": "AR6GWP100"}
_MAX_FACTOR_G = 1e9  # a tonne of CO2e per unit of anything here would be a data error


def gwp(gas: str, gwp_set: str) -> float:
    """The 100-year GWP of ``gas`` in the IPCC set ``gwp_set`` (``AR5``), from globalwarmingpotentials."""
    if gas == "CO2" or gas == "CO2e":
        return 1.0
    import globalwarmingpotentials  # loaded only for tables written per gas

    table = globalwarmingpotentials.data[GWP_SETS[gwp_set]]
    return float(table[gas])


def load_factor_csv(
    path: Path | str,
    *,
    id: str,
    version: str,
    kinds: Mapping[str, ActivityKind],
    title: str = "",
    gwp_set: str = "AR5",
) -> FactorTable:
    """Parse and validate one factor CSV; raise :class:`FactorDataError` naming file and row."""
    path = Path(path)
    name = str(path)
    if gwp_set not in GWP_SETS:
        raise FactorDataError(name, None, "gwp", f"unknown GWP set {gwp_set!r}")
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or ())]
        if missing:
            raise FactorDataError(name, None, missing[0], "required column is missing")
        rows = list(enumerate(reader, start=2))
    merged: dict[tuple[str, str, int | None], EmissionFactor] = {}
    for line, row in rows:
        factor = _parse_row(name, line, row, kinds, gwp_set)
        key = (factor.activity, factor.region, factor.year)
        previous = merged.get(key)
        if previous is None:
            merged[key] = factor
            continue
        gas = next(iter(factor.gases))
        if "CO2e" in previous.gases or gas == "CO2e" or gas in previous.gases:
            raise FactorDataError(name, line, "activity", f"duplicate factor for {key[0]} in {key[1]}")
        merged[key] = attrs.evolve(
            previous, grams=previous.grams + factor.grams, gases={**previous.gases, **factor.gases}
        )
    factors = tuple(
        attrs.evolve(f, table=id, version=version, gases=f.gases if len(f.gases) > 1 else {})
        for f in merged.values()
    )
    return FactorTable(id=id, version=version, factors=factors, title=title, gwp=gwp_set, origin=name)


def _parse_row(
    name: str,
    line: int,
    row: Mapping[str, str | None],
    kinds: Mapping[str, ActivityKind],
    gwp_set: str,
) -> EmissionFactor:
    def cell(column: str) -> str:
        return (row.get(column) or "").strip()

    def fail(column: str, reason: str) -> FactorDataError:
        return FactorDataError(name, line, column, reason)

    for column in REQUIRED:
        if not cell(column):
            raise fail(column, "is empty")
    activity = cell("activity")
    kind = kinds.get(activity)
    if kind is None:
        raise fail("activity", f"unknown activity kind {activity!r}")
    try:
        value = float(cell("value"))
    except ValueError:
        raise fail("value", f"not a number: {cell('value')!r}") from None
    if not math.isfinite(value) or value < 0:
        raise fail("value", f"must be a finite number >= 0, got {cell('value')}")
    mass_unit, _, gas = cell("unit").partition(" ")
    gas = gas.strip() or "CO2e"
    try:
        per_canonical = scale(kind.unit, cell("per"))
    except UnitError as exc:
        raise fail("per", str(exc)) from None
    try:
        grams_per_mass = emission_mass_grams(mass_unit)
        weight = gwp(gas, gwp_set)
    except UnitError as exc:
        raise fail("unit", str(exc)) from None
    except KeyError:
        raise fail("unit", f"unknown gas {gas!r} in GWP set {gwp_set}") from None
    grams = value * grams_per_mass * weight * per_canonical
    if grams > _MAX_FACTOR_G:
        raise fail("value", f"{grams:.0f} g CO2e per {kind.unit} is implausibly large")
    try:
        quality = Quality(cell("quality"))
    except ValueError:
        raise fail("quality", "must be one of sourced, derived, estimate") from None
    method = cell("method")
    if quality is not Quality.SOURCED and not method:
        raise fail("method", f"a {quality.value} factor must state its method")
    if cell("method_zh") and not method:
        raise fail("method_zh", "a Chinese note needs the English one in method")
    year = _year(cell("year"), fail, "year")
    uncertainty: float | None = None
    if cell("uncertainty"):
        try:
            uncertainty = float(cell("uncertainty"))
        except ValueError:
            raise fail("uncertainty", "not a number") from None
        if not (0 <= uncertainty < 10):
            raise fail("uncertainty", "must be a relative half-width between 0 and 10")
    label = {k: v for k, v in (("en", cell("label_en")), ("zh-CN", cell("label_zh"))) if v}
    return EmissionFactor(
        activity=activity,
        region=cell("region"),
        grams=grams,
        unit=kind.unit,
        gases={gas: grams},
        source=FactorSource(
            publisher=cell("publisher"),
            document=cell("document"),
            year=year,
            table=cell("table"),
            url=cell("url"),
        ),
        quality=quality,
        method=method,
        method_zh=cell("method_zh"),
        year=_year(cell("data_year"), fail, "data_year") if cell("data_year") else None,
        uncertainty=uncertainty,
        includes=tuple(x.strip() for x in cell("includes").split(";") if x.strip()),
        label=label or None,
    )


def _year(value: str, fail: Callable[[str, str], FactorDataError], column: str) -> int:
    if not (value.isdigit() and 1900 <= int(value) <= 2100):
        raise fail(column, f"not a year: {value!r}")
    return int(value)
