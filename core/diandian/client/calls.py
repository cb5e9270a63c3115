"""Each API operation as a :class:`Call`: method, path, body, whether a retry is safe, and how
to turn the answer into the SDK's model. :class:`~diandian.client.Client` and
:class:`~diandian.client.AsyncClient` send the same calls, one blocking, one awaiting.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any, Generic, TypeVar

import attrs

from ..certificates.model import Certificate
from ..certificates.verify import Verdict
from ..footprint import Footprint
from ..offsets.model import Coverage, Order, Project, Quote
from ..offsets.provider import OrderRecord
from . import endpoints
from .endpoints import Endpoint
from .models import (
    BatchItem,
    BatchRequest,
    BatchResponse,
    CertificateRequest,
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
    converter,
)

T = TypeVar("T")


@attrs.frozen
class Call(Generic[T]):
    """One request to ``endpoint`` (its path parameters filled in). ``safe``: repeating it cannot do anything twice (a read, a pure computation,
    or a write under an idempotency key), so it is retried after a timeout or a 5xx; an unsafe
    call is retried only when it never reached the server. ``decode`` builds the result from
    the JSON answer (or the bytes, with ``raw``)."""

    endpoint: Endpoint
    decode: Callable[[Any], T]
    body: Any = None
    params: Mapping[str, str] | None = None
    headers: Mapping[str, str] = attrs.field(factory=dict)
    safe: bool = True
    raw: bool = False

    @property
    def method(self) -> str:
        return self.endpoint.method

    @property
    def path(self) -> str:
        return self.endpoint.path


def _as(kind: Any) -> Callable[[Any], Any]:
    return lambda data: converter.structure(data, kind)


def _body(value: Any) -> Any:
    return converter.unstructure(value)


# --- catalogue ------------------------------------------------------------------------------------


def scene_types() -> Call[list[SceneTypeInfo]]:
    """Every scene type the server knows."""
    return Call(endpoints.SCENE_TYPES, _as(list[SceneTypeInfo]))


def questionnaire(scene_type: str, *, lang: str = "en") -> Call[dict[str, Any]]:
    """The JSON Schema of a scene type's answers, labels in ``lang``."""
    return Call(endpoints.SCENE_TYPE_QUESTIONNAIRE.at(name=scene_type), dict, params={"lang": lang})


def scenes(
    *,
    text: str | None = None,
    city: str | None = None,
    on: date | None = None,
    limit: int = 20,
    offset: int = 0,
) -> Call[list[Any]]:
    """Public scenes matching every filter given."""
    from ..scenes import Scene

    params = {"limit": str(limit), "offset": str(offset)}
    for name, value in (("text", text), ("city", city), ("on", on.isoformat() if on else None)):
        if value is not None:
            params[name] = value
    return Call(endpoints.SCENES, _as(list[Scene]), params=params)


def scene(reference: str) -> Call[Any]:
    """A stored scene by id or slug."""
    from ..scenes import Scene

    return Call(endpoints.SCENE.at(scene=reference), _as(Scene))


def projects() -> Call[list[Project]]:
    """Projects credits can be bought from."""
    return Call(endpoints.PROJECTS, _as(list[Project]))


# --- footprints -----------------------------------------------------------------------------------


def footprint(
    answers: Mapping[str, Any], *, scene_type: str | None = None, scene: str | None = None, lang: str = "en"
) -> Call[Footprint]:
    """One footprint of ``answers`` for a scene type or a stored scene (id or slug)."""
    request = FootprintRequest(dict(answers), scene_type, scene, lang)
    return Call(endpoints.FOOTPRINTS, _as(Footprint), body=_body(request))


def footprint_batch(
    items: Sequence[Mapping[str, Any]],
    *,
    scene_type: str | None = None,
    scene: str | None = None,
    lang: str = "en",
) -> Call[tuple[BatchItem, ...]]:
    """Up to 1,000 footprints in input order; each item holds its footprint or its error."""
    request = BatchRequest([dict(i) for i in items], scene_type, scene, lang)
    return Call(
        endpoints.FOOTPRINT_BATCH,
        lambda data: converter.structure(data, BatchResponse).results,
        body=_body(request),
    )


# --- offsets --------------------------------------------------------------------------------------


