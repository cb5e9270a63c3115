"""Key ring: owner-only files, rotation keeps old certificates valid, withdrawal, keys from outside."""

from __future__ import annotations

import base64
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from diandian.certificates import CertificateError, Claims, KeyRing, encode, trusted_from_jwks, verify


def test_first_signing_generates_an_owner_only_key(tmp_path: Path) -> None:
    ring = KeyRing(tmp_path / "keys", environ={})
    # reading a ring that does not exist finds no key and writes nothing
    assert (ring.exists, ring.all_keys(), ring.trusted(), ring.jwks()) == (False, [], {}, {"keys": []})
    assert not (tmp_path / "keys").exists()
    _key, kid = ring.signer()
    (info,) = ring.all_keys()
    assert info.kid == kid and ring.exists
    pem = tmp_path / "keys" / f"{info.kid.hex()}.pem"
    assert stat.S_IMODE(pem.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "keys").stat().st_mode) == 0o700
    # opening the ring again reuses the key
    assert KeyRing(tmp_path / "keys", environ={}).signer()[1] == info.kid


def test_rotation_keeps_old_certificates_verifiable(
    ring: KeyRing, make_claims: Callable[..., Claims]
) -> None:
    old_key, old_kid = ring.signer()
    before = encode(make_claims(), old_key, old_kid)
    new = ring.rotate()
    new_key, new_kid = ring.signer()
    assert new_kid == new.kid != old_kid
    after = encode(make_claims(), new_key, new_kid)
    states = {info.kid: info.state for info in ring.all_keys()}
    assert states == {old_kid: "retired", new_kid: "active"}
    # a verifier that only knows the published key set accepts both
    published = trusted_from_jwks(ring.jwks())
    assert verify(before, published).genuine
    assert verify(after, published).genuine


def test_withdrawn_key_no_longer_verifies(ring: KeyRing, make_claims: Callable[..., Claims]) -> None:
    key, kid = ring.signer()
    text = encode(make_claims(), key, kid)
    with pytest.raises(CertificateError, match="rotate first"):
        ring.withdraw(kid)
    ring.rotate()
    ring.withdraw(kid)
    assert kid not in trusted_from_jwks(ring.jwks())
    assert verify(text, trusted_from_jwks(ring.jwks())).code == "unknown_key"
    assert not (ring.folder / f"{kid.hex()}.pem").exists()


@pytest.mark.parametrize("form", ["pem", "seed"])
def test_signing_key_from_the_environment(
    tmp_path: Path, form: str, make_claims: Callable[..., Claims]
) -> None:
    private = Ed25519PrivateKey.generate()
    if form == "pem":
        value = private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ).decode()
    else:
        value = base64.b64encode(private.private_bytes_raw()).decode()
    ring = KeyRing(tmp_path / "keys", environ={"DIANDIAN_SIGNING_KEY": value})
    key, kid = ring.signer()
    assert key.public_key() == private.public_key()
    assert not list((tmp_path / "keys").glob("*.pem"))  # never written to disk
    assert verify(encode(make_claims(), key, kid), trusted_from_jwks(ring.jwks())).genuine


def test_signing_key_file_and_bad_keys(tmp_path: Path) -> None:
    path = tmp_path / "signing.key"
    path.write_text(base64.b64encode(Ed25519PrivateKey.generate().private_bytes_raw()).decode())
    assert KeyRing(tmp_path / "a", environ={"DIANDIAN_SIGNING_KEY_FILE": str(path)}).signer()
    with pytest.raises(CertificateError, match="does not hold an Ed25519 private key"):
        KeyRing(tmp_path / "b", environ={"DIANDIAN_SIGNING_KEY": "not a key"})
    with pytest.raises(CertificateError, match="cannot read signing key file"):
        KeyRing(tmp_path / "c", environ={"DIANDIAN_SIGNING_KEY_FILE": str(tmp_path / "missing")})


def test_jwks_with_a_lying_key_id_is_refused(ring: KeyRing) -> None:
    document = ring.jwks()
    document["keys"][0]["kid"] = "AAAAAAAAAAA"
    with pytest.raises(CertificateError, match="does not match"):
        trusted_from_jwks(document)
    with pytest.raises(CertificateError, match="'keys' list"):
        trusted_from_jwks({"nope": 1})
