"""The one strict reader for every JSON document and number the project reads from outside.

Answers files, ``--footprint`` payloads, key sets, catalogues, request bodies: all go through
:func:`loads` (or :func:`load_path` for a file), and free-standing numbers typed by a person go
through :func:`parse_decimal`; numbers handed in through the Python API go through
:func:`check_number`. Every refusal is a :class:`~diandian.errors.ValidationFailed` whose
problems name the field path (``rooms.0.nights``; ``<root>`` for the document itself) and a
stable code:

===================  =============================================================
code                 reason
===================  =============================================================
``too_large``        the document is longer than ``max_bytes``
``not_utf8``         bytes that are not UTF-8
``not_json``         not JSON at all (the message gives line and column)
``too_deep``         arrays/objects nested deeper than ``max_depth``; found by a flat
                     scan *before* the document is parsed, so nothing recurses on it
``duplicate_key``    an object names the same key twice (JSON leaves it undefined;
                     "last one wins" once let ``{"grams": 1000, "grams": 999999999}``
                     through)
``too_many_digits``  a number literal longer than ``MAX_NUMBER_CHARS`` characters
``not_finite``       ``NaN``, ``Infinity``, ``-Infinity``, or a float literal beyond
                     the float range such as ``1e999``
===================  =============================================================

Every problem in a document is reported at once. Integers come back as ``int``, other numbers
as ``float`` (or ``Decimal`` with ``decimals=True``), so values match what ``json.loads`` gives.

>>> loads('{"nights": 2, "rooms": [1, 2]}')
{'nights': 2, 'rooms': [1, 2]}
>>> loads('{"grams": 1000, "grams": 5}', field="footprint")
Traceback (most recent call last):
...
diandian.errors.ValidationFailed: invalid JSON input:
  - footprint.grams: key 'grams' appears more than once [duplicate_key]
"""

from __future__ import annotations

import json
import math
import os
import re
import sys
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any

from .errors import Problem, ValidationFailed

MAX_BYTES = 1_000_000
"""Default size limit of one document (1 MB is far above any answers file or request)."""
MAX_DEPTH = 32
"""Default nesting limit; the deepest questionnaire (a mixed venue's repeated trip legs) needs 4."""
MAX_NUMBER_CHARS = 40
"""Longest number literal accepted, sign, point and exponent included: 10**39 grams is already
absurd, and Python refuses to print integers past 4,300 digits."""
MAX_INT_BITS = MAX_NUMBER_CHARS * 10 // 3
"""Python ints wider than this (about ``MAX_NUMBER_CHARS`` digits) are refused unprinted."""
MAX_EXPONENT = 40
"""Largest decimal exponent :func:`parse_decimal` accepts (``1e40``); beyond, rounding a
Decimal to an integer would build numbers millions of digits long."""

_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def int_digits(value: int) -> int:
    """How many decimal digits ``value`` has (``int_digits(10**5000) == 5001``), found without
    printing it (which fails past 4,300 digits): a power of ten is cheap to build and compare."""
    magnitude = abs(value) or 1
    # 2**(bits-1) <= magnitude < 2**bits, so its digits are one of two counts
    digits = (magnitude.bit_length() - 1) * 30103 // 100000 + 1
    return digits + 1 if magnitude >= 10**digits else digits


def join_path(prefix: str, key: str | int) -> str:
    """``join_path("legs", 1) == "legs.1"``; ``join_path("", "nights") == "nights"``."""
    return f"{prefix}.{key}" if prefix else str(key)


class _Flagged:
    """Stands in, during parsing, for a value that will be refused once its path is known."""

    __slots__ = ("code", "message")

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        self.message = message


class _DuplicateKeys(dict[str, Any]):
    """An object that named some keys more than once; ``repeated`` lists them in order."""

    repeated: list[str]


