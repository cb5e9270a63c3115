"""The daily-life questionnaire: home energy per month, commute per working day, trips, diet."""

from __future__ import annotations

from diandian import Choice, Number, Option, PlaceQuestion, Questionnaire, Section, text
from diandian.food import meals_question
from diandian.travel import LegsGroup, leg_questions, travel_section

from .diets import DIETS

COMMUTE_MODES = ("metro", "bus", "rail", "rail_high_speed", "taxi", "car", "motorbike", "bicycle", "walk")
"""What people commute by: no flights, ferries or long-distance coaches."""

COMMUTE_LEGS = leg_questions(
    text("To: work or school (leave empty for your home city)", "目的地：单位或学校（留空为居住城市）"),
    COMMUTE_MODES,
    from_place=(
        text("From (city)", "出发地（城市）"),
        text(
            "Within one city, choose 'I know the kilometres' instead",
            "在同一城市内通勤，请改选“我知道公里数”",
        ),
    ),
)

GAS_KWH_PER_M3 = 10.0
"""Pipeline natural gas, about 36 MJ per cubic metre (estimate; see sdk_docs/plugins/daily_life.md)."""

QUESTIONNAIRE = Questionnaire(
    id="daily_life",
    title=text("My life carbon footprint, for a month or a year", "我的生活碳足迹（一个月或一年）"),
    version="1",
    sections=(
        Section(
            id="period",
            title=text("Period", "时段"),
            questions=(
                Choice(
                    id="period",
                    label=text("Footprint for", "计算时段"),
                    options=(
                        Option("month", text("A month", "一个月")),
                        Option("year", text("A year", "一年")),
                    ),
                    default="month",
                    coarse=True,
                ),
            ),
        ),
        Section(
            id="home",
            title=text("Home energy (per month)", "家庭能源（每月）"),
            questions=(
                Number(
                    id="electricity_kwh",
                    label=text("Electricity per month", "每月用电量"),
                    help=text("From your electricity bill, for the whole home", "见电费账单，全家用量"),
                    unit="kWh",
                    minimum=0,
                    maximum=100_000,
                    warn_above=2_000,
                    coarse=True,
                ),
                PlaceQuestion(
                    id="home_city",
                    label=text("City you live in", "居住城市"),
                    help=text("Chooses your electricity grid", "用于确定所在电网"),
                    coarse=True,
                ),
                Number(
                    id="household",
                    label=text("People in your home", "家庭人数"),
                    help=text("Home energy is shared among them", "家庭能源由全家人分摊"),
                    unit="person",
                    minimum=1,
                    maximum=50,
                    warn_above=10,
                    integer=True,
                    default=1,
                ),
                Number(
                    id="gas_amount",
                    label=text("Natural gas per month", "每月天然气用量"),
                    unit="m³/kWh",
                    minimum=0,
                    maximum=100_000,
                    warn_above=3_000,
                    default=0,
                ),
                Choice(
                    id="gas_unit",
                    label=text("Gas measured in", "燃气计量单位"),
                    options=(
                        Option("m3", text("Cubic metres (m³)", "立方米")),
                        Option("kWh", text("Kilowatt-hours (kWh)", "千瓦时")),
                    ),
                    default="m3",
                ),
                Number(
                    id="heat_kwh",
                    label=text("District heat per month", "每月集中供热"),
                    unit="kWh",
                    minimum=0,
                    maximum=100_000,
                    warn_above=5_000,
                    default=0,
                ),
            ),
        ),
        Section(
            id="commute",
            title=text("Commute (each working day of the period)", "通勤（时段内每个工作日）"),
            questions=(
                LegsGroup(
                    id="commute",
                    label=text("Your commute, leg by leg", "通勤（逐段填写）"),
                    item_label=text("Leg {n}", "第 {n} 段"),
                    help=text(
                        "Your usual way to work or school; return is one day's round trip",
                        "日常上班或上学的路线；“往返”即一天的来回",
                    ),
                    questions=COMMUTE_LEGS,
                    max_items=6,
                    default=(),
                    coarse=True,
                ),
                Number(
                    id="commute_days_per_week",
                    label=text("Commuting days per week", "每周通勤天数"),
                    unit="day",
                    minimum=0,
                    maximum=7,
                    default=5,
                ),
            ),
        ),
        travel_section(
            shared=None,
            coarse=False,
            title=text("Other trips in the period", "时段内的其他出行"),
            legs_help=text(
                "Trips away from home in the month or year; add a leg per change of mode",
                "这一个月或一年内离家的出行；换乘交通方式时添加一段",
            ),
            legs=leg_questions(text("To (leave empty for your home city)", "目的地（留空为居住城市）")),
        ),
        Section(
            id="diet",
            title=text("Diet (a usual week, counted over the period)", "饮食（按平常一周，折算到时段）"),
            questions=(
                Choice(
                    id="diet",
                    label=text("Your diet", "您的饮食"),
                    help=text(
                        "Left empty, a mixed diet is assumed and marked as assumed on the result",
                        "不填则按混合饮食估算，并在结果中注明为假设",
                    ),
                    options=tuple(Option(key, label) for key, (label, _) in DIETS.items()),
                    coarse=True,
                ),
                meals_question(
                    label=text("Or: main meals per week by type", "或：每周各类正餐数"),
                    help=text(
                        "Lunches and dinners in a usual week; replaces the diet answer",
                        "一周的午餐和晚餐；填写后替代上面的饮食选项",
                    ),
                    maximum=50,
                    warn_above=21,
                ),
            ),
        ),
    ),
)
