"""A questionnaire as an HTML form, and a submitted form back into answers.

Fields are named by answer path (``days``, ``legs.0.mode``): a group shows its answered items
plus one empty item, so a visitor without JavaScript adds a trip leg by filling the spare one
and submitting. A place answer that names several cities, or none, comes back with the candidates as choices
beside it (the chosen one wins over the typed text). What the visitor typed is kept as typed (a number that is not one stays text)
so the form comes back with their answers and the validator names the field in their language.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from ...errors import Problem
from ...questionnaire import (
    Choice,
    Condition,
    DateQuestion,
    Group,
    MultiChoice,
    Number,
    PlaceQuestion,
    Question,
    Questionnaire,
    Section,
    YesNo,
)
from ...text import text, tr, typed
from ...travel import suggest_places

MAX_FIELD = 200
SPARE_ITEMS = 1
# how a physical unit or money reads beside a field's label; units not listed are shown as written
UNIT_LABELS = {
    "km": text("km", "公里"),
    "kg": text("kg", "千克"),
    "g": text("g", "克"),
    "h": text("hours", "小时"),
    "kWh": text("kWh", "千瓦时"),
    "m2": text("m²", "平方米"),
    "L": text("litres", "升"),
    "CNY": text("yuan", "元"),
    "m³/kWh": text("m³ or kWh", "立方米或千瓦时"),
    "kWh/m2/h": text("kWh per m² per hour", "千瓦时/平方米/小时"),
}
# counting units (days, nights, meals, rides...): the label's own noun already says what is counted
# ("Hotel nights", "Days you attend"), and "Hotel nights (nights)" reads as a machine wrote it
COUNTS = frozenset({"day", "night", "person", "meal", "room", "ride", "item", "bag", "portion", "attendee"})
# a place answer that did not resolve gets its candidates beside the field, as choices
PLACE_CODES = frozenset({"ambiguous_place", "unknown_place", "weak_match"})
PICK = ":pick"
"""Suffix of the field a place's chosen candidate comes back in (``legs.0.from_place:pick``)."""
# offered in a place field before anything is typed (and all that is offered without the script)
COMMON_PLACES = {
    "en": ("Beijing", "Shanghai", "Guangzhou", "Shenzhen", "Chengdu", "Chongqing", "Xi'an", "Hangzhou"),
    "zh-CN": ("北京", "上海", "广州", "深圳", "成都", "重庆", "西安", "杭州"),
}
ITEM_LABEL = text("No. {n}", "第 {n} 项")
"""An item of a group that names none of its own (:attr:`Group.item_label`)."""


