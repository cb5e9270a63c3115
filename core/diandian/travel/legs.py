"""Trip legs: the shared travel section of every questionnaire, and legs turned into activities.

A leg is one mode between two places (or over a typed distance), one way or return. Distances
from places are great-circle kilometres times the mode's detour factor; typed kilometres are taken
as travelled. Flights give two lines, the flight and its radiative forcing, so the second can be
shown apart or switched off.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any, ClassVar

import attrs

from ..activities import Activity
from ..errors import Problem, ValidationFailed
from ..places import Place
from ..questionnaire import (
    Choice,
    Group,
    Number,
    Option,
    PlaceQuestion,
    Question,
    Section,
    YesNo,
    when,
)
from ..scenes import Scene
from ..text import Text, text, tr
from .gazetteer import resolve_place
from .geo import great_circle_km
from .modes import CABINS, CAR_FUELS, CAR_SIZES, MODES, car_key, flight_keys

MAX_TYPED_KM = 40_075  # no one-way trip is longer than the Equator; each mode has its own limit
MAX_LEGS = 20
SAME_PLACE_KM = 1.0
"""Places closer than this are the same city: the distance must be typed instead."""
SAME_METRO_KM = 60.0
"""A flight between places closer than this, or naming one city (PEK and 北京, PEK and PKX), is
refused: no airline flies within one metropolitan area (estimate; Daxing is 46 km from Beijing)."""


def _say(lang: str, en: str, zh: str) -> str:
    return tr(text(en, zh), lang)


def _options(labels: Mapping[str, Text]) -> tuple[Option, ...]:
    return tuple(Option(value, label) for value, label in labels.items())


@attrs.frozen
class Route:
    """How far one way of a leg goes, and how that was worked out."""

    km: float
    great_circle_km: float | None = None
    detour: float | None = None
    origin: Text | None = None
    destination: Text | None = None
    field: str = "distance_km"
    countries: tuple[str | None, str | None] = (None, None)
    """ISO codes of the two ends where known; they choose a flight's DESNZ group."""


_Name = tuple[tuple[str, str], ...]
"""A place's name in each language, hashable: ``(("en", "Beijing"), ("zh-CN", "北京"))``."""


def _place_name(place: Place) -> _Name:
    return tuple(
        sorted((place.name or text(place.city or place.country, place.city or place.country)).items())
    )


_Venue = tuple[float | None, float | None, _Name, str | None, str | None]
"""Where a leg ends: latitude, longitude, display name, country and city."""


def _venue(destination: Place | None) -> _Venue | None:
    """Where a leg with no ``to_place`` ends: the destination's coordinates, name and country."""
    if destination is None:
        return None
    if not destination.has_coordinates:
        # typed kilometres still end here: the country alone decides a flight's group
        return (None, None, _place_name(destination), destination.country, destination.city)
    return (
        destination.latitude,
        destination.longitude,
        _place_name(destination),
        destination.country,
        destination.city,
    )


def leg_route(leg: Mapping[str, Any], destination: Place | None, path: str, lang: str = "en") -> Route:
    """The one-way route of a validated leg; raise :class:`ValidationFailed` naming the field."""
    return _leg_route(leg, _venue(destination), path, lang)


def _leg_route(leg: Mapping[str, Any], venue: _Venue | None, path: str, lang: str) -> Route:
    if leg.get("distance_by") == "km":
        # typed kilometres end at the venue; where they began is not known
        return Route(float(leg["distance_km"]), countries=(None, venue[3] if venue else None))
    if leg.get("to_place"):
        return _route(leg["mode"], leg["from_place"], leg["to_place"], None, path, lang)
    if venue is not None and venue[0] is not None:
        return _route(leg["mode"], leg["from_place"], None, venue, path, lang)
    raise ValidationFailed.single(
        f"{path}.to_place",
        "required",
        _say(lang, "is required: the venue has no coordinates", "必填：场地没有坐标"),
    )


