"""Organiser pages: scenes (create, edit, door poster), the live dashboard with its charts and
exports, hiding a display name, and the event's own neutrality (organiser questionnaire ->
footprint -> the same quote, order and sandbox checkout as a visitor -> claim and certificate).

Every handler reaches data through ``Acting(platform, account)``, which checks ownership on the
server; another organiser's scene answers 404 like an unknown one.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from litestar import get, post
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Response, Template

from ...accounts import NotAllowed
from ...errors import Problem, ValidationFailed
from ...exports import CERTIFICATE_COLUMNS, FOOTPRINT_COLUMNS, ORDER_COLUMNS, csv_bytes, json_bytes
from ...json_input import loads
from ...text import tr
from ...text import typed as as_typed
from . import charts
from .common import AnyRequest, Form, errors_of, field, fields, lang, page

if TYPE_CHECKING:
    from ...acting import Acting
    from ...platform import Platform
    from ...scenes import Scene

POSTER_TYPES = {"pdf": "application/pdf", "png": "image/png", "svg": "image/svg+xml"}
EXPORTS = {"footprints": FOOTPRINT_COLUMNS, "orders": ORDER_COLUMNS, "certificates": CERTIFICATE_COLUMNS}
#: scene types an organiser does not pick for a venue: the event's own questionnaire, daily life
HIDDEN_TYPES = ("conference_organiser", "daily_life")
OVERRIDE_ROWS = 2
POLICIES = ("outside", "inside")


def _scene(acting: Acting, reference: str) -> Scene:
    try:
        return acting.scene(reference)
    except (ValidationFailed, NotAllowed):
        raise NotFoundException() from None


def _own(acting: Acting, reference: str) -> Scene:
    scene = _scene(acting, reference)
    if scene.organiser != acting.account.account_id:
        raise NotFoundException()
    return scene


# --- scenes -----------------------------------------------------------------------------------


@get("/", name="console_home", sync_to_thread=True)
def home(
    request: AnyRequest, platform: NamedDependency[Platform], acting: NamedDependency[Acting]
) -> Response[Any]:
    """The organiser's scenes with their scene types' names in the page's language and their
    dates (an operator goes to the operator pages)."""
    if acting.account.is_operator:
        return Redirect("/console/operator", status_code=303)
    return page(
        "home",
        account=acting.account,
        scenes=acting.scenes(),
        type_titles={name: tr(kind.title, lang(request)) for name, kind in platform.host.scene_types.items()},
    )


def _types(platform: Platform, language: str) -> list[tuple[str, str]]:
    return sorted(
        (name, tr(kind.title, language))
        for name, kind in platform.host.scene_types.items()
        if name not in HIDDEN_TYPES
    )


def _kinds(platform: Platform, language: str) -> list[tuple[str, str]]:
    return sorted(
        (key, f"{tr(kind.label, language)} ({key}, {kind.unit})")
        for key, kind in platform.host.activity_kinds.items()
    )


def _form_values(platform: Platform, scene: Scene | None, language: str) -> dict[str, Any]:
    if scene is None:
        return {"scene_types": [], "visibility": "public", "overrides": []}
    place = scene.place
    return {
        "slug": scene.slug,
        "name_en": scene.name.get("en", ""),
        "name_zh": scene.name.get("zh-CN", ""),
        "scene_types": list(scene.scene_types),
        "place": platform.place_query(place, language) if place else "",
        "starts": scene.starts.isoformat() if scene.starts else "",
        "ends": scene.ends.isoformat() if scene.ends else "",
        "visibility": scene.visibility,
        "overrides": [
            {
                "activity": f.activity,
                "kg": f"{f.grams / 1000:g}",
                "measured_by": f.source.publisher,
                "document": f.source.document,
                "year": str(f.source.year),
            }
            for f in scene.factor_overrides
        ],
    }


def _date(value: str, path: str, problems: list[Problem]) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(as_typed(value))  # ２０２１－０９－０７ from a Chinese input method
    except ValueError:
        problems.append(Problem(path, "format", "must be a date such as 2021-09-07"))
        return None


def _read_scene_form(
    platform: Platform, data: Mapping[str, Any], language: str, values: dict[str, Any]
) -> dict[str, Any]:
    """The submitted fields as scene fields, or ValidationFailed naming each bad one; what was
    typed goes into ``values``, for the form to show again. A place the gazetteer cannot settle
    leaves its suggestions in ``values["place_choices"]``, so the form offers them without any
    script."""
    from ...acting import measured_override

    values.update(
        {
            name: field(data, name, 300)
            for name in ("slug", "name_en", "name_zh", "place", "starts", "ends", "visibility")
        }
    )
    # a suggestion picked from the list the form offered wins over the text typed before
    values["place"] = field(data, "place_choice", 300) or values["place"]
    values["scene_types"] = fields(data, "scene_types")
    problems: list[Problem] = []
    place = None
    if values["place"]:
        try:
            place = platform.venue_place(values["place"], language)
        except ValidationFailed as exc:
            problems += [attrs_evolve_path(p, "place") for p in exc.problems]
            # a misspelt name starts like no city: offer those starting like its first letters
            typed = values["place"]
            values["place_choices"] = platform.suggest_places(typed, language) or platform.suggest_places(
                typed[:3], language
            )
    overrides, rows = [], []
    for n in range(OVERRIDE_ROWS):
        row = {
            k: field(data, f"override{n}_{k}", 200)
            for k in ("activity", "kg", "measured_by", "document", "year")
        }
        rows.append(row)
        if not row["activity"]:
            continue
        kind = platform.host.activity_kinds.get(row["activity"])
        try:
            kg = float(as_typed(row["kg"]))
            year = int(as_typed(row["year"]))
            if (
                kind is None
                or not (0 <= kg < 1_000_000)
                or not (1990 <= year <= 2100)
                or not row["measured_by"]
            ):
                raise ValueError
        except ValueError:
            problems.append(
                Problem(
                    f"override{n}",
                    "invalid",
                    "give a known activity, kg CO2e per unit (0 or more), who measured it and the year",
                )
            )
            continue
        overrides.append(
            measured_override(
                kind, kg, measured_by=row["measured_by"], document=row["document"] or "measured", year=year
            )
        )
    values["overrides"] = rows
    changes: dict[str, Any] = {
        "name": {"en": values["name_en"], "zh-CN": values["name_zh"]},
        "scene_types": tuple(values["scene_types"]),
        "place": place,
        "starts": _date(values["starts"], "starts", problems),
        "ends": _date(values["ends"], "ends", problems),
        "visibility": values["visibility"] or "public",
        "factor_overrides": tuple(overrides),
    }
    if not values["scene_types"]:
        problems.append(Problem("scene_types", "required", "choose at least one scene type"))
    if problems:
        raise ValidationFailed(problems, what="scene")
    return changes


def attrs_evolve_path(problem: Problem, path: str) -> Problem:
    """The same problem under the form's field name."""
    return Problem(path, problem.code, problem.message, problem.severity)


