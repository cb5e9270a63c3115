"""The certificate book: issues certificates for paid orders and keeps their status.

It issues from the :class:`~diandian.offsets.provider.OrderRecord` any offset provider returns
(the local ledger or another), signs with the :class:`~.keys.KeyRing`, stores every
certificate, gives each its slot in the status list, follows the provider (pending retirement
-> retired once every gram of the order's allocations is covered by a registry retirement),
revokes, and answers "query carbon neutrality" by id or by QR text. The boards and the life
record of :mod:`diandian.visitors` change in the same transaction as the certificate.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import sqlalchemy as sa

from .. import db
from ..errors import Problem, ValidationFailed
from ..free_text import (
    MAX_ID,
    MAX_ISSUER,
    MAX_REASON,
    MAX_SCENE_NAME,
    MAX_SCENE_TYPE,
    MAX_SCENE_TYPES,
    check_text,
    text_problem,
)
from ..messages import describe
from ..offsets.pricing import MAX_FOOTPRINT_G
from ..scenes import Scene
from ..visitors import life, participants
from ..visitors.leaderboard import count_certificate
from . import codec
from .errors import CertificateError
from .keys import KeyRing
from .model import EVENT, VISIT, Certificate, Claims, Status, new_certificate_id
from .schema import certificates
from .status import DEFAULT_VALIDITY, StatusList
from .verify import publish

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from ..offsets.model import Allocation
    from ..offsets.provider import Notifier, OffsetProvider, OrderRecord

DEFAULT_ISSUER = "diandian:local"


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _unstored_scene(scene_id: str | None) -> Scene:
    """What a certificate names for an order without a stored scene: its scene id, if any (the
    wording then names the scene by its id)."""
    return Scene(id=scene_id or "unspecified", name={}, scene_types=())


def _checked_scene(scene: Scene) -> Scene:
    """Refuse a scene whose id or names could not be signed into a certificate that fits."""
    found = [
        text_problem(scene.id, field="scene.id", limit=MAX_ID),
        *(text_problem(v, field=f"scene.name.{k}", limit=MAX_SCENE_NAME) for k, v in scene.name.items()),
        *(text_problem(t, field="scene.scene_types", limit=MAX_SCENE_TYPE) for t in scene.scene_types),
    ]
    problems = [p for p in found if p is not None]
    if len(scene.scene_types) > MAX_SCENE_TYPES:
        problems.append(Problem("scene.scene_types", "too_many", f"at most {MAX_SCENE_TYPES} scene types"))
    if problems:
        raise ValidationFailed(problems, what="scene")
    return scene


def _footprint_g(value: object) -> int:
    """The footprint a certificate states: integer grams from 0 to ``MAX_FOOTPRINT_G``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationFailed.single(
            "footprint_g", "type", f"must be whole grams, not {type(value).__name__}"
        )
    if not 0 <= value <= MAX_FOOTPRINT_G:
        raise ValidationFailed.single(
            "footprint_g", "out_of_range", f"must be 0 to {MAX_FOOTPRINT_G} g, got {describe(value)}"
        )
    return value


def _serial_ranges(
    record: OrderRecord, slices: Sequence[Allocation], *, exact: bool = True
) -> tuple[str, ...]:
    """Per batch, its slices as one fractional serial, adjacent slices merged
    (:meth:`~diandian.offsets.serials.SerialBlock.fractional`); with ``exact=False`` only the
    units they lie in (:meth:`~diandian.offsets.serials.SerialBlock.span`), for an order spread
    over so many separate slices that their list would not fit one QR code."""
    by_batch: dict[str, list[tuple[int, int]]] = {}
    for piece in slices:
        by_batch.setdefault(piece.batch_id, []).append((piece.g_start, piece.g_end))
    serials = record.batch_serials
    if exact:
        return tuple(serials[b].fractional(spans) for b, spans in by_batch.items())
    return tuple(serials[b].span(spans) for b, spans in by_batch.items())


