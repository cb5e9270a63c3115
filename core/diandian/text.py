"""Translatable text: every label a visitor sees exists in English and Simplified Chinese."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

LANGUAGES = ("en", "zh-CN")
DEFAULT_LANGUAGE = "en"

Text = Mapping[str, str]
"""A mapping from language tag to string; ``{"en": "Nights", "zh-CN": "晚数"}``."""


def text(en: str, zh: str) -> dict[str, str]:
    """Build a :data:`Text` in both required languages."""
    return {"en": en, "zh-CN": zh}


def tr(value: Text | str | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """Pick ``lang`` from a :data:`Text`, falling back to English, then to any language."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if lang in value:
        return value[lang]
    if DEFAULT_LANGUAGE in value:
        return value[DEFAULT_LANGUAGE]
    return next(iter(value.values()), "")


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        from .errors import ValidationFailed

        raise ValidationFailed.single(
            "lang", "unknown_language", f"unknown language {lang!r}; use one of {LANGUAGES}"
        )
    return lang


# NFKC maps full-width forms (，→, Ａ→A １→1 ．→.); these are the Chinese marks it leaves alone
_CHINESE_PUNCTUATION = str.maketrans({"、": ",", "；": ",", "。": " ", "　": " ", "・": " ", "｜": ","})


def typed(value: str) -> str:
    """Text as typed with a Chinese input method, normalised: NFKC (full-width letters, digits and
    punctuation become ASCII), ``、`` and ``；`` become commas, runs of spaces one space, and
    invisible characters that come with pasted text (zero-width spaces, direction marks and
    overrides, other control characters) dropped.

    ``typed("ＰＥＫ") == "PEK"``; ``typed("长沙、湖南省") == "长沙,湖南省"``; ``typed("北京\u200b") == "北京"``.
    """
    normal = unicodedata.normalize("NFKC", value).translate(_CHINESE_PUNCTUATION)
    visible = "".join(c for c in normal if c.isspace() or unicodedata.category(c) not in ("Cc", "Cf"))
    return " ".join(visible.split())
