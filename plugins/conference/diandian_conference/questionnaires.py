"""The two conference questionnaires: one for each attendee, one for the organiser of the event."""

from __future__ import annotations

from collections.abc import Mapping

from diandian import (
    Choice,
    Group,
    Number,
    Option,
    PlaceQuestion,
    Questionnaire,
    Section,
    Text,
    YesNo,
    text,
    when,
)
from diandian.food import meals_question
from diandian.lodging import stay_section
from diandian.travel import travel_section

from .kinds import MATERIALS, WASTE_ROUTES, WASTE_STREAMS

MAX_DAYS = 60


def _options(labels: Mapping[str, Text]) -> tuple[Option, ...]:
    return tuple(Option(value, label) for value, label in labels.items())


def _days(label: Text) -> Number:
    return Number(
        id="days",
        label=label,
        unit="day",
        minimum=1,
        maximum=MAX_DAYS,
        warn_above=14,
        integer=True,
        default=1,
        coarse=True,
    )


ATTENDEE = Questionnaire(
    id="conference",
    title=text("Your conference footprint", "您的参会碳足迹"),
    version="1",
    sections=(
        travel_section(shared="travel"),
        Section(
            id="attendance",
            title=text("Attendance and meals", "参会与用餐"),
            questions=(
                _days(text("Days you attend", "参会天数")),
                meals_question(
                    label=text("Meals a day, by main dish", "每天的餐数（按主菜）"),
                    help=text(
                        "Count the meals of a typical conference day, those served at the event included",
                        "按典型参会日计，包括会议提供的餐食",
                    ),
                    maximum=10,
                    warn_above=5,
                ),
                YesNo(
                    id="event_share",
                    label=text("Include my share of the event itself", "计入我分摊的会议自身排放"),
                    help=text(
                        "The venue's energy, printed and built materials and waste, divided among the "
                        "attendees; shown when the organiser has published the event's footprint",
                        "场馆能耗、印刷与搭建材料、废弃物，由全体参会者分摊；主办方公布会议碳足迹后显示",
                    ),
                    default=True,
                ),
            ),
        ),
        stay_section(shared="stay"),
    ),
)

ORGANISER = Questionnaire(
    id="conference_organiser",
    title=text("The event's own footprint", "会议自身碳足迹"),
    version="1",
    sections=(
        Section(
            id="event",
            title=text("The event", "会议"),
            questions=(
                Number(
                    id="attendees",
                    label=text("Attendees", "参会人数"),
                    unit="attendee",
                    minimum=1,
                    maximum=1_000_000,
                    warn_above=50_000,
                    integer=True,
                    required=True,
                    coarse=True,
                ),
                _days(text("Days the event lasts", "会议天数")),
                PlaceQuestion(
                    id="venue_city",
                    label=text("City of the venue", "会场所在城市"),
                    help=text(
                        "Leave empty to use the scene's place; it selects the electricity grid",
                        "留空则使用场景地点；用于选择电网排放因子",
                    ),
                ),
            ),
        ),
        Section(
            id="energy",
            title=text("Venue energy", "场馆能耗"),
            questions=(
                Choice(
                    id="energy_data",
                    label=text("What do you know about the venue's energy?", "您掌握哪种场馆能耗数据？"),
                    options=(
                        Option(
                            "metered",
                            text("Metered kWh for the hire period (best)", "租用期间的电表读数（最佳）"),
                        ),
                        Option(
                            "area",
                            text(
                                "Floor area, hours and an energy intensity (better)",
                                "面积、时长与能耗强度（较好）",
                            ),
                        ),
                        Option(
                            "estimate",
                            text("Nothing: estimate per attendee-day (basic)", "无：按人天估算（基本）"),
                        ),
                    ),
                    default="estimate",
                ),
                Number(
                    id="electricity_kwh",
                    label=text("Electricity used", "用电量"),
                    unit="kWh",
                    maximum=100_000_000,
                    warn_above=1_000_000,
                    required=True,
                    condition=when("energy_data", "metered"),
                ),
                Number(
                    id="gas_kwh",
                    label=text("Natural gas used", "天然气用量"),
                    help=text(
                        "In kWh; 1 m³ of natural gas is about 10 kWh",
                        "单位千瓦时；1 立方米天然气约 10 千瓦时",
                    ),
                    unit="kWh",
                    maximum=100_000_000,
                    warn_above=1_000_000,
                    default=0,
                    condition=when("energy_data", "metered"),
                ),
                Number(
                    id="area_m2",
                    label=text("Floor area used", "使用面积"),
                    unit="m2",
                    minimum=1,
                    maximum=1_000_000,
                    warn_above=100_000,
                    required=True,
                    condition=when("energy_data", "area"),
                ),
                Number(
                    id="hours",
                    label=text("Hours of use, all days together", "使用总时长（所有天数合计）"),
                    unit="h",
                    minimum=1,
                    maximum=24 * MAX_DAYS,
                    warn_above=240,
                    required=True,
                    condition=when("energy_data", "area"),
                ),
                Number(
                    id="kwh_per_m2_hour",
                    label=text("Electricity intensity", "用电强度"),
                    help=text(
                        "kWh per m² per hour, from the venue or an energy audit; state where it comes from",
                        "每平方米每小时千瓦时，来自场馆或能源审计；请注明来源",
                    ),
                    unit="kWh/m2/h",
                    maximum=10,
                    warn_above=1,
                    required=True,
                    condition=when("energy_data", "area"),
                ),
            ),
        ),
        Section(
            id="catering",
            title=text("Catering", "餐饮"),
            questions=(
                meals_question(
                    id="catering",
                    label=text("Meals served, by main dish", "提供的餐数（按主菜）"),
                    maximum=1_000_000,
                    warn_above=100_000,
                ),
            ),
        ),
        Section(
            id="materials",
            title=text("Printed and built materials", "印刷与搭建材料"),
            questions=(
                Group(
                    id="materials",
                    label=text("Materials by mass", "材料（按质量）"),
                    help=text(
                        "Everything printed, built or handed out, new for this event",
                        "为本次会议新制作、搭建或发放的物品",
                    ),
                    questions=(
                        Choice(
                            id="material",
                            label=text("Material", "材料"),
                            options=_options(MATERIALS),
                            required=True,
                        ),
                        Number(
                            id="kg",
                            label=text("Mass", "质量"),
                            unit="kg",
                            minimum=0,
                            maximum=1_000_000,
                            warn_above=20_000,
                            required=True,
                        ),
                    ),
                    max_items=len(MATERIALS),
                    default=(),
                ),
            ),
        ),
        Section(
            id="waste",
            title=text("Waste", "废弃物"),
            questions=(
                Group(
                    id="waste",
                    label=text("Waste by stream", "按类别的废弃物"),
                    questions=(
                        Choice(
                            id="stream",
                            label=text("Stream", "类别"),
                            options=_options(WASTE_STREAMS),
                            required=True,
                        ),
                        Choice(
                            id="route",
                            label=text("Where it goes", "处置方式"),
                            options=_options(WASTE_ROUTES),
                            default="landfill",
                        ),
                        Number(
                            id="kg",
                            label=text("Mass", "质量"),
                            unit="kg",
                            minimum=0,
                            maximum=1_000_000,
                            warn_above=50_000,
                            required=True,
                        ),
                    ),
                    max_items=20,
                    default=(),
                ),
            ),
        ),
    ),
)
