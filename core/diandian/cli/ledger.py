"""``diandian ledger``: operate the offsets ledger without writing code.

Every command takes ``--database-url`` (default ``$DIANDIAN_DATABASE_URL`` or ``diandian.db`` in
the working folder); commands whose output is data take ``--json``. Refused input goes to
stderr naming the field, with exit status 2; a failed audit exits 1.
"""

from __future__ import annotations

from argparse import ArgumentParser, Namespace

from .arguments import (
    add_command,
    add_json,
    add_settings,
    date,
    existing_file,
    platform,
    subcommands,
    whole_number,
)
from .output import emit, emit_json, reported_errors, say, table

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

# the order statuses (diandian.offsets.model.OrderStatus), named here so that `ledger --help`
# imports no model; a test keeps the two the same
STATUSES = ("reserved", "paid", "allocated", "expired", "cancelled", "failed", "refunded")
MAX_LIMIT = 10_000
MAX_DEADLINE_DAYS = 36_500


def define_ledger(parser: ArgumentParser) -> None:
    commands = subcommands(parser)
    _options(add_command(commands, "init", init))
    demo_command = add_command(commands, "demo", demo)
    demo_command.add_argument(
        "--catalogue",
        type=existing_file,
        metavar="FILE",
        help="A catalogue JSON file instead of the demo catalogue.",
    )
    _options(demo_command)
    _options(add_command(commands, "projects", projects))
    _define_buy(add_command(commands, "buy", buy))
    order_command = add_command(commands, "order", order)
    order_command.add_argument(
        "order_id", metavar="ORDER_ID", help="The order's id (ord_..., as `ledger orders` lists it)."
    )
    _options(order_command)
    _define_orders(add_command(commands, "orders", orders))
    _define_retire(add_command(commands, "retire", retire))
    _define_settle(add_command(commands, "settle", settle))
    _define_claim(add_command(commands, "claim", claim))
    _options(add_command(commands, "recover", recover))
    _options(add_command(commands, "audit", audit))


def _options(parser: ArgumentParser) -> None:
    """``--database-url`` and ``--json`` for a subcommand."""
    add_json(parser)
    add_settings(parser, "database_url")


def init(args: Namespace) -> None:
    """Create or migrate the ledger database."""
    with reported_errors():
        site = platform(args)
        revisions = site.init()
    emit({"revisions": revisions}, args.as_json, lambda: print(f"ledger ready at {site.database.url!r}"))


def demo(args: Namespace) -> None:
    """Load the DEMO catalogue (invented Chengdu-style projects) or a catalogue file."""
    with reported_errors():
        site = platform(args)
        site.init()
        loaded = site.load_catalogue(args.catalogue)
    data = {"notice": loaded.notice, "projects": [p.project.project_id for p in loaded.projects]}
    emit(data, args.as_json, lambda: print(f"{loaded.notice}\nloaded: {', '.join(data['projects'])}"))


def projects(args: Namespace) -> None:
    """List projects with their free grams."""
    from ..offsets import to_json
    from ..units import money

    with reported_errors():
        site = platform(args)
        site.init(signing=False)
        found = site.projects()
        free = {p.project_id: site.free_grams(p.project_id) for p in found}
    data = [to_json(p) | {"free_g": free[p.project_id]} for p in found]
    rows = [
        (
            p.project_id,
            p.program,
            p.name_zh,
            f"{money(p.price_per_tonne_minor, currency=p.currency)}/t",
            free[p.project_id],
            "DEMO" if p.demo else "",
        )
        for p in found
    ]
    emit(
        data,
        args.as_json,
        lambda: table(
            "projects", ("id", "program", "name", "price", "free g", ""), rows, unbroken=("id", "free g")
        ),
    )


def _footprint_grams(path: Path) -> int:
    from ..errors import ValidationFailed
    from ..json_input import load_path

    data = load_path(path, field="footprint", what=f"footprint {path}")
    if not isinstance(data, dict) or "grams" not in data:
        raise ValidationFailed.single("footprint.grams", "missing", f"{path} has no 'grams' total")
    grams = data["grams"]
    if not isinstance(grams, int) or isinstance(grams, bool):
        raise ValidationFailed.single(
            "footprint.grams", "type", f"must be an integer number of grams, not {type(grams).__name__}"
        )
    return grams


def _define_buy(parser: ArgumentParser) -> None:
    parser.add_argument("amount", nargs="?", metavar="AMOUNT", help="Grams, or with a unit: 38.2kg, 1t.")
    parser.add_argument(
        "--footprint",
        type=existing_file,
        metavar="FILE",
        help="JSON from `diandian footprint --json` (total at key 'grams').",
    )
    parser.add_argument(
        "--project",
        dest="project_id",
        metavar="ID",
        help="Project id (default: first with enough free grams).",
    )
    parser.add_argument(
        "--key", dest="idempotency_key", metavar="TEXT", help="Idempotency key: the same key buys once."
    )
    parser.add_argument("--beneficiary", metavar="NAME", help="Opt-in display name.")
    parser.add_argument(
        "--scene", metavar="SLUG", help="The stored scene (id or slug) the purchase belongs to."
    )
    parser.add_argument("--organiser", action="store_true", help="Buy as the scene's organiser.")
    add_settings(parser, "payment_provider")
    _options(parser)


