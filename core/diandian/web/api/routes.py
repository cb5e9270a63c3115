"""The route handlers of ``/api/v1``: parse, check the key, one platform call, answer.

Handlers hold no business logic: each one reads its request (an attrs model from
:mod:`diandian.client.models`), admits the API key for its scope (one database transaction that
also counts the request against the key's rate limit), calls the :class:`~diandian.platform.Platform`
and returns the SDK's own model. Errors are raised, never built here: :mod:`.errors` turns every
exception into the error body.

Handlers are synchronous and run in Litestar's thread pool: the platform's calls block on the
database.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from litestar import Request, Response, route
from litestar.datastructures import State
from litestar.di import NamedDependency
from litestar.handlers import HTTPRouteHandler
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, FromQuery, HeaderParameter, JSONBody, QueryParameter, RawBody

from ... import json_input
from ...apikeys import ApiKey, Scope
from ...certificates.model import Certificate
from ...certificates.verify import Verdict
from ...client import endpoints
from ...client.endpoints import IDEMPOTENCY_HEADER, Endpoint
from ...client.models import (
    MAX_BATCH,
    BatchItem,
    BatchRequest,
    BatchResponse,
    CallbackAccepted,
    CertificateRequest,
    ErrorBody,
    FootprintRequest,
    LeaderboardPage,
    OrderPlaced,
    OrderRequest,
    ParticipantCreated,
    ParticipantRequest,
    QuoteRequest,
    SandboxPayment,
    SceneTypeInfo,
    VerifyRequest,
)
from ...errors import DiandianError, ValidationFailed
from ...footprint import Footprint
from ...offsets.model import Coverage, Order, OrderStatus, Project, Quote
from ...offsets.provider import OrderRecord
from ...platform import Platform
from ...scenes import Scene, ad_hoc_scene
from ...text import check_language
from ...tokens import digest
from ...visitors.life import LifeRecord
from .errors import RateLimited, error_body
from .ownership import own_order, own_participant, own_scene

ERRORS = {
    400: "Malformed JSON or a value of the wrong type",
    401: "No API key, an unknown one, or a revoked one",
    403: "The API key lacks the scope, or the scene is another organiser's",
    404: "No such order, scene, participant or certificate (another owner's is none)",
    409: "An idempotency key reused for another body, an unpaid order, too few credits",
    422: "Refused input: every problem names its field",
    429: "Over the key's requests per minute: see Retry-After",
    500: "The server failed (logged; no details are shown)",
}
RESPONSES = {code: ResponseSpec(ErrorBody, description=text) for code, text in ERRORS.items()}
KEYED: list[dict[str, list[str]]] = [{"apiKey": []}]


def route_of(endpoint: Endpoint, **options: Any) -> HTTPRouteHandler:
    """The handler decorator for ``endpoint``: its method and path, and the error answers."""
    return route(endpoint.path, http_method=endpoint.method, responses=RESPONSES, **options)


class StrictRequest(Request[Any, Any, State]):
    """Request bodies are read by :func:`diandian.json_input.loads`: a document nested too
    deep, a key given twice or a number too long for any quantity is refused naming the field,
    before any handler sees it."""

    async def json(self) -> Any:
        return json_input.loads(await self.body() or b"null", what="request body")


IdempotencyKey = Annotated[
    str,
    HeaderParameter(name=IDEMPOTENCY_HEADER, min_length=1, max_length=128, description="one per purchase"),
]


def admit(platform: Platform, request: Request[Any, Any, State], scope: Scope) -> ApiKey:
    """The request's API key (``Authorization: Bearer dd_...`` or ``X-API-Key``), checked for
    ``scope`` and counted against its rate limit; :class:`RateLimited` past the limit."""
    header = request.headers.get("authorization", "")
    token = header[7:].strip() if header[:7].lower() == "bearer " else request.headers.get("x-api-key")
    key, decision = platform.api_keys.admit(token, scope)
    if not decision.allowed:
        raise RateLimited(decision.limit, decision.retry_after)
    return key


def _scene(platform: Platform, scene: str | None, scene_type: str | None) -> Scene:
    if scene is not None:
        return platform.scene(scene)
    if scene_type is None:
        raise ValidationFailed.single("scene_type", "required", "give scene_type or scene", what="request")
    platform.host.scene_type(scene_type)  # an unknown name is refused naming scene_type
    return ad_hoc_scene(scene_type)


# --- catalogue --------------------------------------------------------------------------------


@route_of(endpoints.SCENE_TYPES, sync_to_thread=False)
def scene_types(platform: NamedDependency[Platform]) -> list[SceneTypeInfo]:
    """Every registered scene type (conference, hotel, ...) with its questionnaire's version."""
    return [
        SceneTypeInfo(
            t.name, dict(t.title), t.questionnaire.version, dict(t.description) if t.description else None
        )
        for t in platform.host.scene_types.values()
    ]


