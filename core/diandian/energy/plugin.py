"""The energy activity kinds and factor tables, registered as a core default plugin."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from .. import hookimpl
from ..scene_types import DerivedTable
from .kinds import ACTIVITY_KINDS
from .tables import TABLES, energy_tables

if TYPE_CHECKING:
    from ..activities import ActivityKind
    from ..factors import EmissionFactor


@hookimpl
def diandian_register_activity_kinds(register: Callable[[ActivityKind], None]) -> None:
    for kind in ACTIVITY_KINDS:
        register(kind)


@hookimpl
def diandian_register_factor_tables(register: Callable[[DerivedTable], None]) -> None:
    # read when factors are first needed, and parsed once with the grid factors derived from them
    for _, table_id, version, title in TABLES:
        register(
            DerivedTable(
                id=table_id, version=version, title=title, factors=partial(_factors, table_id, version)
            )
        )


def _factors(table_id: str, version: str) -> tuple[EmissionFactor, ...]:
    return next(t.factors for t in energy_tables() if (t.id, t.version) == (table_id, version))
