"""What one signed-in account may do: ``Acting(platform, account)``.

Every front end that acts for an organiser or an operator (the console pages, the HTTP API with
an account's key) goes through :class:`Acting`, so the two rules hold wherever a request comes
from:

- **isolation**: an organiser reaches only the scenes whose ``organiser`` is their account id;
  operator calls need the operator role. A refusal is :class:`~diandian.accounts.NotAllowed`,
  and an unknown scene is :class:`~diandian.errors.ValidationFailed` naming ``scene``: a
  front end should answer both the same way (not found), so ids cannot be probed;
- **the action trail**: every change to money, credits or a scene is recorded with who, when,
  what and on which subject (:meth:`~diandian.accounts.Accounts.record`).

The event's own neutrality follows ISO 14068-1's order: the organiser answers the organiser
questionnaire (venue energy, catering, materials, waste, ...; the ``conference_organiser``
scene type), sees the event's footprint, decides once whether visitors' credits count inside the
event's claim, and buys credits for the residual through the same quote, order and payment calls
as a visitor (``Role.ORGANISER``); the ledger keeps organiser and visitor slices apart.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import attrs

from .accounts import Account, Action, NotAllowed
from .errors import ValidationFailed

if TYPE_CHECKING:
    from .activities import ActivityKind
    from .apikeys import ApiKey, NewKey
    from .certificates.model import Certificate
    from .factors import EmissionFactor
    from .footprint import Footprint
    from .offsets.audit import AuditReport
    from .offsets.catalogue import Catalogue
    from .offsets.model import (
        ClaimPolicy,
        ClaimReport,
        CreditBatch,
        Order,
        RegistryConfirmation,
        Retirement,
        Settlement,
    )
    from .offsets.retirement import Plan
    from .platform import LeaderboardView, Platform, SceneExport
    from .questionnaire import Questionnaire
    from .scenes import Scene

#: the scene type whose questionnaire measures an event's own footprint
EVENT_SCENE_TYPE = "conference_organiser"
MAX_CATALOGUE_BYTES = 2_000_000


@attrs.frozen
class Dashboard:
    """A scene's live figures (integer grams).

    ``participants``: footprints kept for the scene (one per visitor's answer set);
    ``footprint_g``: their total; ``by_category`` and ``by_travel_mode`` (``rail``, ``flight``,
    ``car``, ...): its breakdown; ``neutralised_g``: grams of the scene's paid visitor orders;
    ``board``: the scene's leaderboard; ``claim``: the event's own claim, once decided.
    """

    scene: Scene
    participants: int
    footprint_g: int
    by_category: Mapping[str, int]
    by_travel_mode: Mapping[str, int]
    neutralised_g: int
    paid_orders: int
    board: LeaderboardView
    claim: ClaimReport | None


@attrs.frozen
class CatalogueLoad:
    """A catalogue file loaded by an operator, with the SHA-256 of the file as evidence."""

    catalogue: Catalogue
    file_sha256: str
    batches_before: int
    batches_after: int


@attrs.frozen
class EventClaimView:
    """What the public claim page of an event shows: the scene, its claim (``None`` before the
    organiser decided it) and the certificates of the organiser's own paid orders."""

    scene: Scene
    report: ClaimReport | None
    certificates: tuple[Certificate, ...]

    @property
    def retired(self) -> bool:
        """Every organiser certificate's credits are retired (the claim can then be made)."""
        from .certificates.model import Status

        return bool(self.certificates) and all(c.status is Status.RETIRED for c in self.certificates)


def event_claim(platform: Platform, reference: str) -> EventClaimView:
    """The public view of an event's own claim; ValidationFailed naming ``scene`` if unknown."""
    from .offsets.model import Role

    scene = platform.scene(reference)
    report = platform.claim_report(scene)
    own = tuple(
        c
        for c in platform.certificates.of_scene(scene.id)
        if c.order_id is not None and platform.order(c.order_id).role is Role.ORGANISER
    )
    return EventClaimView(scene, report, own)


def measured_override(
    kind: ActivityKind, kg_per_unit: float, *, measured_by: str, document: str, year: int
) -> EmissionFactor:
    """A venue's own measured factor (HCMI-style: kg CO2e per occupied room-night, per m² and
    hour of meeting space, ...) as a scene factor override, in every region of the scene."""
    from .factors import EmissionFactor, FactorSource, Quality

    return EmissionFactor(
        activity=kind.key,
        region="world",
        grams=kg_per_unit * 1000.0,
        unit=kind.unit,
        source=FactorSource(measured_by, document, year, f"kg CO2e per {kind.unit}"),
        quality=Quality.SOURCED,
        table="scene.measured",
        version=str(year),
    )


def travel_mode(activity: str) -> str | None:
    """``transport.rail.high_speed`` -> ``rail``; ``None`` for an activity that is not travel."""
    parts = activity.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "transport" else None


class Acting:
    """``account`` acting on ``platform``; built by a front end for its signed-in account."""

    def __init__(self, platform: Platform, account: Account) -> None:
        self.platform = platform
        self.account = account

    def _record(self, action: str, subject: str, **detail: Any) -> None:
        self.platform.accounts.record(self.account, action, subject, detail)

    def require_operator(self) -> None:
        """:class:`NotAllowed` unless the account is an operator."""
        if not self.account.is_operator:
            raise NotAllowed("only operators may do this")

    # --- API keys -----------------------------------------------------------------------------

    @property
    def _key_owner(self) -> str:
        # an organiser's keys act for that organiser alone; an operator's for the operator, who
        # sees everything through /api/v1
        from .apikeys import OPERATOR

        return OPERATOR if self.account.is_operator else self.account.account_id

    def api_keys(self) -> list[ApiKey]:
        """The ``/api/v1`` keys acting for this account (revoked ones too), oldest first."""
        return self.platform.api_keys_of(self._key_owner)

    def create_api_key(
        self,
        scopes: Sequence[str],
        *,
        label: str = "",
        rate_per_minute: int | None = None,
        request_id: str | None = None,
    ) -> NewKey:
        """A key for this account's POS or booking system, with ``scopes``; ``NewKey.secret``
        is shown only now; the same ``request_id`` again raises ``KeyAlreadyCreated`` (nothing
        recorded). ValidationFailed naming ``scopes``, ``label`` or ``rate_per_minute``."""
        made = self.platform.create_api_key(
            self._key_owner, scopes, label=label, rate_per_minute=rate_per_minute, request_id=request_id
        )
        self._record(
            "api_key.create", f"api_key:{made.key.key_id}", scopes=sorted(made.key.scopes), label=label
        )
        return made

    def revoke_api_key(self, key_id: str) -> ApiKey:
        """Revoke one of this account's keys at once; another's is unknown, as a missing one is
        (ValidationFailed naming ``key_id``). A whole key (``dd_<key id>_<secret>``) names its key id."""
        from .apikeys import key_id_of

        key_id = key_id_of(key_id)
        if key_id not in {key.key_id for key in self.api_keys()}:
            raise ValidationFailed.single("key_id", "unknown", f"no API key {key_id!r}", what="API key")
        revoked = self.platform.revoke_api_key(key_id)
        self._record("api_key.revoke", f"api_key:{key_id}")
        return revoked

    # --- scenes -------------------------------------------------------------------------------

    def scenes(self) -> list[Scene]:
        """The account's own scenes, unlisted ones included."""
        return self.platform.scenes_of(self.account.account_id)

    def scene(self, reference: str) -> Scene:
        """The scene with this id or slug if it is the account's own (an operator may read any);
        ValidationFailed naming ``scene`` if none, :class:`NotAllowed` if another's."""
        found = self.platform.scene(reference)
        if found.organiser != self.account.account_id and not self.account.is_operator:
            raise NotAllowed("this scene belongs to another organiser")
        return found

    def _own(self, reference: str) -> Scene:
        # changes are the owner's alone, operators included
        found = self.platform.scene(reference)
        if found.organiser != self.account.account_id:
            raise NotAllowed("this scene belongs to another organiser")
        return found

    def create_scene(self, scene: Scene) -> Scene:
        """Store a new scene owned by this account (``scene.organiser`` is set to it)."""
        made = self.platform.create_scene(attrs.evolve(scene, organiser=self.account.account_id))
        self._record("scene.create", f"scene:{made.id}", slug=made.slug, scene_types=list(made.scene_types))
        return made

    def update_scene(self, reference: str, **changes: Any) -> Scene:
        """Change fields of an own scene (not ``id`` nor ``organiser``)."""
        if "organiser" in changes:
            raise ValidationFailed.single(
                "organiser", "immutable", "a scene keeps its organiser", what="scene"
            )
        current = self._own(reference)
        changed = self.platform.update_scene(current.id, **changes)
        self._record("scene.update", f"scene:{changed.id}", fields=sorted(changes))
        return changed

    def dashboard(self, reference: str, *, board_limit: int = 20) -> Dashboard:
        """The scene's live figures (see :class:`Dashboard`)."""
        from .offsets.model import OrderStatus, Role

        scene = self.scene(reference)
        lines = self.platform.scenes.footprint_lines(scene.id)
        by_category: Counter[str] = Counter()
        by_mode: Counter[str] = Counter()
        for line in lines:
            by_category[line["category"]] += int(line["grams"])
            mode = travel_mode(line["activity"])
            if mode is not None:
                by_mode[mode] += int(line["grams"])
        paid = [
            o
            for o in self.platform.orders(status=OrderStatus.ALLOCATED.value, scene=scene, limit=100_000)
            if o.role is Role.VISITOR
        ]
        return Dashboard(
            scene=scene,
            participants=len({line["footprint_id"] for line in lines}),
            footprint_g=sum(by_category.values()),
            by_category=dict(by_category.most_common()),
            by_travel_mode=dict(by_mode.most_common()),
            neutralised_g=sum(o.grams for o in paid),
            paid_orders=len(paid),
            board=self.platform.leaderboard("scene", scene.id, limit=board_limit),
            claim=self.claim(scene.id),
        )

    def export(self, reference: str) -> SceneExport:
        """The scene's footprint lines, orders and certificates as rows (see
        :meth:`Platform.export_scene`)."""
        return self.platform.export_scene(self.scene(reference))

    def hide_name(self, reference: str, participant_id: str) -> None:
        """Hide a participant's display name on this scene's board only (they stay ranked there
        under a pseudonym; their other boards keep the name). Only for a participant on this
        scene's board; ValidationFailed naming ``participant``."""
        scene = self._own(reference)
        board = self.platform.leaderboard("scene", scene.id, limit=1, participant=participant_id).own
        if board is None:
            raise ValidationFailed.single("participant", "unknown", "is not on this scene's leaderboard")
        if self.platform.hide_name(scene.id, participant_id):
            self._record(
                "leaderboard.hide_name", f"scene:{scene.id}", participant=participant_id, board="scene"
            )

    def show_name(self, reference: str, participant_id: str) -> None:
        """Show again a display name hidden on this scene's board (:meth:`hide_name`); its other
        boards are untouched. Only for a name hidden on this scene's board; ValidationFailed
        naming ``participant`` otherwise."""
        scene = self._own(reference)
        if not self.platform.show_name(scene.id, participant_id):
            raise ValidationFailed.single("participant", "unknown", "is not hidden on this scene's board")
        self._record("leaderboard.show_name", f"scene:{scene.id}", participant=participant_id, board="scene")

    # --- the event's own neutrality -------------------------------------------------------------

    def event_questionnaire(self) -> Questionnaire:
        """The organiser questionnaire (venue energy, catering, materials, waste, ...)."""
        return self.platform.host.scene_type(EVENT_SCENE_TYPE).questionnaire

    def event_footprint(
        self, reference: str, answers: Mapping[str, Any], lang: str | None = None
    ) -> Footprint:
        """The event's own footprint from the organiser questionnaire, at the scene's place;
        ValidationFailed naming each bad answer. Nothing is stored."""
        scene = self._own(reference)
        event_scene = attrs.evolve(scene, scene_types=(EVENT_SCENE_TYPE,))
        return self.platform.engine.footprint(
            EVENT_SCENE_TYPE, answers, scene=event_scene, lang=lang or self.platform.settings.language
        )

    def claim(self, reference: str) -> ClaimReport | None:
        """The event's claim and how much of it is covered, or ``None`` before it is decided."""
        return self.platform.claim_report(self.scene(reference))

    def order_event_credits(
        self,
        reference: str,
        *,
        footprint_g: int,
        project_id: str,
        policy: ClaimPolicy,
        idempotency_key: str,
    ) -> Order:
        """Decide the event's claim (once: its footprint and whether visitors count inside) and
        reserve credits for what is not yet covered, as the organiser, under ``idempotency_key``;
        then pay through :meth:`Platform.start_payment` like any order. ValidationFailed naming
        ``policy`` when a different decision was recorded before, ``grams`` when nothing is left
        to cover."""
        from .offsets.model import Role

        scene = self._own(reference)
        report = self.platform.decide_claim(
            scene, organiser=self.account.account_id, footprint_g=footprint_g, policy=policy
        )
        existing = self.platform.order_by_key(idempotency_key)
        if existing is None and report.residual_g <= 0:
            raise ValidationFailed.single("grams", "covered", "the event's footprint is already covered")
        grams = existing.grams if existing is not None else report.residual_g
        order = self.platform.place_order(
            self.platform.quote(project_id, grams),
            idempotency_key=idempotency_key,
            beneficiary=tr_name(scene),
            scene=scene,
            role=Role.ORGANISER,
            metadata={"footprint_g": str(footprint_g), "account_id": self.account.account_id},
        )
        self._record(
            "claim.order",
            f"order:{order.order_id}",
            scene=scene.id,
            grams=order.grams,
            total_minor=order.price.total_minor,
            currency=order.price.currency,
            policy=str(policy),
        )
        return order

    def event_order(self, reference: str, order_id: str) -> Order:
        """An organiser order of this scene; ValidationFailed naming ``order_id`` otherwise."""
        from .offsets.model import Role

        scene = self._own(reference)
        order = self.platform.order(order_id)
        if order.scene_id != scene.id or order.role is not Role.ORGANISER:
            raise ValidationFailed.single("order_id", "unknown", "no such order of this event")
        return order

    def cancel_event_order(self, reference: str, order_id: str) -> Order:
        """Cancel an unpaid event order at its checkout: its reserved credits are free again at
        once (not only when the reservation's time runs out) and the action trail records it. A
        paid order is not cancelled (ValidationFailed ``order_id: paid``); a cancelled or expired
        one stays as it is."""
        from .offsets.model import OrderStatus

        order = self.event_order(reference, order_id)
        if order.status is OrderStatus.RESERVED:
            order = self.platform.cancel_order(order.order_id)
            self._record(
                "claim.cancel",
                f"order:{order.order_id}",
                grams=order.grams,
                total_minor=order.price.total_minor,
                currency=order.price.currency,
            )
        return order

    def pay_event_order(self, reference: str, order_id: str, footprint_g: int) -> Certificate:
        """Pay an event order at the sandbox checkout and issue the event's certificate (the same
        one when asked again)."""
        from .offsets.model import OrderStatus

        order = self.event_order(reference, order_id)
        if order.status is OrderStatus.RESERVED:
            intent = order.payment_intent_id or self.platform.start_payment(order.order_id).intent_id
            order = self.platform.sandbox_pay(intent)
            self._record(
                "claim.pay",
                f"order:{order.order_id}",
                status=str(order.status),
                total_minor=order.price.total_minor,
                currency=order.price.currency,
            )
        if order.status is not OrderStatus.ALLOCATED:
            raise ValidationFailed.single("order_id", "not_paid", f"the order is {order.status}")
        return self.platform.issue_certificate(order.order_id, footprint=None, footprint_g=footprint_g)

    # --- operator -----------------------------------------------------------------------------

    def load_catalogue(self, data: bytes, filename: str) -> CatalogueLoad:
        """Load projects and batches from a catalogue file's bytes (UTF-8 JSON); the file's
        SHA-256 is recorded as evidence. ValidationFailed naming ``catalogue`` or a field."""
        from .offsets.catalogue import parse_catalogue

        self.require_operator()
        if len(data) > MAX_CATALOGUE_BYTES:
            raise ValidationFailed.single("catalogue", "too_large", f"at most {MAX_CATALOGUE_BYTES} bytes")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise ValidationFailed.single("catalogue", "encoding", "must be UTF-8 JSON") from None
        digest = hashlib.sha256(data).hexdigest()
        catalogue = parse_catalogue(text, source=filename or "catalogue")
        before = len(self.platform.batches())
        self.platform.load_catalogue(catalogue)
        after = len(self.platform.batches())
        self._record(
            "catalogue.load",
            f"catalogue:{digest[:16]}",
            filename=filename,
            sha256=digest,
            projects=[p.project.project_id for p in catalogue.projects],
            new_batches=after - before,
        )
        return CatalogueLoad(catalogue, digest, before, after)

    def batches(self) -> list[CreditBatch]:
        """Every credit batch with its free, reserved, allocated and retired grams."""
        self.require_operator()
        return self.platform.batches()

    def retire(self, beneficiary: str, reason: str) -> list[Retirement]:
        """Pooled retirement at the registry of every whole tonne fully covered by paid slices;
        each returned retirement carries the registry's confirmation id and evidence."""
        self.require_operator()
        done = self.platform.retire_pooled(beneficiary, reason)
        self._record(
            "retirement.run",
            "ledger:retirements",
            beneficiary=beneficiary,
            reason=reason,
            retirements=[r.registry_retirement_id for r in done],
            units=sum(r.units for r in done),
        )
        return done

    def ready_to_retire(self) -> list[Plan]:
        """Runs of whole units paid for and not retired yet, to retire at the registry."""
        self.require_operator()
        return self.platform.ready_to_retire()

    def record_retirement(self, confirmation: RegistryConfirmation) -> Retirement:
        """Record the registry's confirmation of a retirement the operator did there (its
        reference, the serial block retired, the date); certificates it completes turn retired.
        ValidationFailed naming the field (see :meth:`Ledger.record_retirement`)."""
        self.require_operator()
        c = confirmation
        evidence = (
            f"registry confirmation {c.registry_reference.strip()} of {c.serials.strip()}, "
            f"entered by operator {self.account.account_id}"
        )
        done = self.platform.record_retirement(c, evidence=evidence)
        self._record(
            "retirement.confirm",
            f"retirement:{done.retirement_id}",
            batch_id=done.batch_id,
            registry_reference=done.registry_retirement_id,
            serials=c.serials.strip(),
            units=done.units,
            retired_on=done.retired_on.isoformat(),
            beneficiary=c.beneficiary,
            reason=c.reason,
        )
        return done

    def retirements(self) -> list[Retirement]:
        self.require_operator()
        return self.platform.retirements()

    def revoke(self, cert_id: str, reason: str) -> Certificate:
        """Revoke a certificate; the signed status list is republished in the same call."""
        self.require_operator()
        revoked = self.platform.revoke(cert_id, reason)
        self._record("certificate.revoke", f"certificate:{cert_id}", reason=reason)
        return revoked

    def settle(self, start: datetime, end: datetime, *, record: bool) -> list[Settlement]:
        """Money per project owner for orders paid in ``[start, end)`` not settled before;
        ``record=False`` only computes it."""
        self.require_operator()
        found = self.platform.settle(start, end, record=record)
        if record:
            self._record(
                "settlement.run",
                f"settlement:{start:%Y-%m-%d}..{end:%Y-%m-%d}",
                settlements=[s.settlement_id for s in found],
                credit_minor=sum(s.credit_minor for s in found),
            )
        return found

    def audit(self) -> AuditReport:
        """Replay the ledger's event log and check every invariant."""
        self.require_operator()
        return self.platform.audit()

    def trail(self, *, subject: str | None = None, limit: int = 200) -> Sequence[Action]:
        """The action trail, newest first (operators: everyone's; organisers: their own)."""
        account_id = None if self.account.is_operator else self.account.account_id
        return self.platform.accounts.actions(account_id=account_id, subject=subject, limit=limit)


def tr_name(scene: Scene) -> str:
    """The beneficiary named at the registry for an event's own credits."""
    from .text import tr

    return (tr(scene.name, "en") or scene.id)[:200]
