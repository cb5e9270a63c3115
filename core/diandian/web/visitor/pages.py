"""Visitor page handlers: each reads the request, makes platform calls and renders a template.

The journey: door ``/s/<slug>`` -> a draft ``/d/<token>`` (calculator, result, neutralise,
sandbox checkout) -> certificate ``/c/<id>`` -> leaderboards. Every step is a plain link or a
form posted with a CSRF token and answered with a redirect (post/redirect/get), so it works
with JavaScript off and a reload never posts twice. Answers stay in the server-side draft; URLs
carry only the draft's unguessable token, a certificate id or a scene's slug.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import quote, urlsplit

from litestar import Request, get, post
from litestar.datastructures import Cookie, UploadFile
from litestar.di import NamedDependency
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.params import Body, FromPath, FromQuery
from litestar.response import Redirect, Response, Template

from ...errors import Problem, ValidationFailed
from ...free_text import MAX_DISPLAY_NAME, text_problem
from ...text import tr
from ..i18n import pick, request_lang
from ..store import Draft, WebStore
from . import charts, forms

if TYPE_CHECKING:
    from ...footprint import Footprint
    from ...platform import Platform
    from ...scenes import Scene

DEVICE_COOKIE = "dd_device"
DEVICE_AGE = 2 * 365 * 24 * 3600
MAX_BOARD_SCENES = 500  # listed scenes whose types get a board link
CHECKOUT_LIMIT = 20  # checkout posts per device (or address) per minute
DAILY = "daily_life"
Form = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.URL_ENCODED)]
Upload = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.MULTI_PART)]


# --- helpers ----------------------------------------------------------------------------------


def _lang(request: Request[Any, Any, Any]) -> str:
    return request_lang(request)


def _values(form: Mapping[str, Any]) -> dict[str, list[str]]:
    """Form fields as lists of strings (a repeated name gives several)."""
    return {
        str(k): [str(x) for x in v] if isinstance(v, list) else [str(v)]
        for k, v in form.items()
        if isinstance(v, list | str)
    }


def _scene(platform: Platform, reference: str) -> Scene:
    try:
        return platform.scene(reference)
    except ValidationFailed:
        raise NotFoundException(f"no scene {reference!r}") from None


def _draft(store: WebStore, token: str) -> Draft:
    draft = store.draft(token)
    if draft is None:
        raise NotFoundException("no such draft")
    return draft


def _draft_scene(platform: Platform, draft: Draft) -> Scene:
    if draft.kind == "daily":
        from ...scenes import ad_hoc_scene

        return ad_hoc_scene(DAILY)
    return _scene(platform, draft.scene_id)


def _parts(platform: Platform, scene: Scene) -> list[tuple[str | None, Any]]:
    if scene.id.startswith("ad-hoc:"):
        return [(None, platform.host.scene_type(scene.scene_types[0]).questionnaire)]
    return [(part.key, part.questionnaire) for part in platform.questionnaire(scene).parts]


def _footprint(platform: Platform, scene: Scene, draft: Draft, lang: str) -> Footprint | None:
    if not draft.answers:
        return None
    try:
        return platform.footprint(scene, dict(draft.answers), lang)
    except ValidationFailed:
        return None


def participant(request: Request[Any, Any, Any], store: WebStore) -> str | None:
    """The participant this phone's device cookie names, if any."""
    return store.participant_of(request.cookies.get(DEVICE_COOKIE))


def _device_cookie(request: Request[Any, Any, Any], token: str) -> Cookie:
    secure = request.app.state.public_url.startswith("https://")
    return Cookie(
        key=DEVICE_COOKIE,
        value=token,
        max_age=DEVICE_AGE,
        httponly=True,
        secure=secure,
        samesite="lax",
        path="/",
    )


def _ensure_participant(
    request: Request[Any, Any, Any], platform: Platform, store: WebStore
) -> tuple[str, list[Cookie]]:
    """This phone's participant, made (with its device cookie) on first need."""
    known = participant(request, store)
    if known is not None:
        return known, []
    pid = platform.new_participant(None, listed=False)
    return pid, [_device_cookie(request, store.bind_device(pid))]


def _page(name: str, status_code: int = 200, **context: Any) -> Template:
    # pages are personal or change as the journey moves on: never cached, so the back button
    # asks the server again and lands where the journey now is (not on a stale checkout)
    return Template(
        f"visitor/{name}.html",
        context=context,
        status_code=status_code,
        headers={"Cache-Control": "no-store"},
    )


