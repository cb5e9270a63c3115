"""A store's point of sale: every receipt's footprint at the checkout, printed on the slip.

    python pos.py receipts.json

Start-up does the slow part once: the engine loads the factor tables and
:class:`~diandian_retail.RetailCatalogue` resolves the grams per unit of every retail category
for this store's region. A receipt is then a few microseconds of arithmetic, with no I/O and no
file parsed per call: fast enough to sit in the checkout path. A bad line is refused naming it
(``lines.1.quantity``) and the checkout goes on without the footprint.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import diandian
from diandian import Place, Scene
from diandian_retail import RetailCatalogue, receipt_lines

STORE = Scene(
    id="chunxi-road-market",
    name={"en": "Chunxi Road Market", "zh-CN": "春熙路超市"},
    scene_types=("retail",),
    place=Place(country="CN", city="Chengdu", region="CN-51"),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("receipts", type=Path, help="a JSON list of receipts, as receipts.json")
    args = parser.parse_args(argv)
    if not args.receipts.is_file():
        parser.error(f"{args.receipts}: no such file")
    catalogue = RetailCatalogue(diandian.Engine(), STORE)  # once, at start-up
    for receipt in json.loads(args.receipts.read_text(encoding="utf-8")):
        try:
            result = catalogue.receipt(receipt_lines(receipt["lines"]))
        except diandian.ValidationFailed as exc:
            print(f"{receipt['receipt']}: no footprint: " + "; ".join(str(p) for p in exc.problems))
            continue
        lines = ", ".join(f"{g} g" for g in result.line_grams)
        print(f"{receipt['receipt']}: {result.grams / 1000:.2f} kg CO2e ({lines})")
        for warning in result.warnings:
            print(f"  note: {warning}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
