"""The digest under which a secret token is stored: sessions, reset links, API key secrets,
visitor drafts, devices, recovery codes, and rate-limit counter names.

Every such token is random (128 bits or more), so a fast hash is enough: there is nothing to
brute-force that a slow password hash would protect, and a stolen table holds no usable token.
"""

from __future__ import annotations

import hashlib


def digest(token: str) -> str:
    """The SHA-256 of ``token``'s UTF-8 bytes, as 64 lowercase hex digits."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
