"""The travel activity kinds and factor tables, registered as a core default plugin."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .. import hookimpl
from ..activities import ActivityKind
from ..scene_types import FactorFile
from .modes import ACTIVITY_KINDS

TABLE_ID = "travel.desnz"
TABLE_VERSION = "2024.2"


@hookimpl
def diandian_register_activity_kinds(register: Callable[[ActivityKind], None]) -> None:
    for kind in ACTIVITY_KINDS:
        register(kind)


@hookimpl
def diandian_register_factor_tables(register: Callable[[FactorFile], None]) -> None:
    register(
        FactorFile(
            Path(__file__).parent / "travel_factors.csv",
            id=TABLE_ID,
            version=TABLE_VERSION,
            title="Passenger travel: DESNZ 2024 (flights with radiative forcing apart), with stated proxies",
        )
    )