@lru_cache(maxsize=4096)
def _route(
    mode: str,
    origin_text: str,
    target_text: str | None,
    venue: _Venue | None,
    path: str,
    lang: str,
) -> Route:
    # cached: the same leg is routed when validated and again when captured, and often by many visitors
    origin = resolve_place(origin_text, path=f"{path}.from_place", lang=lang)
    if target_text is not None:
        target = resolve_place(target_text, path=f"{path}.to_place", lang=lang)
        venue = (target.latitude, target.longitude, _place_name(target), target.country, target.city)
    assert venue is not None and origin.latitude is not None and origin.longitude is not None
    latitude, longitude, target_name, target_country, target_city = venue
    assert latitude is not None and longitude is not None
    straight = great_circle_km(origin.latitude, origin.longitude, latitude, longitude)
    if mode == "flight" and (
        straight < SAME_METRO_KM or (origin.city, origin.country) == (target_city, target_country)
    ):
        there = tr(dict(target_name), lang)
        raise ValidationFailed.single(
            f"{path}.from_place",
            "same_place",
            _say(
                lang,
                f"{origin_text!r} and {there} are one city ({straight:,.0f} km apart): no flight is "
                "needed; give the way you travelled within the city instead",
                f"{origin_text!r} 与{there}同属一座城市（相距 {straight:,.0f} 公里），无需乘飞机；请改填市内交通方式",
            ),
        )
    if straight < SAME_PLACE_KM:
        raise ValidationFailed.single(
            f"{path}.from_place",
            "same_place",
            _say(
                lang,
                f"{origin_text!r} is where the leg ends; type the distance in km instead",
                f"{origin_text!r} 与终点相同；请改为填写公里数",
            ),
        )
    detour = MODES[mode].detour
    return Route(
        straight * detour,
        straight,
        detour,
        dict(_place_name(origin)),
        dict(target_name),
        "from_place",
        (origin.country, target_country),
    )


def distance_problem(mode_value: str, km: float, path: str, lang: str) -> Problem | None:
    """An error above the mode's maximum, a warning above its usual range, else ``None``."""
    mode = MODES[mode_value]
    if km <= mode.warn_km and km <= mode.maximum_km:
        return None
    label = tr(mode.label, lang)
    if km > mode.maximum_km:
        return Problem(
            path,
            "above_mode_maximum",
            _say(
                lang,
                f"{km:,.0f} km one way is impossible by {label.lower()} (at most {mode.maximum_km:,.0f} km)",
                f"{label}单程 {km:,.0f} 公里不可能（最多 {mode.maximum_km:,.0f} 公里）",
            ),
        )
    return Problem(  # above the usual range only
        path,
        "unusually_high",
        _say(
            lang,
            f"{km:,.0f} km one way by {label.lower()} is unusual (above {mode.warn_km:,.0f} km); "
            "accepted, please check it",
            f"{label}单程 {km:,.0f} 公里异常（超过 {mode.warn_km:,.0f} 公里），已接受，请核对",
        ),
        "warning",
    )


_LEG_FIELDS = (
    "mode",
    "cabin",
    "car_size",
    "car_fuel",
    "occupancy",
    "trip",
    "distance_by",
    "distance_km",
    "from_place",
    "to_place",
)
"""The answers that decide a leg's route and lines: a leg is cached by their values."""


def _leg_problems(leg: Mapping[str, Any], path: str, lang: str) -> tuple[Problem, ...]:
    try:
        return _cached_problems(tuple(map(leg.get, _LEG_FIELDS)), path, lang)
    except TypeError:  # an answer that cannot be a cache key
        return _problems_of(leg, path, lang)


@lru_cache(maxsize=4096)
def _cached_problems(key: tuple[Any, ...], path: str, lang: str) -> tuple[Problem, ...]:
    return _problems_of({n: v for n, v in zip(_LEG_FIELDS, key, strict=True) if v is not None}, path, lang)


def _problems_of(leg: Mapping[str, Any], path: str, lang: str) -> tuple[Problem, ...]:
    needed = "distance_km" if leg.get("distance_by") == "km" else "from_place"
    if "mode" not in leg or needed not in leg:
        return ()  # already reported as missing
    try:
        if needed == "from_place" and not leg.get("to_place"):
            # the venue, where such a leg ends, is known only at capture
            resolve_place(leg["from_place"], path=f"{path}.from_place", lang=lang)
            return ()
        route = leg_route(leg, None, path, lang)
    except ValidationFailed as exc:
        return tuple(exc.problems)
    found = distance_problem(leg["mode"], route.km, f"{path}.{route.field}", lang)
    return (found,) if found else ()


@attrs.frozen(kw_only=True)
class LegsGroup(Group):
    """The trip-legs group: checks places and per-mode distance limits as it validates."""

    kind: ClassVar[str] = "group"

    def check(self, value: Any, path: str, lang: str, out: list[Problem], outer: Mapping[str, Any]) -> Any:
        legs = super().check(value, path, lang, out, outer)
        if legs is None:
            return None
        for index, leg in enumerate(legs):
            out.extend(_leg_problems(leg, f"{path}.{index}", lang))
        return legs


