"""The platform object: one deployment wired together from :class:`~diandian.settings.Settings`.

Every front end (the CLI, the web app, the HTTP API, the client's tests) goes through one
:class:`Platform`: it owns the plugin host, the footprint engine, the database, the offset and
payment providers (chosen by name among those the plugins register), the certificate book, the
key ring, the status list, the visitors (participants, leaderboards, life records) and the
stored scenes, and offers each use case as one call::

    platform = Platform(Settings.load())
    platform.init()                                    # migrate, make a signing key if none
    scene = platform.create_scene(Scene(id="cdcn-summit-2021", name={...}, scene_types=("conference",)))
    footprint = platform.footprint(scene, answers)     # grams CO2e, line items with sources
    quote = platform.quote("demo-cdcer-forest", footprint.grams)
    order = platform.place_order(quote, idempotency_key="visit-42", scene=scene)
    intent = platform.start_payment(order.order_id)    # send the payer to intent.pay_url
    order = platform.payment_callback(body, headers)   # the processor's signed callback
    certificate = platform.issue_certificate(order.order_id, footprint=footprint)

The offset provider is used through the :class:`~diandian.offsets.provider.OffsetProvider`
protocol only: the local ledger is one implementation, the remote server's another. A use case
only the local ledger offers (its catalogue, inventory, claims, audit, settlement) raises
:class:`~diandian.offsets.NeedsLocalLedger` naming the provider when the settings chose another.

Conventions: quantities are integer grams CO2e, money integer minor units of an ISO currency.
Bad input raises :class:`~diandian.errors.ValidationFailed` naming each field (or
:class:`~diandian.certificates.CertificateError` with a stable ``code`` for certificate
operations); unknown ids raise the same, naming the id's field. Nothing is half-written: each
change is one database transaction.

Building a platform touches nothing: the plugins load, the database connects and the key ring
opens on first use. Heavy libraries (SQLAlchemy, cryptography, the drawing code) are imported
inside the calls that need them.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from .errors import ValidationFailed
from .files import write_atomically
from .scene_types import SceneType
from .scenes import Scene
from .settings import Settings
from .text import check_language, tr

if TYPE_CHECKING:
    import sqlalchemy as sa

    from .accounts import Accounts
    from .apikeys import ApiKey, ApiKeys, NewKey
    from .certificates.book import CertificateBook
    from .certificates.keys import KeyRing
    from .certificates.model import Certificate
    from .certificates.status import StatusList
    from .certificates.verify import Verdict
    from .engine import Engine
    from .equivalents import Comparison
    from .errors import PluginError
    from .factors import EmissionFactor
    from .footprint import Footprint
    from .offsets.audit import AuditReport
    from .offsets.catalogue import Catalogue
    from .offsets.ledger import Ledger
    from .offsets.model import (
        ClaimPolicy,
        ClaimReport,
        Coverage,
        CreditBatch,
        Order,
        Project,
        Quote,
        RegistryConfirmation,
        Remainder,
        Retirement,
        Role,
        Settlement,
    )
    from .offsets.provider import (
        OffsetProvider,
        OrderRecord,
        PaymentIntent,
        PaymentProvider,
        ProviderContext,
        RegistryAdapter,
    )
    from .offsets.purchase import Purchase
    from .offsets.retirement import Plan
    from .places import Place
    from .plugins import PluginHost, PluginInfo
    from .questionnaire import Questionnaire
    from .scene_store import SceneStore
    from .travel import PlaceSuggestion
    from .visitors.leaderboard import Board, Entry
    from .visitors.life import LifeRecord
    from .visitors.people import Visitors

BOARDS = ("overall", "scene", "scene_type")
CERTIFICATE_KINDS = ("svg", "png", "pdf")


def _utcnow() -> datetime:
    return datetime.now(UTC)


@attrs.frozen
class FormPart:
    """One questionnaire of a scene's form; its answers go under ``key`` (``None``: at the top)."""

    key: str | None
    questionnaire: Questionnaire


@attrs.frozen
class SceneForm:
    """What a visitor of a scene answers: one part for a single scene type (answers flat), or,
    for a mixed venue, shared sections once then each scene type's own, answers nested by key
    (``{"travel": {...}, "hotel": {...}}``; see :mod:`diandian.mixed`)."""

    scene: Scene
    parts: tuple[FormPart, ...]
    schema: Callable[[str], dict[str, Any]] = attrs.field(repr=False, eq=False)

    @property
    def mixed(self) -> bool:
        return len(self.scene.scene_types) > 1

    def json_schema(self, lang: str = "en") -> dict[str, Any]:
        """The JSON Schema (2020-12) of the answers, labels in ``lang``."""
        return self.schema(lang)


@attrs.frozen
class LeaderboardView:
    """A page of a board plus, when asked for, one participant's own row (``None``: not on it)."""

    board: Board
    scene: Scene | None
    own: Entry | None = None


@attrs.frozen
class SceneExport:
    """An organiser's export of a scene, as rows of plain values (ready for CSV or JSON).

    ``footprints``: one row per line item of each kept footprint, with its factor and source;
    ``orders``: one row per order naming the scene; ``certificates``: one row per certificate.
    """

    scene: Scene
    footprints: tuple[Mapping[str, Any], ...]
    orders: tuple[Mapping[str, Any], ...]
    certificates: tuple[Mapping[str, Any], ...]


@attrs.frozen
class SceneTotals:
    """A scene's certificates so far (revoked ones aside) and the grams CO2e they neutralised."""

    certificates: int
    neutralised_g: int


@attrs.frozen
class Offer:
    """A project that can neutralise a visitor's grams now: its quote and its vintage years."""

    project: Project
    quote: Quote
    vintages: tuple[int, ...]


