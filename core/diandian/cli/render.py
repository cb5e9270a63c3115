"""Human-readable rendering of questionnaires and footprints for the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.tree import Tree

from ..footprint import Footprint
from ..questionnaire import Choice, Condition, Group, Number, Question, Questionnaire
from ..text import tr


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


def _describe(question: Question, lang: str) -> str:
    parts = [f"[bold]{question.id}[/bold] {tr(question.label, lang)} ({question.kind})"]
    if isinstance(question, Number):
        parts.append(f"{question.minimum}–{question.maximum} {question.unit}".rstrip())
    if isinstance(question, Choice):
        parts.append(" | ".join(f"{o.value}={tr(o.label, lang)}" for o in question.options))
    if question.default is not None:
        parts.append(("默认 " if lang == "zh-CN" else "default ") + _value(question.default, lang))
    if question.required:
        parts.append("必填" if lang == "zh-CN" else "required")
    if question.coarse:
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
        _add(branch, section.questions, lang)
    console = Console()
    console.print(tree)
    console.print(
        "★ = "
        + ("先回答这些即可得到初步结果" if lang == "zh-CN" else "answer these first for a quick result")
    )


def _add(branch: Tree, questions: tuple[Question, ...], lang: str) -> None:
    for question in questions:
        node = branch.add(_describe(question, lang))
        if isinstance(question, Group):
            _add(node, question.questions, lang)


def print_footprint(footprint: Footprint, lang: str) -> None:
    grid = Table(title=f"{footprint.grams / 1000:.3f} kg CO2e ({', '.join(footprint.scene_types)})")
    for column in ("activity", "quantity", "unit", "kg CO2e", "factor", "quality", "source"):
        grid.add_column(column, overflow="fold")
    for line in footprint.lines:
        grid.add_row(
            tr(line.factor.label, lang) or line.activity.key,
            f"{line.activity.quantity:g}",
            line.factor.unit,
            f"{line.grams / 1000:.3f}",
            f"{line.factor.kg:.5g} ({line.factor.region})",
            line.factor.quality.value,
            line.factor.source.short(),
        )
    console = Console()
    console.print(grid)
    console.print(f"95 % range: {footprint.low / 1000:.3f}–{footprint.high / 1000:.3f} kg CO2e")
    for category, grams in footprint.by_category.items():
        console.print(f"  {category}: {grams / 1000:.3f} kg")
    for exclusion in footprint.excluded:
        console.print(f"  excluded {exclusion.activity.key}: included by {exclusion.included_by}")
    for warning in footprint.warnings:
        console.print(f"[yellow]warning[/yellow] {warning}")
