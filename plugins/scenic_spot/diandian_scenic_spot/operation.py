"""The site's own numbers, when its operator gives them: electricity a year over visitors a year.

They enter a visitor's footprint as a scene factor override for ``operations.scenic_spot.visit``,
replacing the per-visit estimate, with the arithmetic in the factor's ``method``.
"""

from __future__ import annotations

import attrs
from diandian import EmissionFactor, FactorSet, FactorSource, Quality, Scene, text
from diandian.energy import grid_region

from .kinds import SITE_VISIT


def site_operation_factor(
    annual_kwh: float, annual_visitors: int, grid: EmissionFactor, *, operator: str, year: int
) -> EmissionFactor:
    """Grams CO2e per visit: ``annual_kwh / annual_visitors`` kWh times the ``grid`` factor."""
    if not annual_kwh >= 0:
        raise ValueError(f"annual_kwh must be a number >= 0, got {annual_kwh!r}")
    if type(annual_visitors) is not int or annual_visitors < 1:
        raise ValueError(f"annual_visitors must be a whole number >= 1, got {annual_visitors!r}")
    kwh = annual_kwh / annual_visitors
    grams = kwh * grid.grams
    return EmissionFactor(
        activity=SITE_VISIT.key,
        region="world",
        grams=grams,
        unit=SITE_VISIT.unit,
        source=FactorSource(
            publisher=operator, document="Site electricity and visitors reported by the operator", year=year
        ),
        quality=Quality.DERIVED,
        method=(
            f"{annual_kwh:,.1f} kWh a year / {annual_visitors:,} visitors = {kwh:.6g} kWh per visit"
            f" x {grid.grams:g} g/kWh ({grid.ref()}) = {grams:.6g} g"
        ),
        method_zh=(
            f"每年 {annual_kwh:,.1f} kWh ÷ {annual_visitors:,} 名游客 = 每次游览 {kwh:.6g} kWh"
            f" × {grid.grams:g} g/kWh（{grid.ref()}）= {grams:.6g} g"
        ),
        label=text("The visit's share of the site's electricity", "游览分摊的景区用电"),
        table="scenic_spot.site_operation",
        version=str(year),
    )


def with_site_operation(
    scene: Scene, factor_set: FactorSet, annual_kwh: float, annual_visitors: int, *, operator: str, year: int
) -> Scene:
    """``scene`` with the operator's per-visit factor, on the grid of the scene's place."""
    region = grid_region(scene.place)
    grid = factor_set.find("energy.electricity", region)
    if grid is None:
        raise LookupError(f"no electricity factor for grid region {region!r}")
    factor = site_operation_factor(annual_kwh, annual_visitors, grid, operator=operator, year=year)
    others = tuple(f for f in scene.factor_overrides if f.activity != SITE_VISIT.key)
    return attrs.evolve(scene, factor_overrides=(*others, factor))
