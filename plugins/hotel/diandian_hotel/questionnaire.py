"""The hotel guest questionnaire (en and zh-CN): stay, share and services, meeting space."""

from __future__ import annotations

from diandian import (
    Choice,
    Condition,
    DateQuestion,
    Number,
    Option,
    PlaceQuestion,
    Questionnaire,
    Section,
    YesNo,
    text,
    when,
)

MAX_NIGHTS = 365

COUNTRIES = {
    "CN": text("China", "中国"),
    "HK": text("Hong Kong, China", "中国香港"),
    "JP": text("Japan", "日本"),
    "KR": text("Korea", "韩国"),
    "SG": text("Singapore", "新加坡"),
    "TH": text("Thailand", "泰国"),
    "VN": text("Vietnam", "越南"),
    "MY": text("Malaysia", "马来西亚"),
    "ID": text("Indonesia", "印度尼西亚"),
    "PH": text("Philippines", "菲律宾"),
    "IN": text("India", "印度"),
    "GB": text("United Kingdom", "英国"),
    "US": text("United States", "美国"),
    "CA": text("Canada", "加拿大"),
    "DE": text("Germany", "德国"),
    "FR": text("France", "法国"),
    "IT": text("Italy", "意大利"),
    "ES": text("Spain", "西班牙"),
    "AE": text("United Arab Emirates", "阿联酋"),
    "AU": text("Australia", "澳大利亚"),
    "OTHER": text("Another country", "其他国家"),
}

STAY = Section(
    id="stay",
    title=text("Stay", "住宿"),
    questions=(
        Number(
            id="rooms",
            label=text("Rooms", "房间数"),
            unit="room",
            minimum=1,
            maximum=50,
            warn_above=10,
            integer=True,
            default=1,
            coarse=True,
        ),
        Choice(
            id="stay_by",
            label=text("How long", "住宿时长"),
            options=(
                Option("nights", text("Number of nights", "晚数")),
                Option("dates", text("Check-in and check-out dates", "入住与退房日期")),
            ),
            default="nights",
            inferred=True,
        ),
        Number(
            id="nights",
            label=text("Nights", "晚数"),
            help=text("Nights per room", "每间房的入住晚数"),
            unit="night",
            minimum=1,
            maximum=MAX_NIGHTS,
            warn_above=60,
            integer=True,
            required=True,
            condition=when("stay_by", "nights"),
            coarse=True,
        ),
        DateQuestion(
            id="check_in",
            label=text("Check-in", "入住日期"),
            required=True,
            condition=when("stay_by", "dates"),
        ),
        DateQuestion(
            id="check_out",
            label=text("Check-out", "退房日期"),
            required=True,
            after="check_in",
            condition=when("stay_by", "dates"),
        ),
        Choice(
            id="country",
            label=text("Country of the hotel", "酒店所在国家"),
            help=text(
                "Leave empty to use the city below, or else the venue's country",
                "留空则按下方城市判断，再不然使用场地所在国家",
            ),
            options=tuple(Option(code, label) for code, label in COUNTRIES.items()),
            coarse=True,
        ),
        PlaceQuestion(
            id="city",
            label=text("City of the hotel", "酒店所在城市"),
            help=text(
                "A city in Chinese or English, e.g. 成都 or London", "中文或英文城市名，如 成都 或 London"
            ),
        ),
    ),
)

SHARE = Section(
    id="share",
    title=text("Guests and services", "住客与服务"),
    questions=(
        Number(
            id="guests",
            label=text("Guests sharing these rooms", "同住人数"),
            help=text(
                "Give it for your own share (room-nights ÷ guests); leave empty for the whole booking",
                "填写后只计算您的份额（间夜数 ÷ 人数）；留空则计算整个预订",
            ),
            unit="person",
            minimum=1,
            maximum=200,
            warn_above=20,
            integer=True,
        ),
        YesNo(
            id="breakfast",
            label=text("Breakfast included in the rate", "房费含早餐"),
            help=text(
                "Counted as one breakfast per guest per night",
                "按每位住客每晚一份早餐计算",
            ),
            default=False,
        ),
        Number(
            id="laundry_kg",
            label=text("Laundry sent to the hotel's service", "送洗衣物重量"),
            unit="kg",
            minimum=0,
            maximum=100,
            warn_above=15,
            default=0,
        ),
    ),
)

MEETING = Section(
    id="meeting",
    title=text("Meeting space (organisers)", "会议场地（主办方填写）"),
    questions=(
        Number(
            id="meeting_area_m2",
            label=text("Meeting room area", "会议室面积"),
            help=text(
                "Needs the property's own measured factor (kg CO2e per m² per hour, HCMI)",
                "需要酒店自测的排放因子（每平方米每小时 kg CO2e，HCMI 方法）",
            ),
            unit="m2",
            minimum=0,
            maximum=50_000,
            warn_above=5_000,
        ),
        Number(
            id="meeting_hours",
            label=text("Hours the meeting room is used", "会议室使用小时数"),
            unit="h",
            minimum=0,
            maximum=24 * 31,
            warn_above=72,
            required=True,
            condition=Condition("meeting_area_m2", truthy=True),
        ),
    ),
)

QUESTIONNAIRE = Questionnaire(
    id="hotel",
    title=text("Your hotel stay", "您的酒店住宿"),
    version="1",
    sections=(STAY, SHARE, MEETING),
)
