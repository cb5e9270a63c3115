"""A platform on a fresh SQLite file, its own data home, and the summit stored as a scene."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from diandian.places import Place
from diandian.platform import Platform
from diandian.plugins import PluginHost
from diandian.scenes import Scene
from diandian.settings import Settings

SUMMIT = Scene(
    id="cdcn-summit-2021",
    name={"en": "First China Digital Carbon Neutrality Summit", "zh-CN": "首届中国数字碳中和高峰论坛"},
    scene_types=("conference",),
    place=Place("CN", "Chengdu", {"en": "Chengdu", "zh-CN": "成都"}, 30.66667, 104.06667, region="CN-51"),
    starts=dt.date(2021, 9, 7),
    ends=dt.date(2021, 9, 7),
    organiser="Chengdu (demo)",
)


@pytest.fixture(scope="session")
def host() -> PluginHost:
    return PluginHost(environ={}).load()


@pytest.fixture
def site(tmp_path: Path, host: PluginHost) -> Iterator[Platform]:
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'dd.db'}",
        home=tmp_path / "home",
        issuer="diandian:test",
        public_url="https://dd.example.org",
    )
    platform = Platform(settings, host=host, environ={})
    platform.init()
    platform.load_catalogue()
    yield platform
    platform.close()
