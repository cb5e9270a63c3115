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

import hashlib
from collections.abc import Mapping
from datetime import date
from typing import Annotated, Any

from litestar import Request, Response, get, post
from litestar.datastructures import State
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import Parameter

from ... import json_input
from ...apikeys import ApiKey, Scope
from ...certificates.model import Certificate
from ...certificates.verify import Verdict
from ...client.models import (
    MAX_BATCH,
    BatchItem,
    BatchRequest,
    BatchResponse,
    CallbackAccepted,
    CertificateRequest,
    ErrorBody,
    FootprintRequest,
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
from ...platform import LeaderboardView, Platform
from ...scenes import Scene, ad_hoc_scene
from ...text import check_language
from ...visitors.life import LifeRecord
from .errors import RateLimited, error_body

OPERATOR = "operator"
ERRORS = {
    400: "Malformed JSON or a value of the wrong type",
    401: "No API key, an unknown one, or a revoked one",
    403: "The API key lacks the scope",
    404: "No such order, scene or certificate",
    409: "An idempotency key reused for another body, an unpaid order, too few credits",
    422: "Refused input: every problem names its field",
    429: "Over the key's requests per minute: see Retry-After",
    500: "The server failed (logged; no details are shown)",
}
RESPONSES = {code: ResponseSpec(ErrorBody, description=text) for code, text in ERRORS.items()}


class StrictRequest(Request[Any, Any, State]):
    """Request bodies are read by :func:`diandian.json_input.loads`: a document nested too
    deep, a key given twice or a number too long for any quantity is refused naming the field,
    before any handler sees it."""

    async def json(self) -> Any:
        return json_input.loads(await self.body() or b"null", what="request body")
IdempotencyKey = Annotated[
    str, Parameter(header="Idempotency-Key", min_length=1, max_length=128, description="one per purchase")
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


def _owned(key: ApiKey, order: Order) -> Order:
    """The order if ``key`` placed it (the operator sees every order); else unknown."""
    if key.owner != OPERATOR and order.metadata.get("api_owner") != key.owner:
        raise ValidationFailed.single("order_id", "unknown", f"no order {order.order_id!r}", what="request")
    return order


# --- catalogue --------------------------------------------------------------------------------


@get("/scene-types", responses=RESPONSES, sync_to_thread=False)
def scene_types(platform: Platform) -> list[SceneTypeInfo]:
    """Every registered scene type (conference, hotel, ...) with its questionnaire's version."""
    return [
        SceneTypeInfo(
            t.name, dict(t.title), t.questionnaire.version, dict(t.description) if t.description else None
        )
        for t in platform.host.scene_types.values()
    ]


@get("/scene-types/{name:str}/questionnaire", responses=RESPONSES, sync_to_thread=False)
def scene_type_questionnaire(platform: Platform, name: str, lang: str = "en") -> dict[str, Any]:
    """The JSON Schema (2020-12) of a scene type's answers, labels in ``lang``."""
    return platform.host.scene_type(name).questionnaire.json_schema(lang=check_language(lang))


@get("/scenes", responses=RESPONSES, sync_to_thread=True)
def scenes(
    platform: Platform,
    text: str | None = None,
    city: str | None = None,
    on: date | None = None,
    limit: Annotated[int, Parameter(ge=1, le=100)] = 20,
    offset: Annotated[int, Parameter(ge=0, le=1_000_000)] = 0,
) -> list[Scene]:
    """Public scenes matching every filter given: ``text`` in a name, ``city``, open ``on`` a date."""
    return platform.find_scenes(text=text, city=city, on=on, limit=limit, offset=offset)


@get("/scenes/{scene:str}", responses=RESPONSES, sync_to_thread=True)
def scene(platform: Platform, scene: str) -> Scene:
    """A stored scene by id or slug."""
    return platform.scene(scene)


@get("/scenes/{scene:str}/questionnaire", responses=RESPONSES, sync_to_thread=True)
def scene_questionnaire(platform: Platform, scene: str, lang: str = "en") -> dict[str, Any]:
    """The JSON Schema of a scene's answers (a mixed venue's combined form), labels in ``lang``."""
    return platform.questionnaire(scene).json_schema(check_language(lang))


@get("/projects", responses=RESPONSES, sync_to_thread=True)
def projects(platform: Platform) -> list[Project]:
    """Projects credits can be bought from, with their price per tonne in minor units."""
    return platform.projects()


# --- footprints -------------------------------------------------------------------------------


@post("/footprints", responses=RESPONSES, sync_to_thread=True, status_code=200)
def footprint(platform: Platform, request: Request[Any, Any, State], data: FootprintRequest) -> Footprint:
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


@post("/footprints/batch", responses=RESPONSES, sync_to_thread=True, status_code=200)
def footprint_batch(
    platform: Platform, request: Request[Any, Any, State], data: BatchRequest
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


@post("/quotes", responses=RESPONSES, sync_to_thread=True, status_code=200)
def quote(platform: Platform, request: Request[Any, Any, State], data: QuoteRequest) -> Quote:
    """The price of ``grams`` of a project, valid for a short window. Scope ``orders``."""
    admit(platform, request, Scope.ORDERS)
    return platform.quote(data.project_id, data.grams)


def _stored_key(key: ApiKey, idempotency_key: str) -> str:
    # each owner has its own space of idempotency keys: two venues may both send "order-1"
    owner = hashlib.sha256(key.owner.encode()).hexdigest()[:16]
    return f"api:{owner}:{idempotency_key}"


@post("/orders", responses=RESPONSES, sync_to_thread=True, status_code=201)
def place_order(
    platform: Platform, request: Request[Any, Any, State], data: OrderRequest, idempotency_key: IdempotencyKey
) -> OrderPlaced:
    """Reserve credits and open the payment: send the payer to ``payment.pay_url``. The same
    ``Idempotency-Key`` returns the first order; another body under it is refused (409
    ``reused``). Scope ``orders``."""
    key = admit(platform, request, Scope.ORDERS)
    metadata = {**data.metadata, "api_owner": key.owner}
    order = platform.place_order(
        platform.quote(data.project_id, data.grams),
        idempotency_key=_stored_key(key, idempotency_key),
        beneficiary=data.beneficiary,
        participant_id=data.participant_id,
        scene=data.scene,
        metadata=metadata,
    )
    payment = None
    if order.status is OrderStatus.RESERVED or order.payment_intent_id is not None:
        payment = platform.start_payment(order.order_id)
    return OrderPlaced(platform.order(order.order_id), payment)


@get("/orders/{order_id:str}", responses=RESPONSES, sync_to_thread=True)
def order(platform: Platform, request: Request[Any, Any, State], order_id: str) -> Order:
    """An order placed with this key's owner (the operator sees all). Scope ``orders``."""
    key = admit(platform, request, Scope.ORDERS)
    return _owned(key, platform.order(order_id))


@get("/orders/{order_id:str}/record", responses=RESPONSES, sync_to_thread=True)
def order_record(platform: Platform, request: Request[Any, Any, State], order_id: str) -> OrderRecord:
    """The order with its project, allocated and retired grams and the serials of its slices."""
    key = admit(platform, request, Scope.ORDERS)
    _owned(key, platform.order(order_id))
    return platform.order_record(order_id)


@get("/orders/{order_id:str}/coverage", responses=RESPONSES, sync_to_thread=True)
def order_coverage(platform: Platform, request: Request[Any, Any, State], order_id: str) -> Coverage:
    """The order's allocated slices and the registry retirements covering them."""
    key = admit(platform, request, Scope.ORDERS)
    _owned(key, platform.order(order_id))
    return platform.offsets.status(order_id)


@post("/orders/{order_id:str}/cancel", responses=RESPONSES, sync_to_thread=True, status_code=200)
def cancel_order(platform: Platform, request: Request[Any, Any, State], order_id: str) -> Order:
    """Release an unpaid reservation (a paid order stays as it is: 422 ``paid``)."""
    key = admit(platform, request, Scope.ORDERS)
    _owned(key, platform.order(order_id))
    return platform.cancel_order(order_id)


@post("/orders/{order_id:str}/sandbox-payment", responses=RESPONSES, sync_to_thread=True, status_code=200)
def sandbox_payment(
    platform: Platform, request: Request[Any, Any, State], order_id: str, data: SandboxPayment
) -> Order:
    """The sandbox payer pays (or cancels) an order, for tests and demos; 422 ``not_sandbox``
    when the server takes real payments. Scope ``orders``."""
    key = admit(platform, request, Scope.ORDERS)
    found = _owned(key, platform.order(order_id))
    if platform.settings.payment_provider != "sandbox":
        raise ValidationFailed.single(
            "payment", "not_sandbox", "this server takes real payments", what="request"
        )
    intent = platform.start_payment(found.order_id)
    return platform.sandbox_pay(intent.intent_id, succeed=data.succeed)


@post("/payments/{provider:str}/callback", responses=RESPONSES, sync_to_thread=True, status_code=200)
def payment_callback(
    platform: Platform, provider: str, body: bytes, headers: Mapping[str, str]
) -> CallbackAccepted:
    """A payment processor's signed callback (no API key: the signature is checked)."""
    done = platform.payment_callback(body, dict(headers), provider)
    return CallbackAccepted(done.order_id, str(done.status))


# --- certificates, keys, status ---------------------------------------------------------------


@post("/certificates", responses=RESPONSES, sync_to_thread=True, status_code=201)
def issue_certificate(
    platform: Platform, request: Request[Any, Any, State], data: CertificateRequest
) -> Certificate:
    """The signed certificate of a paid order (the same one when asked again); 409 ``not_paid``
    before payment. Scope ``certificates``."""
    key = admit(platform, request, Scope.CERTIFICATES)
    _owned(key, platform.order(data.order_id))
    return platform.issue_certificate(data.order_id, participant_id=data.participant_id)


@get("/certificates/{cert_id:str}", responses=RESPONSES, sync_to_thread=True)
def certificate(platform: Platform, cert_id: str) -> Certificate:
    """A certificate and its current status (public: anyone holding its id may look)."""
    return platform.certificate(cert_id)


@post("/certificates/verify", responses=RESPONSES, sync_to_thread=True, status_code=200)
def verify(platform: Platform, data: VerifyRequest) -> Verdict:
    """Check a certificate's QR text: genuine, unaltered and in force by the current status list."""
    return platform.verify(data.qr_text)


@get("/keys", responses=RESPONSES, sync_to_thread=True)
def public_keys(platform: Platform) -> dict[str, Any]:
    """The issuer's public signing keys as a JWKS document (Ed25519, ``kty`` OKP)."""
    return platform.public_keys()


@get("/status-list", responses=RESPONSES, sync_to_thread=True, media_type="application/cose")
def status_list(platform: Platform) -> Response[bytes]:
    """The signed status list (COSE_Sign1 over CBOR) of every certificate's status."""
    return Response(platform.signed_status_list(), media_type="application/cose")


# --- visitors ---------------------------------------------------------------------------------


@get("/leaderboards/{board:str}", responses=RESPONSES, sync_to_thread=True)
def leaderboard(
    platform: Platform,
    board: str,
    key: str = "",
    limit: Annotated[int, Parameter(ge=1, le=100)] = 20,
    offset: Annotated[int, Parameter(ge=0, le=1_000_000)] = 0,
    participant: str | None = None,
) -> LeaderboardView:
    """A page of a board (``overall``; ``scene`` with ``key`` a scene; ``scene_type`` with ``key``
    its name), best first; ``participant`` adds their own row."""
    return platform.leaderboard(board, key, limit=limit, offset=offset, participant=participant)


@post("/participants", responses=RESPONSES, sync_to_thread=True, status_code=201)
def new_participant(
    platform: Platform, request: Request[Any, Any, State], data: ParticipantRequest
) -> ParticipantCreated:
    """A participant id for orders, certificates and the life record. Scope ``certificates``."""
    admit(platform, request, Scope.CERTIFICATES)
    return ParticipantCreated(platform.new_participant(data.display_name, listed=data.listed))


@get("/participants/{participant_id:str}/life", responses=RESPONSES, sync_to_thread=True)
def life_record(platform: Platform, request: Request[Any, Any, State], participant_id: str) -> LifeRecord:
    """A participant's life-footprint record, month by month. Scope ``certificates``."""
    admit(platform, request, Scope.CERTIFICATES)
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
