"""The spend activity kinds and the USEEIO table converted to CNY, registered as a core default plugin."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from .. import hookimpl
from ..scene_types import DerivedTable
from . import ACTIVITY_KINDS, per_cny

if TYPE_CHECKING:
    from ..activities import ActivityKind
    from ..factors import EmissionFactor

TABLE_ID = "spend.useeio"
TABLE_VERSION = "1.3.0"


@hookimpl
def diandian_register_activity_kinds(register: Callable[[ActivityKind], None]) -> None:
    for kind in ACTIVITY_KINDS:
        register(kind)


def _per_cny() -> tuple[EmissionFactor, ...]:
    from ..factor_files import load_factor_csv

    # the file holds the published per-USD values; they are read per USD, then converted once here
    in_usd = {kind.key: attrs.evolve(kind, unit="USD") for kind in ACTIVITY_KINDS}
    table = load_factor_csv(
        Path(__file__).parent / "useeio_v1_3_0_usd2022.csv", id=TABLE_ID, version=TABLE_VERSION, kinds=in_usd
    )
    return tuple(per_cny(f) for f in table.factors)


@hookimpl
def diandian_register_factor_tables(register: Callable[[DerivedTable], None]) -> None:
    register(
        DerivedTable(
            id=TABLE_ID,
            version=TABLE_VERSION,
            title="USEEIO v1.3.0 supply-chain factors per CNY spent, converted from 2022 USD (estimates)",
            factors=_per_cny,
        )
    )
