"""API keys for ``/api/v1``: scoped, hashed at rest, revocable, shown once; and their rate limits.

A key reads ``dd_<key id>_<secret>``. Only the key id and the SHA-256 of the secret are stored:
the secret is 32 random bytes, so a fast hash is enough (there is nothing to brute-force that a
slow password hash would protect) and checking a key costs one indexed lookup and one
constant-time comparison. :meth:`ApiKeys.create` returns the full key once; it cannot be shown
again.

Each key's requests per minute are counted by :mod:`diandian.rate_limits` in the database, so
any number of workers and servers over one database share the same counters and the web
process keeps nothing in memory. :meth:`ApiKeys.hit` answers whether a request may go on and,
if not, after how many seconds (the ``Retry-After`` header).

:meth:`ApiKeys.adopt` records which owner's key created a participant (table
``api_participants``), so that one organiser's key never reads or uses another's participants.

Each key records when it was last used (to the minute: a request writes it only when the stored
time is a minute old or more, so a busy key costs no extra write per request), and, when it was
made from a form, that form's request id: sending the same form again (a reload, a double
click) raises :class:`KeyAlreadyCreated` instead of making a second key.

The Alembic branch ``apikeys`` (revisions ``apikeys_0001`` to ``apikeys_0003``) creates the
tables.
"""

from __future__ import annotations

import enum
import hmac
import secrets
import threading
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from datetime import UTC, datetime, timedelta
from typing import Any

import attrs
import sqlalchemy as sa

from . import db, rate_limits
from .errors import DiandianError, Problem, ValidationFailed
from .free_text import MAX_ID, text_problem
from .rate_limits import Limit, RateDecision
from .tokens import digest

PREFIX = "dd_"
OPERATOR = "operator"
"""The owner of the operator's keys, which see every order, participant and scene."""
DEFAULT_RATE_PER_MINUTE = 600
MAX_LABEL = 200
"""A key's label (``front desk``), as the key table stores it."""
MAX_REQUEST_ID = 64
LAST_USED_STEP = timedelta(minutes=1)
"""How stale ``last_used_at`` may be: a key used again sooner does not write it again."""

metadata = sa.MetaData()

