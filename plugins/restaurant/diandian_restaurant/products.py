"""Food products with a per-kg factor (Poore & Nemecek 2018 via OWID), by key, with labels."""

from __future__ import annotations

from collections.abc import Mapping

from diandian import Text, text

PRODUCTS: Mapping[str, Text] = {
    "beef_herd": text("Beef (beef herd)", "牛肉（肉牛）"),
    "beef_dairy": text("Beef (dairy herd)", "牛肉（奶牛）"),
    "lamb": text("Lamb & mutton", "羊肉"),
    "pork": text("Pig meat", "猪肉"),
    "poultry": text("Poultry meat", "禽肉"),
    "fish_farmed": text("Fish (farmed)", "养殖鱼"),
    "prawns_farmed": text("Prawns (farmed)", "养殖虾"),
    "cheese": text("Cheese", "奶酪"),
    "milk": text("Milk", "牛奶"),
    "eggs": text("Eggs", "鸡蛋"),
    "tomatoes": text("Tomatoes", "番茄"),
    "brassicas": text("Brassicas", "十字花科蔬菜"),
    "onions_leeks": text("Onions & leeks", "洋葱和韭葱"),
    "root_vegetables": text("Root vegetables", "根茎类蔬菜"),
    "other_vegetables": text("Other vegetables", "其他蔬菜"),
    "bananas": text("Bananas", "香蕉"),
    "apples": text("Apples", "苹果"),
    "citrus": text("Citrus fruit", "柑橘"),
    "berries_grapes": text("Berries & grapes", "浆果和葡萄"),
    "other_fruit": text("Other fruit", "其他水果"),
    "rice": text("Rice", "大米"),
    "wheat_rye": text("Wheat & rye", "小麦和黑麦"),
    "maize": text("Maize", "玉米"),
    "oatmeal": text("Oatmeal", "燕麦"),
    "potatoes": text("Potatoes", "土豆"),
    "tofu": text("Tofu", "豆腐"),
    "soy_milk": text("Soy milk", "豆奶"),
    "other_pulses": text("Other pulses", "其他豆类"),
    "peas": text("Peas", "豌豆"),
    "nuts": text("Nuts", "坚果"),
    "groundnuts": text("Groundnuts", "花生"),
    "cane_sugar": text("Cane sugar", "蔗糖"),
    "beet_sugar": text("Beet sugar", "甜菜糖"),
    "dark_chocolate": text("Dark chocolate", "黑巧克力"),
    "coffee": text("Coffee", "咖啡"),
    "wine": text("Wine", "葡萄酒"),
    "barley": text("Barley", "大麦"),
}
