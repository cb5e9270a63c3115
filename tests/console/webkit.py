"""Helpers for the console's in-process web tests: a platform on a SQLite file, a client per
browser (cookies kept), forms posted with their CSRF token, a visitor who computes, pays and
gets a certificate through the platform calls the visitor pages make."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from diandian.platform import Platform
from diandian.settings import Settings
from diandian.web.app import CSRF_COOKIE, create_app
from litestar.testing import TestClient

from .conftest import FAST_HASHER

PASSWORD = "correct horse battery"
ORGANISER_ANSWERS = {"attendees": 120, "days": 2}


def make_platform(tmp_path: Path, url: str | None = None) -> Platform:
    settings = Settings(
        database_url=url or f"sqlite:///{tmp_path / 'diandian.db'}",
        home=tmp_path / "home",
        public_url="https://dd.example",
    )
    platform = Platform(settings, environ={})
    platform.init()
    platform.load_catalogue()
    platform.accounts.hasher = FAST_HASHER
    return platform


def client(platform: Platform) -> TestClient[Any]:
    return TestClient(
        create_app(platform, secret="test-secret"),
        base_url="https://testserver.local",
    )


def csrf(c: TestClient[Any]) -> str:
    if CSRF_COOKIE not in c.cookies:
        c.get("/console/sign-in")
    return str(c.cookies[CSRF_COOKIE])


def post(c: TestClient[Any], url: str, data: dict[str, Any], **kwargs: Any) -> Any:
    return c.post(url, data={**data, "_csrf_token": csrf(c)}, follow_redirects=False, **kwargs)


def sign_up(c: TestClient[Any], email: str, name: str = "Organiser") -> Any:
    response = post(c, "/console/sign-up", {"email": email, "display_name": name, "password": PASSWORD})
    assert response.status_code == 303, response.text
    return response


def sign_in(c: TestClient[Any], email: str) -> Any:
    response = post(c, "/console/sign-in/submit", {"email": email, "password": PASSWORD})
    assert response.status_code == 303, response.text
    return response


SCENE_FORM = {
    "slug": "cdcn-summit",
    "name_en": "Digital Carbon Neutrality Summit",
    "name_zh": "数字碳中和高峰论坛",
    "scene_types": ["conference", "hotel"],
    "place": "成都",
    "starts": "2026-09-07",
    "ends": "2026-09-08",
    "visibility": "public",
}


def create_scene(c: TestClient[Any], **changes: Any) -> str:
    response = post(c, "/console/scenes/create", {**SCENE_FORM, **changes})
    assert response.status_code == 303, response.text
    return str(response.headers["location"]).rsplit("/", 1)[1]


def one_visitor_on_two_scenes(c: TestClient[Any], platform: Platform) -> tuple[str, str, str]:
    """Scenes ``cdcn-summit`` and ``expo`` of the signed-in organiser, and the participant Lin
    Xiaoming, listed and certified for 1.5 kg on each: ``(first, second, participant id)``."""
    first = create_scene(c)
    second = create_scene(c, slug="expo", name_en="Green Expo", name_zh="绿色博览会")
    lin = platform.new_participant("Lin Xiaoming", listed=True)
    for scene_id in (first, second):
        purchase = platform.buy(1_500, participant_id=lin, scene=scene_id, beneficiary="Lin Xiaoming")
        platform.issue_certificate(purchase.order.order_id)
    return first, second, lin


def visitor_answers(platform: Platform, scene_id: str) -> dict[str, Any]:
    """A visitor's answers to the scene's form: a flight from Beijing, two days, two nights."""
    flat = {"legs": [{"mode": "flight", "from_place": "PEK"}], "days": 2, "nights": 2}
    form = platform.questionnaire(scene_id)
    if not form.mixed:
        return flat
    answers: dict[str, Any] = {}
    for part in form.parts:
        ids = {q.id for q in part.questionnaire.questions()}
        scope = {k: v for k, v in flat.items() if k in ids}
        if part.key is None:
            answers.update(scope)
        else:
            answers[part.key] = scope
    return answers


def organiser_with_scene(platform: Platform, email: str = "ada@example.org") -> Any:
    """``Acting`` for a new organiser who owns the conference scene ``summit`` in Chengdu."""
    from diandian import Scene
    from diandian.acting import Acting

    acting = Acting(platform, platform.accounts.sign_up(email, PASSWORD, "Ada"))
    scene = Scene(
        id="summit",
        name={"en": "Summit", "zh-CN": "峰会"},
        scene_types=("conference",),
        place=platform.resolve_place("成都"),
    )
    acting.create_scene(scene)
    return acting


def visit(platform: Platform, scene_id: str, name: str = "Lin") -> tuple[Any, Any]:
    """A visitor computes, keeps, pays and is certified, as the visitor pages do it."""
    footprint = platform.footprint(scene_id, visitor_answers(platform, scene_id))
    participant = platform.new_participant(name, listed=True)
    platform.record_footprint(participant, footprint)
    purchase = platform.buy(footprint.grams, participant_id=participant, scene=scene_id, beneficiary=name)
    certificate = platform.issue_certificate(purchase.order.order_id, footprint=footprint)
    return footprint, certificate
