"""Databases and their migrations.

In this code base a *database* is a SQLAlchemy ``Engine`` (the word engine is kept for the
footprint :class:`~diandian.Engine`).

``connect(url)`` returns a SQLAlchemy engine set up for a ledger: on SQLite, WAL journal, a busy
timeout, foreign keys on and ``synchronous=FULL`` (a committed payment survives a power cut);
on PostgreSQL, psycopg 3 (``postgresql://`` is read as ``postgresql+psycopg://``).

:func:`write` opens a transaction that takes the write lock at once (``BEGIN IMMEDIATE`` on
SQLite; on PostgreSQL the ledger locks its head row first), :func:`read` a plain one.
:func:`upgrade` runs the Alembic migrations in ``diandian/migrations`` to head.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa

DEFAULT_URL = "sqlite:///diandian.db"
URL_ENV = "DIANDIAN_DATABASE_URL"
MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 60_000


def default_url() -> str:
    """``$DIANDIAN_DATABASE_URL``, else the SQLite file ``diandian.db`` in the working folder."""
    return os.environ.get(URL_ENV) or DEFAULT_URL


def normalise_url(url: str) -> str:
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def connect(url: str | None = None, **kwargs: Any) -> sa.Engine:
    """A SQLAlchemy engine for ``url`` (default :func:`default_url`), configured for the ledger."""
    database = sa.create_engine(normalise_url(url or default_url()), **kwargs)
    if database.dialect.name == "sqlite":
        _configure_sqlite(database)
    return database


class LazyDatabase:
    """A SQLAlchemy engine, a URL or ``None`` (:func:`default_url`), connected on first use, so
    that building a provider at plugin load never touches a database."""

    def __init__(self, target: sa.Engine | str | None) -> None:
        self._database = target if isinstance(target, sa.Engine) else None
        self._url = target if isinstance(target, str) else None

    def get(self) -> sa.Engine:
        if self._database is None:
            self._database = connect(self._url)
        return self._database


def _configure_sqlite(database: sa.Engine) -> None:
    @sa.event.listens_for(database, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # take transaction control from the driver so that BEGIN IMMEDIATE is ours to issue
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _use_wal(cursor)
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @sa.event.listens_for(database, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        # a writer takes the lock before its first read, so two writers never both read a
        # balance and then both spend it
        write = connection.get_execution_options().get("diandian_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _use_wal(cursor: Any) -> None:
    # Switching a new file to WAL takes an exclusive lock, and SQLite answers "database is
    # locked" at once, without its busy handler, when two connections switch together (its
    # deadlock rule); the mode is stored in the file, so waiting and asking again settles it.
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    delay = 0.005
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.25)


@contextmanager
def write(database: sa.Engine) -> Iterator[sa.Connection]:
    """A transaction that commits on success and rolls back on any exception."""
    with database.connect().execution_options(diandian_write=True) as conn, conn.begin():
        yield conn


@contextmanager
def read(database: sa.Engine, *, snapshot: bool = False) -> Iterator[sa.Connection]:
    """A read transaction; ``snapshot=True`` sees one state throughout (PostgreSQL REPEATABLE
    READ; a SQLite read transaction always does)."""
    with database.connect() as conn:
        if snapshot and database.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            yield conn


def lock(conn: sa.Connection, name: str) -> None:
    """Hold the lock ``name`` until ``conn``'s transaction ends, across processes and servers.

    On PostgreSQL a transaction-level advisory lock (a second holder waits); on SQLite the
    write transaction of :func:`write` already holds the one database lock, so nothing more is
    needed. Used where a check-then-insert must not interleave: migrations, certificate slots.
    """
    if conn.dialect.name == "postgresql":
        key = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def alembic_config(connection: sa.Connection | None = None) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade(database: sa.Engine, revision: str = "heads") -> None:
    """Migrate the database to ``revision`` (every head by default).

    Safe to run from several processes at once (two ``diandian ledger init`` on an empty
    database): the migration holds the write lock, so the second waits, then finds the schema
    at head and does nothing.
    """
    from alembic import command

    with write(database) as conn:
        lock(conn, "diandian.migrations")
        command.upgrade(alembic_config(conn), revision)


def current_revisions(database: sa.Engine) -> tuple[str, ...]:
    from alembic.runtime.migration import MigrationContext

    with database.connect() as conn:
        return tuple(MigrationContext.configure(conn).get_current_heads())
