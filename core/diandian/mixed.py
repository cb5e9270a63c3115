"""Mixed venues: one scene combining several scene types (a resort = hotel + restaurant + scenic spot).

The combined answers object has one entry per shared section key (``"travel"``), asked once, and
one per scene type for the rest of its questions::

    {"travel": {"legs": [...]}, "hotel": {"rooms": 1, "nights": 2}, "restaurant": {...}}

Shared answers are captured only with the first scene type that declares the section, so travel is
counted once. Factors that already include another scene type's activity (a room-night with
breakfast) make the engine leave that activity out; see ``EmissionFactor.includes``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from .errors import Problem, ValidationFailed
from .messages import describe, message
from .questionnaire import Questionnaire
from .scenes import Scene

if TYPE_CHECKING:
    from .plugins import PluginHost


# Keyed by identity: a questionnaire holds dicts (labels), so it cannot be hashed.
_PARTS: dict[int, tuple[Questionnaire, tuple[Questionnaire, dict[str, Questionnaire]]]] = {}


def _parts(questionnaire: Questionnaire) -> tuple[Questionnaire, dict[str, Questionnaire]]:
    hit = _PARTS.get(id(questionnaire))
    if hit is not None and hit[0] is questionnaire:
        return hit[1]
    own = [s for s in questionnaire.sections if not s.shared]
    shared: dict[str, Questionnaire] = {}
    for section in questionnaire.sections:
        if section.shared:
            shared[section.shared] = Questionnaire(
                id=section.shared,
                title=section.title,
                sections=(section,),
                version=questionnaire.version,
            )
    rest = Questionnaire(
        id=questionnaire.id,
        title=questionnaire.title,
        sections=tuple(own),
        version=questionnaire.version,
    )
    _PARTS[id(questionnaire)] = (questionnaire, (rest, shared))
    return rest, shared


def form_parts(host: PluginHost, scene: Scene) -> list[tuple[str, Questionnaire]]:
    """The questionnaires a mixed scene asks, in order, each with the key its answers go under:
    a shared section (``"travel"``) once where it first appears, then each scene type's own."""
    parts: list[tuple[str, Questionnaire]] = []
    seen: set[str] = set()
    for scene_type in scene.scene_types:
        rest, shared = _parts(host.scene_type(scene_type).questionnaire)
        for key, questionnaire in shared.items():
            if key not in seen:
                seen.add(key)
                parts.append((key, questionnaire))
        parts.append((scene_type, rest))
    return parts


def combined_schema(host: PluginHost, scene: Scene, *, lang: str = "en") -> dict[str, Any]:
    """The JSON Schema of a mixed scene's answers: shared sections once, then each scene type."""
    properties: dict[str, Any] = {}
    for scene_type in scene.scene_types:
        rest, shared = _parts(host.scene_type(scene_type).questionnaire)
        for key, questionnaire in shared.items():
            properties.setdefault(key, questionnaire.json_schema(lang=lang))
        properties[scene_type] = rest.json_schema(lang=lang)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": scene.name.get(lang) or next(iter(scene.name.values()), scene.id),
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }


def combined_example(host: PluginHost, scene_types: tuple[str, ...]) -> dict[str, Any]:
    """Each scene type's example answers in the combined shape; a shared section's answers come
    from the first scene type that declares it, as they are captured."""
    combined: dict[str, Any] = {}
    first: dict[str, str] = {}  # shared section key -> the scene type whose answers it takes
    for scene_type in scene_types:
        kind = host.scene_type(scene_type)
        _, shared = _parts(kind.questionnaire)
        owner: dict[str, str] = {}
        for key, questionnaire in shared.items():
            first.setdefault(key, scene_type)
            owner.update(dict.fromkeys(questionnaire.ids, key))
        for question, value in kind.example_answers.items():
            key = owner.get(question, scene_type)
            if key == scene_type or first[key] == scene_type:
                combined.setdefault(key, {})[question] = value
    return combined


def locate(host: PluginHost, scene_type: str, problem: Problem) -> Problem:
    """``problem`` with its path as in the combined answers: under the shared section's key if its
    question belongs to one (``travel.legs.0.from_place``), else under the scene type."""
    _, shared = _parts(host.scene_type(scene_type).questionnaire)
    head = problem.path.partition(".")[0]
    owner = next((key for key, q in shared.items() if head in q.ids), scene_type)
    return _under(owner, problem)


def _under(prefix: str, problem: Problem) -> Problem:
    return attrs.evolve(problem, path=f"{prefix}.{problem.path}" if problem.path else prefix)


def split_answers(
    host: PluginHost, scene: Scene, answers: Any, *, lang: str = "en"
) -> tuple[dict[str, Mapping[str, Any]], tuple[Problem, ...]]:
    """Validate a mixed scene's answers; return validated values per scene type and the warnings."""
    if not isinstance(answers, Mapping):
        raise ValidationFailed(
            [Problem("", "not_an_object", message("not_an_object", lang, got=describe(answers)))],
            what="answers",
        )
    problems: list[Problem] = []
    parts: dict[str, Mapping[str, Any]] = {}
    shared_done: dict[str, Mapping[str, Any]] = {}
    known: set[str] = set()
    for scene_type in scene.scene_types:
        rest, shared = _parts(host.scene_type(scene_type).questionnaire)
        values: dict[str, Any] = dict(
            _validate(rest, answers.get(scene_type, {}), scene_type, lang, problems)
        )
        known.add(scene_type)
        for key, questionnaire in shared.items():
            known.add(key)
            if key in shared_done:
                continue
            shared_done[key] = _validate(questionnaire, answers.get(key, {}), key, lang, problems)
            values.update(shared_done[key])
        parts[scene_type] = values
    for key in answers:
        if key not in known:
            problems.append(Problem(str(key)[:40], "unknown_field", message("unknown_field", lang)))
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ValidationFailed(errors, what="answers")
    return parts, tuple(problems)


def _validate(
    questionnaire: Questionnaire, answers: Any, prefix: str, lang: str, out: list[Problem]
) -> Mapping[str, Any]:
    try:
        validated = questionnaire.validate(answers, lang=lang)
    except ValidationFailed as exc:
        out.extend(_under(prefix, p) for p in exc.problems)
        return {}
    out.extend(_under(prefix, p) for p in validated.warnings)
    return validated.values
