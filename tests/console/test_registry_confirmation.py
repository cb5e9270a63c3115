"""An operator retires whole tonnes in the registry's own system and types its confirmation (the
serial block retired, the registry's reference, the date): it is validated field by field,
recorded against the paid slices it covers, and written to the action trail; bad input writes
nothing."""

from __future__ import annotations

from typing import Any

import pytest
from diandian.accounts import AccountRole
from diandian.acting import Acting
from diandian.offsets import ClaimPolicy, RegistryConfirmation, audit

from .webkit import PASSWORD, client, organiser_with_scene, post, sign_in, sign_up

BATCH = "demo-af-2021"  # CDCER-CN51-AF0012-2021-000001-001000, the oldest CDCER forest batch


def _paid_event(platform: Any) -> None:
    """An organiser pays for 4,449,600 g of the forest project: units 1-4 of the batch whole,
    449,600 g of unit 5."""
    ada = organiser_with_scene(platform)
    event = ada.event_footprint("summit", {"attendees": 3000, "days": 3})
    assert event.grams == 4_449_600
    order = ada.order_event_credits(
        "summit",
        footprint_g=event.grams,
        project_id="demo-cdcer-forest",
        policy=ClaimPolicy.OUTSIDE,
        idempotency_key="k1",
    )
    ada.pay_event_order("summit", order.order_id, event.grams)


def _operator(platform: Any) -> Acting:
    account = platform.accounts.sign_up("ops@example.org", PASSWORD, "Ops", role=AccountRole.OPERATOR)
    return Acting(platform, account)


def test_a_typed_confirmation_is_checked_then_recorded(platform: Any) -> None:
    _paid_event(platform)
    ops = _operator(platform)
    [ready] = ops.ready_to_retire()
    assert (ready.batch.batch_id, ready.unit_first, ready.unit_last) == (BATCH, 1, 4)
    assert ready.batch.serial.block(1, 4) == "CDCER-CN51-AF0012-2021-000001-000004"
    today = platform.clock().date()

    def confirmation(serials: str, reference: str, **changes: Any) -> RegistryConfirmation:
        typed = {"batch_id": BATCH, "retired_on": today, **changes}
        return RegistryConfirmation(
            serials=serials,
            registry_reference=reference,
            beneficiary="Summit organiser",
            reason="ISO 14068-1 event claim",
            **typed,
        )

    def refused(serials: str, reference: str = "CDCER-RET-0001", **changes: Any) -> str:
        before = (platform.ledger.retirements(), list(ops.trail()))
        with pytest.raises(Exception) as failed:
            ops.record_retirement(confirmation(serials, reference, **changes))
        assert (platform.ledger.retirements(), list(ops.trail())) == before  # nothing written
        return str(failed.value.problems[0].path) + ":" + failed.value.problems[0].code  # type: ignore[attr-defined]

    assert refused("CDCER-CN51-AF0012-2021-000001-000002", reference=" ") == "registry_reference:required"
    assert refused("") == "serials:required"
    assert refused("forest tonnes one and two") == "serials:serial_unrecognised"
    # another issuance (the greenway batch), units beyond the paid ones, another batch's id
    assert refused("CDCER-CN51-GW0007-2022-000001-000002") == "serials:other_batch"
    assert refused("CDCER-CN51-AF0012-2021-000004-000005") == "serials:not_ready"
    assert refused("CDCER-CN51-AF0012-2021-000001-000002", batch_id="no-such-batch") == "batch_id:unknown"
    tomorrow = today.fromordinal(today.toordinal() + 1)
    assert refused("CDCER-CN51-AF0012-2021-000001-000002", retired_on=tomorrow) == "retired_on:future"

    # the registry retired units 1-2 first; its notation may pad the numbers differently
    first = ops.record_retirement(confirmation("CDCER-CN51-AF0012-2021-1-2", "CDCER-RET-0001"))
    assert (first.unit_first, first.unit_last, first.units) == (1, 2, 2)
    assert first.registry_retirement_id == "CDCER-RET-0001"
    assert sum(c.g_end - c.g_start for c in first.covers) == 2_000_000
    assert "CDCER-RET-0001" in first.evidence and ops.account.account_id in first.evidence
    [left] = ops.ready_to_retire()
    assert (left.unit_first, left.unit_last) == (3, 4)
    # the same reference twice is refused
    assert refused("CDCER-CN51-AF0012-2021-000003-000004") == "registry_retirement_id:exists"
    batch = platform.ledger.batch(BATCH)
    assert (batch.retired_g, batch.allocated_g) == (2_000_000, 2_449_600)
    [entry] = ops.trail(subject=f"retirement:{first.retirement_id}")
    assert entry.action == "retirement.confirm" and entry.account_id == ops.account.account_id
    assert entry.detail["registry_reference"] == "CDCER-RET-0001" and entry.detail["units"] == 2
    assert audit(platform.database).ok


def test_the_confirmation_form(platform: Any) -> None:
    _paid_event(platform)
    _operator(platform)
    ops = client(platform)
    sign_in(ops, "ops@example.org")
    page = ops.get("/console/operator")
    assert "CDCER-CN51-AF0012-2021-000001-000004" in page.text and 'name="registry_reference"' in page.text
    form = {
        "batch_id": BATCH,
        "serials": "CDCER-CN51-AF0012-2021-000001-000004",
        "registry_reference": "",
        "retired_on": "2026-01-31",
        "beneficiary": "Summit organiser",
        "reason": "ISO 14068-1 event claim",
    }
    bad = post(ops, "/console/operator/retirement/confirm", form)
    assert bad.status_code == 400 and 'aria-describedby="registry_reference-error"' in bad.text
    assert 'value="CDCER-CN51-AF0012-2021-000001-000004"' in bad.text  # what was typed stays
    assert (
        post(ops, "/console/operator/retirement/confirm", {**form, "retired_on": "31/01/2026"}).status_code
        == 400
    )
    xss = '<script>alert("x")</script>'
    echoed = post(
        ops, "/console/operator/retirement/confirm", {**form, "serials": xss, "registry_reference": xss}
    )
    assert (
        echoed.status_code == 400 and "<script>alert" not in echoed.text and "&lt;script&gt;" in echoed.text
    )
    done = post(ops, "/console/operator/retirement/confirm", {**form, "registry_reference": "CDCER-RET-7"})
    assert done.status_code == 200 and "CDCER-RET-7" in done.text
    assert platform.ledger.batch(BATCH).retired_g == 4_000_000
    # without the CSRF token, or as an organiser: refused, nothing written
    assert ops.post("/console/operator/retirement/confirm", data=form).status_code == 403
    organiser = client(platform)
    sign_up(organiser, "eve@example.org")
    assert post(organiser, "/console/operator/retirement/confirm", form).status_code == 404
    assert len(platform.ledger.retirements()) == 1
