"""The footprint engine on the hotel plugin: arithmetic, fallbacks, pinning, overrides, batches, columns."""

import datetime as dt
from pathlib import Path
from typing import Any

import attrs
import diandian
import numpy as np
import pytest
from diandian import EmissionFactor, FactorSource, FactorTable, Place, Quality, Scene, ValidationFailed
from diandian.plugins import PluginHost

CHENGDU = Place(country="CN", city="Chengdu", region="CN-51")


def test_hand_worked_hotel_stay(engine: diandian.Engine) -> None:
    # 2 rooms x 3 nights x 53.5 kg CO2e per room-night (DESNZ 2024, China) = 321.0 kg
    footprint = engine.footprint("hotel", {"rooms": 2, "nights": 3, "country": "CN"})
    (line,) = footprint.lines
    assert line.activity.quantity == 6
    assert line.factor.source.publisher == "UK DESNZ & Defra"
    assert footprint.grams == line.grams == 321_000
    assert footprint.by_category == {"lodging": 321_000}
    # sourced factor: +-10 % (sdk default for sourced factors without a stated uncertainty)
    assert (footprint.low, footprint.high) == (288_900, 353_100)


def test_nights_from_dates(engine: diandian.Engine) -> None:
    # 2024-09-06 to 2024-09-08 = 2 nights; 1 room x 2 x 53.5 kg = 107.0 kg
    answers = {"stay_by": "dates", "check_in": "2024-09-06", "check_out": "2024-09-08", "country": "CN"}
    assert engine.footprint("hotel", answers).grams == 107_000


def test_region_falls_back_from_province_to_country_to_world(engine: diandian.Engine) -> None:
    scene = Scene(id="s", name={"en": "Summit"}, scene_types=("hotel",), place=CHENGDU)
    footprint = engine.footprint("hotel", {"nights": 1}, scene=scene)
    assert footprint.lines[0].factor.region == "CN"  # CN-51 -> CN
    other = engine.footprint("hotel", {"nights": 1, "country": "OTHER"})
    assert other.lines[0].factor.region == "world"
    assert other.lines[0].factor.quality is Quality.ESTIMATE


def test_same_inputs_same_result_and_versions(engine: diandian.Engine) -> None:
    a = engine.footprint("hotel", {"nights": 2, "country": "JP"})
    b = engine.footprint("hotel", {"nights": 2, "country": "JP"})
    assert a.to_json() == b.to_json()
    assert a.versions["factors:hotel.desnz"] == "2024.1.1"
    assert a.versions["questionnaire:hotel"] == "1"


def test_scene_override_wins(engine: diandian.Engine) -> None:
    measured = EmissionFactor(
        activity="lodging.room_night",
        region="CN",
        grams=18_000.0,
        unit="room.night",
        source=FactorSource("Hotel X", "HCMI report", 2025, "occupied room-night"),
    )
    scene = Scene(
        id="x", name={"en": "Hotel X"}, scene_types=("hotel",), place=CHENGDU, factor_overrides=(measured,)
    )
    assert engine.footprint("hotel", {"nights": 2}, scene=scene).grams == 36_000


class NewerTable:
    """A plugin shipping a newer version of the hotel table, to test pinning."""

    @staticmethod
    @diandian.hookimpl
    def diandian_register_factor_tables(register, kinds):  # type: ignore[no-untyped-def]
        factor = EmissionFactor(
            "lodging.room_night",
            "CN",
            50_000.0,
            "room.night",
            FactorSource("UK DESNZ & Defra", "GHG factors", 2025, "Hotel stay"),
        )
        register(
            FactorTable(
                "hotel.desnz", "2025.1", (attrs.evolve(factor, table="hotel.desnz", version="2025.1"),)
            )
        )


def test_newest_table_version_wins_unless_pinned() -> None:
    plugins = [("newer", NewerTable)]
    newest = diandian.Engine(PluginHost(environ={"DIANDIAN_LOAD_PLUGINS": "hotel"}, plugins=plugins).load())
    assert newest.footprint("hotel", {"nights": 1, "country": "CN"}).grams == 50_000
    pinned_host = PluginHost(
        environ={"DIANDIAN_LOAD_PLUGINS": "hotel"}, plugins=plugins, pins={"hotel.desnz": "2024.1.1"}
    )
    pinned = diandian.Engine(pinned_host.load())
    footprint = pinned.footprint("hotel", {"nights": 1, "country": "CN"})
    assert footprint.grams == 53_500
    assert footprint.versions["factors:hotel.desnz"] == "2024.1.1"
    with pytest.raises(diandian.UnknownName, match="2019"):
        _ = PluginHost(environ={"DIANDIAN_LOAD_PLUGINS": "hotel"}, pins={"hotel.desnz": "2019"}).factor_set