@route_of(endpoints.SCENE_TYPE_QUESTIONNAIRE, sync_to_thread=False)
def scene_type_questionnaire(
    platform: NamedDependency[Platform], name: FromPath[str], lang: FromQuery[str] = "en"
) -> dict[str, Any]:
    """The JSON Schema (2020-12) of a scene type's answers, labels in ``lang``."""
    return platform.host.scene_type(name).questionnaire.json_schema(lang=check_language(lang))


@route_of(endpoints.SCENES, sync_to_thread=True)
def scenes(
    platform: NamedDependency[Platform],
    text: FromQuery[str | None] = None,
    city: FromQuery[str | None] = None,
    on: FromQuery[date | None] = None,
    limit: Annotated[int, QueryParameter(ge=1, le=100)] = 20,
    offset: Annotated[int, QueryParameter(ge=0, le=1_000_000)] = 0,
) -> list[Scene]:
    """Public scenes matching every filter given: ``text`` in a name, ``city``, open ``on`` a date."""
    return platform.find_scenes(text=text, city=city, on=on, limit=limit, offset=offset)


@route_of(endpoints.SCENE, sync_to_thread=True)
def scene(platform: NamedDependency[Platform], scene: FromPath[str]) -> Scene:
    """A stored scene by id or slug."""
    return platform.scene(scene)


@route_of(endpoints.SCENE_QUESTIONNAIRE, sync_to_thread=True)
def scene_questionnaire(
    platform: NamedDependency[Platform], scene: FromPath[str], lang: FromQuery[str] = "en"
) -> dict[str, Any]:
    """The JSON Schema of a scene's answers (a mixed venue's combined form), labels in ``lang``."""
    return platform.questionnaire(scene).json_schema(check_language(lang))


@route_of(endpoints.PROJECTS, sync_to_thread=True)
def projects(platform: NamedDependency[Platform]) -> list[Project]:
    """Projects credits can be bought from, with their price per tonne in minor units."""
    return platform.projects()


# --- footprints -------------------------------------------------------------------------------


@route_of(endpoints.FOOTPRINTS, security=KEYED, sync_to_thread=True, status_code=200)
def footprint(
    platform: NamedDependency[Platform], request: Request[Any, Any, State], data: JSONBody[FootprintRequest]
) -> Footprint:
    """One footprint: integer grams CO2e, line items with their factors and sources. Scope
    ``footprints``; 422 naming each bad answer (``answers.<question>``)."""
    admit(platform, request, Scope.FOOTPRINTS)
    try:
        return platform.footprint(_scene(platform, data.scene, data.scene_type), data.answers, data.lang)
    except ValidationFailed as exc:
        raise _under("answers", exc) from None


def _under(prefix: str, exc: ValidationFailed) -> ValidationFailed:
    """Problems with answers, named where they are in the request body (``answers.nights``)."""
    from ...errors import Problem

    request_fields = ("lang", "scene", "scene_type")
    problems = [
        p
        if p.path in request_fields
        else Problem(f"{prefix}.{p.path}" if p.path else prefix, p.code, p.message, p.severity)
        for p in exc.problems
    ]
    return ValidationFailed(problems, what=exc.what)


@route_of(endpoints.FOOTPRINT_BATCH, security=KEYED, sync_to_thread=True, status_code=200)
def footprint_batch(
    platform: NamedDependency[Platform], request: Request[Any, Any, State], data: JSONBody[BatchRequest]
) -> BatchResponse:
    """Up to 1,000 footprints in input order; a failed item carries its own error in place of
    its footprint, naming ``items.<index>.<question>``. Scope ``footprints``."""
    admit(platform, request, Scope.FOOTPRINTS)
    if len(data.items) > MAX_BATCH:
        raise ValidationFailed.single(
            "items", "too_many", f"at most {MAX_BATCH} items per batch", what="request"
        )
    where = _scene(platform, data.scene, data.scene_type)
    results: list[BatchItem] = []
    for index, answers in enumerate(data.items):
        try:
            results.append(BatchItem(index, footprint=platform.footprint(where, answers, data.lang)))
        except ValidationFailed as exc:
            results.append(BatchItem(index, error=error_body(_under(f"items.{index}", exc))[1]))
        except DiandianError as exc:
            results.append(BatchItem(index, error=error_body(exc)[1]))
    return BatchResponse(tuple(results))


