"""The conformance suite for scene plugins, to subclass in a plugin's own tests (fsspec-style).

.. code-block:: python

    import diandian_cinema
    from diandian.testing import ScenePluginConformance

    class TestCinemaConformance(ScenePluginConformance):
        plugin = diandian_cinema      # the module your entry point names
        plugin_name = "cinema"        # the entry point's name

Every ``test_*`` method below then runs against the plugin, loaded into a host of its own with
only the core's default plugins beside it. To run the suite over several plugins, override the
``scene_plugin`` fixture with ``params`` instead of setting ``plugin`` (the repository's own tests
do that for every built-in). The suite checks behaviour, not boilerplate: a plugin may register
through the hooks or any other way, as long as the host sees a scene type that works.
"""

from __future__ import annotations

import json
import math
import re
import socket
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, ClassVar

import attrs
import pytest
from hypothesis import HealthCheck, find, given, settings
from hypothesis.errors import NoSuchExample

from ..activities import Activity, ActivityKind
from ..engine import Engine
from ..errors import ValidationFailed
from ..factors import EmissionFactor, Quality, numbers_in
from ..plugins import PluginHost
from ..questionnaire import Choice, Group, Question, Questionnaire
from ..scene_types import SceneType
from ..scenes import ad_hoc_scene
from ..text import LANGUAGES
from .strategies import answers_for, check_footprint_or_refusal, loose_answers

ID = re.compile(r"^[a-z][a-z0-9_]*$")
OLDEST_SOURCE_YEAR = 1990


@attrs.frozen(eq=False)
class PluginUnderTest:
    """A plugin loaded beside the core defaults only, and what it added to them.

    ``scene_types`` are the scene types it owns; ``factors`` the factors of the tables it added
    (compared with a host of the core defaults alone).
    """

    name: str
    host: PluginHost
    engine: Engine
    scene_types: tuple[SceneType, ...]
    factors: tuple[EmissionFactor, ...]


_loaded: dict[tuple[object, ...], PluginUnderTest] = {}


def load_plugin(name: str, plugin: object, companions: Sequence[tuple[str, object]] = ()) -> PluginUnderTest:
    """Load ``plugin`` under ``name`` into a host of its own (cached per plugin object).

    ``companions`` are ``(name, plugin)`` pairs the plugin builds on (a resort plugin needing the
    hotel's factors); they load beside it, and what they add is not counted as the plugin's.
    """
    key = (name, id(plugin), *(id(p) for _, p in companions))
    if key not in _loaded:
        host = PluginHost(entrypoints=False, plugins=[*companions, (name, plugin)]).load()
        engine = Engine(host)
        core = PluginHost(entrypoints=False, plugins=companions).load().factor_set.tables
        owned = next((info.scene_types for info in host.plugins() if info.name == name), ())
        factors = tuple(
            factor
            for table_id, table in host.factor_set.tables.items()
            if table_id not in core
            for factor in table.factors
        )
        _loaded[key] = PluginUnderTest(name, host, engine, tuple(host.scene_types[t] for t in owned), factors)
    return _loaded[key]


def texts(value: object, where: str) -> Iterator[tuple[str, Mapping[str, str]]]:
    """Every translatable text (``{"en": ..., "zh-CN": ...}``) inside a questionnaire or kind."""
    if isinstance(value, Mapping):
        if value and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            yield where, value
        return
    if isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from texts(item, f"{where}.{getattr(item, 'id', index)}")
        return
    if attrs.has(type(value)):
        for field in attrs.fields(type(value)):  # type: ignore[arg-type]
            if field.init and field.name not in ("default", "condition", "example_answers"):
                yield from texts(getattr(value, field.name), f"{where}.{field.name}")


def _questions(questions: tuple[Question, ...], where: str) -> Iterator[tuple[str, Question]]:
    for question in questions:
        yield f"{where}{question.id}", question
        if isinstance(question, Group):
            yield from _questions(question.questions, f"{where}{question.id}.")


def _no_connection(*args: object, **kwargs: object) -> None:
    raise AssertionError(f"the plugin opened a network connection: {args!r}")


