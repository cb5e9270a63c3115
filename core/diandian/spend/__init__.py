"""Spend, shared by every scene type: what was paid, by sector, in CNY (USEEIO v1.3.0, estimates).

``spend.<sector>`` is counted in CNY. The factors are US EPA USEEIO v1.3.0 supply-chain factors
per 2022 US dollar (purchaser price, with margins), converted at :data:`CNY_PER_USD` when the
table loads. A spend-based factor is a fallback for when mass or meals are unknown: US supply
chains and prices, no inflation or purchasing-power adjustment, so every converted factor is an
``estimate``. Method and sources: sdk_docs/energy-and-food.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import attrs

from ..activities import ActivityKind
from ..text import Text, text

if TYPE_CHECKING:
    from ..factors import EmissionFactor

CNY_PER_USD = 6.7261
"""2022 annual average rate (NBS statistical communique), matching USEEIO's 2022 dollars."""
RATE_SOURCE = "2022 annual average rate, NBS statistical communique; exchange rate not in the reference set"
RATE_SOURCE_ZH = "2022 年全年平均汇率，国家统计局统计公报；汇率不在参考资料集中"

SECTORS: Mapping[str, Text] = {
    "naics_311611": text("Meat (animal except poultry) slaughtering", "肉类"),
    "naics_311615": text("Poultry processing", "禽类加工"),
    "naics_311511": text("Fluid milk", "液态奶"),
    "naics_311513": text("Cheese", "奶酪"),
    "naics_311710": text("Seafood preparation", "水产品"),
    "naics_311812": text("Bakeries", "烘焙"),
    "naics_311212": text("Rice milling", "大米"),
    "naics_311421": text("Fruit & vegetable canning", "果蔬罐头"),
    "naics_311919": text("Snack foods", "零食"),
    "naics_311920": text("Coffee & tea manufacturing", "咖啡与茶"),
    "naics_312111": text("Soft drinks / bottled water", "软饮料与瓶装水"),
    "naics_312120": text("Breweries", "啤酒"),
    "naics_312130": text("Wineries", "葡萄酒"),
    "naics_315220": text("Cut & sew apparel", "服装"),
    "naics_316210": text("Footwear", "鞋类"),
    "naics_322220": text("Paper bags & coated paper", "纸袋与涂布纸"),
    "naics_326111": text("Plastics bags & pouches", "塑料袋"),
    "naics_326160": text("Plastics bottles", "塑料瓶"),
    "naics_334111": text("Computers", "电脑"),
    "naics_334210": text("Telephone apparatus", "电话与手机"),
    "naics_111219": text("Other vegetable farming", "蔬菜种植"),
    "naics_445110": text("Supermarkets & grocery stores (retail margin only)", "超市（仅零售环节）"),
    "naics_452210": text("Department stores (retail margin only)", "百货商店（仅零售环节）"),
    "naics_454110": text("Electronic shopping / mail order", "网购与邮购"),
    "naics_722511": text("Full-service restaurants", "正餐餐厅"),
    "naics_722513": text("Limited-service restaurants", "快餐"),
    "groceries_mix": text("Groceries, mixed basket", "杂货（混合）"),
}
FOOD_SERVICE = frozenset({"naics_722511", "naics_722513"})
"""Sectors whose spend is a meal eaten out (category ``food``); the others are ``purchases``."""
PREFIX = "spend"

ACTIVITY_KINDS = tuple(
    ActivityKind(f"{PREFIX}.{key}", "CNY", "food" if key in FOOD_SERVICE else "purchases", label)
    for key, label in SECTORS.items()
)


def spend_key(sector: str) -> str:
    """The activity key of spend in ``sector`` (a key of :data:`SECTORS`): ``spend.naics_722511``."""
    return f"{PREFIX}.{sector}"


def per_cny(factor: EmissionFactor) -> EmissionFactor:
    """A factor per 2022 USD as one per CNY, at :data:`CNY_PER_USD`; flagged ``estimate``.

    The kg value is rounded to six decimals, the precision the converted factors are published
    with in the docs, so that the method's arithmetic reads exactly as used.
    """
    from ..factors import Quality  # the factor machinery loads with the factors, not the kinds

    kg = round(factor.grams / 1000 / CNY_PER_USD, 6)
    label = factor.label or {}
    return attrs.evolve(
        factor,
        grams=kg * 1000.0,
        unit="CNY",
        quality=Quality.ESTIMATE,
        method=(
            f"{factor.method}; / {CNY_PER_USD} CNY per USD ({RATE_SOURCE}) = {kg:.6f} kg per 2022 CNY; "
            "US supply chains and prices, no inflation or purchasing-power adjustment: a spend-based "
            "fallback only"
        ),
        method_zh=(
            f"{factor.method_zh}；÷ {CNY_PER_USD} 元/美元（{RATE_SOURCE_ZH}）= 每 2022 年人民币元 {kg:.6f} kg；"
            "基于美国供应链和价格，未做通胀或购买力平价调整：仅作按支出估算的后备方法"
        )
        if factor.method_zh
        else "",
        label={
            k: v + suffix
            for k, suffix in (("en", ", per CNY (estimate)"), ("zh-CN", "，每元（估算）"))
            if (v := label.get(k))
        }
        or None,
    )


__all__ = [
    "ACTIVITY_KINDS",
    "CNY_PER_USD",
    "FOOD_SERVICE",
    "PREFIX",
    "RATE_SOURCE",
    "SECTORS",
    "per_cny",
    "spend_key",
]
