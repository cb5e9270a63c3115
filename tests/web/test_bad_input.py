"""Bad input typed into the visitor's forms: refused beside its field with the same limits as the
ledger and the certificate, never a server error, and nothing ordered."""

from __future__ import annotations

import re
import secrets

import pytest
from diandian.free_text import MAX_DISPLAY_NAME
from diandian.testing.strategies import hostile_strings
from diandian.web.visitor.pages import DEVICE_COOKIE
from hypothesis import HealthCheck, given, settings

from .test_pages import ANSWERS, csrf, start


def answered(client, lang: str = "en") -> tuple[str, str]:
    """A draft with a footprint, and its neutralise page."""
    token, page = start(client, lang)
    done = client.post(
        f"/d/{token}/answers", data={**ANSWERS, "_csrf_token": csrf(page)}, follow_redirects=False
    )
    assert done.status_code == 303
    return token, client.get(f"/d/{token}/neutralise", headers={"Accept-Language": lang}).text


def order(client, token: str, page: str, name: str, lang: str = "en"):
    project = re.findall(r'name="project" value="([^"]+)"', page)[0]
    return client.post(
        f"/d/{token}/order",
        data={"project": project, "display_name": name, "listed": "yes", "_csrf_token": csrf(page)},
        headers={"Accept-Language": lang},
        follow_redirects=False,
    )


@pytest.mark.parametrize(
    ("name", "lang", "shown"),
    [
        ("Lin\u202eevil", "en", "no control or invisible characters"),
        ("a\x1b[31mb", "en", "no control or invisible characters"),
        ("\u200b", "zh-CN", "不要含控制字符或不可见字符"),
        ("x" * (MAX_DISPLAY_NAME + 1), "en", f"At most {MAX_DISPLAY_NAME} characters."),
        ("名" * (MAX_DISPLAY_NAME + 1), "zh-CN", f"最多 {MAX_DISPLAY_NAME} 个字符。"),
    ],
)
def test_a_display_name_the_certificate_would_refuse_is_refused_beside_its_field(
    client, demo_platform, name: str, lang: str, shown: str
) -> None:
    # a right-to-left override once reached the participants table and answered 500
    token, page = answered(client, lang)
    before = len(demo_platform.orders(limit=1000))
    refused = order(client, token, page, name, lang)
    assert refused.status_code == 400
    assert shown in refused.text
    assert len(demo_platform.orders(limit=1000)) == before  # nothing reserved


def test_a_name_at_the_limit_after_normalisation_is_certified(client, demo_platform) -> None:
    # 'e' + combining acute, 64 times: 128 code points, 64 characters once NFC-composed, which is
    # how the ledger and the certificate count; the form used to count 128 and refuse it
    name = "e\u0301" * MAX_DISPLAY_NAME
    token, page = answered(client)
    placed = order(client, token, page, name)
    assert placed.status_code == 303
    checkout = client.get(placed.headers["location"]).text
    paid = client.post(f"/d/{token}/pay", data={"_csrf_token": csrf(checkout)}, follow_redirects=False)
    cert_id = paid.headers["location"].rsplit("/", 1)[1]
    assert demo_platform.certificate(cert_id).claims.display_name == "é" * MAX_DISPLAY_NAME


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=hostile_strings)
def test_hostile_display_names_never_fail_the_server(client, name: str) -> None:
    # a new visitor each time: one visitor's (or address's) orders are rate limited
    client.cookies.clear()
    client.cookies.set(DEVICE_COOKIE, secrets.token_urlsafe(16))
    token, page = answered(client)
    answer = order(client, token, page, name)
    assert answer.status_code in (303, 400), answer.text[:300]


@pytest.mark.parametrize(
    ("days", "shown"),
    [
        ("9" * 300, "is a number 300 digits long; at most 40 allowed"),  # not cut to 200 first
        ("－1", "must be at least 1"),  # a full-width minus is a minus
        ("１２３４５６７８９０" * 5, "is a number 50 digits long"),
    ],
)
def test_numbers_typed_in_the_calculator_are_read_whole(client, days: str, shown: str) -> None:
    token, page = start(client)
    refused = client.post(f"/d/{token}/answers", data={**ANSWERS, "days": days, "_csrf_token": csrf(page)})
    assert refused.status_code == 400
    assert shown in refused.text


def test_a_place_pasted_with_invisible_characters_is_found(client) -> None:
    token, page = start(client)
    pasted = {**ANSWERS, "legs.0.from_place": "\u202e北京\u200b"}
    done = client.post(
        f"/d/{token}/answers", data={**pasted, "_csrf_token": csrf(page)}, follow_redirects=False
    )
    assert done.status_code == 303
