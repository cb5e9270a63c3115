"""Bad input through /api/v1, the kinds issue 13 found at the CLI: every one a 4xx body naming
its field, never a 500, never an echo of a megabyte, and text typed with a Chinese input method
read as the web form reads it."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from typing import Any

import pytest
from diandian.errors import MAX_MESSAGE
from diandian.testing.strategies import hostile_strings, long_numbers
from diandian.web.app import create_app
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from litestar.testing import TestClient

from .harness import Deployment

PROJECT = "demo-cdcer-forest"
JSON = {"Content-Type": "application/json"}
_keys = itertools.count()


@pytest.fixture(scope="module")
def api(deployment: Deployment) -> Iterator[TestClient[Any]]:
    with TestClient(create_app(deployment.platform), base_url="http://testserver.local/api/v1/") as client:
        client.headers["Authorization"] = f"Bearer {deployment.key}"
        yield client


def order(api: TestClient[Any], body: dict[str, Any] | bytes) -> Any:
    content = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
    return api.post("orders", content=content, headers={**JSON, "Idempotency-Key": f"bad-{next(_keys)}"})


def test_grams_typed_in_full_width_are_the_same_order(api: TestClient[Any]) -> None:
    # '３８．２ｋｇ' is 38.2 kg = 38,200 g, as `diandian ledger buy ３８．２ｋｇ` reads it
    placed = order(api, {"project_id": PROJECT, "grams": "３８．２ｋｇ"})
    assert placed.status_code == 201, placed.text
    assert placed.json()["order"]["grams"] == 38_200


@pytest.mark.parametrize(
    ("body", "code", "field"),
    [
        (
            b'{"project_id": "%s", "grams": ' % PROJECT.encode() + b"9" * 4300 + b"}",
            "too_many_digits",
            "grams",
        ),
        (b'{"project_id": "%s", "grams": NaN}' % PROJECT.encode(), "not_finite", "grams"),
        (
            b'{"project_id": "%s", "grams": 1000, "grams": 999999999}' % PROJECT.encode(),
            "duplicate_key",
            "grams",
        ),
        ({"project_id": PROJECT, "grams": "9" * 4300}, "too_many_digits", "grams"),
        ({"project_id": PROJECT, "grams": 1000, "beneficiary": "Lin\u202eevil"}, "control", "beneficiary"),
        ({"project_id": PROJECT, "grams": 1000, "beneficiary": "x" * 65}, "too_long", "beneficiary"),
        (
            {"project_id": PROJECT, "grams": 1000, "metadata": {"note": "x" * 501}},
            "too_long",
            "metadata.note",
        ),
    ],
)
def test_each_kind_of_bad_order_is_refused_by_name(
    api: TestClient[Any], deployment: Deployment, body: Any, code: str, field: str
) -> None:
    before = len(deployment.platform.orders(limit=1000))
    answer = order(api, body)
    assert answer.status_code == 422, answer.text
    assert (answer.json()["code"], answer.json()["field"]) == (code, field)
    assert len(deployment.platform.orders(limit=1000)) == before


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("orders", {"project_id": "p" * 100_000, "grams": 1000}),
        ("orders", {"project_id": PROJECT, "grams": 1000, "scene": "s" * 100_000}),
        ("orders", {"project_id": PROJECT, "grams": 1000, "participant_id": "i" * 100_000}),
        ("certificates", {"order_id": "o" * 100_000}),
        ("footprints", {"scene_type": "h" * 100_000, "answers": {}}),
        ("footprints", {"scene_type": "hotel", "answers": {}, "lang": "z" * 100_000}),
    ],
)
def test_an_unknown_name_is_not_echoed_back_whole(api: TestClient[Any], path: str, body: Any) -> None:
    # a 100,000-character id once came back twice in a 200 kB error body
    answer = api.post(path, json=body, headers={"Idempotency-Key": f"echo-{next(_keys)}"})
    assert 400 <= answer.status_code < 500, answer.text[:300]
    error = answer.json()
    assert len(error["message"]) <= MAX_MESSAGE
    assert all(len(p["message"]) <= MAX_MESSAGE for p in error["problems"])
    assert len(answer.content) < 4 * MAX_MESSAGE


_names = st.one_of(hostile_strings, st.text(max_size=80), long_numbers)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    field=st.sampled_from(["beneficiary", "project_id", "scene", "participant_id", "grams", "metadata"]),
    value=_names,
)
def test_hostile_order_fields_are_refused_never_a_server_error(
    api: TestClient[Any], field: str, value: str
) -> None:
    body: dict[str, Any] = {"project_id": PROJECT, "grams": 1000}
    body[field] = {value: "x"} if field == "metadata" else value
    answer = order(api, body)
    assert answer.status_code in (201, 400, 404, 409, 422), answer.text[:300]
    if answer.status_code != 201:
        assert answer.json()["code"] and len(answer.json()["message"]) <= MAX_MESSAGE


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=hostile_strings)
def test_hostile_display_names_are_refused_by_name(api: TestClient[Any], name: str) -> None:
    answer = api.post("participants", json={"display_name": name})
    assert answer.status_code in (201, 422), answer.text[:300]
    if answer.status_code == 422:
        assert answer.json()["field"] == "display_name"
