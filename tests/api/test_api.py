"""/api/v1 in-process: every endpoint, the error body, idempotency, scopes, strict JSON, OpenAPI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from diandian.web.app import create_app
from litestar.testing import TestClient

from .harness import Deployment


@pytest.fixture(scope="module")
def api(deployment: Deployment) -> Iterator[TestClient[Any]]:
    with TestClient(create_app(deployment.platform), base_url="http://testserver.local/api/v1/") as client:
        client.headers["Authorization"] = f"Bearer {deployment.key}"
        yield client


HOTEL = {"scene_type": "hotel", "answers": {"rooms": 1, "nights": 2, "country": "CN"}}


def test_footprint_is_the_sdk_footprint(api: TestClient[Any], deployment: Deployment) -> None:
    body = api.post("footprints", json=HOTEL)
    assert body.status_code == 200, body.text
    local = deployment.platform.engine.footprint("hotel", HOTEL["answers"])
    assert body.json()["grams"] == local.grams == 107_000
    assert body.json()["lines"][0]["factor"]["source"]["publisher"] == local.lines[0].factor.source.publisher


def test_bad_answers_name_the_field(api: TestClient[Any]) -> None:
    answer = api.post("footprints", json={"scene_type": "hotel", "answers": {"rooms": 1, "nights": -2}})
    assert answer.status_code == 422
    body = answer.json()
    assert (body["code"], body["field"]) == ("below_minimum", "answers.nights")
    assert body["problems"][0]["path"] == "answers.nights"


@pytest.mark.parametrize(
    ("payload", "status", "code", "field"),
    [
        ({"scene_type": "karaoke", "answers": {}}, 422, "unknown_scene_type", "scene_type"),
        ({"answers": {}}, 422, "required", "scene_type"),
        ({"scene_type": "hotel", "answers": {}, "lang": "fr"}, 422, "unknown_language", "lang"),
        ({"scene_type": "hotel", "answers": 3}, 400, "bad_request", "answers"),
        ({"scene_type": "hotel"}, 400, "bad_request", None),
    ],
)
def test_request_errors(
    api: TestClient[Any], payload: Any, status: int, code: str, field: str | None
) -> None:
    answer = api.post("footprints", json=payload)
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert body["code"] == code
    if field is not None:
        assert body["field"] == field


def test_strict_json_bodies(api: TestClient[Any]) -> None:
    twice = b'{"scene_type": "hotel", "answers": {"rooms": 1, "rooms": 9, "nights": 1}}'
    answer = api.post("footprints", content=twice, headers={"Content-Type": "application/json"})
    assert answer.status_code == 422
    assert (answer.json()["code"], answer.json()["field"]) == ("duplicate_key", "answers.rooms")
    deep = b'{"scene_type": "hotel", "answers": ' + b'{"a": ' * 100 + b"1" + b"}" * 100 + b"}"
    assert (
        api.post("footprints", content=deep, headers={"Content-Type": "application/json"}).json()["code"]
        == "too_deep"
    )


def test_batch_keeps_order_and_names_items(api: TestClient[Any]) -> None:
    items = [
        {"rooms": 1, "nights": 2},
        {"rooms": 1, "nights": -2},
        {"rooms": 2, "nights": 1, "country": "GB"},
    ]
    answer = api.post("footprints/batch", json={"scene_type": "hotel", "items": items})
    assert answer.status_code == 200, answer.text
    results = answer.json()["results"]
    assert [r["index"] for r in results] == [0, 1, 2]
    assert results[0]["footprint"]["grams"] > 0 and results[0]["error"] is None
    assert results[1]["footprint"] is None and results[1]["error"]["field"] == "items.1.nights"
    too_many = api.post("footprints/batch", json={"scene_type": "hotel", "items": [{}] * 1001})
    assert (too_many.status_code, too_many.json()["field"]) == (422, "items")


def test_batch_of_a_thousand(api: TestClient[Any]) -> None:
    items = [{"rooms": 1, "nights": 1 + i % 7} for i in range(1000)]
    results = api.post("footprints/batch", json={"scene_type": "hotel", "items": items}).json()["results"]
    assert len(results) == 1000 and all(r["footprint"]["grams"] > 0 for r in results)


def test_catalogue_is_public(api: TestClient[Any]) -> None:
    anonymous = {"Authorization": ""}
    types = api.get("scene-types", headers=anonymous).json()
    assert {"hotel", "conference", "retail"} <= {t["name"] for t in types}
    schema = api.get("scene-types/hotel/questionnaire", params={"lang": "zh-CN"}, headers=anonymous).json()
    assert schema["type"] == "object" and "nights" in schema["properties"]
    assert api.get("scene-types/karaoke/questionnaire").json()["code"] == "unknown_scene_type"
    assert api.get("projects", headers=anonymous).json()[0]["price_per_tonne_minor"] > 0
    assert api.get("scenes", headers=anonymous).status_code == 200


def _order(api: TestClient[Any], key: str, **body: Any) -> Any:
    project = api.get("projects").json()[0]["project_id"]
    return api.post(
        "orders", json={"project_id": project, "grams": 38_200, **body}, headers={"Idempotency-Key": key}
    )


def test_purchase_certificate_and_verify(api: TestClient[Any]) -> None:
    placed = _order(api, "visit-1", beneficiary="Li Hua")
    assert placed.status_code == 201, placed.text
    order = placed.json()["order"]
    assert order["status"] == "reserved" and placed.json()["payment"]["amount_minor"] > 0
    assert api.post("certificates", json={"order_id": order["order_id"]}).json()["code"] == "not_paid"
    paid = api.post(f"orders/{order['order_id']}/sandbox-payment", json={"succeed": True}).json()
    assert paid["status"] == "allocated"
    record = api.get(f"orders/{order['order_id']}/record").json()
    assert record["allocated_g"] == 38_200 and record["allocations"] and record["batch_serials"]
    certificate = api.post("certificates", json={"order_id": order["order_id"]})
    assert certificate.status_code == 201, certificate.text
    again = api.post("certificates", json={"order_id": order["order_id"]}).json()
    assert again["claims"]["cert_id"] == certificate.json()["claims"]["cert_id"]
    cert_id = certificate.json()["claims"]["cert_id"]
    assert (
        api.get(f"certificates/{cert_id}", headers={"Authorization": ""}).json()["qr_text"].startswith("DD1:")
    )
    verdict = api.post("certificates/verify", json={"qr_text": certificate.json()["qr_text"]}).json()
    assert verdict["valid"] is True, verdict
    assert api.post("certificates/verify", json={"qr_text": "DD1:garbage"}).json()["valid"] is False
    assert api.get("keys").json()["keys"][0]["kty"] == "OKP"
    assert api.get("status-list").headers["content-type"].startswith("application/cose")
    board = api.get("leaderboards/overall").json()
    assert "board" in board


def test_idempotency_key(api: TestClient[Any]) -> None:
    first = _order(api, "visit-2").json()
    again = _order(api, "visit-2").json()
    assert again["order"]["order_id"] == first["order"]["order_id"]
    other = _order(api, "visit-2", grams=1_000)
    assert other.status_code == 409
    assert (other.json()["code"], other.json()["field"]) == ("reused", "idempotency_key")
    missing = api.post("orders", json={"project_id": "x", "grams": 1})
    assert missing.status_code == 400 and "idempotency" in missing.text.lower()


def test_orders_are_private_to_their_owner(api: TestClient[Any], deployment: Deployment) -> None:
    order_id = _order(api, "visit-3").json()["order"]["order_id"]
    other = deployment.platform.create_api_key("venue-b", ["orders"]).secret
    answer = api.get(f"orders/{order_id}", headers={"Authorization": f"Bearer {other}"})
    assert (answer.status_code, answer.json()["field"]) == (404, "order_id")
    # and venue-b's "visit-3" is its own order, not venue-a's
    project = api.get("projects").json()[0]["project_id"]
    own = api.post(
        "orders",
        json={"project_id": project, "grams": 38_200},
        headers={"Idempotency-Key": "visit-3", "Authorization": f"Bearer {other}"},
    )
    assert own.status_code == 201 and own.json()["order"]["order_id"] != order_id


def test_one_owners_key_never_sees_or_uses_anothers(api: TestClient[Any], deployment: Deployment) -> None:
    """venue-a's participant, order and scene, tried with venue-b's key and with the operator's."""
    from diandian.scenes import Scene

    site = deployment.platform
    site.create_scene(
        Scene(
            id="venue-a-hall",
            name={"en": "Hall A", "zh-CN": "A 厅"},
            scene_types=("hotel",),
            organiser="venue-a",
        )
    )
    pid = api.post("participants", json={"display_name": "Mei"}).json()["participant_id"]
    placed = _order(api, "owned-1", participant_id=pid, scene="venue-a-hall")
    assert placed.status_code == 201, placed.text
    order_id = placed.json()["order"]["order_id"]
    api.post(f"orders/{order_id}/sandbox-payment", json={"succeed": True})
    b = {"Authorization": f"Bearer {site.create_api_key('venue-b', ['orders', 'certificates']).secret}"}

    def refused(answer: Any) -> tuple[int, str, str]:
        return answer.status_code, answer.json()["code"], answer.json()["field"]

    # reading: another owner's participant and order are unknown, as missing ones are
    assert refused(api.get(f"participants/{pid}/life", headers=b)) == (404, "unknown", "participant_id")
    for path in (f"orders/{order_id}", f"orders/{order_id}/record", f"orders/{order_id}/coverage"):
        assert refused(api.get(path, headers=b)) == (404, "unknown", "order_id"), path
    # changing: no certificate of A's order, no order for A's participant or counted to A's scene
    cert = api.post("certificates", json={"order_id": order_id}, headers=b)
    assert refused(cert) == (422, "unknown", "order_id")
    assert refused(api.post(f"orders/{order_id}/cancel", headers=b)) == (404, "unknown", "order_id")
    project = api.get("projects").json()[0]["project_id"]
    for body, expected in (
        ({"participant_id": pid}, (422, "unknown", "participant_id")),
        ({"scene": "venue-a-hall"}, (403, "not_owner", "scene")),
    ):
        answer = api.post(
            "orders",
            json={"project_id": project, "grams": 1_000, **body},
            headers={**b, "Idempotency-Key": f"b-{len(body)}-{next(iter(body))}"},
        )
        assert refused(answer) == expected
    b_order = api.post(
        "orders", json={"project_id": project, "grams": 1_000}, headers={**b, "Idempotency-Key": "b-own"}
    ).json()["order"]["order_id"]
    api.post(f"orders/{b_order}/sandbox-payment", json={"succeed": True}, headers=b)
    own_cert = api.post("certificates", json={"order_id": b_order, "participant_id": pid}, headers=b)
    assert refused(own_cert) == (422, "unknown", "participant_id")
    # nothing of A's changed: the order is still paid and has no certificate through B
    assert site.order(order_id).status.value == "allocated"
    assert not site.orders(scene="venue-a-hall", status="reserved")
    # venue-a's own key, and the operator's, see and use all of it
    assert api.get(f"participants/{pid}/life").status_code == 200
    operator = {
        "Authorization": f"Bearer {site.create_api_key('operator', ['orders', 'certificates']).secret}"
    }
    assert api.get(f"participants/{pid}/life", headers=operator).status_code == 200
    assert api.post("certificates", json={"order_id": order_id}, headers=operator).status_code == 201


