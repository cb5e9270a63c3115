"""Plugins load from entry points; a broken one is named and the others keep working."""

import diandian
import pytest
from diandian import PluginError
from diandian.plugins import PluginHost

GOOD = """
import diandian
from diandian import Activity, Questionnaire, SceneType, Section, Number, text

FORM = Questionnaire(id="kiosk", title=text("Kiosk", "亭"), sections=(Section("s", text("S", "S"), (
    Number(id="visits", label=text("Visits", "次数"), required=True),)),))

@diandian.hookimpl
def diandian_register_scene_types(register):
    register(SceneType(name="kiosk", title=text("Kiosk", "亭"), questionnaire=FORM,
                       example_answers={"visits": 2}))

@diandian.hookimpl
def diandian_capture_activities(scene_type, answers, scene):
    if scene_type == "kiosk":
        return [Activity("lodging.room_night", answers["visits"], "CN", source="visits")]
"""


def host(fake_distribution, modules, entry_points, environ=None) -> PluginHost:
    fake_distribution("fake-dist", modules, entry_points)
    return PluginHost(environ=environ or {}).load()


def test_a_plugin_that_fails_to_import_is_named_and_skipped(fake_distribution) -> None:
    loaded = host(
        fake_distribution,
        {"fake_good": GOOD, "fake_broken": "raise RuntimeError('boom at import')"},
        {"kiosk": "fake_good", "broken": "fake_broken"},
    )
    (error,) = loaded.errors
    assert (error.plugin, error.distribution) == ("broken", "fake-dist")
    assert "boom at import" in str(error)
    engine = diandian.Engine(loaded)
    assert engine.footprint("kiosk", {"visits": 2}).grams == 107000  # 2 x 53.5 kg (hotel factor, CN)
    assert engine.footprint("hotel", {"nights": 1, "country": "CN"}).grams == 53500


def test_a_plugin_that_raises_in_a_registration_hook_is_skipped(fake_distribution) -> None:
    raising = "import diandian\n@diandian.hookimpl\ndef diandian_register_scene_types(register):\n    raise ValueError('bad table')\n"
    loaded = host(
        fake_distribution,
        {"fake_good": GOOD, "fake_raising": raising},
        {"kiosk": "fake_good", "raising": "fake_raising"},
    )
    (error,) = loaded.errors
    assert error.plugin == "raising" and error.distribution == "fake-dist"
    assert "diandian_register_scene_types" in str(error) and "bad table" in str(error)
    assert {"kiosk", "hotel"} <= set(loaded.scene_types)


def test_a_plugin_that_raises_while_capturing_is_named(fake_distribution) -> None:
    raising = (
        "import diandian\n@diandian.hookimpl\n"
        "def diandian_capture_activities(scene_type, answers, scene):\n"
        "    if scene_type == 'kiosk':\n        raise ZeroDivisionError('capture')\n"
    )
    loaded = host(
        fake_distribution,
        {"fake_good": GOOD, "fake_raising": raising},
        {"kiosk": "fake_good", "raising": "fake_raising"},
    )
    engine = diandian.Engine(loaded)
    with pytest.raises(PluginError) as caught:
        engine.footprint("kiosk", {"visits": 1})
    assert caught.value.plugin == "raising"
    assert caught.value.distribution == "fake-dist"
    assert isinstance(caught.value.__cause__, ZeroDivisionError)
    assert engine.footprint("hotel", {"nights": 1, "country": "CN"}).grams == 53500


def test_failing_validation_is_named(fake_distribution) -> None:
    wrong_args = "import diandian\n@diandian.hookimpl\ndef diandian_register_scene_types(register, surprise):\n    pass\n"
    unknown_hook = "import diandian\n@diandian.hookimpl\ndef diandian_no_such_hook():\n    pass\n"
    loaded = host(
        fake_distribution,
        {"fake_args": wrong_args, "fake_unknown": unknown_hook, "fake_good": GOOD},
        {"args": "fake_args", "unknown": "fake_unknown", "kiosk": "fake_good"},
    )
    by_name = {e.plugin: str(e) for e in loaded.errors}
    assert "surprise" in by_name["args"]
    assert "diandian_no_such_hook" in by_name["unknown"]
    assert "kiosk" in loaded.scene_types


