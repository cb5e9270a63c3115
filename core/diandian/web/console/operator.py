"""Operator pages: credit inventory (catalogue upload with its evidence hash; free, reserved,
allocated and retired grams per batch), pooled retirement with the registry's confirmation,
revocation (the status list republishes), settlement per project owner as CSV, the ledger audit
and the action trail. An organiser reaching any of them gets 404."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from litestar import get, post
from litestar.di import NamedDependency
from litestar.params import FromQuery
from litestar.response import Response, Template

from ...acting import MAX_CATALOGUE_BYTES
from ...certificates import CertificateError
from ...errors import Problem, ValidationFailed
from ...exports import SETTLEMENT_COLUMNS, csv_bytes
from ...text import text, tr
from ..i18n import pick
from .common import AnyRequest, Form, Upload, errors_of, field, lang, page

if TYPE_CHECKING:
    from ...acting import Acting, CatalogueLoad
    from ...offsets.model import Retirement, Settlement
    from ...offsets.retirement import Plan
    from ...platform import Platform


def _inventory(
    request: AnyRequest,
    platform: Platform,
    acting: Acting,
    *,
    loaded: CatalogueLoad | None = None,
    retired: list[Retirement] | None = None,
    revoked: str | None = None,
    confirmed: Retirement | None = None,
    confirm: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    confirm_errors: dict[str, str] | None = None,
    catalogue_problems: list[tuple[str, str, str]] | None = None,
    status_code: int = 200,
) -> Template:
    language = lang(request)
    batches = acting.batches()
    ready = acting.ready_to_retire()
    return page(
        "operator",
        status_code=status_code,
        account=acting.account,
        batches=batches,
        projects={p.project_id: p for p in platform.projects()},
        totals={
            k: sum(getattr(b, k) for b in batches)
            for k in ("issued_g", "free_g", "reserved_g", "allocated_g", "retired_g")
        },
        retirements=list(reversed(acting.retirements()))[:20],
        remainders=platform.remainders(),
        loaded=loaded,
        retired=retired,
        revoked=revoked,
        ready=ready,
        confirmed=confirmed,
        confirm=confirm or _confirm_defaults(ready, language),
        registry_texts=_registry_texts(language),
        errors=errors or {},
        confirm_errors=confirm_errors or {},
        catalogue_problems=catalogue_problems or [],
    )


CONFIRM_FIELDS = ("batch_id", "serials", "registry_reference", "retired_on", "beneficiary", "reason")


def _confirm_defaults(ready: list[Plan], language: str) -> dict[str, str]:
    """The confirmation form filled with the first run ready to retire and today's date."""
    first = ready[0] if ready else None
    return {
        "batch_id": first.batch.batch_id if first else "",
        "serials": "",
        "registry_reference": "",
        "retired_on": dt.datetime.now(dt.UTC).date().isoformat(),
        **_registry_texts(language),
    }


def _registry_texts(language: str) -> dict[str, str]:
    """The beneficiary and reason a pooled retirement names at the registry, by default."""
    return {
        "beneficiary": pick(language, "Diandian visitor pool", "点点碳中和访客池"),
        "reason": pick(language, "Voluntary compensation of visitors' footprints", "自愿抵消访客碳足迹"),
    }


@get("/operator", name="operator_home", sync_to_thread=True)
def inventory(
    request: AnyRequest, platform: NamedDependency[Platform], operator: NamedDependency[Acting]
) -> Template:
    """Batches with their gram balances, retirements and remainders, and the operator's forms."""
    return _inventory(request, platform, operator)


@post("/operator/catalogue", name="operator_catalogue", sync_to_thread=True)
def catalogue(
    request: AnyRequest, platform: NamedDependency[Platform], operator: NamedDependency[Acting], data: Upload
) -> Template:
    """Load projects and batches from an uploaded catalogue file; show the file's SHA-256."""
    upload = data.get("catalogue")
    reader = getattr(upload, "file", None)
    # one byte past the limit is enough to refuse a file that is too large
    content = reader.read(MAX_CATALOGUE_BYTES + 1) if reader is not None else b""
    name = str(getattr(upload, "filename", "") or "catalogue.json")[:200]
    try:
        if not content:
            raise ValidationFailed.single("catalogue", "required", "choose a catalogue file")
        loaded = operator.load_catalogue(content, name)
    except ValidationFailed as exc:
        problems = [(p.path or "catalogue", p.message, _reason_zh(p.message)) for p in exc.problems]
        return _inventory(request, platform, operator, catalogue_problems=problems, status_code=400)
    return _inventory(request, platform, operator, loaded=loaded)


