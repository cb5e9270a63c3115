"""Validation messages in every supported language, by stable code."""

from __future__ import annotations

import reprlib
from typing import Any

from .json_input import MAX_INT_BITS, int_digits

_MESSAGES: dict[str, tuple[str, str]] = {
    "required": ("is required", "必填"),
    "unknown_field": ("is not a question of this questionnaire", "不是本问卷的问题"),
    "not_a_number": ("must be a number, got {got}", "应为数字，收到 {got}"),
    "not_an_integer": ("must be a whole number, got {got}", "应为整数，收到 {got}"),
    "not_finite": ("must be a finite number, got {got}", "应为有限数字，收到 {got}"),
    "too_many_digits": (
        "is a number {digits} digits long; at most {limit} allowed",
        "数字长达 {digits} 位，最多 {limit} 位",
    ),
    "below_minimum": (
        "must be at least {minimum} {unit}, got {got}",
        "不能小于 {minimum} {unit}，收到 {got}",
    ),
    "above_maximum": (
        "must be at most {maximum} {unit}, got {got}",
        "不能大于 {maximum} {unit}，收到 {got}",
    ),
    "unusually_high": (
        "{got} {unit} is unusually high (above {limit}); accepted, please check it",
        "{got} {unit} 异常偏高（超过 {limit}），已接受，请核对",
    ),
    "unknown_option": ("{got} is not one of: {options}", "{got} 不是可选项之一：{options}"),
    "not_a_string": ("must be text, got {got}", "应为文本，收到 {got}"),
    "too_long": (
        "is too long ({length} characters, at most {limit})",
        "过长（{length} 个字符，最多 {limit}）",
    ),
    "empty": ("must not be empty", "不能为空"),
    "not_a_boolean": ("must be true or false, got {got}", "应为是或否，收到 {got}"),
    "not_a_date": (
        "must be a date written YYYY-MM-DD, got {got}",
        "应为 YYYY-MM-DD 格式的日期，收到 {got}",
    ),
    "date_out_of_range": (
        "must be between {minimum} and {maximum}, got {got}",
        "应在 {minimum} 与 {maximum} 之间，收到 {got}",
    ),
    "not_a_list": ("must be a list, got {got}", "应为列表，收到 {got}"),
    "too_few_items": (
        "needs at least {minimum} items, got {count}",
        "至少需要 {minimum} 项，收到 {count}",
    ),
    "too_many_items": (
        "allows at most {maximum} items, got {count}",
        "最多 {maximum} 项，收到 {count}",
    ),
    "duplicate_option": ("lists {got} twice", "重复选择了 {got}"),
    "not_an_object": ("must be an object of answers, got {got}", "应为答案对象，收到 {got}"),
    "date_order": ("must be after {other}", "应晚于 {other}"),
    "bad_shape": ("must have {rows} rows, got shape {shape}", "应有 {rows} 行，实际形状为 {shape}"),
    "rows_out_of_range": (
        "{count} rows outside [{minimum}, {maximum}] or not finite ({rows})",
        "{count} 行超出 [{minimum}, {maximum}] 或不是有限数（{rows}）",
    ),
    "rows_unknown_option": (
        "{count} rows not one of {options} ({rows})",
        "{count} 行不是可选项之一：{options}（{rows}）",
    ),
}


def message(code: str, lang: str, **values: Any) -> str:
    """The message for ``code`` in ``lang`` (English when the language is unknown)."""
    en, zh = _MESSAGES[code]
    template = zh if lang == "zh-CN" else en
    return template.format(**values)


class _ShortRepr(reprlib.Repr):
    """``repr`` that stops early: a few items, a few levels, and no huge integer printed (Python
    refuses to print one past 4,300 digits; its length is what matters)."""

    def __init__(self) -> None:
        super().__init__()
        self.maxlevel, self.maxlist, self.maxtuple, self.maxdict, self.maxset = 2, 4, 4, 4, 4
        self.maxstring = self.maxother = 40

    def repr_int(self, x: int, level: int) -> str:
        if x.bit_length() > MAX_INT_BITS:
            return f"<{int_digits(x)}-digit integer>"
        return super().repr_int(x, level)


_SHORT = _ShortRepr()


def describe(value: Any) -> str:
    """A short, safe rendering of a bad value for a message (never a megabyte of it, never an
    error: nested containers and huge integers are cut short before they are printed)."""
    if value is None or isinstance(value, bool):
        return _JSON_WORDS[value]
    text = _SHORT.repr(value)
    if len(text) > 40:
        text = text[:37] + "..."
    if isinstance(value, str | int | float):
        return text  # quotes already tell text from a number
    kind = "an object" if isinstance(value, dict) else "a list" if isinstance(value, list | tuple) else None
    return f"{text} ({kind})" if kind else text


# what a JSON client sent, in its own words rather than Python's (null, not None)
_JSON_WORDS = {None: "null", True: "true", False: "false"}
