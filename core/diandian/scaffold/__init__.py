"""``diandian new-plugin``: a new scene plugin package, rendered from the Jinja2 templates here.

The template (``template/``, each file ending ``.jinja``; ``__package__`` in a path becomes the
import package) gives a package that installs with pip, registers through the ``diandian`` entry
point, computes its example answers and passes :mod:`diandian.testing` as it is.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs

from ..__about__ import __version__
from ..errors import ValidationFailed

TEMPLATE = Path(__file__).parent / "template"
NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


@attrs.frozen
class PluginNames:
    """The names of a new plugin: scene type ``karaoke_bar``, distribution ``diandian-karaoke-bar``,
    import package ``diandian_karaoke_bar``, and its titles in English and Chinese."""

    name: str
    title_en: str
    title_zh: str

    @property
    def distribution(self) -> str:
        return "diandian-" + self.name.replace("_", "-")

    @property
    def package(self) -> str:
        return f"diandian_{self.name}"

    @classmethod
    def parse(cls, name: str, title_en: str | None = None, title_zh: str | None = None) -> PluginNames:
        """Names from what a person types (``karaoke-bar`` or ``karaoke_bar``); raises
        :class:`ValidationFailed` naming the field if the name cannot be a scene type."""
        scene = name.strip().lower().replace("-", "_").removeprefix("diandian_")
        if not NAME.match(scene):
            raise ValidationFailed.single(
                "name",
                "bad_name",
                f"{name!r} cannot name a scene type: use a letter, then letters, digits, - or _ (40 at most)",
            )
        for field, title in (("title", title_en), ("title_zh", title_zh)):
            # titles are written into Python strings and TOML: one printable line, no quotes
            if title is not None and (
                not title.strip()
                or not title.isprintable()
                or '"' in title
                or "\\" in title
                or len(title) > 80
            ):
                raise ValidationFailed.single(
                    field,
                    "bad_title",
                    f"{field} {title!r}: one line of 80 characters at most, no quotes or backslashes",
                )
        english = title_en or scene.replace("_", " ").capitalize()
        return cls(scene, english.strip(), (title_zh or english).strip())


def render_plugin(names: PluginNames, target: Path) -> list[Path]:
    """Write the new plugin's files into ``target`` (created; it must not hold files yet).

    Returns the files written, relative to ``target``. Raises :class:`ValidationFailed` on the
    ``directory`` field if ``target`` exists and is not empty, before writing anything.
    """
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ValidationFailed.single("directory", "not_empty", f"{target} exists and is not empty")
    environment = Environment(
        loader=FileSystemLoader(TEMPLATE), undefined=StrictUndefined, keep_trailing_newline=True
    )
    values = {
        "name": names.name,
        "distribution": names.distribution,
        "package": names.package,
        "title_en": names.title_en,
        "title_zh": names.title_zh,
        "diandian_version": __version__,
    }
    sources = sorted(p.relative_to(TEMPLATE) for p in TEMPLATE.rglob("*.jinja"))
    rendered = {
        Path(str(source.with_suffix("")).replace("__package__", names.package)): environment.get_template(
            source.as_posix()
        ).render(values)
        for source in sources
    }
    for path, content in rendered.items():
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        (target / path).write_text(content, encoding="utf-8")
    return sorted(rendered)