def _project_places(offers: Sequence[Any], lang: str) -> dict[str, str]:
    """Each offered project's city and country in the page's language (中国雅安, Ya'an, China)."""
    from ...travel.gazetteer import city_in

    return {o.project.project_id: city_in(o.project.city, o.project.country, lang) for o in offers}


def _organiser(platform: Platform, scene: Scene, lang: str) -> str | None:
    """Who runs the scene as visitors read it: its organiser name in the page's language, else
    the owning account's name (a scene made in the console names its account), never an id."""
    if scene.organiser_name:
        return tr(scene.organiser_name, lang)
    if not scene.organiser:
        return None
    try:
        return platform.accounts.get(scene.organiser).display_name
    except LookupError:
        return scene.organiser


def _slow_down(request: Request[Any, Any, Any], store: WebStore, what: str) -> bool:
    who = request.cookies.get(DEVICE_COOKIE) or (request.client.host if request.client else "?")
    return not store.hit(f"{what}:{who}", CHECKOUT_LIMIT)


# --- directory and door -----------------------------------------------------------------------


@get("/", name="home", sync_to_thread=True)
def home(
    request: Request[Any, Any, Any],
    platform: NamedDependency[Platform],
    q: FromQuery[str | None] = None,
    city: FromQuery[str | None] = None,
    on: FromQuery[str | None] = None,
) -> Template:
    """The directory: search by name (Chinese, pinyin or English), city or date; what is on
    today; scan a door's QR code."""
    return _directory(request, platform, q, city, on)


def _directory(
    request: Request[Any, Any, Any],
    platform: Platform,
    q: str | None = None,
    city: str | None = None,
    on: str | None = None,
    scan_problem: str = "",
) -> Template:
    problems: list[str] = []
    day: dt.date | None = None
    if on:
        try:
            day = dt.date.fromisoformat(on)
        except ValueError:
            problems.append(
                pick(_lang(request), "Write the date as YYYY-MM-DD.", "日期格式应为 YYYY-MM-DD。")
            )
    searched = bool(q or city or day)
    found = platform.search_scenes(q or "", city=city or "", on=day) if searched else []
    today = platform.find_scenes(on=dt.date.today(), limit=20)
    recent = [] if searched else platform.find_scenes(limit=20)
    return _page(
        "home",
        q=q or "",
        city=city or "",
        on=on or "",
        searched=searched,
        found=found,
        today=today,
        recent=recent,
        problems=problems,
        scan_problem=scan_problem,
        status_code=400 if scan_problem else 200,
    )


@post("/scan", name="scan", sync_to_thread=True)
def scan(request: Request[Any, Any, Any], platform: NamedDependency[Platform], data: Upload) -> Response[Any]:
    """A photo of a door's QR code (the phone's camera through the file field, no script
    needed): on to that scene's door page; a certificate's QR code goes to its verification."""
    lang = _lang(request)
    photo = data.get("photo")
    if not (isinstance(photo, UploadFile) and photo.filename):
        problem = pick(lang, "Take or choose a photo of the QR code.", "请拍摄或选择一张二维码照片。")
        return _directory(request, platform, scan_problem=problem)
    found, problem = _read_qr(photo, lang)
    door_path = scanned_door(found)
    if door_path:
        return Redirect(door_path, status_code=303)
    verdict = platform.verify(found) if found else None
    if verdict is not None and verdict.claims is not None:  # a certificate's QR code
        return _page("verify", verdict=verdict, text=found, problem="", own_issuer=platform.settings.issuer)
    return _directory(
        request,
        platform,
        scan_problem=problem
        or pick(lang, "This QR code is not a venue's door code.", "这个二维码不是场景门口的二维码。"),
    )


def scanned_door(found: str) -> str | None:
    """The door page path a scanned QR code names (``https://host/s/<slug>`` -> ``/s/<slug>``),
    kept on this server whatever host the code was printed with; ``None`` if it names none."""
    path = urlsplit(found.strip()).path if found.strip().lower().startswith(("http://", "https://")) else ""
    slug = path[len("/s/") :].strip("/") if path.startswith("/s/") else ""
    return f"/s/{quote(slug, safe='')}" if slug and "/" not in slug else None


