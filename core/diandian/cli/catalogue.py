"""``diandian plugins``, ``questionnaire`` and ``factors``: what is installed and what it contributes."""

from __future__ import annotations

import click

from ..text import LANGUAGES
from .options import platform
from .output import emit_json, reported_errors, table


@click.command()
@click.option("--all", "show_all", is_flag=True, help="Include the core's own default plugins.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (stable; see sdk_docs/cli.md).")
def plugins(show_all: bool, as_json: bool) -> None:
    """List installed plugins, their hooks and scene types; and plugins that failed to load.

    Exits 1 when a plugin failed to load or to register (each is listed under ``errors``).
    """
    import attrs

    # the plugin host alone, not the platform: listing plugins needs no settings, database or
    # engine, and their imports would double the time this takes
    from ..plugins import PluginHost

    host = PluginHost().load()
    infos = host.plugins(include_defaults=show_all)
    failed = host.errors
    errors = [{"plugin": e.plugin, "distribution": e.distribution, "error": e.reason} for e in failed]
    if as_json:
        emit_json({"plugins": [attrs.asdict(i) for i in infos], "errors": errors})
        raise SystemExit(1 if errors else 0)
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
        click.echo(f"error: {error}", err=True)
    raise SystemExit(1 if errors else 0)


@click.command()
@click.argument("scene_type")
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True)
@click.option("--json-schema", is_flag=True, help="Print the answers' JSON Schema.")
def questionnaire(scene_type: str, lang: str, json_schema: bool) -> None:
    """Show the questionnaire of SCENE_TYPE, or its JSON Schema."""
    with reported_errors():
        kind = platform().scene_type(scene_type)
    form = kind.questionnaire
    if json_schema:
        emit_json(form.json_schema(lang=lang))
        return
    from .render import print_questionnaire

    print_questionnaire(form, lang)


@click.command()
@click.option(
    "--search",
    default="",
    help="Only factors whose activity, region, label or source contain TEXT.",
)
@click.option("--json", "as_json", is_flag=True)
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True)
def factors(search: str, as_json: bool, lang: str) -> None:
    """List emission factors with their sources."""
    import attrs

    from ..text import tr

    with reported_errors():
        found = platform().factors(search, lang)
    if as_json:
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