def _scene_form(
    platform: Platform,
    acting: Acting,
    language: str,
    scene: Scene | None,
    values: dict[str, Any],
    errors: dict[str, str],
    status_code: int = 200,
) -> Template:
    overrides = list(values.get("overrides", []))
    overrides += [{}] * (OVERRIDE_ROWS - len(overrides))
    typed = str(values.get("place", ""))
    return page(
        "scene_form",
        # the datalist, rendered by the server for what the form holds (the script refreshes it)
        suggestions=values.get("place_choices")
        or (platform.suggest_places(typed, language) if typed else []),
        status_code=status_code,
        account=acting.account,
        scene=scene,
        values=values,
        overrides=overrides[:OVERRIDE_ROWS],
        errors=errors,
        types=_types(platform, language),
        kinds=_kinds(platform, language),
    )


@get("/scenes/new", name="console_scene_new", sync_to_thread=True)
def scene_new(
    request: AnyRequest, platform: NamedDependency[Platform], acting: NamedDependency[Acting]
) -> Template:
    """The form for a new scene."""
    return _scene_form(platform, acting, lang(request), None, _form_values(platform, None, ""), {})


@post("/scenes/create", name="console_scene_create", sync_to_thread=True)
def scene_create(
    request: AnyRequest, platform: NamedDependency[Platform], acting: NamedDependency[Acting], data: Form
) -> Response[Any]:
    """Store the new scene (owned by the signed-in organiser) and open its dashboard."""
    from ...scenes import Scene

    language = lang(request)
    values: dict[str, Any] = {}
    try:
        changes = _read_scene_form(platform, data, language, values)
        slug = values["slug"] or secrets.token_hex(4)
        made = acting.create_scene(Scene(id=slug, slug=slug, **changes))
    except ValidationFailed as exc:
        return _scene_form(platform, acting, language, None, values, errors_of(exc), 400)
    return Redirect(f"/console/scenes/{made.id}", status_code=303)


