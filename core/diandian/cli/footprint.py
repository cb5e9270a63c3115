"""``diandian footprint``: compute a footprint from an answers file or a plugin's example answers."""

from __future__ import annotations

from pathlib import Path

import click

from ..text import LANGUAGES
from .options import platform, settings_options
from .output import emit_json, fail, reported_errors


@click.command()
@click.argument("scene_types", required=False)
@click.argument("answers", required=False, type=click.Path(path_type=Path, allow_dash=True))
@click.option("--example", is_flag=True, help="Use the plugins' example answers.")
@click.option(
    "--place",
    help="Where the venue is (成都, 'Changsha, Hunan', PEK): legs without a destination end there.",
)
@click.option(
    "--scene",
    "scene_ref",
    help="A stored scene's slug or id (diandian scene create): its scene types, place and factors.",
)
@settings_options("database_url")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (stable; see sdk_docs/cli.md).")
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True)
def footprint(
    scene_types: str | None,
    answers: Path | None,
    example: bool,
    place: str | None,
    scene_ref: str | None,
    as_json: bool,
    lang: str,
) -> None:
    """Compute the footprint of SCENE_TYPES for ANSWERS.json (or - for stdin, or --example).

    SCENE_TYPES is one scene type, or several joined by commas for a mixed venue
    (hotel,restaurant), whose answers take the combined shape of sdk_docs/mixed-venues.md.
    With --scene SLUG the stored scene gives them: diandian footprint --scene SLUG ANSWERS.json.
    """
    from ..json_input import load_path
    from ..scenes import Scene
    from ..text import text

    with reported_errors():
        site = platform()
        if scene_ref is not None:
            if place is not None:
                fail("give --scene or --place, not both: a stored scene has its place")
            if answers is None and scene_types is not None and not example:  # `--scene SLUG ANSWERS`
                answers = Path(scene_types)
                scene_types = None
            if scene_types is not None:
                fail("give SCENE_TYPES or --scene, not both: a stored scene has its scene types")
            site.init()
            scene = site.scene(scene_ref)
            types = scene.scene_types
        else:
            types = tuple(dict.fromkeys(t.strip() for t in (scene_types or "").split(",") if t.strip()))
            if not types:
                fail("give SCENE_TYPES or --scene")
            where = site.resolve_place(place, lang) if place else None
            name = "+".join(types)
            scene = Scene(id=f"ad-hoc:{name}", name=text(name, name), scene_types=types, place=where)
        if example == (answers is not None):
            fail("give either an ANSWERS file or --example")
        examples = site.example_answers(types)  # raises, naming an unknown scene type
        data = examples if answers is None else load_path(answers, what=f"answers {answers}")
        result = site.footprint(scene, data, lang)
        titles = {name: kind.title for name, kind in site.host.scene_types.items()}
    if as_json:
        emit_json(result.to_json())
        return
    from .render import print_footprint

    print_footprint(result, lang, titles)
