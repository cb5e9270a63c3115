"""The retail scene type: a basket or receipt, product-based by mass, else spend-based; bags; MCC.

Where a line's mass is known the factor is per kg of product (food: ``food.product.*`` of
:mod:`diandian.food`, Poore & Nemecek 2018 via OWID; goods: DESNZ 2024 material factors);
otherwise per CNY spent (``spend.*`` of :mod:`diandian.spend`, USEEIO v1.3.0 converted from 2022
USD: estimates). Bags are estimates (assumed mass x DESNZ material factor). Card
transactions map their MCC to a USEEIO sector. Public API for POS systems:
:class:`RetailCatalogue`, :class:`ReceiptLine`, :class:`CardTransaction`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import diandian
from diandian import FactorFile, SceneType, lazy_exports, text

from .kinds import KINDS

if TYPE_CHECKING:
    from .categories import CATEGORIES, Category, line_activity
    from .mcc import MCC
    from .pos import CardTransaction, ReceiptFootprint, ReceiptLine, RetailCatalogue, receipt_lines
    from .questionnaire import QUESTIONNAIRE, STORES

__version__ = "1.0.0"

# Loading the plugin registers its kinds and scene type only; the POS API, the categories and
# the questionnaire load on first use (public name -> submodule), so listing plugins stays cheap.
__getattr__ = lazy_exports(
    __name__,
    {
        **dict.fromkeys(("CATEGORIES", "Category", "line_activity"), "categories"),
        "MCC": "mcc",
        **dict.fromkeys(
            ("CardTransaction", "ReceiptFootprint", "ReceiptLine", "RetailCatalogue", "receipt_lines"), "pos"
        ),
        **dict.fromkeys(("QUESTIONNAIRE", "STORES"), "questionnaire"),
    },
)

__all__ = [
    "CATEGORIES",
    "MCC",
    "QUESTIONNAIRE",
    "SCENE_TYPE",
    "STORES",
    "CardTransaction",
    "Category",
    "ReceiptFootprint",
    "ReceiptLine",
    "RetailCatalogue",
    "line_activity",
    "receipt_lines",
]

_HERE = Path(__file__).parent

SCENE_TYPE = SceneType(
    name="retail",
    title=text("Shop", "商店"),
    questionnaire="diandian_retail.questionnaire:QUESTIONNAIRE",
    description=text(
        "A shopper's basket: products by mass (OWID food, DESNZ materials) or by price (USEEIO, "
        "estimate), carrier bags, or a total by kind of store.",
        "顾客的购物篮：按重量（OWID 食品、DESNZ 材料）或按金额（USEEIO，估算），以及购物袋，或按商店类型的总额。",
    ),
    example_answers={
        "items": [
            {"category": "pork", "grams": 500, "price_cny": 16.0},
            {"category": "milk", "quantity": 2, "grams": 1_000},
            {"category": "snacks", "price_cny": 12.5},
        ],
        "bags": [{"type": "plastic_film", "count": 1}],
    },
    activity_kinds=KINDS,
    capture="diandian_retail.capture:capture",
    factor_tables=(
        FactorFile(
            _HERE / "retail_materials.csv", "retail.materials", "2024.2", "Materials (DESNZ 2024) per kg"
        ),
        FactorFile(
            _HERE / "retail_bags.csv",
            "retail.bags",
            "2024.1",
            "Carrier bags: assumed mass x DESNZ material factor (estimates)",
        ),
    ),
)

diandian_register_scene_types = diandian.register_scene_types(SCENE_TYPE)
