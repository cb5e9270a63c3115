"""Scenes as records: one row per venue or event, in the ``scenes`` table (Alembic branch ``scenes``).

A stored :class:`~diandian.scenes.Scene` is what certificates, leaderboards and door posters name:
its id never changes, its slug is its URL path segment, its names exist in zh-CN and en. Every
write checks the whole scene first and raises :class:`~diandian.errors.ValidationFailed` naming
each bad field, so nothing half-valid is ever stored.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

import attrs
import cattrs
import sqlalchemy as sa

from . import db
from .errors import Problem, ValidationFailed
from .factors import EmissionFactor
from .footprint import Footprint
from .free_text import MAX_ID, MAX_SCENE_NAME, MAX_SCENE_TYPES, text_problem
from .places import Place
from .scenes import VISIBILITIES, Scene

metadata = sa.MetaData()

scenes = sa.Table(
    "scenes",
    metadata,
    sa.Column("scene_id", sa.String(64), primary_key=True),
    sa.Column("slug", sa.String(64), nullable=False, unique=True),
    sa.Column("name_en", sa.String(200), nullable=False),
    sa.Column("name_zh", sa.String(200), nullable=False),
    sa.Column("scene_types", sa.String(400), nullable=False),
    sa.Column("country", sa.String(2), nullable=True),
    sa.Column("city", sa.String(128), nullable=True),
    sa.Column("place_name_json", sa.Text, nullable=True),
    sa.Column("latitude", sa.Float, nullable=True),
    sa.Column("longitude", sa.Float, nullable=True),
    sa.Column("region", sa.String(32), nullable=True),
    sa.Column("grid_region", sa.String(32), nullable=True),
    sa.Column("starts", sa.Date, nullable=True),
    sa.Column("ends", sa.Date, nullable=True),
    sa.Column("organiser", sa.String(200), nullable=True),
    sa.Column("organiser_name_json", sa.Text, nullable=True),
    sa.Column("visibility", sa.String(16), nullable=False),
    sa.Column("factor_overrides_json", sa.Text, nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.Column("updated_at", sa.String(32), nullable=False),
    sa.Index("ix_scenes_organiser", "organiser"),
    sa.Index("ix_scenes_city", "city"),
)

# footprints computed for a stored scene and kept (a visitor's answer set), for the organiser's
# exports: each row keeps the footprint's JSON (line items with factor and source)
scene_footprints = sa.Table(
    "scene_footprints",
    metadata,
    sa.Column("footprint_id", sa.String(40), primary_key=True),
    sa.Column("scene_id", sa.String(64), nullable=False),
    sa.Column("participant_id", sa.String(40), nullable=True),
    sa.Column("recorded_at", sa.String(32), nullable=False),
    sa.Column("grams", sa.BigInteger, nullable=False),
    sa.Column("footprint_json", sa.Text, nullable=False),
    sa.Index("ix_scene_footprints_scene", "scene_id"),
)

SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
_converter = cattrs.Converter()


def check_scene(scene: Scene, known_types: Iterable[str] | None = None) -> None:
    """Raise :class:`ValidationFailed` naming every field of ``scene`` that cannot be stored.

    ``known_types`` are the registered scene type names (unchecked when ``None``).
    """
    problems: list[Problem] = []
    for field, value in (("id", scene.id), ("slug", scene.slug)):
        if not isinstance(value, str) or not SLUG.match(value):
            problems.append(
                Problem(field, "format", "1 to 64 lowercase letters, digits and inner dashes (a-z, 0-9, -)")
            )
    for lang, field in (("en", "name.en"), ("zh-CN", "name.zh-CN")):
        name = scene.name.get(lang)
        if not isinstance(name, str) or not name.strip():
            problems.append(Problem(field, "required", "the scene's name is needed in English and Chinese"))
        elif (found := text_problem(name, field=field, limit=MAX_SCENE_NAME)) is not None:
            problems.append(found)  # the limit a certificate of this scene applies too
    if not scene.scene_types:
        problems.append(Problem("scene_types", "required", "at least one scene type"))
    elif len(scene.scene_types) > MAX_SCENE_TYPES or len(set(scene.scene_types)) != len(scene.scene_types):
        problems.append(Problem("scene_types", "invalid", f"at most {MAX_SCENE_TYPES}, each once"))
    known = None if known_types is None else set(known_types)
    for index, name in enumerate(scene.scene_types):
        if known is not None and name not in known:
            problems.append(
                Problem(f"scene_types.{index}", "unknown", f"no scene type {name!r}; known: {sorted(known)}")
            )
    if scene.starts and scene.ends and scene.ends < scene.starts:
        problems.append(Problem("ends", "before_start", "is before starts"))
    if scene.visibility not in VISIBILITIES:
        problems.append(Problem("visibility", "unknown", f"must be one of {', '.join(VISIBILITIES)}"))
    if scene.organiser is not None and (
        found := text_problem(scene.organiser, field="organiser", limit=MAX_ID)
    ):
        problems.append(found)
    for lang, name in (scene.organiser_name or {}).items():
        if found := text_problem(name, field=f"organiser_name.{lang}", limit=MAX_ID):
            problems.append(found)
    if scene.place is not None:
        country = scene.place.country
        if not (isinstance(country, str) and len(country) == 2 and country.isalpha() and country.isupper()):
            problems.append(Problem("place.country", "format", "an ISO 3166-1 alpha-2 code such as CN"))
    for index, factor in enumerate(scene.factor_overrides):
        if not factor.grams >= 0:
            problems.append(Problem(f"factor_overrides.{index}.grams", "negative", "must be 0 or more"))
    if problems:
        raise ValidationFailed(problems, what="scene")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _row(scene: Scene) -> dict[str, Any]:
    place = scene.place
    return {
        "scene_id": scene.id,
        "slug": scene.slug,
        "name_en": scene.name["en"].strip(),
        "name_zh": scene.name["zh-CN"].strip(),
        "scene_types": ",".join(scene.scene_types),
        "country": place.country if place else None,
        "city": place.city if place else None,
        "place_name_json": json.dumps(dict(place.name), ensure_ascii=False) if place and place.name else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "region": place.region if place else None,
        "grid_region": place.grid_region if place else None,
        "starts": scene.starts,
        "ends": scene.ends,
        "organiser": scene.organiser.strip() if scene.organiser else None,
        "organiser_name_json": (
            json.dumps(dict(scene.organiser_name), ensure_ascii=False) if scene.organiser_name else None
        ),
        "visibility": scene.visibility,
        "factor_overrides_json": json.dumps(
            _converter.unstructure(list(scene.factor_overrides)), ensure_ascii=False, sort_keys=True
        ),
    }


def scene_from_row(row: sa.Row[Any] | Mapping[str, Any]) -> Scene:
    m = row._mapping if isinstance(row, sa.Row) else row
    place = None
    if m["country"]:
        place = Place(
            country=m["country"],
            city=m["city"],
            name=json.loads(m["place_name_json"]) if m["place_name_json"] else None,
            latitude=m["latitude"],
            longitude=m["longitude"],
            region=m["region"],
            grid_region=m["grid_region"],
        )
    return Scene(
        id=m["scene_id"],
        slug=m["slug"],
        name={"en": m["name_en"], "zh-CN": m["name_zh"]},
        scene_types=tuple(t for t in m["scene_types"].split(",") if t),
        place=place,
        starts=m["starts"],
        ends=m["ends"],
        organiser=m["organiser"],
        organiser_name=json.loads(m["organiser_name_json"]) if m["organiser_name_json"] else None,
        visibility=m["visibility"],
        factor_overrides=tuple(
            _converter.structure(json.loads(m["factor_overrides_json"]), list[EmissionFactor])
        ),
    )


class SceneStore:
    """The stored scenes of one database (``engine`` as :func:`diandian.db.connect` returns)."""

    def __init__(self, database: sa.Engine) -> None:
        self.database = database

    def create(self, scene: Scene, known_types: Iterable[str] | None = None) -> Scene:
        """Store a new scene; :class:`ValidationFailed` naming ``id`` or ``slug`` if either is taken."""
        check_scene(scene, known_types)
        stamp = _now()
        with db.write(self.database) as conn:
            db.lock(
                conn, "diandian.scenes"
            )  # checking that id and slug are free, then inserting, is one step
            self._free(conn, scene, check_id=True)
            conn.execute(scenes.insert().values({**_row(scene), "created_at": stamp, "updated_at": stamp}))
        return self.get(scene.id)

    def update(self, scene: Scene, known_types: Iterable[str] | None = None) -> Scene:
        """Replace the stored scene of the same id (its slug may change; the id never does)."""
        check_scene(scene, known_types)
        with db.write(self.database) as conn:
            db.lock(conn, "diandian.scenes")
            self._get(conn, scene.id)
            self._free(conn, scene, check_id=False)
            conn.execute(
                scenes.update()
                .where(scenes.c.scene_id == scene.id)
                .values({**_row(scene), "updated_at": _now()})
            )
        return self.get(scene.id)

    @staticmethod
    def _free(conn: sa.Connection, scene: Scene, *, check_id: bool) -> None:
        problems: list[Problem] = []
        if (
            check_id
            and conn.execute(sa.select(scenes.c.scene_id).where(scenes.c.scene_id == scene.id)).first()
        ):
            problems.append(Problem("id", "exists", f"a scene {scene.id!r} exists"))
        taken = conn.execute(
            sa.select(scenes.c.scene_id).where(
                (scenes.c.slug == scene.slug) & (scenes.c.scene_id != scene.id)
            )
        ).first()
        if taken is not None:
            problems.append(Problem("slug", "exists", f"slug {scene.slug!r} belongs to another scene"))
        if problems:
            raise ValidationFailed(problems, what="scene")

    @staticmethod
    def _get(conn: sa.Connection, reference: str) -> Scene:
        row = conn.execute(
            sa.select(scenes).where((scenes.c.scene_id == reference) | (scenes.c.slug == reference))
        ).first()
        if row is None:
            raise ValidationFailed.single("scene", "unknown", f"no scene {reference!r}", what="scene")
        return scene_from_row(row)

    def get(self, reference: str) -> Scene:
        """The scene whose id or slug is ``reference``; :class:`ValidationFailed` (``scene``) if none."""
        with db.read(self.database) as conn:
            return self._get(conn, reference)

    def maybe(self, reference: str) -> Scene | None:
        try:
            return self.get(reference)
        except ValidationFailed:
            return None

    def find(
        self,
        *,
        text: str | None = None,
        city: str | None = None,
        on: date | None = None,
        organiser: str | None = None,
        include_unlisted: bool = False,
        limit: int = 100,
        offset: int = 0,
    ) -> list[Scene]:
        """Scenes matching every filter given, newest start first.

        ``text`` matches the slug or either name (case-insensitive substring); ``city`` the city or
        its name in any language; ``on`` a date between ``starts`` and ``ends`` (an open end
        matches); unlisted scenes only with ``include_unlisted``.
        """
        if not 1 <= limit <= 1000 or offset < 0:
            raise ValidationFailed.single(
                "limit", "range", "limit 1 to 1000, offset 0 or more", what="search"
            )
        query = sa.select(scenes)
        if not include_unlisted:
            query = query.where(scenes.c.visibility == "public")
        if organiser is not None:
            query = query.where(scenes.c.organiser == organiser)
        if text is not None and text.strip():
            pattern = f"%{_escape(text.strip().lower())}%"
            query = query.where(
                sa.or_(
                    *(
                        sa.func.lower(column).like(pattern, escape="\\")
                        for column in (scenes.c.slug, scenes.c.name_en, scenes.c.name_zh)
                    )
                )
            )
        if city is not None and city.strip():
            pattern = f"%{_escape(city.strip().lower())}%"
            query = query.where(
                sa.or_(
                    sa.func.lower(scenes.c.city).like(pattern, escape="\\"),
                    sa.func.lower(scenes.c.place_name_json).like(pattern, escape="\\"),
                )
            )
        if on is not None:
            query = query.where(
                sa.or_(scenes.c.starts.is_(None), scenes.c.starts <= on),
                sa.or_(scenes.c.ends.is_(None), scenes.c.ends >= on),
            )
        query = query.order_by(scenes.c.starts.desc(), scenes.c.scene_id).limit(limit).offset(offset)
        with db.read(self.database) as conn:
            return [scene_from_row(row) for row in conn.execute(query)]

    def keep_footprint(self, footprint: Footprint, participant_id: str | None = None) -> str:
        """Keep a footprint of a stored scene for its exports; returns the footprint's id."""
        footprint_id = "fp" + secrets.token_hex(12)
        with db.write(self.database) as conn:
            self._get(conn, footprint.scene_id)
            conn.execute(
                scene_footprints.insert().values(
                    footprint_id=footprint_id,
                    scene_id=footprint.scene_id,
                    participant_id=participant_id,
                    recorded_at=_now(),
                    grams=footprint.grams,
                    footprint_json=json.dumps(footprint.to_json(), ensure_ascii=False, default=str),
                )
            )
        return footprint_id

    def footprint_lines(self, scene_id: str) -> list[dict[str, Any]]:
        """One row per line item of every kept footprint of the scene, oldest first: footprint id,
        participant, recorded_at, activity, quantity, unit, region, category, grams, factor ref,
        factor g per unit, quality and source (publisher, document, year, table)."""
        with db.read(self.database) as conn:
            rows = conn.execute(
                sa.select(scene_footprints)
                .where(scene_footprints.c.scene_id == scene_id)
                .order_by(scene_footprints.c.recorded_at, scene_footprints.c.footprint_id)
            ).all()
        lines: list[dict[str, Any]] = []
        for row in rows:
            for line in json.loads(row.footprint_json)["lines"]:
                factor, source = line["factor"], line["factor"]["source"]
                lines.append(
                    {
                        "footprint_id": row.footprint_id,
                        "participant_id": row.participant_id,
                        "recorded_at": row.recorded_at,
                        "activity": line["activity"],
                        "quantity": line["quantity"],
                        "unit": line["unit"],
                        "region": line["region"],
                        "scene_type": line["scene_type"],
                        "category": line["category"],
                        "grams": line["grams"],
                        "factor_ref": factor["ref"],
                        "factor_g_per_unit": factor["g_per_unit"],
                        "factor_quality": factor["quality"],
                        "source": f"{source['publisher']}, {source['document']} ({source['year']})"
                        + (f", {source['table']}" if source.get("table") else ""),
                    }
                )
        return lines


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def scene_to_json(scene: Scene) -> dict[str, Any]:
    """A scene as JSON data (the shape :func:`scene_from_json` reads back)."""
    data: dict[str, Any] = _converter.unstructure(scene)
    data["name"] = dict(scene.name)
    data["scene_types"] = list(scene.scene_types)
    data["starts"] = scene.starts.isoformat() if scene.starts else None
    data["ends"] = scene.ends.isoformat() if scene.ends else None
    return data


