"""The conference factor tables: every waste route asked for has its row, estimates follow the grids."""

from __future__ import annotations

import diandian
import pytest
from diandian_conference.kinds import MATERIALS, ROUTES_BY_STREAM, VENUE_ESTIMATE

VENUE_KWH_PER_ATTENDEE_DAY = 2.0


def test_every_material_and_waste_route_has_a_factor(engine: diandian.Engine) -> None:
    factor_set = engine.factor_set
    missing = [f"materials.{m}" for m in MATERIALS if factor_set.find(f"materials.{m}", "CN") is None]
    missing += [
        f"waste.{stream}.{route}"
        for stream, routes in ROUTES_BY_STREAM.items()
        for route in routes
        if factor_set.find(f"waste.{stream}.{route}", "CN") is None
    ]
    assert missing == []


def test_tonnes_are_converted_to_kilograms(engine: diandian.Engine) -> None:
    # DESNZ gives 1,339.32 kg CO2e per tonne of paper: 1.33932 kg = 1,339.32 g per kg
    assert engine.factor_set.find("materials.paper", None).grams == pytest.approx(1339.32)  # type: ignore[union-attr]


def test_venue_estimate_is_the_stated_kwh_times_each_grid_factor(engine: diandian.Engine) -> None:
    factor_set = engine.factor_set
    regions = factor_set.regions(VENUE_ESTIMATE.key)
    assert {"CN", "CN-GRID-SW", "CN-GRID-N", "GB", "US", "world"} <= set(regions)
    for region in regions:
        estimate = factor_set.find(VENUE_ESTIMATE.key, region)
        grid = factor_set.find("energy.electricity", region)
        assert estimate is not None and grid is not None
        assert grid.region == region, f"the energy tables have no {region} grid any more"
        assert estimate.grams == pytest.approx(VENUE_KWH_PER_ATTENDEE_DAY * grid.grams, rel=1e-6), region
        assert estimate.quality is diandian.Quality.ESTIMATE