def test_a_listener_that_raises_never_fails_the_footprint(fake_distribution) -> None:
    listener = (
        "import diandian\nSEEN = []\n@diandian.hookimpl\n"
        "def diandian_footprint_computed(footprint, scene):\n    raise RuntimeError('listener')\n"
    )
    recorder = (
        "import diandian\nSEEN = []\n@diandian.hookimpl\n"
        "def diandian_footprint_computed(footprint, scene):\n    SEEN.append(footprint.grams)\n"
    )
    loaded = host(
        fake_distribution,
        {"fake_listener": listener, "fake_recorder": recorder},
        {"listener": "fake_listener", "recorder": "fake_recorder"},
    )
    assert diandian.Engine(loaded).footprint("hotel", {"nights": 2, "country": "CN"}).grams == 107000
    import fake_recorder

    assert fake_recorder.SEEN == [107000]
    assert [e.plugin for e in loaded.errors] == ["listener"]


def test_duplicate_scene_type_names_both_plugins(fake_distribution) -> None:
    loaded = host(
        fake_distribution, {"fake_good": GOOD, "fake_copy": GOOD}, {"kiosk": "fake_good", "copy": "fake_copy"}
    )
    (error,) = loaded.errors
    assert error.plugin in {"copy", "kiosk"}
    assert "already registered by plugin" in str(error)


def test_load_and_disable_environment_variables(fake_distribution) -> None:
    fake_distribution("fake-dist", {"fake_good": GOOD}, {"kiosk": "fake_good"})
    only_hotel = PluginHost(environ={"DIANDIAN_LOAD_PLUGINS": "hotel"}).load()
    assert set(only_hotel.scene_types) == {"hotel"}
    by_distribution = PluginHost(environ={"DIANDIAN_LOAD_PLUGINS": "fake-dist"}).load()
    assert set(by_distribution.scene_types) == {"kiosk"}
    none = PluginHost(environ={"DIANDIAN_LOAD_PLUGINS": ""}).load()
    assert none.scene_types == {}
    disabled = PluginHost(environ={"DIANDIAN_DISABLE_PLUGINS": "kiosk,hotel"}).load()
    assert not {"kiosk", "hotel"} & set(disabled.scene_types)


def test_plugins_listing_names_distribution_and_hooks() -> None:
    infos = {i.name: i for i in PluginHost(environ={}).load().plugins()}
    hotel = infos["hotel"]
    assert hotel.distribution == "diandian"
    assert hotel.scene_types == ("hotel",)
    # its scene type carries its capture and factor tables: one registration hook is all it needs
    assert hotel.hooks == ("diandian_register_scene_types",)


def test_implementations_may_take_fewer_arguments_than_the_spec(fake_distribution) -> None:
    partial = (
        "import diandian\nSEEN = []\n@diandian.hookimpl\n"
        "def diandian_capture_activities(scene_type):\n    SEEN.append(scene_type)\n\n"
        "@diandian.hookimpl\ndef diandian_footprint_computed(footprint):\n    SEEN.append(footprint.grams)\n"
    )
    loaded = host(fake_distribution, {"fake_partial": partial}, {"partial": "fake_partial"})
    assert diandian.Engine(loaded).footprint("hotel", {"nights": 1, "country": "CN"}).grams == 53_500
    import fake_partial

    assert fake_partial.SEEN == ["hotel", 53_500]
    assert loaded.errors == []


