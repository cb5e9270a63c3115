"""The booking-record entry point: what a booking system knows -> the stay's footprint.

A booking (check-in and check-out dates, or a number of nights; rooms, guests, where) becomes
the hotel questionnaire's answers, so it is validated like any visitor's answers and every
problem names the booking field. :func:`footprint_booking` gives one guest's share by default,
or the whole booking with ``per_guest=False``::

    booking = Booking.from_record({"check_in": "2024-09-06", "check_out": "2024-09-08", "rooms": 1, "guests": 2})
    guest = footprint_booking(engine, booking)                   # each guest's share
    whole = footprint_booking(engine, booking, per_guest=False)  # the whole booking

No switch says which kind of stay it is: a booking with dates is counted from its dates, one
with ``nights`` from its nights; giving both, or neither, is refused naming the fields.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs
import diandian
from diandian import Problem, Scene, ValidationFailed

from .capture import capture, room_nights
from .questionnaire import QUESTIONNAIRE

if TYPE_CHECKING:
    from diandian import Footprint

SCENE_TYPE = "hotel"


@attrs.frozen
class Booking:
    """One booking record. Give ``check_in`` and ``check_out`` (dates, or ``YYYY-MM-DD``
    text) or ``nights``. ``country`` (ISO code) or ``city`` say where the hotel is."""

    check_in: dt.date | str | None = None
    check_out: dt.date | str | None = None
    rooms: int = 1
    guests: int = 1
    country: str | None = None
    city: str | None = None
    breakfast: bool = False
    nights: int | None = None

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Booking:
        """A booking from a booking system's record (JSON-like: dates as ``YYYY-MM-DD``);
        an unknown key is refused naming it, so a misspelt ``chek_in`` is never ignored."""
        fields = attrs.fields_dict(cls)
        unknown = [key for key in record if key not in fields]
        if unknown:
            known = ", ".join(fields)
            raise ValidationFailed(
                [
                    Problem(str(key), "unknown_field", f"is not a booking field; known: {known}")
                    for key in unknown
                ],
                what="booking",
            )
        return cls(**{str(key): value for key, value in record.items()})


def booking_answers(booking: Booking) -> dict[str, Any]:
    """The hotel questionnaire's answers for one guest of ``booking``."""
    has_dates = booking.check_in is not None or booking.check_out is not None
    if has_dates and booking.nights is not None:
        raise ValidationFailed.single(
            "nights", "dates_and_nights", "give check_in and check_out, or nights, not both", what="booking"
        )
    answers: dict[str, Any] = {
        "rooms": booking.rooms,
        "guests": booking.guests,
        "breakfast": booking.breakfast,
    }
    if has_dates or booking.nights is None:
        answers.update(stay_by="dates", check_in=booking.check_in, check_out=booking.check_out)
    else:
        answers.update(stay_by="nights", nights=booking.nights)
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
    engine: diandian.Engine,
    booking: Booking,
    *,
    scene: Scene | None = None,
    lang: str = "en",
    per_guest: bool = True,
) -> Footprint:
    """The footprint of ``booking``: one guest's share (``per_guest``, the default, computed
    by ``engine`` like any hotel answers) or the whole booking (every room-night and every
    guest's breakfasts). ``scene`` (the hotel) gives the region and any measured factors."""
    answers = booking_answers(booking)
    if per_guest:
        return engine.footprint(SCENE_TYPE, answers, scene=scene, lang=lang)
    values = engine.validate(SCENE_TYPE, answers, lang=lang).values
    where = scene or Scene(id=f"ad-hoc:{SCENE_TYPE}", name={"en": SCENE_TYPE}, scene_types=(SCENE_TYPE,))
    guests = int(values["guests"])
    # one guest's activities times the guests: every room-night, a breakfast per guest per night
    activities = [
        attrs.evolve(a, quantity=a.quantity * guests, scene_type=SCENE_TYPE) for a in capture(values, where)
    ]
    return engine.footprint_activities(activities, scene=where)
