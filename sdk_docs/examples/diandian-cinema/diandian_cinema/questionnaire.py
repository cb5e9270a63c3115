"""The cinema questionnaire: how much film, what to drink, and the journey there."""

from __future__ import annotations

from diandian import Choice, Number, Option, Questionnaire, Section, text
from diandian.travel import travel_section

# Cup sizes in litres: the activity unit of cinema.soda is L.
CUPS = {"none": 0.0, "small": 0.35, "medium": 0.5, "large": 0.7}

VISIT = Section(
    id="visit",
    title=text("Your visit", "您的观影"),
    questions=(
        Number(
            id="films",
            label=text("Films watched", "观看影片数"),
            unit="film",
            minimum=1,
            maximum=10,
            warn_above=4,
            integer=True,
            default=1,
            coarse=True,
        ),
        Number(
            id="hours",
            label=text("Length of each film", "每部影片时长"),
            help=text("Including adverts and trailers", "包括广告和预告片"),
            unit="h",
            minimum=0.5,
            maximum=5,
            default=2.0,
        ),
        Choice(
            id="soda",
            label=text("Soda", "汽水"),
            options=(
                Option("none", text("None", "不喝")),
                Option("small", text("Small (350 ml)", "小杯（350 毫升）")),
                Option("medium", text("Medium (500 ml)", "中杯（500 毫升）")),
                Option("large", text("Large (700 ml)", "大杯（700 毫升）")),
            ),
            default="none",
        ),
    ),
)

QUESTIONNAIRE = Questionnaire(
    id="cinema",
    title=text("Your cinema visit", "您的影院之行"),
    version="1",
    sections=(travel_section(), VISIT),
)
