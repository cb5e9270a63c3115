"""Certificates, share cards and door posters, laid out once and written as SVG, PNG or PDF."""

from __future__ import annotations

from urllib.parse import quote

from ..certificates.model import Certificate, Status
from ..scenes import Scene
from ..text import check_language, tr
from ..units import kilograms
from . import qr
from .canvas import Canvas, PngCanvas, canvas
from .wording import (
    CERT_NO,
    EVENT_CLAIMANT,
    EVENT_SUBJECT,
    HOLDER,
    ISSUED,
    POSTER_STEPS,
    POSTER_TITLE,
    STATUS,
    VERIFY,
    disclaimer,
    serials,
    statement,
    title,
)

GREEN, INK, GREY = "#2E7D32", "#222222", "#666666"
STATUS_COLOURS = {None: GREY, Status.PENDING: "#B26A00", Status.RETIRED: GREEN, Status.REVOKED: "#C62828"}
ANONYMOUS = {"en": "A visitor who chose not to be named", "zh-CN": "一位未署名的参与者"}
BRAND = "点点碳中和 · Diandian"


def door_url(base_url: str, scene_id: str) -> str:
    """The address a scene's door QR code opens: ``<base>/s/<scene id>``."""
    return f"{base_url.rstrip('/')}/s/{quote(scene_id, safe='')}"


def _other(lang: str) -> str:
    return "en" if lang == "zh-CN" else "zh-CN"


def _certificate(page: Canvas, cert: Certificate, status: Status | None, lang: str) -> None:
    claims = cert.claims
    w, h = page.width, page.height
    page.rect(0, 0, w, h, fill="#FBFCF8")
    page.rect(24, 24, w - 48, h - 48, stroke=GREEN, line=3)
    page.rect(34, 34, w - 68, h - 68, stroke=GREEN, line=1)
    page.text(w / 2, 104, title(claims, lang), 38, GREEN, "middle")
    page.text(w / 2, 136, title(claims, _other(lang)), 17, GREY, "middle")
    left, text_w = 80, w - 80 - 380
    if claims.is_event:  # the event is what the claim is about; its organiser makes it
        page.text(left, 200, f"{EVENT_SUBJECT[lang]} · {EVENT_CLAIMANT[lang]}", 16, GREY)
        page.text(left, 236, tr(claims.scene_name, lang) or claims.scene_id, 28, INK)
    else:
        page.text(left, 200, HOLDER[lang], 16, GREY)
        page.text(left, 236, claims.display_name or ANONYMOUS[lang], 28, INK)
    page.text(left, 310, f"{kilograms(claims.footprint_g, lang)} kg CO2e", 50, GREEN)
    y = page.paragraph(left, 360, text_w, statement(claims, status, lang), 17)
    project = tr(claims.project_name, lang) or claims.project_id
    y = page.paragraph(left, y + 12, text_w, f"{claims.program} · {project} · {claims.project_id}", 14, GREY)
    y = page.paragraph(left, y, text_w, serials(claims, limit=3), 12, GREY)
    page.text(left, y + 20, STATUS[lang][status], 20, STATUS_COLOURS[status])
    page.text(left, h - 120, f"{CERT_NO[lang]}  {claims.cert_id}", 13, GREY)
    page.text(
        left,
        h - 98,
        f"{ISSUED[lang]}  {claims.issued_on}   ·   {claims.issuer}   ·   key {cert.kid}",
        13,
        GREY,
    )
    page.paragraph(left, h - 70, w - 160, disclaimer(claims, lang), 12, GREY)
    size = 300
    page.qr(w - 80 - size, 180, size, qr.matrix(cert.qr_text))
    page.paragraph(w - 80 - size / 2, 180 + size + 26, size, VERIFY[lang], 13, GREY, "middle")
    page.text(w - 80 - size / 2, h - 120, BRAND, 14, GREEN, "middle")


def render_certificate(cert: Certificate, kind: str, lang: str = "en", status: Status | None = None) -> bytes:
    """The certificate on an A4 landscape page as ``kind`` (svg, png or pdf).

    ``status`` is the current status (from the status list); by default the one recorded.
    """
    page = canvas(kind, 1123, 794)
    _certificate(page, cert, cert.status if status is None else status, check_language(lang))
    return page.result()


def render_share_card(cert: Certificate, lang: str = "en", status: Status | None = None) -> bytes:
    """A square 1080 x 1080 PNG for social media, with the verifiable QR code."""
    lang = check_language(lang)
    claims, status = cert.claims, cert.status if status is None else status
    card = PngCanvas(1080, 1080, scale=1.0)
    card.rect(0, 0, 1080, 1080, fill="#F3F8F1")
    card.rect(0, 0, 1080, 200, fill=GREEN)
    card.text(540, 120, title(claims, lang), 56, "#FFFFFF", "middle")
    card.text(540, 330, f"{kilograms(claims.footprint_g, lang)} kg CO2e", 96, GREEN, "middle")
    y = card.paragraph(540, 410, 900, tr(claims.scene_name, lang) or claims.scene_id, 36, INK, "middle")
    if claims.display_name and not claims.is_event:
        card.text(540, y + 10, claims.display_name, 32, GREY, "middle")
    card.text(540, 560, STATUS[lang][status], 36, STATUS_COLOURS[status], "middle")
    card.qr(540 - 170, 610, 340, qr.matrix(cert.qr_text))
    card.text(540, 1010, f"{BRAND}  ·  {claims.cert_id}", 24, GREY, "middle")
    return card.result()


def render_poster(scene: Scene, url: str, kind: str) -> bytes:
    """A printable A4 door poster for ``scene``: names in Chinese and English, the QR, steps."""
    page = canvas(kind, 794, 1123)
    w = page.width
    page.rect(0, 0, w, page.height, fill="#FFFFFF")
    page.rect(0, 0, w, 250, fill=GREEN)
    y = page.paragraph(w / 2, 100, w - 100, tr(scene.name, "zh-CN") or scene.id, 44, "#FFFFFF", "middle", 1.3)
    page.paragraph(w / 2, y + 4, w - 100, tr(scene.name, "en") or scene.id, 24, "#E8F5E9", "middle", 1.3)
    page.text(w / 2, 320, POSTER_TITLE["zh-CN"], 34, INK, "middle")
    page.text(w / 2, 362, POSTER_TITLE["en"], 22, GREY, "middle")
    size = 480
    page.qr((w - size) / 2, 395, size, qr.matrix(url, qr.FOR_URL))
    y = page.paragraph(w / 2, 920, w - 120, POSTER_STEPS["zh-CN"], 18, INK, "middle")
    y = page.paragraph(w / 2, y + 4, w - 120, POSTER_STEPS["en"], 15, GREY, "middle")
    page.text(w / 2, y + 18, url, 14, GREY, "middle")
    page.text(w / 2, page.height - 40, BRAND, 18, GREEN, "middle")
    return page.result()
