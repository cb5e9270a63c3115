"""Human-readable rendering of questionnaires and footprints for the terminal."""

from __future__ import annotations

from collections.abc import Mapping

from rich.tree import Tree

from ..activities import CATEGORY_LABELS
from ..footprint import Footprint
from ..places import WORLD
from ..questionnaire import Choice, Condition, Group, Number, Question, Questionnaire
from ..text import Text, text, tr
from ..units import kilograms, unit_label
from .output import console as terminal
from .output import table


def _value(value: object, lang: str) -> str:
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh-CN" else ("yes" if value else "no")
    return str(value)


def _condition(condition: Condition, lang: str) -> str:
    if condition.truthy:
        wanted = "是" if lang == "zh-CN" else "yes"
    else:
        values = condition.one_of or (condition.equals,)
        wanted = " / ".join(_value(v, lang) for v in values)
    if lang == "zh-CN":
        return f"当 {condition.question} = {wanted} 时提问"
    return f"asked when {condition.question} = {wanted}"


def _describe(question: Question, lang: str, coarse: frozenset[str]) -> str:
    parts = [f"[bold]{question.id}[/bold] {tr(question.label, lang)} ({question.kind})"]
    if isinstance(question, Number):
        parts.append(f"{question.minimum}–{question.maximum} {unit_label(question.unit, lang)}".rstrip())
    if isinstance(question, Choice):
        parts.append(" | ".join(f"{o.value}={tr(o.label, lang)}" for o in question.options))
    if question.default is not None:
        default = _value(question.default, lang)
        if isinstance(question, Choice):  # the option as the visitor reads it
            default = next(
                (tr(o.label, lang) for o in question.options if o.value == question.default), default
            )
        parts.append(("默认 " if lang == "zh-CN" else "default ") + default)
    if question.required:
        parts.append("必填" if lang == "zh-CN" else "required")
    if question.id in coarse:
        parts.append("★")
    if question.condition is not None:
        parts.append(_condition(question.condition, lang))
    if question.help:
        parts.append(f"[dim]{tr(question.help, lang)}[/dim]")
    return " · ".join(parts)


def print_questionnaire(form: Questionnaire, lang: str) -> None:
    tree = Tree(f"[bold]{tr(form.title, lang)}[/bold] ({form.id} v{form.version})")
    for section in form.sections:
        branch = tree.add(
            tr(section.title, lang) + (f" [shared: {section.shared}]" if section.shared else "")
        )
        _add(branch, section.questions, lang, frozenset(form.coarse_ids))
    console = terminal()
    console.print(tree)
    console.print(
        "★ = "
        + ("先回答这些即可得到初步结果" if lang == "zh-CN" else "answer these first for a quick result")
    )


def _add(branch: Tree, questions: tuple[Question, ...], lang: str, coarse: frozenset[str]) -> None:
    for question in questions:
        node = branch.add(_describe(question, lang, coarse))
        if isinstance(question, Group):
            _add(node, question.questions, lang, frozenset())


_HEADERS = (
    text("activity", "活动"),
    text("quantity", "数量"),
    text("unit", "单位"),
    text("kg CO2e", "千克二氧化碳当量"),
    text("factor", "排放因子"),
    text("quality", "质量"),
    text("source", "来源"),
)


def print_footprint(footprint: Footprint, lang: str, titles: Mapping[str, Text] | None = None) -> None:
    """The footprint as a table; ``titles`` names the scene types in ``lang``."""
    kg = "千克二氧化碳当量" if lang == "zh-CN" else "kg CO2e"
    types = ("、" if lang == "zh-CN" else ", ").join(
        tr((titles or {}).get(t), lang) or t for t in footprint.scene_types
    )
    headers = [tr(header, lang) for header in _HEADERS]
    rows = [
        (
            tr(line.label, lang) or line.activity.key,
            f"{line.activity.quantity:g}",
            unit_label(line.factor.unit, lang),
            kilograms(line.grams, lang),
            f"{line.factor.kg:.5g} ({_region(line.factor.region, lang)})",
            tr(line.factor.quality.label, lang),
            line.factor.source.short(),
        )
        for line in footprint.lines
    ]
    # quantities, units and kilograms are read whole (room.night, not room.nigh / t)
    table(f"{kilograms(footprint.grams, lang)} {kg} ({types})", headers, rows, unbroken=headers[1:4])
    console = terminal()
    span = f"{kilograms(footprint.low, lang)}–{kilograms(footprint.high, lang)} {kg}"
    console.print(f"95 % 区间：{span}" if lang == "zh-CN" else f"95 % range: {span}")
    unit = "千克" if lang == "zh-CN" else "kg"
    for category, grams in footprint.by_category.items():
        console.print(
            f"  {tr(CATEGORY_LABELS.get(category), lang) or category}: {kilograms(grams, lang)} {unit}"
        )
    for exclusion in footprint.excluded:
        if lang == "zh-CN":
            console.print(f"  未计入 {exclusion.activity.key}：已含于 {exclusion.included_by}")
        else:
            console.print(f"  excluded {exclusion.activity.key}: included by {exclusion.included_by}")
    for warning in footprint.warnings:
        console.print(f"[yellow]{'提示' if lang == 'zh-CN' else 'warning'}[/yellow] {warning}")


def _region(region: str, lang: str) -> str:
    return "全球" if lang == "zh-CN" and region == WORLD else region
