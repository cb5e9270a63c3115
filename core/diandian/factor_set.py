"""The factor set: every registered factor table, one version per table, with region fallback."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence

from .errors import UnknownName
from .factors import EmissionFactor, FactorTable
from .places import region_chain


def version_key(version: str) -> tuple[tuple[int, str], ...]:
    """Sort key for versions such as ``2024.1.1``: numeric parts compare as numbers."""
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in version.replace("-", ".").split("."))


def check_pins(versions: Mapping[str, Collection[str]], pins: Mapping[str, str]) -> None:
    """Raise :class:`UnknownName` for a pin (table id -> version) that ``versions`` (table id ->
    its registered versions) does not have, listing what it has."""
    for table_id, version in pins.items():
        if table_id not in versions:
            raise UnknownName("factor table", table_id, versions)
        if version not in versions[table_id]:
            raise UnknownName(f"version of factor table {table_id}", version, versions[table_id])


class FactorSet:
    """Looks factors up by activity and region (``CN-51`` -> ``CN`` -> ``world``).

    Each table id is used at one version: the pinned one if ``pins`` names it, else the newest.
    Two tables that give the same activity and region conflict; the first by table id wins and the
    conflict is listed in :attr:`conflicts`.
    """

    def __init__(self, tables: Iterable[FactorTable], pins: Mapping[str, str] | None = None) -> None:
        pins = dict(pins or {})
        by_id: dict[str, dict[str, FactorTable]] = {}
        for table in tables:
            by_id.setdefault(table.id, {})[table.version] = table
        check_pins(by_id, pins)
        chosen: dict[str, FactorTable] = {
            table_id: versions[pins[table_id] if table_id in pins else max(versions, key=version_key)]
            for table_id, versions in sorted(by_id.items())
        }
        self.tables: Mapping[str, FactorTable] = chosen
        self.conflicts: list[str] = []
        self._index: dict[tuple[str, str], EmissionFactor] = {}
        for table in chosen.values():
            for factor in table.factors:
                key = (factor.activity, factor.region)
                if key in self._index:
                    other = self._index[key]
                    self.conflicts.append(
                        f"{factor.activity}/{factor.region}: {other.table} and {factor.table} both give it; "
                        f"{other.table} is used"
                    )
                    continue
                self._index[key] = factor
        self._cache: dict[tuple[str, str | None], EmissionFactor | None] = {}

    @property
    def versions(self) -> dict[str, str]:
        return {table_id: table.version for table_id, table in self.tables.items()}

    def factors(self) -> Iterable[EmissionFactor]:
        return self._index.values()

    def find(
        self, activity: str, region: str | None, overrides: Sequence[EmissionFactor] = ()
    ) -> EmissionFactor | None:
        """The most specific factor for ``activity`` in ``region``, or ``None``."""
        if overrides:
            for candidate in region_chain(region or "world"):
                for factor in overrides:
                    if factor.activity == activity and factor.region == candidate:
                        return factor
        key = (activity, region)
        try:
            return self._cache[key]
        except KeyError:
            pass
        found = None
        for candidate in region_chain(region or "world"):
            found = self._index.get((activity, candidate))
            if found is not None:
                break
        self._cache[key] = found
        return found

    def regions(self, activity: str) -> list[str]:
        return sorted(r for a, r in self._index if a == activity)