# the reasons a catalogue is refused for (cattrs' and the upload's own), in Chinese; any other
# reason is shown as written
_REASONS_ZH = (
    (re.compile(r"invalid value for type, expected (\w+)"), "值的类型不对，应为 {0}"),
    (re.compile(r"required field missing"), "缺少此必填项"),
    (re.compile(r"extra fields found \((.*)\)"), "有多余的字段（{0}）"),
    (re.compile(r"choose a catalogue file"), "请选择目录文件"),
)


def _reason_zh(reason: str) -> str:
    """``reason`` in Chinese where it is one the page knows, else as it is."""
    for pattern, zh in _REASONS_ZH:
        if matched := pattern.fullmatch(reason):
            return zh.format(*matched.groups())
    return reason


@post("/operator/retire", name="operator_retire", sync_to_thread=True)
def retire(
    request: AnyRequest, platform: NamedDependency[Platform], operator: NamedDependency[Acting], data: Form
) -> Template:
    """Pooled retirement of every whole tonne fully covered by paid slices, at the registry."""
    defaults = _registry_texts(lang(request))
    beneficiary = field(data, "beneficiary", 200) or defaults["beneficiary"]
    reason = field(data, "reason", 500) or defaults["reason"]
    try:
        done = operator.retire(beneficiary, reason)
    except ValidationFailed as exc:
        return _inventory(request, platform, operator, errors=errors_of(exc), status_code=400)
    return _inventory(request, platform, operator, retired=done)


@post("/operator/retirement/confirm", name="operator_confirm_retirement", sync_to_thread=True)
def confirm_retirement(
    request: AnyRequest, platform: NamedDependency[Platform], operator: NamedDependency[Acting], data: Form
) -> Template:
    """Record the confirmation of a retirement done at the registry by hand: its reference, the
    serial block it retired and the date; the operator's name goes into the action trail."""
    from ...offsets.model import RegistryConfirmation

    typed = {name: field(data, name, 500) for name in CONFIRM_FIELDS}
    try:
        try:
            retired_on = dt.date.fromisoformat(typed["retired_on"])
        except ValueError:
            raise ValidationFailed.single(
                "retired_on", "format", "must be a date such as 2026-01-31"
            ) from None
        done = operator.record_retirement(
            RegistryConfirmation(
                batch_id=typed["batch_id"],
                serials=typed["serials"],
                registry_reference=typed["registry_reference"],
                retired_on=retired_on,
                beneficiary=typed["beneficiary"],
                reason=typed["reason"],
            )
        )
    except ValidationFailed as exc:
        return _inventory(
            request, platform, operator, confirm=typed, confirm_errors=errors_of(exc), status_code=400
        )
    return _inventory(request, platform, operator, confirmed=done)


@post("/operator/revoke", name="operator_revoke", sync_to_thread=True)
def revoke(
    request: AnyRequest, platform: NamedDependency[Platform], operator: NamedDependency[Acting], data: Form
) -> Template:
    """Revoke a certificate with a reason; the signed status list is republished at once."""
    cert_id, reason = field(data, "cert_id", 64), field(data, "reason", 500)
    try:
        operator.revoke(cert_id, reason)
    except CertificateError as exc:
        return _inventory(request, platform, operator, errors={"revoke": str(exc)}, status_code=400)
    return _inventory(request, platform, operator, revoked=cert_id)


def _period(start: str | None, end: str | None) -> tuple[dt.datetime, dt.datetime]:
    problems: list[Problem] = []
    today = dt.datetime.now(dt.UTC).date()

    def day(value: str | None, path: str, default: dt.date) -> dt.datetime:
        try:
            chosen = dt.date.fromisoformat(value) if value else default
        except ValueError:
            problems.append(Problem(path, "format", "must be a date such as 2026-01-31"))
            chosen = default
        return dt.datetime(chosen.year, chosen.month, chosen.day, tzinfo=dt.UTC)

    period = (day(start, "from", today.replace(day=1)), day(end, "to", today + dt.timedelta(days=1)))
    if not problems and period[1] <= period[0]:
        problems.append(Problem("to", "order", "must be after the start"))
    if problems:
        raise ValidationFailed(problems, what="period")
    return period


def settlement_rows(found: list[Settlement]) -> list[dict[str, Any]]:
    """One row per project of each owner's settlement."""
    return [
        {
            "settlement_id": s.settlement_id,
            "owner": s.owner,
            "project_id": line.project_id,
            "period_start": s.period_start.date().isoformat(),
            "period_end": s.period_end.date().isoformat(),
            "orders": line.orders,
            "grams": line.grams,
            "credit_minor": line.credit_minor,
            "fee_minor": line.fee_minor,
            "currency": s.currency,
        }
        for s in found
        for line in s.lines
    ]


def _bad_period(operator: Acting, exc: ValidationFailed) -> Template:
    return page(
        "settlement", status_code=400, account=operator.account, period=None, rows=[], errors=errors_of(exc)
    )


