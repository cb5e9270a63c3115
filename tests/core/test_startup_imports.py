"""Start-up stays light: ``diandian --help`` loads no plugin and no database library, and listing
plugins loads the plugins but not the platform, database or drawing stacks."""

from __future__ import annotations

import json
import subprocess
import sys

from diandian.plugins import DEFAULT_PLUGINS

DATABASE = ("sqlalchemy", "psycopg", "alembic", "sqlite3")
# run one command in this interpreter, then print the modules it imported on stderr
RUN = (
    "import json, sys\n"
    "from diandian.cli import main\n"
    "try:\n"
    "    main({argv!r})\n"
    "except SystemExit:\n"
    "    pass\n"
    "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
)


def imported_by(*argv: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", RUN.format(argv=list(argv))], capture_output=True, text=True, check=True
    )
    return set(json.loads(result.stderr.splitlines()[-1]))


def top_level(modules: set[str]) -> set[str]:
    return {name.partition(".")[0] for name in modules}


def test_help_loads_no_plugin_and_no_database_library() -> None:
    modules = imported_by("--help")
    assert "diandian.cli.catalogue" in modules  # the help does list every command
    plugins = {m for m in modules if m.startswith("diandian_") or m in DEFAULT_PLUGINS}
    assert plugins == set()
    assert "diandian.plugins" not in modules and "pluggy" not in modules
    assert top_level(modules) & {*DATABASE, "attrs", "attr", "rich"} == set()


def test_listing_plugins_loads_no_platform_database_or_drawing() -> None:
    modules = imported_by("plugins", "--json")
    assert {"diandian_hotel", "diandian.travel.plugin"} <= modules  # the plugins did load
    assert top_level(modules) & {*DATABASE, "rich", "PIL", "qrcode", "cryptography"} == set()
    heavy = {"diandian.platform", "diandian.render", "diandian.footprint", "diandian.engine"}
    assert heavy & modules == set()
