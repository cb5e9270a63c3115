"""COSE_Sign1 (RFC 9052) with EdDSA over Ed25519, written with ``cbor2`` and ``cryptography``.

Only what the certificates need: a protected header holding ``alg`` (EdDSA, -8) and ``kid``,
an empty unprotected header, an attached payload and no external data. Opening checks the
structure strictly, looks the ``kid`` up among the trusted keys and verifies the signature over
the ``Sig_structure``, so a changed header, payload or signature is always refused.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs
import cbor2
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from .errors import CertificateError

COSE_SIGN1_TAG = 18
HEADER_ALG = 1
HEADER_KID = 4
ALG_EDDSA = -8


@attrs.frozen
class Sign1:
    """A parsed (not yet verified) COSE_Sign1 message."""

    protected: bytes
    kid: bytes
    payload: bytes
    signature: bytes


def _sig_structure(protected: bytes, payload: bytes) -> bytes:
    return cbor2.dumps(["Signature1", protected, b"", payload])


def sign(payload: bytes, key: Ed25519PrivateKey, kid: bytes) -> bytes:
    """The tagged COSE_Sign1 bytes of ``payload`` signed by ``key`` under ``kid``."""
    protected = cbor2.dumps({HEADER_ALG: ALG_EDDSA, HEADER_KID: kid}, canonical=True)
    signature = key.sign(_sig_structure(protected, payload))
    return cbor2.dumps(cbor2.CBORTag(COSE_SIGN1_TAG, [protected, {}, payload, signature]))


def parse(data: bytes) -> Sign1:
    """Check the shape of a COSE_Sign1 message; :class:`CertificateError` names what is wrong."""
    try:
        message = cbor2.loads(data)
    except (cbor2.CBORDecodeError, ValueError, TypeError, OverflowError, RecursionError) as exc:
        raise CertificateError("not_cose", f"the signed payload is not valid CBOR ({exc})") from None
    if isinstance(message, cbor2.CBORTag):
        if message.tag != COSE_SIGN1_TAG:
            raise CertificateError("not_cose", f"CBOR tag {message.tag} is not COSE_Sign1 (18)")
        message = message.value
    # cbor2 decodes arrays inside a tag as tuples and maps as frozen dicts
    if not (isinstance(message, list | tuple) and len(message) == 4):
        raise CertificateError("not_cose", "the signed payload is not a COSE_Sign1 array of four items")
    protected, unprotected, payload, signature = message
    if not all(isinstance(part, bytes) for part in (protected, payload, signature)):
        raise CertificateError("not_cose", "COSE_Sign1 header, payload and signature must be byte strings")
    # everything that matters is in the signed header; an unsigned one could be edited unseen
    if not isinstance(unprotected, Mapping) or unprotected:
        raise CertificateError("not_cose", "the COSE unprotected header must be an empty map")
    try:
        header = cbor2.loads(protected)
    except (cbor2.CBORDecodeError, ValueError, TypeError, OverflowError, RecursionError):
        raise CertificateError("bad_header", "the COSE protected header is not valid CBOR") from None
    if not isinstance(header, Mapping) or header.get(HEADER_ALG) != ALG_EDDSA:
        raise CertificateError("bad_header", "the COSE protected header must name algorithm EdDSA (-8)")
    kid = header.get(HEADER_KID)
    if not isinstance(kid, bytes) or not kid:
        raise CertificateError("bad_header", "the COSE protected header has no key id")
    return Sign1(protected=protected, kid=kid, payload=payload, signature=signature)


def open_signed(data: bytes, keys: Mapping[bytes, Ed25519PublicKey]) -> Sign1:
    """Parse and verify ``data`` against the trusted ``keys`` (by key id); return the message."""
    message = parse(data)
    key = keys.get(message.kid)
    if key is None:
        raise CertificateError(
            "unknown_key", f"signed with key {message.kid.hex()}, which is not among the trusted keys"
        )
    try:
        key.verify(message.signature, _sig_structure(message.protected, message.payload))
    except InvalidSignature:
        raise CertificateError(
            "bad_signature", "the signature does not match: the content was altered or not signed by this key"
        ) from None
    return message
