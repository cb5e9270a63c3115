"""Issuing from real ledger orders: pending -> retired with the registry, revocation, queries,
the status list, and the hook, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from diandian.certificates import CertificateError, Status, verify
from diandian.errors import ValidationFailed
from diandian.scenes import Scene

from .conftest import World

SUMMIT = Scene(
    id="cdcn-summit-2021",
    name={"en": "First China Digital Carbon Neutrality Summit", "zh-CN": "首届中国数字碳中和高峰论坛"},
    scene_types=("conference",),
)


def _verdict(world: World, text: str) -> str:
    return verify(text, world.book.keyring.trusted(), world.book.status_list()).code


def test_pending_until_every_gram_is_retired_then_retired(world: World) -> None:
    book = world.book
    visitor = world.visitors.new_participant("小林", listed=True)
    order = world.buy(38_200)
    cert = book.issue(world.ledger.order_record(order), scene=SUMMIT, participant_id=visitor)
    assert cert.status is Status.PENDING
    assert cert.claims.display_name == "小林"
    assert cert.claims.neutralised_g == 38_200 and cert.claims.footprint_g == 38_200
    assert cert.claims.allocations == ("CDCER-CN51-AF0012-2021-000001-001000#u1:g0-38200",)
    assert cert.claims.project_name["zh-CN"] and cert.claims.program == "CDCER"
    assert world.issued == [cert]
    assert book.issue(world.ledger.order_record(order)) == cert  # issuing again returns the same certificate
    assert _verdict(world, cert.qr_text) == "pending"
    # the first tonne is not full yet: nothing to retire, still pending
    world.retire()
    assert book.follow(world.ledger) == []
    # another visitor fills the tonne; the registry retires it; both become retired
    other = world.buy(1_000_000 - 38_200)
    cert2 = book.issue(world.ledger.order_record(other))
    assert cert2.claims.display_name is None and cert2.claims.scene_id == "cdcn-summit-2021"
    world.retire()
    assert {c.cert_id for c in book.follow(world.ledger)} == {cert.cert_id, cert2.cert_id}
    assert book.get(cert.cert_id).status is Status.RETIRED
    assert _verdict(world, cert.qr_text) == "retired"


def test_revocation_reaches_verifiers_and_boards(world: World) -> None:
    book = world.book
    visitor = world.visitors.new_participant(listed=True)
    cert = book.issue(world.ledger.order_record(world.buy(5_000)), participant_id=visitor)
    assert world.visitors.rank(visitor) is not None
    with pytest.raises(ValidationFailed, match="reason: must not be empty"):
        book.revoke(cert.cert_id, " ")
    revoked = book.revoke(cert.cert_id, "order refunded")
    assert revoked.status is Status.REVOKED
    verdict = verify(cert.qr_text, book.keyring.trusted(), book.status_list())
    assert (verdict.valid, verdict.code) == (False, "revoked")
    entry = world.visitors.rank(visitor)
    assert entry is not None and (entry.retired_g, entry.pending_g) == (0, 0)
    with pytest.raises(CertificateError, match="already revoked"):
        book.revoke(cert.cert_id, "again")


def test_rotation_keeps_issued_certificates_valid(world: World) -> None:
    before = world.book.issue(world.ledger.order_record(world.buy(1_000)))
    world.book.keyring.rotate()
    after = world.book.issue(world.ledger.order_record(world.buy(2_000)))
    assert before.kid != after.kid
    assert _verdict(world, before.qr_text) == _verdict(world, after.qr_text) == "pending"


def test_query_by_id_or_qr(world: World) -> None:
    cert = world.book.issue(world.ledger.order_record(world.buy(1_000)))
    assert world.book.get(cert.cert_id) == cert
    assert world.book.find(cert.qr_text) == cert
    with pytest.raises(CertificateError, match="no certificate"):
        world.book.get("01NOSUCHCERTIFICATE0000000")
    with pytest.raises(CertificateError, match="must start with"):
        world.book.find("hello")


def test_unpaid_order_gets_no_certificate(world: World) -> None:
    quote = world.ledger.quote("demo-cdcer-forest", 1_000)
    order = world.ledger.reserve(quote, idempotency_key="unpaid")
    with pytest.raises(CertificateError, match="not paid"):
        world.book.issue(world.ledger.order_record(order.order_id))
