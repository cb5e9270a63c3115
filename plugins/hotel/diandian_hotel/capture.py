"""Answers -> activities: room-nights (your share of them), breakfasts, laundry, meeting space.

The row path (:func:`capture`) and the columnar path (:func:`capture_columns`) give the same
quantities, so a year of bookings as NumPy columns totals exactly what the rows would.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import diandian
from diandian import Activity, ActivityColumn, Scene

from .kinds import BREAKFAST, LAUNDRY, MEETING_SPACE, ROOM_NIGHT
from .questionnaire import MAX_NIGHTS

# DESNZ gives London its own hotel factor (GB-LND); other cities use their country's.
_CITY_REGIONS = {("GB", "london"): "GB-LND"}
_COLUMNS_UNSUPPORTED = ("city", "meeting_area_m2", "meeting_hours")


def stay_nights(answers: Mapping[str, Any]) -> int:
    """Nights per room, counted from the dates when those were given."""
    if answers.get("stay_by") != "dates":
        return int(answers["nights"])
    nights = (answers["check_out"] - answers["check_in"]).days
    if nights > MAX_NIGHTS:
        raise diandian.ValidationFailed.single(
            "check_out", "above_maximum", f"a stay of {nights} nights is longer than {MAX_NIGHTS}"
        )
    return int(nights)


def room_nights(answers: Mapping[str, Any]) -> int:
    """Rooms times nights: the whole booking."""
    return int(answers["rooms"]) * stay_nights(answers)


def _city_region(city: str, country: str | None) -> str:
    from diandian.travel import resolve_place  # the shared gazetteer, loaded only for a city answer

    place = resolve_place(city, path="city")
    if country and country != "OTHER" and place.country != country:
        raise diandian.ValidationFailed.single(
            "city", "city_not_in_country", f"{city[:40]!r} is in {place.country}, not in {country}"
        )
    return _CITY_REGIONS.get((place.country, (place.city or "").lower()), place.factor_region)


def region(answers: Mapping[str, Any], scene: Scene) -> str | None:
    """The hotel's factor region: the city's, else the country chosen, else the scene's."""
    country = answers.get("country")
    if answers.get("city"):
        return _city_region(answers["city"], country)
    if country == "OTHER":
        return "world"
    return country or scene.region


def _has_override(scene: Scene, key: str) -> bool:
    return any(f.activity == key for f in scene.factor_overrides)


def capture(answers: Mapping[str, Any], scene: Scene) -> list[Activity]:
    """The activities of one validated answer set (one booking, or one guest's share of it)."""
    where = region(answers, scene)
    nights = stay_nights(answers)
    booked = int(answers["rooms"]) * nights
    guests = answers.get("guests")
    stay = "check_in" if answers.get("stay_by") == "dates" else "nights"
    detail = {"rooms": answers["rooms"], "nights": nights, **({"guests": guests} if guests else {})}
    activities = [
        Activity(ROOM_NIGHT.key, booked / guests if guests else float(booked), where, stay, detail=detail)
    ]
    if answers.get("breakfast"):
        # one breakfast per guest per night; without a guest count, one guest per room
        breakfasts = nights if guests else booked
        activities.append(Activity(BREAKFAST.key, float(breakfasts), where, "breakfast"))
    if answers.get("laundry_kg"):
        activities.append(Activity(LAUNDRY.key, float(answers["laundry_kg"]), where, "laundry_kg"))
    if answers.get("meeting_area_m2"):
        if not _has_override(scene, MEETING_SPACE.key):
            raise diandian.ValidationFailed.single(
                "meeting_area_m2",
                "needs_property_factor",
                "meeting space needs the property's measured kg CO2e per m² per hour "
                "(HotelMeasurement(...).overrides() as the scene's factor_overrides)",
            )
        area_hours = float(answers["meeting_area_m2"]) * float(answers["meeting_hours"])
        activities.append(Activity(MEETING_SPACE.key, area_hours, where, "meeting_area_m2"))
    return activities


def _column_nights(columns: Mapping[str, Any]) -> Any:
    import numpy as np  # only the columnar path needs NumPy; loading the plugin must stay light

    if "nights" in columns:
        return np.asarray(columns["nights"], dtype=np.int64)
    if "check_in" not in columns or "check_out" not in columns:
        raise diandian.ValidationFailed.single(
            "nights", "required", "give a nights column, or check_in and check_out columns"
        )
    try:
        check_in = np.asarray(columns["check_in"], dtype="datetime64[D]")
        check_out = np.asarray(columns["check_out"], dtype="datetime64[D]")
    except (ValueError, TypeError) as exc:
        raise diandian.ValidationFailed.single("check_in", "not_a_date", str(exc)[:200]) from None
    nights = (check_out - check_in).astype(np.int64)
    bad = np.flatnonzero((nights < 1) | (nights > MAX_NIGHTS))
    if bad.size:
        shown = ", ".join(f"row {i}: {nights[i]} nights" for i in bad[:5])
        raise diandian.ValidationFailed.single(
            "check_out",
            "out_of_range",
            f"{bad.size} rows do not check out 1 to {MAX_NIGHTS} nights after check-in ({shown})",
        )
    return nights


def capture_columns(columns: Mapping[str, Any]) -> list[ActivityColumn]:
    """The same activities for many bookings at once, as NumPy columns (``SceneType.columnar``)."""
    import numpy as np

    for name in _COLUMNS_UNSUPPORTED:
        if name in columns:
            raise diandian.ValidationFailed.single(
                name, "not_in_columns", f"{name} is answered one booking at a time, not in columns"
            )
    nights = _column_nights(columns)
    rows = nights.shape[0]
    rooms = np.asarray(columns.get("rooms", np.ones(rows, dtype=np.int64)), dtype=np.int64)
    booked = rooms * nights
    where = None
    if "country" in columns:
        # "OTHER" has no factor of its own, so its lookup falls back to "world", as in `region`;
        # passing the validated column itself lets the engine reuse its per-row option index
        where = np.asarray(columns["country"])
    out = [ActivityColumn(ROOM_NIGHT.key, booked, where)]
    if "guests" in columns:
        guests = np.asarray(columns["guests"], dtype=np.float64)
        out[0] = ActivityColumn(ROOM_NIGHT.key, booked / guests, where)
    if "breakfast" in columns:
        served = np.asarray(columns["breakfast"])
        if served.dtype.kind != "b":
            raise diandian.ValidationFailed.single(
                "breakfast", "not_a_boolean", f"must be a boolean column, got dtype {served.dtype}"
            )
        per_booking = nights if "guests" in columns else booked
        out.append(ActivityColumn(BREAKFAST.key, np.where(served, per_booking, 0), where))
    if "laundry_kg" in columns:
        out.append(ActivityColumn(LAUNDRY.key, np.asarray(columns["laundry_kg"], dtype=np.float64), where))
    return out
