"""Every scene type, rendered in zh-CN, shows no untranslated label (questionnaire and example)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import diandian
import pytest
from diandian.activities import CATEGORY_LABELS
from diandian.questionnaire import Choice, Group, Question
from diandian.testing import run_cli
from diandian.text import Text
from diandian.units import unit_label

HOST = diandian.PluginHost().load()
SCENE_TYPES = sorted(HOST.scene_types)
_CJK = re.compile(r"[\u3400-\u9fff]")


def _texts(questions: tuple[Question, ...]) -> Iterator[tuple[str, Text]]:
    for question in questions:
        yield question.id, question.label
        if question.help:
            yield f"{question.id}.help", question.help
        if isinstance(question, Choice):
            for option in question.options:
                yield f"{question.id}={option.value}", option.label
        if isinstance(question, Group):
            yield from _texts(question.questions)


def _chinese(value: Text) -> bool:
    return bool(_CJK.search(value.get("zh-CN", "")))


@pytest.mark.parametrize("scene_type", SCENE_TYPES)
def test_questionnaire_is_translated(scene_type: str) -> None:
    form = HOST.scene_types[scene_type].questionnaire
    untranslated = [
        name for name, value in _texts(sum((s.questions for s in form.sections), ())) if not _chinese(value)
    ]
    untranslated += [s.id for s in form.sections if not _chinese(s.title)]
    assert _chinese(form.title) and _chinese(HOST.scene_types[scene_type].title)
    assert untranslated == []


def _show(*args: str) -> str:
    shown = run_cli([*args, "--lang", "zh-CN"], env={"COLUMNS": "400"})
    assert shown.exit_code == 0, shown.output
    return shown.output


@pytest.mark.parametrize("scene_type", SCENE_TYPES)
def test_example_footprint_is_translated(scene_type: str) -> None:
    footprint = diandian.Engine(HOST).footprint(scene_type, HOST.scene_types[scene_type].example_answers)
    assert [line.activity.key for line in footprint.lines if not _chinese(line.label)] == []
    assert [
        line.factor.unit for line in footprint.lines if not _CJK.search(unit_label(line.factor.unit, "zh-CN"))
    ] == []
    assert all(_chinese(CATEGORY_LABELS[c]) for c in footprint.by_category)
    assert all(_chinese(line.factor.quality.label) for line in footprint.lines)
    shown = _show("footprint", scene_type, "--example")
    # citations keep their publishers' names and regions their codes; nothing else is in Latin letters
    for line in footprint.lines:
        assert line.activity.key not in shown
        shown = shown.replace(line.factor.source.short(), "").replace(f"({line.factor.region})", "")
    assert re.findall(r"[A-Za-z]{2,}", shown.replace("CO2e", "")) == []


@pytest.mark.parametrize("scene_type", SCENE_TYPES)
def test_questionnaire_command_in_chinese(scene_type: str) -> None:
    form = HOST.scene_types[scene_type].questionnaire
    texts = list(_texts(sum((s.questions for s in form.sections), ())))
    shown = _show("questionnaire", scene_type)
    # the Chinese text itself may name London, CNG or the SDK on purpose
    chosen = {word for _, value in texts for word in re.findall(r"[A-Za-z_][A-Za-z_0-9]*", value["zh-CN"])}
    # ids and option values are shown beside their labels on purpose, as are question kinds
    identifiers = {part for name, _ in texts for part in re.split(r"[=.]", name)}
    identifiers |= {form.id, *(s.shared or "" for s in form.sections), f"v{form.version}"}
    kinds = {"number", "choice", "multi_choice", "place", "date", "yes_no", "group", "text", "shared"}
    words = set(re.findall(r"[A-Za-z_][A-Za-z_0-9]*", shown))
    assert sorted(words - identifiers - kinds - chosen) == []
