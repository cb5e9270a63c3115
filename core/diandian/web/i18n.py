"""The visitor's language: a ``lang`` cookie set by the switch, else ``Accept-Language``.

Every visible string is written in both languages where it is used, ``t("Neutralise", "中和")``
in a template, so that no string can exist in one language only. Numbers and dates are formatted
with Babel's CLDR data for the chosen locale; kilograms and money with
:func:`diandian.units.kilograms` and :func:`diandian.units.money`, the one way every front end
shows them.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from babel.dates import format_date
from babel.numbers import format_decimal

from ..text import DEFAULT_LANGUAGE, LANGUAGES
from ..units import kilograms, money

if TYPE_CHECKING:
    from litestar import Request

COOKIE = "lang"
_BABEL = {"en": "en", "zh-CN": "zh_Hans_CN"}


def negotiate(cookie: str | None, accept_language: str | None) -> str:
    """The page language: the cookie when it names one of :data:`LANGUAGES`, else the first
    language of the ``Accept-Language`` header (by quality) that we speak, else English."""
    if cookie in LANGUAGES:
        return cookie
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or "").split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        ranked.append((-quality, position, tag.strip().lower()))
    for _q, _position, tag in sorted(ranked):
        if tag.startswith("zh"):
            return "zh-CN"
        if tag.startswith("en"):
            return "en"
    return DEFAULT_LANGUAGE


def pick(lang: str, en: str, zh: str) -> str:
    """``zh`` for a Chinese page, ``en`` otherwise."""
    return zh if lang == "zh-CN" else en


def count(n: int, lang: str, one: str, many: str, zh: str) -> str:
    """``n`` with its noun in the page's language: ``1 new batch``, ``2 new batches``, ``2 个新批次``."""
    return f"{n:,} {zh}" if lang == "zh-CN" else f"{n:,} {one if n == 1 else many}"


def number(value: float, lang: str, digits: int = 1) -> str:
    """``value`` with the locale's grouping and at most ``digits`` decimals: 1,234.5."""
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return str(format_decimal(value, format=pattern, locale=_BABEL[lang]))


def day(value: dt.date, lang: str) -> str:
    """A date the way the locale writes it: 7 September 2021 / 2021年9月7日."""
    return str(format_date(value, format="long", locale=_BABEL[lang]))


def request_lang(request: Request[Any, Any, Any]) -> str:
    """The language of this request's page (see :func:`negotiate`), worked out once."""
    lang = request.scope.get("state", {}).get("lang")
    if lang is None:
        lang = negotiate(request.cookies.get(COOKIE), request.headers.get("accept-language"))
        request.state.lang = lang
    return str(lang)


__all__ = ["COOKIE", "day", "kilograms", "money", "negotiate", "number", "pick", "request_lang"]
