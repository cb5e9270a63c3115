"""Provenance that reproduces: every factor names its table and version; a footprint lists the
tables it used, and pinning those reproduces it on an install with another set of plugins."""

from __future__ import annotations

import diandian
from diandian import EmissionFactor, FactorSource, FactorTable, PluginHost
from diandian.energy import derived_electricity_factors
from diandian.text import text


def test_every_installed_factor_names_its_table_and_version(engine: diandian.Engine) -> None:
    for table in engine.factor_set.tables.values():
        for factor in table.factors:
            assert (factor.table, factor.version) == (table.id, table.version), factor.ref()


def test_derived_electricity_factors_carry_the_table_they_are_registered_in(engine: diandian.Engine) -> None:
    venue = engine.factor_set.find("energy.venue.attendee_day", "CN-51")
    assert venue is not None
    assert venue.ref().startswith("conference.venue.estimate@2:energy.venue.attendee_day/")
    kind = diandian.ActivityKind("stadium.attendance", "attendance", "energy", text("Match", "比赛"))
    factors = derived_electricity_factors(kind, 2.0, method="an estimate", label=text("Match", "比赛"))
    table = FactorTable("stadium.energy", "1", factors)
    assert {f.ref().split(":")[0] for f in table.factors} == {"stadium.energy@1"}


def test_a_hand_made_table_stamps_its_factors() -> None:
    source = FactorSource("Demo", "Demo factors", 2024)
    table = FactorTable("demo", "3", (EmissionFactor("lodging.room_night", "CN", 1.0, "room.night", source),))
    assert table.factors[0].ref() == "demo@3:lodging.room_night/CN"


def test_versions_list_the_tables_used_not_every_table(engine: diandian.Engine) -> None:
    footprint = engine.footprint("hotel", {"rooms": 1, "nights": 2, "country": "CN"})
    assert dict(footprint.versions) == {
        "diandian": diandian.__version__,
        "factors:hotel.desnz": "2024.1.1",
        "questionnaire:hotel": "1",
    }
    assert len(engine.factor_set.tables) > 1  # many are installed; one was used


def test_pinned_footprint_reproduces_on_an_install_with_other_plugins(engine: diandian.Engine) -> None:
    answers = {"rooms": 1, "nights": 2, "country": "CN"}
    footprint = engine.footprint("hotel", answers)
    pins = {k.removeprefix("factors:"): v for k, v in footprint.versions.items() if k.startswith("factors:")}
    hotel_only = diandian.Engine(PluginHost(environ={"DIANDIAN_LOAD_PLUGINS": "hotel"}, pins=pins))
    assert "conference.venue.estimate" not in hotel_only.factor_set.tables
    assert hotel_only.footprint("hotel", answers).to_json() == footprint.to_json()
