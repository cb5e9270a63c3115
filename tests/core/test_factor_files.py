from collections import Counter
from pathlib import Path

import diandian
import pytest
from diandian import ActivityKind, FactorDataError, Quality, load_factor_csv
from diandian.factors import numbers_in
from diandian.text import tr

KINDS = {
    "transport.coach": ActivityKind("transport.coach", "passenger.km", "transport"),
    "lodging.room_night": ActivityKind("lodging.room_night", "room.night", "lodging"),
}
HEADER = "activity,region,value,unit,per,publisher,document,year,table,quality,method\n"


def write(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "factors.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def load(path: Path) -> list:
    return list(load_factor_csv(path, id="t", version="1", kinds=KINDS).factors)


def test_units_convert_at_load_time(tmp_path: Path) -> None:
    # 0.066 kg CO2 per passenger-mile = 0.066 / 1.609344 kg per passenger-km = 41.01 g
    (factor,) = load(
        write(tmp_path, "transport.coach,US,0.066,kg CO2e,passenger.mile,EPA,Hub,2025,T10,sourced,\n")
    )
    assert factor.unit == "passenger.km"
    assert factor.grams == pytest.approx(66 / 1.609344)
    assert factor.source.publisher == "EPA"
    assert factor.ref() == "t@1:transport.coach/US"


def test_single_gas_rows_are_summed_with_ar5_gwps(tmp_path: Path) -> None:
    rows = (
        "transport.coach,GB,0.027,kg CO2,passenger.km,DESNZ,GHG factors,2024,Bus,sourced,\n"
        "transport.coach,GB,0.00001,kg CH4,passenger.km,DESNZ,GHG factors,2024,Bus,sourced,\n"
        "transport.coach,GB,0.000002,kg N2O,passenger.km,DESNZ,GHG factors,2024,Bus,sourced,\n"
    )
    (factor,) = load(write(tmp_path, rows))
    # 27 g CO2 + 0.01 g CH4 x 28 + 0.002 g N2O x 265 = 27 + 0.28 + 0.53 = 27.81 g CO2e
    assert factor.grams == pytest.approx(27.81)
    assert factor.gases == pytest.approx({"CO2": 27.0, "CH4": 0.28, "N2O": 0.53})


@pytest.mark.parametrize(
    ("row", "field", "reason"),
    [
        ("transport.coach,GB,0.1,kg CO2e,florp,DESNZ,Doc,2024,T,sourced,", "per", "florp"),
        ("transport.coach,GB,0.1,kg CO2e,room.night,DESNZ,Doc,2024,T,sourced,", "per", "cannot convert"),
        ("transport.coach,GB,-0.1,kg CO2e,passenger.km,DESNZ,Doc,2024,T,sourced,", "value", ">= 0"),
        ("transport.coach,GB,nan,kg CO2e,passenger.km,DESNZ,Doc,2024,T,sourced,", "value", "finite"),
        ("transport.coach,GB,abc,kg CO2e,passenger.km,DESNZ,Doc,2024,T,sourced,", "value", "not a number"),
        ("transport.coach,GB,0.1,kg CO2e,passenger.km,,Doc,2024,T,sourced,", "publisher", "empty"),
        ("transport.coach,GB,0.1,kg CO2e,passenger.km,DESNZ,,2024,T,sourced,", "document", "empty"),
        ("transport.coach,GB,0.1,kg CO2e,passenger.km,DESNZ,Doc,2024,T,estimate,", "method", "estimate"),
        ("transport.coach,GB,0.1,kg CO2e,passenger.km,DESNZ,Doc,2024,T,guessed,", "quality", "one of"),
        (
            "transport.taxi,GB,0.1,kg CO2e,passenger.km,DESNZ,Doc,2024,T,sourced,",
            "activity",
            "unknown activity",
        ),
        ("transport.coach,GB,0.1,kg XYZ,passenger.km,DESNZ,Doc,2024,T,sourced,", "unit", "unknown gas"),
        ("transport.coach,GB,0.1,stone CO2e,passenger.km,DESNZ,Doc,2024,T,sourced,", "unit", "stone"),
        ("transport.coach,GB,5e30,kg CO2e,passenger.km,DESNZ,Doc,2024,T,sourced,", "value", "implausibly"),
    ],
)
def test_bad_rows_name_file_row_and_field(tmp_path: Path, row: str, field: str, reason: str) -> None:
    path = write(
        tmp_path, "transport.coach,CN,0.03,kg CO2e,passenger.km,DESNZ,Doc,2024,T,sourced,\n" + row + "\n"
    )
    with pytest.raises(FactorDataError) as caught:
        load(path)
    assert caught.value.row == 3
    assert caught.value.field == field
    assert reason in str(caught.value)
    assert str(path) in str(caught.value)


def test_missing_source_column_is_named(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text("activity,region,value,unit,per,document,year,quality\n")
    with pytest.raises(FactorDataError, match="publisher"):
        load(path)


def test_duplicate_rows_are_refused(tmp_path: Path) -> None:
    row = "transport.coach,GB,0.1,kg CO2e,passenger.km,DESNZ,Doc,2024,T,sourced,\n"
    with pytest.raises(FactorDataError, match="duplicate"):
        load(write(tmp_path, row + row))


def test_estimates_keep_their_method(tmp_path: Path) -> None:
    (factor,) = load(
        write(
            tmp_path,
            "lodging.room_night,world,33.55,kg CO2e,room.night,Diandian,Median,2024,T,estimate,median of 38\n",
        )
    )
    assert factor.quality is Quality.ESTIMATE
    assert factor.method == "median of 38"
    assert factor.relative_uncertainty == 0.5


def test_every_factor_note_has_a_chinese_translation_with_the_same_numbers(engine: diandian.Engine) -> None:
    tables = engine.factor_set.tables.values()
    notes = [f for table in tables for f in table.factors if f.method]
    assert len(notes) > 134  # the 134 notes of the factor files, and the notes written in code
    missing = [f.ref() for f in notes if not f.method_zh]
    assert not missing, missing
    changed = [f.ref() for f in notes if numbers_in(f.method_zh) != numbers_in(f.method)]
    assert not changed, changed


def test_numbers_in_counts_each_number_as_written() -> None:
    # "0.85", "2" (of CO2e) and "0.85" again; "8 g" and "8" are the same number
    assert numbers_in("0.85 kg CO2e, 0.85 again") == Counter({"0.85": 2, "2": 1})
    assert numbers_in("每只袋子 8 g") == numbers_in("8 g per bag")
    assert numbers_in("1.0 kWh") != numbers_in("1 kWh")


def test_the_chinese_note_is_optional_and_read_beside_the_english(tmp_path: Path) -> None:
    path = tmp_path / "factors.csv"
    path.write_text(
        "activity,region,value,unit,per,publisher,document,year,table,quality,method,method_zh\n"
        "lodging.room_night,world,33.55,kg CO2e,room.night,D,Median,2024,T,estimate,median of 38,38 个值的中位数\n"
        "lodging.room_night,GB,10,kg CO2e,room.night,D,Median,2024,T,estimate,median of 2,\n",
        encoding="utf-8",
    )
    world, gb = load(path)
    assert tr(world.note, "zh-CN") == "38 个值的中位数"
    assert tr(world.note, "en") == "median of 38"
    assert (gb.method_zh, tr(gb.note, "zh-CN")) == ("", "median of 2")


def test_a_chinese_note_without_the_english_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "factors.csv"
    path.write_text(
        "activity,region,value,unit,per,publisher,document,year,table,quality,method,method_zh\n"
        "lodging.room_night,world,33.55,kg CO2e,room.night,D,Median,2024,T,sourced,,中位数\n",
        encoding="utf-8",
    )
    with pytest.raises(FactorDataError) as raised:
        load(path)
    assert raised.value.field == "method_zh" and raised.value.row == 2