LEG_QUESTIONS = (
    Choice(
        id="mode",
        label=text("How did you travel?", "交通方式"),
        options=tuple(Option(m.value, m.label) for m in MODES.values()),
        required=True,
    ),
    Choice(
        id="cabin",
        label=text("Cabin class", "舱位"),
        options=_options(CABINS),
        default="economy",
        condition=when("mode", "flight"),
    ),
    Choice(
        id="car_size",
        label=text("Car size", "车型大小"),
        options=_options(CAR_SIZES),
        default="average",
        condition=when("mode", "car"),
    ),
    Choice(
        id="car_fuel",
        label=text("Fuel", "燃料"),
        options=_options(CAR_FUELS),
        default="unknown",
        condition=when("mode", "car"),
    ),
    Number(
        id="occupancy",
        label=text("People in the vehicle", "同车人数"),
        help=text(
            "Including you; the vehicle's emissions are shared among them",
            "包括您本人；车辆排放由同车人分摊",
        ),
        unit="person",
        minimum=1,
        maximum=9,
        warn_above=5,
        integer=True,
        default=1,
        condition=when("mode", "car", "motorbike"),
    ),
    Choice(
        id="trip",
        label=text("One way or return?", "单程还是往返？"),
        options=(
            Option("return", text("Return", "往返")),
            Option("one_way", text("One way", "单程")),
        ),
        default="return",
    ),
    Choice(
        id="distance_by",
        label=text("How to work out the distance", "距离怎么算"),
        options=(
            Option("place", text("From the places I name", "按出发地和目的地")),
            Option("km", text("I know the kilometres", "我知道公里数")),
        ),
        default="place",
        inferred=True,
    ),
    PlaceQuestion(
        id="from_place",
        label=text("From (city or airport code)", "出发地（城市或机场代码）"),
        help=text(
            "A city in Chinese or English, or an IATA code such as PEK",
            "中文或英文城市名，或机场代码，如 PEK",
        ),
        required=True,
        condition=when("distance_by", "place"),
    ),
    PlaceQuestion(
        id="to_place",
        label=text("To (leave empty for the venue)", "目的地（留空为本场地）"),
        condition=when("distance_by", "place"),
    ),
    Number(
        id="distance_km",
        label=text("Distance one way", "单程距离"),
        unit="km",
        minimum=0.1,
        maximum=MAX_TYPED_KM,
        required=True,
        condition=when("distance_by", "km"),
    ),
)


def leg_questions(
    to_place: Text,
    modes: Sequence[str] | None = None,
    *,
    from_place: tuple[Text, Text] | None = None,
) -> tuple[Question, ...]:
    """:data:`LEG_QUESTIONS` for legs that do not end at a venue: ``to_place`` says where an
    empty destination ends (home, work), ``modes`` (values of :data:`MODES`) limits the travel
    modes offered, e.g. to what a commute uses (``None`` keeps them all), and ``from_place``
    (label, help) replaces the origin's wording where airport codes make no sense.
    """

    def fit(question: Question) -> Question:
        if question.id == "to_place":
            return attrs.evolve(question, label=to_place)
        if question.id == "from_place" and from_place is not None:
            return attrs.evolve(question, label=from_place[0], help=from_place[1])
        if question.id == "mode" and modes is not None and isinstance(question, Choice):
            return attrs.evolve(question, options=tuple(o for o in question.options if o.value in modes))
        return question

    return tuple(map(fit, LEG_QUESTIONS))


ARRIVAL = text(
    "Each way you travelled to get here; add a leg per change of mode",
    "来此的每段行程；换乘交通方式时添加一段",
)
"""The travel section's help at a venue: the legs end here."""
JOURNEY = text("Your journey", "您的行程")