def _fitted(claims: Claims, spans: tuple[str, ...], key: Ed25519PrivateKey, kid: bytes) -> tuple[Claims, str]:
    """The claims, signed, in a text that fits one QR code: as they are if they fit; else with
    the units the slices lie in instead of each range; else also with the scene's and project's
    names shortened and at most three scene types; else with the batches only counted. Names
    and serials are for reading: the certificate id, issuer, scene id, grams and the issuer's
    ledger say exactly what was bought. Raises :class:`CertificateError` ``too_long`` only if
    the identifiers alone could not fit (the limits of :mod:`diandian.free_text` prevent it).
    """
    short = {k: _shorten(v) for k, v in claims.project_name.items()}
    steps = (
        claims,
        attrs.evolve(claims, allocations=spans),
        attrs.evolve(
            claims,
            allocations=spans,
            scene_name={k: _shorten(v) for k, v in claims.scene_name.items()},
            project_name=short,
            scene_types=claims.scene_types[:3],
        ),
    )
    for candidate in steps:
        try:
            return candidate, codec.encode(candidate, key, kid)
        except CertificateError as exc:
            if exc.code != "too_long":
                raise
    counted = attrs.evolve(steps[-1], allocations=(f"{len(spans)} batches",))
    return counted, codec.encode(counted, key, kid)


