"""The energy factor tables, read once, and electricity factors derived from every grid.

A plugin whose activity is mostly electricity (a cable-car ride, a venue per attendee-day) states
one kWh-per-unit estimate and calls :func:`derived_electricity_factors`: the result follows every
grid these tables hold, with no copied values to fall out of date.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..text import Text, tr
from .kinds import ACTIVITY_KINDS, ELECTRICITY

if TYPE_CHECKING:
    # plugins name these tables and derive factors from them when they load: the factor
    # machinery is imported when the factors are first needed
    from ..activities import ActivityKind
    from ..factors import EmissionFactor, FactorTable, Quality

_DATA = Path(__file__).parent
# (file, table id, version, title); both MEE years are registered so a footprint can pin 2022.
# Oldest first: for derived factors, a later version of a table replaces an earlier one.
TABLES = (
    ("grid_cn_mee_2022.csv", "energy.grid.cn-mee", "2022", "China MEE/NBS grid CO2 factors, 2022"),
    ("grid_cn_mee_2023.csv", "energy.grid.cn-mee", "2023", "China MEE/NBS grid CO2 factors, 2023"),
    ("grid_ember.csv", "energy.grid.ember", "2025.8", "Ember electricity intensity by country"),
    ("energy_desnz_epa.csv", "energy.desnz-epa", "2024.1", "UK and US grids, natural gas, heat"),
)
_GRID_NAME = {"en": ("Electricity, ", ", "), "zh-CN": ("电力，", "，")}
"""Per language: how a grid factor's label starts, and how a derived label joins the grid's name."""


@cache
def energy_tables() -> tuple[FactorTable, ...]:
    """Every energy factor table, parsed once per process."""
    from ..factor_files import load_factor_csv

    kinds = {kind.key: kind for kind in ACTIVITY_KINDS}
    return tuple(
        load_factor_csv(_DATA / file, id=table_id, version=version, kinds=kinds, title=title)
        for file, table_id, version, title in TABLES
    )


@cache
def grid_factors() -> tuple[EmissionFactor, ...]:
    """The electricity factor of every grid region, from the newest version of each table."""
    newest: dict[tuple[str, str], EmissionFactor] = {}
    for table in energy_tables():
        for factor in table.factors:
            if factor.activity == ELECTRICITY.key:
                newest[(table.id, factor.region)] = factor
    return tuple(newest.values())


def derived_electricity_factors(
    kind: ActivityKind,
    kwh_per_unit: float,
    *,
    method: Text | str,
    label: Text,
    quality: Quality | None = None,
) -> tuple[EmissionFactor, ...]:
    """Factors for ``kind``: ``kwh_per_unit`` kWh per ``kind.unit`` times each grid's factor.

    ``method`` says where the kWh figure comes from, in English or as ``text(en, zh)``; each
    factor's own method adds the grid arithmetic (in Chinese too when ``method`` has Chinese), its
    source is the grid's, and its label is ``label`` followed by the grid's name. ``quality`` is
    ``Quality.ESTIMATE`` unless given.
    """
    from ..factors import EmissionFactor, FactorSource, Quality

    method_zh = "" if isinstance(method, str) else method.get("zh-CN", "")
    factors = []
    for grid in grid_factors():
        kg = kwh_per_unit * grid.kg
        grid_label = grid.label or {}
        source = grid.source
        factors.append(
            EmissionFactor(
                activity=kind.key,
                region=grid.region,
                grams=kwh_per_unit * grid.grams,
                unit=kind.unit,
                source=FactorSource(
                    publisher=source.publisher,
                    document=source.document,
                    year=source.year,
                    table=f"grid factor: {source.table}",
                    url=source.url,
                ),
                quality=Quality.ESTIMATE if quality is None else quality,
                method=(
                    f"{kwh_per_unit:g} kWh per {kind.unit} ({tr(method)}) x grid {grid.kg:g} kg/kWh "
                    f"({grid_label.get('en', grid.region)}) = {round(kg, 6):g} kg"
                ),
                method_zh=(
                    f"每 {kind.unit} {kwh_per_unit:g} kWh（{method_zh}）× 电网 {grid.kg:g} kg/kWh"
                    f"（{grid_label.get('zh-CN', grid.region)}）= {round(kg, 6):g} kg"
                )
                if method_zh
                else "",
                year=grid.year,
                gases={gas: kwh_per_unit * grams for gas, grams in grid.gases.items()},
                label=_with_grid(label, grid_label),
            )
        )
    return tuple(factors)


def _with_grid(label: Text, grid_label: Text) -> Text:
    """``Cable car ride (estimate), China national average, 2023``: the label, then the grid's name."""
    named = {}
    for lang, own in label.items():
        prefix, separator = _GRID_NAME.get(lang, ("", ", "))
        grid = grid_label.get(lang)
        named[lang] = f"{own}{separator}{grid.removeprefix(prefix)}" if grid else own
    return named