class UnreadTable:
    """A factor file that is never there: reading it would fail."""

    @staticmethod
    @diandian.hookimpl
    def diandian_register_factor_tables(register: Any) -> None:
        from diandian import FactorFile

        register(FactorFile(Path("/nonexistent/unread.csv"), id="unread.table", version="1"))


@pytest.mark.parametrize(
    ("pins", "message"),
    [
        ({"hotel.desnz": "1999"}, "unknown version of factor table hotel.desnz '1999'; known: 2024.1.1"),
        ({"unread.table": "2"}, "unknown version of factor table unread.table '2'; known: 1"),
        ({"hotel.desnzz": "2024.1.1"}, "unknown factor table 'hotel.desnzz'"),
    ],
)
def test_a_bad_pin_fails_when_the_engine_is_made(pins: dict[str, str], message: str) -> None:
    host = PluginHost(
        environ={"DIANDIAN_LOAD_PLUGINS": "hotel"}, plugins=[("unread", UnreadTable)], pins=pins
    )
    with pytest.raises(diandian.UnknownName) as caught:
        diandian.Engine(host)
    assert str(caught.value).startswith(message)


def test_pins_are_checked_without_reading_the_tables() -> None:
    """The pinned file does not exist: a check that read it would fail, not pass."""
    host = PluginHost(
        plugins=[("unread", UnreadTable)], pins={"unread.table": "1", "hotel.desnz": "2024.1.1"}
    )
    diandian.Engine(host)
    assert host.errors == []


def test_rounding_is_up_to_whole_grams_without_float_noise() -> None:
    from diandian.footprint import round_up_grams

    assert round_up_grams(0.1 * 3 * 1000) == 300  # 300.00000000000006 is float noise
    assert round_up_grams(300.4) == 301
    assert round_up_grams(0.0) == 0


def test_batch_keeps_order_and_reports_per_item(engine: diandian.Engine) -> None:
    results = engine.footprint_batch(
        "hotel", [{"nights": 1, "country": "CN"}, {"nights": -3}, "garbage", {"nights": 2, "country": "FR"}]
    )
    assert isinstance(results[0], diandian.Footprint) and results[0].grams == 53_500
    assert isinstance(results[1], diandian.BatchError) and results[1].problems[0].path == "nights"
    assert isinstance(results[2], diandian.BatchError) and results[2].index == 2
    assert isinstance(results[3], diandian.Footprint) and results[3].grams == 13_400  # 2 x 6.7 kg


def test_columnar_path_equals_row_path(engine: diandian.Engine) -> None:
    rng = np.random.default_rng(7)
    rows = 500
    countries = np.array(["CN", "JP", "FR", "GB", "US", "OTHER"])[rng.integers(0, 6, rows)]
    rooms = rng.integers(1, 4, rows)
    nights = rng.integers(1, 15, rows)
    result = engine.footprint_columns("hotel", {"rooms": rooms, "nights": nights, "country": countries})
    expected = [
        engine.footprint("hotel", {"rooms": int(r), "nights": int(n), "country": str(c)}).grams
        for r, n, c in zip(rooms, nights, countries, strict=True)
    ]
    assert result.grams.tolist() == expected
    assert result.total == sum(expected)


def test_columnar_path_names_bad_columns(engine: diandian.Engine) -> None:
    with pytest.raises(ValidationFailed) as caught:
        engine.footprint_columns(
            "hotel",
            {
                "rooms": np.array([1, 0, 2]),
                "nights": np.array([1.0, np.nan, 2.0]),
                "country": np.array(["CN", "XX", "CN"]),
            },
        )
    paths = {p.path: p.message for p in caught.value.problems}
    assert set(paths) == {"rooms", "nights", "country"}
    assert "row 1" in paths["rooms"] and "row 1" in paths["country"]


def test_unknown_scene_type_lists_known_ones(engine: diandian.Engine) -> None:
    with pytest.raises(diandian.UnknownName, match="hotel"):
        engine.footprint("cinema", {})


def test_stays_longer_than_a_year_by_dates_are_refused(engine: diandian.Engine) -> None:
    answers = {"stay_by": "dates", "check_in": "2024-01-01", "check_out": "2025-06-01"}
    with pytest.raises(ValidationFailed, match="check_out"):
        engine.footprint("hotel", answers)
    assert dt.date(2025, 6, 1) - dt.date(2024, 1, 1) > dt.timedelta(days=365)