def test_a_plugin_that_calls_sys_exit_while_imported_is_a_failed_plugin(fake_distribution) -> None:
    loaded = host(
        fake_distribution,
        {"fake_good": GOOD, "fake_quitter": "import sys\nsys.exit(1)"},
        {"kiosk": "fake_good", "quitter": "fake_quitter"},
    )
    (error,) = loaded.errors
    assert (error.plugin, error.distribution) == ("quitter", "fake-dist")
    assert "SystemExit" in str(error)
    assert diandian.Engine(loaded).footprint("kiosk", {"visits": 2}).grams == 107000


def test_a_hook_that_calls_sys_exit_is_a_failed_plugin(fake_distribution) -> None:
    quitter = """
import sys
import diandian

@diandian.hookimpl
def diandian_register_scene_types(register):
    sys.exit(3)
"""
    loaded = host(
        fake_distribution, {"fake_good": GOOD, "fake_q": quitter}, {"kiosk": "fake_good", "q": "fake_q"}
    )
    assert [e.plugin for e in loaded.errors] == ["q"] and "kiosk" in loaded.scene_types


def test_an_entry_point_name_clash_names_both_distributions(fake_distribution) -> None:
    fake_distribution("fake-impostor", {"fake_good": GOOD}, {"hotel": "fake_good"})
    loaded = PluginHost(environ={}).load()
    (error,) = loaded.errors
    assert (error.plugin, error.distribution) == ("hotel", "fake-impostor")
    assert "'diandian'" in str(error) and "built-in" in str(error)
    assert "hotel" in loaded.scene_types  # the built-in hotel plugin does not disappear
    assert loaded.plugins()[0].name  # still lists


def test_a_clash_between_two_third_parties_loads_neither_and_says_so(fake_distribution) -> None:
    fake_distribution("fakeone", {"fake_good": GOOD}, {"kiosk": "fake_good"})
    fake_distribution("faketwo", {"fake_copy": GOOD}, {"kiosk": "fake_copy"})
    loaded = PluginHost(environ={}).load()
    assert sorted(e.distribution for e in loaded.errors) == ["fakeone", "faketwo"]
    assert all("none is loaded" in str(e) for e in loaded.errors)
    assert "kiosk" not in loaded.scene_types
    chosen = PluginHost(environ={"DIANDIAN_DISABLE_PLUGINS": "faketwo"}).load()
    assert chosen.errors == [] and "kiosk" in chosen.scene_types


def test_a_scene_type_whose_plugin_failed_names_the_plugin_and_its_error(fake_distribution) -> None:
    loaded = host(
        fake_distribution, {"fake_broken": "raise RuntimeError('boom at import')"}, {"kiosk": "fake_broken"}
    )
    with pytest.raises(
        PluginError, match=r"plugin 'kiosk' \(distribution fake-dist\).*unavailable.*boom at import"
    ):
        loaded.scene_type("kiosk")
    with pytest.raises(diandian.UnknownName, match=r"plugins that failed to load.*boom at import"):
        loaded.scene_type("cinema")


DECLARED = """
from pathlib import Path

import diandian
from diandian import Activity, ActivityKind, FactorFile, Number, Questionnaire, SceneType, Section, text

KIND = ActivityKind("kiosk.visit", "visit", "operations", text("Kiosk visit", "亭"))
FORM = Questionnaire(id="kiosk", title=text("Kiosk", "亭"), sections=(Section("s", text("S", "S"), (
    Number(id="visits", label=text("Visits", "次数"), required=True),)),))
CALLS = []

def capture(answers, scene):
    CALLS.append(scene.id)
    if answers["visits"] == 13:
        raise ZeroDivisionError("unlucky")
    return [Activity(KIND.key, answers["visits"], source="visits")]

SCENE_TYPE = SceneType(name="kiosk", title=text("Kiosk", "亭"), questionnaire=FORM, activity_kinds=(KIND,),
    capture=capture, factor_tables=(FactorFile(Path(__file__).parent / "kiosk.csv", id="kiosk", version="1"),))

diandian_register_scene_types = diandian.register_scene_types(SCENE_TYPE)
"""
KIOSK_CSV = (
    "activity,region,value,unit,per,publisher,document,year,table,quality\n"
    "kiosk.visit,world,0.25,kg CO2e,visit,Kiosk Co,Annual report,2024,t1,sourced\n"
)


