"""Energy, shared by every scene type: electricity by grid region, natural gas and bought heat.

Activity kinds are in kWh. Electricity factors: China MEE/NBS national and regional grids (2022
and 2023 tables; the newest is used unless pinned), DESNZ for the UK, EPA eGRID for the US, Ember
for other countries and the world. :func:`derived_electricity_factors` turns a stated kWh per
unit of another activity into factors for every grid. Method and sources: sdk_docs/energy-and-food.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_exports
from .kinds import ACTIVITY_KINDS, ELECTRICITY, HEAT, NATURAL_GAS

if TYPE_CHECKING:
    from .regions import cn_grid_regions, grid_region
    from .tables import derived_electricity_factors, grid_factors

# the kinds are registered when plugins load; the grids load on first use (name -> submodule)
__getattr__ = lazy_exports(
    __name__,
    {
        **dict.fromkeys(("cn_grid_regions", "grid_region"), "regions"),
        **dict.fromkeys(("derived_electricity_factors", "grid_factors"), "tables"),
    },
)

__all__ = [
    "ACTIVITY_KINDS",
    "ELECTRICITY",
    "HEAT",
    "NATURAL_GAS",
    "cn_grid_regions",
    "derived_electricity_factors",
    "grid_factors",
    "grid_region",
]
