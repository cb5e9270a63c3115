"""The honour certificate: its signed claims, its status and the record that crosses hooks.

The claims hold no personal data beyond the opt-in display name: no phone number, no account,
no payment reference. Quantities are integer grams CO2e.
"""

from __future__ import annotations

import enum
import secrets
import time
from datetime import UTC, datetime
from typing import Any

import attrs

from ..text import Text

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
#: what a certificate is about: a visitor's visit, or an organiser's claim for the whole event
VISIT, EVENT = "visit", "event"
SUBJECTS = (VISIT, EVENT)


class Status(enum.IntEnum):
    """A certificate's state; the value is its code in the status list."""

    PENDING = 0
    RETIRED = 1
    REVOKED = 2

    @property
    def label(self) -> str:
        return {0: "pending-retirement", 1: "retired", 2: "revoked"}[self.value]


def new_certificate_id(now: float | None = None) -> str:
    """A ULID: 48 bits of milliseconds then 80 random bits, 26 Crockford base32 characters.

    Sortable by issue time and unguessable, so an id reveals nothing but when it was made.
    """
    value = (int((time.time() if now is None else now) * 1000) << 80) | secrets.randbits(80)
    return "".join(_CROCKFORD[(value >> shift) & 31] for shift in range(125, -1, -5))


@attrs.frozen
class Claims:
    """What a certificate asserts, exactly as signed into its QR code.

    ``allocations`` are fractional serials (``<registry serial>#u<unit>:g<from>-<to>``) of the
    credit slices held for the visitor; ``status_index`` is the certificate's slot in the
    published status list. ``subject`` is what the certificate is about: ``"visit"`` (a
    visitor's compensated footprint) or ``"event"`` (the organiser's ISO 14068-1 carbon
    neutrality claim for the whole event, from an organiser order).
    """

    cert_id: str
    issuer: str
    issued_at: datetime
    scene_id: str
    scene_name: Text
    scene_types: tuple[str, ...]
    footprint_g: int
    neutralised_g: int
    project_id: str
    project_name: Text
    program: str
    allocations: tuple[str, ...]
    status_index: int
    display_name: str | None = None
    version: int = 1
    subject: str = VISIT

    @property
    def is_event(self) -> bool:
        return self.subject == EVENT

    @property
    def issued_on(self) -> str:
        return self.issued_at.astimezone(UTC).date().isoformat()


@attrs.frozen
class Certificate:
    """An issued certificate: its claims, the key that signed it, the QR text and its status."""

    claims: Claims
    kid: str
    qr_text: str
    status: Status
    order_id: str | None = None

    @property
    def cert_id(self) -> str:
        return self.claims.cert_id


def example_claims(**changes: Any) -> Claims:
    """Claims of a visit to the 2021 summit, for examples, tests and benchmarks."""
    claims = Claims(
        cert_id=new_certificate_id(),
        issuer="diandian:example",
        issued_at=datetime(2021, 9, 7, 10, 30, tzinfo=UTC),
        scene_id="cdcn-summit-2021",
        scene_name={
            "en": "First China Digital Carbon Neutrality Summit",
            "zh-CN": "首届中国数字碳中和高峰论坛",
        },
        scene_types=("conference",),
        footprint_g=38_200,
        neutralised_g=38_200,
        project_id="cdcer-longquan-forest",
        project_name={"en": "Longquan Mountain forest management", "zh-CN": "龙泉山森林经营"},
        program="CDCER",
        allocations=("CDCER-CN-51-0007-2023-000001-005000#u1:g0-38200",),
        status_index=0,
    )
    return attrs.evolve(claims, **changes)