def _settlement_page(
    operator: Acting, period: tuple[dt.datetime, dt.datetime], recorded: list[Settlement] | None = None
) -> Template:
    """The period's rows still to settle and, after recording, the rows just recorded (settled)
    with their CSV as a download link; projects named in the page's language."""
    import base64

    done = settlement_rows(recorded or [])
    return page(
        "settlement",
        account=operator.account,
        period=period,
        rows=settlement_rows(operator.settle(*period, record=False)),
        recorded=done,
        recorded_csv=base64.b64encode(csv_bytes(done, SETTLEMENT_COLUMNS)).decode("ascii") if done else "",
        recorded_name=f"settlement-recorded-{period[0]:%Y%m%d}-{period[1]:%Y%m%d}.csv",
        projects={p.project_id: p for p in operator.platform.projects()},
        errors={},
    )


@get("/operator/settlement", name="operator_settlement", sync_to_thread=True)
def settlement(
    operator: NamedDependency[Acting], start: FromQuery[str | None] = None, end: FromQuery[str | None] = None
) -> Template:
    """What each project owner is owed for orders paid in the period and not settled before."""
    try:
        period = _period(start, end)
    except ValidationFailed as exc:
        return _bad_period(operator, exc)
    return _settlement_page(operator, period)


def _csv(found: list[Settlement], period: tuple[dt.datetime, dt.datetime], kind: str) -> Response[bytes]:
    name = f"settlement-{kind}-{period[0]:%Y%m%d}-{period[1]:%Y%m%d}.csv"
    return Response(
        csv_bytes(settlement_rows(found), SETTLEMENT_COLUMNS),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@get("/operator/settlement.csv", name="operator_settlement_preview", sync_to_thread=True)
def settlement_preview(
    operator: NamedDependency[Acting], start: FromQuery[str | None] = None, end: FromQuery[str | None] = None
) -> Response[Any]:
    """The period's settlement as CSV, not recorded (a preview)."""
    try:
        period = _period(start, end)
    except ValidationFailed as exc:
        return _bad_period(operator, exc)
    return _csv(operator.settle(*period, record=False), period, "preview")


@post("/operator/settlement/record", name="operator_settle", sync_to_thread=True)
def settle(operator: NamedDependency[Acting], data: Form) -> Template:
    """Record the period's settlement (each order is settled once) and show the page again: the
    recorded rows marked settled with their CSV to download, and what is left to settle (nothing,
    unless orders were paid meanwhile), so the button does not invite a second recording."""
    try:
        period = _period(field(data, "start", 10) or None, field(data, "end", 10) or None)
    except ValidationFailed as exc:
        return _bad_period(operator, exc)
    return _settlement_page(operator, period, operator.settle(*period, record=True))


@get("/operator/audit", name="operator_audit", sync_to_thread=True)
def audit(operator: NamedDependency[Acting]) -> Template:
    """Replay the ledger's event log and check every invariant."""
    return page("audit", account=operator.account, report=operator.audit())


ACTION_LABELS = {
    "scene.create": text("Created a scene", "新建场景"),
    "scene.update": text("Changed a scene", "修改场景"),
    "leaderboard.hide_name": text("Hid a name on a scene's board", "在场景排行榜隐藏名字"),
    "claim.order": text("Ordered credits for the event's claim", "为活动声明订购减排量"),
    "claim.pay": text("Paid for the event's credits", "支付活动减排量"),
    "claim.cancel": text("Cancelled the event's credits order", "取消活动减排量订单"),
    "catalogue.load": text("Loaded a catalogue", "载入目录"),
    "retirement.run": text("Ran a pooled retirement", "执行集中注销"),
    "retirement.confirm": text("Recorded a registry retirement", "记录登记簿注销"),
    "certificate.revoke": text("Revoked a certificate", "撤销证书"),
    "settlement.run": text("Recorded a settlement", "记录结算"),
}
"""What each action of the trail is called on the page (its code is shown beside it)."""


@get("/operator/actions", name="operator_actions", sync_to_thread=True)
def actions(
    request: AnyRequest, platform: NamedDependency[Platform], operator: NamedDependency[Acting]
) -> Template:
    """Who did what, when: every change organisers and operators made to money, credits or scenes."""
    people = {a.account_id: a for a in platform.accounts.find()}
    language = lang(request)
    labels = {code: tr(label, language) for code, label in ACTION_LABELS.items()}
    return page(
        "actions", account=operator.account, actions=operator.trail(limit=300), people=people, labels=labels
    )


ROUTES = [
    inventory,
    catalogue,
    retire,
    confirm_retirement,
    revoke,
    settlement,
    settlement_preview,
    settle,
    audit,
    actions,
]
