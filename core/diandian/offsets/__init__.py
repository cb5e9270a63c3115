"""Offsets: projects, credit batches, quotes, orders, payment, fractional allocation, pooled
retirement, organiser claims, settlement and audit, on SQLite or PostgreSQL.

Start with :class:`Ledger` (the default :class:`OffsetProvider`), :class:`SandboxPayments`
and :func:`buy`; ``sdk_docs/offsets.md`` walks through them.
"""

from __future__ import annotations

from .audit import AuditReport, Breach, audit
from .catalogue import load_file, parse_catalogue
from .errors import InsufficientCredits
from .ledger import Ledger
from .model import (
    Allocation,
    ClaimPolicy,
    ClaimReport,
    Cover,
    Coverage,
    CreditBatch,
    EventClaim,
    Order,
    OrderStatus,
    Price,
    Program,
    Project,
    ProjectKind,
    Quote,
    Remainder,
    Retirement,
    Role,
    Settlement,
    SettlementLine,
    SliceState,
    to_json,
)
from .pricing import FeePolicy, parse_grams
from .provider import (
    OffsetProvider,
    PaymentEvent,
    PaymentIntent,
    PaymentProvider,
    Refund,
    RegistryAdapter,
    RegistryReceipt,
)
from .purchase import Purchase, buy
from .sandbox import SandboxPayments, SandboxRegistry
from .serials import GRAMS_PER_UNIT, SerialBlock, parse_serial

__all__ = [
    "GRAMS_PER_UNIT",
    "Allocation",
    "AuditReport",
    "Breach",
    "ClaimPolicy",
    "ClaimReport",
    "Cover",
    "Coverage",
    "CreditBatch",
    "EventClaim",
    "FeePolicy",
    "InsufficientCredits",
    "Ledger",
    "OffsetProvider",
    "Order",
    "OrderStatus",
    "PaymentEvent",
    "PaymentIntent",
    "PaymentProvider",
    "Price",
    "Program",
    "Project",
    "ProjectKind",
    "Purchase",
    "Quote",
    "Refund",
    "RegistryAdapter",
    "RegistryReceipt",
    "Remainder",
    "Retirement",
    "Role",
    "SandboxPayments",
    "SandboxRegistry",
    "SerialBlock",
    "Settlement",
    "SettlementLine",
    "SliceState",
    "audit",
    "buy",
    "load_file",
    "parse_catalogue",
    "parse_grams",
    "parse_serial",
    "to_json",
]
