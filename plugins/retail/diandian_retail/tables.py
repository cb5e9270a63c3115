"""Names and labels of retail's categories and own factor tables (their values are in the CSV files).

Food by mass is :mod:`diandian.food` (``food.product.*``), spend is :mod:`diandian.spend`.
"""

from __future__ import annotations

from collections.abc import Mapping

from diandian import Text, text

FOODS: Mapping[str, tuple[str, Text]] = {
    "beef": ("beef_herd", text("Beef (beef herd)", "牛肉")),
    "lamb": ("lamb", text("Lamb & mutton", "羊肉")),
    "pork": ("pork", text("Pig meat", "猪肉")),
    "poultry": ("poultry", text("Poultry meat", "禽肉")),
    "fish": ("fish_farmed", text("Fish (farmed)", "鱼（养殖）")),
    "prawns": ("prawns_farmed", text("Prawns (farmed)", "虾（养殖）")),
    "milk": ("milk", text("Milk", "牛奶")),
    "cheese": ("cheese", text("Cheese", "奶酪")),
    "eggs": ("eggs", text("Eggs", "鸡蛋")),
    "rice": ("rice", text("Rice", "大米")),
    "flour": ("wheat_rye", text("Wheat & rye", "面粉（小麦和黑麦）")),
    "potatoes": ("potatoes", text("Potatoes", "土豆")),
    "tomatoes": ("tomatoes", text("Tomatoes", "番茄")),
    "vegetables": ("other_vegetables", text("Other vegetables", "蔬菜")),
    "bananas": ("bananas", text("Bananas", "香蕉")),
    "apples": ("apples", text("Apples", "苹果")),
    "citrus": ("citrus", text("Citrus fruit", "柑橘")),
    "fruit": ("other_fruit", text("Other fruit", "其他水果")),
    "tofu": ("tofu", text("Tofu", "豆腐")),
    "soy_milk": ("soy_milk", text("Soy milk", "豆奶")),
    "nuts": ("nuts", text("Nuts", "坚果")),
    "peanuts": ("groundnuts", text("Groundnuts", "花生")),
    "sugar": ("cane_sugar", text("Cane sugar", "糖（蔗糖）")),
    "chocolate": ("dark_chocolate", text("Dark chocolate", "黑巧克力")),
    "coffee": ("coffee", text("Coffee", "咖啡豆")),
    "wine": ("wine", text("Wine", "葡萄酒")),
}
"""Food category -> (:data:`diandian.food.PRODUCTS` key, the category's own label)."""

MATERIALS: Mapping[str, Text] = {
    "plastics": text("Average plastics", "塑料制品"),
    "plastic_film": text("Average plastic film", "塑料薄膜"),
    "pet": text("PET", "PET 塑料"),
    "pp": text("PP", "PP 塑料"),
    "paper": text("Paper", "纸制品"),
    "board": text("Board", "纸板"),
    "glass": text("Glass", "玻璃"),
    "aluminium": text("Aluminium cans and foil", "铝罐与铝箔"),
    "steel_cans": text("Steel cans", "钢罐"),
    "clothing": text("Clothing", "服装"),
    "food_and_drink": text("Food and drink", "食品饮料（通用）"),
    "electrical_it": text("Electrical items - IT", "IT 电子产品"),
    "electrical_small": text("Electrical items - small", "小家电"),
}
BAGS: Mapping[str, Text] = {
    "plastic_film": text("Plastic film carrier bag", "塑料购物袋"),
    "paper": text("Paper carrier bag", "纸袋"),
    "nonwoven_pp": text("Non-woven PP bag for life", "无纺布（PP）环保袋"),
    "cotton": text("Cotton tote bag", "棉布袋"),
}