def travel_section(
    shared: str | None = "travel",
    *,
    coarse: bool = True,
    title: Text = JOURNEY,
    legs_help: Text = ARRIVAL,
    legs: tuple[Question, ...] = LEG_QUESTIONS,
) -> Section:
    """The travel section: a ``legs`` group and the ``radiative_forcing`` switch.

    ``shared="travel"`` lets a mixed venue ask it once for all its scene types. Scene types
    whose trips do not end at a venue (daily life) give their own ``title``, ``legs_help`` and
    ``legs`` (see :func:`leg_questions`).
    """
    return Section(
        id="travel",
        title=title,
        shared=shared,
        questions=(
            LegsGroup(
                id="legs",
                label=text("Your trip, leg by leg", "行程（逐段填写）"),
                item_label=text("Leg {n}", "第 {n} 段"),
                help=legs_help,
                questions=legs,
                max_items=MAX_LEGS,
                default=(),
                coarse=coarse,
            ),
            YesNo(
                id="radiative_forcing",
                label=text("Include flights' non-CO2 effects", "计入航班的非二氧化碳效应"),
                help=text(
                    "Radiative forcing of contrails and NOx at altitude, shown as its own line",
                    "高空尾迹和氮氧化物的辐射强迫，单独列出",
                ),
                default=True,
            ),
        ),
    )


def capture_legs(
    legs: Sequence[Mapping[str, Any]],
    destination: Place | None,
    source: str = "legs",
    *,
    include_rf: bool = True,
    lang: str = "en",
) -> list[Activity]:
    """Activities of validated trip legs; a leg with no ``to_place`` ends at ``destination``.

    Bad legs (unknown or ambiguous place, impossible distance) raise
    :class:`diandian.ValidationFailed` naming ``<source>.<index>.<field>``.
    """
    venue = _venue(destination)
    activities: list[Activity] = []
    for index, leg in enumerate(legs):
        path = f"{source}.{index}"
        try:
            lines = _cached_lines(tuple(map(leg.get, _LEG_FIELDS)), venue, path, include_rf, lang)
        except TypeError:  # an answer that cannot be a cache key
            lines = _leg_lines(leg, venue, path, include_rf, lang)
        # a fresh detail per activity (place names included): the cached lines are shared by every visitor
        activities += [
            Activity(k, quantity, source=path, detail={n: _copy(v) for n, v in detail})
            for k, quantity, detail in lines
        ]
    return activities


_Line = tuple[str, float, tuple[tuple[str, object], ...]]


def _copy(value: object) -> object:
    return dict(value) if isinstance(value, Mapping) else value


@lru_cache(maxsize=4096)
def _cached_lines(
    key: tuple[Any, ...], venue: _Venue | None, path: str, include_rf: bool, lang: str
) -> tuple[_Line, ...]:
    # legs repeat across visitors (same city, same mode): each is routed and checked once
    leg = {n: v for n, v in zip(_LEG_FIELDS, key, strict=True) if v is not None}
    return _leg_lines(leg, venue, path, include_rf, lang)


def _leg_lines(
    leg: Mapping[str, Any], venue: _Venue | None, path: str, include_rf: bool, lang: str
) -> tuple[_Line, ...]:
    """(activity key, quantity, detail items) of one leg, routed once."""
    mode = MODES[leg["mode"]]
    route = _leg_route(leg, venue, path, lang)
    problem = distance_problem(mode.value, route.km, f"{path}.{route.field}", lang)
    if problem is not None and problem.severity == "error":
        raise ValidationFailed([problem])
    trips = 2 if leg.get("trip", "return") == "return" else 1
    detail: dict[str, object] = {"mode": mode.value, "one_way_km": route.km, "trips": trips}
    if route.great_circle_km is not None:
        detail.update(
            {
                "from": route.origin,
                "to": route.destination,
                "great_circle_km": route.great_circle_km,
                "detour": route.detour,
            }
        )
    quantity = route.km * trips
    if mode.value == "flight":
        key, rf_key, cabin = flight_keys(route.km, leg.get("cabin", "economy"), route.countries)
        detail["cabin"] = cabin
        items = tuple(detail.items())
        return (
            ((key, quantity, items), (rf_key, quantity, items)) if include_rf else ((key, quantity, items),)
        )
    if mode.per_vehicle:
        occupancy = int(leg.get("occupancy", 1))
        detail["occupancy"] = occupancy
        quantity /= occupancy
    key = (
        car_key(leg.get("car_size", "average"), leg.get("car_fuel", "unknown"))
        if mode.value == "car"
        else mode.key
    )
    return ((key, quantity, tuple(detail.items())),)


def capture_travel(answers: Mapping[str, Any], scene: Scene, *, lang: str = "en") -> list[Activity]:
    """The travel section's activities from a scene type's validated answers, ending at the scene."""
    return capture_legs(
        answers.get("legs", ()),
        scene.place,
        include_rf=bool(answers.get("radiative_forcing", True)),
        lang=lang,
    )
