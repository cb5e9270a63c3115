"""The booking-record entry point: what a booking system knows -> each guest's share of the stay.

A booking (check-in, check-out, rooms, guests) becomes the hotel questionnaire's answers, so
it is validated like any visitor's answers and every problem names the booking field::

    footprint = footprint_booking(engine, Booking(date(2024, 9, 6), date(2024, 9, 8), rooms=1, guests=2))
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import diandian
from diandian import Footprint, Scene

from .capture import room_nights
from .questionnaire import QUESTIONNAIRE


@attrs.frozen
class Booking:
    """One booking record. ``country`` (ISO code) or ``city`` say where the hotel is."""

    check_in: dt.date
    check_out: dt.date
    rooms: int = 1
    guests: int = 1
    country: str | None = None
    city: str | None = None
    breakfast: bool = False

    @property
    def nights(self) -> int:
        return (self.check_out - self.check_in).days


def booking_answers(booking: Booking) -> dict[str, Any]:
    """The hotel questionnaire's answers for one guest of ``booking``."""
    answers: dict[str, Any] = {
        "rooms": booking.rooms,
        "stay_by": "dates",
        "check_in": booking.check_in,
        "check_out": booking.check_out,
        "guests": booking.guests,
        "breakfast": booking.breakfast,
    }
    if booking.country is not None:
        answers["country"] = booking.country
    if booking.city is not None:
        answers["city"] = booking.city
    return answers


def room_nights_per_guest(booking: Booking) -> float:
    """Rooms x nights / guests: the room-nights each guest of the booking carries.

    The booking is validated first, so a bad one raises :class:`diandian.ValidationFailed`.
    """
    answers = QUESTIONNAIRE.validate(booking_answers(booking)).values
    return room_nights(answers) / int(answers["guests"])


def footprint_booking(
    engine: diandian.Engine, booking: Booking, *, scene: Scene | None = None, lang: str = "en"
) -> Footprint:
    """One guest's footprint of ``booking``, computed by ``engine`` like any hotel answers."""
    return engine.footprint("hotel", booking_answers(booking), scene=scene, lang=lang)
