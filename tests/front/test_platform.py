"""The platform object: scenes stored and found, a visit from footprint to certificate, revocation
republishing the status list, exports and renderings of a stored scene."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from diandian.certificates import CertificateError, Status, StatusList
from diandian.errors import UnknownName, ValidationFailed
from diandian.platform import Platform

from .conftest import SUMMIT

ANSWERS = {
    "legs": [{"mode": "rail_high_speed", "from_place": "Beijing"}],
    "days": 1,
    "meals": [{"type": "average", "count": 2}],
    "nights": 1,
}


def _visit(site: Platform, name: str = "Lin Wei") -> tuple[str, object]:
    scene = site.create_scene(SUMMIT) if site.scenes.maybe(SUMMIT.id) is None else site.scene(SUMMIT.id)
    footprint = site.footprint(scene, ANSWERS)
    person = site.new_participant(name, listed=True)
    site.record_footprint(person, footprint, on=dt.date(2021, 9, 7))
    purchase = site.buy(footprint.grams, project_id="demo-cdcer-forest", scene=scene, participant_id=person)
    return person, site.issue_certificate(purchase.order.order_id, footprint=footprint)


def test_a_certificate_names_its_stored_scene_in_both_languages(site: Platform) -> None:
    person, cert = _visit(site)
    claims = cert.claims  # type: ignore[attr-defined]
    assert claims.scene_id == SUMMIT.id
    assert claims.scene_name == {"en": SUMMIT.name["en"], "zh-CN": SUMMIT.name["zh-CN"]}
    summary = site.certificate_summary(cert)  # type: ignore[arg-type]
    assert SUMMIT.name["en"] in summary["statement"]["en"]
    assert SUMMIT.name["zh-CN"] in summary["statement"]["zh-CN"]
    assert "summit-2021" not in summary["statement"]["en"]  # not rebuilt from the order's id
    # the participant placed the order, so the certificate counts on their boards and life record
    view = site.leaderboard("scene", SUMMIT.id, participant=person)
    assert view.scene == site.scene(SUMMIT.id) and view.own is not None and view.own.pending_g > 0
    assert site.life_record(person).footprint_g > 0


def test_revoking_through_the_platform_republishes_the_status_list(site: Platform) -> None:
    _, cert = _visit(site)
    cert_id = cert.cert_id  # type: ignore[attr-defined]
    keys = site.keyring.trusted()
    published = StatusList.open(site.status_file.read_bytes(), keys)
    assert published.get(cert.claims.status_index) is Status.PENDING  # type: ignore[attr-defined]
    site.revoke(cert_id, "issued in error")
    republished = StatusList.open(site.status_file.read_bytes(), keys)
    assert republished.get(cert.claims.status_index) is Status.REVOKED  # type: ignore[attr-defined]
    verdict = site.verify(cert.qr_text)  # type: ignore[attr-defined]
    assert not verdict.valid and verdict.status is Status.REVOKED
    with pytest.raises(CertificateError, match="already revoked"):
        site.revoke(cert_id, "again")


def test_pooled_retirement_follows_and_republishes(site: Platform) -> None:
    for name in ("A", "B", "C", "D", "E", "F"):
        _visit(site, name)
    retired = site.retire_pooled("pool", "visitors' travel")
    assert retired
    statuses = {c["status"] for c in site.export_scene(SUMMIT.id).certificates}
    assert "retired" in statuses
    published = StatusList.open(site.status_file.read_bytes(), site.keyring.trusted())
    assert Status.RETIRED in {published.get(i) for i in range(len(published))}


def test_scenes_are_stored_found_and_updated(site: Platform) -> None:
    stored = site.create_scene(attrs.evolve(SUMMIT, place=site.resolve_place("成都")))
    assert stored.place == SUMMIT.place
    assert stored.place is not None and stored.place.city == "Chengdu" and stored.region == "CN-51"
    hidden = site.create_scene(
        attrs.evolve(
            SUMMIT,
            id="resort",
            slug="resort-2025",
            scene_types=("hotel", "restaurant"),
            visibility="unlisted",
        )
    )
    assert site.scene("resort-2025") == hidden  # by slug as well as by id
    assert [s.id for s in site.find_scenes(text="summit")] == [SUMMIT.id]
    assert [s.id for s in site.find_scenes(city="成都")] == [SUMMIT.id]
    assert [s.id for s in site.find_scenes(on=dt.date(2021, 9, 7))] == [SUMMIT.id]
    assert site.find_scenes(on=dt.date(2022, 1, 1)) == []
    assert {s.id for s in site.find_scenes(include_unlisted=True)} == {SUMMIT.id, "resort"}
    assert {s.id for s in site.scenes_of("Chengdu (demo)")} == {SUMMIT.id, "resort"}
    moved = site.update_scene("resort", slug="resort", name={"en": "Resort", "zh-CN": "度假村"})
    assert moved.slug == "resort" and site.scene("resort").name["zh-CN"] == "度假村"
    form = site.questionnaire("resort")
    assert form.mixed and [p.key for p in form.parts][-2:] == ["hotel", "restaurant"]
    assert set(form.json_schema("zh-CN")["properties"]) >= {"hotel", "restaurant"}
    assert site.questionnaire(SUMMIT.id).parts[0].key is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"id": "Bad Slug"}, "id"),
        ({"slug": "-x"}, "slug"),
        ({"name": {"en": "Only English"}}, "name.zh-CN"),
        ({"scene_types": ("cinema",)}, "scene_types.0"),
        ({"scene_types": ()}, "scene_types"),
        ({"ends": dt.date(2021, 9, 1)}, "ends"),
        ({"visibility": "secret"}, "visibility"),
    ],
)
def test_bad_scenes_are_refused_naming_the_field(
    site: Platform, changes: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        site.create_scene(attrs.evolve(SUMMIT, **changes))
    assert field in {p.path for p in caught.value.problems}
    assert site.find_scenes(include_unlisted=True) == []  # nothing half-written


def test_a_taken_id_or_slug_is_refused(site: Platform) -> None:
    site.create_scene(SUMMIT)
    with pytest.raises(ValidationFailed, match="id"):
        site.create_scene(SUMMIT)
    with pytest.raises(ValidationFailed, match="slug"):
        site.create_scene(attrs.evolve(SUMMIT, id="other", slug=SUMMIT.id))
    with pytest.raises(ValidationFailed, match="unknown"):
        site.scene("nowhere")


def test_exports_hold_footprint_lines_with_sources_orders_and_certificates(site: Platform) -> None:
    _visit(site)
    export = site.export_scene(SUMMIT.id)
    assert export.footprints and all(line["source"] and line["factor_ref"] for line in export.footprints)
    assert [o["status"] for o in export.orders] == ["allocated"]
    assert [c["status"] for c in export.certificates] == ["pending-retirement"]


def test_renderings_of_a_stored_scene_and_a_certificate(site: Platform) -> None:
    _, cert = _visit(site)
    assert site.door_url(SUMMIT.id) == "https://dd.example.org/s/cdcn-summit-2021"
    assert site.render_poster(SUMMIT.id, "pdf").startswith(b"%PDF")
    assert b"<svg" in site.render_certificate(cert.cert_id, "svg", "zh-CN")  # type: ignore[attr-defined]
    assert site.render_share_card(cert.cert_id).startswith(b"\x89PNG")  # type: ignore[attr-defined]
    assert site.public_keys()["keys"][0]["kty"] == "OKP"


def test_payment_through_the_sandbox_checkout_and_a_callback(site: Platform) -> None:
    order = site.place_order(site.quote("demo-cdcer-forest", "2kg"), idempotency_key="k1")
    assert order.status == "reserved"
    intent = site.start_payment(order.order_id)
    assert intent.pay_url == f"https://dd.example.org/sandbox/pay/{intent.intent_id}"
    assert site.start_payment(order.order_id) == intent  # the same intent again
    assert site.sandbox_intent(intent.intent_id).amount_minor == order.price.total_minor
    assert site.sandbox_pay(intent.intent_id).status == "allocated"
    with pytest.raises(CertificateError, match="not paid"):
        site.issue_certificate(
            site.place_order(site.quote("demo-cdcer-forest", 5), idempotency_key="k2").order_id
        )


def test_providers_are_chosen_by_name(site: Platform) -> None:
    with pytest.raises(UnknownName, match="payment provider 'nope'"):
        site.payments("nope")
    other = Platform(attrs.evolve(site.settings, offset_provider="nope"), host=site.host, environ={})
    with pytest.raises(UnknownName, match="offset provider 'nope'; known: ledger"):
        other.projects()


def test_the_scenes_migration_matches_the_tables(site: Platform) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from diandian.scene_store import metadata

    with site.database.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    # other areas add their own tables: only what this metadata lacks or changes matters
    assert [d for d in diff if not (isinstance(d, tuple) and d[0].startswith("remove_"))] == []
    assert "scenes" in {r.split("_")[0] for r in site.init()}
