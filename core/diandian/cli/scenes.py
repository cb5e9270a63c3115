"""``diandian scene create | list | show``: the stored scenes (the ones the web app shows)."""

from __future__ import annotations

from argparse import ArgumentParser, Namespace

from .arguments import (
    add_command,
    add_json,
    add_settings,
    date,
    existing_file,
    non_empty,
    platform,
    subcommands,
)
from .output import emit_json, reported_errors, table

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def define_scene(parser: ArgumentParser) -> None:
    commands = subcommands(parser)

    made = add_command(commands, "create", create)
    made.add_argument("slug", metavar="SLUG", help="The scene's id and URL path segment.")
    made.add_argument("--name-zh", required=True, metavar="NAME", help="The scene's name in Chinese.")
    made.add_argument("--name-en", required=True, metavar="NAME", help="The scene's name in English.")
    made.add_argument(
        "--type",
        dest="scene_types",
        action="append",
        required=True,
        metavar="SCENE_TYPE",
        help="A scene type; repeat for a mixed venue.",
    )
    made.add_argument(
        "--city",
        metavar="PLACE",
        help="City, in any language or as an IATA code (sets country and factor region).",
    )
    made.add_argument("--starts", type=date, metavar="DATE", help="First day, YYYY-MM-DD.")
    made.add_argument("--ends", type=date, metavar="DATE", help="Last day, YYYY-MM-DD.")
    made.add_argument("--organiser", metavar="NAME", help="Who runs it.")
    made.add_argument("--unlisted", action="store_true", help="Reachable only through its door QR code.")
    made.add_argument(
        "--factor-overrides",
        type=existing_file,
        metavar="FILE",
        help="JSON list of emission factors measured for this scene (e.g. a hotel's own room-night).",
    )
    add_settings(made, "database_url")
    add_json(made)

    listed = add_command(commands, "list", list_)
    listed.add_argument("--text", type=non_empty, metavar="PART", help="Part of the slug or a name.")
    listed.add_argument("--city", type=non_empty, metavar="PART", help="Part of the city's name.")
    listed.add_argument("--on", type=date, metavar="DATE", help="Only scenes open on this day, YYYY-MM-DD.")
    listed.add_argument(
        "--organiser",
        type=non_empty,
        metavar="NAME",
        help="Only this organiser's scenes (unlisted ones included).",
    )
    listed.add_argument(
        "--all", dest="include_unlisted", action="store_true", help="Include unlisted scenes."
    )
    add_settings(listed, "database_url")
    add_json(listed)

    shown = add_command(commands, "show", show)
    shown.add_argument("reference", metavar="REFERENCE", help="The scene's id or slug.")
    add_settings(shown, "database_url", "public_url")
    add_json(shown)


def create(args: Namespace) -> None:
    """Store a new scene under SLUG (its id and URL path segment)."""
    from ..json_input import load_path
    from ..scene_store import scene_from_json, scene_to_json

    with reported_errors():
        site = platform(args)
        site.init()
        data: dict[str, Any] = {
            "id": args.slug,
            "name": {"en": args.name_en, "zh-CN": args.name_zh},
            "scene_types": list(args.scene_types),
            "starts": args.starts,
            "ends": args.ends,
            "organiser": args.organiser,
            "visibility": "unlisted" if args.unlisted else "public",
        }
        if args.factor_overrides is not None:
            data["factor_overrides"] = load_path(args.factor_overrides, field="factor_overrides")
        built = scene_from_json(data)
        if args.city is not None:
            import attrs

            built = attrs.evolve(built, place=site.resolve_place(args.city))
        stored = site.create_scene(built)
    _print([stored], args.as_json, scene_to_json)


def list_(args: Namespace) -> None:
    """List stored scenes, newest first."""
    from ..scene_store import scene_to_json

    with reported_errors():
        site = platform(args)
        site.init()
        if args.organiser is not None:
            found = site.scenes_of(args.organiser)
        else:
            found = site.find_scenes(
                text=args.text, city=args.city, on=args.on, include_unlisted=args.include_unlisted
            )
    _print(found, args.as_json, scene_to_json)


def show(args: Namespace) -> None:
    """Show one scene (by id or slug) and the address its door QR code opens."""
    from ..scene_store import scene_to_json

    with reported_errors():
        site = platform(args)
        site.init()
        found = site.scene(args.reference)
        door = site.door_url(found)
    if args.as_json:
        emit_json({**scene_to_json(found), "door_url": door})
        return
    _print([found], False, scene_to_json)
    print(f"door QR code opens {door}")


def _print(scenes: list[Any], as_json: bool, to_json: Any) -> None:
    if as_json:
        emit_json([to_json(s) for s in scenes])
        return
    columns = ["id", "名称", "name", "types", "city", "dates", "visibility"]
    rows = [
        [
            s.id,
            s.name["zh-CN"],
            s.name["en"],
            "+".join(s.scene_types),
            s.place.city if s.place else "",
            f"{s.starts or ''}..{s.ends or ''}",
            s.visibility,
        ]
        for s in scenes
    ]
    if any(s.slug != s.id for s in scenes):  # a scene made in the console: its own URL path segment
        columns.insert(1, "slug")
        for row, scene in zip(rows, scenes, strict=True):
            row.insert(1, scene.slug)
    table("scenes", columns, rows, unbroken=("id", "slug"))
