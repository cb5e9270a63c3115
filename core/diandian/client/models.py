"""The ``/api/v1`` contract: request and response bodies, the error body, and the converter.

The server's handlers and :mod:`diandian.client` share these classes, and the OpenAPI document
is generated from them. Wherever the SDK already has a model (``Footprint``, ``Order``,
``Quote``, ``Project``, ``Certificate``, ``Board``, ``LifeRecord``, ``Scene``), the API sends
exactly that model, field for field, and the client turns the JSON back into it with
:data:`converter`; a footprint computed over HTTP compares equal to the one computed in-process.

Quantities are integer grams CO2e; money is integer minor units of an ISO currency.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import attrs
import cattrs

from ..errors import Problem, shorten
from ..footprint import Footprint
from ..offsets.model import Order
from ..offsets.provider import PaymentIntent
from ..text import Text
from ..visitors.leaderboard import Board, Entry

MAX_BATCH = 1000
"""Most answer sets one ``POST /api/v1/footprints/batch`` takes."""


# --- errors --------------------------------------------------------------------------------------


@attrs.frozen
class ErrorBody:
    """Every error response: a stable ``code`` (``below_minimum``, ``missing_scope``,
    ``reused``, ...), a ``message`` a person can read, the ``field`` it is about (a dotted path
    such as ``answers.legs.1.distance_km``; ``None`` when the whole request is meant) and, for
    refused input, every ``problem`` found."""

    code: str
    message: str = attrs.field(converter=shorten)
    field: str | None = None
    problems: tuple[Problem, ...] = ()


# --- footprints ----------------------------------------------------------------------------------


@attrs.frozen
class FootprintRequest:
    """Answers to footprint. Give ``scene`` (a stored scene's id or slug: its place, factor
    overrides and, for a mixed venue, its combined answers) or ``scene_type`` (no scene: world
    factors unless the answers name a place). ``lang`` (``en`` or ``zh-CN``) is the language of
    error messages and labels."""

    answers: dict[str, Any]
    scene_type: str | None = None
    scene: str | None = None
    lang: str = "en"


@attrs.frozen
class BatchRequest:
    """Up to :data:`MAX_BATCH` answer sets for one scene type or scene, computed in order."""

    items: list[dict[str, Any]]
    scene_type: str | None = None
    scene: str | None = None
    lang: str = "en"


@attrs.frozen
class BatchItem:
    """One result of a batch: ``footprint`` or ``error``, at the ``index`` of its answers."""

    index: int
    footprint: Footprint | None = None
    error: ErrorBody | None = None


@attrs.frozen
class BatchResponse:
    results: tuple[BatchItem, ...]


@attrs.frozen
class SceneTypeInfo:
    """A registered scene type: its name, title (``en``, ``zh-CN``) and questionnaire version."""

    name: str
    title: Text
    questionnaire_version: str
    description: Text | None = None


# --- offsets -------------------------------------------------------------------------------------


@attrs.frozen
class QuoteRequest:
    """``grams`` of a project: an integer, or text with a unit such as ``"38.2kg"`` (rounded up)."""

    project_id: str
    grams: int | str


@attrs.frozen
class OrderRequest:
    """An order; send it with an ``Idempotency-Key`` header (the same key returns the first
    order, a different body under the same key is refused with 409). ``scene`` is a stored
    scene's id or slug; ``participant_id`` ties the certificate to a participant."""

    project_id: str
    grams: int | str
    beneficiary: str | None = None
    scene: str | None = None
    participant_id: str | None = None
    metadata: dict[str, str] = attrs.field(factory=dict)


@attrs.frozen
class OrderPlaced:
    """An order and its payment intent (send the payer to ``payment.pay_url``); ``payment`` is
    ``None`` once nothing is left to pay."""

    order: Order
    payment: PaymentIntent | None = None


@attrs.frozen
class SandboxPayment:
    """The sandbox payer's answer: pay (``succeed``) or cancel."""

    succeed: bool = True


@attrs.frozen
class CallbackAccepted:
    order_id: str
    status: str


# --- certificates and visitors -------------------------------------------------------------------


@attrs.frozen
class CertificateRequest:
    """Issue the certificate of a paid order (the same certificate when asked again)."""

    order_id: str
    participant_id: str | None = None


@attrs.frozen
class VerifyRequest:
    """A certificate's QR text (``DD1:...``), as scanned."""

    qr_text: str


@attrs.frozen
class LeaderboardPage:
    """A page of a leaderboard, best first, and the asking participant's own row when asked
    for (``None``: not on the board)."""

    board: Board
    own: Entry | None = None


@attrs.frozen
class ParticipantRequest:
    """A new participant; ``listed`` opts in to the leaderboards under ``display_name``."""

    display_name: str | None = None
    listed: bool = False


@attrs.frozen
class ParticipantCreated:
    participant_id: str


# --- the converter -------------------------------------------------------------------------------


converter = cattrs.Converter()
"""JSON data <-> the SDK's attrs models, as the API sends them."""
converter.register_unstructure_hook(datetime, datetime.isoformat)
converter.register_structure_hook(datetime, lambda v, _: datetime.fromisoformat(v))
converter.register_unstructure_hook(date, date.isoformat)
converter.register_structure_hook(date, lambda v, _: date.fromisoformat(v))
# free-form values (an activity's ``detail``, a questionnaire's answers) stay as JSON gave them
converter.register_structure_hook_func(lambda t: t is object, lambda v, _: v)
converter.register_structure_hook(int | str, lambda v, _: v)
