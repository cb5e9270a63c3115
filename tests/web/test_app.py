"""The app: language negotiation, the switch, security headers on every response, HSTS and\nsecure cookies behind HTTPS."""

from __future__ import annotations

import pytest
from diandian.web.app import create_app, safe_next
from diandian.web.i18n import negotiate
from litestar.testing import TestClient


@pytest.mark.parametrize(
    ("cookie", "header", "expected"),
    [
        (None, None, "en"),
        (None, "zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"),
        (None, "en-GB,en;q=0.9,zh;q=0.8", "en"),
        (None, "fr;q=1, zh-TW;q=0.5", "zh-CN"),
        (None, "en;q=0.1, zh;q=0.9", "zh-CN"),
        ("en", "zh-CN", "en"),
        ("klingon", "zh-CN", "zh-CN"),
        (None, "garbage;q=x, ;;,", "en"),
    ],
)
def test_negotiate(cookie, header, expected):
    assert negotiate(cookie, header) == expected


def test_page_in_both_languages(client):
    zh = client.get("/", headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    assert zh.status_code == 200
    assert '<html lang="zh-CN">' in zh.text and "现场碳中和" in zh.text
    en = client.get("/", headers={"Accept-Language": "en"})
    assert '<html lang="en">' in en.text and "Carbon neutrality on the spot" in en.text


def test_language_switch_kept_in_cookie(client):
    switched = client.get("/lang/zh-CN", params={"next": "/?q=1"}, follow_redirects=False)
    assert switched.status_code == 303 and switched.headers["location"] == "/?q=1"
    assert "现场碳中和" in client.get("/", headers={"Accept-Language": "en"}).text


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example", "javascript:alert(1)", "", None]
)
def test_switch_never_redirects_off_site(target):
    assert safe_next(target) == "/"


def test_security_headers(client):
    response = client.get("/")
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert client.get("/static/site.css").headers["x-content-type-options"] == "nosniff"


def test_https_deployment_sends_hsts_and_secure_cookies(demo_platform):
    import attrs
    from diandian.platform import Platform

    settings = attrs.evolve(demo_platform.settings, public_url="https://diandian.example.org")
    with TestClient(create_app(Platform(settings))) as client:
        response = client.get("/")
        assert "max-age" in response.headers["strict-transport-security"]
        assert "secure" in response.headers["set-cookie"].lower()


def test_no_path_has_two_threaded_handlers(client):
    """Litestar wraps the first of two ``sync_to_thread`` handlers on one path twice (it then
    answers 500): every form posts to a path of its own."""
    shared = {
        route.path: names
        for route in client.app.routes
        if len(names := [h.handler_name for h in getattr(route, "route_handlers", []) if h.sync_to_thread])
        > 1
    }
    assert not shared
