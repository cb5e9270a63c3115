import datetime as dt

import jsonschema
import pytest
from diandian import (
    Choice,
    DateQuestion,
    Group,
    MultiChoice,
    Number,
    Option,
    PlaceQuestion,
    Questionnaire,
    Section,
    ValidationFailed,
    YesNo,
    text,
    when,
)

FORM = Questionnaire(
    id="demo",
    title=text("Demo", "示例"),
    sections=(
        Section(
            id="main",
            title=text("Main", "主要"),
            questions=(
                Number(
                    id="nights",
                    label=text("Nights", "晚数"),
                    unit="night",
                    minimum=1,
                    maximum=365,
                    warn_above=60,
                    integer=True,
                    required=True,
                    coarse=True,
                ),
                Choice(
                    id="mode",
                    label=text("Mode", "方式"),
                    options=(Option("rail", text("Rail", "铁路")), Option("car", text("Car", "汽车"))),
                    default="rail",
                ),
                Number(
                    id="occupancy",
                    label=text("People in the car", "车内人数"),
                    minimum=1,
                    maximum=9,
                    default=1,
                    condition=when("mode", "car"),
                ),
                MultiChoice(
                    id="extras",
                    label=text("Extras", "附加"),
                    options=(Option("laundry", text("Laundry", "洗衣")), Option("spa", text("Spa", "水疗"))),
                ),
                YesNo(id="breakfast", label=text("Breakfast", "早餐"), default=False),
                DateQuestion(id="arrive", label=text("Arrive", "到达")),
                DateQuestion(id="leave", label=text("Leave", "离开"), after="arrive"),
                Group(
                    id="legs",
                    label=text("Legs", "行程"),
                    max_items=3,
                    questions=(
                        PlaceQuestion(id="from", label=text("From", "出发地"), required=True),
                        Number(id="km", label=text("Distance", "距离"), unit="km", maximum=40000),
                    ),
                ),
            ),
        ),
    ),
)


def test_defaults_fill_in_and_conditions_hide() -> None:
    values = FORM.validate({"nights": 2, "occupancy": 4}).values
    assert values["mode"] == "rail"
    assert values["breakfast"] is False
    assert "occupancy" not in values  # only asked for cars


def test_every_problem_is_reported_at_once_with_paths() -> None:
    answers = {
        "nights": -1,
        "mode": "rocket",
        "extras": ["spa", "golf"],
        "breakfast": "yes",
        "arrive": "2024-02-30",
        "legs": [{"km": 5}, {"from": "x" * 1_000_000}, "nope"],
        "unknown": 1,
    }
    with pytest.raises(ValidationFailed) as caught:
        FORM.validate(answers)
    found = {(p.path, p.code) for p in caught.value.problems}
    assert found == {
        ("nights", "below_minimum"),
        ("mode", "unknown_option"),
        ("extras.1", "unknown_option"),
        ("breakfast", "not_a_boolean"),
        ("arrive", "not_a_date"),
        ("legs.0.from", "required"),
        ("legs.1.from", "too_long"),
        ("legs.2", "not_an_object"),
        ("unknown", "unknown_field"),
    }


def test_multi_choice_refuses_repeats() -> None:
    with pytest.raises(ValidationFailed) as caught:
        FORM.validate({"nights": 1, "extras": ["spa", "spa"]})
    assert [(p.path, p.code) for p in caught.value.problems] == [("extras.1", "duplicate_option")]


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), 1e30, True, "2", None.__class__])
def test_numbers_refuse_non_numbers_and_non_finite(bad: object) -> None:
    with pytest.raises(ValidationFailed) as caught:
        FORM.validate({"nights": bad})
    assert caught.value.problems[0].path == "nights"


def test_messages_follow_the_language() -> None:
    with pytest.raises(ValidationFailed) as caught:
        FORM.validate({"nights": 0}, lang="zh-CN")
    assert caught.value.problems[0].message == "不能小于 1 夜，收到 0"  # the unit in Chinese too
    with pytest.raises(ValidationFailed) as caught:
        FORM.validate({"nights": 0})
    assert caught.value.problems[0].message == "must be at least 1 night, got 0"


def test_unusual_values_pass_with_a_warning() -> None:
    validated = FORM.validate({"nights": 90})
    assert validated.values["nights"] == 90
    (warning,) = validated.warnings
    assert (warning.path, warning.code, warning.severity) == ("nights", "unusually_high", "warning")


