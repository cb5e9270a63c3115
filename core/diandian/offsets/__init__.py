"""Offsets: projects, credit batches, quotes, orders, payment, fractional allocation, pooled
retirement, organiser claims, settlement and audit, on SQLite or PostgreSQL.

Start with :class:`Ledger` (the default :class:`OffsetProvider`), :class:`SandboxPayments`
and :func:`buy`; ``sdk_docs/offsets.md`` walks through them.

Names load on first use, so that loading the plugins (which registers the ledger) imports
no database library.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_exports

if TYPE_CHECKING:
    from .audit import AuditReport, Breach, audit
    from .catalogue import load_file, parse_catalogue
    from .errors import InsufficientCredits, NeedsLocalLedger
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

# public name -> submodule that defines it
_EXPORTS = {
    "Allocation": "model",
    "AuditReport": "audit",
    "Breach": "audit",
    "ClaimPolicy": "model",
    "ClaimReport": "model",
    "Cover": "model",
    "Coverage": "model",
    "CreditBatch": "model",
    "EventClaim": "model",
    "FeePolicy": "pricing",
    "GRAMS_PER_UNIT": "serials",
    "InsufficientCredits": "errors",
    "NeedsLocalLedger": "errors",
    "Ledger": "ledger",
    "OffsetProvider": "provider",
    "Order": "model",
    "OrderStatus": "model",
    "PaymentEvent": "provider",
    "PaymentIntent": "provider",
    "PaymentProvider": "provider",
    "Price": "model",
    "Program": "model",
    "Project": "model",
    "ProjectKind": "model",
    "Purchase": "purchase",
    "Quote": "model",
    "Refund": "provider",
    "RegistryAdapter": "provider",
    "RegistryConfirmation": "model",
    "RegistryReceipt": "provider",
    "Remainder": "model",
    "Retirement": "model",
    "Role": "model",
    "SandboxPayments": "sandbox",
    "SandboxRegistry": "sandbox",
    "SerialBlock": "serials",
    "Settlement": "model",
    "SettlementLine": "model",
    "SliceState": "model",
    "audit": "audit",
    "buy": "purchase",
    "load_file": "catalogue",
    "parse_catalogue": "catalogue",
    "parse_grams": "pricing",
    "parse_serial": "serials",
    "to_json": "model",
}


__getattr__ = lazy_exports(__name__, _EXPORTS)


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
    "NeedsLocalLedger",
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
    "RegistryConfirmation",
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
