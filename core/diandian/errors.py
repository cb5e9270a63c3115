"""Errors and the problems they carry: every one names a field (or a plugin) and a reason."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

MAX_MESSAGE = 1000
"""Longest message a problem or an error body carries; longer ones are cut in the middle."""
MAX_PATH = 200
"""Longest field path a problem names (a path holds keys of the refused document)."""


def shorten(message: str, limit: int = MAX_MESSAGE) -> str:
    """``message`` cut in the middle to at most ``limit`` characters, so an error never echoes a
    megabyte of the input it refuses (``no scene 'sss…'`` for a 5,000-character id) while its
    start and its end (``; known: ...``) stay readable."""
    if len(message) <= limit:
        return message
    tail = limit // 5
    return f"{message[: limit - tail - 3]} … {message[-tail:]}"


def _short_path(path: str) -> str:
    return shorten(path, MAX_PATH)


@attrs.frozen
class Problem:
    """One thing wrong (or, with ``severity="warning"``, odd but accepted) about one field.

    ``path`` is a dotted field path such as ``legs.1.distance_km``; ``code`` is stable and
    machine-readable; ``message`` is in the language that was asked for (at most
    :data:`MAX_MESSAGE` characters: see :func:`shorten`).
    """

    path: str = attrs.field(converter=_short_path)
    code: str
    message: str = attrs.field(converter=shorten)
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.path or '<root>'}: {self.message} [{self.code}]"


class DiandianError(Exception):
    """Base class of every error the SDK raises on purpose."""


class ValidationFailed(DiandianError, ValueError):
    """Input was refused; ``problems`` lists every reason at once, each naming its field."""

    def __init__(self, problems: Sequence[Problem], *, what: str = "input") -> None:
        self.problems = tuple(problems)
        self.what = what
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"invalid {what}:\n{lines}")

    @classmethod
    def single(cls, path: str, code: str, message: str, *, what: str = "input") -> ValidationFailed:
        return cls([Problem(path, code, message)], what=what)

    def to_json(self) -> list[dict[str, str]]:
        return [attrs.asdict(p) for p in self.problems]


class PluginError(DiandianError):
    """A plugin failed to import, failed validation or raised inside a hook.

    The message always names the plugin and, where known, its distribution.
    """

    def __init__(self, plugin: str, distribution: str | None, reason: str) -> None:
        self.plugin = plugin
        self.distribution = distribution
        self.reason = reason
        dist = f" (distribution {distribution})" if distribution else ""
        super().__init__(f"plugin {plugin!r}{dist}: {reason}")


class FactorDataError(DiandianError, ValueError):
    """A factor table row is invalid; the message names the file and the row."""

    def __init__(self, source: str, row: int | None, field: str, reason: str) -> None:
        self.source = source
        self.row = row
        self.field = field
        self.reason = reason
        where = f"{source}, row {row}" if row is not None else source
        super().__init__(f"{where}: field {field!r}: {reason}")


class UnknownName(DiandianError, LookupError):
    """A scene type, factor or other named thing does not exist; lists what does."""

    def __init__(self, kind: str, name: str, known: Iterable[str], *, note: str = "") -> None:
        self.kind = kind
        self.name = name
        self.known = tuple(sorted(known))
        shown = ", ".join(self.known[:20]) or "none"
        super().__init__(f"unknown {kind} {name!r}; known: {shown}" + (f" ({note})" if note else ""))
