"""The food activity kinds and factor tables (ADEME meals and drinks, OWID products), a core default plugin."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .. import hookimpl
from ..activities import ActivityKind
from ..scene_types import FactorFile
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
def diandian_register_factor_tables(register: Callable[[FactorFile], None]) -> None:
    for file, table_id, version, title in TABLES:
        register(FactorFile(_DATA / file, table_id, version, title))
