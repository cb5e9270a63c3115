"""Claims <-> QR text: CBOR claims, COSE_Sign1 (Ed25519), zlib, Base45, under the prefix ``DD1:``.

The pipeline of the EU digital COVID certificate (HC1), with EdDSA keys. The claims are a CWT
(RFC 8392) map: ``iss`` (1), ``iat`` (6), ``cti`` (7), and the certificate itself under the
private claim key ``-70001`` with short keys. Base45 (RFC 9285) uses only characters of the QR
alphanumeric mode, so the code stays small.

Decoding never trusts its input: size limits come before any work, and every failure is a
:class:`CertificateError` naming the step that failed.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import base45
import cbor2
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from . import cose
from .errors import CertificateError
from .model import SUBJECTS, VISIT, Claims

PREFIX = "DD1:"
MAX_TEXT = 8_000  # a version-40 QR code holds 4,296 alphanumeric characters; more is not ours
QR_CAPACITY = 2_420
"""The most characters one QR code holds at error correction Q (version 40, alphanumeric mode,
which covers Base45 and the prefix): a certificate's text must fit, or it cannot be drawn."""
MAX_INFLATED = 32_768  # a real payload inflates to under 2 kB; refuse zip bombs early

MALFORMED = frozenset(
    {"not_text", "empty", "too_long", "wrong_prefix", "not_base45", "not_zlib", "too_large", "not_cose"}
    | {"malformed_claims", "unsupported_version"}
)
"""Codes of input that is not a Diandian certificate at all (as opposed to one failing a check)."""

CWT_ISS, CWT_IAT, CWT_CTI = 1, 6, 7
CLAIM_KEY = -70001
SCHEMA_VERSION = 1


def _pair(text: Mapping[str, str]) -> list[str]:
    return [text.get("en", ""), text.get("zh-CN", "")]


def claims_to_cbor(claims: Claims) -> bytes:
    body: dict[str, Any] = {
        "v": claims.version,
        "sc": claims.scene_id,
        "sn": _pair(claims.scene_name),
        "st": list(claims.scene_types),
        "fp": claims.footprint_g,
        "nt": claims.neutralised_g,
        "pj": claims.project_id,
        "pn": _pair(claims.project_name),
        "pg": claims.program,
        "al": list(claims.allocations),
        "si": claims.status_index,
    }
    if claims.display_name is not None:
        body["nm"] = claims.display_name
    if claims.subject != VISIT:  # a visit's claims stay as they were before events had their own
        body["sj"] = claims.subject
    cwt = {
        CWT_ISS: claims.issuer,
        CWT_IAT: int(claims.issued_at.timestamp()),
        CWT_CTI: claims.cert_id,
        CLAIM_KEY: body,
    }
    return cbor2.dumps(cwt, canonical=True)


def _field(body: Mapping[Any, Any], key: Any, kind: type, name: str) -> Any:
    value = body.get(key)
    # bool is an int in Python; a count of grams is never true or false
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise CertificateError("malformed_claims", f"claim {name!r} is missing or not a {kind.__name__}")
    return value


def _list(body: Mapping[Any, Any], key: str, name: str) -> Sequence[Any]:
    value = body.get(key)
    if not isinstance(value, list | tuple):
        raise CertificateError("malformed_claims", f"claim {name!r} is missing or not a list")
    return value


def _texts(body: Mapping[Any, Any], key: str, name: str, size: int | None = None) -> Sequence[str]:
    value = _list(body, key, name)
    if not all(isinstance(item, str) for item in value) or (size is not None and len(value) != size):
        raise CertificateError("malformed_claims", f"claim {name!r} must be a list of texts")
    return value


def _name(pair: Sequence[str]) -> dict[str, str]:
    return {lang: text for lang, text in zip(("en", "zh-CN"), pair, strict=True) if text}


