"""The scenic-spot factor tables: the cable-car estimate follows every grid; the site share's arithmetic."""

from __future__ import annotations

import diandian
import pytest
from diandian_scenic_spot.kinds import CABLE_CAR, SITE_VISIT

CABLE_CAR_KWH_PER_RIDE = 36 / 60  # kWh per one-way cabin run / passengers in the cabin


def test_cable_car_is_the_stated_kwh_times_each_grid_factor(engine: diandian.Engine) -> None:
    factor_set = engine.factor_set
    regions = factor_set.regions(CABLE_CAR.key)
    assert {"CN", "CN-GRID-E", "CN-GRID-SW", "GB", "world"} <= set(regions)
    for region in regions:
        estimate, grid = factor_set.find(CABLE_CAR.key, region), factor_set.find("energy.electricity", region)
        assert estimate is not None and grid is not None
        assert grid.region == region, f"the energy tables have no {region} grid any more"
        assert estimate.grams == pytest.approx(CABLE_CAR_KWH_PER_RIDE * grid.grams, rel=1e-6), region
        assert estimate.quality is diandian.Quality.ESTIMATE


def test_site_share_is_the_in_park_part_of_the_meta_analysis_mean(engine: diandian.Engine) -> None:
    for region in ("CN", "world"):
        factor = engine.factor_set.find(SITE_VISIT.key, region)
        assert factor is not None and factor.region == region
        # 55.29 kg CO2 per tourist x 6.61 % in-park activities = 3.654669 kg
        assert factor.grams == pytest.approx(55.29 * 0.0661 * 1000)
        assert factor.quality is diandian.Quality.ESTIMATE
        assert factor.relative_uncertainty == 1.0
