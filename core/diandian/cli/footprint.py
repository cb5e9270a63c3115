"""``diandian footprint``: compute a footprint from an answers file or the plugins' example answers,
for one scene type or a mixed venue, at a place or nowhere in particular."""

from __future__ import annotations

from pathlib import Path

import click

from ..engine import Engine
from ..json_input import load_path
from ..mixed import combined_example
from ..scenes import Scene
from ..text import LANGUAGES, text
from ..travel import resolve_place
from .output import emit_json, fail, reported_errors


@click.command()
@click.argument("scene_types")
@click.argument("answers", required=False, type=click.Path(path_type=Path, allow_dash=True))
@click.option("--example", is_flag=True, help="Use the plugins' example answers.")
@click.option(
    "--place",
    help="Where the venue is (成都, 'Changsha, Hunan', PEK): legs without a destination end there.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (stable; see sdk_docs/cli.md).")
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True)
def footprint(
    scene_types: str, answers: Path | None, example: bool, place: str | None, as_json: bool, lang: str
) -> None:
    """Compute the footprint of SCENE_TYPES for ANSWERS.json (or - for stdin, or --example).

    SCENE_TYPES is one scene type, or several joined by commas for a mixed venue
    (hotel,restaurant), whose answers take the combined shape of sdk_docs/mixed-venues.md.
    """
    with reported_errors():
        engine = Engine()
        types = tuple(dict.fromkeys(t.strip() for t in scene_types.split(",") if t.strip()))
        kinds = [engine.host.scene_type(t) for t in types]  # raises, naming an unknown one
        if not kinds:
            fail("give a SCENE_TYPE")
        if example == (answers is not None):
            fail("give either an ANSWERS file or --example")
        if answers is not None:
            data = load_path(answers, what=f"answers {answers}")
        else:
            data = kinds[0].example_answers if len(types) == 1 else combined_example(engine.host, types)
        where = resolve_place(place, path="place", lang=lang) if place else None
        name = "+".join(types)
        scene = Scene(id=f"ad-hoc:{name}", name=text(name, name), scene_types=types, place=where)
        if len(types) == 1:
            result = engine.footprint(types[0], data, scene=scene, lang=lang)
        else:
            result = engine.footprint_mixed(scene, data, lang=lang)
    if as_json:
        emit_json(result.to_json())
        return
    from .render import print_footprint

    print_footprint(result, lang, {name: kind.title for name, kind in engine.host.scene_types.items()})