def claims_from_cbor(payload: bytes) -> Claims:
    try:
        cwt = cbor2.loads(payload)
    except (cbor2.CBORDecodeError, ValueError, TypeError, OverflowError, RecursionError):
        raise CertificateError("malformed_claims", "the claims are not valid CBOR") from None
    if not isinstance(cwt, Mapping) or not isinstance(cwt.get(CLAIM_KEY), Mapping):
        raise CertificateError("malformed_claims", "the claims hold no Diandian certificate")
    body = cwt[CLAIM_KEY]
    version = _field(body, "v", int, "version")
    if version != SCHEMA_VERSION:
        raise CertificateError(
            "unsupported_version", f"certificate schema version {version} is not supported"
        )
    grams = {
        name: _field(body, key, int, name) for key, name in (("fp", "footprint_g"), ("nt", "neutralised_g"))
    }
    index = _field(body, "si", int, "status_index")
    if min(*grams.values(), index) < 0:
        raise CertificateError("malformed_claims", "grams and status index must not be negative")
    display_name = body.get("nm")
    if display_name is not None and not isinstance(display_name, str):
        raise CertificateError("malformed_claims", "claim 'display_name' must be a text")
    subject = body.get("sj", VISIT)
    if subject not in SUBJECTS:
        raise CertificateError("malformed_claims", f"claim 'subject' must be one of {', '.join(SUBJECTS)}")
    try:
        issued_at = datetime.fromtimestamp(_field(cwt, CWT_IAT, int, "issued_at"), UTC)
    except (OverflowError, OSError, ValueError):
        raise CertificateError("malformed_claims", "claim 'issued_at' is out of range") from None
    return Claims(
        cert_id=_field(cwt, CWT_CTI, str, "cert_id"),
        issuer=_field(cwt, CWT_ISS, str, "issuer"),
        issued_at=issued_at,
        scene_id=_field(body, "sc", str, "scene_id"),
        scene_name=_name(_texts(body, "sn", "scene_name", 2)),
        scene_types=tuple(_texts(body, "st", "scene_types")),
        footprint_g=grams["footprint_g"],
        neutralised_g=grams["neutralised_g"],
        project_id=_field(body, "pj", str, "project_id"),
        project_name=_name(_texts(body, "pn", "project_name", 2)),
        program=_field(body, "pg", str, "program"),
        allocations=tuple(_texts(body, "al", "allocations")),
        status_index=index,
        display_name=display_name,
        version=version,
        subject=subject,
    )


def pack(signed: bytes) -> str:
    """COSE bytes -> QR text."""
    encoded: bytes = base45.b45encode(zlib.compress(signed, 9))
    return PREFIX + encoded.decode("ascii")


def unpack(text: str) -> bytes:
    """QR text -> COSE bytes, refusing anything that is not a well-formed Diandian code."""
    if not isinstance(text, str):
        raise CertificateError("not_text", "the QR content must be text")
    text = text.strip()
    if not text:
        raise CertificateError("empty", "the QR text is empty")
    if len(text) > MAX_TEXT:
        raise CertificateError("too_long", f"the QR text has {len(text)} characters; at most {MAX_TEXT}")
    if not text.startswith(PREFIX):
        shown = text[:8].encode("unicode_escape").decode("ascii")
        raise CertificateError(
            "wrong_prefix",
            f"this is not a Diandian certificate: it must start with {PREFIX!r}, not {shown!r}",
        )
    try:
        compressed = base45.b45decode(text[len(PREFIX) :])
    except (ValueError, KeyError, TypeError):
        raise CertificateError("not_base45", "the QR text is not valid Base45 after the prefix") from None
    inflater = zlib.decompressobj()
    try:
        signed = inflater.decompress(compressed, MAX_INFLATED)
    except zlib.error:
        raise CertificateError("not_zlib", "the QR payload is not zlib-compressed data") from None
    if inflater.unconsumed_tail:
        raise CertificateError("too_large", f"the QR payload inflates to more than {MAX_INFLATED} bytes")
    if not inflater.eof or inflater.unused_data:
        raise CertificateError("not_zlib", "the QR payload is truncated or has trailing data")
    return signed


def encode(claims: Claims, key: Ed25519PrivateKey, kid: bytes) -> str:
    """Sign ``claims`` with ``key`` and return the QR text.

    Raises :class:`CertificateError` ``too_long`` when the text would not fit one QR code
    (:data:`QR_CAPACITY`), so no certificate that cannot be drawn is ever stored.
    """
    text = pack(cose.sign(claims_to_cbor(claims), key, kid))
    if len(text) > QR_CAPACITY:
        raise CertificateError(
            "too_long", f"the QR text would have {len(text)} characters; one QR code holds {QR_CAPACITY}"
        )
    return text


def decode(text: str, keys: Mapping[bytes, Ed25519PublicKey]) -> tuple[Claims, bytes]:
    """Verify QR ``text`` against the trusted ``keys``; return the claims and the signer's key id."""
    message = cose.open_signed(unpack(text), keys)
    return claims_from_cbor(message.payload), message.kid


def peek(text: str) -> tuple[Claims, bytes]:
    """The claims and key id of QR ``text`` WITHOUT checking the signature (for lookups only)."""
    message = cose.parse(unpack(text))
    return claims_from_cbor(message.payload), message.kid
