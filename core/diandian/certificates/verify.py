"""Verifying a certificate: offline against cached keys and status list, or after an online refresh.

:func:`verify` never raises on bad input: every outcome is a :class:`Verdict` that says whether
the certificate is genuine and in force, and why. A server publishes its key set and signed status
list at :data:`KEYS_PATH` and :data:`STATUS_PATH` under its base URL (:func:`publish` writes both
files for any static host); :meth:`TrustCache.refresh` downloads and checks them, then keeps them
for offline use.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

import attrs
import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from ..errors import ValidationFailed
from ..json_input import load_path, loads
from . import codec
from .errors import CertificateError
from .keys import KeyInfo, jwks, trusted_from_jwks
from .model import Claims, Status
from .status import StatusList

KEYS_PATH = ".well-known/diandian/keys.json"
STATUS_PATH = ".well-known/diandian/status.cose"
MAX_DOWNLOAD = 16 * 1024 * 1024


@attrs.frozen
class Verdict:
    """The outcome of a check.

    ``valid`` means genuine, unaltered and, by a current status list of its issuer, not revoked.
    ``genuine`` alone means the signature holds; a genuine certificate whose status cannot be
    confirmed (``unknown_status``, ``stale_status``) is not ``valid``. ``status_as_of`` and
    ``status_expires`` are the issue and expiry times of the status list consulted.
    """

    valid: bool
    code: str
    reason: str
    claims: Claims | None = None
    kid: str | None = None
    status: Status | None = None
    status_as_of: datetime | None = None
    status_expires: datetime | None = None

    @property
    def genuine(self) -> bool:
        return self.claims is not None

    @property
    def unconfirmed(self) -> bool:
        """Genuine, but no current status list says whether it is still in force."""
        return self.code in (STALE, UNKNOWN)

    def to_json(self) -> dict[str, object]:
        return {
            "valid": self.valid,
            "genuine": self.genuine,
            "code": self.code,
            "reason": self.reason,
            "kid": self.kid,
            "status": self.status.label if self.status is not None else "unknown",
            "status_as_of": _iso(self.status_as_of),
            "status_expires": _iso(self.status_expires),
            "certificate": self.claims.cert_id if self.claims else None,
        }


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z") if moment is not None else None


STALE, UNKNOWN = "stale_status", "unknown_status"


def verify(
    text: str,
    keys: Mapping[bytes, Ed25519PublicKey],
    status: StatusList | None = None,
    *,
    now: datetime | None = None,
) -> Verdict:
    """Check QR ``text`` against trusted ``keys`` and, if given, a status list of its issuer.

    ``now`` (default: the clock) decides whether the list is past its expiry. A revocation in a
    stale list still counts: revocation is final, so an old list can miss one but never undo it.
    """
    try:
        claims, kid = codec.decode(text, keys)
    except CertificateError as exc:
        return Verdict(False, exc.code, exc.reason)
    ours = status if status is not None and status.issuer == claims.issuer else None
    found = ours.get(claims.status_index) if ours is not None else None
    if ours is not None and found is not Status.REVOKED and ours.stale(now or datetime.now(UTC)):
        valid, code, reason = (False, STALE, _STALE_REASON.format(expired=_iso(ours.expires_at)))
    else:
        valid, code, reason = _OUTCOMES[found]
    return Verdict(
        valid,
        code,
        reason,
        claims=claims,
        kid=kid.hex(),
        status=found,
        status_as_of=ours.issued_at if ours is not None else None,
        status_expires=ours.expires_at if ours is not None else None,
    )


_STALE_REASON = (
    "genuine signature; status stale (the cached status list expired at {expired} and may miss a "
    "revocation: refresh online)"
)
_OUTCOMES: dict[Status | None, tuple[bool, str, str]] = {
    Status.PENDING: (
        True,
        "pending",
        "genuine; credits are allocated and their registry retirement is still pending",
    ),
    Status.RETIRED: (True, "retired", "genuine; the credits were retired at the registry"),
    Status.REVOKED: (False, "revoked", "the signature is genuine but the issuer revoked this certificate"),
    None: (
        False,
        UNKNOWN,
        "genuine signature; status unknown (no current status list from this issuer: refresh online)",
    ),
}


def publish(folder: Path, keys: list[KeyInfo], signed_status: bytes) -> None:
    """Write the key set and signed status list where a static web server can serve them."""
    (folder / KEYS_PATH).parent.mkdir(parents=True, exist_ok=True)
    (folder / KEYS_PATH).write_text(json.dumps(jwks(keys), indent=2))
    (folder / STATUS_PATH).write_bytes(signed_status)


@attrs.define
class TrustCache:
    """Keys and a status list downloaded from an issuer, kept in ``folder`` for offline checks."""

    folder: Path
    keys: dict[bytes, Ed25519PublicKey] = attrs.field(factory=dict)
    status: StatusList | None = None

    @classmethod
    def load(cls, folder: Path) -> TrustCache:
        cache = cls(folder)
        keys_file, status_file = folder / "keys.json", folder / "status.cose"
        if keys_file.exists():
            cache.keys = trusted_from_jwks(load_path(keys_file, what=str(keys_file)))
        if status_file.exists() and cache.keys:
            cache.status = StatusList.open(status_file.read_bytes(), cache.keys)
        return cache

    def refresh(self, base_url: str, client: httpx.Client | None = None) -> TrustCache:
        """Download the issuer's keys and status list, check them and keep them."""
        base = base_url.rstrip("/") + "/"
        own = client is None
        http = client or httpx.Client(timeout=10.0, follow_redirects=True)
        try:
            keys_body = _fetch(http, base + KEYS_PATH)
            status_body = _fetch(http, base + STATUS_PATH)
        finally:
            if own:
                http.close()
        try:
            document = loads(keys_body, what=base + KEYS_PATH)
        except ValidationFailed as exc:
            raise CertificateError("bad_jwks", str(exc)) from None
        keys = trusted_from_jwks(document)
        status = StatusList.open(status_body, keys)
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        (self.folder / "keys.json").write_text(json.dumps(document))
        (self.folder / "status.cose").write_bytes(status_body)
        self.keys, self.status = keys, status
        return self


def _fetch(client: httpx.Client, url: str) -> bytes:
    try:
        response = client.get(url)
    except httpx.HTTPError as exc:
        raise CertificateError("offline", f"cannot reach {url}: {exc}") from None
    if response.status_code != 200:
        raise CertificateError("fetch_failed", f"{url} answered HTTP {response.status_code}")
    if len(response.content) > MAX_DOWNLOAD:
        raise CertificateError("too_large", f"{url} is larger than {MAX_DOWNLOAD} bytes")
    return response.content
