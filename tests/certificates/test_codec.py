"""QR text encoding: round trips, tampering of any byte, swapped keys, replayed signatures, garbage."""

from __future__ import annotations

import zlib
from collections.abc import Callable
from datetime import UTC, datetime

import base45
import cbor2
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from diandian.certificates import Claims, KeyRing, codec, cose, decode, encode, verify
from diandian.certificates.errors import CertificateError
from diandian.certificates.keys import key_id
from hypothesis import given, settings
from hypothesis import strategies as st


def test_round_trip_and_size(ring: KeyRing, make_claims: Callable[..., Claims]) -> None:
    claims = make_claims(display_name="小林")
    key, kid = ring.signer()
    text = encode(claims, key, kid)
    assert text.startswith("DD1:")
    # every character is in the QR alphanumeric set, so the code uses the compact mode
    assert set(text) <= set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
    assert len(text) < 700
    assert decode(text, ring.trusted()) == (claims, kid)


names = st.fixed_dictionaries(
    {"en": st.text(min_size=1, max_size=40), "zh-CN": st.text(min_size=1, max_size=20)}
)


@st.composite
def any_claims(draw: st.DrawFn) -> Claims:
    return Claims(
        cert_id=draw(st.text(min_size=1, max_size=30)),
        issuer=draw(st.text(max_size=40)),
        issued_at=datetime.fromtimestamp(draw(st.integers(0, 4_000_000_000)), UTC),
        scene_id=draw(st.text(max_size=40)),
        scene_name=draw(names),
        scene_types=tuple(draw(st.lists(st.text(max_size=20), max_size=4))),
        footprint_g=draw(st.integers(0, 10**15)),
        neutralised_g=draw(st.integers(0, 10**15)),
        project_id=draw(st.text(max_size=40)),
        project_name=draw(names),
        program=draw(st.text(max_size=10)),
        allocations=tuple(draw(st.lists(st.text(max_size=60), max_size=5))),
        status_index=draw(st.integers(0, 2**40)),
        display_name=draw(st.none() | st.text(max_size=30)),
    )


@settings(max_examples=150, deadline=None)
@given(claims=any_claims())
def test_any_valid_claims_round_trip(claims: Claims) -> None:
    key = Ed25519PrivateKey.generate()
    kid = key_id(key.public_key())
    assert decode(encode(claims, key, kid), {kid: key.public_key()}) == (claims, kid)


def _cose(text: str) -> bytes:
    return codec.unpack(text)


def test_flipping_any_byte_is_rejected(ring: KeyRing, make_claims: Callable[..., Claims]) -> None:
    key, kid = ring.signer()
    signed = _cose(encode(make_claims(), key, kid))
    trusted = ring.trusted()
    for position in range(len(signed)):
        for mask in (0x01, 0x80, 0xFF):
            altered = bytearray(signed)
            altered[position] ^= mask
            verdict = verify(codec.pack(bytes(altered)), trusted)
            assert not verdict.valid, (position, mask)


def test_changing_any_character_of_the_text_is_rejected(
    ring: KeyRing, make_claims: Callable[..., Claims]
) -> None:
    key, kid = ring.signer()
    text = encode(make_claims(), key, kid)
    trusted = ring.trusted()
    for position in range(len(codec.PREFIX), len(text)):
        replacement = "0" if text[position] != "0" else "1"
        assert not verify(text[:position] + replacement + text[position + 1 :], trusted).valid, position


def test_key_swap_is_rejected(ring: KeyRing, make_claims: Callable[..., Claims]) -> None:
    _, kid = ring.signer()
    forger = Ed25519PrivateKey.generate()
    # the forger claims the genuine key id: the signature does not verify under that key
    verdict = verify(encode(make_claims(), forger, kid), ring.trusted())
    assert (verdict.valid, verdict.code) == (False, "bad_signature")
    # the forger uses their own key id: that key is not trusted
    verdict = verify(encode(make_claims(), forger, key_id(forger.public_key())), ring.trusted())
    assert (verdict.valid, verdict.code) == (False, "unknown_key")


def test_replaying_another_certificates_signature_is_rejected(
    ring: KeyRing, make_claims: Callable[..., Claims]
) -> None:
    key, kid = ring.signer()
    small = cose.parse(_cose(encode(make_claims(footprint_g=1_000, neutralised_g=1_000), key, kid)))
    large = cose.parse(_cose(encode(make_claims(footprint_g=900_000, neutralised_g=900_000), key, kid)))
    forged = cbor2.dumps(cbor2.CBORTag(18, [large.protected, {}, large.payload, small.signature]))
    verdict = verify(codec.pack(forged), ring.trusted())
    assert (verdict.valid, verdict.code) == (False, "bad_signature")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("HC1:NCFOXN%TS", "wrong_prefix"),
        ("https://example.org/c/123", "wrong_prefix"),
        ("DD1:", "not_zlib"),
        ("DD1:abc", "not_base45"),
        ("DD1:" + "A" * 9000, "too_long"),
        ("DD1:" + base45.b45encode(b"not compressed").decode(), "not_zlib"),
        ("DD1:" + base45.b45encode(zlib.compress(b"\xff\x00garbage")).decode(), "not_cose"),
        ("DD1:" + base45.b45encode(zlib.compress(cbor2.dumps([1, 2, 3]))).decode(), "not_cose"),
        ("DD1:" + base45.b45encode(zlib.compress(b"\0" * 1_000_000)).decode(), "too_large"),
    ],
)
def test_garbage_gets_a_named_reason(ring: KeyRing, text: str, code: str) -> None:
    verdict = verify(text, ring.trusted())
    assert (verdict.valid, verdict.code) == (False, code)
    assert verdict.reason


def test_malformed_claims_signed_by_a_trusted_key_are_refused(ring: KeyRing) -> None:
    key, kid = ring.signer()
    payload = cbor2.dumps({1: "x", 6: 0, 7: "id", codec.CLAIM_KEY: {"v": 1, "fp": "lots"}})
    verdict = verify(codec.pack(cose.sign(payload, key, kid)), ring.trusted())
    assert (verdict.valid, verdict.code) == (False, "malformed_claims")
    with pytest.raises(CertificateError, match="footprint_g"):
        codec.claims_from_cbor(cbor2.dumps({codec.CLAIM_KEY: {"v": 1, "sc": "s", "fp": True}}))
