"""The event's own certificate backs the organiser's ISO 14068-1 carbon neutrality claim: the
signed claims say the subject is the event, and the drawing, the claim page, the certificate page
and every verify output speak of the event's claim, not of a visit, in English and Chinese."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import attrs
from diandian.certificates import codec
from diandian.certificates.model import EVENT, Status, example_claims
from diandian.offsets import ClaimPolicy
from diandian.render.wording import statement

from .webkit import client, organiser_with_scene, post, visit

EVENT_CLAIMS = example_claims(
    subject=EVENT,
    footprint_g=2_400_000,
    neutralised_g=2_400_000,
    allocations=("CDCER-CN-51-0007-2023-000001-005000#u1-2,u3:g0-400000",),
    display_name="First China Digital Carbon Neutrality Summit",
)


def test_the_event_statement_in_both_languages() -> None:
    # 2,400,000 g = 2,400.0 kg (one decimal, as every page shows kilograms); the serial is the one signed into the claims
    assert statement(EVENT_CLAIMS, Status.RETIRED, "en") == (
        "The organiser of First China Digital Carbon Neutrality Summit claims carbon neutrality for the "
        "event under ISO 14068-1: its carbon footprint of 2,400.0 kg CO2e, after GHG emission reductions, "
        "was counterbalanced by offsetting. Carbon credits for 2,400.0 kg CO2e from project Longquan "
        "Mountain forest management (CDCER), serial CDCER-CN-51-0007-2023-000001-005000#u1-2,u3:g0-400000, "
        "were retired at the registry."
    )
    assert statement(EVENT_CLAIMS, Status.RETIRED, "zh-CN") == (
        "「首届中国数字碳中和高峰论坛」主办方依据 ISO 14068-1 声明本活动实现碳中和：活动碳足迹 2,400.0 千克二氧化碳当量"
        "在实施温室气体减排后，剩余排放已通过抵消得到平衡——2,400.0 千克二氧化碳当量的碳信用"
        "（「龙泉山森林经营」，CDCER，序列号 CDCER-CN-51-0007-2023-000001-005000#u1-2,u3:g0-400000）已在登记簿注销。"
    )
    pending = statement(EVENT_CLAIMS, Status.PENDING, "en")
    assert "can be made once they are retired" in pending and "your visit" not in pending
    assert "方可作出碳中和声明" in statement(EVENT_CLAIMS, Status.PENDING, "zh-CN")
    assert statement(EVENT_CLAIMS, Status.REVOKED, "en") == (
        "This certificate was revoked by its issuer; it no longer supports a carbon neutrality claim for "
        "First China Digital Carbon Neutrality Summit."
    )
    # visitors' credits counted inside the claim: the organiser's credits cover only a part
    part = statement(attrs.evolve(EVENT_CLAIMS, neutralised_g=1_900_500), Status.RETIRED, "en")
    assert (
        "Carbon credits for 1,900.5 kg CO2e" in part
        and "the rest is offset as the event's claim page shows" in part
    )


def test_a_visit_keeps_its_wording_and_its_signed_bytes() -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    visit_claims = example_claims()
    assert statement(visit_claims, Status.RETIRED, "en").startswith("The 38.2 kg CO2e of your visit to")
    # the subject is written only for an event, so a visit's claims are byte for byte as before
    assert b"sj" not in codec.claims_to_cbor(visit_claims)
    key = Ed25519PrivateKey.generate()
    text = codec.encode(EVENT_CLAIMS, key, b"12345678")
    decoded, _kid = codec.decode(text, {b"12345678": key.public_key()})
    assert decoded.is_event and decoded.subject == EVENT


def test_the_event_certificate_everywhere(platform: Any, tmp_path: Path) -> None:
    ada = organiser_with_scene(platform)
    _footprint, visitor_certificate = visit(platform, "summit")
    assert not visitor_certificate.claims.is_event
    event = ada.event_footprint("summit", {"attendees": 3000, "days": 3})
    order = ada.order_event_credits(
        "summit",
        footprint_g=event.grams,
        project_id=platform.projects()[0].project_id,
        policy=ClaimPolicy.OUTSIDE,
        idempotency_key="k1",
    )
    certificate = ada.pay_event_order("summit", order.order_id, event.grams)
    assert certificate.claims.is_event and certificate.claims.neutralised_g == event.grams
    # the drawing
    for lang, title, words in (
        ("en", "Event carbon neutrality certificate", "carbon neutrality claim can be made"),
        ("zh-CN", "活动碳中和证书", "碳中和声明"),
    ):
        drawn = platform.render_certificate(certificate.cert_id, "svg", lang).decode("utf-8")
        # the drawing's words, its wrapped lines joined again
        svg = " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", drawn)).replace("&#x27;", "'")
        svg += "".join(re.findall(r"<text[^>]*>([^<]*)</text>", drawn))
        assert title in svg and "ISO 14068-1" in svg and words in svg
        assert "your visit" not in svg and "您参加" not in svg
    # the JSON summary (HTTP API, CLI) and the offline verification
    summary = platform.certificate_summary(certificate)
    assert "ISO 14068-1" in summary["statement"]["en"] and "ISO 14068-1" in summary["statement"]["zh-CN"]
    assert platform.verify(certificate.qr_text).claims.is_event
    from diandian.testing import run_cli

    env = {
        "DIANDIAN_HOME": str(platform.settings.home),
        "DIANDIAN_DATABASE_URL": platform.settings.database_url,
    }
    result = run_cli(["verify", certificate.qr_text], env=env)
    assert "claims carbon neutrality for the event under ISO 14068-1" in result.output or (
        "is offsetting the event's carbon footprint" in result.output
    ), result.output
    # the pages: the claim page, the certificate page and /verify, in both languages
    browser = client(platform)
    for lang, words in (("en", "Subject of the claim"), ("zh-CN", "声明对象")):
        browser.get(f"/lang/{lang}", follow_redirects=False)
        claim_page = browser.get("/claims/summit").text
        assert words in claim_page and "ISO 14068-1" in claim_page
        assert statement(certificate.claims, certificate.status, lang).split("：")[0][:30] in claim_page
        page = browser.get(f"/c/{certificate.cert_id}").text
        assert ("Event carbon neutrality certificate" if lang == "en" else "活动碳中和证书") in page
        verified = post(browser, "/verify", {"text": certificate.qr_text}, files={"photo": ("", b"")}).text
        assert "ISO 14068-1" in verified