def test_scopes_and_revocation(api: TestClient[Any], deployment: Deployment) -> None:
    kiosk = {"Authorization": f"Bearer {deployment.footprints_key}"}
    assert api.post("footprints", json=HOTEL, headers=kiosk).status_code == 200
    refused = api.post(
        "orders", json={"project_id": "p", "grams": 1}, headers={**kiosk, "Idempotency-Key": "k1"}
    )
    assert (refused.status_code, refused.json()["code"]) == (403, "missing_scope")
    revoked = api.post(
        "footprints", json=HOTEL, headers={"Authorization": f"Bearer {deployment.revoked_key}"}
    )
    assert (revoked.status_code, revoked.json()["code"]) == (401, "revoked_key")
    for token, code in ((None, "missing_key"), ("dd_nope_nope", "invalid_key"), ("secret", "invalid_key")):
        headers = {"Authorization": f"Bearer {token}" if token else ""}
        assert api.post("footprints", json=HOTEL, headers=headers).json()["code"] == code
    assert (
        api.post(
            "footprints", json=HOTEL, headers={"Authorization": "", "X-API-Key": deployment.key}
        ).status_code
        == 200
    )


def test_rate_limit_answers_retry_after(api: TestClient[Any], deployment: Deployment) -> None:
    tight = deployment.platform.create_api_key("venue-c", ["footprints"], rate_per_minute=3).secret
    headers = {"Authorization": f"Bearer {tight}"}
    codes = [api.post("footprints", json=HOTEL, headers=headers).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    limited = api.post("footprints", json=HOTEL, headers=headers)
    assert limited.json()["code"] == "rate_limited" and 1 <= int(limited.headers["retry-after"]) <= 60


def test_payment_callback_refuses_forgeries(api: TestClient[Any]) -> None:
    answer = api.post(
        "payments/sandbox/callback", content=b'{"intent_id": "x"}', headers={"Authorization": ""}
    )
    assert 400 <= answer.status_code < 500, answer.text


def test_life_record_and_participants(api: TestClient[Any]) -> None:
    participant = api.post("participants", json={"display_name": "Mei", "listed": True})
    assert participant.status_code == 201
    pid = participant.json()["participant_id"]
    order_id = _order(api, "visit-life", participant_id=pid).json()["order"]["order_id"]
    api.post(f"orders/{order_id}/sandbox-payment", json={"succeed": True})
    api.post("certificates", json={"order_id": order_id})
    life = api.get(f"participants/{pid}/life").json()
    assert life["participant_id"] == pid


def test_openapi_document(api: TestClient[Any]) -> None:
    document = api.get("schema/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    paths = document["paths"]
    assert {"/api/v1/footprints", "/api/v1/orders", "/api/v1/certificates/verify"} <= set(paths)
    assert not [p for p in paths if not p.startswith("/api/v1/")], "pages do not belong in the API document"
    json.dumps(document)


def test_unexpected_errors_are_a_body_not_a_traceback(
    deployment: Deployment, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_app(deployment.platform)
    monkeypatch.setattr(type(deployment.platform), "projects", lambda self: 1 / 0)
    with TestClient(app) as client:
        answer = client.get("/api/v1/projects")
    assert answer.status_code == 500
    assert answer.json() == {
        "code": "internal",
        "message": "the server failed; the error was logged",
        "field": None,
        "problems": [],
    }


def test_cors_only_for_listed_origins(deployment: Deployment) -> None:
    from diandian.platform import Platform
    from diandian.settings import Settings

    settings = Settings.load(
        environ={
            "DIANDIAN_DATABASE_URL": deployment.settings.database_url,
            "DIANDIAN_HOME": str(deployment.settings.data_home),
            "DIANDIAN_CORS_ORIGINS": "https://shop.example.org, https://kiosk.example.org/",
        }
    )
    assert settings.cors_origins == ("https://shop.example.org", "https://kiosk.example.org")
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization"}
    with TestClient(create_app(Platform(settings))) as client:
        allowed = client.options(
            "/api/v1/footprints", headers={"Origin": "https://shop.example.org", **preflight}
        )
        assert allowed.headers["access-control-allow-origin"] == "https://shop.example.org"
        other = client.get("/api/v1/projects", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers
    with TestClient(create_app(deployment.platform)) as client:
        closed = client.get("/api/v1/projects", headers={"Origin": "https://shop.example.org"})
        assert "access-control-allow-origin" not in closed.headers


def test_bad_cors_setting_is_named() -> None:
    from diandian import ValidationFailed
    from diandian.settings import Settings

    with pytest.raises(ValidationFailed) as refused:
        Settings.load(environ={"DIANDIAN_CORS_ORIGINS": "shop.example.org"})
    assert refused.value.problems[0].path == "cors_origins"


def test_bookings_and_receipts_over_http(api: TestClient[Any], deployment: Deployment) -> None:
    stay = {
        "stay_by": "dates",
        "check_in": "2024-09-06",
        "check_out": "2024-09-09",
        "rooms": 2,
        "country": "JP",
    }
    share = api.post("footprints", json={"scene_type": "hotel", "answers": {**stay, "guests": 4}}).json()
    whole = api.post("footprints", json={"scene_type": "hotel", "answers": stay}).json()
    assert (share["grams"], whole["grams"]) == (58_500, 234_000)
    items = [
        {"category": "milk", "quantity": 2, "grams": 1000},
        {"category": "snacks", "quantity": 3, "price_cny": 19.5},
    ]
    receipt = api.post("footprints", json={"scene_type": "retail", "answers": {"items": items}}).json()
    assert receipt["grams"] == deployment.platform.engine.footprint("retail", {"items": items}).grams


def test_the_apikeys_migration_matches_the_tables(deployment: Deployment) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from diandian.apikeys import metadata

    with deployment.platform.database.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    # other areas add their own tables: only what this metadata lacks or changes matters
    assert [d for d in diff if not (isinstance(d, tuple) and d[0].startswith("remove_"))] == []


def test_a_keys_limit_moves_with_time_instead_of_resetting(deployment: Deployment) -> None:
    """3 requests a minute: three at once, then one every 60 / 3 = 20 s; no window edge at which
    a burst of another three passes."""
    from datetime import UTC, datetime, timedelta

    from diandian.apikeys import ApiKeys

    now = [datetime(2026, 1, 1, 12, 0, 59, tzinfo=UTC)]  # a second before a minute boundary
    keys = ApiKeys(deployment.platform.database, clock=lambda: now[0])
    secret = keys.create("venue-d", ["footprints"], rate_per_minute=3).secret

    def allowed() -> tuple[bool, int]:
        decision = keys.admit(secret)[1]
        return decision.allowed, decision.retry_after

    assert [allowed()[0] for _ in range(3)] == [True, True, True]
    assert allowed() == (False, 20)  # the next one is due 20 s after the first
    now[0] += timedelta(seconds=2)  # past the minute boundary: a fixed window would allow 3 more
    assert allowed() == (False, 18)
    now[0] += timedelta(seconds=18)
    assert allowed()[0] is True
    assert allowed() == (False, 20)


def test_an_organiser_makes_keys_that_act_for_them_alone(
    api: TestClient[Any], deployment: Deployment
) -> None:
    from diandian import ValidationFailed
    from diandian.accounts import AccountRole
    from diandian.acting import Acting
    from diandian.scenes import Scene

    site = deployment.platform
    ada = Acting(site, site.accounts.sign_up("ada@example.org", "a long pass phrase 1", "Ada"))
    bob = Acting(site, site.accounts.sign_up("bob@example.org", "a long pass phrase 2", "Bob"))
    hall = ada.create_scene(
        Scene(id="ada-hall", name={"en": "Ada's hall", "zh-CN": "Ada 厅"}, scene_types=("hotel",))
    )
    made = ada.create_api_key(["orders"], label="front desk")
    assert made.key.owner == ada.account.account_id and made.secret.startswith("dd_")
    assert [k.key_id for k in ada.api_keys()] == [made.key.key_id] and bob.api_keys() == []
    headers = {"Authorization": f"Bearer {made.secret}"}
    project = api.get("projects").json()[0]["project_id"]
    body = {"project_id": project, "grams": 1_000, "scene": hall.id}
    placed = api.post("orders", json=body, headers={**headers, "Idempotency-Key": "ada-1"})
    assert placed.status_code == 201, placed.text
    bobs = {"Authorization": f"Bearer {bob.create_api_key(['orders']).secret}"}
    refused = api.post("orders", json=body, headers={**bobs, "Idempotency-Key": "bob-1"})
    assert (refused.status_code, refused.json()["field"]) == (403, "scene")
    with pytest.raises(ValidationFailed) as unknown:
        bob.revoke_api_key(made.key.key_id)  # another's key is unknown to bob
    assert unknown.value.problems[0].path == "key_id"
    assert ada.revoke_api_key(made.key.key_id).revoked_at is not None
    assert api.get(f"orders/{placed.json()['order']['order_id']}", headers=headers).json()["code"] == (
        "revoked_key"
    )
    assert [a.action for a in ada.trail(subject=f"api_key:{made.key.key_id}")] == [
        "api_key.revoke",
        "api_key.create",
    ]
    operator = site.accounts.sign_up(
        "ops@example.org", "a long pass phrase 3", "Ops", role=AccountRole.OPERATOR
    )
    assert Acting(site, operator).create_api_key(["orders"]).key.owner == "operator"
