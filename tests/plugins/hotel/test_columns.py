"""A year of bookings as NumPy columns: the same grams as the row path, bad rows named."""

import datetime as dt

import diandian
import numpy as np
import pytest
from diandian import Scene, ValidationFailed
from diandian_hotel import Booking, HotelMeasurement, footprint_booking


def year_of_bookings(rows: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(11)
    check_in = np.datetime64("2024-01-01") + rng.integers(0, 360, rows)
    return {
        "rooms": rng.integers(1, 4, rows),
        "check_in": check_in,
        "check_out": check_in + rng.integers(1, 10, rows),
        "guests": rng.integers(1, 6, rows),
        "breakfast": rng.random(rows) < 0.5,
        "country": np.array(["CN", "JP", "HK", "OTHER"])[rng.integers(0, 4, rows)],
    }


def test_columns_equal_rows_for_bookings_by_dates(engine: diandian.Engine) -> None:
    columns = year_of_bookings(300)
    result = engine.footprint_columns("hotel", columns)
    expected = []
    for i in range(300):
        booking = Booking(
            check_in=columns["check_in"][i].astype(dt.date),
            check_out=columns["check_out"][i].astype(dt.date),
            rooms=int(columns["rooms"][i]),
            guests=int(columns["guests"][i]),
            country=str(columns["country"][i]),
            breakfast=bool(columns["breakfast"][i]),
        )
        expected.append(footprint_booking(engine, booking).grams)
    assert result.grams.tolist() == expected


def test_columns_use_the_property_override(engine: diandian.Engine) -> None:
    measured = HotelMeasurement("H", 2024, kg_per_occupied_room_night=20.0)
    scene = Scene(id="h", name={"en": "H"}, scene_types=("hotel",), factor_overrides=measured.overrides())
    result = engine.footprint_columns("hotel", {"nights": np.array([1, 2, 3])}, scene=scene)
    assert result.grams.tolist() == [20_000, 40_000, 60_000]  # 20.0 kg per occupied room-night


@pytest.mark.parametrize(
    ("columns", "path"),
    [
        ({"rooms": np.array([1, 1])}, "nights"),
        (
            {
                "check_in": np.array(["2024-01-05", "2024-01-01"]),
                "check_out": np.array(["2024-01-03", "2024-01-02"]),
            },
            "check_out",
        ),
        ({"check_in": np.array(["soon", "later"]), "check_out": np.array(["x", "y"])}, "check_in"),
        ({"nights": np.array([1, 2]), "breakfast": np.array(["yes", "no"])}, "breakfast"),
        ({"nights": np.array([1, 2]), "city": np.array(["成都", "London"])}, "city"),
        ({"nights": np.array([1, 400])}, "nights"),
    ],
)
def test_bad_columns_are_named(engine: diandian.Engine, columns: dict, path: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        engine.footprint_columns("hotel", columns)
    assert caught.value.problems[0].path == path
