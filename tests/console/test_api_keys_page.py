"""The console's API keys page: a key made there works against ``/api/v1`` on the same app, its
secret appears on the answer to the form and nowhere after, revoking it refuses it, another
organiser cannot see or revoke it, and bad input names its field and writes nothing."""

from __future__ import annotations

import re
from typing import Any

import pytest

from .webkit import client, post, sign_up

HOTEL = {"scene_type": "hotel", "answers": {"rooms": 1, "nights": 2, "country": "CN"}}


def _secret(html: str) -> str:
    found = re.search(r'id="secret" readonly value="(dd_[^"]+)"', html)
    assert found, "no secret on the page"
    return found.group(1)


def test_a_key_made_on_the_page_works_once_shown_and_revoked(platform: Any) -> None:
    ada = client(platform)
    sign_up(ada, "ada@example.org", "Ada")
    assert 'href="/console/keys"' in ada.get("/console").text  # in the navigation

    made = post(ada, "/console/keys/create", {"label": "Front desk", "scopes": ["footprints"]})
    assert made.status_code == 201 and made.headers["cache-control"] == "no-store"
    secret = _secret(made.text)
    assert "shown this once only" in made.text
    key_id = secret.split("_")[1]

    # the secret works against /api/v1 on the same app, within its scope only
    api = client(platform)
    answer = api.post("/api/v1/footprints", json=HOTEL, headers={"Authorization": f"Bearer {secret}"})
    assert answer.status_code == 200 and answer.json()["grams"] == 107_000, answer.text
    quote = api.post(
        "/api/v1/quotes",
        json={"project_id": "x", "grams": 1000},
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert quote.status_code == 403 and quote.json()["code"] == "missing_scope"

    # the list shows it without the secret, in both languages
    page = ada.get("/console/keys")
    assert page.status_code == 200 and "Front desk" in page.text and key_id in page.text
    assert secret not in page.text and secret.rsplit("_", 1)[1] not in page.text
    ada.get("/lang/zh-CN", follow_redirects=False)
    zh = ada.get("/console/keys")
    ada.get("/lang/en", follow_redirects=False)
    assert "API 密钥" in zh.text and "碳足迹" in zh.text and secret not in zh.text

    # another organiser sees nothing of it and cannot revoke it
    bob = client(platform)
    sign_up(bob, "bob@example.org", "Bob")
    assert key_id not in bob.get("/console/keys").text
    assert bob.get(f"/console/keys?revoke={key_id}").status_code == 404
    assert post(bob, f"/console/keys/{key_id}/revoke", {}).status_code == 404
    assert platform.api_keys.get(key_id).active

    # revoking asks first, then refuses the key at once
    confirm = ada.get(f"/console/keys?revoke={key_id}")
    assert confirm.status_code == 200 and f'action="/console/keys/{key_id}/revoke"' in confirm.text
    assert platform.api_keys.get(key_id).active  # asking changed nothing
    gone = post(ada, f"/console/keys/{key_id}/revoke", {})
    assert gone.status_code == 303 and gone.headers["location"] == "/console/keys#keys"
    refused = api.post("/api/v1/footprints", json=HOTEL, headers={"Authorization": f"Bearer {secret}"})
    assert refused.status_code in (401, 403) and refused.json()["code"] == "revoked_key"
    assert "Revoked" in ada.get("/console/keys").text
    trail = [(a.action, a.subject) for a in platform.accounts.actions(limit=100)]
    assert ("api_key.create", f"api_key:{key_id}") in trail and (
        "api_key.revoke",
        f"api_key:{key_id}",
    ) in trail


@pytest.mark.parametrize(
    ("form", "field", "words"),
    [
        ({"label": "POS"}, "scopes", "at least one scope"),
        ({"label": "POS", "scopes": ["everything"]}, "scopes", "unknown scope"),
        ({"label": "x" * 500, "scopes": ["footprints"]}, "label", "200"),
        ({"label": "front\x07desk", "scopes": ["footprints"]}, "label", "control"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(
    platform: Any, form: dict[str, Any], field: str, words: str
) -> None:
    ada = client(platform)
    sign_up(ada, "ada@example.org", "Ada")
    answer = post(ada, "/console/keys/create", form)
    assert answer.status_code == 422
    assert f'id="{field}-error"' in answer.text and words in answer.text.lower()
    assert 'id="secret"' not in answer.text
    assert platform.api_keys.list() == []
    assert [a.action for a in platform.accounts.actions(limit=100) if a.action.startswith("api_key")] == []


def _request_id(html: str) -> str:
    found = re.search(r'name="request_id" value="([^"]+)"', html)
    assert found, "no request id in the form"
    return found.group(1)


def test_sending_the_form_again_shows_the_key_it_made_and_makes_no_second(platform: Any) -> None:
    ada = client(platform)
    sign_up(ada, "ada@example.org", "Ada")
    form = {"label": "Front desk", "scopes": ["footprints"]}
    request_id = _request_id(ada.get("/console/keys").text)
    made = post(ada, "/console/keys/create", {**form, "request_id": request_id})
    assert made.status_code == 201
    secret = _secret(made.text)
    # a reload of the answer (the browser sends the same form again), or a double click
    again = post(ada, "/console/keys/create", {**form, "request_id": request_id})
    assert again.status_code == 200 and "This form already created a key" in again.text
    assert secret.split("_")[1] in again.text and secret not in again.text and 'id="secret"' not in again.text
    assert [k.key_id for k in platform.api_keys.list()] == [secret.split("_")[1]]
    # the answer carries a fresh form: it makes a new key
    fresh = post(ada, "/console/keys/create", {**form, "request_id": _request_id(again.text)})
    assert fresh.status_code == 201 and len(platform.api_keys.list()) == 2
    # another organiser's form with the same token is their own request
    bob = client(platform)
    sign_up(bob, "bob@example.org", "Bob")
    assert post(bob, "/console/keys/create", {**form, "request_id": request_id}).status_code == 201


def test_the_page_says_when_each_key_was_last_used(platform: Any) -> None:
    ada = client(platform)
    sign_up(ada, "ada@example.org", "Ada")
    secret = _secret(post(ada, "/console/keys/create", {"label": "POS", "scopes": ["footprints"]}).text)
    assert "Last used" in (page := ada.get("/console/keys").text) and "Never" in page
    answer = client(platform).post(
        "/api/v1/footprints", json=HOTEL, headers={"Authorization": f"Bearer {secret}"}
    )
    assert answer.status_code == 200
    used = platform.api_keys.get(secret.split("_")[1]).last_used_at
    assert used is not None
    assert "Never" not in ada.get("/console/keys").text
