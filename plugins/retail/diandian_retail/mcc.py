"""Card transactions by merchant category code (MCC), spend-based like the Åland Index.

Each retail MCC (ISO 18245) maps to one USEEIO sector (``spend.*`` of :mod:`diandian.spend`). The mapping
is this SDK's judgement, not a published one: every line it gives uses an ``estimate`` factor
and carries the MCC in its detail.
"""

from __future__ import annotations

from collections.abc import Mapping

from diandian import Text, text

MCC: Mapping[str, tuple[str, Text]] = {
    "5411": ("groceries_mix", text("Grocery stores, supermarkets", "超市、杂货店")),
    "5422": ("naics_311611", text("Freezer and locker meat provisioners", "肉类供应商")),
    "5441": ("naics_311919", text("Candy, nut and confectionery stores", "糖果坚果店")),
    "5451": ("naics_311511", text("Dairy products stores", "乳制品店")),
    "5462": ("naics_311812", text("Bakeries", "面包店")),
    "5499": ("groceries_mix", text("Miscellaneous food stores", "其他食品店")),
    "5921": ("naics_312120", text("Package stores: beer, wine and liquor", "酒类专卖店")),
    "5300": ("naics_452210", text("Wholesale clubs", "会员制仓储店")),
    "5310": ("naics_452210", text("Discount stores", "折扣店")),
    "5311": ("naics_452210", text("Department stores", "百货商店")),
    "5331": ("naics_452210", text("Variety stores", "杂货铺")),
    "5399": ("naics_452210", text("Miscellaneous general merchandise", "其他综合商品")),
    "5611": ("naics_315220", text("Men's clothing stores", "男装店")),
    "5621": ("naics_315220", text("Women's ready-to-wear stores", "女装店")),
    "5641": ("naics_315220", text("Children's wear stores", "童装店")),
    "5651": ("naics_315220", text("Family clothing stores", "服装店")),
    "5691": ("naics_315220", text("Men's and women's clothing stores", "男女服装店")),
    "5661": ("naics_316210", text("Shoe stores", "鞋店")),
    "5732": ("naics_334111", text("Electronics stores", "电子产品店")),
    "4812": ("naics_334210", text("Telecommunication equipment and telephone sales", "通讯设备与电话销售")),
    "5964": ("naics_454110", text("Direct marketing: catalogue merchants", "目录邮购")),
    "5969": ("naics_454110", text("Direct marketing: other", "其他直销")),
    "5812": ("naics_722511", text("Eating places, restaurants", "餐厅")),
    "5814": ("naics_722513", text("Fast food restaurants", "快餐店")),
}
