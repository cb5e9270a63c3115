"""Verifying a certificate: offline against cached keys and status list, or after an online refresh.

:func:`verify` never raises on bad input: every outcome is a :class:`Verdict` that says whether
the certificate is genuine and in force, and why. A server publishes its key set and signed status
list at :data:`KEYS_PATH` and :data:`STATUS_PATH` under its base URL (:func:`publish` writes both
files for any static host); :meth:`TrustCache.refresh` downloads and checks them, then keeps them
for offline use.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

import attrs
import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from ..errors import ValidationFailed
from ..files import write_atomically
from ..json_input import load_path, loads
from . import codec, cose
from .errors import CertificateError
from .keys import KeyInfo, jwks, trusted_from_jwks
from .model import Claims, Status
from .status import CLOCK_SKEW, StatusList

KEYS_PATH = ".well-known/diandian/keys.json"
STATUS_PATH = ".well-known/diandian/status.cose"
MAX_DOWNLOAD = 16 * 1024 * 1024


@attrs.frozen
class Trust:
    """Keys trusted per issuer: a key verifies only certificates and status lists that name the
    issuer it was trusted for. ``issuers`` maps an issuer to its keys by key id.

    A verifier that trusts issuers A and B must not accept a certificate or a status list naming
    A but signed with B's key; :func:`verify` and :meth:`open_status` refuse both
    (``wrong_issuer``).
    """

    issuers: Mapping[str, Mapping[bytes, Ed25519PublicKey]] = attrs.field(factory=dict)

    @classmethod
    def of(cls, issuer: str, keys: Mapping[bytes, Ed25519PublicKey]) -> Trust:
        return cls({issuer: dict(keys)})

    def add(self, issuer: str, keys: Mapping[bytes, Ed25519PublicKey]) -> Trust:
        """A new trust that also trusts ``keys`` for ``issuer``."""
        merged = {name: dict(found) for name, found in self.issuers.items()}
        merged.setdefault(issuer, {}).update(keys)
        return Trust(merged)

    def keys_for(self, issuer: str) -> Mapping[bytes, Ed25519PublicKey]:
        return self.issuers.get(issuer, {})

    def issuers_of(self, kid: bytes) -> list[str]:
        """The issuers ``kid`` is trusted for."""
        return [name for name, keys in self.issuers.items() if kid in keys]

    def open_status(self, data: bytes, *, now: datetime | None = None) -> StatusList:
        """Verify a signed status list with the keys of the issuer its signing key belongs to,
        and refuse it if it names another issuer (see :meth:`StatusList.open` for the rest)."""
        kid = cose.parse(data).kid
        owners = self.issuers_of(kid)
        if not owners:
            raise CertificateError(
                "unknown_key",
                f"the status list is signed with key {kid.hex()}, which no trusted issuer published",
            )
        status = StatusList.open(data, {kid: self.issuers[owners[0]][kid]}, now=now)
        if status.issuer not in owners:
            raise CertificateError(
                "wrong_issuer",
                f"the status list names issuer {status.issuer!r} but is signed with a key of {owners[0]!r}",
            )
        return status


@attrs.frozen
class Verdict:
    """The outcome of a check.

    ``valid`` means genuine, unaltered and, by a current status list of its issuer, not revoked.
    ``genuine`` alone means the signature holds; a genuine certificate whose status cannot be
    confirmed (``unknown_status``, ``stale_status``) is not ``valid``. ``status_as_of`` and
    ``status_expires`` are the issue and expiry times of the status list consulted.

    Three ways of not being valid are kept apart: ``malformed`` input is not a Diandian
    certificate at all (the command line exits 2); ``cannot_check`` means no key of the issuer it
    names is trusted here (``unknown_issuer``: not known to be forged, fetch the issuer's keys);
    anything else failed a check (forged, altered, wrong issuer, revoked).
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
    def malformed(self) -> bool:
        return self.code in codec.MALFORMED

    @property
    def cannot_check(self) -> bool:
        return self.code == UNKNOWN_ISSUER

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


STALE, UNKNOWN, UNKNOWN_ISSUER = "stale_status", "unknown_status", "unknown_issuer"


def verify(
    text: str,
    trust: Trust | Mapping[bytes, Ed25519PublicKey],
    status: StatusList | None = None,
    *,
    now: datetime | None = None,
) -> Verdict:
    """Check QR ``text`` against ``trust`` and, if given, a status list of its issuer.

    ``trust`` is a :class:`Trust` (keys per issuer: only the keys of the issuer the certificate
    names can verify it), or the keys of one issuer. ``now`` (default: the clock) decides whether
    the list is past its expiry; a list issued more than :data:`~.status.CLOCK_SKEW` after
    ``now`` is not relied on. A revocation in a stale list still counts: revocation is final,
    so an old list can miss one but never undo it.
    """
    moment = now or datetime.now(UTC)
    try:
        named, kid = codec.peek(text)
    except CertificateError as exc:
        return Verdict(False, exc.code, exc.reason)
    keys = trust.keys_for(named.issuer) if isinstance(trust, Trust) else trust
    if kid not in keys and isinstance(trust, Trust) and trust.issuers_of(kid):
        owner = trust.issuers_of(kid)[0]
        reason = f"names issuer {named.issuer!r} but is signed with a key of issuer {owner!r}"
        return Verdict(False, "wrong_issuer", reason)
    if not keys:
        reason = f"no key of issuer {named.issuer!r} is trusted here, so it cannot be checked: fetch the issuer's keys"
        return Verdict(False, UNKNOWN_ISSUER, reason)
    try:
        claims, kid = codec.decode(text, keys)
    except CertificateError as exc:
        return Verdict(False, exc.code, exc.reason)
    ours = status if status is not None and status.issuer == claims.issuer else None
    if ours is not None and ours.issued_at > moment + CLOCK_SKEW:
        ours = None  # dated in the future: it cannot say what the status is now
    found = ours.get(claims.status_index) if ours is not None else None
    if ours is not None and found is not Status.REVOKED and ours.stale(moment):
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
    write_atomically(folder / KEYS_PATH, json.dumps(jwks(keys), indent=2).encode())
    write_atomically(folder / STATUS_PATH, signed_status)


@attrs.define
class TrustCache:
    """Issuers' keys and status lists downloaded from their servers, kept in ``folder`` for
    offline checks: one sub-folder per issuer with ``source`` (the base URL), ``keys.json`` and
    ``status.cose``.

    Downloaded keys are trusted for the issuer that the downloaded status list, signed by them,
    names. An issuer whose name is a URL must be fetched from that URL; an issuer already
    trusted from one URL is not taken over by another (``wrong_issuer``).
    """

    folder: Path
    trust: Trust = attrs.field(factory=Trust)
    statuses: dict[str, StatusList] = attrs.field(factory=dict)
    sources: dict[str, str] = attrs.field(factory=dict)

    @classmethod
    def load(cls, folder: Path, *, now: datetime | None = None) -> TrustCache:
        cache = cls(folder)
        for place in sorted(folder.glob("*/source")):
            issuer_folder = place.parent
            keys = trusted_from_jwks(load_path(issuer_folder / "keys.json", what=str(issuer_folder)))
            status = StatusList.open((issuer_folder / "status.cose").read_bytes(), keys, now=now)
            cache._keep(status.issuer, place.read_text("utf-8").strip(), keys, status)
        return cache

    def _keep(
        self, issuer: str, source: str, keys: Mapping[bytes, Ed25519PublicKey], status: StatusList
    ) -> None:
        self.trust = Trust({**self.trust.issuers, issuer: dict(keys)})
        self.statuses[issuer] = status
        self.sources[issuer] = source

    def status_for(self, issuer: str) -> StatusList | None:
        return self.statuses.get(issuer)

    def refresh(self, base_url: str, client: httpx.Client | None = None) -> str:
        """Download an issuer's keys and status list from ``base_url``, check them, keep them;
        return the issuer's name."""
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
        issuer, source = status.issuer, base.rstrip("/")
        if issuer.startswith(("http://", "https://")) and issuer.rstrip("/") != source:
            raise CertificateError("wrong_issuer", f"{source} published a status list of issuer {issuer!r}")
        if self.sources.get(issuer, source) != source:
            raise CertificateError(
                "wrong_issuer", f"issuer {issuer!r} is trusted from {self.sources[issuer]}, not from {source}"
            )
        place = self.folder / hashlib.sha256(issuer.encode()).hexdigest()[:16]
        place.mkdir(mode=0o700, parents=True, exist_ok=True)
        # ``source`` last: a folder counts as kept only once it names where it came from
        write_atomically(place / "keys.json", json.dumps(document).encode())
        write_atomically(place / "status.cose", status_body)
        write_atomically(place / "source", source.encode())
        self._keep(issuer, source, keys, status)
        return issuer


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