def test_a_declared_scene_type_needs_one_call(fake_distribution, monkeypatch) -> None:
    root = fake_distribution("fake-dist", {"fake_kiosk": DECLARED}, {"kiosk": "fake_kiosk"})
    (root / "kiosk.csv").write_text(KIOSK_CSV)
    loaded = PluginHost(environ={}).load()
    import fake_kiosk

    assert loaded.errors == []
    assert loaded._factor_set is None  # loading the plugins read no factor table
    engine = diandian.Engine(loaded)
    assert engine.footprint("kiosk", {"visits": 4}).grams == 1000
    assert fake_kiosk.CALLS == ["ad-hoc:kiosk"]  # called for its own scene type only
    engine.footprint("hotel", {"nights": 1, "country": "CN"})
    assert fake_kiosk.CALLS == ["ad-hoc:kiosk"]
    with pytest.raises(PluginError) as caught:
        engine.footprint("kiosk", {"visits": 13})
    assert (caught.value.plugin, caught.value.distribution) == ("kiosk", "fake-dist")
    assert isinstance(caught.value.__cause__, ZeroDivisionError)


def test_a_factor_file_that_fails_to_load_is_named(fake_distribution) -> None:
    root = fake_distribution("fake-dist", {"fake_kiosk": DECLARED}, {"kiosk": "fake_kiosk"})
    (root / "kiosk.csv").write_text("activity,region\nkiosk.visit,world\n")
    loaded = PluginHost(environ={}).load()
    assert "kiosk" not in loaded.factor_set.tables and "hotel.desnz" in loaded.factor_set.tables
    (error,) = loaded.errors
    assert error.plugin == "kiosk" and "factor table kiosk" in str(error)


def test_an_activity_kind_in_two_units_names_both_plugins(fake_distribution) -> None:
    gas_in_m3 = DECLARED.replace(
        'ActivityKind("kiosk.visit", "visit", "operations"',
        'ActivityKind("energy.natural_gas", "m3", "energy"',
    )
    loaded = host(fake_distribution, {"fake_gas": gas_in_m3}, {"gas": "fake_gas"})
    (error,) = loaded.errors
    assert error.plugin == "gas"
    assert (
        "'energy.natural_gas' in 'm3' is already registered in 'kWh' by plugin 'diandian.energy.plugin'"
        in str(error)
    )
    assert loaded.activity_kinds["energy.natural_gas"].unit == "kWh"


def test_loading_every_plugin_reads_no_factor_table(monkeypatch) -> None:
    import diandian.factor_files

    def refuse(*args, **kwargs):
        raise AssertionError("a factor table was read at plugin load")

    monkeypatch.setattr(diandian.factor_files.csv, "DictReader", refuse)
    loaded = PluginHost(environ={}).load()
    assert loaded.errors == [] and {"hotel", "conference", "scenic_spot"} <= set(loaded.scene_types)
    assert [info.name for info in loaded.plugins()]
    monkeypatch.undo()
    assert "hotel.desnz" in loaded.factor_set.tables and loaded.errors == []


# the kiosk again, naming its questionnaire and capture by import reference (fake_kiosk_form)
BY_REFERENCE = """
import diandian
from diandian import ActivityKind, SceneType, text

KIND = ActivityKind("kiosk.visit", "visit", "operations", text("Kiosk visit", "亭"))
SCENE_TYPE = SceneType(name="kiosk", title=text("Kiosk", "亭"), questionnaire="fake_kiosk_form:FORM",
    activity_kinds=(KIND,), capture="fake_kiosk_form:capture")

diandian_register_scene_types = diandian.register_scene_types(SCENE_TYPE)
"""
FORM_MODULE = DECLARED.split("SCENE_TYPE =")[0]


