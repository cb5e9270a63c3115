"""Hotel footprints worked by hand from the cited factors (hotel_stay_desnz_2024.csv and estimates)."""

import datetime as dt

import diandian
from diandian import Scene
from diandian_hotel import Booking, HotelMeasurement, footprint_booking, room_nights_per_guest


def grams_by_activity(footprint: diandian.Footprint) -> dict[str, int]:
    return {line.activity.key: line.grams for line in footprint.lines}


def test_booking_shared_by_four_guests_in_japan_with_breakfast(engine: diandian.Engine) -> None:
    # 2024-09-06 -> 2024-09-09 = 3 nights; 2 rooms x 3 nights = 6 room-nights; / 4 guests = 1.5 each
    booking = Booking(
        dt.date(2024, 9, 6), dt.date(2024, 9, 9), rooms=2, guests=4, country="JP", breakfast=True
    )
    assert room_nights_per_guest(booking) == 1.5
    footprint = footprint_booking(engine, booking)
    # room: 1.5 x 39.0 kg (DESNZ 2024, Japan) = 58.5 kg
    # breakfast: 3 nights x 1 guest x 0.85 kg (estimate: one ADEME vegetarian meal) = 2.55 kg
    assert grams_by_activity(footprint) == {"lodging.room_night": 58_500, "lodging.breakfast": 2_550}
    assert footprint.grams == 61_050  # 58.5 + 2.55 = 61.05 kg
    assert footprint.by_category == {"lodging": 58_500, "food": 2_550}


def test_one_night_in_china_with_three_kg_of_laundry(engine: diandian.Engine) -> None:
    footprint = engine.footprint("hotel", {"nights": 1, "country": "CN", "laundry_kg": 3})
    # room: 1 x 1 x 53.5 kg = 53.5 kg
    # laundry: 3 kg x 1.0 kWh/kg (assumed) x 0.5366 kg/kWh (MEE 2022) = 1.6098 kg -> 1 610 g (rounded up)
    assert grams_by_activity(footprint) == {"lodging.room_night": 53_500, "lodging.laundry": 1_610}
    assert footprint.grams == 55_110
    laundry = footprint.lines[1].factor
    assert laundry.quality is diandian.Quality.ESTIMATE and "1.0 kWh" in laundry.method


def test_property_measured_hcmi_style_from_its_yearly_totals(engine: diandian.Engine) -> None:
    measured = HotelMeasurement.from_totals(
        "Jinjiang Hotel",
        2024,
        total_kg=1_200_000,
        occupied_room_nights=40_000,
        guest_area_m2=18_000,
        meeting_area_m2=2_000,
        meeting_hours=8_760,
    )
    # meeting share = 2 000 / (2 000 + 18 000) = 0.1
    # rooms: 1 200 000 x 0.9 / 40 000 = 27.0 kg per occupied room-night
    # meeting: 1 200 000 x 0.1 / (2 000 m2 x 8 760 h) = 0.006849315 kg per m2 h
    assert measured.kg_per_occupied_room_night == 27.0
    assert round(measured.kg_per_m2_hour_meeting or 0, 9) == 0.006849315
    scene = Scene(
        id="jj", name={"en": "Jinjiang"}, scene_types=("hotel",), factor_overrides=measured.overrides()
    )
    answers = {"nights": 2, "country": "CN", "meeting_area_m2": 200, "meeting_hours": 8}
    footprint = engine.footprint("hotel", answers, scene=scene)
    # room: 2 x 27.0 = 54.0 kg; meeting: 200 m2 x 8 h = 1 600 m2 h x 0.006849315 = 10.9589 kg -> 10 959 g
    assert grams_by_activity(footprint) == {"lodging.room_night": 54_000, "lodging.meeting_space": 10_959}
    assert footprint.grams == 64_959
    room = footprint.lines[0].factor
    assert room.quality is diandian.Quality.DERIVED and "0.1000" in room.method
    assert room.source.publisher == "Jinjiang Hotel"


def test_measured_room_night_that_includes_breakfast_counts_it_once(engine: diandian.Engine) -> None:
    measured = HotelMeasurement("Resort", 2025, kg_per_occupied_room_night=31.2, breakfast_in_room_night=True)
    scene = Scene(
        id="r", name={"en": "Resort"}, scene_types=("hotel",), factor_overrides=measured.overrides()
    )
    footprint = engine.footprint("hotel", {"nights": 3, "breakfast": True}, scene=scene)
    # room: 3 x 31.2 kg = 93.6 kg; breakfast: already in the measured figure -> 0 g, shown
    assert grams_by_activity(footprint) == {"lodging.room_night": 93_600, "lodging.breakfast": 0}
    assert footprint.lines[0].factor.quality is diandian.Quality.SOURCED
    assert "food.breakfast" in footprint.lines[0].factor.includes


def test_whole_booking_without_a_guest_count_has_a_breakfast_per_room_night(engine: diandian.Engine) -> None:
    footprint = engine.footprint("hotel", {"rooms": 2, "nights": 2, "country": "FR", "breakfast": True})
    # room: 2 x 2 x 6.7 kg = 26.8 kg; breakfast: one guest per room, 4 x 0.85 kg = 3.4 kg
    assert grams_by_activity(footprint) == {"lodging.room_night": 26_800, "lodging.breakfast": 3_400}


def test_world_factor_is_the_median_of_the_country_factors(engine: diandian.Engine) -> None:
    import statistics

    by_region = {
        f.region: f.grams
        for f in engine.factor_set.factors()
        if f.table == "hotel.desnz" and f.region not in ("world", "GB-LND")
    }
    assert len(by_region) == 38
    world = engine.factor_set.find("lodging.room_night", "world")
    assert world is not None
    # the two middle values of the 38 are 32.1 (Turkey) and 35.0 (Australia): (32.1 + 35.0) / 2 = 33.55
    assert statistics.median(by_region.values()) == world.grams == 33_550
