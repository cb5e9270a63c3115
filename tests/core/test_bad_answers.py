"""Thousands of generated answer sets: every one gives a footprint or a ValidationFailed, nothing else."""

import json

import diandian
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=50),
    st.sampled_from(["CN", "JP", "OTHER", "nights", "dates", "2024-09-07", "2024-02-30", "x" * 10_000]),
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
