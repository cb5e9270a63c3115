"""The life-footprint record: one person's footprints and certificates, month by month.

It gathers every scene footprint (a conference, a hotel stay, a meal out: recorded when a
certificate is issued, or directly) and every daily-life footprint (home energy, commute, diet
from the daily-life questionnaire), with the certificates that compensated any of it, for the
visitor's own "life carbon footprint" page. Entries carry a ``ref`` so recording the same thing
twice counts once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date

import attrs
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from ..certificates.errors import CertificateError
from ..certificates.model import Status
from ..certificates.schema import certificates
from .schema import life_entries

KINDS = ("scene", "daily")


@attrs.frozen
class LifeEntry:
    ref: str
    kind: str
    occurred_on: date
    scene_id: str | None
    scene_types: tuple[str, ...]
    grams: int
    by_category: Mapping[str, int]


@attrs.frozen
class CertificateLine:
    cert_id: str
    scene_id: str
    neutralised_g: int
    status: Status


@attrs.frozen
class LifeMonth:
    """One calendar month (``YYYY-MM``) of a person's record."""

    month: str
    entries: tuple[LifeEntry, ...]
    certificates: tuple[CertificateLine, ...]

    def _grams(self, kind: str) -> int:
        return sum(e.grams for e in self.entries if e.kind == kind)

    @property
    def scene_g(self) -> int:
        return self._grams("scene")

    @property
    def daily_g(self) -> int:
        return self._grams("daily")

    @property
    def footprint_g(self) -> int:
        return self.scene_g + self.daily_g

    def compensated_g(self, status: Status) -> int:
        return sum(c.neutralised_g for c in self.certificates if c.status is status)

    def to_json(self) -> dict[str, object]:
        return {
            "month": self.month,
            "footprint_g": self.footprint_g,
            "scene_g": self.scene_g,
            "daily_g": self.daily_g,
            "retired_g": self.compensated_g(Status.RETIRED),
            "pending_g": self.compensated_g(Status.PENDING),
            "scenes": sorted({e.scene_id for e in self.entries if e.scene_id}),
            "certificates": [
                {"id": c.cert_id, "scene": c.scene_id, "grams": c.neutralised_g, "status": c.status.label}
                for c in self.certificates
            ],
        }


@attrs.frozen
class LifeRecord:
    participant_id: str
    months: tuple[LifeMonth, ...]

    @property
    def footprint_g(self) -> int:
        return sum(m.footprint_g for m in self.months)

    @property
    def retired_g(self) -> int:
        return sum(m.compensated_g(Status.RETIRED) for m in self.months)

    def to_json(self) -> dict[str, object]:
        return {
            "participant": self.participant_id,
            "footprint_g": self.footprint_g,
            "retired_g": self.retired_g,
            "pending_g": sum(m.compensated_g(Status.PENDING) for m in self.months),
            "months": [m.to_json() for m in self.months],
        }


def add_entry(
    conn: sa.Connection,
    participant_id: str,
    *,
    ref: str,
    kind: str,
    on: date,
    scene_id: str | None,
    scene_types: Iterable[str],
    grams: int,
    by_category: Mapping[str, int],
) -> None:
    """Record one footprint; a ``ref`` already recorded for this participant is left as it was."""
    if kind not in KINDS:
        raise CertificateError("unknown_kind", f"a life-footprint entry is one of {KINDS}, not {kind!r}")
    if isinstance(grams, bool) or not isinstance(grams, int) or grams < 0:
        raise CertificateError("grams", "a footprint is a whole, non-negative number of grams")
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    row = {
        "participant_id": participant_id,
        "ref": ref,
        "kind": kind,
        "occurred_on": on.isoformat(),
        "scene_id": scene_id,
        "scene_types": ",".join(scene_types),
        "grams": grams,
        "by_category": json.dumps(dict(by_category)),
    }
    conn.execute(insert(life_entries).values(**row).on_conflict_do_nothing())


def load(
    conn: sa.Connection, participant_id: str, since: str | None = None, until: str | None = None
) -> LifeRecord:
    """The record of ``participant_id``, optionally limited to months ``since``..``until`` inclusive."""
    e, c = life_entries, certificates
    entries = [
        LifeEntry(
            row.ref,
            row.kind,
            date.fromisoformat(row.occurred_on),
            row.scene_id,
            tuple(t for t in row.scene_types.split(",") if t),
            int(row.grams),
            json.loads(row.by_category),
        )
        for row in conn.execute(
            sa.select(e).where(e.c.participant_id == participant_id).order_by(e.c.occurred_on)
        )
    ]
    certs = conn.execute(
        sa.select(c.c.cert_id, c.c.scene_id, c.c.neutralised_g, c.c.status, c.c.issued_at)
        .where(c.c.participant_id == participant_id)
        .order_by(c.c.issued_at)
    ).all()
    months = sorted({x.occurred_on.isoformat()[:7] for x in entries} | {row.issued_at[:7] for row in certs})
    months = [m for m in months if (since is None or m >= since) and (until is None or m <= until)]
    return LifeRecord(
        participant_id,
        tuple(
            LifeMonth(
                month,
                tuple(x for x in entries if x.occurred_on.isoformat()[:7] == month),
                tuple(
                    CertificateLine(r.cert_id, r.scene_id, int(r.neutralised_g), Status(r.status))
                    for r in certs
                    if r.issued_at[:7] == month
                ),
            )
            for month in months
        ),
    )
