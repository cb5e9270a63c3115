"""Registry serial strings: parse the whole-tonne block range out of them, keep the original.

Two families are understood:

* **Verra-style** (VCS VCU and look-alikes with ``-VCU-`` or ``-VCS-`` inside), where the block
  start and end are the 2nd and 3rd dash-separated fields:
  ``0001-000001-000100-VCS-VCU-003-VER-US-0003-01012020-31122020-1`` is units 1 to 100.
* **Range-suffix style** used by Chinese schemes (CCER, CDCER / 碳惠天府, PHCER) and by CAR/ACR,
  where the string ends in ``<start>-<end>``: ``CDCER-CN-51-0007-2023-000001-005000`` is units 1
  to 5000.

Units are whole tonnes (1 unit = 1 t CO2e = 1,000,000 g); ranges are inclusive, as registries
print them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from ..errors import ValidationFailed

GRAMS_PER_UNIT = 1_000_000

_VERRA = re.compile(r"^(?P<batch>\d+)-(?P<start>\d+)-(?P<end>\d+)-(?P<rest>.*-VC[SU]-.*)$")
_SUFFIX = re.compile(r"^(?P<prefix>[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*?)-(?P<start>\d+)-(?P<end>\d+)$")


@attrs.frozen
class SerialBlock:
    """A registry serial string and the inclusive unit range ``first..last`` it names."""

    text: str
    scheme: str  # "verra" | "range-suffix"
    first: int
    last: int

    @property
    def units(self) -> int:
        return self.last - self.first + 1

    def fractional(self, intervals: Iterable[tuple[int, int]]) -> str:
        """Gram intervals ``[g_start, g_end)`` of this batch as one compact fractional serial.

        Touching or overlapping intervals merge first; each merged run is written as its part of
        a first unit (``u11:g999000-1000000``), its whole units as one range (``u12-15``, or
        ``u12``), and its part of a last unit (``u16:g0-2000``):
        ``<serial>#u11:g999000-1000000,u12-15,u16:g0-2000``. So an organiser's 16 t or a
        visitor's slices that follow one another take a few characters, not one part per unit.
        """
        parts: list[str] = []
        for start, end in merge(intervals):
            unit, offset = divmod(start, GRAMS_PER_UNIT)
            if offset:
                take = min(end - start, GRAMS_PER_UNIT - offset)
                parts.append(f"u{self.first + unit}:g{offset}-{offset + take}")
                start += take
            whole = (end - start) // GRAMS_PER_UNIT
            if whole:
                unit = start // GRAMS_PER_UNIT
                first, last = self.first + unit, self.first + unit + whole - 1
                parts.append(f"u{first}" if whole == 1 else f"u{first}-{last}")
                start += whole * GRAMS_PER_UNIT
            if start < end:
                parts.append(f"u{self.first + start // GRAMS_PER_UNIT}:g0-{end - start}")
        return f"{self.text}#{','.join(parts)}"

    def span(self, intervals: Iterable[tuple[int, int]]) -> str:
        """Only the units the intervals lie in and how many separate runs they make, for when
        the exact :meth:`fractional` serial is too long to print: ``<serial>#u11-40:312runs``."""
        runs = merge(intervals)
        first = self.first + runs[0][0] // GRAMS_PER_UNIT
        last = self.first + (runs[-1][1] - 1) // GRAMS_PER_UNIT
        return f"{self.text}#u{first}-{last}:{len(runs)}runs"

    def _match(self) -> re.Match[str]:
        found = (_VERRA if self.scheme == "verra" else _SUFFIX).match(self.text)
        assert found is not None  # parse_serial made this block from a text that matched
        return found

    @property
    def stem(self) -> str:
        """The serial with its unit range cut out: every block of one issuance has the same stem
        (``CDCER-CN-51-0007-2023-*-*``), however its numbers are padded."""
        found = self._match()
        return f"{self.text[: found.start('start')]}*-*{self.text[found.end('end') :]}"

    def block(self, first: int, last: int) -> str:
        """Units ``first..last`` (registry numbering) written as the registry writes a block of
        this issuance, numbers padded as in this serial: ``CDCER-CN-51-0007-2023-000003-000004``."""
        found = self._match()
        start, end = str(first).zfill(len(found["start"])), str(last).zfill(len(found["end"]))
        text = self.text
        return f"{text[: found.start('start')]}{start}-{end}{text[found.end('end') :]}"

    def sub_range(self, offset: int, count: int) -> str:
        """Units ``offset .. offset+count-1`` (0-based inside this block), in registry notation."""
        start = self.first + offset
        return f"{self.text}[{start}-{start + count - 1}]"


def merge(intervals: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted half-open intervals with touching or overlapping ones joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def parse_serial(text: str, *, field: str = "serial") -> SerialBlock:
    """Parse a registry serial string; raise :class:`ValidationFailed` naming ``field`` if unknown."""
    cleaned = text.strip()
    match = _VERRA.match(cleaned)
    scheme = "verra"
    if match is None:
        match = _SUFFIX.match(cleaned)
        scheme = "range-suffix"
    if match is None:
        raise ValidationFailed.single(
            field,
            "serial_unrecognised",
            f"{text!r} is neither a Verra-style serial (…-start-end-VCS-VCU-…) "
            "nor a scheme serial ending in -<start>-<end>",
        )
    first, last = int(match["start"]), int(match["end"])
    if first < 1 or last < first:
        raise ValidationFailed.single(
            field, "serial_range", f"block {first}-{last} in {text!r} is empty or starts below 1"
        )
    return SerialBlock(cleaned, scheme, first, last)