def _shorten(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class CertificateBook:
    """Certificates stored in ``database`` (a SQLAlchemy engine or a URL), signed with ``keyring``.

    Both are given explicitly (the platform object passes its own); so is ``host``, the plugin
    host told of each issued certificate (``None``: no one is told). ``status_valid_for`` is
    how long a status list it signs may be relied on (its ``exp`` minus its ``iat``): the
    longest a revocation can stay unseen by an offline verifier, and so the longest the issuer
    may wait between two publications.
    """

    def __init__(
        self,
        database: sa.Engine | str,
        keyring: KeyRing,
        *,
        issuer: str = DEFAULT_ISSUER,
        host: Notifier | None = None,
        status_valid_for: timedelta = DEFAULT_VALIDITY,
    ) -> None:
        self.database = database if isinstance(database, sa.Engine) else db.connect(database)
        self.keyring = keyring
        self.issuer = check_text(issuer, field="issuer", limit=MAX_ISSUER, what="certificate book")
        self._host = host
        self.status_valid_for = status_valid_for

    def init(self) -> None:
        """Create or migrate the tables (the ledger's too)."""
        db.upgrade(self.database)

    # --- issuing ---------------------------------------------------------------------------

    def issue(
        self,
        record: OrderRecord,
        *,
        scene: Scene | None = None,
        participant_id: str | None = None,
        footprint_g: int | None = None,
        by_category: Mapping[str, int] | None = None,
    ) -> Certificate:
        """The certificate of a paid order, from the record its offset provider returns
        (``provider.order_record(order_id)``); the same one again if it was issued before.

        ``scene`` is the stored scene the certificate names (in every language it has); without
        one the certificate names the order's scene id only. ``footprint_g`` is the visit's footprint in grams, an integer from 0 (default: the
        order's metadata ``footprint_g``, else its grams); the display name comes from the
        participant's opt-in, or the order's beneficiary. Adjacent credit slices are written as
        one serial range per batch, so the QR text stays small; it is signed and its size
        checked before anything is stored. Two processes certifying one order at once both get
        the first certificate.

        Raises :class:`~diandian.errors.ValidationFailed` for a bad ``footprint_g`` or scene,
        :class:`CertificateError` ``not_paid`` for an order that is not paid and allocated.
        """
        from ..offsets.model import OrderStatus, Role

        order = record.order
        order_id = order.order_id
        existing = self._by_order(order_id)
        if existing is not None:
            return existing
        if order.status is not OrderStatus.ALLOCATED:
            raise CertificateError(
                "not_paid", f"order {order_id} is {order.status.value}, not paid and allocated"
            )
        project = record.project
        scene = _checked_scene(scene or _unstored_scene(order.scene_id))
        if footprint_g is None:  # the ledger admits only digits here (see Ledger.reserve)
            footprint_g = int(order.metadata.get("footprint_g", order.grams))
        footprint = _footprint_g(footprint_g)
        status = Status.RETIRED if record.fully_retired else Status.PENDING
        exact = _serial_ranges(record, record.allocations)
        spans = _serial_ranges(record, record.allocations, exact=False)
        key, kid = self.keyring.signer()
        with db.write(self.database) as conn:
            # one issuer at a time per database: the second of two processes certifying the same
            # order finds the first's certificate, and status-list slots never collide
            db.lock(conn, "diandian.certificates.issue")
            again = conn.execute(sa.select(certificates).where(certificates.c.order_id == order_id)).first()
            if again is not None:
                return _certificate(again)
            name = participants.display_name(conn, participant_id, order.beneficiary)
            claims = Claims(
                cert_id=new_certificate_id(),
                issuer=self.issuer,
                issued_at=_now(),
                scene_id=scene.id,
                scene_name=dict(scene.name),
                scene_types=tuple(scene.scene_types),
                footprint_g=footprint,
                neutralised_g=record.allocated_g,
                project_id=project.project_id,
                project_name={"en": project.name_en, "zh-CN": project.name_zh},
                program=project.program,
                allocations=exact,
                status_index=int(
                    conn.execute(
                        sa.select(sa.func.coalesce(sa.func.max(certificates.c.status_index) + 1, 0))
                    ).scalar_one()
                ),
                display_name=name,
                # an organiser's order covers the whole event: its certificate backs their claim
                subject=EVENT if order.role is Role.ORGANISER else VISIT,
            )
            claims, qr_text = _fitted(claims, spans, key, kid)
            certificate = Certificate(claims, kid.hex(), qr_text, status, order_id)
            row = {
                "cert_id": claims.cert_id,
                "order_id": order_id,
                "participant_id": participant_id,
                "scene_id": scene.id,
                "scene_types": ",".join(claims.scene_types),
                "footprint_g": footprint,
                "neutralised_g": claims.neutralised_g,
                "status": status.value,
                "status_index": claims.status_index,
                "kid": certificate.kid,
                "issued_at": claims.issued_at.isoformat(),
                "changed_at": claims.issued_at.isoformat(),
                "qr_text": certificate.qr_text,
            }
            conn.execute(sa.insert(certificates).values(**row))
            count_certificate(
                conn,
                conn.execute(sa.select(certificates).where(certificates.c.cert_id == claims.cert_id)).one(),
                +1,
            )
            if participant_id is not None:
                life.add_entry(
                    conn,
                    participant_id,
                    ref=f"order:{order_id}",
                    kind="scene",
                    on=claims.issued_at.date(),
                    scene_id=scene.id,
                    scene_types=claims.scene_types,
                    grams=footprint,
                    by_category=by_category or {},
                )
        if self._host is not None:
            self._host.notify("diandian_certificate_issued", certificate=certificate)
        return certificate

    # --- status ----------------------------------------------------------------------------

    def follow(self, offsets: OffsetProvider) -> list[Certificate]:
        """Mark retired every pending certificate whose order the registry now fully covers
        (as ``offsets.status(order_id)`` reports it)."""
        with db.read(self.database) as conn:
            pending = conn.execute(
                sa.select(certificates.c.cert_id, certificates.c.order_id).where(
                    certificates.c.status == Status.PENDING.value, certificates.c.order_id.is_not(None)
                )
            ).all()
        done = [cert_id for cert_id, order_id in pending if offsets.status(order_id).fully_retired]
        return [self._change(cert_id, Status.RETIRED, None) for cert_id in done]

    def revoke(self, cert_id: str, reason: str) -> Certificate:
        """Revoke a certificate (issued in error, refunded order); verifiers see it at next refresh."""
        return self._change(cert_id, Status.REVOKED, check_text(reason, field="reason", limit=MAX_REASON))

    def _change(self, cert_id: str, status: Status, reason: str | None) -> Certificate:
        with db.write(self.database) as conn:
            row = self._row(conn, cert_id)
            if row.status == Status.REVOKED.value:
                raise CertificateError("revoked", f"certificate {cert_id} is already revoked")
            count_certificate(conn, row, -1)
            values = {"status": status.value, "changed_at": _now().isoformat(), "reason": reason}
            conn.execute(sa.update(certificates).where(certificates.c.cert_id == cert_id).values(**values))
            count_certificate(conn, self._row(conn, cert_id), +1)
        return self.get(cert_id)

    # --- lookups ---------------------------------------------------------------------------

    @staticmethod
    def _row(conn: sa.Connection, cert_id: str) -> sa.Row[tuple[object, ...]]:
        row = conn.execute(sa.select(certificates).where(certificates.c.cert_id == cert_id)).first()
        if row is None:
            raise CertificateError("unknown_certificate", f"no certificate {cert_id!r} here")
        return row

    def get(self, cert_id: str) -> Certificate:
        """Query by certificate id."""
        with db.read(self.database) as conn:
            return _certificate(self._row(conn, cert_id))

    def reason(self, cert_id: str) -> str | None:
        """Why the certificate was revoked; ``None`` for one in force."""
        with db.read(self.database) as conn:
            row = self._row(conn, cert_id)
        return str(row.reason) if row.status == Status.REVOKED.value and row.reason is not None else None

    def find(self, qr_text: str) -> Certificate:
        """Query by the QR text: the stored certificate it names (the text must match exactly)."""
        claims, _kid = codec.peek(qr_text)
        found = self.get(claims.cert_id)
        if found.qr_text != qr_text.strip():
            raise CertificateError(
                "not_ours", "this QR text differs from the certificate issued under its id"
            )
        return found

    def _by_order(self, order_id: str) -> Certificate | None:
        with db.read(self.database) as conn:
            row = conn.execute(sa.select(certificates).where(certificates.c.order_id == order_id)).first()
        return _certificate(row) if row is not None else None

    def of_scene(self, scene_id: str) -> list[Certificate]:
        """Every certificate naming ``scene_id``, oldest first."""
        with db.read(self.database) as conn:
            query = sa.select(certificates).where(certificates.c.scene_id == scene_id)
            return [_certificate(row) for row in conn.execute(query.order_by(certificates.c.issued_at))]

    def of_participant(self, participant_id: str) -> list[Certificate]:
        with db.read(self.database) as conn:
            query = sa.select(certificates).where(certificates.c.participant_id == participant_id)
            return [_certificate(row) for row in conn.execute(query.order_by(certificates.c.issued_at))]

    # --- publishing ------------------------------------------------------------------------

    def status_list(self, now: datetime | None = None) -> StatusList:
        """Every certificate's status, as of ``now`` (default: the clock), valid ``status_valid_for``."""
        with db.read(self.database) as conn:
            rows = conn.execute(sa.select(certificates.c.status_index, certificates.c.status)).all()
        statuses = {index: Status(code) for index, code in rows}
        return StatusList.build(self.issuer, statuses, now=now, valid_for=self.status_valid_for)

    def publish(self, folder: Path, now: datetime | None = None) -> None:
        """Write the key set and the signed status list for a web server to publish.

        Publish again before the list expires (a daily job is plenty with the 7-day default):
        past its ``exp`` verifiers report the status as stale.
        """
        signed = self.status_list(now).sign(*self.keyring.signer())
        publish(folder, self.keyring.all_keys(), signed)


def _certificate(row: sa.Row[tuple[object, ...]]) -> Certificate:
    claims, _kid = codec.peek(str(row.qr_text))
    return Certificate(claims, str(row.kid), str(row.qr_text), Status(row.status), row.order_id)
