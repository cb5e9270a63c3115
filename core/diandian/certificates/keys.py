"""Signing keys: made when first needed to sign, kept owner-only, rotated without orphaning old certificates.

A key ring lives in a folder: ``keyring.json`` lists every key (key id, public key, state) and
each private key is a PKCS#8 PEM file readable by its owner only. States:

* ``active`` — signs new certificates and status lists (exactly one);
* ``retired`` — no longer signs, still published, so certificates it signed keep verifying;
* ``withdrawn`` — no longer published or trusted (a compromised key): its certificates fail.

``$DIANDIAN_SIGNING_KEY`` (a PEM, or the Base64 of the 32-byte seed) or
``$DIANDIAN_SIGNING_KEY_FILE`` supply the signing key from outside instead, as deployments
with a secrets manager do; such a key is never written to disk.

The key id is the first 8 bytes of the SHA-256 of the raw public key (the HC1 convention).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import attrs
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ..files import write_atomically
from ..json_input import load_path
from .errors import CertificateError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: one process at a time is the operator's job
    fcntl = None  # type: ignore[assignment]

KEY_ENV = "DIANDIAN_SIGNING_KEY"
KEY_FILE_ENV = "DIANDIAN_SIGNING_KEY_FILE"
RING_FILE = "keyring.json"

Trusted = Mapping[bytes, Ed25519PublicKey]


def raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(key: Ed25519PublicKey) -> bytes:
    return hashlib.sha256(raw_public(key)).digest()[:8]


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@attrs.frozen
class KeyInfo:
    """One key of the ring as published: id, raw public key, when it was made, its state."""

    kid: bytes
    public: bytes
    created_at: str
    state: str = "active"

    @property
    def public_key(self) -> Ed25519PublicKey:
        return Ed25519PublicKey.from_public_bytes(self.public)

    def to_jwk(self) -> dict[str, str]:
        return {
            "kty": "OKP",
            "crv": "Ed25519",
            "alg": "EdDSA",
            "use": "sig",
            "kid": _b64url(self.kid),
            "x": _b64url(self.public),
        }


def jwks(keys: Iterable[KeyInfo]) -> dict[str, Any]:
    """The JSON Web Key Set (RFC 7517/8037) of the keys that verifiers should trust."""
    return {"keys": [key.to_jwk() for key in keys if key.state != "withdrawn"]}


def trusted_from_jwks(document: Any) -> dict[bytes, Ed25519PublicKey]:
    """The trusted keys of a JWKS document; a key whose id does not match its bytes is refused."""
    if not isinstance(document, dict) or not isinstance(document.get("keys"), list):
        raise CertificateError("bad_jwks", "the key set must be a JSON object with a 'keys' list")
    keys: dict[bytes, Ed25519PublicKey] = {}
    for n, jwk in enumerate(document["keys"]):
        if not isinstance(jwk, dict) or jwk.get("kty") != "OKP" or jwk.get("crv") != "Ed25519":
            continue  # other key types may be published for other uses
        try:
            public = Ed25519PublicKey.from_public_bytes(_unb64url(str(jwk["x"])))
            kid = _unb64url(str(jwk["kid"]))
        except (KeyError, ValueError, binascii.Error):
            raise CertificateError("bad_jwks", f"key {n} of the key set is not a valid Ed25519 JWK") from None
        if kid != key_id(public):
            raise CertificateError("bad_jwks", f"key {n} of the key set has a key id that does not match it")
        keys[kid] = public
    return keys


def _private_from_text(text: str, source: str) -> Ed25519PrivateKey:
    data = text.strip()
    try:
        if data.startswith("-----BEGIN"):
            key = serialization.load_pem_private_key(data.encode(), password=None)
        else:
            key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(data, validate=True))
    except (ValueError, TypeError, binascii.Error) as exc:
        raise CertificateError("bad_key", f"{source} does not hold an Ed25519 private key ({exc})") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise CertificateError("bad_key", f"{source} holds a key that is not Ed25519")
    return key


class KeyRing:
    """The signing keys kept in ``folder``, plus any key from the environment.

    Reading the ring (:meth:`all_keys`, :meth:`trusted`, :meth:`jwks`) never writes: a ring
    that does not exist has no keys. The folder (owner-only) and the first key are made when a
    key is first needed to sign (:meth:`signer`) or by :meth:`rotate`.
    """

    def __init__(self, folder: Path, environ: Mapping[str, str] | None = None) -> None:
        self.folder = folder
        self._environ = os.environ if environ is None else environ
        self._ring = folder / RING_FILE
        self._external = self._external_key()

    @property
    def exists(self) -> bool:
        """Whether there is a key ring in :attr:`folder`, or a signing key from the environment."""
        return self._external is not None or self._ring.exists()

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the ring's lock file while it is read and rewritten (other processes wait)."""
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        with (self.folder / "keyring.lock").open("a") as handle:
            if fcntl is not None:
                fcntl.flock(handle, fcntl.LOCK_EX)
            yield

    def _external_key(self) -> Ed25519PrivateKey | None:
        if self._environ.get(KEY_ENV):
            return _private_from_text(self._environ[KEY_ENV], f"${KEY_ENV}")
        if self._environ.get(KEY_FILE_ENV):
            path = Path(self._environ[KEY_FILE_ENV])
            try:
                return _private_from_text(path.read_text(), str(path))
            except OSError as exc:
                raise CertificateError("bad_key", f"cannot read signing key file {path}: {exc}") from None
        return None

    def _load(self) -> list[KeyInfo]:
        if not self._ring.exists():
            return []
        data = load_path(self._ring)
        return [
            KeyInfo(bytes.fromhex(k["kid"]), bytes.fromhex(k["public"]), k["created_at"], k["state"])
            for k in data["keys"]
        ]

    def _save(self, keys: list[KeyInfo]) -> None:
        data = {
            "keys": [
                {"kid": k.kid.hex(), "public": k.public.hex(), "created_at": k.created_at, "state": k.state}
                for k in keys
            ]
        }
        write_atomically(self._ring, json.dumps(data, indent=2).encode())

    def _add(self, private: Ed25519PrivateKey) -> KeyInfo:
        public = private.public_key()
        info = KeyInfo(key_id(public), raw_public(public), datetime.now(UTC).isoformat(timespec="seconds"))
        pem = private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        write_atomically(self.folder / f"{info.kid.hex()}.pem", pem, private=True)
        keys = [attrs.evolve(k, state="retired") if k.state == "active" else k for k in self._load()]
        self._save([*keys, info])
        return info

    def all_keys(self) -> list[KeyInfo]:
        """Every key of the ring (and the environment's key, if any), oldest first."""
        keys = self._load()
        if self._external is not None:
            public = self._external.public_key()
            kid = key_id(public)
            keys = [
                attrs.evolve(k, state="retired") if k.state == "active" and k.kid != kid else k
                for k in keys
                if k.kid != kid
            ]
            keys.append(KeyInfo(kid, raw_public(public), "external"))
        return keys

    def signer(self) -> tuple[Ed25519PrivateKey, bytes]:
        """The active private key and its key id; the first key is made here if there is none."""
        if self._external is not None:
            return self._external, key_id(self._external.public_key())
        active = next((k for k in self._load() if k.state == "active"), None)
        if active is None:
            with self._locked():  # two first uses at once must not make two "active" keys
                active = next((k for k in self._load() if k.state == "active"), None)
                if active is None:
                    active = self._add(Ed25519PrivateKey.generate())
        path = self.folder / f"{active.kid.hex()}.pem"
        return _private_from_text(path.read_text(), str(path)), active.kid

    def trusted(self) -> dict[bytes, Ed25519PublicKey]:
        """Public keys that verify: active and retired, never withdrawn."""
        return {k.kid: k.public_key for k in self.all_keys() if k.state != "withdrawn"}

    def jwks(self) -> dict[str, Any]:
        return jwks(self.all_keys())

    def rotate(self) -> KeyInfo:
        """Make a new active key; the old one is retired and stays published."""
        with self._locked():
            return self._add(Ed25519PrivateKey.generate())

    def withdraw(self, kid: bytes) -> KeyInfo:
        """Stop trusting ``kid`` (a compromised key). The active key cannot be withdrawn."""
        with self._locked():
            return self._withdraw(kid)

    def _withdraw(self, kid: bytes) -> KeyInfo:
        keys = self._load()
        found = next((k for k in keys if k.kid == kid), None)
        if found is None:
            raise CertificateError("unknown_key", f"no key {kid.hex()} in the key ring")
        if found.state == "active":
            raise CertificateError("active_key", "rotate first: the active key cannot be withdrawn")
        withdrawn = attrs.evolve(found, state="withdrawn")
        self._save([withdrawn if k.kid == kid else k for k in keys])
        (self.folder / f"{kid.hex()}.pem").unlink(missing_ok=True)
        return withdrawn