class ScenePluginConformance:
    """What every scene plugin must do; subclass it in your tests and name your plugin.

    Set ``plugin`` (the module your ``diandian`` entry point names) and ``plugin_name`` (the entry
    point's name), or override the :meth:`scene_plugin` fixture; override
    :meth:`companion_plugins` if your plugin builds on another one. ``max_examples`` bounds the
    generated answer sets per property (hypothesis).
    """

    plugin: ClassVar[object | None] = None
    plugin_name: ClassVar[str | None] = None
    max_examples: ClassVar[int] = 60

    @pytest.fixture
    def scene_plugin(self) -> tuple[str, object]:
        """``(entry-point name, plugin object)`` of the plugin under test."""
        if self.plugin is None:
            raise NotImplementedError(
                "set `plugin = your_module` (and `plugin_name`) on your ScenePluginConformance "
                "subclass, or override its scene_plugin fixture"
            )
        name = self.plugin_name or getattr(self.plugin, "__name__", "plugin").removeprefix("diandian_")
        return name, self.plugin

    @pytest.fixture
    def companion_plugins(self) -> Sequence[tuple[str, object]]:
        """``(name, plugin)`` pairs loaded beside the plugin under test; none by default."""
        return ()

    @pytest.fixture(autouse=True)
    def _no_network(self, monkeypatch: pytest.MonkeyPatch) -> None:
        # nothing a scene plugin does for a footprint may need the network: visitors are offline
        monkeypatch.setattr(socket.socket, "connect", _no_connection)
        monkeypatch.setattr(socket.socket, "connect_ex", _no_connection)
        monkeypatch.setattr(socket, "create_connection", _no_connection)
        monkeypatch.setattr(socket, "getaddrinfo", _no_connection)

    @pytest.fixture
    def under_test(
        self, scene_plugin: tuple[str, object], companion_plugins: Sequence[tuple[str, object]]
    ) -> PluginUnderTest:
        """The plugin loaded into a host of its own."""
        return load_plugin(*scene_plugin, companion_plugins)

    # --- registration -----------------------------------------------------------------------

    def test_it_registers_cleanly(self, under_test: PluginUnderTest) -> None:
        assert under_test.host.errors == [], "\n".join(map(str, under_test.host.errors))
        (info,) = [p for p in under_test.host.plugins() if p.name == under_test.name]
        assert info.scene_types, f"plugin {under_test.name!r} registered no scene type"
        assert not under_test.host.factor_set.conflicts, under_test.host.factor_set.conflicts

    def test_scene_type_names_and_kinds_are_well_formed(self, under_test: PluginUnderTest) -> None:
        for scene_type in under_test.scene_types:
            assert ID.match(scene_type.name), f"scene type name {scene_type.name!r}: use [a-z][a-z0-9_]*"
            for kind in scene_type.activity_kinds:
                registered = under_test.host.activity_kinds[kind.key]
                assert registered.unit == kind.unit, (
                    f"{kind.key}: declared in {kind.unit!r} but registered in {registered.unit!r} elsewhere"
                )

    # --- questionnaires ---------------------------------------------------------------------

    def test_every_text_is_in_every_language(self, under_test: PluginUnderTest) -> None:
        missing = [
            f"{where}: no {lang!r}"
            for scene_type in under_test.scene_types
            for where, value in [
                *texts(scene_type.title, f"{scene_type.name}.title"),
                *texts(scene_type.description, f"{scene_type.name}.description"),
                *texts(scene_type.questionnaire, scene_type.name),
                *texts(scene_type.activity_kinds, f"{scene_type.name}.kinds"),
            ]
            for lang in LANGUAGES
            if not value.get(lang, "").strip()
        ]
        assert not missing, "\n".join(missing)

    def test_question_ids_are_unique_and_well_formed(self, under_test: PluginUnderTest) -> None:
        for scene_type in under_test.scene_types:
            questionnaire = scene_type.questionnaire
            seen: set[str] = set()
            for path, question in _questions(questionnaire.questions(), ""):
                assert ID.match(question.id), f"{scene_type.name}: question id {path!r}: use [a-z][a-z0-9_]*"
                assert path not in seen, f"{scene_type.name}: question id {path!r} is used twice"
                seen.add(path)
                if isinstance(question, Choice):
                    values = [o.value for o in question.options]
                    assert len(values) == len(set(values)), f"{scene_type.name}.{path}: repeated option"
            sections = [s.id for s in questionnaire.sections]
            assert len(sections) == len(set(sections)), f"{scene_type.name}: repeated section id"
            assert questionnaire.coarse_ids, f"{scene_type.name}: mark the questions of a first result coarse"

    def test_json_schema_is_valid_in_every_language(self, under_test: PluginUnderTest) -> None:
        from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

        for scene_type in under_test.scene_types:
            for lang in LANGUAGES:
                schema = scene_type.questionnaire.json_schema(lang=lang)
                Draft202012Validator.check_schema(schema)
                json.dumps(schema, ensure_ascii=False)  # a front end receives it as JSON
                errors = [
                    f"{'.'.join(map(str, e.path)) or '<root>'}: {e.message}"
                    for e in Draft202012Validator(schema).iter_errors(_as_json(scene_type.example_answers))
                ]
                assert not errors, f"{scene_type.name} example answers against its schema: {errors}"

    # --- footprints -------------------------------------------------------------------------

    def test_example_answers_compute(self, under_test: PluginUnderTest) -> None:
        for scene_type in under_test.scene_types:
            assert scene_type.example_answers, f"{scene_type.name}: give example_answers"
            footprint = under_test.engine.footprint(scene_type.name, scene_type.example_answers)
            assert footprint.lines and footprint.grams > 0, f"{scene_type.name}: example gives nothing"
            again = under_test.engine.footprint(scene_type.name, dict(scene_type.example_answers))
            assert again.to_json() == footprint.to_json(), "the same answers must give the same footprint"
            json.dumps(footprint.to_json())

    def test_coarse_answers_alone_compute(self, under_test: PluginUnderTest) -> None:
        for scene_type in under_test.scene_types:
            assert _coarse_answers_compute(under_test, scene_type, self.max_examples * 5), (
                f"{scene_type.name}: no answers to the coarse questions "
                f"{scene_type.questionnaire.coarse_ids} alone give a footprint"
            )

    def test_every_factor_has_a_source_a_canonical_unit_and_a_quality(
        self, under_test: PluginUnderTest
    ) -> None:
        kinds = under_test.host.activity_kinds
        problems = []
        for factor in under_test.factors:
            where = factor.ref()
            kind = kinds.get(factor.activity)
            if kind is None:
                problems.append(f"{where}: no activity kind {factor.activity!r} is registered")
            elif factor.unit != kind.unit:
                problems.append(f"{where}: unit {factor.unit!r}, canonical is {kind.unit!r}")
            source = factor.source
            if not (source.publisher.strip() and source.document.strip()):
                problems.append(f"{where}: name the publisher and the document")
            if not OLDEST_SOURCE_YEAR <= source.year <= 2100:
                problems.append(f"{where}: source year {source.year}")
            if not isinstance(factor.quality, Quality):
                problems.append(f"{where}: quality {factor.quality!r}")
            elif factor.quality is not Quality.SOURCED and not factor.method.strip():
                problems.append(f"{where}: a {factor.quality.value} factor says how it was made (method)")
            # the Chinese note is optional; where written, it states the same figures as the English
            if factor.method_zh and numbers_in(factor.method_zh) != numbers_in(factor.method):
                problems.append(f"{where}: method_zh does not keep the numbers of method")
            if not (math.isfinite(factor.grams) and factor.grams >= 0):
                problems.append(f"{where}: {factor.grams} g per {factor.unit}")
        assert not problems, "\n".join(problems)

    def test_every_captured_activity_has_a_kind_and_a_world_factor(self, under_test: PluginUnderTest) -> None:
        for scene_type in under_test.scene_types:
            _captures_known_activities(under_test, scene_type, self.max_examples)

    # --- bad answers ------------------------------------------------------------------------

    def test_bad_answers_name_their_fields(self, under_test: PluginUnderTest) -> None:
        engine = under_test.engine
        for scene_type in under_test.scene_types:
            name = scene_type.name
            refused = _problems(engine, name, {**scene_type.example_answers, "no_such_question": 1})
            assert [p.path for p in refused] == ["no_such_question"], refused
            assert _problems(engine, name, ["not", "an", "object"]), "answers that are not an object"
            for question in scene_type.questionnaire.questions():
                answers = {**scene_type.example_answers, question.id: {"not": "an answer"}}
                try:
                    engine.footprint(name, answers)
                except ValidationFailed as exc:
                    paths = [p.path for p in exc.problems]
                    assert all(p.code and p.message for p in exc.problems)
                    assert any(p == question.id or p.startswith(f"{question.id}.") for p in paths), (
                        f"{name}.{question.id}: a wrong answer was refused under {paths}"
                    )
                # a question whose condition does not hold may ignore the value

    def test_any_answers_give_a_footprint_or_named_problems(self, under_test: PluginUnderTest) -> None:
        for scene_type in under_test.scene_types:
            _footprint_or_refusal(under_test, scene_type, self.max_examples)


