"""``diandian footprint``: compute a footprint from an answers file or a plugin's example answers."""

from __future__ import annotations

from pathlib import Path

import click

from ..text import LANGUAGES
from .options import platform
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
    from ..json_input import load_path
    from ..scenes import Scene
    from ..text import text

    with reported_errors():
        site = platform()
        types = tuple(dict.fromkeys(t.strip() for t in scene_types.split(",") if t.strip()))
        if not types:
            fail("give a SCENE_TYPE")
        if example == (answers is not None):
            fail("give either an ANSWERS file or --example")
        examples = site.example_answers(types)  # raises, naming an unknown scene type
        data = examples if answers is None else load_path(answers, what=f"answers {answers}")
        where = site.resolve_place(place, lang) if place else None
        name = "+".join(types)
        scene = Scene(id=f"ad-hoc:{name}", name=text(name, name), scene_types=types, place=where)
        result = site.footprint(scene, data, lang)
        titles = {name: kind.title for name, kind in site.host.scene_types.items()}
    if as_json:
        emit_json(result.to_json())
        return
    from .render import print_footprint

    print_footprint(result, lang, titles)
