"""``diandian new-plugin``: start a scene plugin package from the template."""

from __future__ import annotations

from pathlib import Path

import click

from .output import emit_json, reported_errors


@click.command("new-plugin")
@click.argument("name")
@click.option(
    "--directory",
    "-d",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write it (default: ./diandian-NAME); must be empty or absent.",
)
@click.option("--title", help="The scene type's English title (default: from NAME).")
@click.option("--title-zh", help="Its Simplified Chinese title (default: the English one; translate it).")
@click.option("--json", "as_json", is_flag=True, help="Print the files written as JSON.")
def new_plugin(
    name: str, directory: Path | None, title: str | None, title_zh: str | None, as_json: bool
) -> None:
    """Write a new scene plugin package NAME: pyproject (hatchling, the entry point), questionnaire,
    factor table with source columns, capture code, example answers, tests using the conformance
    kit, and a README. Install it with pip and it is listed by `diandian plugins`."""
    from ..scaffold import PluginNames, render_plugin

    with reported_errors():
        names = PluginNames.parse(name, title, title_zh)
        target = directory or Path(names.distribution)
        written = render_plugin(names, target)
    if as_json:
        emit_json({"name": names.name, "directory": str(target), "files": [str(p) for p in written]})
        return
    click.echo(f"Wrote {names.distribution} ({names.package}) into {target}:")
    for path in written:
        click.echo(f"  {path}")
    click.echo(f"Next: cd {target} && pip install -e '.[test]' && pytest")