# --- offsets ----------------------------------------------------------------------------------


@route_of(endpoints.QUOTES, security=KEYED, sync_to_thread=True, status_code=200)
def quote(
    platform: NamedDependency[Platform], request: Request[Any, Any, State], data: JSONBody[QuoteRequest]
) -> Quote:
    """The price of ``grams`` of a project, valid for a short window. Scope ``orders``."""
    admit(platform, request, Scope.ORDERS)
    return platform.quote(data.project_id, data.grams)


def _stored_key(key: ApiKey, idempotency_key: str) -> str:
    # each owner has its own space of idempotency keys: two venues may both send "order-1"
    owner = digest(key.owner)[:16]
    return f"api:{owner}:{idempotency_key}"


@route_of(endpoints.ORDERS, security=KEYED, sync_to_thread=True, status_code=201)
def place_order(
    platform: NamedDependency[Platform],
    request: Request[Any, Any, State],
    data: JSONBody[OrderRequest],
    idempotency_key: IdempotencyKey,
) -> OrderPlaced:
    """Reserve credits and open the payment: send the payer to ``payment.pay_url``. The same
    ``Idempotency-Key`` returns the first order; another body under it is refused (409
    ``reused``). Scope ``orders``."""
    key = admit(platform, request, Scope.ORDERS)
    scene = own_scene(platform, key, data.scene)
    own_participant(platform, key, data.participant_id)
    metadata = {**data.metadata, "api_owner": key.owner}
    order = platform.place_order(
        platform.quote(data.project_id, data.grams),
        idempotency_key=_stored_key(key, idempotency_key),
        beneficiary=data.beneficiary,
        participant_id=data.participant_id,
        scene=scene,
        metadata=metadata,
    )
    payment = None
    if order.status is OrderStatus.RESERVED or order.payment_intent_id is not None:
        payment = platform.start_payment(order.order_id)
    return OrderPlaced(platform.order(order.order_id), payment)


@route_of(endpoints.ORDER, security=KEYED, sync_to_thread=True)
def order(
    platform: NamedDependency[Platform], request: Request[Any, Any, State], order_id: FromPath[str]
) -> Order:
    """An order placed with this key's owner (the operator sees all). Scope ``orders``."""
    return own_order(platform, admit(platform, request, Scope.ORDERS), order_id)


@route_of(endpoints.ORDER_RECORD, security=KEYED, sync_to_thread=True)
def order_record(
    platform: NamedDependency[Platform], request: Request[Any, Any, State], order_id: FromPath[str]
) -> OrderRecord:
    """The order with its project, allocated and retired grams and the serials of its slices."""
    own_order(platform, admit(platform, request, Scope.ORDERS), order_id)
    return platform.order_record(order_id)


@route_of(endpoints.ORDER_COVERAGE, security=KEYED, sync_to_thread=True)
def order_coverage(
    platform: NamedDependency[Platform], request: Request[Any, Any, State], order_id: FromPath[str]
) -> Coverage:
    """The order's allocated slices and the registry retirements covering them."""
    own_order(platform, admit(platform, request, Scope.ORDERS), order_id)
    return platform.coverage(order_id)


@route_of(endpoints.CANCEL_ORDER, security=KEYED, sync_to_thread=True, status_code=200)
def cancel_order(
    platform: NamedDependency[Platform], request: Request[Any, Any, State], order_id: FromPath[str]
) -> Order:
    """Release an unpaid reservation (a paid order stays as it is: 422 ``paid``)."""
    own_order(platform, admit(platform, request, Scope.ORDERS), order_id)
    return platform.cancel_order(order_id)


@route_of(endpoints.SANDBOX_PAYMENT, security=KEYED, sync_to_thread=True, status_code=200)
def sandbox_payment(
    platform: NamedDependency[Platform],
    request: Request[Any, Any, State],
    order_id: FromPath[str],
    data: JSONBody[SandboxPayment],
) -> Order:
    """The sandbox payer pays (or cancels) an order, for tests and demos; 422 ``not_sandbox``
    when the server takes real payments. Scope ``orders``."""
    found = own_order(platform, admit(platform, request, Scope.ORDERS), order_id)
    if platform.settings.payment_provider != "sandbox":
        raise ValidationFailed.single(
            "payment", "not_sandbox", "this server takes real payments", what="request"
        )
    intent = platform.start_payment(found.order_id)
    return platform.sandbox_pay(intent.intent_id, succeed=data.succeed)


