"""Questionnaires: typed questions in sections, validated all at once, exportable as JSON Schema.

A questionnaire is data (frozen attrs values), so a plugin declares it once and any front end can
render it. Validation collects every problem with its field path, a stable code and a message in
the visitor's language; values that are possible but unusual pass with a warning.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any, ClassVar

import attrs

from .errors import Problem, ValidationFailed
from .json_input import MAX_INT_BITS, MAX_NUMBER_CHARS, int_digits
from .messages import describe, message
from .text import Text, tr
from .units import unit_label

MAX_TEXT = 200
MAX_GROUP_ITEMS = 50


@attrs.frozen
class Condition:
    """Show a question only when another answer (a sibling in a group, else top level) matches."""

    question: str
    equals: Any = None
    one_of: tuple[Any, ...] = ()
    truthy: bool = False

    def holds(self, scope: Mapping[str, Any], outer: Mapping[str, Any]) -> bool:
        value = scope[self.question] if self.question in scope else outer.get(self.question)
        if self.truthy:
            return bool(value)
        if self.one_of:
            return value in self.one_of
        return bool(value == self.equals)

    def to_json(self) -> dict[str, Any]:
        if self.truthy:
            return {"question": self.question, "truthy": True}
        if self.one_of:
            return {"question": self.question, "one_of": list(self.one_of)}
        return {"question": self.question, "equals": self.equals}


def when(question: str, *one_of: Any) -> Condition:
    """``when("mode", "flight")`` or ``when("mode", "car", "taxi")``."""
    if len(one_of) == 1:
        return Condition(question, equals=one_of[0])
    return Condition(question, one_of=tuple(one_of))


@attrs.frozen
class Option:
    value: str
    label: Text


@attrs.frozen(kw_only=True)
class Question:
    """Fields every question kind has. ``coarse`` marks the few questions that give a first result."""

    kind: ClassVar[str] = ""
    id: str
    label: Text
    help: Text | None = None
    required: bool = False
    default: Any = None
    condition: Condition | None = None
    coarse: bool = False

    def check(self, value: Any, path: str, lang: str, out: list[Problem], outer: Mapping[str, Any]) -> Any:
        raise NotImplementedError

    def schema(self, lang: str) -> dict[str, Any]:
        raise NotImplementedError

    def _problem(self, out: list[Problem], path: str, code: str, lang: str, **values: Any) -> None:
        out.append(Problem(path, code, message(code, lang, **values)))


@attrs.frozen(kw_only=True)
class Number(Question):
    """A number in a stated unit, within ``[minimum, maximum]``; above ``warn_above`` it warns."""

    kind: ClassVar[str] = "number"
    unit: str = ""
    minimum: float = 0
    maximum: float = 1e6
    warn_above: float | None = None
    integer: bool = False

    def check(self, value: Any, path: str, lang: str, out: list[Problem], outer: Mapping[str, Any]) -> Any:
        if type(value) is bool or not isinstance(value, int | float):
            self._problem(out, path, "not_a_number", lang, got=describe(value))
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self._problem(out, path, "not_finite", lang, got=value)
            return None
        if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
            # refused before it is compared, printed or multiplied
            digits = int_digits(value)
            self._problem(out, path, "too_many_digits", lang, digits=digits, limit=MAX_NUMBER_CHARS)
            return None
        if self.integer and value != int(value):
            self._problem(out, path, "not_an_integer", lang, got=value)
            return None
        if value < self.minimum:
            unit = unit_label(self.unit, lang, self.minimum)  # 天, not day, in a Chinese message
            self._problem(out, path, "below_minimum", lang, minimum=self.minimum, unit=unit, got=value)
            return None
        if value > self.maximum:
            unit = unit_label(self.unit, lang, self.maximum)
            self._problem(out, path, "above_maximum", lang, maximum=self.maximum, unit=unit, got=value)
            return None
        if self.warn_above is not None and value > self.warn_above:
            out.append(
                Problem(
                    path,
                    "unusually_high",
                    message(
                        "unusually_high",
                        lang,
                        got=value,
                        unit=unit_label(self.unit, lang, value),
                        limit=self.warn_above,
                    ),
                    "warning",
                )
            )
        return int(value) if self.integer else value

    def schema(self, lang: str) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": "integer" if self.integer else "number",
            "minimum": self.minimum,
            "maximum": self.maximum,
        }
        if self.unit:
            out["x-unit"] = self.unit
        if self.warn_above is not None:
            out["x-warn-above"] = self.warn_above
        return out


@attrs.frozen(kw_only=True)
class Choice(Question):
    """One of a fixed list of options.

    ``inferred``: when unanswered, the choice takes the one option that the other answers imply
    (the questions asked only under that option were answered), before its default; for choices
    of how to answer, such as nights or check-in and check-out dates.
    """

    kind: ClassVar[str] = "choice"
    options: tuple[Option, ...]
    inferred: bool = False
    _allowed: frozenset[str] = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_allowed", frozenset(self._values()))

    def _values(self) -> tuple[str, ...]:
        return tuple(o.value for o in self.options)

    def check(self, value: Any, path: str, lang: str, out: list[Problem], outer: Mapping[str, Any]) -> Any:
        if not isinstance(value, str) or value not in self._allowed:
            self._problem(
                out,
                path,
                "unknown_option",
                lang,
                got=describe(value),
                options=", ".join(self._values()),
            )
            return None
        return value

    def schema(self, lang: str) -> dict[str, Any]:
        return {
            "type": "string",
            "enum": list(self._values()),
            "x-labels": {o.value: tr(o.label, lang) for o in self.options},
        }


@attrs.frozen(kw_only=True)
class MultiChoice(Choice):
    """Any number of options, each at most once."""

    kind: ClassVar[str] = "multi_choice"
    max_items: int | None = None

    def check(self, value: Any, path: str, lang: str, out: list[Problem], outer: Mapping[str, Any]) -> Any:
        if not isinstance(value, list | tuple):
            self._problem(out, path, "not_a_list", lang, got=describe(value))
            return None
        allowed = self._values()
        limit = self.max_items if self.max_items is not None else len(allowed)
        if len(value) > limit:
            self._problem(out, path, "too_many_items", lang, maximum=limit, count=len(value))
            return None
        seen: list[str] = []
        for index, item in enumerate(value):
            if not isinstance(item, str) or item not in allowed:
                self._problem(
                    out,
                    f"{path}.{index}",
                    "unknown_option",
                    lang,
                    got=describe(item),
                    options=", ".join(allowed),
                )
            elif item in seen:
                self._problem(out, f"{path}.{index}", "duplicate_option", lang, got=item)
            else:
                seen.append(item)
        return tuple(seen)

    def schema(self, lang: str) -> dict[str, Any]:
        return {
            "type": "array",
            "items": super().schema(lang),
            "uniqueItems": True,
            "maxItems": self.max_items if self.max_items is not None else len(self.options),
        }


def _check_text(question: Question, value: Any, path: str, lang: str, out: list[Problem]) -> str | None:
    if not isinstance(value, str):
        question._problem(out, path, "not_a_string", lang, got=describe(value))
        return None
    if len(value) > MAX_TEXT:
        question._problem(out, path, "too_long", lang, length=len(value), limit=MAX_TEXT)
        return None
    stripped = value.strip()
    if not stripped:
        question._problem(out, path, "empty", lang)
        return None
    return stripped


@attrs.frozen(kw_only=True)
class PlaceQuestion(Question):
    """A place typed as text: a city in Chinese or English, or an IATA airport code.

    Resolving it to coordinates is the gazetteer's job (:mod:`diandian.travel`), at capture time.
    """

    kind: ClassVar[str] = "place"

    def check(self, value: Any, path: str, lang: str, out: list[Problem], outer: Mapping[str, Any]) -> Any:
        return _check_text(self, value, path, lang, out)

    def schema(self, lang: str) -> dict[str, Any]:
        return {"type": "string", "minLength": 1, "maxLength": MAX_TEXT, "x-place": True}


@attrs.frozen(kw_only=True)
class TextQuestion(Question):
    """Free short text (a booking reference, a display name)."""

    kind: ClassVar[str] = "text"

    def check(self, value: Any, path: str, lang: str, out: list[Problem], outer: Mapping[str, Any]) -> Any:
        return _check_text(self, value, path, lang, out)

    def schema(self, lang: str) -> dict[str, Any]:
        return {"type": "string", "minLength": 1, "maxLength": MAX_TEXT}


@attrs.frozen(kw_only=True)
class DateQuestion(Question):
    """A calendar date written ``YYYY-MM-DD``; ``after`` names a date question it must follow."""

    kind: ClassVar[str] = "date"
    minimum: dt.date = dt.date(2000, 1, 1)
    maximum: dt.date = dt.date(2100, 12, 31)
    after: str | None = None

    def check(self, value: Any, path: str, lang: str, out: list[Problem], outer: Mapping[str, Any]) -> Any:
        if isinstance(value, dt.date):
            day = value
        elif isinstance(value, str) and len(value) == 10:
            try:
                day = dt.date.fromisoformat(value)
            except ValueError:
                self._problem(out, path, "not_a_date", lang, got=describe(value))
                return None
        else:
            self._problem(out, path, "not_a_date", lang, got=describe(value))
            return None
        if not (self.minimum <= day <= self.maximum):
            self._problem(
                out,
                path,
                "date_out_of_range",
                lang,
                minimum=self.minimum,
                maximum=self.maximum,
                got=day,
            )
            return None
        if self.after is not None:
            earlier = outer.get(self.after)
            if isinstance(earlier, dt.date) and day <= earlier:
                self._problem(out, path, "date_order", lang, other=self.after)
                return None
        return day

    def schema(self, lang: str) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": "string",
            "format": "date",
            "formatMinimum": self.minimum.isoformat(),
            "formatMaximum": self.maximum.isoformat(),
        }
        if self.after:
            out["x-after"] = self.after
        return out


@attrs.frozen(kw_only=True)
class YesNo(Question):
    kind: ClassVar[str] = "yes_no"

    def check(self, value: Any, path: str, lang: str, out: list[Problem], outer: Mapping[str, Any]) -> Any:
        if type(value) is not bool:
            self._problem(out, path, "not_a_boolean", lang, got=describe(value))
            return None
        return value

    def schema(self, lang: str) -> dict[str, Any]:
        return {"type": "boolean"}


@attrs.frozen(kw_only=True)
class Group(Question):
    """A repeatable group of questions, such as several trip legs; its answer is a list of objects.

    ``item_label`` names one item for a form, with ``{n}`` for its number (``Leg {n}`` /
    ``第 {n} 段``); without it a form numbers the items generically.
    """

    kind: ClassVar[str] = "group"
    questions: tuple[Question, ...]
    min_items: int = 0
    max_items: int = MAX_GROUP_ITEMS
    item_label: Text | None = None
    _ids: frozenset[str] = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_ids", frozenset(q.id for q in self.questions))

    def check(self, value: Any, path: str, lang: str, out: list[Problem], outer: Mapping[str, Any]) -> Any:
        if not isinstance(value, list | tuple):
            self._problem(out, path, "not_a_list", lang, got=describe(value))
            return None
        if not value and self.min_items:
            self._problem(out, path, "required", lang)  # "needs at least 1 items, got 0" says less
            return None
        if len(value) < self.min_items:
            self._problem(out, path, "too_few_items", lang, minimum=self.min_items, count=len(value))
            return None
        if len(value) > self.max_items:
            self._problem(out, path, "too_many_items", lang, maximum=self.max_items, count=len(value))
            return None
        return tuple(
            MappingProxyType(_check_object(self.questions, self._ids, item, f"{path}.{i}", lang, out, outer))
            for i, item in enumerate(value)
        )

    def schema(self, lang: str) -> dict[str, Any]:
        return {
            "type": "array",
            "minItems": self.min_items,
            "maxItems": self.max_items,
            "items": _object_schema(self.questions, lang),
        }


@attrs.frozen
class Section:
    """A titled page of questions. ``shared`` names a section a mixed venue asks only once."""

    id: str
    title: Text
    questions: tuple[Question, ...]
    shared: str | None = None


@attrs.frozen
class Questionnaire:
    """A scene type's questionnaire: sections of questions, plus its version."""

    id: str
    title: Text
    sections: tuple[Section, ...]
    version: str = "1"
    _by_id: Mapping[str, Question] = attrs.field(init=False, repr=False, eq=False, hash=False)
    _all: tuple[Question, ...] = attrs.field(init=False, repr=False, eq=False, hash=False)
    _ids: frozenset[str] = attrs.field(init=False, repr=False, eq=False, hash=False)
    _coarse: tuple[str, ...] = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        by_id: dict[str, Question] = {}
        for question in (q for section in self.sections for q in section.questions):
            if question.id in by_id:
                raise ValueError(f"questionnaire {self.id!r}: question id {question.id!r} is used twice")
            by_id[question.id] = question
        object.__setattr__(self, "_by_id", MappingProxyType(by_id))
        object.__setattr__(self, "_all", tuple(by_id.values()))
        object.__setattr__(self, "_ids", frozenset(by_id))
        object.__setattr__(self, "_coarse", _essentials(self._all))

    def questions(self) -> tuple[Question, ...]:
        return self._all

    @property
    def ids(self) -> frozenset[str]:
        """The id of every question (groups' inner questions excepted)."""
        return self._ids

    def question(self, question_id: str) -> Question:
        return self._by_id[question_id]

    @property
    def coarse_ids(self) -> tuple[str, ...]:
        """The questions of a first result, in questionnaire order (see :func:`_essentials`)."""
        return self._coarse

    def validate(self, answers: Any, *, lang: str = "en") -> ValidatedAnswers:
        """Check ``answers``; return them with defaults filled in, or raise with every problem."""
        out: list[Problem] = []
        if type(answers) is not dict and not isinstance(answers, Mapping):
            raise ValidationFailed(
                [Problem("", "not_an_object", message("not_an_object", lang, got=describe(answers)))],
                what="answers",
            )
        values = _check_object(self._all, self._ids, answers, "", lang, out, None)
        errors = [p for p in out if p.severity == "error"]
        if errors:
            raise ValidationFailed(errors, what="answers")
        return ValidatedAnswers(MappingProxyType(values), tuple(out))

    def json_schema(self, *, lang: str = "en") -> dict[str, Any]:
        """A JSON Schema (2020-12) of the answers object, with labels in ``lang``."""
        schema = _object_schema(self._all, lang, frozenset(self._coarse))
        schema.update(
            {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "$id": f"urn:diandian:questionnaire:{self.id}:{self.version}",
                "title": tr(self.title, lang),
                "x-sections": [
                    {
                        "id": s.id,
                        "title": tr(s.title, lang),
                        "questions": [q.id for q in s.questions],
                        **({"shared": s.shared} if s.shared else {}),
                    }
                    for s in self.sections
                ],
                "x-coarse": list(self.coarse_ids),
            }
        )
        return schema


