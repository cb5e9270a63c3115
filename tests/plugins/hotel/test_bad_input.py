"""Bad hotel answers are refused naming the field; odd but possible ones pass with a warning."""

import datetime as dt

import diandian
import pytest
from diandian import ValidationFailed
from diandian_hotel import Booking, HotelMeasurement, footprint_booking, room_nights_per_guest


def problems(engine: diandian.Engine, answers: object) -> dict[str, str]:
    with pytest.raises(ValidationFailed) as caught:
        engine.footprint("hotel", answers)
    return {p.path: p.code for p in caught.value.problems}


@pytest.mark.parametrize(
    ("answers", "path", "code"),
    [
        ({"nights": 400}, "nights", "above_maximum"),
        ({"nights": 2, "laundry_kg": -5}, "laundry_kg", "below_minimum"),
        ({"nights": 2, "guests": 0}, "guests", "below_minimum"),
        ({"nights": 2, "country": "Atlantis"}, "country", "unknown_option"),
        ({"nights": 2, "city": "x" * 1_000_000}, "city", "too_long"),
        ({"nights": 2, "breakfast": "yes"}, "breakfast", "not_a_boolean"),
        ({"nights": 2, "meeting_area_m2": 50}, "meeting_hours", "required"),
        (
            {"stay_by": "dates", "check_in": "2024-09-08", "check_out": "2024-09-06"},
            "check_out",
            "date_order",
        ),
    ],
)
def test_refused_with_the_field_named(engine: diandian.Engine, answers: dict, path: str, code: str) -> None:
    assert problems(engine, answers)[path] == code


def test_a_megabyte_string_is_not_echoed_back(engine: diandian.Engine) -> None:
    with pytest.raises(ValidationFailed) as caught:
        engine.footprint("hotel", {"nights": 2, "city": "成" * 1_000_000})
    assert len(str(caught.value)) < 300


def test_meeting_space_without_the_property_figure_is_refused(engine: diandian.Engine) -> None:
    answers = {"nights": 1, "meeting_area_m2": 100, "meeting_hours": 4}
    assert problems(engine, answers) == {"meeting_area_m2": "needs_property_factor"}


def test_absurd_but_possible_stays_pass_with_warnings(engine: diandian.Engine) -> None:
    footprint = engine.footprint("hotel", {"rooms": 12, "nights": 90, "country": "CN", "laundry_kg": 40})
    assert {w.path for w in footprint.warnings} == {"rooms", "nights", "laundry_kg"}
    assert all(w.severity == "warning" for w in footprint.warnings)
    assert footprint.lines[0].grams == 12 * 90 * 53_500


def test_bad_bookings_name_the_booking_field(engine: diandian.Engine) -> None:
    no_guests = Booking(dt.date(2024, 9, 6), dt.date(2024, 9, 8), guests=0)
    with pytest.raises(ValidationFailed, match="guests"):
        room_nights_per_guest(no_guests)
    backwards = Booking(dt.date(2024, 9, 8), dt.date(2024, 9, 6))
    with pytest.raises(ValidationFailed, match="check_out"):
        footprint_booking(engine, backwards)
    year_and_more = Booking(dt.date(2024, 1, 1), dt.date(2025, 1, 5))
    with pytest.raises(ValidationFailed, match="check_out"):
        footprint_booking(engine, year_and_more)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kg_per_occupied_room_night": -1.0}, "kg_per_occupied_room_night"),
        ({"kg_per_occupied_room_night": float("nan")}, "kg_per_occupied_room_night"),
        ({"kg_per_m2_hour_meeting": 1e9}, "kg_per_m2_hour_meeting"),
        ({"year": 1066}, "year"),
        ({"property_name": " "}, "property_name"),
    ],
)
def test_bad_measurements_are_refused(kwargs: dict, field: str) -> None:
    values = {"property_name": "Hotel", "year": 2024, **kwargs}
    with pytest.raises(ValidationFailed) as caught:
        HotelMeasurement(**values)
    assert caught.value.problems[0].path == field


def test_bad_totals_are_refused() -> None:
    with pytest.raises(ValidationFailed) as caught:
        HotelMeasurement.from_totals("H", 2024, total_kg=1e6, occupied_room_nights=0, guest_area_m2=100)
    assert caught.value.problems[0].path == "occupied_room_nights"
    with pytest.raises(ValidationFailed, match="meeting_hours"):
        HotelMeasurement.from_totals(
            "H", 2024, total_kg=1e6, occupied_room_nights=10, guest_area_m2=100, meeting_area_m2=20
        )