@get("/s/{slug:str}", name="door", sync_to_thread=True)
def door(
    request: Request[Any, Any, Any], platform: NamedDependency[Platform], slug: FromPath[str]
) -> Template:
    """The door page a scene's QR code opens."""
    scene = _scene(platform, slug)
    store: WebStore = request.app.state.store
    totals = platform.scene_totals(scene)
    board = platform.leaderboard("scene", scene.id, limit=5, participant=participant(request, store))
    organiser = _organiser(platform, scene, _lang(request))
    return _page("door", scene=scene, totals=totals, board=board, organiser=organiser)


@post("/s/{slug:str}/start", name="start", sync_to_thread=True)
def start(
    request: Request[Any, Any, Any], platform: NamedDependency[Platform], slug: FromPath[str]
) -> Redirect:
    """ "I want to be carbon neutral": a new draft for this scene."""
    scene = _scene(platform, slug)
    store: WebStore = request.app.state.store
    token = store.new_draft(scene.id, participant_id=participant(request, store))
    return Redirect(f"/d/{token}", status_code=303)


# --- calculator and result --------------------------------------------------------------------


def _calculator(
    request: Request[Any, Any, Any],
    platform: Platform,
    token: str,
    draft: Draft,
    answers: Mapping[str, Any],
    problems: Sequence[Problem],
    refine: bool,
    status_code: int = 200,
) -> Template:
    lang = _lang(request)
    scene = _draft_scene(platform, draft)
    parts = _parts(platform, scene)
    coarse = not refine and forms.has_refinements(parts)
    sections = forms.sections(parts, answers, problems, lang, coarse_only=coarse)
    return _page(
        "calculator",
        status_code=status_code,
        token=token,
        draft=draft,
        scene=scene,
        sections=sections,
        coarse=coarse,
        refine=refine,
        errors=forms.error_summary(sections, problems),
    )


@get("/d/{token:str}", name="calculator", sync_to_thread=True)
def calculator_page(
    request: Request[Any, Any, Any],
    platform: NamedDependency[Platform],
    token: FromPath[str],
    refine: FromQuery[bool] = False,
) -> Template | Redirect:
    """The form, coarse questions first; ``?refine=1`` shows every question."""
    draft = _draft(request.app.state.store, token)
    if draft.cert_id:
        return Redirect(f"/c/{draft.cert_id}", status_code=303)
    return _calculator(request, platform, token, draft, draft.answers, (), refine or draft.refined)


@post("/d/{token:str}/answers", name="answer", sync_to_thread=True)
def answer(
    request: Request[Any, Any, Any], platform: NamedDependency[Platform], token: FromPath[str], data: Form
) -> Template | Redirect:
    """Keep the submitted answers; on to the result, or back to the form with each problem
    beside its field."""
    store: WebStore = request.app.state.store
    draft = _draft(store, token)
    if draft.order_id:
        return Redirect(f"/d/{token}/neutralise", status_code=303)
    lang = _lang(request)
    refine = data.get("refine") == "1"
    scene = _draft_scene(platform, draft)
    parts = _parts(platform, scene)
    coarse = not refine and forms.has_refinements(parts)
    answers = forms.answers_from_form(parts, _values(data), draft.answers, coarse_only=coarse)
    draft = store.update(draft, answers=answers, refined=draft.refined or refine)
    try:
        footprint = platform.footprint(scene, answers, lang)
    except ValidationFailed as failed:
        return _calculator(request, platform, token, draft, answers, failed.problems, refine, 400)
    if not footprint.lines:  # an empty form: the stars promise a check, not a result of nothing
        nothing = Problem(_first_question(parts), "nothing_answered", _NOTHING_ANSWERED[lang == "zh-CN"])
        return _calculator(request, platform, token, draft, answers, (nothing,), refine, 400)
    return Redirect(f"/d/{token}/result", status_code=303)


_NOTHING_ANSWERED = (
    "Nothing answered yet: tell us how you came (on foot? choose Walking) or what you had here.",
    "尚未回答任何问题：请告诉我们您如何前来（步行请选“步行”），或您在此的消费。",
)


def _first_question(parts: Sequence[tuple[str | None, Any]]) -> str:
    """The field an empty form's error stands beside: the trip legs where the form asks for
    them (every visitor came somehow), else its first question."""
    names = [
        f"{key}.{q.id}" if key else q.id for key, qn in parts for q in qn.questions() if q.id in qn.coarse_ids
    ]
    return next((n for n in names if n.split(".")[-1] == "legs"), names[0] if names else "")


