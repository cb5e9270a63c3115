"""``diandian footprint``: compute a footprint from an answers file or a plugin's example answers."""

from __future__ import annotations

from pathlib import Path

import click

from ..text import LANGUAGES
from .options import platform
from .output import emit_json, fail, reported_errors


@click.command()
@click.argument("scene_type")
@click.argument("answers", required=False, type=click.Path(path_type=Path, allow_dash=True))
@click.option("--example", is_flag=True, help="Use the plugin's example answers.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (stable; see sdk_docs/cli.md).")
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True)
def footprint(scene_type: str, answers: Path | None, example: bool, as_json: bool, lang: str) -> None:
    """Compute the footprint of SCENE_TYPE for ANSWERS.json (or - for stdin, or --example)."""
    from ..json_input import load_path
    from ..scenes import ad_hoc_scene

    with reported_errors():
        site = platform()
        kind = site.scene_type(scene_type)
        if example == (answers is not None):
            fail("give either an ANSWERS file or --example")
        data = kind.example_answers if answers is None else load_path(answers, what=f"answers {answers}")
        result = site.footprint(ad_hoc_scene(scene_type), data, lang)
    if as_json:
        emit_json(result.to_json())
        return
    from .render import print_footprint

    print_footprint(result, lang)