def _as_json(value: Any) -> Any:
    """Example answers as a front end would send them (dates as ISO strings, tuples as lists)."""
    return json.loads(json.dumps(value, default=str))


def _computes(engine: Engine, scene_type: str, answers: Any) -> bool:
    try:
        engine.footprint(scene_type, answers)
    except ValidationFailed:
        return False
    return True


def _problems(engine: Engine, scene_type: str, answers: Any) -> list[Any]:
    try:
        engine.footprint(scene_type, answers)
    except ValidationFailed as exc:
        assert all(p.path is not None and p.code and p.message for p in exc.problems)
        return list(exc.problems)
    return []


def _captures_known_activities(under_test: PluginUnderTest, scene_type: SceneType, examples: int) -> None:
    """Whatever valid answers it gets, the capture emits registered kinds with a world factor."""
    host, factor_set = under_test.host, under_test.host.factor_set
    kinds: Mapping[str, ActivityKind] = host.activity_kinds
    scene = ad_hoc_scene(scene_type.name)

    def check(answers: Any) -> None:
        try:
            values = scene_type.questionnaire.validate(answers).values
            activities: list[Activity] = host.capture(scene_type.name, values, scene)
        except ValidationFailed:
            return
        for activity in activities:
            assert activity.key in kinds, (
                f"{scene_type.name} captured {activity.key!r}, not a registered kind"
            )
            assert factor_set.find(activity.key, "world") is not None, (
                f"{scene_type.name} captured {activity.key!r}, which has no factor for the world region"
            )

    check(scene_type.example_answers)
    given(answers_for(scene_type.questionnaire.questions()))(
        settings(max_examples=examples, deadline=None, database=None)(check)
    )()


