"""The food activity kinds and the ADEME factor table, registered as a core default plugin."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from .. import hookimpl
from ..activities import ActivityKind
from ..factor_files import load_factor_csv
from ..factors import FactorTable
from . import ACTIVITY_KINDS


@hookimpl
def diandian_register_activity_kinds(register: Callable[[ActivityKind], None]) -> None:
    for kind in ACTIVITY_KINDS:
        register(kind)


@hookimpl
def diandian_register_factor_tables(
    register: Callable[[FactorTable], None], kinds: Mapping[str, ActivityKind]
) -> None:
    register(
        load_factor_csv(
            Path(__file__).parent / "food_ademe.csv",
            id="food.ademe",
            version="2026.7",
            kinds=kinds,
            title="ADEME Impact CO2: meals (Agribalyse 3.2) and drinks per litre",
        )
    )
