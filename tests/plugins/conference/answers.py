"""A hypothesis strategy for any questionnaire's answers: mostly plausible values, some junk.

Built from the questionnaire itself, so every question (and every question added later) is drawn.
The scenic-spot tests use it too (``from conference.answers import answers_for``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from diandian import Choice, Group, MultiChoice, Number, PlaceQuestion, Question, YesNo
from hypothesis import strategies as st

PLACES = ("Beijing", "成都", "PEK", "Huangshan", "Tokyo", "London", "Atlantisville", "")
_JUNK = st.one_of(
    st.none(),
    st.text(max_size=4),
    st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.lists(st.integers(), max_size=2),
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