def _footprint_or_refusal(under_test: PluginUnderTest, scene_type: SceneType, examples: int) -> None:
    """Any answers at all (junk included) give a footprint or problems that name their fields."""
    questionnaire = scene_type.questionnaire

    def check(answers: Any) -> None:
        check_footprint_or_refusal(under_test.engine, scene_type.name, answers)

    strategy = loose_answers(questionnaire, _words(questionnaire), item_keys=_item_keys(questionnaire))
    checked = settings(
        max_examples=examples, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
    )(check)
    given(strategy)(checked)()


def _coarse_answers_compute(under_test: PluginUnderTest, scene_type: SceneType, examples: int) -> bool:
    """Some answers to the coarse questions alone (the rest left to defaults) give a footprint."""
    questionnaire = scene_type.questionnaire
    coarse = [questionnaire.question(i) for i in questionnaire.coarse_ids]
    example = {k: v for k, v in scene_type.example_answers.items() if k in questionnaire.coarse_ids}

    def computes(answers: Any) -> bool:
        return _computes(under_test.engine, scene_type.name, answers)

    if computes(example):
        return True
    try:
        find(answers_for(coarse), computes, settings=settings(max_examples=examples, database=None))
    except NoSuchExample:
        return False
    return True


def _words(questionnaire: Questionnaire) -> list[str]:
    words = []
    for _, question in _questions(questionnaire.questions(), ""):
        words.append(question.id)
        if isinstance(question, Choice):
            words.extend(o.value for o in question.options)
    return words


def _item_keys(questionnaire: Questionnaire) -> list[str]:
    return [
        inner.id
        for question in questionnaire.questions()
        if isinstance(question, Group)
        for _, inner in _questions(question.questions, "")
    ]