api_keys = sa.Table(
    "api_keys",
    metadata,
    sa.Column("key_id", sa.String(24), primary_key=True),
    sa.Column("secret_sha256", sa.String(64), nullable=False),
    sa.Column("owner", sa.String(128), nullable=False),
    sa.Column("scopes", sa.String(200), nullable=False),
    sa.Column("label", sa.String(200), nullable=False),
    sa.Column("rate_per_minute", sa.Integer, nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.Column("revoked_at", sa.String(32), nullable=True),
    sa.Column("last_used_at", sa.String(32), nullable=True),
    sa.Column("request_id", sa.String(64), nullable=True),
    sa.Index("ix_api_keys_owner_request", "owner", "request_id", unique=True),
)

api_participants = sa.Table(
    "api_participants",
    metadata,
    sa.Column("participant_id", sa.String(32), primary_key=True),
    sa.Column("owner", sa.String(128), nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
)


class Scope(enum.StrEnum):
    """What a key may do. ``footprints``: compute footprints; ``orders``: quote, order and pay;
    ``certificates``: issue certificates and read life records."""

    FOOTPRINTS = "footprints"
    ORDERS = "orders"
    CERTIFICATES = "certificates"


@attrs.frozen
class ApiKey:
    """A stored key (never its secret). ``owner`` is an organiser account id or ``operator``."""

    key_id: str
    owner: str
    scopes: frozenset[Scope]
    label: str
    rate_per_minute: int
    created_at: datetime
    revoked_at: datetime | None = None
    last_used_at: datetime | None = None
    """When a request last used the key, to the minute (see :data:`LAST_USED_STEP`); ``None``: never."""

    @property
    def active(self) -> bool:
        return self.revoked_at is None


@attrs.frozen
class NewKey:
    """A key just created: ``secret`` is the full ``dd_...`` text, shown this once only."""

    key: ApiKey
    secret: str


class KeyRefused(DiandianError):
    """A request's key is missing, malformed, unknown, revoked or lacks a scope.

    ``code`` is stable: ``missing_key``, ``invalid_key``, ``revoked_key`` or ``missing_scope``.
    """

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        super().__init__(message)


class KeyAlreadyCreated(DiandianError):
    """The form request that would create a key already created ``key`` (its secret was shown
    on the answer to the first request and cannot be shown again)."""

    def __init__(self, key: ApiKey) -> None:
        self.key = key
        super().__init__(f"this request already created API key {key.key_id}; its secret was shown once")


def _now() -> datetime:
    return datetime.now(UTC)


def parse_scopes(values: Iterable[str]) -> frozenset[Scope]:
    """Scope names -> scopes; :class:`ValidationFailed` naming ``scopes`` for an unknown one."""
    known = {s.value: s for s in Scope}
    values = list(values)
    unknown = [v for v in values if v not in known]
    if unknown or not values:
        names = ", ".join(known)
        message = f"unknown scope {unknown[0]!r}" if unknown else "at least one scope is needed"
        raise ValidationFailed.single("scopes", "unknown_scope", f"{message}; known: {names}", what="API key")
    return frozenset(known[v] for v in values)


def _key(row: sa.Row[tuple[object, ...]]) -> ApiKey:
    m = row._mapping
    return ApiKey(
        key_id=m["key_id"],
        owner=m["owner"],
        scopes=frozenset(Scope(s) for s in str(m["scopes"]).split(",") if s),
        label=m["label"],
        rate_per_minute=m["rate_per_minute"],
        created_at=datetime.fromisoformat(m["created_at"]),
        revoked_at=datetime.fromisoformat(m["revoked_at"]) if m["revoked_at"] else None,
        last_used_at=datetime.fromisoformat(m["last_used_at"]) if m["last_used_at"] else None,
    )


def _relaxed(database: sa.Engine) -> sa.Engine:
    """An engine on the same SQLite file whose commits do not wait for the disk (``synchronous
    = NORMAL``; still atomic, and durable unless the machine loses power). Rate counters go
    through it: a counter lost in a power cut only lets a key make a few more requests, and
    the flush would otherwise cost more than the footprint the request asks for."""
    relaxed = db.connect(database.url.render_as_string(hide_password=False))

    @sa.event.listens_for(relaxed, "connect")
    def _normal(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    return relaxed


class ApiKeys:
    """The key store and rate limiter over one database (a SQLAlchemy engine, a URL or ``None``).

    Keys are created and revoked with full durability; each request's check and count
    (:meth:`admit`) runs in one transaction that does not wait for a disk flush (SQLite
    ``synchronous = NORMAL`` on a second engine, PostgreSQL ``synchronous_commit = off`` for
    that transaction only).
    """

    def __init__(
        self, database: sa.Engine | str | None = None, *, clock: Callable[[], datetime] = _now
    ) -> None:
        self._database = db.LazyDatabase(database)
        self._counting: sa.Engine | None = None
        # SQLite has one writer at a time, and a writer that finds the lock taken sleeps in
        # growing steps: the threads of one process take turns here instead
        self._turns = threading.Lock()
        self.clock = clock

    @property
    def database(self) -> sa.Engine:
        return self._database.get()

    @property
    def counting(self) -> sa.Engine:
        """The engine the per-request transactions use (see the class docstring)."""
        if self._counting is None:
            database = self.database
            self._counting = _relaxed(database) if database.dialect.name == "sqlite" else database
        return self._counting

    def create(
        self,
        owner: str,
        scopes: Iterable[str],
        *,
        label: str = "",
        rate_per_minute: int = DEFAULT_RATE_PER_MINUTE,
        request_id: str | None = None,
    ) -> NewKey:
        """A new key for ``owner`` with ``scopes``; the returned ``secret`` is shown only now.

        ``request_id`` names the form request asking for it (a random token the form carries):
        the same owner sending the same request id again gets :class:`KeyAlreadyCreated`, not a
        second key. ValidationFailed naming ``owner``, ``label``, ``scopes``,
        ``rate_per_minute`` or ``request_id``."""
        # free text as everywhere else: a type, control characters and a length named by field
        problems = [
            problem
            for problem in (
                text_problem(owner, field="owner", limit=MAX_ID),
                text_problem(label, field="label", limit=MAX_LABEL, required=False),
                text_problem(request_id or "", field="request_id", limit=MAX_REQUEST_ID, required=False),
            )
            if problem is not None
        ]
        if type(rate_per_minute) is not int or not 1 <= rate_per_minute <= 1_000_000:
            problems.append(Problem("rate_per_minute", "out_of_range", "must be 1 to 1000000"))
        try:
            chosen = parse_scopes(scopes)
        except ValidationFailed as exc:
            problems.extend(exc.problems)
        if problems:
            raise ValidationFailed(problems, what="API key")
        key_id = secrets.token_hex(8)
        secret = secrets.token_urlsafe(32)
        key = ApiKey(key_id, owner, chosen, label, rate_per_minute, self.clock())
        try:
            with db.write(self.database) as conn:
                conn.execute(
                    api_keys.insert().values(
                        key_id=key_id,
                        secret_sha256=digest(secret),
                        owner=owner,
                        scopes=",".join(sorted(chosen)),
                        label=label,
                        rate_per_minute=rate_per_minute,
                        created_at=key.created_at.isoformat(),
                        request_id=request_id or None,
                    )
                )
        except sa.exc.IntegrityError:
            # the unique (owner, request_id) index: this form was sent before, perhaps at the
            # same moment by a double click; the key it made is the answer
            if not request_id:
                raise
            with db.read(self.database) as conn:
                made = conn.execute(
                    sa.select(api_keys).where(
                        (api_keys.c.owner == owner) & (api_keys.c.request_id == request_id)
                    )
                ).one()
            raise KeyAlreadyCreated(_key(made)) from None
        return NewKey(key, f"{PREFIX}{key_id}_{secret}")

    def get(self, key_id: str) -> ApiKey:
        """The key ``key_id`` (or a whole key, see :func:`key_id_of`); ValidationFailed naming
        ``key_id`` if none, which repeats only the key id, never a secret."""
        key_id = key_id_of(key_id)
        with db.read(self.database) as conn:
            row = conn.execute(sa.select(api_keys).where(api_keys.c.key_id == key_id)).one_or_none()
        if row is None:
            raise ValidationFailed.single("key_id", "unknown", f"no API key {key_id!r}", what="API key")
        return _key(row)

    def list(self, owner: str | None = None) -> list[ApiKey]:
        """Keys (revoked ones included), oldest first; only ``owner``'s when given."""
        query = sa.select(api_keys).order_by(api_keys.c.created_at, api_keys.c.key_id)
        if owner is not None:
            query = query.where(api_keys.c.owner == owner)
        with db.read(self.database) as conn:
            return [_key(row) for row in conn.execute(query)]

    def revoke(self, key_id: str) -> ApiKey:
        """Revoke a key at once (``key_id``, or the whole key: :func:`key_id_of`); revoking it
        again changes nothing."""
        key_id = key_id_of(key_id)
        with db.write(self.database) as conn:
            conn.execute(
                api_keys.update()
                .where((api_keys.c.key_id == key_id) & api_keys.c.revoked_at.is_(None))
                .values(revoked_at=self.clock().isoformat())
            )
        return self.get(key_id)

    def adopt(self, owner: str, participant_id: str) -> None:
        """Record that ``owner``'s key created ``participant_id`` (see :meth:`owner_of`)."""
        with db.write(self.database) as conn:
            conn.execute(
                api_participants.insert().values(
                    participant_id=participant_id, owner=owner, created_at=self.clock().isoformat()
                )
            )

    def owner_of(self, participant_id: str) -> str | None:
        """The owner whose key created ``participant_id``; ``None`` for one made elsewhere (the
        visitor pages) or never made."""
        with db.read(self.database) as conn:
            return conn.execute(
                sa.select(api_participants.c.owner).where(api_participants.c.participant_id == participant_id)
            ).scalar_one_or_none()

    def authenticate(self, token: str | None, scope: Scope | None = None) -> ApiKey:
        """The active key ``token`` names, holding ``scope``; :class:`KeyRefused` otherwise."""
        with db.read(self.database) as conn:
            return _check(conn, token, scope)

    def admit(self, token: str | None, scope: Scope | None = None) -> tuple[ApiKey, RateDecision]:
        """:meth:`authenticate` and :meth:`hit` in one transaction: what every API request does."""
        with self._turn(), db.write(self.counting) as conn:
            key = _check(conn, token, scope)
            now = self.clock()
            if key.last_used_at is None or now - key.last_used_at >= LAST_USED_STEP:
                conn.execute(
                    api_keys.update()
                    .where(api_keys.c.key_id == key.key_id)
                    .values(last_used_at=now.isoformat())
                )
            return key, self._hit(conn, key)

    def hit(self, key: ApiKey) -> RateDecision:
        """Count one request of ``key`` against its requests per minute; the decision for it."""
        with self._turn(), db.write(self.counting) as conn:
            return self._hit(conn, key)

    def _turn(self) -> AbstractContextManager[Any]:
        return self._turns if self.counting.dialect.name == "sqlite" else nullcontext()

    def _hit(self, conn: sa.Connection, key: ApiKey) -> RateDecision:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")
        return rate_limits.hit(conn, f"api:{key.key_id}", Limit(key.rate_per_minute, 60), self.clock())


def key_id_of(text: str) -> str:
    """The key id ``text`` names: ``text`` itself, or the id part of a whole key
    ``dd_<key id>_<secret>`` (someone pasting the key they hold), whose secret is dropped here so
    that no message repeats it."""
    split = _split_key(text.strip())
    return split[0] if split is not None else text


def _split_key(text: str) -> tuple[str, str] | None:
    """``(key id, secret)`` of a text shaped ``dd_<key id>_<secret>`` (either may be empty); None
    for another shape."""
    parts = text.split("_", 2)
    if len(parts) == 3 and parts[0] + "_" == PREFIX:
        return parts[1], parts[2]
    return None


def _check(conn: sa.Connection, token: str | None, scope: Scope | None) -> ApiKey:
    if not token:
        raise KeyRefused("missing_key", "an API key is needed: 'Authorization: Bearer dd_...'")
    split = _split_key(token)
    if len(token) > 200 or split is None or not all(split):
        raise KeyRefused("invalid_key", "the API key is not a Diandian key (dd_<id>_<secret>)")
    key_id, secret = split
    row = conn.execute(_FIND, {"key_id": key_id}).one_or_none()
    if row is None or not hmac.compare_digest(row.secret_sha256, digest(secret)):
        raise KeyRefused("invalid_key", "unknown API key")
    key = _key(row)
    if not key.active:
        raise KeyRefused("revoked_key", f"API key {key.key_id} was revoked")
    if scope is not None and scope not in key.scopes:
        raise KeyRefused("missing_scope", f"API key {key.key_id} lacks the scope {scope.value!r}")
    return key


# built once: every API request runs it, and building a statement costs more than running it
_FIND = sa.select(api_keys).where(api_keys.c.key_id == sa.bindparam("key_id"))
