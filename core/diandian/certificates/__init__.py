"""Honour certificates as signed documents: claims in a QR code, keys, the status list,
verification and the certificate book.

Drawing them lives in :mod:`diandian.render`; participants, leaderboards and the life record in
:mod:`diandian.visitors`.
"""

from __future__ import annotations

from .codec import PREFIX, decode, encode
from .errors import CertificateError
from .keys import KeyInfo, KeyRing, jwks, trusted_from_jwks
from .model import Certificate, Claims, Status, new_certificate_id
from .status import StatusList
from .verify import TrustCache, Verdict, publish, verify

__all__ = [
    "PREFIX",
    "Certificate",
    "CertificateError",
    "Claims",
    "KeyInfo",
    "KeyRing",
    "Status",
    "StatusList",
    "TrustCache",
    "Verdict",
    "decode",
    "encode",
    "jwks",
    "new_certificate_id",
    "publish",
    "trusted_from_jwks",
    "verify",
]
