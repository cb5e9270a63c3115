"""Travel modes: their activity kinds, detour factors and the distances they can plausibly cover.

Distances computed from places are great-circle kilometres times the mode's ``detour`` factor
(route length over straight-line length). For flights this is the DESNZ 8 % uplift; every other
detour factor is an estimate of this SDK (see sdk_docs/travel.md). Limits are one-way kilometres:
above ``maximum_km`` a leg is refused as impossible, above ``warn_km`` it is accepted with a warning.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from ..activities import ActivityKind
from ..text import Text, text

FLIGHT_UPLIFT = 1.08
"""DESNZ's uplift on great-circle distance for flights (secondary source; see sdk_docs/travel.md)."""

LONG_HAUL_KM = 3700.0
"""A flight to or from the UK of this many kilometres or more takes the long-haul factors (estimate)."""

UK = "GB"
"""DESNZ groups flights by whether the UK is an end: its ISO 3166 code."""

ROAD_DETOUR = 1.3
"""Road route length over great-circle distance (estimate: typical road circuity is 1.2-1.4)."""


@attrs.frozen
class Mode:
    """One way of travelling, as the ``mode`` answer of a trip leg names it."""

    value: str
    label: Text
    detour: float
    maximum_km: float
    warn_km: float
    key: str = ""
    per_vehicle: bool = False


MODES: Mapping[str, Mode] = {
    m.value: m
    for m in (
        Mode("flight", text("Flight", "飞机"), FLIGHT_UPLIFT, 22_000, 16_000),
        Mode(
            "rail_high_speed",
            text("High-speed rail", "高铁"),
            1.2,
            12_000,
            4_000,
            "transport.rail.high_speed",
        ),
        Mode(
            "rail", text("Conventional rail", "普通铁路"), 1.3, 12_000, 5_000, "transport.rail.conventional"
        ),
        Mode("coach", text("Coach", "长途大巴"), ROAD_DETOUR, 6_000, 2_000, "transport.coach"),
        Mode("bus", text("Local bus", "公交车"), ROAD_DETOUR, 1_000, 100, "transport.bus"),
        Mode("metro", text("Metro", "地铁"), 1.2, 200, 80, "transport.metro"),
        Mode(
            "taxi", text("Taxi or ride-hailing", "出租车/网约车"), ROAD_DETOUR, 3_000, 300, "transport.taxi"
        ),
        Mode("car", text("Car", "自驾"), ROAD_DETOUR, 10_000, 2_500, per_vehicle=True),
        Mode(
            "motorbike", text("Motorbike", "摩托车"), ROAD_DETOUR, 8_000, 1_500, "transport.motorbike", True
        ),
        Mode("ferry", text("Ferry", "轮渡"), 1.1, 5_000, 1_000, "transport.ferry"),
        Mode("bicycle", text("Bicycle", "自行车"), ROAD_DETOUR, 1_000, 200, "transport.bicycle"),
        Mode("walk", text("Walking", "步行"), ROAD_DETOUR, 200, 50, "transport.walk"),
    )
}

CABINS: Mapping[str, Text] = {
    "economy": text("Economy", "经济舱"),
    "premium_economy": text("Premium economy", "超级经济舱"),
    "business": text("Business", "商务舱"),
    "first": text("First", "头等舱"),
    "average": text("Unknown / average", "不清楚（平均）"),
}
# DESNZ 2024 groups air passenger factors by geography; each group lists the cabins it gives a
# factor for, and a cabin it lacks falls back to the nearest one it has (see sdk_docs/travel.md)
HAULS: Mapping[str, tuple[str, ...]] = {
    "uk_domestic": ("average",),
    "short_haul": ("average", "economy", "business"),
    "long_haul": tuple(CABINS),
    "non_uk": tuple(CABINS),
}
_CABIN_FALLBACK = {
    "short_haul": {"premium_economy": "economy", "first": "business"},
    "uk_domestic": dict.fromkeys(CABINS, "average"),
}
HAUL_LABELS: Mapping[str, Text] = {
    "uk_domestic": text("Flight within the UK", "英国境内航班"),
    "short_haul": text("Short-haul flight to/from the UK", "往返英国的短途航班"),
    "long_haul": text("Long-haul flight to/from the UK", "往返英国的长途航班"),
    "non_uk": text("Flight", "航班"),
}


