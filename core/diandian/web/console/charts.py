"""The dashboard's charts, drawn by pygal with the visitor pages' style: kilograms by category,
by travel mode, and neutralised against the footprint."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from litestar import Response

from ...text import text, tr
from ..i18n import kilograms
from ..visitor.charts import _chart, category_label, svg_response

if TYPE_CHECKING:
    from ...acting import Dashboard

MODE_LABELS = {
    "flight": text("Flight", "飞机"),
    "rail": text("Rail", "铁路"),
    "car": text("Car", "汽车"),
    "taxi": text("Taxi", "出租车"),
    "bus": text("Bus", "公交"),
    "coach": text("Coach", "长途客车"),
    "metro": text("Metro", "地铁"),
    "ferry": text("Ferry", "轮渡"),
    "motorbike": text("Motorbike", "摩托车"),
    "bicycle": text("Bicycle", "自行车"),
    "walk": text("Walk", "步行"),
    "scenic": text("Scenic-area transport", "景区交通"),
}


def mode_label(mode: str, lang: str) -> str:
    return tr(MODE_LABELS.get(mode, text(mode, mode)), lang)


def bars_svg(rows: Sequence[tuple[str, int]], lang: str) -> bytes:
    """Horizontal bars of ``(label, grams)``, first row on top, values in kilograms."""
    chart = _chart("HorizontalBar", height=max(160, 60 + 48 * len(rows)), show_x_labels=False)
    shown = list(reversed(rows)) or [(tr(text("Nothing yet", "暂无数据"), lang), 0)]
    chart.x_labels = [label for label, _grams in shown]
    chart.add(
        "kg",
        [
            {
                "value": grams / 1000,
                "formatter": lambda v, lang=lang: f"{kilograms(round(v * 1000), lang)} kg",
            }
            for _label, grams in shown
        ],
    )
    return bytes(chart.render())


def categories_svg(view: Dashboard, lang: str) -> bytes:
    return bars_svg([(category_label(c, lang), g) for c, g in view.by_category.items()], lang)


def modes_svg(view: Dashboard, lang: str) -> bytes:
    return bars_svg([(mode_label(m, lang), g) for m, g in view.by_travel_mode.items()], lang)


def neutralised_svg(view: Dashboard, lang: str) -> bytes:
    rows = [
        (tr(text("Footprint", "碳足迹"), lang), view.footprint_g),
        (tr(text("Neutralised by visitors", "访客已中和"), lang), view.neutralised_g),
    ]
    return bars_svg(rows, lang)


CHARTS: dict[str, Callable[[Dashboard, str], bytes]] = {
    "categories": categories_svg,
    "modes": modes_svg,
    "neutralised": neutralised_svg,
}


def chart_response(body: bytes) -> Response[bytes]:
    """A chart as an image with its own CSP, never cached: a dashboard is live."""
    response = svg_response(body)
    response.headers["Cache-Control"] = "no-store"
    return response


__all__ = ["CHARTS", "bars_svg", "category_label", "chart_response", "mode_label"]
