"""The strict JSON reader and the bounded number parsers: every refusal names its path and code."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from diandian.errors import ValidationFailed
from diandian.json_input import (
    MAX_DEPTH,
    check_number,
    int_digits,
    load_path,
    loads,
    nesting_depth,
    parse_decimal,
)
from diandian.testing.strategies import deep_json, duplicate_key_json, long_numbers
from hypothesis import given, settings
from hypothesis import strategies as st


def codes(exc: pytest.ExceptionInfo[ValidationFailed]) -> list[tuple[str, str]]:
    return [(p.path, p.code) for p in exc.value.problems]


def test_plain_documents_read_as_json_loads_reads_them() -> None:
    text = '{"nights": 2, "rooms": [{"kind": "double", "n": 1.5}], "ok": true, "none": null}'
    assert loads(text) == json.loads(text)
    assert loads(text.encode()) == json.loads(text)
    assert loads("\ufeff[1]".encode()) == [1]
    assert loads('{"g": 1.5}', decimals=True) == {"g": Decimal("1.5")}


def test_duplicate_keys_are_refused_with_their_full_path() -> None:
    with pytest.raises(ValidationFailed) as exc:
        loads('{"grams": 1000, "grams": 999999999}', field="footprint")
    assert codes(exc) == [("footprint.grams", "duplicate_key")]
    with pytest.raises(ValidationFailed) as exc:
        loads('{"legs": [{"to": "a"}, {"to": "b", "to": "c", "x": NaN}]}')
    assert codes(exc) == [("legs.1.to", "duplicate_key"), ("legs.1.x", "not_finite")]


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity", "1e999", "-1e400"])
def test_non_finite_numbers_are_refused(constant: str) -> None:
    with pytest.raises(ValidationFailed) as exc:
        loads(f'{{"grams": {constant}}}')
    assert codes(exc) == [("grams", "not_finite")]
    assert "not a finite number" in str(exc.value)


def test_huge_integers_are_refused_before_conversion() -> None:
    with pytest.raises(ValidationFailed) as exc:
        loads('{"nights": ' + "9" * 100_000 + "}")
    assert codes(exc) == [("nights", "too_many_digits")]
    assert len(str(exc.value)) < 300


def test_deep_nesting_is_refused_before_parsing() -> None:
    text = '{"rooms": ' + "[" * 10_000 + "]" * 10_000 + ', "nights": 2}'
    assert nesting_depth(text) == 10_001
    with pytest.raises(ValidationFailed) as exc:
        loads(text)
    assert codes(exc) == [("", "too_deep")]
    assert loads("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None
    assert nesting_depth('{"a": "[[[[{{{"}') == 1


def test_not_json_not_utf8_and_too_large() -> None:
    with pytest.raises(ValidationFailed) as exc:
        loads("{nights: 2}", field="answers")
    assert codes(exc) == [("answers", "not_json")]
    assert "line 1, column 2" in str(exc.value)
    with pytest.raises(ValidationFailed) as exc:
        loads(b'{"name": "Lin\xff"}')
    assert codes(exc) == [("", "not_utf8")]
    with pytest.raises(ValidationFailed) as exc:
        loads("[" + "1," * 100 + "1]", max_bytes=50)
    assert codes(exc) == [("", "too_large")]


def test_load_path_names_missing_and_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(ValidationFailed) as exc:
        load_path(tmp_path / "absent.json", field="answers")
    assert codes(exc) == [("answers", "not_found")]
    assert "absent.json" in str(exc.value)
    with pytest.raises(ValidationFailed) as exc:
        load_path(tmp_path, field="answers")
    assert codes(exc) == [("answers", "unreadable")]
    (tmp_path / "ok.json").write_text('{"a": 1}')
    assert load_path(tmp_path / "ok.json") == {"a": 1}
    assert load_path(io.BytesIO(b"[2]")) == [2]
    big = tmp_path / "big.json"
    big.write_bytes(b"[" + b"1," * 1000 + b"1]")
    with pytest.raises(ValidationFailed) as exc:
        load_path(big, max_bytes=100)
    assert codes(exc) == [("", "too_large")]


def test_parse_decimal_is_bounded() -> None:
    assert parse_decimal(" 38.2 ", field="g") == Decimal("38.2")
    assert parse_decimal("1e3", field="g") == Decimal(1000)
    for text, code in [
        ("9" * 4300, "too_many_digits"),
        ("1" * 1_000_000, "too_many_digits"),
        ("1e999999", "too_many_digits"),
        ("NaN", "not_finite"),
        ("-Infinity", "not_finite"),
        ("12kg", "not_a_number"),
        ("", "not_a_number"),
    ]:
        with pytest.raises(ValidationFailed) as exc:
            parse_decimal(text, field="grams")
        assert codes(exc) == [("grams", code)], text


def test_check_number_bounds_python_values() -> None:
    assert check_number(10**30, field="n") == 10**30
    assert check_number(2.5, field="n") == 2.5
    for value, code in [
        (10**5000, "too_many_digits"),
        (float("nan"), "not_finite"),
        (Decimal("Infinity"), "not_finite"),
        (Decimal("1e99999"), "too_many_digits"),
        (True, "not_a_number"),
        ("3", "not_a_number"),
    ]:
        with pytest.raises(ValidationFailed) as exc:
            check_number(value, field="nights")
        assert codes(exc) == [("nights", code)]


@settings(max_examples=200, deadline=None)
@given(literal=long_numbers)
def test_generated_long_numbers_are_refused_by_name(literal: str) -> None:
    with pytest.raises(ValidationFailed) as exc:
        loads('{"grams": [' + literal + "]}")
    assert exc.value.problems[0].path == "grams.0"
    assert exc.value.problems[0].code in {"too_many_digits", "not_finite"}
    with pytest.raises(ValidationFailed):
        parse_decimal(literal, field="grams")


@settings(max_examples=100, deadline=None)
@given(text=deep_json)
def test_generated_deep_json_is_refused_not_recursed(text: str) -> None:
    with pytest.raises(ValidationFailed) as exc:
        loads(text)
    assert [p.code for p in exc.value.problems] == ["too_deep"]


@settings(max_examples=200, deadline=None)
@given(case=duplicate_key_json())
def test_generated_duplicate_keys_are_refused_by_name(case: tuple[str, str]) -> None:
    text, key = case
    with pytest.raises(ValidationFailed) as exc:
        loads(text)
    assert ("duplicate_key", key) in [(p.code, p.path) for p in exc.value.problems]


@settings(max_examples=300, deadline=None)
@given(
    value=st.integers(min_value=-(10**1000), max_value=10**1000) | st.sampled_from([0, 10**39, 10**40 - 1])
)
def test_int_digits_counts_exactly_without_printing(value: int) -> None:
    assert int_digits(value) == len(str(abs(value)))
    assert int_digits(10**5000) == 5001 and int_digits(10**5000 - 1) == 5000
