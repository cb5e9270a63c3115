"""Alembic environment for the Diandian database, run programmatically by ``diandian.db.upgrade``.

To add a revision (another package's tables, or a change to the ledger's), put a file in
``versions/`` with ``revision = "<area>_<nnnn>"`` and ``down_revision`` set to the revision it
builds on (the ledger's first is ``"offsets_0001"``), and write explicit ``op.*`` calls: never
import runtime table definitions here, so old revisions stay what they were.
``diandian ledger init`` then upgrades to every head. To draft one against a scratch database:
``alembic -c <ini with script_location = core/diandian/migrations> revision -m "..."``.
"""

from __future__ import annotations

from alembic import context
from diandian.db import connect

connection = context.config.attributes.get("connection")
if connection is None:  # run from the alembic command line: use the configured or default URL
    connection = connect(context.config.get_main_option("sqlalchemy.url")).connect()

context.configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
