"""Free text typed by people (names, issuer, reasons, metadata): one check and one set of limits.

Every front end and every book checks free text here, so a value accepted at the start of a
flow is accepted at its end: a 65-character beneficiary is refused when the order is placed,
not charged and then found too long for the certificate.

:func:`check_text` refuses, naming ``field``:

- ``type``: not a ``str`` (``buy(..., beneficiary=123)``);
- ``not_utf8``: lone surrogates, which is how Python hands over command-line bytes that are not
  UTF-8 (``$'Lin\\xff'``); they cannot be stored, printed or signed;
- ``control``: control characters (NUL, escape sequences, line breaks in a one-line field) and
  invisible formatting that changes how text around it reads: bidirectional overrides and
  isolates (U+202A-U+202E, U+2066-U+2069), directional marks, zero-width spaces, BOM;
- ``empty``: nothing but spaces, where a value is required;
- ``too_long``: more than ``limit`` characters after normalisation.

The value comes back stripped and NFC-normalised (so its length is the length everyone counts).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from .errors import Problem, ValidationFailed

MAX_DISPLAY_NAME = 64
"""Participant display names and order beneficiaries: what a certificate and a board show."""
MAX_ISSUER = 100
"""An issuer's name (``diandian:local``, a URL): signed into every certificate and status list."""
MAX_ID = 128
"""Identifiers chosen by callers: scene/event ids, organiser ids."""
MAX_SCENE_NAME = 100
"""A scene's name in one language, as a certificate states it."""
MAX_SCENE_TYPES = 8
MAX_SCENE_TYPE = 40
"""A scene type's name (``diandian new-plugin`` makes them at most 40 characters)."""
MAX_PROJECT_NAME = 100
"""An offset project's name in one language."""
MAX_IDEMPOTENCY_KEY = 200
MAX_REASON = 500
"""Retirement beneficiaries and reasons as recorded at a registry."""
MAX_METADATA_ENTRIES = 20
MAX_METADATA_KEY = 64
MAX_METADATA_VALUE = 500

# Format characters that reorder or hide text; ZWJ (U+200D) stays allowed, emoji need it.
_INVISIBLE = frozenset(
    "\u061c\u200b\u200c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"
)


def text_problem(value: object, *, field: str, limit: int, required: bool = True) -> Problem | None:
    """The first problem with ``value`` as free text, or ``None`` (see the module docstring)."""
    if not isinstance(value, str):
        return Problem(field, "type", f"must be text, not {type(value).__name__}")
    if any("\ud800" <= c <= "\udfff" for c in value):
        return Problem(field, "not_utf8", "contains bytes that are not UTF-8 text")
    bad = next((c for c in value if c in _INVISIBLE or unicodedata.category(c) == "Cc"), None)
    if bad is not None:
        return Problem(field, "control", f"contains the control or formatting character U+{ord(bad):04X}")
    text = unicodedata.normalize("NFC", value.strip())
    if required and not text:
        return Problem(field, "empty", "must not be empty")
    if len(text) > limit:
        return Problem(field, "too_long", f"is {len(text)} characters long; at most {limit} allowed")
    return None


def check_text(value: object, *, field: str, limit: int, what: str = "input") -> str:
    """``value`` stripped and NFC-normalised, or :class:`ValidationFailed` naming ``field``."""
    problem = text_problem(value, field=field, limit=limit)
    if problem is not None:
        raise ValidationFailed([problem], what=what)
    assert isinstance(value, str)
    return unicodedata.normalize("NFC", value.strip())


def optional_text(value: object, *, field: str, limit: int, what: str = "input") -> str | None:
    """Like :func:`check_text`, but ``None`` and blank text mean "not given" and return ``None``."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return check_text(value, field=field, limit=limit, what=what)


def metadata_problems(metadata: object, *, field: str = "metadata") -> list[Problem]:
    """Problems of a metadata mapping: text keys and values within the limits above."""
    if not isinstance(metadata, Mapping):
        return [Problem(field, "type", f"must be a mapping of text to text, not {type(metadata).__name__}")]
    problems: list[Problem] = []
    if len(metadata) > MAX_METADATA_ENTRIES:
        problems.append(Problem(field, "too_many", f"at most {MAX_METADATA_ENTRIES} entries"))
    for key, value in metadata.items():
        key_problem = text_problem(key, field=field, limit=MAX_METADATA_KEY)
        if key_problem is not None:
            problems.append(Problem(field, key_problem.code, f"a key {key_problem.message}"))
            continue
        value_problem = text_problem(value, field=f"{field}.{key}", limit=MAX_METADATA_VALUE, required=False)
        if value_problem is not None:
            problems.append(value_problem)
    return problems
