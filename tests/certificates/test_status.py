"""Status list: signed, compact, dated; revocation, retirement and staleness reach the verdict;
online refresh."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import cbor2
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from diandian.certificates import (
    CertificateError,
    Claims,
    KeyRing,
    Status,
    StatusList,
    TrustCache,
    cose,
    encode,
    publish,
    verify,
)
from diandian.certificates.keys import key_id


def test_status_list_round_trip_is_compact(ring: KeyRing) -> None:
    statuses = [Status.PENDING, Status.RETIRED, Status.REVOKED] * 40_000
    signed = StatusList.build("diandian:test", statuses).sign(*ring.signer())
    opened = StatusList.open(signed, ring.trusted())
    assert list(opened.codes) == [s.value for s in statuses]
    assert len(signed) < 2_000  # 120,000 entries, two bits each, compressed
    assert opened.get(120_000) is None


def test_edited_or_foreign_status_list_is_refused(ring: KeyRing) -> None:
    signed = bytearray(StatusList.build("diandian:test", [Status.REVOKED] * 10).sign(*ring.signer()))
    signed[-70] ^= 0x01
    with pytest.raises(CertificateError):
        StatusList.open(bytes(signed), ring.trusted())
    other = Ed25519PrivateKey.generate()
    foreign = StatusList.build("diandian:test", [Status.RETIRED]).sign(other, key_id(other.public_key()))
    with pytest.raises(CertificateError, match="not among the trusted keys"):
        StatusList.open(foreign, ring.trusted())


def test_verdict_follows_the_status(ring: KeyRing, make_claims: Callable[..., Claims]) -> None:
    texts = [encode(make_claims(status_index=i), *ring.signer()) for i in range(4)]
    status = StatusList.build("diandian:test", {0: Status.PENDING, 1: Status.RETIRED, 2: Status.REVOKED})
    verdicts = [verify(text, ring.trusted(), status) for text in texts]
    assert [(v.valid, v.code) for v in verdicts] == [
        (True, "pending"),
        (True, "retired"),
        (False, "revoked"),
        (False, "unknown_status"),  # genuine, but nothing says it was not revoked
    ]
    assert verdicts[3].genuine and verdicts[3].unconfirmed  # beyond the end of a current list
    # a status list of another issuer says nothing about this certificate
    other = StatusList.build("diandian:elsewhere", [Status.REVOKED] * 4)
    unrelated = verify(texts[0], ring.trusted(), other)
    assert (unrelated.code, unrelated.status_as_of) == ("unknown_status", None)


def test_online_refresh_then_offline_verification(
    static_server: tuple[str, Path], ring: KeyRing, tmp_path: Path, make_claims: Callable[..., Claims]
) -> None:
    url, root = static_server
    text = encode(make_claims(status_index=0), *ring.signer())
    # lists made now (the clock) are fresh for verify's default clock
    publish(root, ring.all_keys(), StatusList.build("diandian:test", [Status.PENDING]).sign(*ring.signer()))
    cache = TrustCache.load(tmp_path / "trust")
    assert cache.refresh(url) == "diandian:test"
    assert verify(text, cache.trust, cache.status_for("diandian:test")).code == "pending"
    # the issuer retires the credits, then revokes: each refresh brings the news
    publish(root, ring.all_keys(), StatusList.build("diandian:test", [Status.RETIRED]).sign(*ring.signer()))
    cache.refresh(url)
    assert verify(text, cache.trust, cache.status_for("diandian:test")).code == "retired"
    publish(root, ring.all_keys(), StatusList.build("diandian:test", [Status.REVOKED]).sign(*ring.signer()))
    cache.refresh(url)
    # offline afterwards: a new process loads what was cached
    offline = TrustCache.load(tmp_path / "trust")
    assert verify(text, offline.trust, offline.status_for("diandian:test")).code == "revoked"


def test_refresh_failures_name_the_reason(static_server: tuple[str, Path], tmp_path: Path) -> None:
    url, _root = static_server
    with pytest.raises(CertificateError, match="HTTP 404"):
        TrustCache.load(tmp_path / "trust").refresh(url)
    with pytest.raises(CertificateError, match="cannot reach"):
        TrustCache.load(tmp_path / "trust").refresh("http://127.0.0.1:9/")


ISSUED = datetime(2021, 9, 7, 12, 0, tzinfo=UTC)  # the injected clock: every list below is dated from it


def dated(statuses: list[Status], at: datetime = ISSUED, **options: timedelta) -> StatusList:
    return StatusList.build("diandian:test", statuses, now=at, **options)


def test_list_carries_issue_and_expiry_times(ring: KeyRing) -> None:
    opened = StatusList.open(dated([Status.PENDING]).sign(*ring.signer()), ring.trusted())
    assert (opened.issued_at, opened.expires_at) == (ISSUED, ISSUED + timedelta(days=7))
    short = StatusList.open(
        dated([Status.PENDING], valid_for=timedelta(hours=6)).sign(*ring.signer()), ring.trusted()
    )
    assert short.expires_at == datetime(2021, 9, 7, 18, 0, tzinfo=UTC)
    with pytest.raises(CertificateError, match="at least a second"):
        dated([Status.PENDING], valid_for=timedelta(0))


def test_list_past_its_expiry_is_stale(ring: KeyRing, make_claims: Callable[..., Claims]) -> None:
    text = encode(make_claims(status_index=0), *ring.signer())
    status = dated([Status.RETIRED])
    expiry = ISSUED + timedelta(days=7)
    fresh = verify(text, ring.trusted(), status, now=expiry - timedelta(seconds=1))
    assert (fresh.valid, fresh.code, fresh.unconfirmed) == (True, "retired", False)
    assert (fresh.status_as_of, fresh.status_expires) == (ISSUED, expiry)
    for now in (expiry, expiry + timedelta(days=365)):
        stale = verify(text, ring.trusted(), status, now=now)
        assert (stale.valid, stale.genuine, stale.code) == (False, True, "stale_status")
        assert stale.status is Status.RETIRED and stale.status_as_of == ISSUED  # last known, dated
        assert (
            "2021-09-14T12:00:00Z" in stale.reason
            and stale.to_json()["status_as_of"] == "2021-09-07T12:00:00Z"
        )
    # revocation is final: an old list cannot undo one, so it still counts when stale
    revoked = verify(text, ring.trusted(), dated([Status.REVOKED]), now=expiry + timedelta(days=1))
    assert (revoked.valid, revoked.code) == (False, "revoked")
    # a forged certificate stays forged whatever the list says
    assert verify(text[:-3] + "AAA", ring.trusted(), status, now=expiry).code != "stale_status"


def test_tampered_expiry_fails_the_signature(ring: KeyRing) -> None:
    signed = dated([Status.REVOKED]).sign(*ring.signer())
    tag = cbor2.loads(signed)
    protected, unprotected, payload, signature = tag.value
    document = dict(cbor2.loads(payload))
    document[4] += 365 * 24 * 3600  # push exp a year later, keep the signature
    forged = cbor2.dumps(cbor2.CBORTag(18, [protected, dict(unprotected), cbor2.dumps(document), signature]))
    with pytest.raises(CertificateError, match="signature does not match") as caught:
        StatusList.open(forged, ring.trusted())
    assert caught.value.code == "bad_signature"


def test_list_without_a_sane_expiry_or_version_is_refused(ring: KeyRing) -> None:
    backwards = StatusList("diandian:test", ISSUED, ISSUED - timedelta(seconds=1), bytes([0]))
    with pytest.raises(CertificateError, match="expires before it was issued"):
        StatusList.open(backwards.sign(*ring.signer()), ring.trusted())
    at = int(ISSUED.timestamp())
    unversioned = {1: "diandian:test", 4: at + 60, 6: at, -70002: {"b": 2, "n": 1, "l": b""}}
    with pytest.raises(CertificateError, match="status list version None is not 2"):
        StatusList.open(cose.sign(cbor2.dumps(unversioned), *ring.signer()), ring.trusted())


def test_refresh_clears_staleness_and_brings_the_revocation(
    static_server: tuple[str, Path], ring: KeyRing, tmp_path: Path, make_claims: Callable[..., Claims]
) -> None:
    url, root = static_server
    text = encode(make_claims(status_index=0), *ring.signer())
    publish(root, ring.all_keys(), dated([Status.PENDING]).sign(*ring.signer()))
    cache = TrustCache.load(tmp_path / "trust")
    cache.refresh(url)
    day = timedelta(days=1)
    # the issuer revokes on day 2; a verifier offline since day 0 cannot know yet
    publish(root, ring.all_keys(), dated([Status.REVOKED], ISSUED + 2 * day).sign(*ring.signer()))
    assert (
        verify(text, cache.trust, cache.status_for("diandian:test"), now=ISSUED + 3 * day).code == "pending"
    )
    # ... but once its copy has expired it no longer vouches for the certificate
    offline = TrustCache.load(tmp_path / "trust")
    late = verify(text, offline.trust, offline.status_for("diandian:test"), now=ISSUED + 8 * day)
    assert (late.valid, late.code, late.status_as_of) == (False, "stale_status", ISSUED)
    # refreshing brings a current list: no longer stale, and the revocation shows
    offline.refresh(url)
    seen = verify(text, offline.trust, offline.status_for("diandian:test"), now=ISSUED + 8 * day)
    assert (seen.valid, seen.code, seen.status_as_of) == (False, "revoked", ISSUED + 2 * day)
    # a fresh list of a certificate still in force clears staleness the same way
    publish(root, ring.all_keys(), dated([Status.RETIRED], ISSUED + 8 * day).sign(*ring.signer()))
    other = encode(make_claims(status_index=0, cert_id="01ARZ3NDEKTSV4RRFFQ69G5FAV"), *ring.signer())
    offline.refresh(url)
    assert (
        verify(other, offline.trust, offline.status_for("diandian:test"), now=ISSUED + 9 * day).code
        == "retired"
    )
