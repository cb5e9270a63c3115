"""Trust is per issuer: a key verifies only what names its own issuer; future-dated status lists
are refused beyond the stated clock skew; unknown issuer, forged and malformed stay distinct."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from diandian.certificates import Claims, KeyRing, Status, StatusList, encode, publish
from diandian.certificates.errors import CertificateError
from diandian.certificates.status import CLOCK_SKEW
from diandian.certificates.verify import Trust, TrustCache, verify
from diandian.testing import run_cli

A, B = "diandian:a", "diandian:b"


@pytest.fixture
def rings(tmp_path: Path) -> tuple[KeyRing, KeyRing]:
    a, b = KeyRing(tmp_path / "a", environ={}), KeyRing(tmp_path / "b", environ={})
    a.signer(), b.signer()  # each with its first key
    return a, b


def both(rings: tuple[KeyRing, KeyRing]) -> Trust:
    a, b = rings
    return Trust.of(A, a.trusted()).add(B, b.trusted())


def test_a_certificate_naming_a_signed_by_bs_key_is_refused(
    rings: tuple[KeyRing, KeyRing], make_claims: Callable[..., Claims]
) -> None:
    a, b = rings
    genuine = encode(make_claims(issuer=A), *a.signer())
    impostor = encode(make_claims(issuer=A), *b.signer())
    assert verify(genuine, both(rings)).genuine
    verdict = verify(impostor, both(rings))
    assert (verdict.valid, verdict.genuine, verdict.code) == (False, False, "wrong_issuer")
    assert not verdict.cannot_check and not verdict.malformed


def test_a_status_list_naming_a_signed_by_bs_key_is_refused(
    rings: tuple[KeyRing, KeyRing], make_claims: Callable[..., Claims]
) -> None:
    a, b = rings
    revoked = encode(make_claims(issuer=A, status_index=0), *a.signer())
    honest = StatusList.build(A, [Status.REVOKED]).sign(*a.signer())
    forged = StatusList.build(A, [Status.RETIRED]).sign(*b.signer())
    trust = both(rings)
    assert verify(revoked, trust, trust.open_status(honest)).code == "revoked"
    with pytest.raises(CertificateError) as exc:
        trust.open_status(forged)
    assert exc.value.code == "wrong_issuer"


def test_future_dated_status_lists_are_refused_beyond_the_clock_skew(
    rings: tuple[KeyRing, KeyRing], make_claims: Callable[..., Claims]
) -> None:
    a, _ = rings
    now = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
    text = encode(make_claims(issuer=A, status_index=0), *a.signer())
    ahead = StatusList.build(A, [Status.RETIRED], now=now + timedelta(days=30))
    with pytest.raises(CertificateError) as exc:
        StatusList.open(ahead.sign(*a.signer()), a.trusted(), now=now)
    assert exc.value.code == "future_status_list"
    assert verify(text, a.trusted(), ahead, now=now).code == "unknown_status"
    drift = StatusList.build(A, [Status.RETIRED], now=now + CLOCK_SKEW - timedelta(seconds=1))
    assert StatusList.open(drift.sign(*a.signer()), a.trusted(), now=now).issuer == A
    assert verify(text, a.trusted(), drift, now=now).code == "retired"


def test_unknown_issuer_forged_and_malformed_are_three_outcomes(
    rings: tuple[KeyRing, KeyRing], make_claims: Callable[..., Claims]
) -> None:
    a, b = rings
    text = encode(make_claims(issuer=A), *a.signer())
    unknown = verify(text, Trust.of(B, b.trusted()))
    assert (unknown.code, unknown.cannot_check, unknown.malformed) == ("unknown_issuer", True, False)
    altered = text[:-6] + ("AAAAAA" if not text.endswith("AAAAAA") else "BBBBBB")
    forged = verify(altered, Trust.of(A, a.trusted()))
    assert not forged.valid and not forged.cannot_check
    junk = verify("hello", Trust.of(A, a.trusted()))
    assert (junk.code, junk.malformed, junk.cannot_check) == ("wrong_prefix", True, False)


@pytest.fixture
def two_servers(tmp_path: Path) -> Iterator[list[tuple[str, Path]]]:
    servers = []
    for name in ("site-a", "site-b"):
        root = tmp_path / name
        root.mkdir()
        handler = partial(SimpleHTTPRequestHandler, directory=str(root))
        handler.log_message = lambda *args: None  # type: ignore[attr-defined]
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append((server, root))
    yield [(f"http://127.0.0.1:{s.server_address[1]}/", root) for s, root in servers]
    for server, _ in servers:
        server.shutdown()
        server.server_close()


def test_an_issuer_trusted_from_one_server_is_not_taken_over_by_another(
    two_servers: list[tuple[str, Path]], rings: tuple[KeyRing, KeyRing], tmp_path: Path
) -> None:
    (url_a, root_a), (url_b, root_b) = two_servers
    a, b = rings
    publish(root_a, a.all_keys(), StatusList.build(A, [Status.REVOKED]).sign(*a.signer()))
    publish(root_b, b.all_keys(), StatusList.build(A, [Status.RETIRED]).sign(*b.signer()))
    cache = TrustCache.load(tmp_path / "trust")
    assert cache.refresh(url_a) == A
    with pytest.raises(CertificateError, match="is trusted from"):
        cache.refresh(url_b)
    assert TrustCache.load(tmp_path / "trust").status_for(A).get(0) is Status.REVOKED  # type: ignore[union-attr]


def test_a_url_issuer_must_be_fetched_from_its_own_url(
    two_servers: list[tuple[str, Path]], rings: tuple[KeyRing, KeyRing], tmp_path: Path
) -> None:
    (url_a, _), (url_b, root_b) = two_servers
    _, b = rings
    publish(root_b, b.all_keys(), StatusList.build(url_a.rstrip("/"), [Status.RETIRED]).sign(*b.signer()))
    with pytest.raises(CertificateError) as exc:
        TrustCache.load(tmp_path / "trust").refresh(url_b)
    assert exc.value.code == "wrong_issuer"


def test_cli_exit_codes_tell_the_outcomes_apart(
    home: Path, two_servers: list[tuple[str, Path]], tmp_path: Path, make_claims: Callable[..., Claims]
) -> None:
    (url, root), _ = two_servers
    stranger = KeyRing(tmp_path / "stranger", environ={})
    text = encode(make_claims(issuer=A, status_index=0), *stranger.signer())
    unknown = run_cli(["verify", text])
    assert (
        unknown.exit_code == 4 and "[unknown_issuer]" in unknown.output and "CANNOT CHECK" in unknown.output
    )
    assert run_cli(["verify", "hello"]).exit_code == 2
    ahead = StatusList.build(A, [Status.RETIRED], now=datetime.now(UTC) + timedelta(days=30))
    publish(root, stranger.all_keys(), ahead.sign(*stranger.signer()))
    future = run_cli(["verify", text, "--online", url])
    assert future.exit_code == 2 and "future_status_list" in future.output
    publish(root, stranger.all_keys(), StatusList.build(A, [Status.RETIRED]).sign(*stranger.signer()))
    assert run_cli(["verify", text, "--online", url]).exit_code == 0
    local = KeyRing(home / "keys")
    impostor = encode(make_claims(issuer=A, status_index=0), *local.signer())
    forged = run_cli(["verify", impostor])
    assert forged.exit_code == 1 and "[wrong_issuer]" in forged.output
