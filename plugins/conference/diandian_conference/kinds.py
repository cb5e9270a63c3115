"""The conference activity kinds: materials by mass, waste by stream and route, venue and share lines.

Materials and waste come from DESNZ 2024 (``materials_desnz_2024.csv``, ``waste_desnz_2024.csv``);
the venue's electricity per attendee-day is an estimate (:data:`VENUE_KWH_PER_ATTENDEE_DAY` times
each grid factor of :mod:`diandian.energy`).
Room-nights and their factors are the shared ones of :mod:`diandian.lodging`.
"""

from __future__ import annotations

from collections.abc import Mapping

from diandian import ActivityKind, Text, text
from diandian.lodging import ROOM_NIGHT

MATERIALS: Mapping[str, Text] = {
    "paper": text("Paper (programmes, flyers)", "纸张（会议手册、传单）"),
    "board": text("Board and card (signs, boxes)", "纸板（标牌、纸箱）"),
    "paper_board_mixed": text("Mixed paper and board", "混合纸与纸板"),
    "plastics": text("Rigid plastics (signs, badges)", "硬质塑料（标牌、胸牌）"),
    "plastic_film": text("Plastic film (banners, wrap)", "塑料薄膜（横幅、包装膜）"),
    "wood": text("Wood (stands, stages)", "木材（展台、舞台）"),
    "construction": text("Construction materials", "建筑材料"),
    "glass": text("Glass", "玻璃"),
    "aluminium": text("Aluminium (frames, trusses)", "铝材（框架、桁架）"),
    "steel": text("Steel (fittings)", "钢材（配件）"),
    "textiles": text("Textiles (lanyards, bags, fabric)", "纺织品（挂绳、手提袋、布料）"),
}

WASTE_STREAMS: Mapping[str, Text] = {
    "food": text("Food", "厨余"),
    "paper_board": text("Paper and board", "纸与纸板"),
    "plastics": text("Plastics", "塑料"),
    "glass": text("Glass", "玻璃"),
    "metals": text("Metals", "金属"),
    "textiles": text("Textiles", "纺织品"),
    "general": text("General (mixed) waste", "其他混合垃圾"),
}

WASTE_ROUTES: Mapping[str, Text] = {
    "landfill": text("Landfill", "填埋"),
    "recycling": text("Recycling", "回收"),
    "combustion": text("Incineration", "焚烧"),
    "composting": text("Composting", "堆肥"),
    "anaerobic_digestion": text("Anaerobic digestion", "厌氧消化"),
}

# Routes DESNZ 2024 gives a factor for, per stream (a test checks each has its row).
ROUTES_BY_STREAM: Mapping[str, tuple[str, ...]] = {
    "food": ("landfill", "composting", "anaerobic_digestion", "combustion"),
    "paper_board": ("landfill", "recycling", "combustion"),
    "plastics": ("landfill", "recycling", "combustion"),
    "glass": ("landfill", "recycling"),
    "metals": ("landfill", "recycling"),
    "textiles": ("landfill", "recycling", "combustion"),
    "general": ("landfill", "combustion"),
}

VENUE_ESTIMATE = ActivityKind(
    "energy.venue.attendee_day",
    "attendee.day",
    "energy",
    text("Venue electricity, estimated per attendee-day", "场馆用电（按人天估算）"),
)
VENUE_KWH_PER_ATTENDEE_DAY = 2.0  # 2 m2 x 10 h x 0.1 kWh per m2 per hour
VENUE_KWH_METHOD = text(
    "estimate of this SDK, no sourced default exists: 2 m2 of conditioned venue floor per attendee x "
    "10 h a day x 0.1 kWh per m2 per hour, the intensity of a commercial building using about 300 kWh "
    "per m2 a year over 3000 open hours",
    "本 SDK 的估算值，尚无有出处的默认值：每位参会者 2 m2 空调场馆面积 × 每天 10 h × 每 m2 每小时 "
    "0.1 kWh，即一座全年开放 3000 小时、每 m2 年耗电约 300 kWh 的商业建筑的用电强度",
)
ORGANISER_SHARE = ActivityKind(
    "operations.conference.organiser_share",
    "attendee.day",
    "operations",
    text("Your share of the event's own footprint", "您分摊的会议自身碳足迹"),
)

ACTIVITY_KINDS: tuple[ActivityKind, ...] = (
    ROOM_NIGHT,
    VENUE_ESTIMATE,
    ORGANISER_SHARE,
    *(ActivityKind(f"materials.{key}", "kg", "materials", label) for key, label in MATERIALS.items()),
    *(
        ActivityKind(
            f"waste.{stream}.{route}",
            "kg",
            "waste",
            text(
                f"{WASTE_STREAMS[stream]['en']} waste, {WASTE_ROUTES[route]['en'].lower()}",
                f"{WASTE_STREAMS[stream]['zh-CN']}，{WASTE_ROUTES[route]['zh-CN']}",
            ),
        )
        for stream, routes in ROUTES_BY_STREAM.items()
        for route in routes
    ),
)
