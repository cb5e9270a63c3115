"""``diandian demo``: the whole visitor journey on the embedded SQLite default."""

from __future__ import annotations

from pathlib import Path

import click

from ..footprint import Engine
from .output import reported_errors


@click.command()
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), default=Path("out"), show_default=True
)
@click.option("--lang", type=click.Choice(["en", "zh-CN"]), default="en", show_default=True)
def demo(out: Path, lang: str) -> None:
    """Footprint every installed scene type's example answers and write them to OUT."""
    import json

    from .render import print_footprint

    out.mkdir(parents=True, exist_ok=True)
    with reported_errors():
        engine = Engine()
        for name, scene_type in sorted(engine.host.scene_types.items()):
            footprint = engine.footprint(name, scene_type.example_answers, lang=lang)
            print_footprint(footprint, lang)
            (out / f"footprint-{name}.json").write_text(
                json.dumps(footprint.to_json(), ensure_ascii=False, indent=2, default=str), encoding="utf-8"
            )
    click.echo(f"wrote {out}/")