@attrs.frozen
class ValidatedAnswers:
    """Answers that passed validation, defaults filled in; ``warnings`` flags odd values."""

    values: Mapping[str, Any]
    warnings: tuple[Problem, ...] = ()


def _check_object(
    questions: Sequence[Question],
    ids: frozenset[str],
    answers: Any,
    prefix: str,
    lang: str,
    out: list[Problem],
    outer: Mapping[str, Any] | None,
) -> dict[str, Any]:
    if type(answers) is not dict and not isinstance(answers, Mapping):
        out.append(Problem(prefix, "not_an_object", message("not_an_object", lang, got=describe(answers))))
        return {}
    values: dict[str, Any] = {}
    scope_outer = outer if outer is not None else values
    for question in questions:
        qid = question.id
        if question.condition is not None and not question.condition.holds(values, scope_outer):
            continue
        value = answers.get(qid)
        if value is not None:
            checked = question.check(value, f"{prefix}.{qid}" if prefix else qid, lang, out, scope_outer)
            if checked is not None:
                values[qid] = checked
        elif question.required:
            out.append(Problem(f"{prefix}.{qid}" if prefix else qid, "required", message("required", lang)))
        elif (
            isinstance(question, Choice)
            and question.inferred
            and (implied := _implied(qid, questions, answers)) is not None
        ):
            values[qid] = implied
        elif question.default is not None:
            values[qid] = question.default
    if ids.issuperset(answers):
        return values
    for key in answers:
        if key not in ids:
            name = key if isinstance(key, str) and len(key) <= 40 else describe(key)
            path = f"{prefix}.{name}" if prefix else str(name)
            out.append(Problem(path, "unknown_field", message("unknown_field", lang)))
    return values


