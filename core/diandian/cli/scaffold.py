"""``diandian new-plugin``: start a scene plugin package from the template."""

from __future__ import annotations

from argparse import ArgumentParser, Namespace
from pathlib import Path

from .arguments import add_json, folder, runs
from .output import emit_json, reported_errors


def define_new_plugin(parser: ArgumentParser) -> None:
    parser.add_argument("name", metavar="NAME", help="The scene type's name (e.g. stadium).")
    parser.add_argument(
        "-d",
        "--directory",
        type=folder,
        metavar="DIR",
        help="Where to write it (default: ./diandian-NAME); must be empty or absent, made with its parents.",
    )
    parser.add_argument(
        "--title", metavar="TEXT", help="The scene type's English title (default: from NAME)."
    )
    parser.add_argument(
        "--title-zh",
        metavar="TEXT",
        help="Its Simplified Chinese title (default: the English one; translate it).",
    )
    add_json(parser)
    runs(parser, new_plugin)


def new_plugin(args: Namespace) -> None:
    """Write a new scene plugin package NAME from the template.

    Its pyproject (hatchling, the entry point), questionnaire, factor table with source columns,
    capture code, example answers, tests using the conformance kit, and a README. Install it with
    pip and it is listed by `diandian plugins`.
    """
    from ..scaffold import PluginNames, render_plugin

    with reported_errors():
        names = PluginNames.parse(args.name, args.title, args.title_zh)
        target: Path = args.directory or Path(names.distribution)
        written = render_plugin(names, target)
    if args.as_json:
        emit_json({"name": names.name, "directory": str(target), "files": [str(p) for p in written]})
        return
    print(f"Wrote {names.distribution} ({names.package}) into {target}:")
    for path in written:
        print(f"  {path}")
    print(f"Next: cd {target} && pip install -e '.[test]' && pytest")
