import pytest
from diandian.units import UnitError, emission_mass_grams, scale, validate_unit


def test_physical_tokens_convert_within_their_dimension() -> None:
    assert scale("mile", "km") == pytest.approx(1.609344)
    assert scale("passenger.mile", "passenger.km") == pytest.approx(1.609344)
    assert scale("MWh", "kWh") == 1000
    assert scale("short_ton", "kg") == pytest.approx(907.18474)


def test_counting_nouns_never_convert_into_each_other() -> None:
    with pytest.raises(UnitError, match="different kinds"):
        scale("room.night", "person.night")
    with pytest.raises(UnitError, match="different kinds"):
        scale("passenger.km", "vehicle.km")


def test_unknown_units_are_refused_by_name() -> None:
    with pytest.raises(UnitError, match="florp"):
        validate_unit("florp")
    with pytest.raises(UnitError, match="emission mass"):
        emission_mass_grams("stone")


def test_pint_handles_units_outside_the_table() -> None:
    assert scale("foot", "km") == pytest.approx(0.0003048)