def loads(
    data: str | bytes,
    *,
    field: str = "",
    what: str = "JSON input",
    max_bytes: int = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
    decimals: bool = False,
) -> Any:
    """Parse one JSON document strictly (see the module docstring for every refusal).

    ``field`` prefixes every problem's path (``field="answers"`` -> ``answers.rooms.0``);
    ``what`` names the document in the error's first line. ``bytes`` must be UTF-8 (a leading
    byte-order mark is allowed). Raises :class:`~diandian.errors.ValidationFailed`.
    """
    root = field or ""

    def refuse(code: str, message: str) -> ValidationFailed:
        return ValidationFailed([Problem(root, code, message)], what=what)

    if len(data) > max_bytes:
        raise refuse("too_large", f"is longer than {max_bytes} bytes")
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise refuse("not_utf8", f"is not UTF-8 (byte {exc.start})") from None
    else:
        text = data
    depth = nesting_depth(text)
    if depth > max_depth:
        raise refuse("too_deep", f"nests arrays/objects {depth} deep; at most {max_depth} allowed")

    flagged = False

    def flag(code: str, message: str) -> _Flagged:
        nonlocal flagged
        flagged = True
        return _Flagged(code, message)

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(items)
        if len(out) == len(items):
            return out
        seen: set[str] = set()
        marked = _DuplicateKeys(out)
        marked.repeated = []
        for key, _ in items:
            if key in seen and key not in marked.repeated:
                marked.repeated.append(key)
            seen.add(key)
        flag("duplicate_key", "")
        return marked

    def number(literal: str, convert: Callable[[str], Any]) -> Any:
        if len(literal) > MAX_NUMBER_CHARS:
            return flag(
                "too_many_digits",
                f"a number {len(literal)} characters long; at most {MAX_NUMBER_CHARS} allowed",
            )
        value = convert(literal)
        if isinstance(value, float) and not math.isfinite(value):
            return flag("not_finite", f"{literal} is not a finite number")
        return value

    try:
        parsed = json.loads(
            text,
            object_pairs_hook=pairs,
            parse_int=lambda s: number(s, int),
            parse_float=lambda s: number(s, Decimal if decimals else float),
            parse_constant=lambda s: flag("not_finite", f"{s} is not a finite number"),
        )
    except json.JSONDecodeError as exc:
        raise refuse("not_json", f"is not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:  # pragma: no cover - nesting_depth keeps documents far below the limit
        raise refuse("too_deep", "nests too deep") from None
    if flagged:
        problems: list[Problem] = []
        _collect(parsed, root, problems)
        raise ValidationFailed(problems, what=what)
    return parsed


def _collect(value: Any, path: str, out: list[Problem]) -> None:
    """Walk a parsed (depth-checked) document and name every flagged value by its path."""
    if isinstance(value, _Flagged):
        out.append(Problem(path, value.code, value.message))
    elif isinstance(value, dict):
        for key in getattr(value, "repeated", ()):
            out.append(Problem(join_path(path, key), "duplicate_key", f"key {key!r} appears more than once"))
        for key, item in value.items():
            _collect(item, join_path(path, key), out)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _collect(item, join_path(path, index), out)


def nesting_depth(text: str) -> int:
    """How deep arrays and objects nest in ``text``, found without parsing (strings skipped).

    Linear in the length of ``text``; never recurses. Malformed JSON gets some answer and is
    refused by the parser afterwards.
    """
    if text.count("[") + text.count("{") <= 1:
        return 1 if ("[" in text or "{" in text) else 0
    depth = deepest = 0
    for token in _TOKENS.findall(text):
        if token in ("[", "{"):
            depth += 1
            deepest = max(deepest, depth)
        elif token in ("]", "}"):
            depth -= 1
    return deepest


def load_path(
    source: str | os.PathLike[str] | IO[bytes],
    *,
    field: str = "",
    what: str | None = None,
    max_bytes: int = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
    decimals: bool = False,
) -> Any:
    """Read and :func:`loads` a file; ``"-"`` reads standard input, a binary stream is read as is.

    A missing, unreadable or oversized file is a ``ValidationFailed`` naming ``field``
    (code ``not_found``, ``unreadable`` or ``too_large``), never an ``OSError``. At most
    ``max_bytes + 1`` bytes are read, so a huge file is refused without loading it.
    """
    stream: IO[bytes] | Path
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        name = "standard input" if path == "-" else path
        stream = sys.stdin.buffer if path == "-" else Path(path)
    else:
        name, stream = str(getattr(source, "name", "stream")), source
    label = what or name
    root = field or ""
    try:
        raw = _read(stream, max_bytes + 1)
    except FileNotFoundError:
        raise ValidationFailed.single(root, "not_found", f"no such file: {name}", what=label) from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ValidationFailed.single(
            root, "unreadable", f"cannot read {name}: {reason}", what=label
        ) from None
    return loads(raw, field=field, what=label, max_bytes=max_bytes, max_depth=max_depth, decimals=decimals)


def _read(source: IO[bytes] | Path, limit: int) -> bytes:
    if isinstance(source, Path):
        with source.open("rb") as handle:
            return handle.read(limit)
    return source.read(limit)


def parse_decimal(text: str, *, field: str, max_chars: int = MAX_NUMBER_CHARS) -> Decimal:
    """A finite :class:`~decimal.Decimal` from a number typed by a person (``"38.2"``, ``"1e3"``).

    The length is checked before any conversion, the exponent is bounded by ``MAX_EXPONENT``,
    and ``NaN``/``Infinity`` are refused; problems name ``field`` with codes ``too_many_digits``,
    ``not_a_number`` or ``not_finite``. Surrounding spaces are ignored.
    """
    stripped = text.strip()
    if len(stripped) > max_chars:
        raise ValidationFailed.single(
            field, "too_many_digits", f"a number {len(stripped)} characters long; at most {max_chars} allowed"
        )
    if not _NUMBER.fullmatch(stripped):
        lowered = stripped.lower().lstrip("+-")
        if lowered in ("nan", "snan", "inf", "infinity"):
            raise ValidationFailed.single(field, "not_finite", f"{stripped!r} is not a finite number")
        raise ValidationFailed.single(field, "not_a_number", f"{stripped!r} is not a number")
    try:
        value = Decimal(stripped)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        raise ValidationFailed.single(field, "not_a_number", f"{stripped!r} is not a number") from None
    if value and abs(value.adjusted()) > MAX_EXPONENT:
        raise ValidationFailed.single(
            field, "too_many_digits", f"{stripped!r} is beyond 1e{MAX_EXPONENT} (or below 1e-{MAX_EXPONENT})"
        )
    return value


def check_number(value: object, *, field: str) -> int | float | Decimal:
    """Return ``value`` if it is a finite int, float or Decimal of sane size; else refuse it.

    For numbers that arrive through the Python API (``Engine().footprint("hotel", {"nights":
    10**5000})``), checked before anything prints or multiplies them. Codes: ``not_a_number``
    (bools and other types), ``not_finite``, ``too_many_digits``.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise ValidationFailed.single(field, "not_a_number", f"must be a number, not {type(value).__name__}")
    if isinstance(value, int):
        if value.bit_length() > MAX_INT_BITS:  # exact and cheap, unlike counting digits
            digits = int_digits(value)
            raise ValidationFailed.single(
                field,
                "too_many_digits",
                f"an integer of about {digits} digits; at most {MAX_NUMBER_CHARS} allowed",
            )
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValidationFailed.single(field, "not_finite", f"{value} is not a finite number")
        return value
    if not value.is_finite():
        raise ValidationFailed.single(field, "not_finite", f"{value} is not a finite number")
    if value and (abs(value.adjusted()) > MAX_EXPONENT or len(value.as_tuple().digits) > MAX_NUMBER_CHARS):
        raise ValidationFailed.single(
            field, "too_many_digits", f"a number beyond {MAX_NUMBER_CHARS} digits or 1e{MAX_EXPONENT}"
        )
    return value