def test_a_scene_type_named_by_reference_imports_it_on_first_use(fake_distribution) -> None:
    import sys

    loaded = host(
        fake_distribution,
        {"fake_kiosk": BY_REFERENCE, "fake_kiosk_form": FORM_MODULE},
        {"kiosk": "fake_kiosk"},
    )
    assert loaded.errors == [] and "kiosk" in loaded.scene_types
    assert "fake_kiosk_form" not in sys.modules  # loading named it, and imported nothing
    assert loaded.activity_kinds["kiosk.visit"].unit == "visit"  # the kinds are known at load
    kiosk = loaded.scene_type("kiosk")
    assert kiosk.questionnaire.id == "kiosk" and kiosk.capture is sys.modules["fake_kiosk_form"].capture
    assert diandian.Engine(loaded).footprint("hotel", {"nights": 1, "country": "CN"}).grams == 53500
    activities = loaded.capture(
        "kiosk", {"visits": 4}, diandian.Scene(id="s", name={"en": "S"}, scene_types=("kiosk",))
    )
    assert [(a.key, a.quantity) for a in activities] == [("kiosk.visit", 4)]


@pytest.mark.parametrize(
    ("field", "reference", "reason"),
    [
        ("questionnaire", "fake_kiosk_form:NOWHERE", "AttributeError"),
        ("questionnaire", "fake_kiosk_form:capture", "type 'function', which is not a Questionnaire"),
        ("questionnaire", "fake_missing_module:FORM", "ModuleNotFoundError"),
        ("capture", "fake_kiosk_form:KIND", "type 'ActivityKind', which is not callable"),
    ],
)
def test_a_reference_that_does_not_resolve_names_the_scene_type_and_the_reference(
    fake_distribution, field, reference, reason
) -> None:
    source = BY_REFERENCE.replace(
        f'{field}="fake_kiosk_form:{"FORM" if field == "questionnaire" else "capture"}"',
        f'{field}="{reference}"',
    )
    loaded = host(
        fake_distribution, {"fake_kiosk": source, "fake_kiosk_form": FORM_MODULE}, {"kiosk": "fake_kiosk"}
    )
    assert loaded.errors == []  # known only when first used
    with pytest.raises(PluginError) as caught:
        getattr(loaded.scene_type("kiosk"), field)
    message = str(caught.value)
    assert f"scene type 'kiosk': {field} '{reference}'" in message and reason in message


def test_a_capture_reference_that_does_not_resolve_is_the_plugin_s_failure(fake_distribution) -> None:
    source = BY_REFERENCE.replace('capture="fake_kiosk_form:capture"', 'capture="fake_kiosk_form:nothing"')
    loaded = host(
        fake_distribution, {"fake_kiosk": source, "fake_kiosk_form": FORM_MODULE}, {"kiosk": "fake_kiosk"}
    )
    with pytest.raises(PluginError) as caught:
        diandian.Engine(loaded).footprint("kiosk", {"visits": 1})
    assert (caught.value.plugin, caught.value.distribution) == ("kiosk", "fake-dist")
    assert "fake_kiosk_form:nothing" in str(caught.value)


def test_a_string_that_is_no_reference_fails_the_plugin_at_load(fake_distribution) -> None:
    source = BY_REFERENCE.replace(
        'questionnaire="fake_kiosk_form:FORM"', 'questionnaire="fake_kiosk_form.FORM"'
    )
    loaded = host(fake_distribution, {"fake_kiosk": source}, {"kiosk": "fake_kiosk"})
    (error,) = loaded.errors
    assert error.plugin == "kiosk" and "'fake_kiosk_form.FORM' is not an import reference" in str(error)
