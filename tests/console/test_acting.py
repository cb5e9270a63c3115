"""``Acting(platform, account)`` without the web: ownership and roles are checked in the platform
layer, every change lands in the action trail, exports re-read with the csv module equal the
database."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from diandian import Scene
from diandian.accounts import AccountRole, NotAllowed
from diandian.acting import Acting, event_claim
from diandian.errors import ValidationFailed
from diandian.exports import FOOTPRINT_COLUMNS, csv_bytes
from diandian.offsets import ClaimPolicy, audit

from .webkit import ORGANISER_ANSWERS, PASSWORD, visit


def _scene(platform: Any, slug: str) -> Scene:
    return Scene(
        id=slug,
        name={"en": "Summit", "zh-CN": "峰会"},
        scene_types=("conference", "hotel"),
        place=platform.resolve_place("成都"),
    )


def test_organisers_reach_only_their_own_scenes(platform: Any) -> None:
    ada = Acting(platform, platform.accounts.sign_up("ada@example.org", PASSWORD, "Ada"))
    bob = Acting(platform, platform.accounts.sign_up("bob@example.org", PASSWORD, "Bob"))
    ada.create_scene(_scene(platform, "summit"))
    for call in (
        lambda: bob.scene("summit"),
        lambda: bob.dashboard("summit"),
        lambda: bob.export("summit"),
        lambda: bob.update_scene("summit", visibility="unlisted"),
        lambda: bob.event_footprint("summit", ORGANISER_ANSWERS),
        lambda: bob.batches(),
        lambda: bob.retire("x", "y"),
        lambda: bob.audit(),
    ):
        with pytest.raises(NotAllowed):
            call()
    with pytest.raises(ValidationFailed):
        bob.scene("no-such-scene")
    with pytest.raises(ValidationFailed):
        ada.update_scene("summit", organiser=bob.account.account_id)
    assert [s.id for s in bob.scenes()] == [] and [s.id for s in ada.scenes()] == ["summit"]
    # an operator reads any scene but changes none
    ops = Acting(
        platform, platform.accounts.sign_up("ops@example.org", PASSWORD, "Ops", role=AccountRole.OPERATOR)
    )
    assert ops.scene("summit").id == "summit"
    with pytest.raises(NotAllowed):
        ops.update_scene("summit", visibility="unlisted")
    assert [a.action for a in bob.trail()] == [] and [a.action for a in ops.trail()] == ["scene.create"]


def test_export_csv_equals_the_footprints(platform: Any) -> None:
    ada = Acting(platform, platform.accounts.sign_up("ada@example.org", PASSWORD, "Ada"))
    ada.create_scene(_scene(platform, "summit"))
    footprint, _certificate = visit(platform, "summit")
    rows = list(
        csv.DictReader(
            io.StringIO(csv_bytes(ada.export("summit").footprints, FOOTPRINT_COLUMNS).decode("utf-8-sig"))
        )
    )
    assert [(r["activity"], int(r["grams"])) for r in rows] == [
        (line.activity.key, line.grams) for line in footprint.lines
    ]


def test_the_event_claim_never_overlaps_the_visitors(platform: Any) -> None:
    ada = Acting(platform, platform.accounts.sign_up("ada@example.org", PASSWORD, "Ada"))
    ada.create_scene(_scene(platform, "summit"))
    visit(platform, "summit")
    event = ada.event_footprint("summit", {"attendees": 3000, "days": 3})
    project = platform.projects()[0].project_id
    order = ada.order_event_credits(
        "summit", footprint_g=event.grams, project_id=project, policy=ClaimPolicy.INSIDE, idempotency_key="k1"
    )
    again = ada.order_event_credits(
        "summit", footprint_g=event.grams, project_id=project, policy=ClaimPolicy.INSIDE, idempotency_key="k1"
    )
    assert again.order_id == order.order_id
    certificate = ada.pay_event_order("summit", order.order_id, event.grams)
    assert certificate.claims.footprint_g == event.grams
    report = event_claim(platform, "summit").report
    assert report is not None and report.residual_g == 0 and report.visitor_inside_g > 0
    assert order.grams == event.grams - report.visitor_inside_g
    assert audit(platform.database).ok
    with pytest.raises(ValidationFailed) as decided:
        ada.order_event_credits(
            "summit",
            footprint_g=event.grams,
            project_id=project,
            policy=ClaimPolicy.OUTSIDE,
            idempotency_key="k2",
        )
    assert decided.value.problems[0].path == "policy"
