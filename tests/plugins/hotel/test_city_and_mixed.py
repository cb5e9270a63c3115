"""The hotel's city through the shared gazetteer, and breakfast counted once in a mixed venue."""

import diandian
import pytest
from diandian import Activity, ActivityKind, Questionnaire, Scene, SceneType, Section, ValidationFailed
from diandian.plugins import PluginHost
from diandian_hotel import HotelMeasurement


def test_london_has_its_own_factor_and_chengdu_uses_china(engine: diandian.Engine) -> None:
    london = engine.footprint("hotel", {"nights": 2, "city": "London"})
    # 1 room x 2 nights x 11.5 kg (DESNZ 2024, UK (London)) = 23.0 kg
    assert (london.grams, london.lines[0].factor.region) == (23_000, "GB-LND")
    chengdu = engine.footprint("hotel", {"nights": 2, "city": "成都"})
    # 成都 is CN-51, which falls back to CN: 2 x 53.5 kg = 107.0 kg
    assert (chengdu.grams, chengdu.lines[0].factor.region) == (107_000, "CN")


def test_unknown_or_contradicting_city_is_refused(engine: diandian.Engine) -> None:
    with pytest.raises(ValidationFailed) as caught:
        engine.footprint("hotel", {"nights": 1, "city": "Atlantisxx"})
    assert caught.value.problems[0].path == "city"
    with pytest.raises(ValidationFailed, match="is in JP, not in CN"):
        engine.footprint("hotel", {"nights": 1, "city": "Tokyo", "country": "CN"})


class Diner:
    """A stand-in restaurant scene type that reports breakfasts as ``food.breakfast``."""

    BREAKFAST = ActivityKind("food.breakfast", "meal", "food")
    TYPE = SceneType(
        name="diner",
        title={"en": "Diner"},
        questionnaire=Questionnaire(
            id="diner",
            title={"en": "Diner"},
            sections=(Section("s", {"en": "s"}, (diandian.Number(id="breakfasts", label={"en": "b"}),)),),
        ),
        activity_kinds=(BREAKFAST,),
    )

    @staticmethod
    @diandian.hookimpl
    def diandian_register_scene_types(register):  # type: ignore[no-untyped-def]
        register(Diner.TYPE)

    @staticmethod
    @diandian.hookimpl
    def diandian_register_factor_tables(register, kinds):  # type: ignore[no-untyped-def]
        source = diandian.FactorSource("test", "test", 2024)
        factor = diandian.EmissionFactor(
            "food.breakfast", "world", 1000.0, "meal", source, table="t", version="1"
        )
        register(diandian.FactorTable("t", "1", (factor,)))

    @staticmethod
    @diandian.hookimpl
    def diandian_capture_activities(scene_type, answers, scene):  # type: ignore[no-untyped-def]
        if scene_type == "diner":
            return [Activity("food.breakfast", float(answers.get("breakfasts", 0)), source="breakfasts")]
        return None


@pytest.fixture(scope="module")
def resort_engine() -> diandian.Engine:
    host = PluginHost(environ={"DIANDIAN_LOAD_PLUGINS": "hotel"}, plugins=[("diner", Diner)])
    return diandian.Engine(host.load())


def test_breakfast_in_the_rate_is_not_counted_again_by_the_restaurant(resort_engine: diandian.Engine) -> None:
    scene = Scene(id="resort", name={"en": "Resort"}, scene_types=("hotel", "diner"))
    answers = {
        "hotel": {"nights": 2, "country": "CN", "breakfast": True, "guests": 1},
        "diner": {"breakfasts": 2},
    }
    footprint = resort_engine.footprint_mixed(scene, answers)
    # hotel: 2 x 53.5 kg = 107.0 kg room + 2 breakfasts x 0.85 kg = 1.7 kg; the diner's 2 breakfasts are excluded
    assert footprint.grams == 108_700
    (excluded,) = footprint.excluded
    assert excluded.activity.key == "food.breakfast" and "lodging.breakfast" in excluded.included_by


def test_measured_room_night_with_breakfast_excludes_the_restaurant_breakfast(
    resort_engine: diandian.Engine,
) -> None:
    measured = HotelMeasurement("Resort", 2025, kg_per_occupied_room_night=30.0, breakfast_in_room_night=True)
    scene = Scene(
        id="resort",
        name={"en": "Resort"},
        scene_types=("hotel", "diner"),
        factor_overrides=measured.overrides(),
    )
    answers = {"hotel": {"nights": 2, "breakfast": True}, "diner": {"breakfasts": 2}}
    footprint = resort_engine.footprint_mixed(scene, answers)
    # 2 x 30.0 kg = 60.0 kg, breakfast inside it (0 g line), the diner's breakfasts excluded
    assert footprint.grams == 60_000
    assert [e.activity.key for e in footprint.excluded] == ["food.breakfast"]
