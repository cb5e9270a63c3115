"""What the web app keeps between two requests, in the platform's database (never in memory).

- **Drafts**: a visitor's answers on their way to a footprint, an order and a certificate, under
  an unguessable token (only its SHA-256 is stored, so a database leak opens no draft).
- **Devices**: a token in a cookie that ties a phone to a participant (their life record).
- **Recovery codes**: single-use, short-lived links that move a participant to another phone.
- **Rate limits**: hits per bucket, in :mod:`diandian.rate_limits` (shared by every server).
- **Secrets**: one random value per name made on first use (the CSRF key), so every server of a
  deployment agrees on it without configuration.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import attrs
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from .. import db, rate_limits
from ..rate_limits import Limit
from ..tokens import digest

metadata = sa.MetaData()
drafts = sa.Table(
    "web_drafts",
    metadata,
    sa.Column("draft_hash", sa.String(64), primary_key=True),
    sa.Column("scene_id", sa.String(128), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("answers", sa.Text(), nullable=False),
    sa.Column("refined", sa.Boolean(), nullable=False),
    sa.Column("participant_id", sa.String(40)),
    sa.Column("project_id", sa.String(64)),
    sa.Column("display_name", sa.String(64)),
    sa.Column("listed", sa.Boolean(), nullable=False),
    sa.Column("attempt", sa.Integer(), nullable=False),
    sa.Column("order_id", sa.String(64)),
    sa.Column("cert_id", sa.String(32)),
    sa.Column("kept", sa.Boolean(), nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.Column("updated_at", sa.String(32), nullable=False),
)
devices = sa.Table(
    "web_devices",
    metadata,
    sa.Column("device_hash", sa.String(64), primary_key=True),
    sa.Column("participant_id", sa.String(40), nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
)
recovery = sa.Table(
    "web_recovery",
    metadata,
    sa.Column("code_hash", sa.String(64), primary_key=True),
    sa.Column("participant_id", sa.String(40), nullable=False),
    sa.Column("expires_at", sa.String(32), nullable=False),
    sa.Column("used_at", sa.String(32)),
)
secrets_table = sa.Table(
    "web_secrets",
    metadata,
    sa.Column("name", sa.String(32), primary_key=True),
    sa.Column("value", sa.String(128), nullable=False),
)

RECOVERY_VALID = timedelta(days=7)
TOKEN_BYTES = 24


def new_token() -> str:
    """An unguessable URL-safe token (192 random bits)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _usable(code: str, now: str) -> tuple[sa.ColumnElement[bool], ...]:
    """Where a recovery row's ``code`` is still unused and unexpired at ``now``."""
    return (recovery.c.code_hash == digest(code), recovery.c.used_at.is_(None), recovery.c.expires_at > now)


def _insert(conn: sa.Connection) -> Any:
    return postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert


@attrs.frozen
class Draft:
    """A visitor's journey so far. ``answers`` are as typed (strings kept for redisplay);
    ``refined`` once the full questionnaire was submitted; ``attempt`` counts cancelled orders,
    so that each new order has its own idempotency key."""

    key: str
    scene_id: str
    kind: str
    answers: Mapping[str, Any]
    refined: bool
    participant_id: str | None
    project_id: str | None
    display_name: str | None
    listed: bool
    attempt: int
    order_id: str | None
    cert_id: str | None
    kept: bool

    @property
    def idempotency_key(self) -> str:
        """The order's idempotency key: the draft's, so a double click or a reload orders once."""
        return f"web-draft:{self.key[:32]}:{self.attempt}"


