"""``diandian plugins``, ``questionnaire`` and ``factors``: what is installed and what it contributes."""

from __future__ import annotations

from argparse import ArgumentParser, Namespace

from .arguments import add_json, add_language, platform, runs
from .output import emit_json, reported_errors, say, table


def define_plugins(parser: ArgumentParser) -> None:
    parser.add_argument(
        "--all", dest="show_all", action="store_true", help="Include the core's own default plugins."
    )
    add_json(parser)
    runs(parser, plugins)


def plugins(args: Namespace) -> int:
    """List installed plugins, their hooks and scene types; and plugins that failed to load.

    Exits 1 when a plugin failed to load or to register (each is listed under ``errors``).
    """
    import attrs

    # the plugin host alone, not the platform: listing plugins needs no settings, database or
    # engine, and their imports would double the time this takes
    from ..plugins import PluginHost

    host = PluginHost().load()
    infos = host.plugins(include_defaults=args.show_all)
    failed = host.errors
    errors = [{"plugin": e.plugin, "distribution": e.distribution, "error": e.reason} for e in failed]
    if args.as_json:
        emit_json({"plugins": [attrs.asdict(i) for i in infos], "errors": errors})
        return 1 if errors else 0
    table(
        "Plugins",
        ("name", "distribution", "version", "scene types", "hooks"),
        [
            (
                i.name,
                i.distribution or "-",
                i.version or "-",
                ", ".join(i.scene_types) or "-",
                ", ".join(h.removeprefix("diandian_") for h in i.hooks),
            )
            for i in infos
        ],
    )
    for error in failed:
        say(f"error: {error}")
    return 1 if errors else 0


def define_questionnaire(parser: ArgumentParser) -> None:
    parser.add_argument(
        "scene_type", metavar="SCENE_TYPE", help="A registered scene type (diandian plugins)."
    )
    add_language(parser)
    parser.add_argument("--json-schema", action="store_true", help="Print the answers' JSON Schema.")
    runs(parser, questionnaire)


def questionnaire(args: Namespace) -> None:
    """Show the questionnaire of SCENE_TYPE, or its JSON Schema."""
    with reported_errors():
        kind = platform(args).scene_type(args.scene_type)
    form = kind.questionnaire
    if args.json_schema:
        emit_json(form.json_schema(lang=args.lang))
        return
    from .render import print_questionnaire

    print_questionnaire(form, args.lang)


def define_factors(parser: ArgumentParser) -> None:
    parser.add_argument(
        "--search",
        default="",
        metavar="TEXT",
        help="Only factors whose activity, region, label or source contain TEXT.",
    )
    add_json(parser)
    add_language(parser)
    runs(parser, factors)


def factors(args: Namespace) -> None:
    """List emission factors with their sources."""
    import attrs

    from ..text import tr

    lang = args.lang
    with reported_errors():
        found = platform(args).factors(args.search, lang)
    if args.as_json:
        emit_json(
            [
                {
                    "activity": f.activity,
                    "region": f.region,
                    "kg_co2e_per_unit": f.kg,
                    "unit": f.unit,
                    "quality": f.quality.value,
                    "method": tr(f.note, lang),
                    "uncertainty": f.relative_uncertainty,
                    "source": attrs.asdict(f.source),
                    "table": f.table,
                    "version": f.version,
                    "label": tr(f.label, lang),
                }
                for f in found
            ]
        )
        return
    table(
        f"Emission factors ({len(found)})",
        ("activity", "region", "kg CO2e", "per", "quality", "source"),
        [(f.activity, f.region, f"{f.kg:.5g}", f.unit, f.quality.value, f.source.short()) for f in found],
    )