def buy(args: Namespace) -> None:
    """Run a whole purchase of AMOUNT (38200, 38.2kg, 1t) or of a footprint's total.

    Paid through the payment provider (--payment, default the sandbox).
    """
    from ..errors import ValidationFailed
    from ..offsets import Role, to_json
    from ..units import money

    with reported_errors():
        if args.amount is None and args.footprint is None:
            raise ValidationFailed.single("amount", "required", "give AMOUNT or --footprint")
        if args.amount is not None and args.footprint is not None:
            raise ValidationFailed.single("amount", "conflict", "give AMOUNT or --footprint, not both")
        site = platform(args)
        site.init(signing=False)
        purchase = site.buy(
            args.amount if args.footprint is None else _footprint_grams(args.footprint),
            project_id=args.project_id,
            idempotency_key=args.idempotency_key,
            beneficiary=args.beneficiary,
            scene=args.scene,
            role=Role.ORGANISER if args.organiser else Role.VISITOR,
        )
    bought = purchase.order
    data = {"order": to_json(bought), "allocations": [to_json(a) for a in purchase.allocations]}
    rows = [
        (a.allocation_id, a.batch_id, f"[{a.g_start}, {a.g_end})", a.grams, a.state)
        for a in purchase.allocations
    ]
    title = (
        f"order {bought.order_id}: {bought.status}, {bought.grams} g of {bought.project_id}, "
        f"{money(bought.price.total_minor, currency=bought.price.currency)}"
    )
    emit(
        data,
        args.as_json,
        lambda: table(
            title,
            ("allocation", "batch", "grams [start, end)", "g", "state"),
            rows,
            unbroken=("allocation", "batch", "g"),
        ),
    )


def order(args: Namespace) -> None:
    """Show an order, its slices and how much of it is retired."""
    from ..offsets import to_json

    order_id = args.order_id
    with reported_errors():
        site = platform(args)
        site.init(signing=False)
        found, coverage = site.order(order_id), site.coverage(order_id)
    data = {"order": to_json(found), "coverage": to_json(coverage)}
    rows = [
        ("status", found.status),
        ("grams", found.grams),
        ("allocated g", coverage.allocated_g),
        ("retired g", coverage.retired_g),
        ("fully retired", coverage.fully_retired),
    ]
    emit(data, args.as_json, lambda: table(f"order {order_id}", ("", ""), rows))


def _define_orders(parser: ArgumentParser) -> None:
    parser.add_argument("--status", choices=STATUSES, help="Only orders in this status.")
    parser.add_argument("--scene", metavar="SLUG", help="Only orders of this scene (id or slug).")
    parser.add_argument(
        "--limit",
        type=whole_number(1, MAX_LIMIT),
        default=50,
        metavar="N",
        help=f"At most this many orders, 1 to {MAX_LIMIT} (default: 50).",
    )
    _options(parser)


def orders(args: Namespace) -> None:
    """List recent orders."""
    from ..offsets import to_json
    from ..units import money

    with reported_errors():
        site = platform(args)
        site.init(signing=False)
        found = site.orders(status=args.status, scene=args.scene, limit=args.limit)
    # the ids stay whole; grams and price share a cell that wraps between them, so that a row
    # fits 80 columns
    rows = [
        (
            o.order_id,
            o.status,
            f"{o.grams} g for {money(o.price.total_minor, currency=o.price.currency)}",
            o.project_id,
        )
        for o in found
    ]
    emit(
        [to_json(o) for o in found],
        args.as_json,
        lambda: table(
            "orders", ("order", "status", "bought", "project"), rows, unbroken=("order", "status", "project")
        ),
    )


def _define_retire(parser: ArgumentParser) -> None:
    parser.add_argument(
        "--beneficiary",
        default="Diandian visitor pool",
        metavar="NAME",
        help="Named at the registry (default: Diandian visitor pool).",
    )
    parser.add_argument(
        "--reason",
        default="Voluntary compensation of visitors' footprints",
        metavar="TEXT",
        help="Given at the registry (default: Voluntary compensation of visitors' footprints).",
    )
    parser.add_argument(
        "--deadline-days",
        type=whole_number(1, MAX_DEADLINE_DAYS),
        default=365,
        metavar="DAYS",
        help=f"Remainders older than this many days are overdue, 1 to {MAX_DEADLINE_DAYS} (default: 365).",
    )
    parser.add_argument("--dry-run", action="store_true", help="Only report what waits.")
    add_settings(parser, "issuer")
    _options(parser)