def _implied(choice: str, questions: Sequence[Question], answers: Mapping[str, Any]) -> Any:
    """The one option of an unanswered ``choice`` that the given answers imply, else ``None``.

    Check-in and check-out dates without ``stay_by`` mean ``stay_by: "dates"``; a typed
    ``distance_km`` without ``distance_by`` means ``"km"``: the answers asked only under one option.
    """
    implied = set()
    for question in questions:
        condition = question.condition
        if condition is None or condition.question != choice or condition.truthy:
            continue
        options = condition.one_of or (condition.equals,)
        if len(options) == 1 and answers.get(question.id) is not None:
            implied.add(options[0])
    return implied.pop() if len(implied) == 1 else None


def _essentials(questions: Sequence[Question]) -> tuple[str, ...]:
    """The ids of the questions a first (coarse) form must ask.

    Those marked ``coarse``; every required question that applies with the defaults; every
    required question whose condition rests on one already asked (the visitor may pick the
    option that makes it apply); and every question such a condition rests on. Without the last
    a form hides a required field (hotel ``nights`` shows only when ``stay_by`` is ``nights``),
    and a visitor cannot answer what the validator demands.
    """
    by_id = {q.id: q for q in questions}
    defaults = {q.id: q.default for q in questions if q.default is not None}
    chosen = {
        q.id
        for q in questions
        if q.coarse or (q.required and (q.condition is None or q.condition.holds(defaults, defaults)))
    }
    while True:
        more = {
            q.condition.question
            for q in questions
            if q.id in chosen and q.condition is not None and q.condition.question in by_id
        }
        more |= {
            q.id
            for q in questions
            if q.required and q.condition is not None and q.condition.question in chosen
        }
        if more <= chosen:
            return tuple(q.id for q in questions if q.id in chosen)
        chosen |= more


def _object_schema(
    questions: Sequence[Question], lang: str, coarse: frozenset[str] = frozenset()
) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    required: list[str] = []
    for question in questions:
        prop = question.schema(lang)
        prop["title"] = tr(question.label, lang)
        prop["x-kind"] = question.kind
        if question.help:
            prop["description"] = tr(question.help, lang)
        if question.default is not None:
            prop["default"] = (
                question.default.isoformat() if isinstance(question.default, dt.date) else question.default
            )
        if question.condition is not None:
            prop["x-show-if"] = question.condition.to_json()
        if question.id in coarse:
            prop["x-coarse"] = True
        properties[question.id] = prop
        if question.required and question.condition is None:
            required.append(question.id)
    return {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }
