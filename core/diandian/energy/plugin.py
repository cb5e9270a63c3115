"""The energy activity kinds and factor tables, registered as a core default plugin."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from .. import hookimpl
from ..activities import ActivityKind
from ..factor_files import load_factor_csv
from ..factors import FactorTable
from . import ACTIVITY_KINDS

_DATA = Path(__file__).parent
# (file, table id, version, title); both MEE years are registered so a footprint can pin 2022
TABLES = (
    ("grid_cn_mee_2022.csv", "energy.grid.cn-mee", "2022", "China MEE/NBS grid CO2 factors, 2022"),
    ("grid_cn_mee_2023.csv", "energy.grid.cn-mee", "2023", "China MEE/NBS grid CO2 factors, 2023"),
    ("grid_ember.csv", "energy.grid.ember", "2025.8", "Ember electricity intensity by country"),
    ("energy_desnz_epa.csv", "energy.desnz-epa", "2024.1", "UK and US grids, natural gas, heat"),
)


@hookimpl
def diandian_register_activity_kinds(register: Callable[[ActivityKind], None]) -> None:
    for kind in ACTIVITY_KINDS:
        register(kind)


@hookimpl
def diandian_register_factor_tables(
    register: Callable[[FactorTable], None], kinds: Mapping[str, ActivityKind]
) -> None:
    for file, table_id, version, title in TABLES:
        register(load_factor_csv(_DATA / file, id=table_id, version=version, kinds=kinds, title=title))
