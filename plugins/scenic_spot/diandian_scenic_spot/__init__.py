"""The scenic_spot scene type: a visitor's trip, rides in the park, share of the site, meals and stay.

Sightseeing buses and boats use the shared travel factors per passenger-km; cable-car rides and
the visit's share of the site's operation are estimates, flagged with their method (the ride's
kWh times each grid factor, derived when the tables load; ``site_operation_estimate.csv``). An operator who knows the site's
electricity and visitors replaces the share with :func:`with_site_operation`. Room-nights are the
shared ones of ``diandian.lodging``. Method and factors: sdk_docs/plugins/scenic_spot.md.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import diandian
from diandian import DerivedTable, FactorFile, SceneType, lazy_exports, text
from diandian.energy import derived_electricity_factors

from .kinds import ACTIVITY_KINDS, CABLE_CAR, CABLE_CAR_KWH_METHOD, CABLE_CAR_KWH_PER_RIDE

if TYPE_CHECKING:
    from .operation import site_operation_factor, with_site_operation

__version__ = "1.0.0"
__all__ = ["SCENE_TYPE", "site_operation_factor", "with_site_operation"]

# Loading the plugin registers its kinds and scene type only; the questionnaire, the capture and
# the operator's API load on first use, so listing plugins stays cheap.
__getattr__ = lazy_exports(
    __name__, dict.fromkeys(("site_operation_factor", "with_site_operation"), "operation")
)

_HERE = Path(__file__).parent

EXAMPLE = {
    "legs": [{"mode": "rail_high_speed", "from_place": "Hangzhou", "to_place": "黄山"}],
    "days": 2,
    "bus_rides": 2,
    "bus_km_per_ride": 15,
    "cable_car_rides": 2,
    "meals": [{"type": "average", "count": 3}],
    "nights": 1,
    "hotel_city": "Huangshan",
}


SCENE_TYPE = SceneType(
    name="scenic_spot",
    title=text("Scenic spot visitor", "景区游客"),
    questionnaire="diandian_scenic_spot.questionnaire:QUESTIONNAIRE",
    description=text(
        "A visitor's trip, sightseeing bus, boat and cable-car rides, share of the site's "
        "operation, meals and overnight stay.",
        "游客的往返交通、观光车、游船与索道、分摊的景区运营排放、餐饮与住宿。",
    ),
    example_answers=EXAMPLE,
    activity_kinds=ACTIVITY_KINDS,
    capture="diandian_scenic_spot.capture:capture_visit",
    factor_tables=(
        FactorFile(
            _HERE / "site_operation_estimate.csv",
            "scenic_spot.site_operation.estimate",
            "1",
            "A visit's share of a scenic spot's operation: meta-analysis estimate",
        ),
        DerivedTable(
            id="scenic_spot.cable_car.estimate",
            version="2",
            title="Cable-car ride per passenger: an estimate of kWh times each grid factor",
            factors=partial(
                derived_electricity_factors,
                CABLE_CAR,
                CABLE_CAR_KWH_PER_RIDE,
                method=CABLE_CAR_KWH_METHOD,
                label=text("Cable car ride, per passenger one way (estimate)", "索道单程每人（估算）"),
            ),
        ),
    ),
)

diandian_register_scene_types = diandian.register_scene_types(SCENE_TYPE)
