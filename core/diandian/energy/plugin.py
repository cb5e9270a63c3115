"""The energy activity kinds and factor tables, registered as a core default plugin."""

from __future__ import annotations

from collections.abc import Callable

from .. import hookimpl
from ..activities import ActivityKind
from ..factors import FactorTable
from .kinds import ACTIVITY_KINDS
from .tables import energy_tables


@hookimpl
def diandian_register_activity_kinds(register: Callable[[ActivityKind], None]) -> None:
    for kind in ACTIVITY_KINDS:
        register(kind)


@hookimpl
def diandian_register_factor_tables(register: Callable[[FactorTable], None]) -> None:
    for table in energy_tables():
        register(table)