def flight_group(km: float, countries: tuple[str | None, str | None]) -> str:
    """The DESNZ group of a one-way flight of ``km`` between two countries (ISO codes).

    Both ends in the UK: ``uk_domestic``; one end: ``short_haul`` or ``long_haul`` by distance;
    neither: ``non_uk``. An unknown country (``None``) is taken as not the UK.
    """
    in_uk = sum(country == UK for country in countries)
    if in_uk == 2:
        return "uk_domestic"
    if in_uk == 1:
        return "long_haul" if km >= LONG_HAUL_KM else "short_haul"
    return "non_uk"


CAR_SIZES: Mapping[str, Text] = {
    "small": text("Small", "小型"),
    "medium": text("Medium", "中型"),
    "large": text("Large", "大型"),
    "average": text("Unknown / average", "不清楚（平均）"),
}
CAR_FUELS: Mapping[str, Text] = {
    "petrol": text("Petrol", "汽油"),
    "diesel": text("Diesel", "柴油"),
    "hybrid": text("Hybrid", "油电混合"),
    "phev": text("Plug-in hybrid", "插电混动"),
    "bev": text("Battery electric", "纯电动"),
    "cng": text("Natural gas (CNG)", "天然气（CNG）"),
    "lpg": text("Liquefied petroleum gas (LPG)", "液化石油气（LPG）"),
    "unknown": text("Unknown fuel", "不清楚"),
}
# DESNZ gives CNG and LPG cars only as an average size
_AVERAGE_SIZE_ONLY = frozenset({"cng", "lpg"})


def flight_keys(
    km: float, cabin: str, countries: tuple[str | None, str | None] = (None, None)
) -> tuple[str, str, str]:
    """``(activity key, radiative-forcing key, cabin used)`` for a one-way flight of ``km``.

    ``countries`` are the ISO codes of the two ends; see :func:`flight_group`.
    """
    haul = flight_group(km, countries)
    used = _CABIN_FALLBACK.get(haul, {}).get(cabin, cabin)
    return f"transport.flight.{haul}.{used}", f"transport.flight.rf.{haul}.{used}", used


def car_key(size: str, fuel: str) -> str:
    return f"transport.car.{'average' if fuel in _AVERAGE_SIZE_ONLY else size}.{fuel}"


def _kinds() -> tuple[ActivityKind, ...]:
    kinds: list[ActivityKind] = []
    for haul, cabins in HAULS.items():
        haul_en, haul_zh = HAUL_LABELS[haul]["en"], HAUL_LABELS[haul]["zh-CN"]
        for cabin in cabins:
            en, zh = CABINS[cabin]["en"].lower(), CABINS[cabin]["zh-CN"]
            kinds.append(
                ActivityKind(
                    f"transport.flight.{haul}.{cabin}",
                    "passenger.km",
                    "transport",
                    text(f"{haul_en}, {en}", f"{haul_zh}，{zh}"),
                )
            )
            kinds.append(
                ActivityKind(
                    f"transport.flight.rf.{haul}.{cabin}",
                    "passenger.km",
                    "transport",
                    text(
                        f"{haul_en}, {en}: radiative forcing (non-CO2 effects)",
                        f"{haul_zh}，{zh}：辐射强迫（非二氧化碳效应）",
                    ),
                )
            )
    for mode in MODES.values():
        if mode.key:
            unit = "vehicle.km" if mode.per_vehicle else "passenger.km"
            kinds.append(ActivityKind(mode.key, unit, "transport", mode.label))
    for size, size_label in CAR_SIZES.items():
        for fuel, fuel_label in CAR_FUELS.items():
            if fuel in _AVERAGE_SIZE_ONLY and size != "average":
                continue
            kinds.append(
                ActivityKind(
                    car_key(size, fuel),
                    "vehicle.km",
                    "transport",
                    text(
                        f"Car, {size_label['en'].lower()}, {fuel_label['en'].lower()}",
                        f"汽车，{size_label['zh-CN']}，{fuel_label['zh-CN']}",
                    ),
                )
            )
    return tuple(kinds)


ACTIVITY_KINDS: tuple[ActivityKind, ...] = _kinds()
