"""The result page's breakdown and the life footprint's months, drawn as SVG by pygal, and the
footprint's lines as the result table shows them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from litestar.response import Response

from ...places import WORLD
from ...text import text, tr
from ...units import unit_label
from ..i18n import kilograms, number

if TYPE_CHECKING:
    from ...footprint import Footprint
    from ...visitors.life import LifeRecord

CATEGORY_LABELS = {
    "transport": text("Travel", "交通"),
    "lodging": text("Stay", "住宿"),
    "food": text("Food", "餐饮"),
    "energy": text("Energy", "能源"),
    "materials": text("Materials", "材料"),
    "waste": text("Waste", "废弃物"),
    "purchases": text("Purchases", "购物"),
    "operations": text("Venue", "场馆运营"),
    "other": text("Other", "其他"),
}
# the chart's own CSP: pygal styles its SVG inline and the SVG is only ever shown as an image
SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'"
COLOURS = ("#0b6b3a", "#3f8f5f", "#7fb48e", "#b5d6bf", "#d9a441", "#a4161a", "#4d5652", "#6a8caf", "#1b1f1d")


def category_label(category: str, lang: str) -> str:
    return tr(CATEGORY_LABELS.get(category, text(category, category)), lang)


def categories(footprint: Footprint, lang: str) -> list[dict[str, Any]]:
    """Categories largest first: label, kilograms and share of the total (per cent)."""
    total = max(footprint.grams, 1)
    return [
        {"label": category_label(c, lang), "grams": g, "share": round(100 * g / total)}
        for c, g in sorted(footprint.by_category.items(), key=lambda kv: -kv[1])
        if g > 0
    ]


def lines(footprint: Footprint, lang: str) -> list[dict[str, Any]]:
    """Each line item: what, how much, the factor used, its source and quality."""
    out = []
    for line in footprint.lines:
        factor = line.factor
        # the line's own label falls back to the factor's, then the activity kind's (a travel leg's mode)
        label = tr(line.label or line.activity.label or factor.label, lang) or line.activity.key
        out.append(
            {
                "label": label,
                "category": category_label(line.category, lang),
                "quantity": number(line.activity.quantity, lang, 2),
                "unit": unit_label(factor.unit, lang),
                "grams": line.grams,
                "factor": number(factor.grams, lang, 2),
                "region": "全球" if lang == "zh-CN" and factor.region == WORLD else factor.region,
                "source": factor.source.cite(),
                "url": factor.source.url,
                "quality": factor.quality.value,
                "quality_label": tr(factor.quality.label, lang),
                "method": tr(factor.note, lang),
                # the note's own language: English where no translation was written
                "method_lang": lang if lang in factor.note else "en",
                # an answer left empty that the plugin assumed, and how (``detail["assumed"]``)
                "assumed": tr(assumed, lang)
                if isinstance(assumed := line.activity.detail.get("assumed"), Mapping)
                else "",
            }
        )
    return out


def _style() -> Any:
    from pygal.style import Style

    return Style(
        background="white",
        plot_background="white",
        foreground="#1b1f1d",
        foreground_strong="#1b1f1d",
        foreground_subtle="#4d5652",
        colors=COLOURS,
        font_family="system-ui, 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif",
        label_font_size=14,
        major_label_font_size=14,
        value_font_size=14,
        value_label_font_size=14,
        legend_font_size=14,
        title_font_size=16,
    )


def _chart(kind: str, **options: Any) -> Any:
    import pygal

    chart_class = getattr(pygal, kind)
    settings: dict[str, Any] = {
        "style": _style(),
        "js": [],  # no script: the SVG is shown as an image and must work with JavaScript off
        "show_legend": False,
        "print_values": True,
        "width": 480,
    }
    return chart_class(**{**settings, **options})


def breakdown_svg(footprint: Footprint, lang: str) -> bytes:
    """Kilograms by category as horizontal bars, largest first."""
    rows = categories(footprint, lang)
    chart = _chart("HorizontalBar", height=max(160, 60 + 48 * len(rows)), show_x_labels=False)
    chart.x_labels = [r["label"] for r in reversed(rows)]
    chart.add(
        "kg",
        [
            {
                "value": r["grams"] / 1000,
                "formatter": lambda _value, grams=r["grams"]: f"{kilograms(grams, lang)} kg",
            }
            for r in reversed(rows)
        ],
    )
    return _render(chart)


def _render(chart: Any) -> bytes:
    """The chart's SVG without the configuration script pygal always writes: shown as an image
    it could never run, and a page that allows no script should not serve one."""
    from xml.etree import ElementTree

    tree = chart.render_tree()
    for parent in tree.iter():
        for child in [c for c in parent if str(c.tag).endswith("script")]:
            parent.remove(child)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(tree, encoding="unicode")
    ).encode()


def months_svg(record: LifeRecord, lang: str) -> bytes:
    """Kilograms per month, scene and daily life stacked."""
    chart = _chart(
        "StackedBar",
        height=280,
        show_legend=True,
        legend_at_bottom=True,
        print_values=False,
        x_label_rotation=0,
    )
    chart.x_labels = [m.month for m in record.months]
    chart.add(tr(text("Venues and events", "场景与活动"), lang), [m.scene_g / 1000 for m in record.months])
    chart.add(tr(text("Daily life", "日常生活"), lang), [m.daily_g / 1000 for m in record.months])
    chart.value_formatter = lambda v: f"{number(v, lang, 1)} kg"
    return _render(chart)


def svg_response(body: bytes) -> Response[bytes]:
    return Response(
        body,
        media_type="image/svg+xml",
        headers={"Content-Security-Policy": SVG_CSP, "Cache-Control": "private, max-age=60"},
    )