@attrs.frozen
class Field:
    """One input as the template draws it."""

    name: str
    kind: str  # number | choice | multi | yesno | text | date | group
    label: str
    help: str
    value: Any
    options: tuple[tuple[str, str], ...] = ()
    unit: str = ""
    required: bool = False
    shown_if: str = ""
    condition: tuple[str, tuple[str, ...]] | None = None
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    items: tuple[tuple[Field, ...], ...] = ()
    item_labels: tuple[str, ...] = ()
    choices: tuple[tuple[str, str], ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    step: str = "any"


@attrs.frozen
class FormSection:
    id: str
    title: str
    fields: tuple[Field, ...]


def _condition_text(condition: Condition | None, siblings: Mapping[str, Question], lang: str) -> str:
    """``“How did you travel?” is “Car” or “Motorbike”``: when a field applies, for visitors whose
    browser cannot hide it."""
    if condition is None:
        return ""
    question = siblings.get(condition.question)
    wanted = condition.one_of or ((condition.equals,) if not condition.truthy else ())
    if isinstance(question, Choice):
        labels = {o.value: tr(o.label, lang) for o in question.options}
        either = tr(text(" or ", "或"), lang)
        shown = either.join(f"“{labels.get(str(v), str(v))}”" for v in wanted)
        return tr(
            text(f"“{tr(question.label, lang)}” is {shown}", f"“{tr(question.label, lang)}”为{shown}"), lang
        )
    if question is not None:
        return tr(
            text(f"“{tr(question.label, lang)}” is answered", f"填写了“{tr(question.label, lang)}”"), lang
        )
    return condition.question


def _condition_data(condition: Condition | None) -> tuple[str, tuple[str, ...]] | None:
    if condition is None or condition.truthy:
        return None
    wanted = condition.one_of or (condition.equals,)
    return condition.question, tuple(_form_value(v) for v in wanted)


def _form_value(value: Any) -> str:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _messages(problems: Iterable[Problem], path: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    errors = tuple(p.message for p in problems if p.path == path and p.severity == "error")
    warnings = tuple(p.message for p in problems if p.path == path and p.severity != "error")
    return errors, warnings


def _field(
    question: Question,
    path: str,
    value: Any,
    siblings: Mapping[str, Question],
    problems: Sequence[Problem],
    lang: str,
) -> Field:
    errors, warnings = _messages(problems, path)
    common: dict[str, Any] = {
        "name": path,
        "label": tr(question.label, lang),
        "help": tr(question.help, lang) if question.help else "",
        "required": question.required,
        "shown_if": _condition_text(question.condition, siblings, lang),
        "condition": _condition_data(question.condition),
        "errors": errors,
        "warnings": warnings,
    }
    if value is None and question.default is not None and not isinstance(question, Group):
        value = question.default
    if isinstance(question, Group):
        inner = {q.id: q for q in question.questions}
        answered = [item for item in (value or ()) if isinstance(item, Mapping)]
        count = min(question.max_items, max(len(answered) + SPARE_ITEMS, question.min_items, 1))
        items = tuple(
            tuple(
                _field(
                    q,
                    f"{path}.{index}.{q.id}",
                    (answered[index] if index < len(answered) else {}).get(q.id),
                    inner,
                    problems,
                    lang,
                )
                for q in question.questions
            )
            for index in range(count)
        )
        item_label = tr(question.item_label or ITEM_LABEL, lang)
        labels = tuple(item_label.format(n=index + 1) for index in range(count))
        return Field(kind="group", value=None, items=items, item_labels=labels, **common)
    if isinstance(question, MultiChoice):
        chosen = tuple(value) if isinstance(value, list | tuple) else ()
        options = tuple((o.value, tr(o.label, lang)) for o in question.options)
        return Field(kind="multi", value=chosen, options=options, **common)
    if isinstance(question, Choice):
        options = tuple((o.value, tr(o.label, lang)) for o in question.options)
        return Field(kind="choice", value=_form_value(value), options=options, **common)
    if isinstance(question, YesNo):
        return Field(kind="yesno", value=_form_value(value), **common)
    if isinstance(question, Number):
        return Field(
            kind="number",
            value=_form_value(value),
            unit=_unit(question, lang),
            minimum=question.minimum,
            maximum=question.maximum if math.isfinite(question.maximum) else None,
            step="1" if question.integer else "any",
            **common,
        )
    if isinstance(question, DateQuestion):
        return Field(kind="date", value=_form_value(value), **common)
    if isinstance(question, PlaceQuestion):
        unresolved = any(p.path == path and p.code in PLACE_CODES for p in problems)
        found = suggest_places(str(value), lang=lang) if unresolved and value else []
        choices = tuple((s.query, s.label) for s in found)
        common_places = tuple((city, city) for city in COMMON_PLACES[lang])
        return Field(kind="place", value=_form_value(value), options=common_places, choices=choices, **common)
    return Field(kind="text", value=_form_value(value), **common)


def _unit(question: Number, lang: str) -> str:
    """The unit to show beside the label, if it says something the label does not."""
    if question.unit in COUNTS:
        return ""
    unit = tr(UNIT_LABELS.get(question.unit, question.unit), lang)
    return "" if unit.casefold() in tr(question.label, lang).casefold() else unit


def sections(
    parts: Sequence[tuple[str | None, Questionnaire]],
    answers: Mapping[str, Any],
    problems: Sequence[Problem],
    lang: str,
    *,
    coarse_only: bool,
) -> list[FormSection]:
    """The form's sections for the scene's questionnaire parts (``key`` ``None``: answers at the
    top level; else nested under ``key`` for a mixed venue), coarse questions only when asked."""
    out: list[FormSection] = []
    for key, questionnaire in parts:
        scope = answers.get(key, {}) if key else answers
        scope = scope if isinstance(scope, Mapping) else {}
        siblings = {q.id: q for q in questionnaire.questions()}
        for section in questionnaire.sections:
            fields = tuple(
                _field(q, f"{key}.{q.id}" if key else q.id, scope.get(q.id), siblings, problems, lang)
                for q in _questions(questionnaire, section, coarse_only)
            )
            if fields:
                out.append(
                    FormSection(f"{key}-{section.id}" if key else section.id, tr(section.title, lang), fields)
                )
    return out


def _questions(questionnaire: Questionnaire, section: Section, coarse_only: bool) -> list[Question]:
    """The section's questions on this form: on a first form, the questionnaire's coarse ones
    (which include every required question and what its condition rests on)."""
    if not coarse_only:
        return list(section.questions)
    coarse = questionnaire.coarse_ids
    return [q for q in section.questions if q.id in coarse]


def has_refinements(parts: Sequence[tuple[str | None, Questionnaire]]) -> bool:
    """Whether any question is left for the refine step."""
    return any(q.id not in qn.coarse_ids for _key, qn in parts for q in qn.questions())


def error_summary(sections: Sequence[FormSection], problems: Sequence[Problem]) -> list[str]:
    """Each error as ``Label: message`` (a group item's field as ``Leg 1 · From: ...``), for the
    banner above a form; an error on no field of the form keeps its message alone."""
    labels: dict[str, str] = {}

    def name(field: Field, prefix: str) -> None:
        labels[field.name] = prefix + field.label
        for label, item in zip(field.item_labels, field.items, strict=True):
            for inner in item:
                name(inner, f"{prefix}{label} · ")

    for section in sections:
        for field in section.fields:
            name(field, "")
    out = []
    for problem in problems:
        if problem.severity != "error":
            continue
        label = labels.get(problem.path)
        out.append(f"{label}: {problem.message}" if label else problem.message)
    return out


def answers_from_form(
    parts: Sequence[tuple[str | None, Questionnaire]],
    form: Mapping[str, Sequence[str]],
    previous: Mapping[str, Any],
    *,
    coarse_only: bool,
) -> dict[str, Any]:
    """Answers from submitted form fields (``form`` maps each name to its values). Questions
    not on the submitted form keep their ``previous`` answer; empty fields are left out."""
    answers: dict[str, Any] = {}
    for key, questionnaire in parts:
        before = previous.get(key, {}) if key else previous
        before = before if isinstance(before, Mapping) else {}
        scope: dict[str, Any] = {}
        for section in questionnaire.sections:
            shown = set(map(id, _questions(questionnaire, section, coarse_only)))
            for question in section.questions:
                if id(question) not in shown:
                    if question.id in before:
                        scope[question.id] = before[question.id]
                    continue
                value = _read(question, f"{key}.{question.id}" if key else question.id, form)
                if value is not None:
                    scope[question.id] = value
        if key:
            answers[key] = scope
        else:
            answers.update(scope)
    return answers


def _first(form: Mapping[str, Sequence[str]], name: str, *, cut: bool = True) -> str:
    values = form.get(name) or ()
    first = values[0].strip() if values else ""
    return first[:MAX_FIELD] if cut else first


def _read(question: Question, name: str, form: Mapping[str, Sequence[str]]) -> Any:
    if isinstance(question, Group):
        items = []
        for index in range(question.max_items + SPARE_ITEMS):
            prefix = f"{name}.{index}."
            if not any(k.startswith(prefix) for k in form):
                break
            item = {}
            for inner in question.questions:
                value = _read(inner, prefix + inner.id, form)
                if value is not None:
                    item[inner.id] = value
            if _filled(question, item):
                items.append(item)
        return items
    if isinstance(question, MultiChoice):
        return [v[:MAX_FIELD] for v in form.get(name, ()) if v] or None
    # a number is read whole, so one too long for any answer is refused with its true length
    raw = (_first(form, name + PICK) if isinstance(question, PlaceQuestion) else "") or _first(
        form, name, cut=not isinstance(question, Number)
    )
    if not raw:
        return None
    if isinstance(question, YesNo):
        return {"yes": True, "no": False}.get(raw, raw)
    if isinstance(question, Number):
        number = typed_number(raw)
        return number[:MAX_FIELD] if isinstance(number, str) else number
    return raw


def _filled(group: Group, item: Mapping[str, Any]) -> bool:
    """An item counts when the visitor typed something beyond the pre-selected defaults."""
    defaults = {q.id: _form_value(q.default) for q in group.questions if q.default is not None}
    return any(_form_value(v) != defaults.get(k) for k, v in item.items())


# grouping as Chinese and English readers write it (1,200 and 12,345.6): commas between groups
# of exactly three digits; any other comma is a decimal comma (1,5)
_GROUPED = re.compile(r"^[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?$")
_DECIMAL_COMMA = re.compile(r"^[+-]?[0-9]+,[0-9]+$")
_WHOLE = re.compile(r"^[+-]?[0-9]+$")
_LONGEST_WHOLE = 4300  # Python reads no longer integer from text; longer stays text


def typed_number(raw: str) -> int | float | str:
    """A number as a visitor types it; anything else stays text for the validator to name.

    ``"1,200"`` -> 1200 (thousands, as the pages print them), ``"1 200"`` -> 1200,
    ``"１，２００"`` -> 1200 (full-width), ``"1,5"`` -> 1.5 (a decimal comma: a group of three
    digits cannot follow it), ``"12"`` -> 12, ``"1.50"`` -> 1.5, ``"1,2,3"`` -> ``"1,2,3"``.
    """
    text = "".join(typed(raw).split())
    if _GROUPED.match(text):
        text = text.replace(",", "")
    elif _DECIMAL_COMMA.match(text):
        text = text.replace(",", ".")
    if _WHOLE.match(text) and len(text) <= _LONGEST_WHOLE:
        return int(text)  # exact: a float would misstate the digits of one too long for any answer
    try:
        value = float(text)
    except ValueError:
        return raw
    if not math.isfinite(value):
        return raw
    return int(value) if value.is_integer() and "." not in text and "e" not in text.lower() else value
