"""The cinema plugin: hand-worked footprints, and the conformance kit from diandian.testing."""

import diandian
import diandian_cinema
import pytest
from diandian import Place, PluginHost, Scene, ValidationFailed
from diandian.testing import ScenePluginConformance

CHENGDU = Place(country="CN", city="Chengdu", region="CN-51")


@pytest.fixture(scope="module")
def engine() -> diandian.Engine:
    # exactly the core defaults (travel) and this plugin, whatever else is installed
    host = PluginHost(entrypoints=False, plugins=[("cinema", diandian_cinema)])
    return diandian.Engine(host)


def test_the_plugin_registers_its_scene_type(engine: diandian.Engine) -> None:
    assert engine.host.errors == []
    assert "cinema" in engine.host.scene_types
    (info,) = [p for p in engine.host.plugins() if p.name == "cinema"]
    assert info.scene_types == ("cinema",)


def test_one_film_in_chengdu(engine: diandian.Engine) -> None:
    scene = Scene(id="c1", name={"en": "Chengdu cinema"}, scene_types=("cinema",), place=CHENGDU)
    footprint = engine.footprint("cinema", {"films": 1}, scene=scene)
    # 1 film x 2.0 h = 2.0 viewer-hours x 0.2683 kg (CN, region CN-51 falls back to CN)
    # = 0.5366 kg -> 536.6 g, rounded up to 537 g
    assert footprint.grams == 537
    assert footprint.lines[0].factor.region == "CN"


def test_two_films_and_a_large_soda_anywhere(engine: diandian.Engine) -> None:
    footprint = engine.footprint("cinema", {"films": 2, "hours": 1.5, "soda": "large"})
    screening, soda = footprint.lines
    # 2 films x 1.5 h = 3.0 viewer-hours x 0.23647 kg (world) = 0.70941 kg -> 710 g (709.41 rounded up)
    assert screening.grams == 710
    # 0.7 L x 0.4933 kg per L = 0.34531 kg -> 346 g (345.31 rounded up)
    assert soda.grams == 346
    assert footprint.grams == 710 + 346
    assert footprint.by_category == {"energy": 710, "food": 346}


def test_metro_there_and_back_is_counted(engine: diandian.Engine) -> None:
    answers = {"legs": [{"mode": "metro", "distance_by": "km", "distance_km": 8}], "films": 1}
    footprint = engine.footprint("cinema", answers)
    assert [line.activity.key for line in footprint.lines] == ["cinema.screening", "transport.metro"]
    # 2.0 viewer-hours x 0.23647 kg = 0.47294 kg -> 473 g (472.94 rounded up)
    assert footprint.lines[0].grams == 473


def test_bad_answers_name_the_field(engine: diandian.Engine) -> None:
    with pytest.raises(ValidationFailed) as caught:
        engine.footprint("cinema", {"films": 0, "soda": "bucket"})
    assert [(p.path, p.code) for p in caught.value.problems] == [
        ("films", "below_minimum"),
        ("soda", "unknown_option"),
    ]


class TestConformance(ScenePluginConformance):
    """The kit every scene plugin passes: registration, both languages, JSON Schema, sourced
    factors with a world fallback, example answers that compute, and field errors for any junk."""

    plugin = diandian_cinema
    plugin_name = "cinema"
