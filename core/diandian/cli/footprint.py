"""``diandian footprint``: compute a footprint from an answers file or a plugin's example answers."""

from __future__ import annotations

from argparse import ArgumentParser, Namespace
from pathlib import Path

from .arguments import add_json, add_language, add_settings, intermixed, non_empty, platform, runs
from .output import emit_json, fail, reported_errors


def define_footprint(parser: ArgumentParser) -> None:
    parser.add_argument(
        "scene_types",
        nargs="?",
        metavar="SCENE_TYPES",
        help="A scene type, or several joined by commas (hotel,restaurant).",
    )
    parser.add_argument(
        "answers", nargs="?", type=Path, metavar="ANSWERS", help="The answers' JSON file, or - for stdin."
    )
    parser.add_argument("--example", action="store_true", help="Use the plugins' example answers.")
    parser.add_argument(
        "--place",
        type=non_empty,
        metavar="WHERE",
        help="Where the venue is (成都, 'Changsha, Hunan', PEK): legs without a destination end there.",
    )
    parser.add_argument(
        "--scene",
        dest="scene_ref",
        type=non_empty,
        metavar="SLUG",
        help="A stored scene's slug or id (diandian scene create): its scene types, place and factors.",
    )
    add_settings(parser, "database_url")
    add_json(parser)
    add_language(parser)
    intermixed(parser)  # `footprint hotel --json -`, as before
    runs(parser, footprint)


def footprint(args: Namespace) -> None:
    """Compute the footprint of SCENE_TYPES for ANSWERS.json (or - for stdin, or --example).

    SCENE_TYPES is one scene type, or several joined by commas for a mixed venue
    (hotel,restaurant), whose answers take the combined shape of sdk_docs/mixed-venues.md.
    With --scene SLUG the stored scene gives them: diandian footprint --scene SLUG ANSWERS.json.
    """
    from ..json_input import load_path
    from ..scenes import Scene
    from ..text import text

    scene_types: str | None = args.scene_types
    answers: Path | None = args.answers
    place: str | None = args.place
    lang: str = args.lang
    with reported_errors():
        if args.scene_ref is not None:
            if place is not None:
                fail("give --scene or --place, not both: a stored scene has its place")
            if answers is None and scene_types is not None and not args.example:  # `--scene SLUG ANSWERS`
                answers = Path(scene_types)
                scene_types = None
            if scene_types is not None:
                fail("give SCENE_TYPES or --scene, not both: a stored scene has its scene types")
            site = platform(args)
            site.init()
            scene = site.scene(args.scene_ref)
            types = scene.scene_types
        else:
            if scene_types is None:
                fail("give SCENE_TYPES or --scene")
            types = _scene_types(args.parser, scene_types)
            site = platform(args)
            where = site.resolve_place(place, lang) if place is not None else None
            name = "+".join(types)
            scene = Scene(id=f"ad-hoc:{name}", name=text(name, name), scene_types=types, place=where)
        if args.example == (answers is not None):
            fail("give either an ANSWERS file or --example")
        examples = site.example_answers(types)  # raises, naming an unknown scene type
        data = examples if answers is None else load_path(answers, what=f"answers {answers}")
        result = site.footprint(scene, data, lang)
        titles = {name: kind.title for name, kind in site.host.scene_types.items()}
    if args.as_json:
        emit_json(result.to_json())
        return
    from .render import print_footprint

    print_footprint(result, lang, titles)


def _scene_types(parser: ArgumentParser, given: str) -> tuple[str, ...]:
    """The scene types of SCENE_TYPES (``hotel,restaurant``), each named once; refused, naming
    the argument, with an empty name (``hotel,``) or one listed twice (``hotel,hotel``)."""
    names = tuple(name.strip() for name in given.split(","))
    if "" in names:
        parser.error(f"argument SCENE_TYPES: {given!r} has an empty scene type name")
    twice = next((name for index, name in enumerate(names) if name in names[:index]), None)
    if twice is not None:
        parser.error(f"argument SCENE_TYPES: {twice!r} is listed twice")
    return names
