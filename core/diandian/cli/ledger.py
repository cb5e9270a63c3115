"""``diandian ledger``: operate the offsets ledger without writing code.

Every command takes ``--database-url`` (default ``$DIANDIAN_DATABASE_URL`` or ``diandian.db`` in
the working folder); commands whose output is data take ``--json``. Refused input goes to
stderr naming the field, with exit status 2; a failed audit exits 1.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from .options import platform, settings_options
from .output import emit, emit_json, reported_errors, table

F = TypeVar("F", bound=Callable[..., Any])


def options(command: F) -> F:
    """``--database-url`` and ``--json`` for a subcommand."""
    command = click.option("--json", "as_json", is_flag=True, help="Print JSON data.")(command)
    return settings_options("database_url")(command)


@click.group()
def ledger() -> None:
    """The offsets ledger: projects, credit batches, orders, retirements, settlement, audit."""


@ledger.command()
@options
def init(as_json: bool) -> None:
    """Create or migrate the ledger database."""
    with reported_errors():
        site = platform()
        revisions = site.init()
    emit({"revisions": revisions}, as_json, lambda: click.echo(f"ledger ready at {site.database.url!r}"))


@ledger.command()
@click.option(
    "--catalogue",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A catalogue JSON file instead of the demo catalogue.",
)
@options
def demo(catalogue: Path | None, as_json: bool) -> None:
    """Load the DEMO catalogue (invented Chengdu-style projects) or a catalogue file."""
    with reported_errors():
        site = platform()
        site.init()
        loaded = site.load_catalogue(catalogue)
    data = {"notice": loaded.notice, "projects": [p.project.project_id for p in loaded.projects]}
    emit(data, as_json, lambda: click.echo(f"{loaded.notice}\nloaded: {', '.join(data['projects'])}"))


@ledger.command()
@options
def projects(as_json: bool) -> None:
    """List projects with their free grams."""
    from ..offsets import to_json

    with reported_errors():
        site = platform()
        site.init()
        found = site.projects()
        free = {p.project_id: site.free_grams(p.project_id) for p in found}
    data = [to_json(p) | {"free_g": free[p.project_id]} for p in found]
    rows = [
        (
            p.project_id,
            p.program,
            p.name_zh,
            f"{p.price_per_tonne_minor} {p.currency}/t",
            free[p.project_id],
            "DEMO" if p.demo else "",
        )
        for p in found
    ]
    emit(data, as_json, lambda: table("projects", ("id", "program", "name", "price", "free g", ""), rows))


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


@ledger.command()
@click.argument("amount", required=False)
@click.option(
    "--footprint",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="JSON from `diandian footprint --json` (total at key 'grams').",
)
@click.option("--project", "project_id", help="Project id (default: first with enough free grams).")
@click.option("--key", "idempotency_key", help="Idempotency key: the same key buys once.")
@click.option("--beneficiary", help="Opt-in display name.")
@click.option("--scene", help="The stored scene (id or slug) the purchase belongs to.")
@click.option("--organiser", is_flag=True, help="Buy as the scene's organiser.")
@settings_options("payment_provider")
@options
def buy(
    amount: str | None,
    footprint: Path | None,
    project_id: str | None,
    idempotency_key: str | None,
    beneficiary: str | None,
    scene: str | None,
    organiser: bool,
    as_json: bool,
) -> None:
    """Run a whole purchase of AMOUNT (38200, 38.2kg, 1t) or of a footprint's total, paid through
    the payment provider (--payment, default the sandbox)."""
    from ..errors import ValidationFailed
    from ..offsets import Role, to_json

    with reported_errors():
        if (amount is None) == (footprint is None):
            raise ValidationFailed.single("amount", "required", "give AMOUNT or --footprint, not both")
        site = platform()
        site.init()
        purchase = site.buy(
            amount if footprint is None else _footprint_grams(footprint),
            project_id=project_id,
            idempotency_key=idempotency_key,
            beneficiary=beneficiary,
            scene=scene,
            role=Role.ORGANISER if organiser else Role.VISITOR,
        )
    order = purchase.order
    data = {"order": to_json(order), "allocations": [to_json(a) for a in purchase.allocations]}
    rows = [
        (a.allocation_id, a.batch_id, f"[{a.g_start}, {a.g_end})", a.grams, a.state)
        for a in purchase.allocations
    ]
    title = (
        f"order {order.order_id}: {order.status}, {order.grams} g of {order.project_id}, "
        f"{order.price.total_minor} {order.price.currency} minor units"
    )
    emit(
        data, as_json, lambda: table(title, ("allocation", "batch", "grams [start, end)", "g", "state"), rows)
    )


@ledger.command()
@click.argument("order_id")
@options
def order(order_id: str, as_json: bool) -> None:
    """Show an order, its slices and how much of it is retired."""
    from ..offsets import to_json

    with reported_errors():
        site = platform()
        site.init()
        found, coverage = site.order(order_id), site.coverage(order_id)
    data = {"order": to_json(found), "coverage": to_json(coverage)}
    rows = [
        ("status", found.status),
        ("grams", found.grams),
        ("allocated g", coverage.allocated_g),
        ("retired g", coverage.retired_g),
        ("fully retired", coverage.fully_retired),
    ]
    emit(data, as_json, lambda: table(f"order {order_id}", ("", ""), rows))


@ledger.command()
@click.option("--status", help="Only orders in this status.")
@click.option("--scene", help="Only orders of this scene (id or slug).")
@click.option("--limit", default=50, show_default=True)
@options
def orders(status: str | None, scene: str | None, limit: int, as_json: bool) -> None:
    """List recent orders."""
    from ..offsets import to_json

    with reported_errors():
        site = platform()
        site.init()
        found = site.orders(status=status, scene=scene, limit=limit)
    rows = [
        (o.order_id, o.status, o.grams, o.price.total_minor, o.price.currency, o.project_id) for o in found
    ]
    emit(
        [to_json(o) for o in found],
        as_json,
        lambda: table("orders", ("order", "status", "g", "total", "cur", "project"), rows),
    )


@ledger.command()
@click.option("--beneficiary", default="Diandian visitor pool", show_default=True)
@click.option("--reason", default="Voluntary compensation of visitors' footprints", show_default=True)
@click.option(
    "--deadline-days", default=365, show_default=True, help="Remainders older than this are overdue."
)
@click.option("--dry-run", is_flag=True, help="Only report what waits.")
@settings_options("issuer")
@options
def retire(beneficiary: str, reason: str, deadline_days: int, dry_run: bool, as_json: bool) -> None:
    """Retire (at the SANDBOX registry) every whole tonne fully covered by paid slices, then mark
    the certificates they cover retired."""
    from ..offsets import to_json

    with reported_errors():
        site = platform()
        site.init()
        done = [] if dry_run else site.retire_pooled(beneficiary, reason)
        waiting = site.remainders(deadline_days)
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
        )
        table(
            "waiting remainders",
            ("batch", "g", "oldest paid", "overdue"),
            [
                (r.batch_id, r.grams, f"{r.oldest_paid_at:%Y-%m-%d}", "OVERDUE" if r.overdue else "")
                for r in waiting
            ],
        )

    emit(data, as_json, show)


def _day(value: str | None, field: str, default: datetime) -> datetime:
    from ..errors import ValidationFailed

    if value is None:
        return default
    try:
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    except ValueError:
        raise ValidationFailed.single(
            field, "format", f"{value!r} is not a date such as 2025-01-31"
        ) from None


@ledger.command()
@click.option("--from", "start", help="Period start date, inclusive (default: the beginning).")
@click.option("--to", "end", help="Period end date, exclusive (default: now).")
@click.option("--dry-run", is_flag=True, help="Compute without recording.")
@options
def settle(start: str | None, end: str | None, dry_run: bool, as_json: bool) -> None:
    """Money per project owner for orders paid in the period and not settled before."""
    from ..offsets import to_json

    with reported_errors():
        period_start = _day(start, "from", datetime(1970, 1, 1, tzinfo=UTC))
        period_end = _day(end, "to", datetime.now(UTC))
        site = platform()
        site.init()
        found = site.settle(period_start, period_end, record=not dry_run)
    rows = [
        (s.owner, line.project_id, line.orders, line.grams, line.credit_minor, line.fee_minor, s.currency)
        for s in found
        for line in s.lines
    ]
    emit(
        [to_json(s) for s in found],
        as_json,
        lambda: table("settlement", ("owner", "project", "orders", "g", "owner gets", "fees", "cur"), rows),
    )


@ledger.command()
@click.argument("scene")
@click.option("--organiser", required=True, help="Who makes the event claim.")
@click.option("--footprint-g", type=int, required=True, help="The event's own footprint in grams.")
@click.option(
    "--policy",
    type=click.Choice(["inside", "outside"]),
    required=True,
    help="Whether visitor slices count inside the event claim.",
)
@options
def claim(scene: str, organiser: str, footprint_g: int, policy: str, as_json: bool) -> None:
    """Decide (once) a scene's event claim and show how much of it is covered."""
    from ..offsets import ClaimPolicy, to_json

    with reported_errors():
        site = platform()
        site.init()
        report = site.decide_claim(
            scene, organiser=organiser, footprint_g=footprint_g, policy=ClaimPolicy(policy)
        )
    data = to_json(report) | {"covered_g": report.covered_g, "residual_g": report.residual_g}
    rows = [
        (k, data[k])
        for k in ("organiser_g", "visitor_inside_g", "visitor_outside_g", "covered_g", "residual_g")
    ]
    emit(data, as_json, lambda: table(f"claim {scene} ({policy})", ("", "g"), rows))


@ledger.command()
@options
def recover(as_json: bool) -> None:
    """Apply payments a lost callback did not, refund what cannot be allocated, expire stale holds."""
    from ..offsets import to_json

    with reported_errors():
        site = platform()
        site.init()
        changed = site.recover()
    emit([to_json(o) for o in changed], as_json, lambda: click.echo(f"{len(changed)} orders changed"))


@ledger.command()
@options
def audit(as_json: bool) -> None:
    """Replay the event log and check every invariant; exit 1 naming each breach."""
    with reported_errors():
        report = platform().audit()
    data = {
        "ok": report.ok,
        "events": report.events,
        "batches": report.batches,
        "orders": report.orders,
        "breaches": [{"record": b.record, "code": b.code, "message": b.message} for b in report.breaches],
    }
    if as_json:
        emit_json(data)
    elif report.ok:
        click.echo(f"audit clean: {report.events} events, {report.batches} batches, {report.orders} orders")
    for breach in report.breaches if not as_json else ():
        click.echo(f"BREACH {breach}", err=True)
    if not report.ok:
        raise SystemExit(1)
