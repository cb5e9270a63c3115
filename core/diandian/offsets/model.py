"""The values of the offsets ledger: projects, credit batches, quotes, orders, allocations,
retirements, claims and settlements.

Every value is an attrs frozen class: they cross hooks (``diandian_order_paid(order)``) and
process boundaries. Quantities are integer **grams CO2e**, money is integer **minor units** of an
ISO currency (CNY fen by default); there is no float anywhere. ``to_json`` / :data:`converter`
turn any of them into plain JSON data.

Gram space: a batch of ``n`` whole-tonne units owns the grams ``[0, n * 1_000_000)``; gram ``g``
lies in unit ``serial.first + g // 1_000_000``. An :class:`Allocation` is a half-open interval
``[g_start, g_end)`` of that space.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import attrs
import cattrs

from .serials import GRAMS_PER_UNIT, SerialBlock


class OrderStatus(enum.StrEnum):
    """reserved -> paid -> allocated, or reserved -> expired | cancelled | failed;
    a payment that cannot be allocated (late, inventory gone) ends refunded."""

    RESERVED = "reserved"
    PAID = "paid"
    ALLOCATED = "allocated"
    EXPIRED = "expired"
    CANCELLED = "cancelled"
    FAILED = "failed"
    REFUNDED = "refunded"


class SliceState(enum.StrEnum):
    RESERVED = "reserved"
    ALLOCATED = "allocated"
    RELEASED = "released"


class ProjectKind(enum.StrEnum):
    REDUCTION = "reduction"
    REMOVAL = "removal"


class BatchStatus(enum.StrEnum):
    ACTIVE = "active"
    QUARANTINED = "quarantined"


class ClaimPolicy(enum.StrEnum):
    """Whether visitor slices of an event count inside the organiser's event claim."""

    INSIDE = "inside"
    OUTSIDE = "outside"


class Role(enum.StrEnum):
    VISITOR = "visitor"
    ORGANISER = "organiser"


@attrs.frozen
class Program:
    """A crediting programme (CDCER / 碳惠天府, CCER, VCS, Gold Standard, ...)."""

    code: str
    name_en: str
    name_zh: str
    registry_url: str = ""


@attrs.frozen
class Project:
    """An emission-reduction or removal project whose owner receives the credit money."""

    project_id: str
    program: str
    registry_project_id: str
    name_en: str
    name_zh: str
    methodology: str
    country: str
    region: str
    city: str
    kind: ProjectKind
    owner: str
    price_per_tonne_minor: int
    currency: str
    description_en: str = ""
    description_zh: str = ""
    demo: bool = False


@attrs.frozen
class CreditBatch:
    """Whole-tonne credits held for a project, with the gram balances of the ledger."""

    batch_id: str
    project_id: str
    serial: SerialBlock
    vintage_start: date
    vintage_end: date
    acquired_from: str
    evidence_sha256: str
    status: BatchStatus = BatchStatus.ACTIVE
    free_g: int = 0
    reserved_g: int = 0
    allocated_g: int = 0
    retired_g: int = 0

    @property
    def issued_g(self) -> int:
        return self.serial.units * GRAMS_PER_UNIT


@attrs.frozen
class Price:
    """``credit_minor`` goes to the project owner, ``fee_minor`` (fees and any top-up to the
    minimum charge) to the platform; ``total_minor`` is what the payer is charged."""

    credit_minor: int
    fee_minor: int
    currency: str

    @property
    def total_minor(self) -> int:
        return self.credit_minor + self.fee_minor


@attrs.frozen
class Quote:
    project_id: str
    grams: int
    price: Price
    valid_until: datetime
    quote_id: str


@attrs.frozen
class Order:
    order_id: str
    idempotency_key: str
    project_id: str
    grams: int
    price: Price
    status: OrderStatus
    created_at: datetime
    reserved_until: datetime
    role: Role = Role.VISITOR
    scene_id: str | None = None
    beneficiary: str | None = None
    metadata: Mapping[str, str] = attrs.field(factory=dict, hash=False)
    quote_id: str | None = None
    payment_provider: str | None = None
    payment_intent_id: str | None = None
    paid_at: datetime | None = None
    refund_id: str | None = None