def retire(args: Namespace) -> None:
    """Retire (at the SANDBOX registry) every whole tonne fully covered by paid slices.

    Then mark the certificates they cover retired and sign the status list again, as --issuer.
    """
    from ..offsets import to_json

    with reported_errors():
        site = platform(args)
        site.init()
        done = [] if args.dry_run else site.retire_pooled(args.beneficiary, args.reason)
        waiting = site.remainders(args.deadline_days)
    data = {
        "retired": [to_json(r) | {"covers": len(r.covers)} for r in done],
        "remainders": [to_json(r) for r in waiting],
    }

    def show() -> None:
        table(
            "retired",
            ("registry id", "batch", "units", "covers"),
            [
                (r.registry_retirement_id, r.batch_id, f"{r.unit_first}-{r.unit_last}", len(r.covers))
                for r in done
            ],
            unbroken=("registry id", "batch"),
        )
        table(
            "waiting remainders",
            ("batch", "g", "oldest paid", "overdue"),
            [
                (r.batch_id, r.grams, f"{r.oldest_paid_at:%Y-%m-%d}", "OVERDUE" if r.overdue else "")
                for r in waiting
            ],
            unbroken=("batch",),
        )

    emit(data, args.as_json, show)


def _define_settle(parser: ArgumentParser) -> None:
    parser.add_argument(
        "--from",
        dest="start",
        type=date,
        metavar="DATE",
        help="Period start date YYYY-MM-DD, inclusive (default: the beginning).",
    )
    parser.add_argument(
        "--to",
        dest="end",
        type=date,
        metavar="DATE",
        help="Period end date YYYY-MM-DD, exclusive (default: now).",
    )
    parser.add_argument("--dry-run", action="store_true", help="Compute without recording.")
    _options(parser)


def settle(args: Namespace) -> None:
    """Money per project owner for orders paid in the period and not settled before."""
    from datetime import UTC, datetime, time

    from ..offsets import to_json
    from ..units import money

    def day(value: dt.date | None, default: datetime) -> datetime:
        return default if value is None else datetime.combine(value, time(), UTC)

    with reported_errors():
        period_start = day(args.start, datetime(1970, 1, 1, tzinfo=UTC))
        period_end = day(args.end, datetime.now(UTC))
        site = platform(args)
        site.init(signing=False)
        found = site.settle(period_start, period_end, record=not args.dry_run)
    rows = [
        (
            s.owner,
            line.project_id,
            line.orders,
            line.grams,
            money(line.credit_minor, currency=s.currency),
            money(line.fee_minor, currency=s.currency),
        )
        for s in found
        for line in s.lines
    ]
    emit(
        [to_json(s) for s in found],
        args.as_json,
        lambda: table(
            "settlement",
            ("owner", "project", "orders", "g", "owner gets", "fees"),
            rows,
            unbroken=("project",),
        ),
    )


def _define_claim(parser: ArgumentParser) -> None:
    parser.add_argument("scene", metavar="SCENE", help="The stored scene (id or slug).")
    parser.add_argument("--organiser", required=True, metavar="NAME", help="Who makes the event claim.")
    parser.add_argument(
        "--footprint-g", type=int, required=True, metavar="GRAMS", help="The event's own footprint in grams."
    )
    parser.add_argument(
        "--policy",
        choices=("inside", "outside"),
        required=True,
        help="Whether visitor slices count inside the event claim.",
    )
    _options(parser)


def claim(args: Namespace) -> None:
    """Decide (once) a scene's event claim and show how much of it is covered."""
    from ..offsets import ClaimPolicy, to_json

    with reported_errors():
        site = platform(args)
        site.init(signing=False)
        report = site.decide_claim(
            args.scene,
            organiser=args.organiser,
            footprint_g=args.footprint_g,
            policy=ClaimPolicy(args.policy),
        )
    data = to_json(report) | {"covered_g": report.covered_g, "residual_g": report.residual_g}
    rows = [
        (k, data[k])
        for k in ("organiser_g", "visitor_inside_g", "visitor_outside_g", "covered_g", "residual_g")
    ]
    emit(data, args.as_json, lambda: table(f"claim {args.scene} ({args.policy})", ("", "g"), rows))


def recover(args: Namespace) -> None:
    """Catch up on payments whose confirmation never arrived, and on reservations left unpaid.

    Asks the payment provider about each open payment: a paid order gets its credits (or its
    money back when they cannot be allocated); an order left unpaid too long is expired and its
    credits are freed.
    """
    from ..offsets import to_json

    with reported_errors():
        site = platform(args)
        site.init(signing=False)
        changed = site.recover()
    emit([to_json(o) for o in changed], args.as_json, lambda: print(f"{len(changed)} orders changed"))


def audit(args: Namespace) -> int:
    """Replay the event log and check every invariant; exit 1 naming each breach."""
    with reported_errors():
        report = platform(args).audit()
    data = {
        "ok": report.ok,
        "events": report.events,
        "batches": report.batches,
        "orders": report.orders,
        "breaches": [{"record": b.record, "code": b.code, "message": b.message} for b in report.breaches],
    }
    if args.as_json:
        emit_json(data)
    elif report.ok:
        print(f"audit clean: {report.events} events, {report.batches} batches, {report.orders} orders")
    for breach in report.breaches if not args.as_json else ():
        say(f"BREACH {breach}")
    return 0 if report.ok else 1
