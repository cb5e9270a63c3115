"""The scenic-spot activity kinds: cable-car rides and the visit's share of the site's operation.

Sightseeing buses and boats use the shared travel kinds (``transport.bus``, ``transport.ferry``)
per passenger-km; both estimates here are flagged in their factor tables. A cable-car ride is
:data:`CABLE_CAR_KWH_PER_RIDE` times each grid factor of :mod:`diandian.energy`.
"""

from __future__ import annotations

from diandian import ActivityKind, text
from diandian.lodging import ROOM_NIGHT

CABLE_CAR = ActivityKind(
    "transport.scenic.cable_car",
    "passenger.trip",
    "transport",
    text("Cable-car rides (one way)", "索道（单程）"),
)
CABLE_CAR_KWH_PER_RIDE = 36 / 60  # kWh per one-way cabin run / passengers in the cabin
CABLE_CAR_KWH_METHOD = text(
    "estimate of this SDK, no sourced per-passenger value exists: 36 kWh per one-way cabin run "
    "(a 720 kW drive at half load for 6 minutes) / 60 passengers (a 100-person cabin 60 % full)",
    "本 SDK 的估算值，尚无有出处的每人数值：每个单程车厢运行 36 kWh"
    "（720 kW 驱动以半负荷运行 6 分钟）÷ 60 名乘客（100 人车厢按 60 % 载客）",
)
SITE_VISIT = ActivityKind(
    "operations.scenic_spot.visit",
    "visit",
    "operations",
    text("The visit's share of the site's operation", "游览分摊的景区运营排放"),
)
ACTIVITY_KINDS = (CABLE_CAR, SITE_VISIT, ROOM_NIGHT)
