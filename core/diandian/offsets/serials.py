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

    def sub_range(self, offset: int, count: int) -> str:
        """Units ``offset .. offset+count-1`` (0-based inside this block), in registry notation."""
        start = self.first + offset
        return f"{self.text}[{start}-{start + count - 1}]"


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
