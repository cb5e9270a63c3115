"""``diandian scene create | list | show``: the stored scenes (the ones the web app shows)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from .options import platform, settings_options
from .output import emit_json, reported_errors, table

JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Print JSON data.")
DATE = click.DateTime(formats=["%Y-%m-%d"])


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value is not None else None


@click.group()
def scene() -> None:
    """Create, list and show scenes: one venue or event each, with its place, dates and organiser."""


@scene.command()
@click.argument("slug")
@click.option("--name-zh", required=True, help="The scene's name in Chinese.")
@click.option("--name-en", required=True, help="The scene's name in English.")
@click.option(
    "--type", "scene_types", multiple=True, required=True, help="A scene type; repeat for a mixed venue."
)
@click.option("--city", help="City, in any language or as an IATA code (sets country and factor region).")
@click.option("--starts", type=DATE, help="First day, YYYY-MM-DD.")
@click.option("--ends", type=DATE, help="Last day, YYYY-MM-DD.")
@click.option("--organiser", help="Who runs it.")
@click.option("--unlisted", is_flag=True, help="Reachable only through its door QR code.")
@click.option(
    "--factor-overrides",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="JSON list of emission factors measured for this scene (e.g. a hotel's own room-night).",
)
@settings_options("database_url")
@JSON_OPTION
def create(
    slug: str,
    name_zh: str,
    name_en: str,
    scene_types: tuple[str, ...],
    city: str | None,
    starts: dt.datetime | None,
    ends: dt.datetime | None,
    organiser: str | None,
    unlisted: bool,
    factor_overrides: Path | None,
    as_json: bool,
) -> None:
    """Store a new scene under SLUG (its id and URL path segment)."""
    from ..json_input import load_path
    from ..scene_store import scene_from_json, scene_to_json

    with reported_errors():
        site = platform()
        site.init()
        data: dict[str, Any] = {
            "id": slug,
            "name": {"en": name_en, "zh-CN": name_zh},
            "scene_types": list(scene_types),
            "starts": _day(starts),
            "ends": _day(ends),
            "organiser": organiser,
            "visibility": "unlisted" if unlisted else "public",
        }
        if factor_overrides is not None:
            data["factor_overrides"] = load_path(factor_overrides, field="factor_overrides")
        built = scene_from_json(data)
        if city:
            import attrs

            built = attrs.evolve(built, place=site.resolve_place(city))
        stored = site.create_scene(built)
    _print([stored], as_json, scene_to_json)


@scene.command("list")
@click.option("--text", help="Part of the slug or a name.")
@click.option("--city", help="Part of the city's name.")
@click.option("--on", type=DATE, help="Only scenes open on this day, YYYY-MM-DD.")
@click.option("--organiser", help="Only this organiser's scenes (unlisted ones included).")
@click.option("--all", "include_unlisted", is_flag=True, help="Include unlisted scenes.")
@settings_options("database_url")
@JSON_OPTION
def list_(
    text: str | None,
    city: str | None,
    on: dt.datetime | None,
    organiser: str | None,
    include_unlisted: bool,
    as_json: bool,
) -> None:
    """List stored scenes, newest first."""
    from ..scene_store import scene_to_json

    with reported_errors():
        site = platform()
        site.init()
        if organiser:
            found = site.scenes_of(organiser)
        else:
            found = site.find_scenes(text=text, city=city, on=_day(on), include_unlisted=include_unlisted)
    _print(found, as_json, scene_to_json)


@scene.command()
@click.argument("reference")
@settings_options("database_url", "public_url")
@JSON_OPTION
def show(reference: str, as_json: bool) -> None:
    """Show one scene (by id or slug) and the address its door QR code opens."""
    from ..scene_store import scene_to_json

    with reported_errors():
        site = platform()
        site.init()
        found = site.scene(reference)
        door = site.door_url(found)
    if as_json:
        emit_json({**scene_to_json(found), "door_url": door})
        return
    _print([found], False, scene_to_json)
    click.echo(f"door QR code opens {door}")


def _print(scenes: list[Any], as_json: bool, to_json: Any) -> None:
    if as_json:
        emit_json([to_json(s) for s in scenes])
        return
    rows = [
        (
            s.id,
            s.name["zh-CN"],
            s.name["en"],
            "+".join(s.scene_types),
            s.place.city if s.place else "",
            f"{s.starts or ''}..{s.ends or ''}",
            s.visibility,
        )
        for s in scenes
    ]
    table("scenes", ["id", "名称", "name", "types", "city", "dates", "visibility"], rows)