def scene_from_json(data: Mapping[str, Any]) -> Scene:
    """A :class:`Scene` from JSON data; :class:`ValidationFailed` naming each bad field."""
    if not isinstance(data, Mapping):
        raise ValidationFailed.single("", "type", "a scene is a JSON object", what="scene")
    problems: list[Problem] = []
    known = {f.name for f in attrs.fields(Scene)}
    problems.extend(Problem(k, "unknown", "is not a field of a scene") for k in data if k not in known)
    for field in ("id", "name", "scene_types"):
        if field not in data:
            problems.append(Problem(field, "required", "is required"))
    values = dict(data)
    for field in ("starts", "ends"):
        raw = values.get(field)
        if raw is None or isinstance(raw, date):
            continue
        try:
            values[field] = date.fromisoformat(str(raw))
        except ValueError:
            problems.append(Problem(field, "format", f"{raw!r} is not a date such as 2021-09-07"))
    if problems:
        raise ValidationFailed(problems, what="scene")
    try:
        place = values.get("place")
        values["place"] = None if place is None else _converter.structure(place, Place)
        values["scene_types"] = tuple(_converter.structure(values["scene_types"], list[str]))
        values["factor_overrides"] = tuple(
            _converter.structure(values.get("factor_overrides") or [], list[EmissionFactor])
        )
        if not isinstance(values["name"], Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in values["name"].items()
        ):
            raise ValueError("name must map languages to text")
        return Scene(**{k: v for k, v in values.items() if v is not None or k in ("place",)})
    except (cattrs.BaseValidationError, ValueError, TypeError) as exc:
        messages = cattrs.transform_error(exc) if isinstance(exc, cattrs.BaseValidationError) else [str(exc)]
        raise ValidationFailed([Problem("scene", "invalid", m) for m in messages], what="scene") from None
