"""The scenic-spot activity kinds: cable-car rides and the visit's share of the site's operation.

Sightseeing buses and boats use the shared travel kinds (``transport.bus``, ``transport.ferry``)
per passenger-km; both estimates here are flagged in their factor tables.
"""

from __future__ import annotations

from diandian import ActivityKind, text
from diandian.lodging import ROOM_NIGHT

HOTEL = "hotel"
"""The hotel plugin's scene type: in a mixed venue with it, the stay is counted there, not again here."""

CABLE_CAR = ActivityKind(
    "transport.scenic.cable_car",
    "passenger.trip",
    "transport",
    text("Cable-car rides (one way)", "索道（单程）"),
)
SITE_VISIT = ActivityKind(
    "operations.scenic_spot.visit",
    "visit",
    "operations",
    text("The visit's share of the site's operation", "游览分摊的景区运营排放"),
)
ACTIVITY_KINDS = (CABLE_CAR, SITE_VISIT, ROOM_NIGHT)
