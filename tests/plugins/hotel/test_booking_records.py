"""Booking records: dates or nights without a switch, the whole booking or each guest's share,
unknown keys refused by name."""

from __future__ import annotations

import datetime as dt

import diandian
import pytest
from diandian_hotel import Booking, footprint_booking


def test_dates_and_nights_give_the_same_stay(engine: diandian.Engine) -> None:
    by_dates = Booking.from_record(
        {"check_in": "2024-09-06", "check_out": "2024-09-09", "rooms": 2, "guests": 4, "country": "JP"}
    )
    by_nights = Booking(nights=3, rooms=2, guests=4, country="JP")
    as_dates = Booking(dt.date(2024, 9, 6), dt.date(2024, 9, 9), rooms=2, guests=4, country="JP")
    grams = {footprint_booking(engine, b).grams for b in (by_dates, by_nights, as_dates)}
    assert grams == {58_500}  # 6 room-nights / 4 guests x 39.0 kg (DESNZ 2024, Japan)


@pytest.mark.parametrize("breakfast", [False, True])
@pytest.mark.parametrize("guests", [1, 2, 3])
def test_whole_booking_is_every_guests_share(engine: diandian.Engine, guests: int, breakfast: bool) -> None:
    booking = Booking(nights=2, rooms=1, guests=guests, country="CN", breakfast=breakfast)
    share = footprint_booking(engine, booking)
    whole = footprint_booking(engine, booking, per_guest=False)
    assert abs(whole.grams - guests * share.grams) <= len(whole.lines) * guests  # rounding per line
    room_nights = next(line for line in whole.lines if line.activity.key == "lodging.room_night")
    assert room_nights.activity.quantity == 2.0
    if breakfast:
        breakfasts = next(line for line in whole.lines if line.activity.key == "lodging.breakfast")
        assert breakfasts.activity.quantity == 2.0 * guests


@pytest.mark.parametrize(
    ("record", "path", "code"),
    [
        ({"chek_in": "2024-09-06", "nights": 2}, "chek_in", "unknown_field"),
        ({"check_in": "2024-09-06", "check_out": "2024-09-08", "nights": 2}, "nights", "dates_and_nights"),
        ({"check_in": "2024-09-08", "check_out": "2024-09-06"}, "check_out", "date_order"),
        ({"check_in": "6/9/2024", "check_out": "2024-09-08"}, "check_in", "not_a_date"),
        ({}, "check_in", "required"),
        ({"nights": 0}, "nights", "below_minimum"),
    ],
)
def test_bad_records_name_the_field(
    engine: diandian.Engine, record: dict[str, object], path: str, code: str
) -> None:
    with pytest.raises(diandian.ValidationFailed) as refused:
        footprint_booking(engine, Booking.from_record(record), per_guest=False)
    assert (refused.value.problems[0].path, refused.value.problems[0].code) == (path, code)
