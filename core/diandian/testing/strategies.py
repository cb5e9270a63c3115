"""Hypothesis strategies for a plugin's questionnaire, and the property every plugin checks.

:func:`answers_for` is built from the questionnaire itself (every question, and every question
added later, is drawn): mostly plausible values, some junk. :func:`loose_answers` draws any
question id (or an unknown one) with any nested junk, seeded with words the plugin knows.
:func:`check_footprint_or_refusal` is the property: a footprint, or a refusal naming its fields.

Hostile input, for any front end or reader: :data:`long_numbers` (number literals far past any
sane length, ``"9" * 4300``, ``1e999``), :data:`deep_json` (arrays/objects nested thousands deep,
as JSON text), :func:`duplicate_key_json` (an object naming one key twice, as JSON text, and
that key) and :data:`hostile_strings` (control characters, bidirectional overrides, zero-width
marks, NUL, terminal escapes, strings past every length limit). The junk drawn into answers
includes huge integers and hostile strings.

Import them as ``from diandian.testing.strategies import answers_for`` (hypothesis needed).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from hypothesis import strategies as st

import diandian
from diandian import Choice, Group, MultiChoice, Number, PlaceQuestion, Question, Questionnaire, YesNo

long_numbers = st.one_of(
    st.integers(min_value=41, max_value=5000).map(lambda n: "9" * n),
    st.integers(min_value=41, max_value=2000).map(lambda n: "1." + "0" * n + "1"),
    st.integers(min_value=41, max_value=2000).map(lambda n: "-" + "1" * n),
    st.sampled_from(["1e999", "-1e999", "1e99999999", "9" * 4300]),
)
# drawn as a digit count, so hypothesis never has to print a number past Python's 4,300 digits
huge_integers = st.builds(
    lambda digits, sign: sign * 10**digits,
    st.integers(min_value=40, max_value=5000),
    st.sampled_from([1, -1]),
)
_OPEN_CLOSE = st.sampled_from([("[", "]"), ('{"rooms": ', "}"), ('[{"a": ', "}]")])
deep_json = st.builds(
    lambda depth, pair, tail: pair[0] * depth + "1" + pair[1] * depth + tail,
    st.integers(min_value=40, max_value=20_000),
    _OPEN_CLOSE,
    st.sampled_from(["", " "]),
)


@st.composite
def duplicate_key_json(draw: st.DrawFn) -> tuple[str, str]:
    """``(text, key)``: a JSON object in which ``key`` appears twice."""
    key = draw(st.sampled_from(["grams", "nights", "rooms"]) | st.text(min_size=1, max_size=8))
    first, second = draw(st.integers(0, 10**9)), draw(st.integers(0, 10**9))
    others = draw(st.dictionaries(st.text(max_size=5).filter(lambda k: k != key), st.integers(), max_size=3))
    body = ", ".join(f"{json.dumps(k)}: {v}" for k, v in others.items())
    parts = [f"{json.dumps(key)}: {first}", *([body] if body else []), f"{json.dumps(key)}: {second}"]
    return "{" + ", ".join(parts) + "}", key


_NASTY = [
    "\u202e",
    "\u202d",
    "\u2066",
    "\u200b",
    "\u200f",
    "\x00",
    "\x1b[31m",
    "\r\n",
    "\t",
    "\x7f",
    "\ufeff",
]
hostile_strings = st.one_of(
    st.builds(lambda a, n, b: a + n + b, st.text(max_size=10), st.sampled_from(_NASTY), st.text(max_size=10)),
    st.integers(min_value=200, max_value=40_000).map(lambda n: "名" * n),
    st.text(st.characters(categories=["Cc", "Cf", "Zl", "Zp"]), min_size=1, max_size=20),
)

PLACES = ("Beijing", "成都", "PEK", "Huangshan", "Tokyo", "London", "Atlantisville", "")
_JUNK = st.one_of(
    st.none(),
    st.text(max_size=4),
    st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.lists(st.integers(), max_size=2),
    huge_integers,
    hostile_strings,
)


def _number(question: Number) -> st.SearchStrategy[Any]:
    low, high = question.minimum - 2, min(question.maximum, 1e9) + 2
    if question.integer:
        return st.integers(int(low), int(high))
    return st.floats(low, high)


def value_for(question: Question) -> st.SearchStrategy[Any]:
    """Values for one question: of its own kind (in and just out of range) nine times in ten."""
    good: st.SearchStrategy[Any]
    if isinstance(question, Group):
        good = st.lists(answers_for(question.questions), max_size=3)
    elif isinstance(question, Number):
        good = _number(question)
    elif isinstance(question, MultiChoice):
        good = st.lists(st.sampled_from([o.value for o in question.options] + ["nope"]), max_size=3)
    elif isinstance(question, Choice):
        good = st.sampled_from([o.value for o in question.options] + ["nope"])
    elif isinstance(question, PlaceQuestion):
        good = st.sampled_from(PLACES)
    elif isinstance(question, YesNo):
        good = st.booleans()
    else:
        good = st.text(max_size=10)
    return st.integers(0, 9).flatmap(lambda draw: _JUNK if draw == 9 else good)


def answers_for(questions: Sequence[Question]) -> st.SearchStrategy[dict[str, Any]]:
    """Answer objects: questions always required are there, any other may be left out."""
    always = {q.id for q in questions if q.required and q.condition is None}
    return st.fixed_dictionaries(
        {q.id: value_for(q) for q in questions if q.id in always},
        optional={q.id: value_for(q) for q in questions if q.id not in always},
    )


def loose_answers(
    questionnaire: Questionnaire, words: Sequence[str], item_keys: Sequence[str] = (), max_size: int = 8
) -> st.SearchStrategy[dict[str, Any]]:
    """Any of the questionnaire's ids (or ``extra``) with scalars, lists and, given ``item_keys``, dicts."""
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**12), max_value=10**12),
        huge_integers,
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=20),
        hostile_strings,
        st.sampled_from([*words, "x" * 5000]),
    )
    keys = st.sampled_from([*item_keys, "x"])
    values = st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=3)
            | (st.dictionaries(keys, inner, max_size=4) if item_keys else st.nothing())
        ),
        max_leaves=12,
    )
    ids = st.sampled_from([q.id for q in questionnaire.questions()] + ["extra"])
    return st.dictionaries(ids, values, max_size=max_size)


def check_footprint_or_refusal(
    engine: diandian.Engine, scene_type: str, answers: Any, scene: diandian.Scene | None = None
) -> diandian.Footprint | None:
    """A consistent footprint, or ``None`` after a refusal whose problems name their fields."""
    try:
        footprint = engine.footprint(scene_type, answers, scene=scene)
    except diandian.ValidationFailed as exc:
        assert exc.problems and all(p.path and p.code and 0 < len(p.message) < 500 for p in exc.problems)
        return None
    assert footprint.grams == sum(line.grams for line in footprint.lines) >= 0
    assert footprint.low <= footprint.grams <= footprint.high
    return footprint
