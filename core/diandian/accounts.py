"""Accounts of organisers and operators: sign-up, sign-in, sessions, password reset, and the
trail of actions that changed money, credits or scenes.

Everything lives in the database (Alembic branch ``accounts``), so any number of app servers
over one database behave as one:

- passwords are hashed with Argon2id (argon2-cffi's RFC 9106 defaults) and re-hashed on sign-in
  when the parameters change;
- a session is a random token given to the browser; only its SHA-256 is stored, with an expiry,
  so a stolen database does not hold usable sessions and signing out ends a session everywhere;
- failed sign-ins are counted by :mod:`diandian.rate_limits` per e-mail and per client address
  (:data:`LIMITS` per :data:`FAILURE_WINDOW`); past a limit sign-in is refused with
  :class:`RateLimited` before the password is even checked;
- a password-reset link carries a random token (stored hashed, valid :data:`RESET_VALID_FOR`,
  used once). No mail server is configured, so the message is written to the ``mail_outbox``
  table and to the ``diandian.outbox`` logger; a deployment forwards it from there;
- :meth:`Accounts.record` appends an :class:`Action` (who, role, when, what, on which subject)
  to ``account_actions``; the platform calls it for every change an organiser or operator makes.

Operators are never created by signing up: ``diandian operator create`` makes them.
"""

from __future__ import annotations

import enum
import json
import logging
import re
import secrets
import unicodedata
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import attrs
import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from . import db, rate_limits
from .errors import DiandianError, Problem, ValidationFailed
from .free_text import text_problem
from .rate_limits import Limit
from .tokens import digest

metadata = sa.MetaData()

accounts = sa.Table(
    "accounts",
    metadata,
    sa.Column("account_id", sa.String(40), primary_key=True),
    sa.Column("email", sa.String(254), nullable=False, unique=True),
    sa.Column("display_name", sa.String(100), nullable=False),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.Column("password_changed_at", sa.String(32), nullable=False),
    sa.Column("disabled", sa.Boolean, nullable=False),
)

