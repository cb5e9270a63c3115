"""The scenic-spot visitor's questionnaire: the trip there, rides in the park, meals and the stay."""

from __future__ import annotations

from diandian import Condition, Number, Questionnaire, Section, Text, text
from diandian.food import meals_question
from diandian.lodging import stay_section
from diandian.travel import travel_section

BUS_KM_PER_RIDE = 8.0
"""Default length of a sightseeing-bus ride (an assumption of this SDK, stated in the question's help)."""
BOAT_KM_PER_RIDE = 5.0
"""Default length of a boat ride (an assumption of this SDK, stated in the question's help)."""


def _rides(id: str, label: Text, *, maximum: int, warn_above: int) -> Number:
    return Number(
        id=id,
        label=label,
        unit="ride",
        minimum=0,
        maximum=maximum,
        warn_above=warn_above,
        integer=True,
        default=0,
    )


def _ride_km(id: str, rides: str, default: float, label: Text) -> Number:
    return Number(
        id=id,
        label=label,
        help=text(
            f"One way; {default:g} km if you do not know (an assumption of this SDK)",
            f"单程；如不清楚按 {default:g} 公里计（本 SDK 的假设）",
        ),
        unit="km",
        minimum=0.1,
        maximum=100,
        warn_above=30,
        default=default,
        condition=Condition(rides, truthy=True),
    )


QUESTIONNAIRE = Questionnaire(
    id="scenic_spot",
    title=text("Your visit's footprint", "您的游览碳足迹"),
    version="1",
    sections=(
        travel_section(shared="travel"),
        Section(
            id="visit",
            title=text("In the park", "景区内"),
            questions=(
                Number(
                    id="days",
                    label=text("Days in the park", "游览天数"),
                    unit="day",
                    minimum=1,
                    maximum=30,
                    warn_above=7,
                    integer=True,
                    default=1,
                    coarse=True,
                ),
                _rides(
                    "bus_rides", text("Sightseeing-bus rides", "观光车乘坐次数"), maximum=50, warn_above=10
                ),
                _ride_km(
                    "bus_km_per_ride",
                    "bus_rides",
                    BUS_KM_PER_RIDE,
                    text("Length of a bus ride", "每次乘车距离"),
                ),
                _rides("boat_rides", text("Boat rides", "游船乘坐次数"), maximum=20, warn_above=6),
                _ride_km(
                    "boat_km_per_ride",
                    "boat_rides",
                    BOAT_KM_PER_RIDE,
                    text("Length of a boat ride", "每次乘船距离"),
                ),
                _rides(
                    "cable_car_rides",
                    text("Cable-car rides, each way counted", "索道乘坐次数（单程计）"),
                    maximum=20,
                    warn_above=6,
                ),
                meals_question(
                    label=text("Meals a day, by main dish", "每天的餐数（按主菜）"),
                    maximum=10,
                    warn_above=5,
                ),
            ),
        ),
        stay_section(shared="stay"),
    ),
)
