"""Which electricity grid a place draws from.

Chinese provinces map to the seven regional grids of the MEE/NBS factor announcements
(``cn_grid_regions.csv``). The announcements read do not list each region's provinces, so this
membership is this SDK's reading of the State Grid / China Southern Grid operating areas
(North: Beijing, Tianjin, Hebei, Shanxi, Shandong, Inner Mongolia; Southwest: Sichuan, Chongqing,
Tibet; ...) and is flagged as unconfirmed in sdk_docs/energy-and-food.md. Eastern Inner Mongolia
belongs to the Northeast grid, but a province maps to one grid here, so all of it is North.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from ..places import Place


@cache
def cn_grid_regions() -> dict[str, str]:
    """``{"CN-51": "CN-GRID-SW", ...}``: Chinese province region -> grid region."""
    with (Path(__file__).parent / "cn_grid_regions.csv").open(encoding="utf-8", newline="") as handle:
        return {row["province"]: row["grid_region"] for row in csv.DictReader(handle)}


def grid_region(place: Place | None) -> str:
    """The factor region of the electricity a place uses: ``CN-GRID-SW`` for Chengdu, ``GB``, ``world``.

    A place's own ``grid_region`` wins; a Chinese province maps to its regional grid; elsewhere
    the country's grid is used (factor lookup falls back to ``world`` when it has none).
    """
    if place is None:
        return "world"
    if place.grid_region:
        return place.grid_region
    region = place.factor_region
    return cn_grid_regions().get(region, place.country or "world")
