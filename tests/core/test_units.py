import pytest
from diandian.units import UnitError, emission_mass_grams, money, scale, validate_unit


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


@pytest.mark.parametrize(
    ("minor", "lang", "currency", "shown"),
    [
        (465, "en", "CNY", "¥4.65"),  # 465 fen
        (465, "zh-CN", "CNY", "4.65 元"),
        (100, "en", "CNY", "¥1.00"),
        (1_234_567, "en", "CNY", "¥12,345.67"),
        (5, "en", "CNY", "¥0.05"),
        (465, "en", "EUR", "4.65 EUR"),
    ],
)
def test_money_is_shown_in_yuan_with_its_sign(minor: int, lang: str, currency: str, shown: str) -> None:
    assert money(minor, lang, currency) == shown
