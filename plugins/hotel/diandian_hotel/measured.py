"""A property's own measured footprint, HCMI-style, as factor overrides for its scene.

HCMI (Hotel Carbon Measurement Initiative) reports a hotel's footprint per occupied room-night
and per m² of meeting space per hour. A property that has those figures gives them here; one
that has only its yearly total can have them computed with :meth:`HotelMeasurement.from_totals`.
The result goes into ``Scene(factor_overrides=measurement.overrides())``.
"""

from __future__ import annotations

import math

import attrs
import diandian
from diandian import EmissionFactor, FactorSource, Quality

from .kinds import BREAKFAST, MEETING_SPACE, RESTAURANT_BREAKFAST, ROOM_NIGHT

TABLE = "hotel.measured"
# Upper bounds: above these a figure is a unit mistake, not a hotel.
_PER_UNIT_KG = 1.0e4
_TOTAL = 1.0e9
_HOURS_IN_A_YEAR = 8_784


def _positive(path: str, value: float | None, maximum: float, *, allow_zero: bool = False) -> None:
    if value is None:
        return
    ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    if not ok or value < 0 or (value == 0 and not allow_zero) or value > maximum:
        above = "at least 0" if allow_zero else "above 0"
        raise diandian.ValidationFailed.single(
            path,
            "out_of_range",
            f"must be a finite number {above} and at most {maximum:g}, got {value!r}"[:200],
        )


@attrs.frozen
class HotelMeasurement:
    """A property's measured intensities for one year.

    ``breakfast_in_room_night`` says whether the room-night figure already covers the breakfast
    served with the rate; then breakfasts are not counted again, neither by the hotel nor by a
    restaurant of the same mixed venue.
    """

    property_name: str
    year: int
    kg_per_occupied_room_night: float | None = None
    kg_per_m2_hour_meeting: float | None = None
    breakfast_in_room_night: bool = False
    document: str = "HCMI measurement"
    method: str = ""
    method_zh: str = ""

    def __attrs_post_init__(self) -> None:
        name = self.property_name
        if not isinstance(name, str) or not name.strip() or len(name) > 200:
            raise diandian.ValidationFailed.single(
                "property_name", "bad_name", "must be 1 to 200 characters of text"
            )
        if type(self.year) is not int or not (1990 <= self.year <= 2100):
            raise diandian.ValidationFailed.single("year", "out_of_range", f"not a year: {self.year!r}")
        _positive("kg_per_occupied_room_night", self.kg_per_occupied_room_night, _PER_UNIT_KG)
        _positive("kg_per_m2_hour_meeting", self.kg_per_m2_hour_meeting, _PER_UNIT_KG)

    @classmethod
    def from_totals(
        cls,
        property_name: str,
        year: int,
        *,
        total_kg: float,
        occupied_room_nights: float,
        guest_area_m2: float,
        meeting_area_m2: float = 0.0,
        meeting_hours: float = 0.0,
        breakfast_in_room_night: bool = False,
    ) -> HotelMeasurement:
        """Split a year's total between rooms and meeting space by floor area, HCMI-style.

        meeting share = meeting area / (meeting area + guest-room and corridor area);
        per m²·h = total x share / (meeting area x hours); per occupied room-night =
        total x (1 - share) / occupied room-nights. This area split is how HCMI is commonly
        implemented; the HCMI text itself was not checked, so the figures are ``derived``.
        """
        _positive("total_kg", total_kg, _TOTAL)
        _positive("occupied_room_nights", occupied_room_nights, _TOTAL)
        _positive("guest_area_m2", guest_area_m2, _TOTAL)
        _positive("meeting_area_m2", meeting_area_m2, _TOTAL, allow_zero=True)
        _positive("meeting_hours", meeting_hours, _HOURS_IN_A_YEAR, allow_zero=True)
        if meeting_area_m2 and not meeting_hours:
            raise diandian.ValidationFailed.single(
                "meeting_hours", "required", "meeting space needs the hours it was available in the year"
            )
        share = meeting_area_m2 / (meeting_area_m2 + guest_area_m2)
        per_m2_hour = total_kg * share / (meeting_area_m2 * meeting_hours) if meeting_area_m2 else None
        per_room_night = total_kg * (1 - share) / occupied_room_nights
        method = (
            f"HCMI-style floor-area split of {total_kg:g} kg CO2e: meeting share {meeting_area_m2:g} / "
            f"({meeting_area_m2:g} + {guest_area_m2:g}) m² = {share:.4f}; rooms {per_room_night:.4f} kg "
            f"per occupied room-night over {occupied_room_nights:g}"
            + (f"; meeting {per_m2_hour:.6f} kg per m²·h over {meeting_hours:g} h" if per_m2_hour else "")
        )
        method_zh = (
            f"按 HCMI 方法以建筑面积分摊 {total_kg:g} kg CO2e：会议部分 {meeting_area_m2:g} / "
            f"({meeting_area_m2:g} + {guest_area_m2:g}) m² = {share:.4f}；客房在 {occupied_room_nights:g} "
            f"个已售间夜上每间夜 {per_room_night:.4f} kg"
            + (f"；会议在 {meeting_hours:g} h 内每 m²·h {per_m2_hour:.6f} kg" if per_m2_hour else "")
        )
        return cls(
            property_name,
            year,
            kg_per_occupied_room_night=per_room_night,
            kg_per_m2_hour_meeting=per_m2_hour,
            breakfast_in_room_night=breakfast_in_room_night,
            document="HCMI-style totals",
            method=method,
            method_zh=method_zh,
        )

    def _factor(
        self, activity: str, kg: float, unit: str, what: str, includes: tuple[str, ...]
    ) -> EmissionFactor:
        return EmissionFactor(
            activity=activity,
            region="world",  # the scene is this one property: every region uses its figure
            grams=kg * 1000.0,
            unit=unit,
            source=FactorSource(self.property_name, self.document, self.year, what),
            quality=Quality.DERIVED if self.method else Quality.SOURCED,
            method=self.method,
            method_zh=self.method_zh,
            includes=includes,
            table=TABLE,
            version=str(self.year),
        )

    def overrides(self) -> tuple[EmissionFactor, ...]:
        """The factors this property replaces, for ``Scene(factor_overrides=...)``."""
        breakfast = (BREAKFAST.key, RESTAURANT_BREAKFAST) if self.breakfast_in_room_night else ()
        out = []
        if self.kg_per_occupied_room_night is not None:
            out.append(
                self._factor(
                    ROOM_NIGHT.key,
                    self.kg_per_occupied_room_night,
                    ROOM_NIGHT.unit,
                    "kg CO2e per occupied room-night",
                    breakfast,
                )
            )
        if self.kg_per_m2_hour_meeting is not None:
            out.append(
                self._factor(
                    MEETING_SPACE.key,
                    self.kg_per_m2_hour_meeting,
                    MEETING_SPACE.unit,
                    "kg CO2e per m² of meeting space per hour",
                    (),
                )
            )
        if self.breakfast_in_room_night:
            # a zero line keeps the breakfast visible and says where it is counted
            included = attrs.evolve(
                self._factor(
                    BREAKFAST.key, 0.0, BREAKFAST.unit, "breakfast in the room-night figure", breakfast
                ),
                quality=Quality.DERIVED,
                method=f"included in {self.property_name}'s room-night figure",
                method_zh=f"已计入 {self.property_name} 的每间夜排放",
            )
            out.append(included)
        return tuple(out)