class WebStore:
    """The web app's tables in ``engine`` (created by the ``web`` migration branch)."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    # --- secrets -------------------------------------------------------------------------------

    def secret(self, name: str) -> str:
        """The deployment's secret ``name``, made on first use; every server reads the same."""
        with db.write(self.engine) as conn:
            conn.execute(
                _insert(conn)(secrets_table)
                .values(name=name, value=secrets.token_urlsafe(48))
                .on_conflict_do_nothing()
            )
            return str(
                conn.execute(
                    sa.select(secrets_table.c.value).where(secrets_table.c.name == name)
                ).scalar_one()
            )

    # --- drafts --------------------------------------------------------------------------------

    def new_draft(self, scene_id: str, kind: str = "scene", participant_id: str | None = None) -> str:
        """A new empty draft for ``scene_id``; returns its token (shown only to its visitor)."""
        token = new_token()
        now = _now()
        with db.write(self.engine) as conn:
            conn.execute(
                drafts.insert().values(
                    draft_hash=digest(token),
                    scene_id=scene_id,
                    kind=kind,
                    answers="{}",
                    refined=False,
                    participant_id=participant_id,
                    listed=False,
                    attempt=0,
                    kept=False,
                    created_at=now,
                    updated_at=now,
                )
            )
        return token

    def draft(self, token: str) -> Draft | None:
        """The draft of ``token``, or ``None`` if there is none."""
        if not token or len(token) > 64:
            return None
        with db.read(self.engine) as conn:
            row = conn.execute(sa.select(drafts).where(drafts.c.draft_hash == digest(token))).first()
        if row is None:
            return None
        m = row._mapping
        return Draft(
            key=str(m["draft_hash"]),
            scene_id=str(m["scene_id"]),
            kind=str(m["kind"]),
            answers=json.loads(m["answers"]),
            refined=bool(m["refined"]),
            participant_id=m["participant_id"],
            project_id=m["project_id"],
            display_name=m["display_name"],
            listed=bool(m["listed"]),
            attempt=int(m["attempt"]),
            order_id=m["order_id"],
            cert_id=m["cert_id"],
            kept=bool(m["kept"]),
        )

    def update(self, draft: Draft, **changes: Any) -> Draft:
        """Store ``changes`` (``answers=``, ``order_id=``, ...) and return the draft as changed."""
        values = dict(changes)
        if "answers" in values:
            values["answers"] = json.dumps(values["answers"], ensure_ascii=False, sort_keys=True)
        with db.write(self.engine) as conn:
            conn.execute(
                drafts.update().where(drafts.c.draft_hash == draft.key).values(updated_at=_now(), **values)
            )
        return attrs.evolve(draft, **changes)

    def set_order_once(self, draft: Draft, order_id: str) -> str:
        """Record ``order_id`` on the draft unless another request recorded one first; returns
        the draft's order id either way."""
        with db.write(self.engine) as conn:
            conn.execute(
                drafts.update()
                .where(drafts.c.draft_hash == draft.key, drafts.c.order_id.is_(None))
                .values(order_id=order_id, updated_at=_now())
            )
            return str(
                conn.execute(
                    sa.select(drafts.c.order_id).where(drafts.c.draft_hash == draft.key)
                ).scalar_one()
            )

    # --- devices and recovery ------------------------------------------------------------------

    def participant_of(self, device_token: str | None) -> str | None:
        """The participant a device token belongs to, or ``None``."""
        if not device_token or len(device_token) > 64:
            return None
        with db.read(self.engine) as conn:
            found = conn.execute(
                sa.select(devices.c.participant_id).where(devices.c.device_hash == digest(device_token))
            ).scalar()
        return str(found) if found is not None else None

    def bind_device(self, participant_id: str) -> str:
        """A new device token for ``participant_id`` (to be set in the visitor's cookie)."""
        token = new_token()
        with db.write(self.engine) as conn:
            conn.execute(
                devices.insert().values(
                    device_hash=digest(token), participant_id=participant_id, created_at=_now()
                )
            )
        return token

    def new_recovery(self, participant_id: str) -> str:
        """A single-use recovery code for ``participant_id``, valid :data:`RECOVERY_VALID`."""
        code = new_token()
        expires = (datetime.now(UTC) + RECOVERY_VALID).replace(microsecond=0).isoformat()
        with db.write(self.engine) as conn:
            conn.execute(
                recovery.insert().values(
                    code_hash=digest(code), participant_id=participant_id, expires_at=expires
                )
            )
        return code

    def recoverable(self, code: str) -> bool:
        """Whether ``code`` is an unused, unexpired recovery code (nothing is used up)."""
        if not code or len(code) > 64:
            return False
        with self.engine.connect() as conn:
            found = conn.execute(sa.select(recovery.c.code_hash).where(*_usable(code, _now()))).first()
        return found is not None

    def redeem(self, code: str) -> str | None:
        """The participant of an unused, unexpired recovery code, which is used up; else ``None``."""
        if not code or len(code) > 64:
            return None
        now = _now()
        with db.write(self.engine) as conn:
            used = conn.execute(recovery.update().where(*_usable(code, now)).values(used_at=now))
            if not used.rowcount:
                return None
            return str(
                conn.execute(
                    sa.select(recovery.c.participant_id).where(recovery.c.code_hash == digest(code))
                ).scalar_one()
            )

    # --- rate limits ---------------------------------------------------------------------------

    def hit(self, bucket: str, limit: int, window_seconds: int = 60) -> bool:
        """Count one hit in ``bucket``; ``False`` (and not counted) once ``limit`` hits per
        ``window_seconds`` are spent (:mod:`diandian.rate_limits`)."""
        with db.write(self.engine) as conn:
            decision = rate_limits.hit(conn, f"web:{bucket}", Limit(limit, window_seconds), datetime.now(UTC))
        return decision.allowed
