"""The activity kinds the hotel scene type produces, each in its canonical unit."""

from __future__ import annotations

from diandian import ActivityKind, text
from diandian.lodging import ROOM_NIGHT

BREAKFAST = ActivityKind(
    "lodging.breakfast", "meal", "food", text("Breakfasts included in the room rate", "房费所含早餐")
)
LAUNDRY = ActivityKind("lodging.laundry", "kg", "lodging", text("Hotel laundry service", "酒店洗衣服务"))
MEETING_SPACE = ActivityKind(
    "lodging.meeting_space", "m2.h", "lodging", text("Hotel meeting space", "酒店会议场地")
)

KINDS = (ROOM_NIGHT, BREAKFAST, LAUNDRY, MEETING_SPACE)

# What a restaurant breakfast is called in a mixed venue; a hotel breakfast line excludes it.
RESTAURANT_BREAKFAST = "food.breakfast"
