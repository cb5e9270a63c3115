"""Rendering (diandian.render): the QR code on every PNG decodes back and verifies; wording says what happened."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
import zxingcpp
from diandian.certificates import Certificate, Claims, KeyRing, Status, encode, verify
from diandian.render.drawings import door_url, render_certificate, render_poster, render_share_card
from diandian.render.wording import statement
from diandian.scenes import Scene
from PIL import Image

SUMMIT = Scene(
    id="cdcn-summit-2021",
    name={"en": "First China Digital Carbon Neutrality Summit", "zh-CN": "首届中国数字碳中和高峰论坛"},
    scene_types=("conference",),
)


def _read_qr(png: bytes) -> str:
    (found,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    return str(found.text)


@pytest.fixture
def certificate(ring: KeyRing, make_claims: Callable[..., Claims]) -> Certificate:
    key, kid = ring.signer()
    claims = make_claims(display_name="小林")
    return Certificate(claims, kid.hex(), encode(claims, key, kid), Status.PENDING)


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_certificate_png_decodes_back_and_verifies(
    certificate: Certificate, ring: KeyRing, lang: str
) -> None:
    text = _read_qr(render_certificate(certificate, "png", lang))
    assert text == certificate.qr_text
    verdict = verify(text, ring.trusted())
    assert verdict.genuine and verdict.claims == certificate.claims


def test_share_card_is_square_and_verifies(certificate: Certificate, ring: KeyRing) -> None:
    png = render_share_card(certificate, "zh-CN")
    assert Image.open(io.BytesIO(png)).size == (1080, 1080)
    assert verify(_read_qr(png), ring.trusted()).genuine


def test_poster_png_opens_the_door_url() -> None:
    url = door_url("https://diandian.example.org/", SUMMIT.id)
    assert url == "https://diandian.example.org/s/cdcn-summit-2021"
    assert _read_qr(render_poster(SUMMIT, url, "png")) == url


def test_svg_and_pdf_carry_both_languages(certificate: Certificate) -> None:
    svg = render_certificate(certificate, "svg", "zh-CN").decode()
    assert "碳抵消荣誉证书" in svg and "Carbon compensation certificate" in svg
    assert "38.2 千克" in svg and "<path" in svg
    poster = render_poster(SUMMIT, "https://x.example/s/1", "svg").decode()
    assert "首届中国数字碳中和高峰论坛" in poster and "First China Digital Carbon Neutrality Summit" in poster
    for pdf in (
        render_certificate(certificate, "pdf", "en"),
        render_poster(SUMMIT, "https://x.example/s/1", "pdf"),
    ):
        # the Chinese-capable font is embedded: TrueType outlines (WenQuanYi) or CFF ones (Noto CJK)
        assert pdf.startswith(b"%PDF-") and (b"/FontFile2" in pdf or b"/FontFile3" in pdf)


def test_unknown_format_and_language_are_named(certificate: Certificate) -> None:
    from diandian.certificates import CertificateError
    from diandian.errors import ValidationFailed

    with pytest.raises(CertificateError, match="unknown format 'gif'"):
        render_certificate(certificate, "gif")
    with pytest.raises(ValidationFailed, match="unknown language"):
        render_certificate(certificate, "svg", "fr")


def test_wording_states_what_happened(make_claims: Callable[..., Claims]) -> None:
    claims = make_claims()
    retired = statement(claims, Status.RETIRED, "en")
    assert retired.startswith(
        "The 38.2 kg CO2e of your visit to First China Digital Carbon Neutrality Summit were compensated by "
        "retiring credits from project Longquan Mountain forest management (CDCER), serial CDCER-CN-51"
    )
    pending = statement(claims, Status.PENDING, "en")
    assert "pending" in pending and "were compensated" not in pending
    assert "已通过注销" in statement(claims, Status.RETIRED, "zh-CN")
    assert "等待登记簿注销" in statement(claims, Status.PENDING, "zh-CN")
    assert "revoked" in statement(claims, Status.REVOKED, "en")
    partial = statement(make_claims(neutralised_g=20_000), Status.RETIRED, "en")
    assert partial.startswith("20.0 kg of the 38.2 kg CO2e")
    plain = make_claims(scene_name={"en": "Expo", "zh-CN": "博览会"})  # the summit's name says it
    for status in Status:
        for lang in ("en", "zh-CN"):
            text = statement(plain, status, lang).lower()
            assert "carbon neutral" not in text and "碳中和" not in text


def test_certificate_shows_kilograms_as_the_pages_do(
    ring: KeyRing, make_claims: Callable[..., Claims]
) -> None:
    """236 066 g is "236.1 kg" on the certificate, its statement and the pages alike (it said 236.066)."""
    claims = make_claims(footprint_g=236_066, neutralised_g=236_066)
    key, kid = ring.signer()
    cert = Certificate(claims, kid.hex(), encode(claims, key, kid), Status.PENDING)
    for lang in ("en", "zh-CN"):
        svg = render_certificate(cert, "svg", lang).decode()
        assert "236.1 kg CO2e" in svg and "236.066" not in svg
        assert " 236.1 " in statement(claims, Status.RETIRED, lang)
