"""The local ledger: the default :class:`~diandian.offsets.provider.OffsetProvider`.

Typical use (see ``sdk_docs/offsets.md``)::

    ledger = Ledger("sqlite:///diandian.db")
    ledger.init()                                   # migrate to head
    quote = ledger.quote("demo-cdcer-greenway", "38.2kg")
    order = ledger.reserve(quote, idempotency_key="visit-42")
    intent = ledger.start_payment(order.order_id, payments)
    order = ledger.handle_callback(payments, body, headers)    # paid -> allocated

Lookups other modules use: :meth:`Ledger.order`, :meth:`Ledger.allocations`,
:meth:`Ledger.coverage` (is every gram of this order retired?) and :meth:`Ledger.retirements`.

Every change runs in one write transaction that appends to the hash-chained event log and
updates the projections together; any error rolls all of it back, so bad input writes nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

import attrs
import sqlalchemy as sa

from .. import db
from ..errors import Problem, UnknownName, ValidationFailed
from ..free_text import (
    MAX_DISPLAY_NAME,
    MAX_ID,
    MAX_IDEMPOTENCY_KEY,
    MAX_PROJECT_NAME,
    MAX_REASON,
    MAX_SCENE_NAME,
    MAX_SCENE_TYPE,
    MAX_SCENE_TYPES,
    metadata_problems,
    text_problem,
)
from . import claims, retirement, settlement
from .errors import InsufficientCredits
from .eventlog import canonical
from .model import (
    Allocation,
    BatchStatus,
    ClaimPolicy,
    ClaimReport,
    Coverage,
    CreditBatch,
    EventClaim,
    Order,
    OrderStatus,
    Program,
    Project,
    Quote,
    RegistryConfirmation,
    Remainder,
    Retirement,
    Role,
    Settlement,
    SliceState,
)
from .pricing import MAX_ORDER_GRAMS, FeePolicy, parse_grams
from .provider import (
    Notifier,
    OrderRecord,
    PaymentEvent,
    PaymentIntent,
    PaymentProvider,
    RegistryAdapter,
    RegistryReceipt,
)
from .schema import allocations, batches, free_intervals, orders, programs, projects
from .serials import parse_serial
from .store import (
    Tx,
    batch_from_row,
    give_back,
    load_allocations,
    load_order,
    move_grams,
    new_id,
    order_from_row,
    project_from_row,
    stamp,
    take_free,
    transaction,
)

UNPAID = (OrderStatus.RESERVED, OrderStatus.EXPIRED, OrderStatus.CANCELLED, OrderStatus.FAILED)


def utcnow() -> datetime:
    return datetime.now(UTC)


def _problem(path: str, code: str, message: str) -> ValidationFailed:
    return ValidationFailed.single(path, code, message, what="offsets request")


def _text(problems: list[Problem], path: str, value: object, limit: int) -> None:
    problem = None if value is None else text_problem(value, field=path, limit=limit)
    if problem is not None:
        problems.append(problem)


def _request_digest(request: dict[str, Any]) -> str:
    """SHA-256 of an order request, to tell a repeat from another request under the same key.
    Digests stored before revision ``offsets_0002`` hashed the scene under its first key,
    ``event_id``: the digest keeps that spelling so a repeat across the upgrade still matches."""
    first = {("event_id" if key == "scene_id" else key): value for key, value in request.items()}
    return hashlib.sha256(canonical(first).encode()).hexdigest()


class Ledger:
    """Projects, batches, orders, allocations, retirements, claims and settlements in one database.

    ``database`` is a SQLAlchemy engine, a URL or ``None`` for :func:`diandian.db.default_url`,
    connected on first use. ``clock`` returns the current UTC time (tests pass a fake one);
    ``host`` receives ``diandian_order_paid`` (``None``: no notifications; the platform passes
    its own host).
    """

    def __init__(
        self,
        database: sa.Engine | str | None = None,
        *,
        fees: FeePolicy | None = None,
        quote_ttl: timedelta = timedelta(minutes=15),
        reservation_ttl: timedelta = timedelta(minutes=15),
        max_order_grams: int = MAX_ORDER_GRAMS,
        clock: Callable[[], datetime] = utcnow,
        host: Notifier | None = None,
    ) -> None:
        self._database = db.LazyDatabase(database)
        self.fees = fees or FeePolicy()
        self.quote_ttl = quote_ttl
        self.reservation_ttl = reservation_ttl
        self.max_order_grams = max_order_grams
        self.clock = clock
        self._host = host

    @property
    def database(self) -> sa.Engine:
        return self._database.get()

    def init(self) -> None:
        """Create or migrate the database to the newest schema."""
        db.upgrade(self.database)

    def _tx(self) -> Any:
        return transaction(self.database, self.clock())

    # --- catalogue -------------------------------------------------------------------------

    def add_program(self, program: Program) -> Program:
        """Register a crediting programme; registering the same one again changes nothing."""
        with self._tx() as tx:
            if tx.conn.execute(sa.select(programs.c.code).where(programs.c.code == program.code)).first():
                return program
            row = attrs.asdict(program)
            tx.conn.execute(programs.insert().values(row))
            tx.event("program.registered", program.code, row)
        return program

    def add_project(self, project: Project) -> Project:
        """Register a project; the same project again changes nothing, a different one is refused."""
        problems: list[Problem] = []
        if project.price_per_tonne_minor <= 0:
            problems.append(Problem("price_per_tonne_minor", "not_positive", "must be more than 0"))
        if len(project.currency) != 3 or not project.currency.isupper():
            problems.append(Problem("currency", "format", "must be an ISO 4217 code such as CNY"))
        # what a certificate states about the project is held to the certificate's limits
        _text(problems, "project_id", project.project_id, 64)
        _text(problems, "name_en", project.name_en, MAX_PROJECT_NAME)
        _text(problems, "name_zh", project.name_zh, MAX_PROJECT_NAME)
        if problems:
            raise ValidationFailed(problems, what=f"project {project.project_id!r}")
        row = attrs.asdict(project)
        with self._tx() as tx:
            known = tx.conn.execute(
                sa.select(projects).where(projects.c.project_id == project.project_id)
            ).one_or_none()
            if known is not None:
                if project_from_row(known) != project:
                    raise _problem("project_id", "exists", f"{project.project_id!r} exists and differs")
                return project
            if not tx.conn.execute(
                sa.select(programs.c.code).where(programs.c.code == project.program)
            ).first():
                raise _problem("program", "unknown", f"no programme {project.program!r}; add it first")
            tx.conn.execute(projects.insert().values(row))
            tx.event("project.registered", project.project_id, {**row, "kind": str(project.kind)})
        return project

    def add_batch(
        self,
        *,
        project_id: str,
        serial: str,
        vintage_start: date,
        vintage_end: date,
        acquired_from: str,
        evidence_sha256: str,
        batch_id: str | None = None,
    ) -> CreditBatch:
        """Register whole-tonne credits held for a project; all of their grams start free."""
        block = parse_serial(serial)
        problems: list[Problem] = []
        if vintage_end < vintage_start:
            problems.append(Problem("vintage_end", "before_start", "is before vintage_start"))
        if len(evidence_sha256) != 64 or any(c not in "0123456789abcdef" for c in evidence_sha256):
            problems.append(Problem("evidence_sha256", "format", "must be 64 lowercase hex digits"))
        if problems:
            raise ValidationFailed(problems, what="credit batch")
        batch = CreditBatch(
            batch_id=batch_id or new_id("bat"),
            project_id=project_id,
            serial=block,
            vintage_start=vintage_start,
            vintage_end=vintage_end,
            acquired_from=acquired_from,
            evidence_sha256=evidence_sha256,
        )
        batch = attrs.evolve(batch, free_g=batch.issued_g)
        with self._tx() as tx:
            self._project(tx.conn, project_id)
            if tx.conn.execute(sa.select(batches.c.batch_id).where(batches.c.serial == block.text)).first():
                raise _problem("serial", "exists", f"a batch with serial {block.text!r} is registered")
            row = {
                "batch_id": batch.batch_id,
                "project_id": project_id,
                "serial": block.text,
                "vintage_start": vintage_start,
                "vintage_end": vintage_end,
                "acquired_from": acquired_from,
                "evidence_sha256": evidence_sha256,
                "status": str(BatchStatus.ACTIVE),
                "issued_g": batch.issued_g,
                "free_g": batch.issued_g,
                "reserved_g": 0,
                "allocated_g": 0,
                "retired_g": 0,
            }
            tx.conn.execute(batches.insert().values(row))
            tx.conn.execute(
                free_intervals.insert().values(batch_id=batch.batch_id, g_start=0, g_end=batch.issued_g)
            )
            tx.event(
                "batch.registered",
                batch.batch_id,
                {**row, "vintage_start": vintage_start.isoformat(), "vintage_end": vintage_end.isoformat()},
            )
        return batch

    def projects(self) -> list[Project]:
        with db.read(self.database) as conn:
            rows = conn.execute(sa.select(projects).order_by(projects.c.project_id))
            return [project_from_row(row) for row in rows]

    def project(self, project_id: str) -> Project:
        with db.read(self.database) as conn:
            return self._project(conn, project_id)

    @staticmethod
    def _project(conn: sa.Connection, project_id: str) -> Project:
        row = conn.execute(sa.select(projects).where(projects.c.project_id == project_id)).one_or_none()
        if row is None:
            raise _problem("project_id", "unknown", f"no project {project_id!r}")
        return project_from_row(row)

    def batches(self, project_id: str | None = None) -> list[CreditBatch]:
        query = sa.select(batches).order_by(batches.c.vintage_start, batches.c.batch_id)
        if project_id is not None:
            query = query.where(batches.c.project_id == project_id)
        with db.read(self.database) as conn:
            return [batch_from_row(row) for row in conn.execute(query)]

    def batch(self, batch_id: str) -> CreditBatch:
        with db.read(self.database) as conn:
            row = conn.execute(sa.select(batches).where(batches.c.batch_id == batch_id)).one_or_none()
        if row is None:
            raise UnknownName("batch", batch_id, ())
        return batch_from_row(row)

    # --- quote and reserve -----------------------------------------------------------------

    def quote(self, project_id: str, grams: object, *, currency: str | None = None) -> Quote:
        """Price ``grams`` (int, Decimal or ``"38.2kg"``; rounded up to the gram) of a project."""
        amount = parse_grams(grams, maximum=self.max_order_grams)
        project = self.project(project_id)
        if currency is not None and currency != project.currency:
            raise _problem(
                "currency",
                "mismatch",
                f"project {project_id!r} is sold in {project.currency}, not {currency}",
            )
        price = self.fees.price(amount, project)
        return Quote(project_id, amount, price, self.clock() + self.quote_ttl, new_id("quo"))

    def reserve(
        self,
        quote: Quote,
        *,
        idempotency_key: str,
        beneficiary: str | None = None,
        scene_id: str | None = None,
        role: Role = Role.VISITOR,
        metadata: Mapping[str, str] | None = None,
    ) -> Order:
        """Hold the quoted grams for :attr:`reservation_ttl`, oldest eligible vintage first.

        The same ``idempotency_key`` with the same request returns the first order, whatever
        its status; with a different request it is refused.
        """
        meta = dict(metadata or {})
        self._check_request(quote, idempotency_key, beneficiary, scene_id, meta)
        request = {
            "project_id": quote.project_id,
            "grams": quote.grams,
            "beneficiary": beneficiary,
            "scene_id": scene_id,
            "role": str(role),
            "metadata": meta,
        }
        request_sha = _request_digest(request)
        with self._tx() as tx:
            known = tx.conn.execute(
                sa.select(orders).where(orders.c.idempotency_key == idempotency_key)
            ).one_or_none()
            if known is not None:
                if known.request_sha256 != request_sha:
                    raise _problem("idempotency_key", "reused", "was used for a different request")
                return order_from_row(known)
            self._check_quote(tx, quote)
            self._expire(tx)
            order_id = new_id("ord")
            until = tx.now + self.reservation_ttl
            row = {
                **request,
                "order_id": order_id,
                "idempotency_key": idempotency_key,
                "request_sha256": request_sha,
                "credit_minor": quote.price.credit_minor,
                "fee_minor": quote.price.fee_minor,
                "currency": quote.price.currency,
                "status": str(OrderStatus.RESERVED),
                "quote_id": quote.quote_id,
                "created_at": tx.at,
                "reserved_until": stamp(until),
            }
            row["metadata_json"] = canonical(row.pop("metadata"))
            tx.conn.execute(orders.insert().values(row))
            slices = self._reserve_slices(tx, order_id, quote.project_id, quote.grams)
            tx.event("order.reserved", order_id, {**row, "slices": slices})
            order = load_order(tx.conn, order_id)
        assert order is not None
        return order

    def _check_request(
        self,
        quote: Quote,
        key: str,
        beneficiary: str | None,
        scene_id: str | None,
        meta: dict[str, str],
    ) -> None:
        problems: list[Problem] = []
        _text(problems, "idempotency_key", key, MAX_IDEMPOTENCY_KEY)
        _text(problems, "beneficiary", beneficiary, MAX_DISPLAY_NAME)
        _text(problems, "scene_id", scene_id, MAX_ID)
        problems.extend(metadata_problems(meta))
        # what a certificate later reads from the metadata is held to the certificate's limits
        for field, limit in (
            ("scene_name_en", MAX_SCENE_NAME),
            ("scene_name_zh", MAX_SCENE_NAME),
            ("scene_id", MAX_ID),
        ):
            if isinstance(meta.get(field), str):
                _text(problems, f"metadata.{field}", meta[field], limit)
        types = meta.get("scene_types")
        if isinstance(types, str):
            names = [t for t in types.split(",") if t]
            if len(names) > MAX_SCENE_TYPES:
                problems.append(Problem("metadata.scene_types", "too_many", f"at most {MAX_SCENE_TYPES}"))
            for name in names:
                _text(problems, "metadata.scene_types", name, MAX_SCENE_TYPE)
        footprint = meta.get("footprint_g")
        if footprint is not None and not (
            isinstance(footprint, str)
            and footprint.isascii()
            and footprint.isdigit()
            and len(footprint) <= 13
        ):
            problems.append(
                Problem("metadata.footprint_g", "format", "must be whole grams written in digits")
            )
        if problems:
            raise ValidationFailed(problems, what="order")
        parse_grams(quote.grams, field="quote.grams", maximum=self.max_order_grams)

    def _check_quote(self, tx: Tx, quote: Quote) -> None:
        project = self._project(tx.conn, quote.project_id)
        if quote.valid_until < tx.now:
            raise _problem("quote.valid_until", "expired", "the quote has expired; ask for a new one")
        if quote.price != self.fees.price(quote.grams, project):
            raise _problem("quote.price", "changed", "does not match the current price; ask for a new quote")

    def _reserve_slices(self, tx: Tx, order_id: str, project_id: str, grams: int) -> list[list[Any]]:
        """Reserve ``grams`` from the project's active batches, oldest vintage first."""
        rows = tx.conn.execute(
            sa.select(batches.c.batch_id, batches.c.free_g)
            .where(
                (batches.c.project_id == project_id)
                & (batches.c.status == str(BatchStatus.ACTIVE))
                & (batches.c.free_g > 0)
            )
            .order_by(batches.c.vintage_start, batches.c.batch_id)
        ).all()
        available = sum(row.free_g for row in rows)
        if available < grams:
            raise InsufficientCredits(project_id, grams, available)
        slices: list[list[Any]] = []
        for row in rows:
            want = min(grams, row.free_g)
            for start, end in take_free(tx.conn, row.batch_id, want):
                allocation_id = new_id("alc")
                tx.conn.execute(
                    allocations.insert().values(
                        allocation_id=allocation_id,
                        order_id=order_id,
                        batch_id=row.batch_id,
                        g_start=start,
                        g_end=end,
                        state=str(SliceState.RESERVED),
                    )
                )
                slices.append([allocation_id, row.batch_id, start, end])
            move_grams(tx.conn, row.batch_id, want, "free_g", "reserved_g")
            grams -= want
            if grams == 0:
                break
        return slices

    # --- release, expire, cancel -----------------------------------------------------------

    def _release(self, tx: Tx, order: Order, status: OrderStatus) -> None:
        for slice_ in load_allocations(tx.conn, order.order_id):
            if slice_.state is SliceState.RESERVED:
                give_back(tx.conn, slice_.batch_id, slice_.g_start, slice_.g_end)
                move_grams(tx.conn, slice_.batch_id, slice_.grams, "reserved_g", "free_g")
        tx.conn.execute(
            allocations.update()
            .where(
                (allocations.c.order_id == order.order_id) & (allocations.c.state == str(SliceState.RESERVED))
            )
            .values(state=str(SliceState.RELEASED))
        )
        tx.conn.execute(orders.update().where(orders.c.order_id == order.order_id).values(status=str(status)))
        tx.event("order.released", order.order_id, {"order_id": order.order_id, "status": str(status)})

    def _expire(self, tx: Tx) -> list[str]:
        rows = tx.conn.execute(
            sa.select(orders).where(
                (orders.c.status == str(OrderStatus.RESERVED)) & (orders.c.reserved_until < tx.at)
            )
        ).all()
        for row in rows:
            self._release(tx, order_from_row(row), OrderStatus.EXPIRED)
        return [row.order_id for row in rows]

    def expire(self) -> list[str]:
        """Release every reservation past its time-to-live; return the expired order ids."""
        with self._tx() as tx:
            return self._expire(tx)

    def cancel(self, order_id: str) -> Order:
        """Release an unpaid reservation; a cancelled or expired order stays as it is."""
        with self._tx() as tx:
            order = self._order(tx.conn, order_id)
            if order.status is OrderStatus.RESERVED:
                self._release(tx, order, OrderStatus.CANCELLED)
            elif order.status not in UNPAID:
                raise _problem(
                    "order_id", "paid", f"order {order_id} is {order.status} and cannot be cancelled"
                )
            result = self._order(tx.conn, order_id)
        return result

    # --- payment -----------------------------------------------------------------------------

    def start_payment(self, order_id: str, payments: PaymentProvider) -> PaymentIntent:
        """Create (idempotently, keyed by the order) the payment intent and link it to the order."""
        order = self.order(order_id)
        if order.status is not OrderStatus.RESERVED and order.payment_intent_id is None:
            raise _problem("order_id", "not_payable", f"order {order_id} is {order.status}")
        intent = payments.create_intent(
            order_id=order_id,
            amount_minor=order.price.total_minor,
            currency=order.price.currency,
            idempotency_key=f"order:{order_id}",
        )
        if order.payment_intent_id is None:
            with self._tx() as tx:
                current = self._order(tx.conn, order_id)
                if current.payment_intent_id is None:
                    tx.conn.execute(
                        orders.update()
                        .where(orders.c.order_id == order_id)
                        .values(payment_provider=payments.name, payment_intent_id=intent.intent_id)
                    )
                    tx.event(
                        "order.intent",
                        order_id,
                        {
                            "order_id": order_id,
                            "provider": payments.name,
                            "intent_id": intent.intent_id,
                        },
                    )
        return intent

    def handle_callback(self, payments: PaymentProvider, body: bytes, headers: Mapping[str, str]) -> Order:
        """Verify a processor callback, apply it, and refund a payment that cannot be allocated."""
        order = self.confirm(payments.verify_callback(body, headers))
        if order.status is OrderStatus.PAID:
            order = self.refund(order.order_id, payments)
        return order

    def confirm(self, payment: PaymentEvent) -> Order:
        """Apply a verified payment outcome to its order.

        A success allocates the reserved slices (or, when the reservation already expired, new
        ones; if there are none left the order stays ``paid`` for :meth:`refund`). A failure
        releases the reservation. Replaying an outcome changes nothing.
        """
        with self._tx() as tx:
            order = self._order(tx.conn, payment.order_id)
            self._check_payment(order, payment)
            newly_allocated = False
            if payment.outcome == "failed":
                if order.status is OrderStatus.RESERVED:
                    self._release(tx, order, OrderStatus.FAILED)
            elif order.status in UNPAID:
                newly_allocated = self._pay(tx, order, payment)
            result = self._order(tx.conn, order.order_id)
        if newly_allocated and self.host is not None:
            self.host.notify("diandian_order_paid", order=result)
        return result

    def _check_payment(self, order: Order, payment: PaymentEvent) -> None:
        problems = []
        if payment.currency != order.price.currency:
            problems.append(
                Problem(
                    "currency", "mismatch", f"payment in {payment.currency}, order in {order.price.currency}"
                )
            )
        if payment.amount_minor != order.price.total_minor:
            problems.append(
                Problem(
                    "amount_minor",
                    "mismatch",
                    f"payment of {payment.amount_minor}, order costs {order.price.total_minor}",
                )
            )
        if order.payment_intent_id not in (None, payment.intent_id):
            problems.append(Problem("intent_id", "mismatch", "is not the intent of this order"))
        if payment.outcome not in ("succeeded", "failed"):
            problems.append(Problem("outcome", "unknown", f"{payment.outcome!r} is not succeeded or failed"))
        if problems:
            raise ValidationFailed(problems, what=f"payment for order {order.order_id}")

    def _pay(self, tx: Tx, order: Order, payment: PaymentEvent) -> bool:
        slices: list[list[Any]] = []
        allocated = True
        if order.status is not OrderStatus.RESERVED:
            # a late payment: its reservation is gone, so take fresh grams if any are left
            try:
                slices = self._reserve_slices(tx, order.order_id, order.project_id, order.grams)
            except InsufficientCredits:
                allocated = False
        status = OrderStatus.ALLOCATED if allocated else OrderStatus.PAID
        if allocated:
            for slice_ in load_allocations(tx.conn, order.order_id):
                if slice_.state is SliceState.RESERVED:
                    move_grams(tx.conn, slice_.batch_id, slice_.grams, "reserved_g", "allocated_g")
            tx.conn.execute(
                allocations.update()
                .where(
                    (allocations.c.order_id == order.order_id)
                    & (allocations.c.state == str(SliceState.RESERVED))
                )
                .values(state=str(SliceState.ALLOCATED))
            )
        tx.conn.execute(
            orders.update()
            .where(orders.c.order_id == order.order_id)
            .values(
                status=str(status),
                paid_at=tx.at,
                payment_intent_id=payment.intent_id,
                payment_provider=payment.provider,
            )
        )
        tx.event(
            "order.paid",
            order.order_id,
            {
                "order_id": order.order_id,
                "provider": payment.provider,
                "intent_id": payment.intent_id,
                "amount_minor": payment.amount_minor,
                "slices": slices,
                "allocated": allocated,
            },
        )
        if allocated:
            claims.join_if_claimed(tx, attrs.evolve(order, status=status))
        return allocated

    def refund(self, order_id: str, payments: PaymentProvider) -> Order:
        """Refund a paid order that holds no credits (a late payment after its grams were gone)."""
        order = self.order(order_id)
        if order.status is not OrderStatus.PAID:
            raise _problem("order_id", "not_refundable", f"order {order_id} is {order.status}")
        assert order.payment_intent_id is not None
        refund = payments.refund(
            intent_id=order.payment_intent_id,
            amount_minor=order.price.total_minor,
            currency=order.price.currency,
            idempotency_key=f"refund:{order_id}",
        )
        with self._tx() as tx:
            current = self._order(tx.conn, order_id)
            if current.status is OrderStatus.PAID:
                tx.conn.execute(
                    orders.update()
                    .where(orders.c.order_id == order_id)
                    .values(status=str(OrderStatus.REFUNDED), refund_id=refund.refund_id)
                )
                tx.event(
                    "order.refunded",
                    order_id,
                    {
                        "order_id": order_id,
                        "refund_id": refund.refund_id,
                        "amount_minor": refund.amount_minor,
                    },
                )
            return self._order(tx.conn, order_id)

    def recover(self, providers: Mapping[str, PaymentProvider]) -> list[Order]:
        """After a crash or a lost callback: apply outcomes the processors already know, refund
        paid orders that hold no credits, and expire stale reservations. Safe to run any time."""
        changed: list[Order] = []
        with db.read(self.database) as conn:
            pending = conn.execute(
                sa.select(orders.c.order_id, orders.c.payment_provider, orders.c.payment_intent_id).where(
                    orders.c.status.in_([str(s) for s in UNPAID]) & orders.c.payment_intent_id.is_not(None)
                )
            ).all()
        for _, provider, intent_id in pending:
            outcome = providers[provider].retrieve(intent_id)
            if outcome is not None:
                changed.append(self.confirm(outcome))
        with db.read(self.database) as conn:
            unrefunded = conn.execute(
                sa.select(orders.c.order_id, orders.c.payment_provider).where(
                    orders.c.status == str(OrderStatus.PAID)
                )
            ).all()
        changed.extend(self.refund(order_id, providers[provider]) for order_id, provider in unrefunded)
        self.expire()
        return changed

    @property
    def host(self) -> Notifier | None:
        """The plugin host told of paid orders; ``None`` tells no one."""
        return self._host

    # --- lookups ---------------------------------------------------------------------------

    @staticmethod
    def _order(conn: sa.Connection, order_id: str) -> Order:
        order = load_order(conn, order_id)
        if order is None:
            raise _problem("order_id", "unknown", f"no order {order_id!r}")
        return order

    def order(self, order_id: str) -> Order:
        """The order ``order_id``; :class:`ValidationFailed` naming ``order_id`` if unknown."""
        with db.read(self.database) as conn:
            return self._order(conn, order_id)

    def order_by_key(self, idempotency_key: str) -> Order | None:
        with db.read(self.database) as conn:
            row = conn.execute(
                sa.select(orders).where(orders.c.idempotency_key == idempotency_key)
            ).one_or_none()
        return None if row is None else order_from_row(row)

    def orders(
        self, *, status: OrderStatus | None = None, scene_id: str | None = None, limit: int = 100
    ) -> list[Order]:
        query = sa.select(orders).order_by(orders.c.created_at.desc(), orders.c.order_id).limit(limit)
        if status is not None:
            query = query.where(orders.c.status == str(status))
        if scene_id is not None:
            query = query.where(orders.c.scene_id == scene_id)
        with db.read(self.database) as conn:
            return [order_from_row(row) for row in conn.execute(query)]

    def allocations(self, order_id: str) -> list[Allocation]:
        """The order's slices (released ones included, with state ``released``)."""
        with db.read(self.database) as conn:
            self._order(conn, order_id)
            return load_allocations(conn, order_id)

    def coverage(self, order_id: str) -> Coverage:
        """Allocated and retired grams of an order and the retirements covering it;
        ``coverage(order_id).fully_retired`` says whether every gram is retired."""
        with db.read(self.database) as conn:
            order = self._order(conn, order_id)
            slices = [s for s in load_allocations(conn, order_id) if s.state is SliceState.ALLOCATED]
            found = retirement.for_allocations(conn, [s.allocation_id for s in slices])
        retired = sum(cover.grams for r in found for cover in r.covers)
        return Coverage(
            order_id, order.grams, sum(s.grams for s in slices), retired, tuple(slices), tuple(found)
        )

    status = coverage

    def order_record(self, order_id: str) -> OrderRecord:
        """The order as a certificate needs it: project, allocated and retired grams, its slices
        and the serial block of each batch they lie in."""
        coverage = self.coverage(order_id)
        order = self.order(order_id)
        return OrderRecord(
            order,
            self.project(order.project_id),
            coverage.allocated_g,
            coverage.retired_g,
            coverage.allocations,
            {a.batch_id: self.batch(a.batch_id).serial for a in coverage.allocations},
        )

    def retirements(self, *, batch_id: str | None = None, order_id: str | None = None) -> list[Retirement]:
        """Retirements, newest last; for ``order_id`` only those covering its slices, with only
        the covers of its slices."""
        with db.read(self.database) as conn:
            if order_id is None:
                return retirement.load(conn, batch_id)
            ids = [s.allocation_id for s in load_allocations(conn, order_id)]
            return retirement.for_allocations(conn, ids)

    # --- retirement, claims, settlement ----------------------------------------------------

    def retire(self, registry: RegistryAdapter, *, beneficiary: str, reason: str) -> list[Retirement]:
        """Retire at ``registry`` every whole unit fully covered by allocated slices (pooled)."""
        problems: list[Problem] = []
        _text(problems, "beneficiary", beneficiary, MAX_REASON)
        _text(problems, "reason", reason, MAX_REASON)
        if problems:
            raise ValidationFailed(problems, what="retirement")
        done: list[Retirement] = []
        while True:
            # one transaction per run, the registry call inside it: a concurrent run cannot
            # retire the same units, and a crash before commit is retried with the same key
            with self._tx() as tx:
                plans = retirement.plan(tx.conn)
                if not plans:
                    break
                first = plans[0]
                receipt = registry.retire(
                    first.batch,
                    unit_first=first.unit_first,
                    unit_last=first.unit_last,
                    beneficiary=beneficiary,
                    reason=reason,
                    idempotency_key=first.idempotency_key,
                )
                done.append(retirement.record(tx, first, receipt, beneficiary, reason))
        return done

    def ready_to_retire(self) -> list[retirement.Plan]:
        """Runs of whole units fully covered by allocated (paid) slices and not retired yet:
        what an operator retires at the registry before recording its confirmation."""
        with db.read(self.database) as conn:
            return retirement.plan(conn)

    def record_retirement(self, confirmation: RegistryConfirmation, *, evidence: str) -> Retirement:
        """Record a retirement done at the registry by hand, from its ``confirmation``, keeping
        ``evidence`` (who typed it, from what). The serial block must name units of the batch's
        issuance that lie in one run of :meth:`ready_to_retire`. ValidationFailed naming
        ``registry_reference``, ``serials``, ``retired_on``, ``batch_id``, ``beneficiary``,
        ``reason`` or ``evidence``; nothing is written then."""
        c = confirmation
        problems: list[Problem] = []
        reference = c.registry_reference.strip()
        if not reference:
            problems.append(
                Problem("registry_reference", "required", "give the registry's retirement reference")
            )
        _text(problems, "registry_reference", reference, MAX_ID)
        for path, value in (("beneficiary", c.beneficiary), ("reason", c.reason), ("evidence", evidence)):
            _text(problems, path, value, MAX_REASON)
        if c.retired_on > self.clock().date():
            problems.append(Problem("retired_on", "future", "must not be after today"))
        typed = None
        if not c.serials.strip():
            problems.append(Problem("serials", "required", "give the serial block the registry retired"))
        else:
            try:
                typed = parse_serial(c.serials, field="serials")
            except ValidationFailed as exc:
                problems += exc.problems
        if problems or typed is None:
            raise ValidationFailed(problems, what="retirement")
        with self._tx() as tx:
            row = tx.conn.execute(sa.select(batches).where(batches.c.batch_id == c.batch_id)).one_or_none()
            if row is None:
                raise _problem("batch_id", "unknown", f"no batch {c.batch_id!r}")
            batch = batch_from_row(row)
            if typed.stem != batch.serial.stem:
                raise _problem(
                    "serials",
                    "other_batch",
                    f"names another issuance than batch {c.batch_id} ({batch.serial.text})",
                )
            planned = retirement.within(
                retirement.plan(tx.conn, c.batch_id), c.batch_id, typed.first, typed.last
            )
            if planned is None:
                raise _problem(
                    "serials",
                    "not_ready",
                    f"units {typed.first}-{typed.last} are not all paid for and unretired in batch {c.batch_id}",
                )
            receipt = RegistryReceipt(reference, c.retired_on, evidence)
            return retirement.record(tx, planned, receipt, c.beneficiary, c.reason)

    def remainders(self, *, deadline: timedelta = timedelta(days=365)) -> list[Remainder]:
        """Allocated grams waiting for retirement per batch; ``overdue`` past ``deadline``."""
        with db.read(self.database) as conn:
            return retirement.remainders(conn, self.clock(), deadline)

    def decide_claim(
        self, scene_id: str, *, organiser: str, footprint_g: int, policy: ClaimPolicy
    ) -> EventClaim:
        """Record, once per event, whether visitor slices count inside the organiser's claim."""
        with self._tx() as tx:
            return claims.decide(tx, scene_id, organiser, footprint_g, policy)

    def claim_report(self, scene_id: str) -> ClaimReport:
        with db.read(self.database) as conn:
            return claims.report(conn, scene_id)

    def settle(
        self, period_start: datetime, period_end: datetime, *, record: bool = True
    ) -> list[Settlement]:
        """Money owed per project owner for orders paid in ``[period_start, period_end)`` not
        settled before; ``record=False`` only computes it."""
        if period_end <= period_start:
            raise _problem("period_end", "before_start", "must be after period_start")
        with self._tx() as tx:
            return settlement.settle(tx, period_start, period_end, record=record)
