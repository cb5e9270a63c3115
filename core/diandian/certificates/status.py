"""The status list: two bits per certificate (pending retirement, retired, revoked), signed.

Modelled on the W3C Bitstring Status List with two-bit entries: each certificate carries its
``status_index``; the server publishes one compressed list for all of them (100,000 certificates
take 25 kB before compression), so verifiers learn nothing about which certificate is checked
and can verify offline from a cached copy. The list is a COSE_Sign1 message signed by the
issuer's active key, so a cached copy cannot be edited either.

Like the EU DCC revocation lists and the ``validUntil`` of a W3C status list credential, the list
says when it was made (CWT ``iat``) and until when it may be relied on (CWT ``exp``, by default
:data:`DEFAULT_VALIDITY` after ``iat``). Both are signed, so a verifier knows how old its cached
copy is: past ``exp`` the copy is stale, and a revocation made since could be missing from it.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta

import attrs
import cbor2
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from . import cose
from .errors import CertificateError
from .model import Status

VERSION = 2  # 2: adds exp; lists without it are refused
BITS = 2
PER_BYTE = 8 // BITS
LIST_KEY = -70002
MAX_ENTRIES = 50_000_000
DEFAULT_VALIDITY = timedelta(days=7)
CLOCK_SKEW = timedelta(minutes=5)
"""How far a status list's issue time may lie ahead of the verifier's clock: clocks drift by
seconds, not days. A list dated later than that is refused, so a list cannot claim to say
what the status will be."""
CWT_ISS, CWT_EXP, CWT_IAT = 1, 4, 6


@attrs.frozen
class StatusList:
    """Status codes by index, with the issuer, when the list was made and until when it holds."""

    issuer: str
    issued_at: datetime
    expires_at: datetime
    codes: bytes = b""  # one byte per entry in memory; packed four to a byte when published

    def __len__(self) -> int:
        return len(self.codes)

    def get(self, index: int) -> Status | None:
        """The status at ``index``, or ``None`` if the list does not reach it yet."""
        return Status(self.codes[index]) if 0 <= index < len(self.codes) else None

    def stale(self, now: datetime) -> bool:
        """Whether the list may no longer be relied on at ``now`` (it is at or past ``exp``)."""
        return now >= self.expires_at

    @classmethod
    def build(
        cls,
        issuer: str,
        statuses: Mapping[int, Status] | Sequence[Status],
        *,
        now: datetime | None = None,
        valid_for: timedelta = DEFAULT_VALIDITY,
    ) -> StatusList:
        """The list of ``statuses``, issued at ``now`` (default: the clock), expiring ``valid_for`` later."""
        if valid_for < timedelta(seconds=1):
            raise CertificateError("bad_validity", "a status list must stay valid for at least a second")
        items = dict(enumerate(statuses)) if isinstance(statuses, Sequence) else dict(statuses)
        codes = bytearray(max(items, default=-1) + 1)
        for index, status in items.items():
            codes[index] = status.value
        issued_at = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
        return cls(issuer, issued_at, issued_at + valid_for, bytes(codes))

    def pack(self) -> bytes:
        packed = bytearray((len(self.codes) + PER_BYTE - 1) // PER_BYTE)
        for index, code in enumerate(self.codes):
            packed[index // PER_BYTE] |= code << (BITS * (index % PER_BYTE))
        return zlib.compress(bytes(packed), 9)

    def sign(self, key: Ed25519PrivateKey, kid: bytes) -> bytes:
        """The publishable list: a COSE_Sign1 message."""
        body = {"v": VERSION, "b": BITS, "n": len(self.codes), "l": self.pack()}
        times = {CWT_IAT: int(self.issued_at.timestamp()), CWT_EXP: int(self.expires_at.timestamp())}
        payload = cbor2.dumps({CWT_ISS: self.issuer, **times, LIST_KEY: body})
        return cose.sign(payload, key, kid)

    @classmethod
    def open(
        cls, data: bytes, keys: Mapping[bytes, Ed25519PublicKey], *, now: datetime | None = None
    ) -> StatusList:
        """Verify and read a published list signed by one of ``keys`` (keys of one issuer).

        Raises :class:`CertificateError`: ``unknown_key``/``bad_signature`` for a list not signed
        by those keys, ``bad_status_list`` for a malformed one, ``future_status_list`` for a list
        issued more than :data:`CLOCK_SKEW` after ``now`` (default: the clock). Use
        :meth:`diandian.certificates.verify.Trust.open_status` when several issuers are trusted.
        """
        message = cose.open_signed(data, keys)
        try:
            doc = cbor2.loads(message.payload)
            body = doc[LIST_KEY]
            version, size, bits, packed = body.get("v"), body["n"], body["b"], body["l"]
            issued_at = datetime.fromtimestamp(doc[CWT_IAT], UTC)
            expires_at = datetime.fromtimestamp(doc[CWT_EXP], UTC)
            issuer = doc[CWT_ISS]
        except (
            cbor2.CBORDecodeError,
            AttributeError,
            KeyError,
            TypeError,
            ValueError,
            OverflowError,
            OSError,
        ):
            raise CertificateError("bad_status_list", "the status list is malformed") from None
        if version != VERSION:
            raise CertificateError("bad_status_list", f"status list version {version!r} is not {VERSION}")
        if expires_at <= issued_at:
            raise CertificateError("bad_status_list", "the status list expires before it was issued")
        if issued_at > (now or datetime.now(UTC)) + CLOCK_SKEW:
            raise CertificateError(
                "future_status_list",
                f"the status list is dated {issued_at.isoformat()}, later than this clock allows "
                f"(at most {int(CLOCK_SKEW.total_seconds() // 60)} minutes ahead)",
            )
        if bits != BITS or not isinstance(size, int) or not 0 <= size <= MAX_ENTRIES:
            raise CertificateError("bad_status_list", "the status list has an unsupported size or width")
        inflater = zlib.decompressobj()
        try:
            raw = inflater.decompress(packed, (size + PER_BYTE - 1) // PER_BYTE + 1)
        except (zlib.error, TypeError):
            raise CertificateError("bad_status_list", "the status list is not compressed correctly") from None
        codes = bytes(
            (raw[i // PER_BYTE] >> (BITS * (i % PER_BYTE))) & 0b11 if i // PER_BYTE < len(raw) else 0
            for i in range(size)
        )
        if any(code > Status.REVOKED for code in codes):
            raise CertificateError("bad_status_list", "the status list holds an unknown status code")
        return cls(str(issuer), issued_at, expires_at, codes)
