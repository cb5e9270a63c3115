"""The retail questionnaire (en and zh-CN): a total by kind of store, or a basket of items, and bags."""

from __future__ import annotations

from diandian import Choice, Group, Number, Option, Questionnaire, Section, text

from .categories import CATEGORIES, MAX_GRAMS, MAX_PRICE, WARN_GRAMS, WARN_PRICE, WARN_QUANTITY
from .tables import BAGS

STORES = {
    "supermarket": ("groceries_mix", text("Supermarket or grocery", "超市或杂货店")),
    "department": ("naics_452210", text("Department or general store", "百货或综合商店")),
    "clothing": ("naics_315220", text("Clothing", "服装店")),
    "electronics": ("naics_334111", text("Electronics", "电子产品店")),
}

QUESTIONNAIRE = Questionnaire(
    id="retail",
    title=text("Your shopping", "您的购物"),
    version="1",
    sections=(
        Section(
            id="total",
            title=text("Quick estimate", "快速估算"),
            questions=(
                Number(
                    id="total_cny",
                    label=text("Total spent", "消费总额"),
                    help=text(
                        "Give this, or list the items below (not both)",
                        "填写此项，或在下方列出商品（二选一）",
                    ),
                    unit="CNY",
                    minimum=0.01,
                    maximum=MAX_PRICE,
                    warn_above=WARN_PRICE,
                    coarse=True,
                ),
                Choice(
                    id="store",
                    label=text("Kind of store", "商店类型"),
                    options=tuple(Option(k, label) for k, (_, label) in STORES.items()),
                    default="supermarket",
                    coarse=True,
                ),
            ),
        ),
        Section(
            id="basket",
            title=text("Basket", "购物篮"),
            questions=(
                Group(
                    id="items",
                    label=text("Items", "商品"),
                    default=(),
                    max_items=50,
                    questions=(
                        Choice(
                            id="category",
                            label=text("Category", "品类"),
                            options=tuple(
                                Option(k, c.label) for k, c in CATEGORIES.items() if c.per_item is None
                            ),
                            required=True,
                        ),
                        Number(
                            id="quantity",
                            label=text("How many", "数量"),
                            unit="item",
                            minimum=1,
                            maximum=1_000,
                            warn_above=WARN_QUANTITY,
                            integer=True,
                            default=1,
                        ),
                        Number(
                            id="grams",
                            label=text("Grams per item", "每件克数"),
                            help=text("The mass gives the most specific factor", "填写重量可用更精确的因子"),
                            unit="g",
                            minimum=0.001,
                            maximum=MAX_GRAMS,
                            warn_above=WARN_GRAMS,
                        ),
                        Number(
                            id="price_cny",
                            label=text("Price of the line", "该行金额"),
                            unit="CNY",
                            minimum=0.01,
                            maximum=MAX_PRICE,
                            warn_above=WARN_PRICE,
                        ),
                    ),
                ),
                Group(
                    id="bags",
                    label=text("Carrier bags bought", "购买的购物袋"),
                    default=(),
                    max_items=len(BAGS),
                    questions=(
                        Choice(
                            id="type",
                            label=text("Bag", "购物袋"),
                            options=tuple(Option(k, v) for k, v in BAGS.items()),
                            required=True,
                        ),
                        Number(
                            id="count",
                            label=text("Bags", "个数"),
                            unit="bag",
                            minimum=1,
                            maximum=100,
                            warn_above=10,
                            integer=True,
                            default=1,
                        ),
                    ),
                ),
            ),
        ),
    ),
)
