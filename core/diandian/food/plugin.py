"""The food activity kinds and factor tables (ADEME meals and drinks, OWID products), a core default plugin."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from .. import hookimpl
from ..activities import ActivityKind
from ..factor_files import load_factor_csv
from ..factors import FactorTable
from . import ACTIVITY_KINDS

_DATA = Path(__file__).parent
# (file, table id, version, title)
TABLES = (
    (
        "food_ademe.csv",
        "food.ademe",
        "2026.7",
        "ADEME Impact CO2: meals (Agribalyse 3.2) and drinks per litre",
    ),
    (
        "food_owid_poore_nemecek.csv",
        "food.owid",
        "2018.1",
        "Poore & Nemecek 2018 via OWID, kg CO2e per kg of food product",
    ),
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