@get("/places", name="console_places", sync_to_thread=True)
def places(
    request: AnyRequest,
    platform: NamedDependency[Platform],
    acting: NamedDependency[Acting],
    q: FromQuery[str] = "",
) -> list[dict[str, str]]:
    """Cities from the gazetteer for what is typed so far, for the scene form's suggestions:
    ``[{"query": "Chengdu, Sichuan", "label": "Chengdu (CN, Sichuan, population ...)"}]``."""
    return [{"query": s.query, "label": s.label} for s in platform.suggest_places(q[:100], lang(request))]


@get("/scenes/{ref:str}/edit", name="console_scene_edit", sync_to_thread=True)
def scene_edit(
    request: AnyRequest,
    platform: NamedDependency[Platform],
    acting: NamedDependency[Acting],
    ref: FromPath[str],
) -> Template:
    scene = _own(acting, ref)
    language = lang(request)
    return _scene_form(platform, acting, language, scene, _form_values(platform, scene, language), {})


@post("/scenes/{ref:str}/save", name="console_scene_update", sync_to_thread=True)
def scene_update(
    request: AnyRequest,
    platform: NamedDependency[Platform],
    acting: NamedDependency[Acting],
    ref: FromPath[str],
    data: Form,
) -> Response[Any]:
    """Save the changes (the id never changes; the slug may)."""
    scene = _own(acting, ref)
    values: dict[str, Any] = {}
    try:
        changes = _read_scene_form(platform, data, lang(request), values)
        acting.update_scene(scene.id, slug=values["slug"] or scene.slug, **changes)
    except ValidationFailed as exc:
        return _scene_form(platform, acting, lang(request), scene, values, errors_of(exc), 400)
    return Redirect(f"/console/scenes/{scene.id}", status_code=303)


@get("/scenes/{ref:str}/poster/{kind:str}", name="console_poster", sync_to_thread=True)
def poster(
    platform: NamedDependency[Platform],
    acting: NamedDependency[Acting],
    ref: FromPath[str],
    kind: FromPath[str],
) -> Response[bytes]:
    """The door poster (PDF, PNG or SVG) whose QR code opens the scene's page."""
    if kind not in POSTER_TYPES:
        raise NotFoundException()
    scene = _scene(acting, ref)
    body = platform.render_poster(scene, kind)
    headers = {
        "Content-Disposition": f'attachment; filename="poster-{scene.slug}.{kind}"',
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    }
    return Response(body, media_type=POSTER_TYPES[kind], headers=headers)


# --- dashboard and exports --------------------------------------------------------------------

LIVE_SECONDS = 30
"""How often an open dashboard asks for its numbers again (console-live.js)."""


@get("/scenes/{ref:str}", name="console_dashboard", sync_to_thread=True)
def dashboard(
    request: AnyRequest,
    platform: NamedDependency[Platform],
    acting: NamedDependency[Acting],
    ref: FromPath[str],
) -> Template:
    """Participants, footprint by category and travel mode, neutralised against footprint, the
    leaderboard (with hide-name buttons) and the exports."""
    scene = _scene(acting, ref)
    view = acting.dashboard(scene.id, board_limit=50)
    language = lang(request)
    return page(
        "dashboard",
        type_titles=[tr(platform.host.scene_type(name).title, language) for name in scene.scene_types],
        category_rows=[(charts.category_label(c, language), g) for c, g in view.by_category.items()],
        mode_rows=[(charts.mode_label(m, language), g) for m, g in view.by_travel_mode.items()],
        account=acting.account,
        scene=scene,
        view=view,
        door_url=platform.door_url(scene),
        owner=scene.organiser == acting.account.account_id,
        live_seconds=LIVE_SECONDS,
    )


@get("/scenes/{ref:str}/charts/{what:str}", name="console_chart", sync_to_thread=True)
def chart(
    request: AnyRequest, acting: NamedDependency[Acting], ref: FromPath[str], what: FromPath[str]
) -> Response[bytes]:
    """The dashboard's charts as SVG: ``categories``, ``modes`` or ``neutralised``."""
    if what not in charts.CHARTS:
        raise NotFoundException()
    view = acting.dashboard(_scene(acting, ref).id, board_limit=1)
    return charts.chart_response(charts.CHARTS[what](view, lang(request)))


