"""Export writers: rows of plain values as CSV (Python's :mod:`csv` module) or JSON.

CSV files are UTF-8 with a byte-order mark, so that spreadsheet programs show Chinese names
correctly; read them back with ``open(path, encoding="utf-8-sig", newline="")`` and
:class:`csv.DictReader`. A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return is prefixed with ``'`` so that a spreadsheet shows it instead of running it as
a formula (numbers are written as numbers and are never prefixed).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

#: columns of the footprint-lines export, one row per line item of each kept footprint
FOOTPRINT_COLUMNS = (
    "footprint_id",
    "participant_id",
    "recorded_at",
    "scene_type",
    "category",
    "activity",
    "quantity",
    "unit",
    "region",
    "grams",
    "factor_ref",
    "factor_g_per_unit",
    "factor_quality",
    "source",
)
#: columns of the orders export
ORDER_COLUMNS = (
    "order_id",
    "status",
    "role",
    "grams",
    "project_id",
    "total_minor",
    "currency",
    "created_at",
)
#: columns of the certificates export
CERTIFICATE_COLUMNS = (
    "cert_id",
    "order_id",
    "status",
    "footprint_g",
    "neutralised_g",
    "project_id",
    "issued_at",
)
#: columns of the settlement report, one row per project of each owner
SETTLEMENT_COLUMNS = (
    "settlement_id",
    "owner",
    "project_id",
    "period_start",
    "period_end",
    "orders",
    "grams",
    "credit_minor",
    "fee_minor",
    "currency",
)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def csv_bytes(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> bytes:
    """``rows`` as CSV with a header of ``columns`` (other keys are left out, missing ones are
    empty), UTF-8 with a byte-order mark, ``\\r\\n`` line ends as RFC 4180 says."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: _cell(row.get(column)) for column in columns})
    return buffer.getvalue().encode("utf-8-sig")


def json_bytes(data: Any) -> bytes:
    """``data`` as indented UTF-8 JSON (Chinese kept as is; dates and other values as text)."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")
