"""Thousands of generated answer sets: every one gives a footprint or a ValidationFailed, nothing else."""

import json

import diandian
import pytest
from diandian.json_input import loads
from diandian.offsets import parse_grams
from diandian.testing.strategies import (
    deep_json,
    duplicate_key_json,
    hostile_strings,
    huge_integers,
    long_numbers,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=50),
    st.sampled_from(["CN", "JP", "OTHER", "nights", "dates", "2024-09-07", "2024-02-30", "x" * 10_000]),
    huge_integers,
    hostile_strings,
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=10,
)
keys = st.sampled_from(["rooms", "nights", "stay_by", "check_in", "check_out", "country", "extra"]) | st.text(
    max_size=12
)


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers=st.dictionaries(keys, values, max_size=7) | values)
def test_generated_hotel_answers_never_crash(engine: diandian.Engine, answers: object) -> None:
    try:
        footprint = engine.footprint("hotel", answers)
    except diandian.ValidationFailed as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.path is not None and problem.code and problem.message
            assert len(problem.message) < 500  # a 1 MB answer is never echoed back
        return
    assert footprint.grams >= 0
    json.dumps(footprint.to_json(), default=str)


def test_a_number_thousands_of_digits_long_is_refused_by_name(engine: diandian.Engine) -> None:
    with pytest.raises(diandian.ValidationFailed) as exc:
        engine.footprint("hotel", {"nights": 10**5000})
    assert [(p.path, p.code) for p in exc.value.problems] == [("nights", "too_many_digits")]
    # 10**5000 is a one and 5,000 zeros: 5,001 digits
    assert "5001 digits long; at most 40 allowed" in exc.value.problems[0].message
    with pytest.raises(diandian.ValidationFailed) as exc:
        parse_grams("1" * 1_000_000)
    assert exc.value.problems[0].code == "too_many_digits" and len(str(exc.value)) < 200


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(
        deep_json,
        duplicate_key_json().map(lambda case: case[0]),
        long_numbers.map(lambda n: '{"nights": ' + n + "}"),
    )
)
def test_hostile_json_text_is_refused_before_the_engine(engine: diandian.Engine, text: str) -> None:
    """The path every front end takes: read the text strictly, then compute; never a crash."""
    try:
        loads(text)
    except diandian.ValidationFailed as exc:
        assert exc.problems and all(p.code for p in exc.problems)
        return
    raise AssertionError(f"accepted {text[:60]!r}")


def test_a_refusal_never_echoes_a_megabyte_of_what_it_refuses() -> None:
    from diandian.errors import MAX_MESSAGE, MAX_PATH, Problem, shorten

    echoed = f"no scene {'s' * 5000!r}; known: a, b"
    problem = Problem("k" * 10_000, "unknown", echoed)
    assert len(problem.message) == MAX_MESSAGE and len(problem.path) == MAX_PATH
    assert problem.message.startswith("no scene 'sss") and problem.message.endswith("; known: a, b")
    assert " … " in problem.message
    assert shorten("short") == "short"