def test_dates_must_follow_their_partner() -> None:
    with pytest.raises(ValidationFailed) as caught:
        FORM.validate({"nights": 1, "arrive": "2024-05-02", "leave": "2024-05-01"})
    assert [(p.path, p.code) for p in caught.value.problems] == [("leave", "date_order")]
    values = FORM.validate({"nights": 1, "arrive": "2024-05-01", "leave": "2024-05-03"}).values
    assert values["leave"] == dt.date(2024, 5, 3)


def test_required_missing_and_not_an_object() -> None:
    with pytest.raises(ValidationFailed, match="nights: is required"):
        FORM.validate({})
    with pytest.raises(ValidationFailed, match="not_an_object"):
        FORM.validate([1, 2])


def test_duplicate_question_ids_are_refused() -> None:
    question = YesNo(id="x", label=text("X", "X"))
    with pytest.raises(ValueError, match="used twice"):
        Questionnaire(
            id="d", title=text("D", "D"), sections=(Section("s", text("S", "S"), (question, question)),)
        )


def test_json_schema_accepts_what_validation_accepts() -> None:
    schema = FORM.json_schema(lang="zh-CN")
    jsonschema.Draft202012Validator.check_schema(schema)
    good = {"nights": 2, "mode": "car", "occupancy": 3, "legs": [{"from": "成都", "km": 12.5}]}
    jsonschema.validate(good, schema)
    FORM.validate(good)
    assert schema["properties"]["nights"]["title"] == "晚数"
    assert schema["properties"]["mode"]["x-labels"] == {"rail": "铁路", "car": "汽车"}
    assert schema["properties"]["occupancy"]["x-show-if"] == {"question": "mode", "equals": "car"}
    assert schema["x-coarse"] == ["nights"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"nights": 2, "extra": 1}, schema)


def test_messages_read_as_sentences_for_visitors_and_api_clients() -> None:
    # the calculator's days question allows 1-60 days: counted nouns agree with their number
    from diandian import Engine
    from diandian.errors import ValidationFailed
    from diandian.messages import describe
    from diandian.units import unit_label

    assert unit_label("day", "en", 60) == "days" and unit_label("day", "en", 1) == "day"
    assert unit_label("person", "en", 9) == "people" and unit_label("km", "en", 5) == "km"
    assert unit_label("day", "zh-CN", 60) == "天"
    # what was typed is quoted, in JSON's words, with no Python type names
    assert describe("三") == "'三'" and describe(None) == "null" and describe(True) == "true"
    assert describe({"a": 1}) == "{'a': 1} (an object)" and describe([1]) == "[1] (a list)"
    try:
        Engine().footprint("conference", {"days": 1e30})
    except ValidationFailed as exc:
        text = str(exc)
    assert "at most 60 days" in text and "day," not in text
    try:
        Engine().footprint("conference", {"days": "三"})
    except ValidationFailed as exc:
        text = str(exc)
    assert "(str)" not in text and "'三'" in text


def test_the_first_form_asks_every_required_question_and_what_shows_it():
    """``nights`` (coarse, required when ``how`` is ``nights``) brings ``how`` onto the first
    form; ``start`` (required when ``how`` is ``dates``) comes with it; ``hours`` (required when
    the optional ``area`` is given) stays for refining with ``area``; ``rooms`` (required, no
    condition) is always asked; ``note`` is not."""
    from diandian import Condition, Questionnaire, Section, TextQuestion

    form = Questionnaire(
        id="t",
        title=text("t", "t"),
        sections=(
            Section(
                id="s",
                title=text("s", "s"),
                questions=(
                    Number(id="rooms", label=text("r", "r"), required=True),
                    Choice(
                        id="how",
                        label=text("h", "h"),
                        options=(Option("nights", text("n", "n")), Option("dates", text("d", "d"))),
                        default="nights",
                    ),
                    Number(
                        id="nights",
                        label=text("n", "n"),
                        required=True,
                        condition=when("how", "nights"),
                        coarse=True,
                    ),
                    TextQuestion(
                        id="start", label=text("d", "d"), required=True, condition=when("how", "dates")
                    ),
                    Number(id="area", label=text("a", "a")),
                    Number(
                        id="hours",
                        label=text("o", "o"),
                        required=True,
                        condition=Condition("area", truthy=True),
                    ),
                    TextQuestion(id="note", label=text("x", "x")),
                ),
            ),
        ),
    )
    assert form.coarse_ids == ("rooms", "how", "nights", "start")
    schema = form.json_schema()
    assert schema["x-coarse"] == ["rooms", "how", "nights", "start"]
    assert [k for k, v in schema["properties"].items() if v.get("x-coarse")] == [
        "rooms",
        "how",
        "nights",
        "start",
    ]