sessions = sa.Table(
    "account_sessions",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("account_id", sa.String(40), nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.Column("expires_at", sa.String(32), nullable=False),
)

resets = sa.Table(
    "password_resets",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("account_id", sa.String(40), nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.Column("expires_at", sa.String(32), nullable=False),
    sa.Column("used_at", sa.String(32), nullable=True),
)

outbox = sa.Table(
    "mail_outbox",
    metadata,
    sa.Column("message_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("recipient", sa.String(254), nullable=False),
    sa.Column("subject", sa.Text, nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
)

actions = sa.Table(
    "account_actions",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.String(32), nullable=False),
    sa.Column("account_id", sa.String(40), nullable=False),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("action", sa.String(64), nullable=False),
    sa.Column("subject", sa.String(200), nullable=False),
    sa.Column("detail", sa.Text, nullable=False),
)

SESSION_VALID_FOR = timedelta(days=14)
RESET_VALID_FOR = timedelta(hours=1)
FAILURE_WINDOW = timedelta(minutes=15)
#: failed sign-ins allowed per window: per e-mail address (guessing one password) and per
#: client address (trying many accounts from one place); password-reset requests per e-mail
LIMITS = {"email": 5, "client": 30, "reset": 3}
MIN_PASSWORD = 10
MAX_PASSWORD = 256
MAX_ACCOUNT_NAME = 100
"""An account's display name, as the console shows it."""
EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")

outbox_log = logging.getLogger("diandian.outbox")


class AccountRole(enum.StrEnum):
    ORGANISER = "organiser"
    OPERATOR = "operator"


class SignInRefused(DiandianError):
    """Wrong e-mail or password, or a disabled account (never says which)."""

    def __init__(self) -> None:
        super().__init__("wrong e-mail address or password")


class RateLimited(DiandianError):
    """Too many failed attempts; ``retry_after`` is how many seconds until the next is counted."""

    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(f"too many attempts; try again in {retry_after} s")


class NotAllowed(DiandianError, PermissionError):
    """The signed-in account may not do this (another organiser's scene, an operator page)."""


@attrs.frozen
class Account:
    """An organiser or operator. ``account_id`` is stable (``acc_`` + 24 hex digits) and is what
    scenes, API keys and the action trail name; ``email`` is stored lower-cased."""

    account_id: str
    email: str
    display_name: str
    role: AccountRole
    created_at: datetime

    @property
    def is_operator(self) -> bool:
        return self.role is AccountRole.OPERATOR


@attrs.frozen
class SignedIn:
    """A new session: give ``token`` to the browser (it is not stored anywhere else)."""

    token: str
    account: Account
    expires_at: datetime


@attrs.frozen
class Action:
    """One entry of the action trail: who (account and role), when, what, on which subject
    (``scene:<id>``, ``order:<id>``, ``batch:<id>``, ...), with a JSON-able ``detail``."""

    seq: int
    at: datetime
    account_id: str
    role: str
    action: str
    subject: str
    detail: Mapping[str, Any]


@attrs.frozen
class OutboxMessage:
    message_id: int
    recipient: str
    subject: str
    body: str
    created_at: datetime


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _stamp(moment: datetime) -> str:
    # fixed-width UTC text so that string order is time order on every database
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _parse(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def _limit(hits: int) -> Limit:
    return Limit(hits, int(FAILURE_WINDOW.total_seconds()))


def normalise_email(email: str) -> str:
    return email.strip().lower()


def check_password(password: object, *, field: str = "password", email: str = "") -> list[Problem]:
    """The problems with a new password (empty when it is acceptable)."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        return [Problem(field, "too_short", f"must have at least {MIN_PASSWORD} characters")]
    if len(password) > MAX_PASSWORD:
        return [Problem(field, "too_long", f"must have at most {MAX_PASSWORD} characters")]
    if email and password.strip().lower() == normalise_email(email):
        return [Problem(field, "is_email", "must not be the e-mail address")]
    return []


def _account(row: Any) -> Account:
    return Account(
        account_id=row.account_id,
        email=row.email,
        display_name=row.display_name,
        role=AccountRole(row.role),
        created_at=_parse(row.created_at),
    )


class Accounts:
    """The accounts service over one database (a SQLAlchemy engine).

    ``hasher`` defaults to argon2-cffi's :class:`~argon2.PasswordHasher` (Argon2id, RFC 9106 low
    memory profile); tests may pass a cheaper one. ``clock`` returns an aware UTC datetime.
    """

    def __init__(
        self,
        database: sa.Engine,
        *,
        hasher: PasswordHasher | None = None,
        clock: Callable[[], datetime] = _utcnow,
    ) -> None:
        self.database = database
        self.hasher = hasher or PasswordHasher()
        self.clock = clock
        self._dummy_hash: str | None = None

    def init(self) -> None:
        """Create or migrate every table (all Alembic heads)."""
        db.upgrade(self.database)

    # --- accounts --------------------------------------------------------------------------

    def sign_up(
        self,
        email: str,
        password: str,
        display_name: str,
        *,
        role: AccountRole = AccountRole.ORGANISER,
    ) -> Account:
        """Create an account. Raises :class:`ValidationFailed` naming ``email``, ``password`` or
        ``display_name`` (an e-mail already taken is ``email: taken``)."""
        address = normalise_email(email) if isinstance(email, str) else ""
        problems: list[Problem] = []
        if len(address) > 254 or not EMAIL.match(address):
            problems.append(Problem("email", "format", "must be an e-mail address such as name@example.org"))
        problems += check_password(password, email=address)
        refused = text_problem(display_name, field="display_name", limit=MAX_ACCOUNT_NAME)
        if refused is not None:  # control characters and overrides too, as in every shown name
            problems.append(refused)
        name = unicodedata.normalize("NFC", display_name.strip()) if refused is None else ""
        if problems:
            raise ValidationFailed(problems, what="account")
        now = _stamp(self.clock())
        account_id = "acc_" + secrets.token_hex(12)
        row = {
            "account_id": account_id,
            "email": address,
            "display_name": name,
            "role": AccountRole(role).value,
            "password_hash": self.hasher.hash(password),
            "created_at": now,
            "password_changed_at": now,
            "disabled": False,
        }
        with db.write(self.database) as conn:
            db.lock(conn, "diandian.accounts")  # two sign-ups of one address: one account, one "taken"
            taken = conn.execute(sa.select(accounts.c.account_id).where(accounts.c.email == address)).first()
            if taken is not None:
                raise ValidationFailed.single("email", "taken", "already has an account", what="account")
            conn.execute(accounts.insert().values(**row))
        return Account(
            account_id=account_id,
            email=address,
            display_name=name,
            role=AccountRole(role),
            created_at=_parse(now),
        )

    def get(self, account_id: str) -> Account:
        """The account; raises :class:`LookupError` when there is none."""
        with db.read(self.database) as conn:
            row = conn.execute(sa.select(accounts).where(accounts.c.account_id == account_id)).first()
        if row is None:
            raise LookupError(f"no account {account_id!r}")
        return _account(row)

    def by_email(self, email: str) -> Account | None:
        with db.read(self.database) as conn:
            row = conn.execute(sa.select(accounts).where(accounts.c.email == normalise_email(email))).first()
        return None if row is None else _account(row)

    def find(self, role: AccountRole | None = None) -> list[Account]:
        """Every account (of ``role``), oldest first."""
        query = sa.select(accounts).order_by(accounts.c.created_at)
        if role is not None:
            query = query.where(accounts.c.role == AccountRole(role).value)
        with db.read(self.database) as conn:
            return [_account(row) for row in conn.execute(query)]

    # --- sign-in and sessions --------------------------------------------------------------

    def sign_in(self, email: str, password: str, *, client: str = "") -> SignedIn:
        """Check the password and open a session valid :data:`SESSION_VALID_FOR`.

        ``client`` is the caller's address, counted separately. Raises :class:`RateLimited`
        when the e-mail or the client is over its limit, :class:`SignInRefused` otherwise on
        any mismatch (the same for an unknown e-mail, which costs the same hashing time).
        """
        address = normalise_email(email) if isinstance(email, str) else ""
        counters = {f"email:{address}": LIMITS["email"]}
        if client:
            counters[f"client:{client}"] = LIMITS["client"]
        now = self.clock()
        self._check_limits(counters, now)
        with db.read(self.database) as conn:
            row = conn.execute(sa.select(accounts).where(accounts.c.email == address)).first()
        stored = row.password_hash if row is not None else self._dummy()
        ok = self._verify(stored, password if isinstance(password, str) else "")
        if row is None or not ok or row.disabled:
            with db.write(self.database) as conn:
                for counter, limit in counters.items():
                    rate_limits.hit(conn, counter, _limit(limit), now)
            raise SignInRefused()
        token = secrets.token_urlsafe(32)
        expires = now + SESSION_VALID_FOR
        with db.write(self.database) as conn:
            rate_limits.forget(conn, f"email:{address}")
            conn.execute(
                sessions.insert().values(
                    token_hash=digest(token),
                    account_id=row.account_id,
                    created_at=_stamp(now),
                    expires_at=_stamp(expires),
                )
            )
            # a change of Argon2 parameters reaches every account at its next sign-in
            if self.hasher.check_needs_rehash(row.password_hash):
                conn.execute(
                    accounts.update()
                    .where(accounts.c.account_id == row.account_id)
                    .values(password_hash=self.hasher.hash(password))
                )
            # expired sessions are swept here rather than by a separate job
            conn.execute(sessions.delete().where(sessions.c.expires_at < _stamp(now)))
        return SignedIn(token=token, account=_account(row), expires_at=expires)

    def session(self, token: str | None) -> Account | None:
        """The account of an unexpired session token, else ``None``."""
        if not token or len(token) > 200:
            return None
        now = _stamp(self.clock())
        query = (
            sa.select(accounts)
            .join(sessions, sessions.c.account_id == accounts.c.account_id)
            .where(sessions.c.token_hash == digest(token), sessions.c.expires_at > now)
            .where(accounts.c.disabled == sa.false())
        )
        with db.read(self.database) as conn:
            row = conn.execute(query).first()
        return None if row is None else _account(row)

    def sign_out(self, token: str | None) -> None:
        """End the session (nothing happens for an unknown token)."""
        if token:
            with db.write(self.database) as conn:
                conn.execute(sessions.delete().where(sessions.c.token_hash == digest(token)))

    def _check_limits(self, counters: Mapping[str, int], now: datetime) -> None:
        with db.read(self.database) as conn:
            for counter, limit in counters.items():
                decision = rate_limits.peek(conn, counter, _limit(limit), now)
                if not decision.allowed:
                    raise RateLimited(decision.retry_after)

    def _dummy(self) -> str:
        if self._dummy_hash is None:
            self._dummy_hash = self.hasher.hash(secrets.token_urlsafe(16))
        return self._dummy_hash

    def _verify(self, stored: str, password: str) -> bool:
        try:
            return self.hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False

    # --- password reset --------------------------------------------------------------------

    def request_reset(self, email: str, reset_page_url: str) -> None:
        """Write a reset link (``reset_page_url?token=...``) to the outbox when ``email`` has an
        account. Says nothing either way, so the form cannot tell who has an account; more than
        ``LIMITS["reset"]`` requests per address in a window raise :class:`RateLimited`."""
        address = normalise_email(email) if isinstance(email, str) else ""
        now = self.clock()
        account = self.by_email(address)
        with db.write(self.database) as conn:
            decision = rate_limits.hit(conn, f"reset:{address}", _limit(LIMITS["reset"]), now)
            if not decision.allowed:
                raise RateLimited(decision.retry_after)
            if account is None:
                return
            token = secrets.token_urlsafe(32)
            conn.execute(
                resets.insert().values(
                    token_hash=digest(token),
                    account_id=account.account_id,
                    created_at=_stamp(now),
                    expires_at=_stamp(now + RESET_VALID_FOR),
                    used_at=None,
                )
            )
            minutes = int(RESET_VALID_FOR.total_seconds() // 60)
            body = (
                f"{reset_page_url}?token={token}\n\n"
                f"Open this link within {minutes} minutes to choose a new Diandian password.\n"
                f"请在 {minutes} 分钟内打开此链接，设置新的点点密码。\n"
                "If you did not ask for it, ignore this message. 如非本人操作，请忽略。\n"
            )
            self._send(conn, account.email, "Diandian password reset / 点点密码重置", body, now)

    def reset_password(self, token: str, new_password: str) -> Account:
        """Set a new password with a reset token (used once, unexpired); every session of the
        account ends. Raises :class:`ValidationFailed` on ``token`` or ``password``."""
        now = _stamp(self.clock())
        with db.write(self.database) as conn:
            db.lock(conn, "diandian.accounts")  # a reset link is used once, even by two clicks at once
            row = conn.execute(
                sa.select(resets, accounts.c.email)
                .join(accounts, accounts.c.account_id == resets.c.account_id)
                .where(resets.c.token_hash == digest(token or ""))
            ).first()
            if row is None or row.used_at is not None or row.expires_at <= now:
                raise ValidationFailed.single(
                    "token", "invalid", "the link is unknown, used or expired; ask for a new one"
                )
            problems = check_password(new_password, email=row.email)
            if problems:
                raise ValidationFailed(problems, what="password")
            conn.execute(resets.update().where(resets.c.token_hash == row.token_hash).values(used_at=now))
            conn.execute(
                accounts.update()
                .where(accounts.c.account_id == row.account_id)
                .values(password_hash=self.hasher.hash(new_password), password_changed_at=now)
            )
            conn.execute(sessions.delete().where(sessions.c.account_id == row.account_id))
            account = conn.execute(sa.select(accounts).where(accounts.c.account_id == row.account_id)).one()
        return _account(account)

    def _send(self, conn: sa.Connection, recipient: str, subject: str, body: str, now: datetime) -> None:
        conn.execute(
            outbox.insert().values(recipient=recipient, subject=subject, body=body, created_at=_stamp(now))
        )
        outbox_log.info("mail to %s: %s (kept in mail_outbox)", recipient, subject)

    def outbox(self, recipient: str | None = None, limit: int = 50) -> list[OutboxMessage]:
        """The newest messages written to the outbox, newest first."""
        query = sa.select(outbox).order_by(outbox.c.message_id.desc()).limit(limit)
        if recipient is not None:
            query = query.where(outbox.c.recipient == normalise_email(recipient))
        with db.read(self.database) as conn:
            return [
                OutboxMessage(r.message_id, r.recipient, r.subject, r.body, _parse(r.created_at))
                for r in conn.execute(query)
            ]

    # --- the action trail ------------------------------------------------------------------

    def record(
        self,
        account: Account,
        action: str,
        subject: str,
        detail: Mapping[str, Any] | None = None,
        *,
        conn: sa.Connection | None = None,
    ) -> None:
        """Append who did ``action`` (``scene.create``, ``order.pay``, ``batch.load``,
        ``retirement.run``, ``certificate.revoke``, ...) to ``subject``, now. Pass ``conn`` to
        write it inside the transaction that makes the change."""
        row = {
            "at": _stamp(self.clock()),
            "account_id": account.account_id,
            "role": account.role.value,
            "action": action[:64],
            "subject": subject[:200],
            "detail": json.dumps(dict(detail or {}), ensure_ascii=False, sort_keys=True, default=str),
        }
        if conn is not None:
            conn.execute(actions.insert().values(**row))
            return
        with db.write(self.database) as own:
            own.execute(actions.insert().values(**row))

    def actions(
        self, *, account_id: str | None = None, subject: str | None = None, limit: int = 200
    ) -> list[Action]:
        """The newest entries of the trail, newest first, optionally of one account or subject."""
        query = sa.select(actions).order_by(actions.c.seq.desc()).limit(limit)
        if account_id is not None:
            query = query.where(actions.c.account_id == account_id)
        if subject is not None:
            query = query.where(actions.c.subject == subject)
        with db.read(self.database) as conn:
            return [
                Action(r.seq, _parse(r.at), r.account_id, r.role, r.action, r.subject, json.loads(r.detail))
                for r in conn.execute(query)
            ]