@route_of(endpoints.PAYMENT_CALLBACK, sync_to_thread=True, status_code=200)
def payment_callback(
    platform: NamedDependency[Platform],
    request: Request[Any, Any, State],
    provider: FromPath[str],
    body: RawBody,
) -> CallbackAccepted:
    """A payment processor's signed callback (no API key: the signature is checked)."""
    done = platform.payment_callback(body, dict(request.headers), provider)
    return CallbackAccepted(done.order_id, str(done.status))


# --- certificates, keys, status ---------------------------------------------------------------


@route_of(endpoints.CERTIFICATES, security=KEYED, sync_to_thread=True, status_code=201)
def issue_certificate(
    platform: NamedDependency[Platform], request: Request[Any, Any, State], data: JSONBody[CertificateRequest]
) -> Certificate:
    """The signed certificate of a paid order (the same one when asked again); 409 ``not_paid``
    before payment. Scope ``certificates``."""
    key = admit(platform, request, Scope.CERTIFICATES)
    own_order(platform, key, data.order_id)
    own_participant(platform, key, data.participant_id)
    return platform.issue_certificate(data.order_id, participant_id=data.participant_id)


@route_of(endpoints.CERTIFICATE, sync_to_thread=True)
def certificate(platform: NamedDependency[Platform], cert_id: FromPath[str]) -> Certificate:
    """A certificate and its current status (public: anyone holding its id may look)."""
    return platform.certificate(cert_id)


@route_of(endpoints.VERIFY, sync_to_thread=True, status_code=200)
def verify(platform: NamedDependency[Platform], data: JSONBody[VerifyRequest]) -> Verdict:
    """Check a certificate's QR text: genuine, unaltered and in force by the current status list."""
    return platform.verify(data.qr_text)


@route_of(endpoints.KEYS, sync_to_thread=True)
def public_keys(platform: NamedDependency[Platform]) -> dict[str, Any]:
    """The issuer's public signing keys as a JWKS document (Ed25519, ``kty`` OKP)."""
    return platform.public_keys()


@route_of(endpoints.STATUS_LIST, sync_to_thread=True, media_type="application/cose")
def status_list(platform: NamedDependency[Platform]) -> Response[bytes]:
    """The signed status list (COSE_Sign1 over CBOR) of every certificate's status."""
    return Response(platform.signed_status_list(), media_type="application/cose")


# --- visitors ---------------------------------------------------------------------------------


@route_of(endpoints.LEADERBOARD, sync_to_thread=True)
def leaderboard(
    platform: NamedDependency[Platform],
    board: FromPath[str],
    key: FromQuery[str] = "",
    limit: Annotated[int, QueryParameter(ge=1, le=100)] = 20,
    offset: Annotated[int, QueryParameter(ge=0, le=1_000_000)] = 0,
    participant: FromQuery[str | None] = None,
) -> LeaderboardPage:
    """A page of a board (``overall``; ``scene`` with ``key`` a scene; ``scene_type`` with ``key``
    its name), best first; ``participant`` adds their own row."""
    view = platform.leaderboard(board, key, limit=limit, offset=offset, participant=participant)
    return LeaderboardPage(view.board, view.own)


@route_of(endpoints.PARTICIPANTS, security=KEYED, sync_to_thread=True, status_code=201)
def new_participant(
    platform: NamedDependency[Platform], request: Request[Any, Any, State], data: JSONBody[ParticipantRequest]
) -> ParticipantCreated:
    """A participant id for orders, certificates and the life record, usable by this key's
    owner only. Scope ``certificates``."""
    key = admit(platform, request, Scope.CERTIFICATES)
    participant_id = platform.new_participant(data.display_name, listed=data.listed)
    platform.api_keys.adopt(key.owner, participant_id)
    return ParticipantCreated(participant_id)


@route_of(endpoints.LIFE_RECORD, security=KEYED, sync_to_thread=True)
def life_record(
    platform: NamedDependency[Platform], request: Request[Any, Any, State], participant_id: FromPath[str]
) -> LifeRecord:
    """A participant's life-footprint record, month by month, for the owner whose key created
    the participant (the operator sees all). Scope ``certificates``."""
    own_participant(platform, admit(platform, request, Scope.CERTIFICATES), participant_id)
    return platform.life_record(participant_id)


HANDLERS = [
    scene_types,
    scene_type_questionnaire,
    scenes,
    scene,
    scene_questionnaire,
    projects,
    footprint,
    footprint_batch,
    quote,
    place_order,
    order,
    order_record,
    order_coverage,
    cancel_order,
    sandbox_payment,
    payment_callback,
    issue_certificate,
    certificate,
    verify,
    public_keys,
    status_list,
    leaderboard,
    new_participant,
    life_record,
]
