"""Status list: signed, compact, revocation and retirement reach the verdict; online refresh."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from diandian.certificates import (
    CertificateError,
    Claims,
    KeyRing,
    Status,
    StatusList,
    TrustCache,
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
        (True, "unknown_status"),
    ]
    # a status list of another issuer says nothing about this certificate
    other = StatusList.build("diandian:elsewhere", [Status.REVOKED] * 4)
    assert verify(texts[0], ring.trusted(), other).code == "unknown_status"


@pytest.fixture
def static_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A real HTTP server on 127.0.0.1 serving a folder, as a static host of an issuer would."""
    root = tmp_path / "site"
    root.mkdir()
    handler = partial(SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", root
    server.shutdown()
    server.server_close()


def test_online_refresh_then_offline_verification(
    static_server: tuple[str, Path], ring: KeyRing, tmp_path: Path, make_claims: Callable[..., Claims]
) -> None:
    url, root = static_server
    text = encode(make_claims(status_index=0), *ring.signer())
    publish(root, ring.all_keys(), StatusList.build("diandian:test", [Status.PENDING]).sign(*ring.signer()))
    cache = TrustCache.load(tmp_path / "trust").refresh(url)
    assert verify(text, cache.keys, cache.status).code == "pending"
    # the issuer retires the credits, then revokes: each refresh brings the news
    publish(root, ring.all_keys(), StatusList.build("diandian:test", [Status.RETIRED]).sign(*ring.signer()))
    cache.refresh(url)
    assert verify(text, cache.keys, cache.status).code == "retired"
    publish(root, ring.all_keys(), StatusList.build("diandian:test", [Status.REVOKED]).sign(*ring.signer()))
    cache.refresh(url)
    # offline afterwards: a new process loads what was cached
    offline = TrustCache.load(tmp_path / "trust")
    assert verify(text, offline.keys, offline.status).code == "revoked"


def test_refresh_failures_name_the_reason(static_server: tuple[str, Path], tmp_path: Path) -> None:
    url, _root = static_server
    with pytest.raises(CertificateError, match="HTTP 404"):
        TrustCache.load(tmp_path / "trust").refresh(url)
    with pytest.raises(CertificateError, match="cannot reach"):
        TrustCache.load(tmp_path / "trust").refresh("http://127.0.0.1:9/")