@get("/d/{token:str}/result", name="result", sync_to_thread=True)
def result(
    request: Request[Any, Any, Any], platform: NamedDependency[Platform], token: FromPath[str]
) -> Template | Redirect:
    """Total and range, the breakdown chart, two comparisons, each line's factor and source."""
    draft = _draft(request.app.state.store, token)
    lang = _lang(request)
    scene = _draft_scene(platform, draft)
    footprint = _footprint(platform, scene, draft, lang)
    if footprint is None:
        return Redirect(f"/d/{token}", status_code=303)
    return _page(
        "result",
        token=token,
        draft=draft,
        scene=scene,
        footprint=footprint,
        categories=charts.categories(footprint, lang),
        comparisons=platform.comparisons(footprint.grams, lang),
        lines=charts.lines(footprint, lang),
        refinable=not draft.refined and forms.has_refinements(_parts(platform, scene)),
    )


@get("/d/{token:str}/chart.svg", name="chart", sync_to_thread=True)
def chart(
    request: Request[Any, Any, Any], platform: NamedDependency[Platform], token: FromPath[str]
) -> Response[bytes]:
    """The breakdown by category as an SVG image (drawn by pygal)."""
    draft = _draft(request.app.state.store, token)
    lang = _lang(request)
    footprint = _footprint(platform, _draft_scene(platform, draft), draft, lang)
    if footprint is None:
        raise NotFoundException("no footprint yet")
    return charts.svg_response(charts.breakdown_svg(footprint, lang))


@post("/d/{token:str}/keep", name="keep", sync_to_thread=True)
def keep(
    request: Request[Any, Any, Any], platform: NamedDependency[Platform], token: FromPath[str]
) -> Redirect:
    """ "Keep in my life footprint": record the footprint on this phone's life record."""
    store: WebStore = request.app.state.store
    draft = _draft(store, token)
    scene = _draft_scene(platform, draft)
    footprint = _footprint(platform, scene, draft, _lang(request))
    if footprint is None:
        return Redirect(f"/d/{token}", status_code=303)
    pid, cookies = _ensure_participant(request, platform, store)
    if not draft.kept:
        platform.record_footprint(pid, footprint, kind="daily" if draft.kind == "daily" else "scene")
        store.update(draft, kept=True, participant_id=pid)
    return Redirect("/me", status_code=303, cookies=cookies)


@get("/places", name="places", sync_to_thread=True)
def places(
    request: Request[Any, Any, Any], platform: NamedDependency[Platform], q: FromQuery[str] = ""
) -> Response[dict[str, Any]]:
    """Cities starting like ``q`` for a place field's suggestions, each with the query that
    resolves to it alone: ``{"q": "长", "places": [{"query": "长春, 吉林", "label": "长春（吉林，…）"}]}``."""
    typed = q.strip()[: forms.MAX_FIELD]
    found = platform.suggest_places(typed, _lang(request)) if typed else []
    return Response(
        {"q": typed, "places": [{"query": s.query, "label": s.label} for s in found]},
        headers={"Cache-Control": "public, max-age=3600", "Vary": "Cookie, Accept-Language"},
    )


# --- neutralise and checkout ------------------------------------------------------------------


@get("/d/{token:str}/neutralise", name="neutralise", sync_to_thread=True)
def neutralise(
    request: Request[Any, Any, Any], platform: NamedDependency[Platform], token: FromPath[str]
) -> Template | Redirect:
    """Project cards with this visitor's price, and the opt-in display name."""
    store: WebStore = request.app.state.store
    draft = _draft(store, token)
    if draft.cert_id:
        return Redirect(f"/c/{draft.cert_id}", status_code=303)
    if draft.order_id:
        return Redirect(f"/d/{token}/checkout", status_code=303)
    lang = _lang(request)
    scene = _draft_scene(platform, draft)
    footprint = _footprint(platform, scene, draft, lang)
    if footprint is None:
        return Redirect(f"/d/{token}", status_code=303)
    return _choose(platform, token, draft, scene, footprint, lang, {})


