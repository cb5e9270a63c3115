"""Fixtures for the certificate tests: a private data home, a key ring and sample claims."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import attrs
import pytest
from diandian.certificates import Claims, KeyRing, new_certificate_id


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh ``DIANDIAN_HOME`` with no signing key from the environment."""
    folder = tmp_path / "home"
    monkeypatch.setenv("DIANDIAN_HOME", str(folder))
    monkeypatch.delenv("DIANDIAN_SIGNING_KEY", raising=False)
    monkeypatch.delenv("DIANDIAN_SIGNING_KEY_FILE", raising=False)
    monkeypatch.delenv("DIANDIAN_DATABASE_URL", raising=False)
    return folder


@pytest.fixture
def ring(tmp_path: Path) -> KeyRing:
    return KeyRing(tmp_path / "keys", environ={})


@pytest.fixture
def make_claims() -> Callable[..., Claims]:
    def make(**changes: Any) -> Claims:
        claims = Claims(
            cert_id=new_certificate_id(),
            issuer="diandian:test",
            issued_at=datetime(2021, 9, 7, 10, 30, tzinfo=UTC),
            scene_id="cdnc-summit-2021",
            scene_name={
                "en": "First China Digital Carbon Neutrality Summit",
                "zh-CN": "首届中国数字碳中和高峰论坛",
            },
            scene_types=("conference",),
            footprint_g=38_200,
            neutralised_g=38_200,
            project_id="cdcer-longquan-forest",
            project_name={"en": "Longquan Mountain forest management", "zh-CN": "龙泉山森林经营"},
            program="CDCER",
            allocations=("CDCER-CN-51-0007-2023-000001-005000#u1:g0-38200",),
            status_index=0,
            display_name=None,
        )
        return attrs.evolve(claims, **changes)

    return make