@get("/scenes/{ref:str}/export/{fmt:str}", name="console_export", sync_to_thread=True)
def export(
    acting: NamedDependency[Acting],
    ref: FromPath[str],
    fmt: FromPath[str],
    what: FromQuery[str] = "footprints",
) -> Response[bytes]:
    """CSV of one table (``?what=footprints|orders|certificates``) or JSON of all three."""
    scene = _scene(acting, ref)
    if fmt not in ("csv", "json") or (fmt == "csv" and what not in EXPORTS):
        raise NotFoundException()
    data = acting.export(scene.id)
    if fmt == "json":
        body = json_bytes(
            {
                "scene": {"id": scene.id, "slug": scene.slug, "name": dict(scene.name)},
                "footprints": list(data.footprints),
                "orders": list(data.orders),
                "certificates": list(data.certificates),
            }
        )
        name, media = f"{scene.slug}.json", "application/json"
    else:
        rows = {"footprints": data.footprints, "orders": data.orders, "certificates": data.certificates}[what]
        body = csv_bytes(rows, EXPORTS[what])
        name, media = f"{scene.slug}-{what}.csv", "text/csv; charset=utf-8"
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _board_name(acting: Acting, ref: str, data: Form, *, hide: bool) -> Redirect:
    scene = _own(acting, ref)
    change = acting.hide_name if hide else acting.show_name
    try:
        change(scene.id, field(data, "participant", 64))
    except ValidationFailed:
        raise NotFoundException() from None
    return Redirect(f"/console/scenes/{scene.id}#leaderboard", status_code=303)


@post("/scenes/{ref:str}/hide", name="console_hide_name", sync_to_thread=True)
def hide_name(acting: NamedDependency[Acting], ref: FromPath[str], data: Form) -> Redirect:
    """Hide a display name on the leaderboard (the participant keeps a pseudonym and a rank)."""
    return _board_name(acting, ref, data, hide=True)


@post("/scenes/{ref:str}/show", name="console_show_name", sync_to_thread=True)
def show_name(acting: NamedDependency[Acting], ref: FromPath[str], data: Form) -> Redirect:
    """Show again a display name hidden on this scene's leaderboard (404 if not hidden here)."""
    return _board_name(acting, ref, data, hide=False)


# --- the event's own neutrality ---------------------------------------------------------------


def _event_form(
    request: AnyRequest,
    acting: Acting,
    scene: Scene,
    answers: Mapping[str, Any],
    problems: Any,
    status_code: int = 200,
) -> Template:
    from ..visitor import forms

    language = lang(request)
    parts = [(None, acting.event_questionnaire())]
    sections = forms.sections(parts, answers, problems, language, coarse_only=False)
    return page(
        "neutralise",
        status_code=status_code,
        account=acting.account,
        scene=scene,
        sections=sections,
        errors=forms.error_summary(sections, problems),
    )


@get("/scenes/{ref:str}/neutralise", name="console_neutralise", sync_to_thread=True)
def neutralise(request: AnyRequest, acting: NamedDependency[Acting], ref: FromPath[str]) -> Template:
    """The organiser questionnaire: the event's venue energy, catering, materials, waste..."""
    return _event_form(request, acting, _own(acting, ref), {}, ())


def _answers(acting: Acting, data: Mapping[str, Any]) -> dict[str, Any]:
    from ..visitor import forms

    multi = {k: (v if isinstance(v, list) else [v]) for k, v in data.items() if isinstance(v, list | str)}
    return forms.answers_from_form([(None, acting.event_questionnaire())], multi, {}, coarse_only=False)


@post("/scenes/{ref:str}/footprint", name="console_event_footprint", sync_to_thread=True)
def event_footprint(
    request: AnyRequest,
    platform: NamedDependency[Platform],
    acting: NamedDependency[Acting],
    ref: FromPath[str],
    data: Form,
) -> Template:
    """The event's footprint, the choice of project and of the visitors' policy, and the price."""
    scene = _own(acting, ref)
    answers = _answers(acting, data)
    try:
        footprint = acting.event_footprint(scene.id, answers, lang(request))
    except ValidationFailed as exc:
        return _event_form(request, acting, scene, answers, exc.problems, 400)
    return _offer(lang(request), platform, acting, scene, answers, footprint, {})