@attrs.frozen
class Allocation:
    """A slice ``[g_start, g_end)`` of a batch's gram space held by an order."""

    allocation_id: str
    order_id: str
    batch_id: str
    g_start: int
    g_end: int
    state: SliceState

    @property
    def grams(self) -> int:
        return self.g_end - self.g_start

    def fractional_serial(self, serial: SerialBlock) -> str:
        """The slice as a fractional serial (see :meth:`.SerialBlock.fractional`)."""
        return serial.fractional([(self.g_start, self.g_end)])


@attrs.frozen
class Cover:
    """The grams ``[g_start, g_end)`` of an allocation that a retirement covers."""

    allocation_id: str
    g_start: int
    g_end: int

    @property
    def grams(self) -> int:
        return self.g_end - self.g_start


@attrs.frozen
class RegistryConfirmation:
    """What a registry confirmed of a retirement an operator did there by hand, as typed: the
    batch, the serial block retired (as the registry writes it, e.g.
    ``CDCER-CN51-AF0012-2021-000001-000002``), the registry's reference and the date, with the
    beneficiary and reason recorded there."""

    batch_id: str
    serials: str
    registry_reference: str
    retired_on: date
    beneficiary: str
    reason: str


@attrs.frozen
class Retirement:
    """A registry retirement of whole units; immutable once recorded."""

    retirement_id: str
    batch_id: str
    registry_retirement_id: str
    unit_first: int
    unit_last: int
    serial_range: str
    beneficiary: str
    reason: str
    retired_on: date
    evidence: str
    covers: tuple[Cover, ...] = ()

    @property
    def units(self) -> int:
        return self.unit_last - self.unit_first + 1


@attrs.frozen
class Coverage:
    """How much of an order is allocated and retired; what a certificate needs to know."""

    order_id: str
    grams: int
    allocated_g: int
    retired_g: int
    allocations: tuple[Allocation, ...]
    retirements: tuple[Retirement, ...]

    @property
    def fully_retired(self) -> bool:
        return self.grams > 0 and self.retired_g == self.grams


@attrs.frozen
class EventClaim:
    """An organiser's event-level claim, and whether visitor slices count inside it."""

    scene_id: str
    organiser: str
    footprint_g: int
    policy: ClaimPolicy
    decided_at: datetime


@attrs.frozen
class ClaimReport:
    claim: EventClaim
    organiser_g: int
    visitor_inside_g: int
    visitor_outside_g: int

    @property
    def covered_g(self) -> int:
        return self.organiser_g + self.visitor_inside_g

    @property
    def residual_g(self) -> int:
        return max(0, self.claim.footprint_g - self.covered_g)


@attrs.frozen
class Remainder:
    """Allocated grams of a batch still waiting for a whole-tonne retirement."""

    batch_id: str
    grams: int
    oldest_paid_at: datetime
    overdue: bool


@attrs.frozen
class SettlementLine:
    project_id: str
    orders: int
    grams: int
    credit_minor: int
    fee_minor: int


@attrs.frozen
class Settlement:
    """Money owed to one project owner for the orders paid in ``[period_start, period_end)``."""

    settlement_id: str
    owner: str
    currency: str
    period_start: datetime
    period_end: datetime
    lines: tuple[SettlementLine, ...]

    @property
    def credit_minor(self) -> int:
        return sum(line.credit_minor for line in self.lines)

    @property
    def fee_minor(self) -> int:
        return sum(line.fee_minor for line in self.lines)

    @property
    def orders(self) -> int:
        return sum(line.orders for line in self.lines)


converter = cattrs.Converter()
converter.register_unstructure_hook(datetime, datetime.isoformat)
converter.register_structure_hook(datetime, lambda v, _: datetime.fromisoformat(v))
converter.register_unstructure_hook(date, date.isoformat)
converter.register_structure_hook(date, lambda v, _: date.fromisoformat(v))


def to_json(value: Any) -> Any:
    """Plain JSON data for any offsets value (or list of them), with derived totals added."""
    data = converter.unstructure(value)
    if isinstance(value, Price):
        data["total_minor"] = value.total_minor
    elif isinstance(value, Order | Quote):
        data["price"]["total_minor"] = value.price.total_minor
    elif isinstance(value, Coverage):
        data["fully_retired"] = value.fully_retired
    elif isinstance(value, Settlement):
        data.update(credit_minor=value.credit_minor, fee_minor=value.fee_minor, orders=value.orders)
    return data