def _choose(
    platform: Platform,
    token: str,
    draft: Draft,
    scene: Scene,
    footprint: Footprint,
    lang: str,
    errors: Mapping[str, str],
) -> Template:
    """The project cards, each with credits + service fee = total as the checkout will charge
    it; a footprint of 0 g (walked, or nothing to count) has nothing to neutralise and no offer,
    for a quote is only for more than 0 g."""
    offers = platform.offers(footprint.grams) if footprint.grams > 0 else []
    fees = platform.ledger.fees
    return _page(
        "neutralise",
        status_code=400 if errors else 200,
        token=token,
        draft=draft,
        scene=scene,
        footprint=footprint,
        offers=offers,
        places=_project_places(offers, lang),
        minimum_minor=fees.minimum_minor,
        topped_up={  # the fee was raised to reach the minimum charge: the card says so
            o.project.project_id
            for o in offers
            if o.quote.price.fee_minor
            > -(-o.quote.price.credit_minor * fees.rate_bp // 10_000) + fees.fixed_minor
        },
        errors=errors,
    )


@post("/d/{token:str}/order", name="order", sync_to_thread=True)
def order(
    request: Request[Any, Any, Any], platform: NamedDependency[Platform], token: FromPath[str], data: Form
) -> Response[Any]:
    """Reserve the chosen project's credits under the draft's idempotency key, then the checkout."""
    store: WebStore = request.app.state.store
    draft = _draft(store, token)
    if draft.order_id:
        return Redirect(f"/d/{token}/checkout", status_code=303)
    if _slow_down(request, store, "order"):
        return _page("slow", status_code=429)
    lang = _lang(request)
    scene = _draft_scene(platform, draft)
    footprint = _footprint(platform, scene, draft, lang)
    if footprint is None:
        return Redirect(f"/d/{token}", status_code=303)
    values = _values(data)
    project_id = (values.get("project") or [""])[0]
    listed = (values.get("listed") or [""])[0] == "yes"
    name = (values.get("display_name") or [""])[0].strip()
    errors: dict[str, str] = {}
    if footprint.grams <= 0:  # nothing to neutralise: the page says so, no order
        return _choose(platform, token, draft, scene, footprint, lang, errors)
    offers = platform.offers(footprint.grams)
    if project_id not in {o.project.project_id for o in offers}:
        errors["project"] = pick(lang, "Choose a project.", "请选择一个项目。")
    refused = text_problem(name, field="display_name", limit=MAX_DISPLAY_NAME, required=False)
    if refused is not None:  # the ledger's and the certificate's own check, so both take the name
        errors["display_name"] = (
            pick(lang, f"At most {MAX_DISPLAY_NAME} characters.", f"最多 {MAX_DISPLAY_NAME} 个字符。")
            if refused.code == "too_long"
            else pick(
                lang,
                "Use letters, digits and punctuation: no control or invisible characters.",
                "请只用文字、数字和标点，不要含控制字符或不可见字符。",
            )
        )
    if errors:
        return _choose(platform, token, draft, scene, footprint, lang, errors)
    pid, cookies = _ensure_participant(request, platform, store)
    platform.set_listing(pid, listed, name or None)
    draft = store.update(
        draft, project_id=project_id, display_name=name or None, listed=listed, participant_id=pid
    )
    placed = platform.place_order(
        platform.quote(project_id, footprint.grams),
        idempotency_key=draft.idempotency_key,
        beneficiary=name or None,
        participant_id=pid,
        scene=None if draft.kind == "daily" else scene.id,
        metadata={"footprint_g": str(footprint.grams)},
    )
    store.set_order_once(draft, placed.order_id)
    platform.start_payment(placed.order_id)
    return Redirect(f"/d/{token}/checkout", status_code=303, cookies=cookies)


@get("/d/{token:str}/checkout", name="checkout", sync_to_thread=True)
def checkout(
    request: Request[Any, Any, Any], platform: NamedDependency[Platform], token: FromPath[str]
) -> Template | Redirect:
    """The sandbox checkout: where a WeChat Pay or Alipay page would stand."""
    draft = _draft(request.app.state.store, token)
    if draft.cert_id:
        return Redirect(f"/c/{draft.cert_id}", status_code=303)
    if draft.order_id is None:
        return Redirect(f"/d/{token}/neutralise", status_code=303)
    placed = platform.order(draft.order_id)
    project = next((p for p in platform.projects() if p.project_id == placed.project_id), None)
    return _page("checkout", token=token, draft=draft, order=placed, project=project)


@post("/d/{token:str}/pay", name="pay", sync_to_thread=True)
def pay(
    request: Request[Any, Any, Any], platform: NamedDependency[Platform], token: FromPath[str]
) -> Response[Any]:
    """Pay in the sandbox, then issue the certificate. A second click, a reload or the back
    button finds the same order already paid and the same certificate."""
    store: WebStore = request.app.state.store
    draft = _draft(store, token)
    if draft.cert_id:
        return Redirect(f"/c/{draft.cert_id}", status_code=303)
    if draft.order_id is None:
        return Redirect(f"/d/{token}/neutralise", status_code=303)
    if _slow_down(request, store, "pay"):
        return _page("slow", status_code=429)
    placed = platform.order(draft.order_id)
    if placed.status.value in ("reserved",) and placed.payment_intent_id:
        placed = platform.sandbox_pay(placed.payment_intent_id)
    if placed.status.value != "allocated":
        store.update(draft, order_id=None, attempt=draft.attempt + 1)
        return Redirect(f"/d/{token}/neutralise", status_code=303)
    scene = _draft_scene(platform, draft)
    footprint = _footprint(platform, scene, draft, _lang(request))
    certificate = platform.issue_certificate(
        placed.order_id, participant_id=draft.participant_id, footprint=footprint
    )
    if footprint is not None and not draft.kept:  # a visitor who neutralises is a participant
        kind = "daily" if draft.kind == "daily" else "scene"
        platform.record_footprint(draft.participant_id, footprint, kind=kind)
    store.update(draft, cert_id=certificate.claims.cert_id, kept=True)
    return Redirect(f"/c/{certificate.claims.cert_id}", status_code=303)


@post("/d/{token:str}/cancel", name="cancel", sync_to_thread=True)
def cancel(
    request: Request[Any, Any, Any], platform: NamedDependency[Platform], token: FromPath[str]
) -> Redirect:
    """Cancel at the checkout: release the reservation; a new order gets a new key."""
    store: WebStore = request.app.state.store
    draft = _draft(store, token)
    if draft.cert_id:
        return Redirect(f"/c/{draft.cert_id}", status_code=303)
    if draft.order_id is not None:
        placed = platform.order(draft.order_id)
        if placed.status.value == "reserved":
            platform.cancel_order(placed.order_id)
        if platform.order(draft.order_id).status.value != "allocated":
            store.update(draft, order_id=None, attempt=draft.attempt + 1)
    return Redirect(f"/d/{token}/neutralise", status_code=303)


@get("/sandbox/pay/{intent_id:str}", name="sandbox_checkout", sync_to_thread=True)
def sandbox_checkout(platform: NamedDependency[Platform], intent_id: FromPath[str]) -> Template:
    """The sandbox payment page an order placed through the API sends its payer to (the
    intent's ``pay_url``): where a WeChat Pay or Alipay page would stand."""
    try:
        intent = platform.sandbox_intent(intent_id)
    except ValidationFailed:
        raise NotFoundException("no such payment") from None
    return _page("sandbox", intent=intent, done=None)


@post("/sandbox/pay/{intent_id:str}/settle", name="sandbox_settle", sync_to_thread=True)
def sandbox_settle(
    request: Request[Any, Any, Any], platform: NamedDependency[Platform], intent_id: FromPath[str], data: Form
) -> Template | Response[Any]:
    """Pay or cancel; settled once however often it is clicked."""
    store: WebStore = request.app.state.store
    if _slow_down(request, store, "sandbox"):
        return _page("slow", status_code=429)
    try:
        intent = platform.sandbox_intent(intent_id)
    except ValidationFailed:
        raise NotFoundException("no such payment") from None
    settled = platform.sandbox_pay(intent_id, succeed=_values(data).get("action") == ["pay"])
    return _page("sandbox", intent=intent, done=settled)


# --- certificate ------------------------------------------------------------------------------


def _certificate(platform: Platform, cert_id: str) -> Any:
    from ...certificates import CertificateError

    try:
        return platform.certificate(cert_id)
    except CertificateError:
        raise NotFoundException("no such certificate") from None


@get("/c/{cert_id:str}", name="certificate", sync_to_thread=True)
def certificate(
    request: Request[Any, Any, Any], platform: NamedDependency[Platform], cert_id: FromPath[str]
) -> Template:
    """The certificate: statement, status and its meaning, downloads, share card, leaderboard place."""
    cert = _certificate(platform, cert_id)
    store: WebStore = request.app.state.store
    scene = platform.scenes.maybe(cert.claims.scene_id)
    own = participant(request, store)
    board = platform.leaderboard("scene", cert.claims.scene_id, limit=5, participant=own) if scene else None
    mine = own is not None and any(
        c.claims.cert_id == cert.claims.cert_id for c in platform.certificates_of(own)
    )
    return _page(
        "certificate", cert=cert, scene=scene, board=board, mine=mine, base=request.app.state.public_url
    )


CONTENT_TYPES = {"svg": "image/svg+xml", "png": "image/png", "pdf": "application/pdf"}


@get("/c/{cert_id:str}/download/{kind:str}", name="download", sync_to_thread=True)
def download(
    request: Request[Any, Any, Any],
    platform: NamedDependency[Platform],
    cert_id: FromPath[str],
    kind: FromPath[str],
) -> Response[bytes]:
    """The certificate drawn as SVG, PNG or PDF in the page's language."""
    if kind not in CONTENT_TYPES:
        raise NotFoundException("no such format")
    cert = _certificate(platform, cert_id)
    body = platform.render_certificate(cert.claims.cert_id, kind, _lang(request))
    headers = {
        "Content-Disposition": f'attachment; filename="certificate-{cert.claims.cert_id}.{kind}"',
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
        "Cache-Control": "no-cache",
    }
    return Response(body, media_type=CONTENT_TYPES[kind], headers=headers)


@get("/c/{cert_id:str}/card.png", name="share_card", sync_to_thread=True)
def share_card(
    request: Request[Any, Any, Any],
    platform: NamedDependency[Platform],
    cert_id: FromPath[str],
    lang: FromQuery[str | None] = None,
) -> Response[bytes]:
    """The square share card (also the Open Graph image of the certificate page)."""
    cert = _certificate(platform, cert_id)
    chosen = lang if lang in ("en", "zh-CN") else _lang(request)
    body = platform.render_share_card(cert.claims.cert_id, chosen)
    return Response(body, media_type="image/png", headers={"Cache-Control": "public, max-age=300"})


# --- leaderboards -----------------------------------------------------------------------------


def _board(request: Request[Any, Any, Any], platform: Platform, board: str, key: str, title: Any) -> Template:
    store: WebStore = request.app.state.store
    view = platform.leaderboard(board, key, limit=50, participant=participant(request, store))
    # a board per scene type that venues here use: no empty board of the organiser's own
    # questionnaire or of daily life, which no visitor neutralises at a venue
    used = {name for scene in platform.find_scenes(limit=MAX_BOARD_SCENES) for name in scene.scene_types}
    types = sorted((name, t.title) for name, t in platform.host.scene_types.items() if name in used)
    return _page("leaderboard", view=view, kind=board, key=key, title=title, types=types)


@get("/leaderboard", name="leaderboard", sync_to_thread=True)
def leaderboard(request: Request[Any, Any, Any], platform: NamedDependency[Platform]) -> Template:
    """Everyone, everywhere."""
    return _board(request, platform, "overall", "", None)


@get("/leaderboard/scene/{slug:str}", name="scene_leaderboard", sync_to_thread=True)
def scene_leaderboard(
    request: Request[Any, Any, Any], platform: NamedDependency[Platform], slug: FromPath[str]
) -> Template:
    """One scene's board."""
    scene = _scene(platform, slug)
    return _board(request, platform, "scene", scene.id, scene.name)


@get("/leaderboard/type/{name:str}", name="type_leaderboard", sync_to_thread=True)
def type_leaderboard(
    request: Request[Any, Any, Any], platform: NamedDependency[Platform], name: FromPath[str]
) -> Template:
    """One scene type's board (every conference, every hotel...)."""
    if name not in platform.host.scene_types:
        raise NotFoundException("no such scene type")
    return _board(request, platform, "scene_type", name, platform.host.scene_types[name].title)


# --- verify -----------------------------------------------------------------------------------


@get("/verify", name="verify", sync_to_thread=False)
def verify_form() -> Template:
    """Paste a certificate's text or upload a photo of its QR code."""
    return _page("verify", verdict=None, text="", problem="")


@post("/verify", name="verify_post", sync_to_thread=True)
def verify(request: Request[Any, Any, Any], platform: NamedDependency[Platform], data: Upload) -> Template:
    """The verdict: who issued it, what it covers, its status and as of when."""
    lang = _lang(request)
    text = str(data.get("text") or "").strip()[:4000]
    photo = data.get("photo")
    problem = ""
    if not text and isinstance(photo, UploadFile) and photo.filename:
        text, problem = _read_qr(photo, lang)
    if not text and not problem:
        problem = pick(
            lang,
            "Paste the certificate's text or choose a photo of its QR code.",
            "请粘贴证书文本，或选择一张证书二维码的照片。",
        )
    verdict = platform.verify(text) if text else None
    return _page(
        "verify",
        status_code=200 if verdict else 400,
        verdict=verdict,
        text=text,
        problem=problem,
        own_issuer=platform.settings.issuer,
    )


MAX_PHOTO = 8 * 1024 * 1024


def _read_qr(photo: UploadFile, lang: str) -> tuple[str, str]:
    """The text of the QR code in an uploaded photo, or a problem to show."""
    import io

    import zxingcpp
    from PIL import Image, UnidentifiedImageError

    raw = photo.file.read(MAX_PHOTO + 1)
    if len(raw) > MAX_PHOTO:
        return "", pick(lang, "The photo is larger than 8 MB.", "照片大于 8 MB。")
    try:
        with Image.open(io.BytesIO(raw)) as image:
            image.thumbnail((2000, 2000))
            found = zxingcpp.read_barcodes(image.convert("L"))
    except (UnidentifiedImageError, OSError, ValueError):
        return "", pick(lang, "This file is not a photo we can read.", "无法读取此图片文件。")
    texts = [r.text for r in found if r.text]
    if not texts:
        return "", pick(
            lang,
            "No QR code found in the photo; try a sharper, closer one.",
            "照片中未找到二维码；请拍得更近、更清晰一些。",
        )
    return texts[0], ""


# --- life footprint ---------------------------------------------------------------------------


@get("/me", name="me", sync_to_thread=True)
def me(request: Request[Any, Any, Any], platform: NamedDependency[Platform]) -> Template:
    """Every scene and certificate of this phone's participant, month by month."""
    store: WebStore = request.app.state.store
    pid = participant(request, store)
    record = platform.life_record(pid) if pid else None
    certificates = platform.certificates_of(pid) if pid else []
    return _page("me", record=record, certificates=certificates, has_chart=bool(record and record.months))


@get("/me/chart.svg", name="me_chart", sync_to_thread=True)
def me_chart(request: Request[Any, Any, Any], platform: NamedDependency[Platform]) -> Response[bytes]:
    """The life footprint month by month as an SVG bar chart."""
    pid = participant(request, request.app.state.store)
    if pid is None:
        raise NotFoundException("no life record on this phone")
    return charts.svg_response(charts.months_svg(platform.life_record(pid), _lang(request)))


@post("/me/daily", name="daily", sync_to_thread=True)
def daily(request: Request[Any, Any, Any]) -> Redirect:
    """Start the daily-life questionnaire (home energy, commute, diet)."""
    store: WebStore = request.app.state.store
    token = store.new_draft(DAILY, kind="daily", participant_id=participant(request, store))
    return Redirect(f"/d/{token}", status_code=303)


@post("/me/recovery", name="recovery", sync_to_thread=True)
def recovery(request: Request[Any, Any, Any]) -> Template | Redirect:
    """A single-use link that moves this life record to another phone."""
    store: WebStore = request.app.state.store
    pid = participant(request, store)
    if pid is None:
        return Redirect("/me", status_code=303)
    code = store.new_recovery(pid)
    return _page("recovery", link=f"{request.app.state.public_url}/me/recover/{code}")


@get("/me/recover/{code:str}", name="recover_form", sync_to_thread=True)
def recover_form(request: Request[Any, Any, Any], code: FromPath[str]) -> Template:
    """Confirm before moving: opening a link must not change anything by itself. A link that
    is unknown, used or expired says so at once, with nothing to press."""
    if not request.app.state.store.recoverable(code):
        return _page("recover", status_code=404, code=code, failed=True)
    return _page("recover", code=code, failed=False)


@post("/me/recover/{code:str}/use", name="recover", sync_to_thread=True)
def recover(request: Request[Any, Any, Any], code: FromPath[str]) -> Template | Redirect:
    """Tie this phone to the participant of a valid recovery code."""
    store: WebStore = request.app.state.store
    pid = store.redeem(code)
    if pid is None:
        return _page("recover", status_code=400, code=code, failed=True)
    return Redirect("/me", status_code=303, cookies=[_device_cookie(request, store.bind_device(pid))])


ROUTES = [
    home,
    scan,
    door,
    start,
    calculator_page,
    answer,
    result,
    places,
    chart,
    keep,
    neutralise,
    order,
    checkout,
    pay,
    cancel,
    sandbox_checkout,
    sandbox_settle,
    certificate,
    download,
    share_card,
    leaderboard,
    scene_leaderboard,
    type_leaderboard,
    verify_form,
    verify,
    me,
    me_chart,
    daily,
    recovery,
    recover_form,
    recover,
]