def quote(project_id: str, grams: int | str) -> Call[Quote]:
    """The price of ``grams`` (an int, or ``"38.2kg"``) of a project."""
    return Call(endpoints.QUOTES, _as(Quote), body=_body(QuoteRequest(project_id, grams)))


def place_order(
    project_id: str,
    grams: int | str,
    *,
    idempotency_key: str | None = None,
    beneficiary: str | None = None,
    scene: str | None = None,
    participant_id: str | None = None,
    metadata: Mapping[str, str] | None = None,
) -> Call[OrderPlaced]:
    """Reserve credits and open the payment. Without ``idempotency_key`` a fresh one is made;
    every retry of this call sends the same one, so the order is placed (and charged) once."""
    request = OrderRequest(project_id, grams, beneficiary, scene, participant_id, dict(metadata or {}))
    key = idempotency_key or str(uuid.uuid4())
    return Call(
        endpoints.ORDERS, _as(OrderPlaced), body=_body(request), headers={endpoints.IDEMPOTENCY_HEADER: key}
    )


def order(order_id: str) -> Call[Order]:
    """An order placed with this key's owner."""
    return Call(endpoints.ORDER.at(order_id=order_id), _as(Order))


def order_record(order_id: str) -> Call[OrderRecord]:
    """The order with its project, allocated and retired grams and slice serials."""
    return Call(endpoints.ORDER_RECORD.at(order_id=order_id), _as(OrderRecord))


def order_coverage(order_id: str) -> Call[Coverage]:
    """The order's allocations and the retirements covering them."""
    return Call(endpoints.ORDER_COVERAGE.at(order_id=order_id), _as(Coverage))


def cancel_order(order_id: str) -> Call[Order]:
    """Release an unpaid reservation."""
    return Call(endpoints.CANCEL_ORDER.at(order_id=order_id), _as(Order))


def sandbox_payment(order_id: str, *, succeed: bool = True) -> Call[Order]:
    """The sandbox payer pays (or cancels) an order: tests and demos only."""
    return Call(
        endpoints.SANDBOX_PAYMENT.at(order_id=order_id), _as(Order), body=_body(SandboxPayment(succeed))
    )


# --- certificates and visitors --------------------------------------------------------------------


def issue_certificate(order_id: str, *, participant_id: str | None = None) -> Call[Certificate]:
    """The certificate of a paid order (the same one when asked again)."""
    request = CertificateRequest(order_id, participant_id)
    return Call(endpoints.CERTIFICATES, _as(Certificate), body=_body(request))


def certificate(cert_id: str) -> Call[Certificate]:
    """A certificate and its current status."""
    return Call(endpoints.CERTIFICATE.at(cert_id=cert_id), _as(Certificate))


def verify(qr_text: str) -> Call[Verdict]:
    """The server's verdict on a certificate's QR text."""
    return Call(endpoints.VERIFY, _as(Verdict), body=_body(VerifyRequest(qr_text)))


def public_keys() -> Call[dict[str, Any]]:
    """The issuer's JWKS document."""
    return Call(endpoints.KEYS, dict)


def status_list() -> Call[bytes]:
    """The signed status list (COSE bytes)."""
    return Call(endpoints.STATUS_LIST, bytes, raw=True)


def leaderboard(
    board: str = "overall", key: str = "", *, limit: int = 20, participant: str | None = None
) -> Call[Any]:
    """A page of a leaderboard (``overall``, ``scene``, ``scene_type``)."""

    params = {"key": key, "limit": str(limit)}
    if participant is not None:
        params["participant"] = participant
    return Call(endpoints.LEADERBOARD.at(board=board), _as(LeaderboardPage), params=params)


def new_participant(display_name: str | None = None, *, listed: bool = False) -> Call[str]:
    """A new participant id; ``listed`` opts in to the leaderboards under ``display_name``."""
    request = ParticipantRequest(display_name, listed)
    return Call(
        endpoints.PARTICIPANTS,
        lambda data: converter.structure(data, ParticipantCreated).participant_id,
        body=_body(request),
        # a retry after a lost answer makes a second, unused participant: harmless but not safe
        safe=False,
    )


def life_record(participant_id: str) -> Call[Any]:
    """A participant's life-footprint record, month by month."""
    from ..visitors.life import LifeRecord

    return Call(endpoints.LIFE_RECORD.at(participant_id=participant_id), _as(LifeRecord))