class Platform:
    """One deployment: settings -> plugin host, engine, database, providers, certificates, scenes.

    ``host`` replaces the plugin host built from the environment (tests pass one with exactly
    the plugins they want); ``clock`` returns the current UTC time for the ledger and sandbox.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        host: PluginHost | None = None,
        clock: Callable[[], datetime] = _utcnow,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self.settings = settings if settings is not None else Settings.load(environ)
        self._host = host
        self._environ = os.environ if environ is None else environ
        self.clock = clock
        self._payments: dict[str, PaymentProvider] = {}

    # --- the parts ----------------------------------------------------------------------------

    @property
    def host(self) -> PluginHost:
        """The plugin host (every installed plugin unless one was given), loaded on first use."""
        if self._host is None:
            from .plugins import PluginHost

            self._host = PluginHost(environ=self._environ)
        return self._host.load()

    @cached_property
    def engine(self) -> Engine:
        """The footprint engine over :attr:`host`."""
        from .engine import Engine

        return Engine(self.host)

    @cached_property
    def database(self) -> sa.Engine:
        """The SQLAlchemy engine of :attr:`Settings.database_url` (ledger, certificates, scenes)."""
        from . import db

        return db.connect(self.settings.database_url)

    def _context(self) -> ProviderContext:
        from .offsets.provider import ProviderContext

        return ProviderContext(self.settings, self.database, self.host, self.clock)

    @cached_property
    def offsets(self) -> OffsetProvider:
        """The offset provider named by ``settings.offset_provider`` among those registered."""
        from .errors import UnknownName
        from .offsets.provider import build_provider

        name = self.settings.offset_provider
        registered = self.host.offset_providers.get(name)
        if registered is None:
            raise UnknownName("offset provider", name, self.host.offset_providers)
        provider: OffsetProvider = build_provider("offset", name, registered, self._context())
        return provider

    @property
    def ledger(self) -> Ledger:
        """The offset provider when it is the local ledger, for what only the ledger keeps (its
        catalogue, batches, claims, audit, settlement); with another provider
        :class:`~diandian.offsets.NeedsLocalLedger` names it: nothing falls back to a local
        ledger beside the provider the settings chose."""
        return self._local_ledger("the ledger's own calls")

    def _local_ledger(self, use: str) -> Ledger:
        from .offsets.errors import NeedsLocalLedger
        from .offsets.ledger import Ledger

        offsets = self.offsets
        if isinstance(offsets, Ledger):
            return offsets
        raise NeedsLocalLedger(self.settings.offset_provider, use)

    def payments(self, name: str | None = None) -> PaymentProvider:
        """The payment provider ``name`` (default ``settings.payment_provider``) among those
        registered; :class:`~diandian.errors.UnknownName` listing them if there is none."""
        from .errors import UnknownName
        from .offsets.provider import build_provider

        name = name or self.settings.payment_provider
        if name not in self._payments:
            registered = self.host.payment_providers.get(name)
            if registered is None:
                raise UnknownName("payment provider", name, self.host.payment_providers)
            self._payments[name] = build_provider("payment", name, registered, self._context())
        return self._payments[name]

    @cached_property
    def keyring(self) -> KeyRing:
        """The signing keys in ``settings.keys_path``; the first is made there when something is
        first signed (reading the ring writes nothing)."""
        from .certificates.keys import KeyRing

        return KeyRing(self.settings.keys_path, environ=self._environ)

    @cached_property
    def certificates(self) -> CertificateBook:
        """The certificate book on this database, signing with :attr:`keyring`."""
        from .certificates.book import CertificateBook

        return CertificateBook(
            self.database,
            self.keyring,
            issuer=self.settings.issuer,
            host=self.host,
            status_valid_for=self.settings.status_valid_for,
        )

    @cached_property
    def visitors(self) -> Visitors:
        """Participants, leaderboards and life records on this database."""
        from .visitors.people import Visitors

        return Visitors(self.database)

    @cached_property
    def scenes(self) -> SceneStore:
        """The stored scenes."""
        from .scene_store import SceneStore

        return SceneStore(self.database)

    @cached_property
    def accounts(self) -> Accounts:
        """Organiser and operator accounts, their sessions and the action trail (the owner of
        API keys and scenes is an account id)."""
        from .accounts import Accounts

        return Accounts(self.database, clock=self.clock)

    def init(self, *, signing: bool = True) -> list[str]:
        """Migrate the database to every head and (unless ``signing`` is false, as for a caller
        that only reads) make a signing key if there is none; returns the revisions now applied.
        Safe to run again."""
        from . import db

        db.upgrade(self.database)
        if signing:
            self.keyring.signer()
        return sorted(db.current_revisions(self.database))

    def close(self) -> None:
        """Release the database connections (the platform can be used again afterwards)."""
        if "database" in self.__dict__:
            self.database.dispose()

    # --- plugins ------------------------------------------------------------------------------

    def plugins(self, *, include_defaults: bool = False) -> list[PluginInfo]:
        """Installed plugins (with the core's own defaults if asked), sorted by name."""
        return self.host.plugins(include_defaults=include_defaults)

    @property
    def plugin_errors(self) -> list[PluginError]:
        """Plugins that failed to import, validate or register, each naming its distribution."""
        return list(self.host.errors)

    def scene_type(self, name: str) -> SceneType:
        """A registered scene type; UnknownName listing the registered ones."""
        return self.host.scene_type(name)

    def factors(self, search: str = "", lang: str | None = None) -> list[EmissionFactor]:
        """Every loaded emission factor, by activity and region; ``search`` keeps those whose
        activity, region, label (in ``lang``), source or table contain it (case-insensitive)."""
        language = check_language(lang or self.settings.language)
        needle = search.casefold()
        return [
            f
            for f in sorted(self.host.factor_set.factors(), key=lambda f: (f.activity, f.region))
            if needle
            in " ".join((f.activity, f.region, tr(f.label, language), f.source.cite(), f.table)).casefold()
        ]

    # --- scenes -------------------------------------------------------------------------------

    def create_scene(self, scene: Scene) -> Scene:
        """Store a new scene and return it as stored.

        Checked: ``id`` and ``slug`` (lowercase letters, digits, inner dashes; each unique),
        ``name`` in ``en`` and ``zh-CN``, ``scene_types`` registered (several for a mixed venue),
        ``ends`` not before ``starts``, ``visibility`` public or unlisted. ValidationFailed names
        each bad field.
        """
        return self.scenes.create(scene, self.host.scene_types)

    def update_scene(self, reference: str, **changes: Any) -> Scene:
        """Change fields of a stored scene (``name=``, ``slug=``, ``place=``, ``starts=``, ...;
        the id cannot change) and return it as stored."""
        if "id" in changes:
            raise ValidationFailed.single("id", "immutable", "a scene's id never changes", what="scene")
        current = self.scene(reference)
        try:
            changed = attrs.evolve(current, **changes)
        except TypeError as exc:
            raise ValidationFailed.single("scene", "unknown_field", str(exc), what="scene") from None
        return self.scenes.update(changed, self.host.scene_types)

    def scene(self, reference: str | Scene) -> Scene:
        """The stored scene with this id or slug (a :class:`Scene` is returned as given);
        ValidationFailed naming ``scene`` if none."""
        if isinstance(reference, Scene):
            return reference
        return self.scenes.get(reference)

    def find_scenes(
        self,
        *,
        text: str | None = None,
        city: str | None = None,
        on: date | None = None,
        include_unlisted: bool = False,
        limit: int = 100,
        offset: int = 0,
    ) -> list[Scene]:
        """Stored scenes matching every filter given (see :meth:`SceneStore.find`)."""
        return self.scenes.find(
            text=text, city=city, on=on, include_unlisted=include_unlisted, limit=limit, offset=offset
        )

    def scenes_of(self, organiser: str) -> list[Scene]:
        """Every scene of ``organiser``, unlisted ones included."""
        return self.scenes.find(organiser=organiser, include_unlisted=True, limit=1000)

    def resolve_place(self, text: str, lang: str | None = None) -> Place:
        """A city by name in any language (``"成都"``, ``"Changsha, Hunan"``) or IATA code, from the
        offline gazetteer; ValidationFailed naming ``place`` (message in ``lang``) if unknown."""
        from .travel import resolve_place

        return resolve_place(text, path="place", lang=check_language(lang or self.settings.language))

    def venue_place(self, text: str, lang: str | None = None) -> Place:
        """A scene's place from the gazetteer, as :meth:`resolve_place` finds it, with the
        electricity grid region its factors use (``CN-GRID-SW`` for Chengdu, else the country)."""
        from .energy import grid_region

        place = self.resolve_place(text, lang)
        return attrs.evolve(place, grid_region=grid_region(place))

    def place_query(self, place: Place, lang: str | None = None) -> str:
        """What to type to get a stored place back from :meth:`venue_place` (``Changsha,
        Guangdong``; the place's own name for one the gazetteer does not hold)."""
        from .travel import place_query

        language = check_language(lang or self.settings.language)
        found = place_query(place, lang=language)
        return found or tr(place.name or {}, language) or place.city or place.country

    def suggest_places(self, typed: str, lang: str | None = None, limit: int = 8) -> list[PlaceSuggestion]:
        """Cities to offer while a place name is typed (``"成"``, ``"Chen"``), from the offline
        gazetteer; each suggestion's ``query`` resolves to its city alone."""
        from .travel import suggest_places

        return suggest_places(typed, lang=check_language(lang or self.settings.language), limit=limit)

    # --- footprints ---------------------------------------------------------------------------

    def questionnaire(self, scene: Scene | str) -> SceneForm:
        """The form a visitor of ``scene`` fills in (merged once for a mixed venue)."""
        found = self.scene(scene)
        if len(found.scene_types) == 1:
            questionnaire = self.host.scene_type(found.scene_types[0]).questionnaire
            return SceneForm(
                found, (FormPart(None, questionnaire),), lambda lang: questionnaire.json_schema(lang=lang)
            )
        from .mixed import combined_schema, form_parts

        parts = tuple(FormPart(key, q) for key, q in form_parts(self.host, found))
        return SceneForm(found, parts, lambda lang: combined_schema(self.host, found, lang=lang))

    def example_answers(self, scene_types: tuple[str, ...]) -> dict[str, Any]:
        """Example answers of one scene type, or the combined example of a mixed venue's;
        UnknownName for a scene type not registered."""
        from .mixed import combined_example

        kinds = [self.host.scene_type(t) for t in scene_types]
        if len(kinds) == 1:
            return dict(kinds[0].example_answers)
        return combined_example(self.host, scene_types)

    def footprint(self, scene: Scene | str, answers: Any, lang: str | None = None) -> Footprint:
        """The footprint of ``answers`` at ``scene`` (its place, factor overrides and, for a mixed
        venue, its combined answers). Integer grams; ValidationFailed naming each bad answer in
        ``lang`` (default ``settings.language``). Nothing is stored: see :meth:`record_footprint`."""
        found = self.scene(scene)
        language = check_language(lang or self.settings.language)
        if len(found.scene_types) == 1:
            return self.engine.footprint(found.scene_types[0], answers, scene=found, lang=language)
        return self.engine.footprint_mixed(found, answers, lang=language)

    # --- visitors -----------------------------------------------------------------------------

    def new_participant(self, display_name: str | None = None, *, listed: bool = False) -> str:
        """A new participant's opaque id (``p`` + 24 hex digits); ``listed`` opts in to the
        leaderboards under ``display_name`` (at most 64 characters) or a pseudonym."""
        return self.visitors.new_participant(display_name, listed=listed)

    def hide_name(self, scene_id: str, participant_id: str) -> bool:
        """Hide a participant's display name on this scene's leaderboard only (they stay ranked
        there under a pseudonym; their other boards keep the name). ``False`` if hidden already;
        ValidationFailed naming ``scene`` for an unknown scene."""
        scene = self.scene(scene_id)
        return self.visitors.hide_name("scene", scene.id, participant_id, self.clock().isoformat())

    def show_name(self, scene_id: str, participant_id: str) -> bool:
        """Show again a display name :meth:`hide_name` hid on this scene's leaderboard; ``False``
        if it was not hidden there. ValidationFailed naming ``scene`` for an unknown scene."""
        scene = self.scene(scene_id)
        return self.visitors.show_name("scene", scene.id, participant_id)

    def set_listing(self, participant_id: str, listed: bool, display_name: str | None = None) -> None:
        """Opt in to (or out of) the leaderboards; CertificateError ``unknown_participant``."""
        self.visitors.set_listing(participant_id, listed, display_name)

    def record_footprint(
        self, participant_id: str | None, footprint: Footprint, *, on: date | None = None, kind: str = "scene"
    ) -> str | None:
        """Keep a computed footprint: on the participant's life record (``kind`` ``scene`` or
        ``daily``; ``on`` default today) and, for a stored scene, in its exports. Returns the
        kept footprint's id for a stored scene, else ``None``."""
        if kind not in ("scene", "daily"):
            raise ValidationFailed.single("kind", "unknown", "must be scene or daily")
        if participant_id is not None:
            self.visitors.record_footprint(participant_id, footprint, on=on or self.clock().date(), kind=kind)
        if kind == "scene" and self.scenes.maybe(footprint.scene_id) is not None:
            return self.scenes.keep_footprint(footprint, participant_id)
        return None

    def life_record(
        self, participant_id: str, since: str | None = None, until: str | None = None
    ) -> LifeRecord:
        """The participant's life-footprint record, month by month (``since``/``until``: ``YYYY-MM``)."""
        return self.visitors.life_record(participant_id, since, until)

    def leaderboard(
        self,
        board: str = "overall",
        key: str = "",
        *,
        limit: int = 20,
        offset: int = 0,
        since: str | None = None,
        until: str | None = None,
        participant: str | None = None,
    ) -> LeaderboardView:
        """A page of a board (``overall``; ``scene`` with a scene id or slug; ``scene_type`` with
        its name), best first by retired grams, pending grams shown apart; with ``participant``,
        their own row as well. ``since``/``until`` are inclusive months ``YYYY-MM``."""
        if board not in BOARDS:
            raise ValidationFailed.single("board", "unknown", f"must be one of {', '.join(BOARDS)}")
        scene = None
        if board == "scene":
            scene = self.scenes.maybe(key)
            key = scene.id if scene is not None else key
        visitors = self.visitors
        page = visitors.leaderboard(board, key, limit=limit, offset=offset, since=since, until=until)
        own = visitors.rank(participant, board, key, since=since, until=until) if participant else None
        return LeaderboardView(page, scene, own)

    # --- offsets ------------------------------------------------------------------------------

    def load_catalogue(self, source: Path | Catalogue | None = None) -> Catalogue:
        """Load programmes, projects and credit batches into the local ledger from a catalogue
        file, a parsed :class:`~diandian.offsets.catalogue.Catalogue` or (``None``) the DEMO
        catalogue; loading the same one again changes nothing. Local ledger only."""
        from .offsets.catalogue import load_catalogue, load_file

        ledger = self._local_ledger("loading a catalogue")
        if source is None or isinstance(source, Path):
            return load_file(ledger, source)
        return load_catalogue(ledger, source)

    def batches(self, project_id: str | None = None) -> list[CreditBatch]:
        """The credit inventory: every batch (or ``project_id``'s) with its free, reserved,
        allocated and retired grams. Local ledger only."""
        return self._local_ledger("the credit inventory").batches(project_id)

    def retirements(self) -> list[Retirement]:
        """Every registry retirement, oldest first, with its receipt. Local ledger only."""
        return self._local_ledger("the registry retirements").retirements()

    def ready_to_retire(self) -> list[Plan]:
        """Runs of whole units paid for and not retired yet, to retire at the registry. Local
        ledger only."""
        return self._local_ledger("the units ready to retire").ready_to_retire()

    def projects(self) -> list[Project]:
        """Projects that can be bought from, with their price per tonne (minor units)."""
        return list(self.offsets.projects())

    def free_grams(self, project_id: str) -> int:
        """Grams of ``project_id`` still free in the local ledger. Local ledger only."""
        return sum(b.free_g for b in self._local_ledger("free grams").batches(project_id))

    def quote(self, project_id: str, grams: object) -> Quote:
        """Price ``grams`` (an int, or text such as ``"38.2kg"``; rounded up to the gram) of a
        project; valid for a short window. ValidationFailed naming ``grams`` or ``project_id``."""
        return self.offsets.quote(project_id, grams)

    def place_order(
        self,
        quote: Quote,
        *,
        idempotency_key: str,
        beneficiary: str | None = None,
        participant_id: str | None = None,
        scene: Scene | str | None = None,
        role: Role | None = None,
        metadata: Mapping[str, str] | None = None,
    ) -> Order:
        """Reserve the quoted grams as an order (status ``reserved`` for a time-to-live).

        The same ``idempotency_key`` with the same request returns the first order; ``scene``
        (a stored scene's id or slug) is recorded with the order; ``participant_id`` goes in its
        metadata so the certificate can name the participant.
        """
        from .offsets.model import Role as Roles

        scene_id, meta = self._order_fields(participant_id, scene, metadata)
        return self.offsets.reserve(
            quote,
            idempotency_key=idempotency_key,
            beneficiary=beneficiary,
            scene_id=scene_id,
            role=role or Roles.VISITOR,
            metadata=meta,
        )

    def _order_fields(
        self, participant_id: str | None, scene: Scene | str | None, metadata: Mapping[str, str] | None
    ) -> tuple[str | None, dict[str, str]]:
        """An order's scene id (of a stored scene) and its metadata naming the participant."""
        meta = dict(metadata or {})
        if participant_id is not None:
            meta["participant_id"] = participant_id
        return (self.scene(scene).id if scene is not None else None), meta

    def order(self, order_id: str) -> Order:
        """An order; ValidationFailed naming ``order_id`` if unknown."""
        return self.offsets.order(order_id)

    def order_by_key(self, idempotency_key: str) -> Order | None:
        """The order placed under ``idempotency_key``, or ``None``. Local ledger only."""
        return self._local_ledger("finding an order by its key").order_by_key(idempotency_key)

    def coverage(self, order_id: str) -> Coverage:
        """The order's allocated slices and the registry retirements covering them."""
        return self.offsets.status(order_id)

    def orders(
        self, *, status: str | None = None, scene: Scene | str | None = None, limit: int = 100
    ) -> list[Order]:
        """Recent orders, newest first; ``status`` a status name (``allocated``...), ``scene``
        a stored scene (or the id of one not stored)."""
        from .offsets.model import OrderStatus

        try:
            wanted = OrderStatus(status) if status is not None else None
        except ValueError:
            names = ", ".join(s.value for s in OrderStatus)
            raise ValidationFailed.single("status", "unknown", f"must be one of {names}") from None
        scene_id = None if scene is None else scene.id if isinstance(scene, Scene) else self._scene_id(scene)
        return self._local_ledger("listing orders").orders(status=wanted, scene_id=scene_id, limit=limit)

    def cancel_order(self, order_id: str) -> Order:
        """Release an unpaid reservation."""
        return self.offsets.cancel(order_id)

    def start_payment(self, order_id: str, payment: str | None = None) -> PaymentIntent:
        """The payment intent of a reserved order (the same one when asked again); send the payer
        to ``intent.pay_url`` (for the sandbox, ``<public URL>/sandbox/pay/<intent id>``, a page
        the web app serves with :meth:`sandbox_intent` and :meth:`sandbox_pay`). ``payment``
        names the provider (default the settings'); an offset provider that takes payment where
        it holds the credits (``remote``) returns the intent it opened there. ValidationFailed
        naming ``order_id`` if the order is not payable."""
        return self.offsets.start_payment(order_id, self.payments(payment))

    def payment_callback(self, body: bytes, headers: Mapping[str, str], payment: str | None = None) -> Order:
        """Verify and apply a processor's signed callback (paid -> allocated; a payment that
        cannot be allocated is refunded). ValidationFailed if the signature or amounts are wrong,
        or if the offset provider's payments are taken elsewhere (``remote``)."""
        return self.offsets.handle_callback(self.payments(payment), body, headers)

    def sandbox_intent(self, intent_id: str) -> PaymentIntent:
        """A sandbox intent, for its checkout page at ``<public URL>/sandbox/pay/<intent id>``
        (amount in minor units, currency, order id, status); ValidationFailed naming ``intent_id``."""
        sandbox = self.payments("sandbox")
        found = getattr(sandbox, "intent", None)
        if found is None:
            raise ValidationFailed.single("payment", "not_sandbox", "the sandbox provider is not available")
        intent: PaymentIntent = found(intent_id)
        return intent

    def sandbox_pay(self, intent_id: str, *, succeed: bool = True) -> Order:
        """The sandbox checkout page's buttons: the payer pays (or cancels, ``succeed=False``)
        and the signed callback is delivered at once. Only for the ``sandbox`` provider."""
        sandbox = self.payments("sandbox")
        pay = getattr(sandbox, "pay", None)
        if pay is None:
            raise ValidationFailed.single("payment", "not_sandbox", "the sandbox provider is not available")
        body, headers = pay(intent_id, succeed=succeed)
        return self.payment_callback(body, headers, "sandbox")

    def buy(
        self,
        grams: object,
        *,
        project_id: str | None = None,
        idempotency_key: str | None = None,
        beneficiary: str | None = None,
        participant_id: str | None = None,
        scene: Scene | str | None = None,
        role: Role | None = None,
        metadata: Mapping[str, str] | None = None,
        payment: str | None = None,
    ) -> Purchase:
        """A whole purchase in one call (the CLI's and the demo's): quote -> order -> payment ->
        allocated, through the offset provider and the payment provider ``payment`` (default the
        settings'); see :func:`diandian.offsets.purchase.buy` for the payer's step. An order the
        payer has still to pay (or pays where the credits are held, ``remote``) is returned
        ``reserved``: pay at ``start_payment(...).pay_url``. ``project_id`` defaults to the first
        project with enough free grams (local ledger only).
        """
        from .offsets.model import Role as Roles
        from .offsets.pricing import parse_grams
        from .offsets.purchase import buy

        amount = parse_grams(grams, field="amount")
        if project_id is None:
            project_id = next(
                (p.project_id for p in self.projects() if self.free_grams(p.project_id) >= amount), None
            )
            if project_id is None:
                raise ValidationFailed.single("project", "none_available", f"no project has {amount} g free")
        scene_id, meta = self._order_fields(participant_id, scene, metadata)
        return buy(
            self.offsets,
            self.payments(payment),
            project_id=project_id,
            grams=amount,
            idempotency_key=idempotency_key,
            beneficiary=beneficiary,
            scene_id=scene_id,
            role=role or Roles.VISITOR,
            metadata=meta,
        )

    def audit(self) -> AuditReport:
        """Replay the local ledger's event log and check every invariant (``report.ok``). Local
        ledger only."""
        from .offsets.audit import audit

        return audit(self._local_ledger("the audit").database)

    def remainders(self, deadline_days: int = 365) -> list[Remainder]:
        """Allocated grams waiting for retirement per batch; ``overdue`` past ``deadline_days``."""
        from datetime import timedelta

        return self._local_ledger("retirement remainders").remainders(deadline=timedelta(days=deadline_days))

    def settle(
        self, period_start: datetime, period_end: datetime, *, record: bool = True
    ) -> list[Settlement]:
        """Money owed per project owner for orders paid in ``[period_start, period_end)`` and not
        settled before (``record=False`` only computes it); minor units. Local ledger only."""
        return self._local_ledger("settlement").settle(period_start, period_end, record=record)

    def decide_claim(
        self, scene: Scene | str, *, organiser: str, footprint_g: int, policy: ClaimPolicy
    ) -> ClaimReport:
        """Record (once per scene) the organiser's event claim and whether visitors' slices count
        inside it; returns how much of it is covered. ``scene`` is a stored scene (or its id or
        slug); ValidationFailed naming ``scene`` if none, as :meth:`buy` refuses an order for one."""
        ledger = self._local_ledger("an event's claim")
        scene_id = self.scene(scene).id
        ledger.decide_claim(scene_id, organiser=organiser, footprint_g=footprint_g, policy=policy)
        return ledger.claim_report(scene_id)

    def claim_report(self, scene: Scene | str) -> ClaimReport | None:
        """The event's claim and how much of it is covered, or ``None`` before it is decided.
        Local ledger only."""
        ledger = self._local_ledger("an event's claim")
        scene_id = scene.id if isinstance(scene, Scene) else self._scene_id(scene)
        try:
            return ledger.claim_report(scene_id)
        except ValidationFailed as exc:
            if exc.problems[0].code == "unknown":
                return None
            raise

    def recover(self) -> list[Order]:
        """Apply payments whose callback was lost, refund what cannot be allocated and expire stale
        reservations, asking the payment provider of each open intent. Local ledger only (a remote
        server recovers its own payments)."""
        ledger = self._local_ledger("payment recovery")
        return ledger.recover({name: self.payments(name) for name in self.host.payment_providers})

    def _scene_id(self, reference: str) -> str:
        found = self.scenes.maybe(reference)
        return found.id if found is not None else reference

    def retire_pooled(
        self, beneficiary: str, reason: str, *, registry: RegistryAdapter | None = None
    ) -> list[Retirement]:
        """Retire every whole tonne fully covered by paid slices (at ``registry``, default the
        sandbox registry), then :meth:`follow`. ValidationFailed naming ``beneficiary``/``reason``."""
        from .offsets.sandbox import SandboxRegistry

        done = list(
            self.offsets.retire(registry or SandboxRegistry(), beneficiary=beneficiary, reason=reason)
        )
        self.follow()
        return done

    def record_retirement(self, confirmation: RegistryConfirmation, *, evidence: str) -> Retirement:
        """Record a retirement an operator did at the registry, from its confirmation (see
        :meth:`Ledger.record_retirement`), then :meth:`follow`."""
        done = self._local_ledger("recording a registry retirement").record_retirement(
            confirmation, evidence=evidence
        )
        self.follow()
        return done

    def follow(self) -> list[Certificate]:
        """Mark retired every pending certificate whose order is now fully retired, and
        republish the status list when any changed."""
        changed = self.certificates.follow(self.offsets)
        if changed:
            self.publish_status()
        return changed

    # --- certificates -------------------------------------------------------------------------

    def order_record(self, order_id: str) -> OrderRecord:
        """What the offset provider reports of an order: the order, its project, allocated and
        retired grams and the fractional serials of its slices."""
        return self.offsets.order_record(order_id)

    def issue_certificate(
        self,
        order_id: str,
        *,
        participant_id: str | None = None,
        footprint: Footprint | None = None,
        footprint_g: int | None = None,
    ) -> Certificate:
        """The signed certificate of a paid and allocated order (the same one when asked again),
        naming its stored scene in both languages; CertificateError ``not_paid`` otherwise.

        ``participant_id`` defaults to the one the order was placed for; ``footprint`` (the
        visit's) gives the footprint grams and categories, else ``footprint_g`` (an event's
        footprint of which the order covers a part), else the order's grams count. The
        status list is republished in the same call.
        """
        record = self.offsets.order_record(order_id)
        order = record.order
        participant = participant_id or order.metadata.get("participant_id")
        scene = self.scenes.maybe(order.scene_id) if order.scene_id else None
        if scene is None and footprint is not None:
            scene = self.scenes.maybe(footprint.scene_id)
        certificate = self.certificates.issue(
            record,
            scene=scene,
            participant_id=participant,
            footprint_g=footprint.grams if footprint is not None else footprint_g,
            by_category=footprint.by_category if footprint is not None else None,
        )
        self.publish_status()
        return certificate

    def certificate(self, cert_id: str) -> Certificate:
        """A certificate by id; CertificateError ``unknown_certificate``."""
        return self.certificates.get(cert_id.strip())

    def find_certificate(self, qr_text: str) -> Certificate:
        """The stored certificate a QR text names (the text must match exactly)."""
        return self.certificates.find(qr_text)

    def lookup_certificate(self, reference: str) -> Certificate:
        """By id, or by QR text (anything with a ``:``)."""
        return self.find_certificate(reference) if ":" in reference else self.certificate(reference)

    def certificate_summary(self, certificate: Certificate) -> dict[str, Any]:
        """A certificate as JSON data: id, status label, why it was revoked (``reason``, ``None``
        unless revoked), order, scene (id and names), grams, project, allocations (fractional
        serials), issued_at, issuer, kid, the statement in ``en`` and ``zh-CN`` and the QR text."""
        from .render.wording import statement

        claims = certificate.claims
        return {
            "id": claims.cert_id,
            "status": certificate.status.label,
            "reason": self.certificates.reason(claims.cert_id),
            "order": certificate.order_id,
            "scene": claims.scene_id,
            "scene_name": dict(claims.scene_name),
            "footprint_g": claims.footprint_g,
            "neutralised_g": claims.neutralised_g,
            "project": claims.project_id,
            "allocations": list(claims.allocations),
            "issued_at": claims.issued_at.isoformat(),
            "issuer": claims.issuer,
            "kid": certificate.kid,
            "statement": {lang: statement(claims, certificate.status, lang) for lang in ("en", "zh-CN")},
            "qr": certificate.qr_text,
        }

    def revoke(self, cert_id: str, reason: str) -> Certificate:
        """Revoke a certificate and republish the signed status list in the same call;
        CertificateError ``reason_required``, ``unknown_certificate`` or ``revoked``."""
        certificate = self.certificates.revoke(cert_id, reason)
        self.publish_status()
        return certificate

    def status_list(self) -> StatusList:
        """Every certificate's status now, valid ``settings.status_valid_days``."""
        return self.certificates.status_list()

    def signed_status_list(self) -> bytes:
        """The status list signed by the active key (COSE_Sign1), as published."""
        return self.status_list().sign(*self.keyring.signer())

    @property
    def status_file(self) -> Path:
        """Where this issuer's signed status list is kept for offline verification on this
        machine: ``home/issued/<sha256(issuer)[:16]>.cose``."""
        return issued_file(self.settings.data_home, self.settings.issuer)

    def publish_status(self) -> Path:
        """Sign the current status list and write it to :attr:`status_file`."""
        path = self.status_file
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        data = self.signed_status_list()
        write_atomically(path, data)
        return path

    def publish(self, folder: Path) -> tuple[Path, Path]:
        """Write the key set (JWKS) and the signed status list under ``folder`` for a web server;
        returns both paths."""
        from .certificates.verify import KEYS_PATH, STATUS_PATH

        self.certificates.publish(folder)
        self.publish_status()
        return folder / KEYS_PATH, folder / STATUS_PATH

    def public_keys(self) -> dict[str, Any]:
        """The issuer's public keys as a JWKS document (``{"keys": [{"kty": "OKP", ...}]}``)."""
        return self.keyring.jwks()

    def verify(self, qr_text: str, *, online_url: str | None = None) -> Verdict:
        """Check a certificate's QR text offline: against the keys of the issuer it names, fetched
        before (``online_url`` refreshes that issuer's keys and status list first) or this
        machine's own for the issuers it signs as, with the newest status list at hand. A status
        unknown or stale is reported, never counted valid; a certificate signed with another
        issuer's key is refused (``wrong_issuer``)."""
        from .certificates import codec
        from .certificates.errors import CertificateError
        from .certificates.status import StatusList
        from .certificates.verify import TrustCache
        from .certificates.verify import verify as check

        home = self.settings.data_home
        cache = TrustCache.load(home / "trust")
        if online_url:
            cache.refresh(online_url)
        lists: list[StatusList] = list(cache.statuses.values())
        # this machine's own keys are trusted for its issuer and for the issuers it signed status
        # lists as; never for an issuer they were not used for
        own = self.keyring.trusted()
        trust = cache.trust.add(self.settings.issuer, own)
        for path in sorted((home / "issued").glob("*.cose")):
            issued = StatusList.open(path.read_bytes(), own)
            trust = trust.add(issued.issuer, own)
            lists.append(issued)
        try:
            named: str | None = codec.peek(qr_text)[0].issuer
        except CertificateError:
            named = None
        status = max((s for s in lists if s.issuer == named), key=lambda s: s.issued_at, default=None)
        return check(qr_text, trust, status)

    # --- API keys ----------------------------------------------------------------------------

    @cached_property
    def api_keys(self) -> ApiKeys:
        """The ``/api/v1`` keys and their rate counters, on this database."""
        from .apikeys import ApiKeys

        return ApiKeys(self.database, clock=self.clock)

    def create_api_key(
        self,
        owner: str,
        scopes: Iterable[str],
        *,
        label: str = "",
        rate_per_minute: int | None = None,
        request_id: str | None = None,
    ) -> NewKey:
        """A new key for ``owner`` (an organiser account id, or ``operator``) with ``scopes``
        (``footprints``, ``orders``, ``certificates``); ``NewKey.secret`` is shown only now.
        The same ``request_id`` (a form's token) again raises ``KeyAlreadyCreated``.
        ValidationFailed naming ``owner``, ``scopes``, ``rate_per_minute`` or ``request_id``."""
        rate = rate_per_minute if rate_per_minute is not None else self.settings.api_rate_per_minute
        return self.api_keys.create(owner, scopes, label=label, rate_per_minute=rate, request_id=request_id)

    def revoke_api_key(self, key_id: str) -> ApiKey:
        """Revoke a key at once; ValidationFailed naming ``key_id`` if there is none."""
        return self.api_keys.revoke(key_id)

    def api_keys_of(self, owner: str | None = None) -> list[ApiKey]:
        """Every key (never its secret), or only ``owner``'s; revoked ones included."""
        return self.api_keys.list(owner)

    # --- exports ------------------------------------------------------------------------------

    def export_scene(self, scene: Scene | str) -> SceneExport:
        """The scene's kept footprint lines (factor and source), its orders and its certificates."""
        from .offsets.model import to_json

        found = self.scene(scene)
        orders = tuple(
            {
                "order_id": o.order_id,
                "status": str(o.status),
                "grams": o.grams,
                "project_id": o.project_id,
                "total_minor": o.price.total_minor,
                "currency": o.price.currency,
                "role": str(o.role),
                "created_at": to_json(o).get("created_at"),
            }
            for o in self._local_ledger("a scene's export").orders(scene_id=found.id, limit=100_000)
        )
        certificates = tuple(
            {
                "cert_id": c.cert_id,
                "order_id": c.order_id,
                "status": c.status.label,
                "footprint_g": c.claims.footprint_g,
                "neutralised_g": c.claims.neutralised_g,
                "project_id": c.claims.project_id,
                "issued_at": c.claims.issued_at.isoformat(),
            }
            for c in self.certificates.of_scene(found.id)
        )
        return SceneExport(found, tuple(self.scenes.footprint_lines(found.id)), orders, certificates)

    # --- renderings ---------------------------------------------------------------------------

    def door_url(self, scene: Scene | str) -> str:
        """The URL a scene's door QR code opens: ``settings.public_url`` + ``/s/<slug>``."""
        from .render.drawings import door_url

        return door_url(self.settings.public_url, self.scene(scene).slug)

    def render_certificate(self, cert_id: str, kind: str = "svg", lang: str | None = None) -> bytes:
        """The certificate drawn as ``svg``, ``png`` or ``pdf`` in ``lang``, with its current status;
        CertificateError ``unknown_format`` for another kind."""
        from .render.drawings import render_certificate

        certificate = self.certificate(cert_id)
        return render_certificate(certificate, kind, check_language(lang or self.settings.language))

    def render_share_card(self, cert_id: str, lang: str | None = None) -> bytes:
        """The square PNG share card of a certificate."""
        from .render.drawings import render_share_card

        return render_share_card(self.certificate(cert_id), check_language(lang or self.settings.language))

    def render_poster(self, scene: Scene | str, kind: str = "pdf") -> bytes:
        """The printable door poster of a stored scene (``pdf``, ``png`` or ``svg``): its QR code
        to :meth:`door_url`, its names in Chinese and English."""
        from .render.drawings import render_poster

        found = self.scene(scene)
        return render_poster(found, self.door_url(found), kind)

    def write_renderings(self, cert_id: str, folder: Path) -> list[Path]:
        """Every drawing of a certificate (SVG, PNG and PDF in both languages, and the share
        cards) written to ``folder``; returns the paths."""
        folder.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        for lang in ("en", "zh-CN"):
            for kind in CERTIFICATE_KINDS:
                path = folder / f"certificate-{cert_id}-{lang}.{kind}"
                path.write_bytes(self.render_certificate(cert_id, kind, lang))
                written.append(path)
            card = folder / f"share-card-{cert_id}-{lang}.png"
            card.write_bytes(self.render_share_card(cert_id, lang))
            written.append(card)
        return written

    # --- visitor pages ------------------------------------------------------------------------

    def scene_totals(self, scene: Scene | str) -> SceneTotals:
        """How many certificates a scene has issued to its visitors (revoked ones and the event's
        own, the organiser's, aside) and the grams they neutralised: the door page's "so far"."""
        import sqlalchemy as sa

        from . import db
        from .certificates.model import Status
        from .certificates.schema import certificates as table
        from .offsets.ledger import Ledger
        from .offsets.model import Role
        from .offsets.schema import orders

        found = self.scene(scene)
        query = sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(table.c.neutralised_g), 0)).where(
            table.c.scene_id == found.id, table.c.status != Status.REVOKED.value
        )
        if isinstance(self.offsets, Ledger):  # the organiser's purchase is not a visitor's
            events = sa.select(orders.c.order_id).where(orders.c.role == Role.ORGANISER.value)
            query = query.where(sa.or_(table.c.order_id.is_(None), table.c.order_id.not_in(events)))
        with db.read(self.database) as conn:
            count, grams = conn.execute(query).one()
        return SceneTotals(int(count), int(grams))

    def offers(self, grams: int) -> list[Offer]:
        """Each project that can neutralise ``grams`` now: its quote for them (this visitor's
        price) and the vintage years of its credit batches. Local ledger only."""
        ledger = self._local_ledger("offers by free grams and vintage")
        found = []
        for project in self.projects():
            batches = [b for b in ledger.batches(project.project_id) if b.free_g > 0]
            if sum(b.free_g for b in batches) < grams:
                continue
            years = sorted({y for b in batches for y in (b.vintage_start.year, b.vintage_end.year)})
            found.append(Offer(project, self.quote(project.project_id, grams), tuple(years)))
        return found

    def comparisons(self, grams: int, lang: str | None = None) -> list[Comparison]:
        """``grams`` CO2e as kilometres driven and as beef meals, with their factors' sources."""
        from .equivalents import comparisons

        return comparisons(self.host.factor_set, grams, check_language(lang or self.settings.language))

    def certificates_of(self, participant_id: str) -> list[Certificate]:
        """Every certificate of a participant, oldest first."""
        return self.certificates.of_participant(participant_id)

    def search_scenes(
        self, query: str = "", *, city: str = "", on: date | None = None, limit: int = 50
    ) -> list[Scene]:
        """Public scenes for the directory's search, matching every field given.

        ``query`` (one search box) is matched against either name or the slug, the city, or the
        pinyin of the Chinese name in full or by initials (``tanzhonghe``, ``sztzh``; spaces and
        case ignored); ``city`` against the scene's city; with ``on``, only scenes on that day.
        Both are read as the gazetteer reads places: Traditional characters as Simplified
        (``數字`` finds 数字) and a city in any form it resolves (``成都市``, ``Chengdu``, ``北京市区``).
        """
        from .travel.gazetteer import simplified

        text = simplified(query.strip())
        wanted: list[dict[str, Scene]] = []
        if text:
            wanted.append(self._matching(text, on))
        if city.strip():
            wanted.append(self._in_city(simplified(city.strip()), on))
        if not wanted:
            return self.find_scenes(on=on, limit=limit)
        first, *others = wanted
        return [scene for key, scene in first.items() if all(key in other for other in others)][:limit]

    def _in_city(self, typed: str, on: date | None) -> dict[str, Scene]:
        """Scenes whose city is ``typed`` as written or as the gazetteer resolves it (成都市 -> Chengdu)."""
        names = {typed}
        # not a place it knows: the words as typed still match a stored name
        with contextlib.suppress(ValidationFailed):
            names.add(self.resolve_place(typed).city or typed)
        return {s.id: s for name in names for s in self.find_scenes(city=name, on=on, limit=1000)}

    def _matching(self, text: str, on: date | None) -> dict[str, Scene]:
        found = {s.id: s for s in self.find_scenes(text=text, on=on, limit=1000)}
        for scene in self._in_city(text, on).values():
            found.setdefault(scene.id, scene)
        wanted = "".join(text.lower().split())
        if wanted.isascii() and wanted.isalpha():
            from pypinyin import Style, lazy_pinyin

            for scene in self.find_scenes(on=on, limit=1000):
                name = scene.name.get("zh-CN", "")
                spelled = (
                    "".join(lazy_pinyin(name, style=style)) for style in (Style.NORMAL, Style.FIRST_LETTER)
                )
                if any(wanted in "".join(s.split()) for s in spelled):
                    found.setdefault(scene.id, scene)
        return found


def issued_file(home: Path, issuer: str) -> Path:
    """Where the signed status list of ``issuer`` is kept under ``home`` on this machine."""
    return home / "issued" / f"{hashlib.sha256(issuer.encode()).hexdigest()[:16]}.cose"


__all__ = [
    "FormPart",
    "LeaderboardView",
    "Offer",
    "Platform",
    "SceneExport",
    "SceneForm",
    "SceneTotals",
    "issued_file",
]