def _offer(
    language: str,
    platform: Platform,
    acting: Acting,
    scene: Scene,
    answers: Mapping[str, Any],
    footprint: Any,
    errors: dict[str, str],
    status_code: int = 200,
) -> Template:
    import json

    projects = [(p, platform.free_grams(p.project_id)) for p in platform.projects()]
    return page(
        "event_footprint",
        status_code=status_code,
        account=acting.account,
        scene=scene,
        footprint=footprint,
        category_rows=[(charts.category_label(c, language), g) for c, g in footprint.by_category.items()],
        claim=acting.claim(scene.id),
        projects=[(p, free) for p, free in projects if free >= footprint.grams],
        answers_json=json.dumps(answers, ensure_ascii=False, sort_keys=True),
        key=secrets.token_urlsafe(16),
        errors=errors,
    )


@post("/scenes/{ref:str}/neutralise/order", name="console_event_order", sync_to_thread=True)
def event_order(
    request: AnyRequest,
    platform: NamedDependency[Platform],
    acting: NamedDependency[Acting],
    ref: FromPath[str],
    data: Form,
) -> Response[Any]:
    """Decide the claim and reserve the credits (recomputing the footprint from the answers)."""
    from ...offsets.model import ClaimPolicy

    scene = _own(acting, ref)
    try:
        answers = loads(field(data, "answers", 20_000) or "{}", what="answers")
        footprint = acting.event_footprint(scene.id, answers, lang(request))
    except ValidationFailed:
        return Redirect(f"/console/scenes/{scene.id}/neutralise", status_code=303)
    policy = field(data, "policy", 16)
    project = field(data, "project", 64)
    key = field(data, "key", 64)
    try:
        if policy not in POLICIES:
            raise ValidationFailed.single(
                "policy", "required", "choose whether visitors' credits count inside"
            )
        if not key:
            raise ValidationFailed.single("key", "required", "reload the page")
        order = acting.order_event_credits(
            scene.id,
            footprint_g=footprint.grams,
            project_id=project,
            policy=ClaimPolicy(policy),
            idempotency_key=f"event:{scene.id}:{key}",
        )
    except ValidationFailed as exc:
        return _offer(lang(request), platform, acting, scene, answers, footprint, errors_of(exc), 400)
    if order.payment_intent_id is None:
        platform.start_payment(order.order_id)
    return Redirect(f"/console/scenes/{scene.id}/checkout/{order.order_id}", status_code=303)


@get("/scenes/{ref:str}/checkout/{order_id:str}", name="console_checkout", sync_to_thread=True)
def checkout(
    platform: NamedDependency[Platform],
    acting: NamedDependency[Acting],
    ref: FromPath[str],
    order_id: FromPath[str],
) -> Response[Any]:
    """The sandbox checkout of the event's order (where a real payment page would stand)."""
    scene = _own(acting, ref)
    try:
        order = acting.event_order(scene.id, order_id)
    except ValidationFailed:
        raise NotFoundException() from None
    if order.status.value == "allocated":
        return Redirect(f"/claims/{scene.slug}", status_code=303)
    project = next((p for p in platform.projects() if p.project_id == order.project_id), None)
    return page("checkout", account=acting.account, scene=scene, order=order, project=project)


@post("/scenes/{ref:str}/checkout/{order_id:str}/pay", name="console_pay", sync_to_thread=True)
def pay(acting: NamedDependency[Acting], ref: FromPath[str], order_id: FromPath[str]) -> Redirect:
    """Pay in the sandbox and issue the event's certificate; then the claim page."""
    scene = _own(acting, ref)
    try:
        order = acting.event_order(scene.id, order_id)
        footprint_g = int(order.metadata.get("footprint_g", order.grams))
        acting.pay_event_order(scene.id, order.order_id, footprint_g)
    except ValidationFailed:
        return Redirect(f"/console/scenes/{scene.id}/neutralise", status_code=303)
    return Redirect(f"/claims/{scene.slug}", status_code=303)


@post("/scenes/{ref:str}/checkout/{order_id:str}/cancel", name="console_cancel", sync_to_thread=True)
def cancel(acting: NamedDependency[Acting], ref: FromPath[str], order_id: FromPath[str]) -> Redirect:
    """Cancel at the checkout: the reserved credits are released; back to the choice of project
    (whose form carries a new key, so a new order is a new order)."""
    scene = _own(acting, ref)
    try:
        acting.cancel_event_order(scene.id, order_id)
    except ValidationFailed:
        raise NotFoundException() from None
    return Redirect(f"/console/scenes/{scene.id}/neutralise", status_code=303)


ROUTES = [
    home,
    scene_new,
    scene_create,
    places,
    scene_edit,
    scene_update,
    poster,
    dashboard,
    chart,
    export,
    hide_name,
    show_name,
    neutralise,
    event_footprint,
    event_order,
    checkout,
    pay,
    cancel,
]
