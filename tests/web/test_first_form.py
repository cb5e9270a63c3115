"""Every scene type's first (coarse) form can be sent as a phone sends it: calculator.js hides a
field whose condition does not hold, the visitor types only into what is in sight, and every
field still goes with the form. A required field must never be out of sight, and any error
the server finds must be named in the banner and stand beside a visible field."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from html.parser import HTMLParser
from typing import Any

import attrs
import pytest

from .test_pages import csrf

PLACE = "成都"
# a scene type whose example answers all sit on its refine form: what its visitor gives on the
# first form instead (the example basket's prices, 16.0 + 12.5 yuan)
FIRST_FORM = {"retail": {"total_cny": 28.5}}


Condition = tuple[str, tuple[str, ...], int | None]
"""A ``.field`` block's ``data-if`` and ``data-in``, and the trip leg (item) it sits in."""


@attrs.define
class Control:
    name: str
    kind: str  # text | radio | checkbox | select | hidden
    value: str
    on: bool  # a radio or checkbox checked; a text field or select always sends
    conditions: list[Condition]
    item: int | None  # the fieldset.item it sits in (its own scope for conditions)
    options: list[str] = attrs.Factory(list)


class Form(HTMLParser):
    """The calculator form's controls with the conditions of the ``.field`` blocks around them."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.controls: list[Control] = []
        self.errors_beside: list[list[Condition]] = []
        self._divs: list[Condition | None] = []
        self._items: list[int | None] = []
        self._next_item = 0
        self._select: Control | None = None
        self._error_text = False
        self.feed(html)

    def _conditions(self) -> list[Condition]:
        return [c for c in self._divs if c is not None]

    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs_}
        classes = a.get("class", "").split()
        if tag == "div":
            scope = self._items[-1] if self._items else None
            self._divs.append((a["data-if"], tuple(a["data-in"].split()), scope) if "data-if" in a else None)
        elif tag == "fieldset":
            if "item" in classes:
                self._items.append(self._next_item)
                self._next_item += 1
            else:
                self._items.append(self._items[-1] if self._items else None)
        elif tag == "p" and "error" in classes and self._divs:
            self.errors_beside.append(self._conditions())
        item = self._items[-1] if self._items else None
        if tag == "input" and "name" in a:
            kind = a.get("type", "text")
            if kind in ("radio", "checkbox"):
                self.controls.append(
                    Control(a["name"], kind, a.get("value", ""), "checked" in a, self._conditions(), item)
                )
            else:
                self.controls.append(
                    Control(
                        a["name"],
                        "hidden" if kind == "hidden" else "text",
                        a.get("value", ""),
                        True,
                        self._conditions(),
                        item,
                    )
                )
        elif tag == "select":
            self._select = Control(a["name"], "select", "", True, self._conditions(), item)
            self.controls.append(self._select)
        elif tag == "option" and self._select is not None:
            self._select.options.append(a.get("value", ""))
            if "selected" in a:
                self._select.value = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._divs:
            self._divs.pop()
        elif tag == "fieldset" and self._items:
            self._items.pop()
        elif tag == "select":
            self._select = None

    def value_of(self, name: str, item: int | None) -> str:
        """What calculator.js reads for a condition: the checked or selected value of the first
        control called ``name`` (or ``*.name``), in the same trip leg if the field is in one."""
        for c in self.controls:
            if item is not None and c.item != item:
                continue
            if c.name == name or c.name.endswith("." + name):
                if c.kind in ("radio", "checkbox") and c.on:
                    return c.value
                if c.kind == "select":
                    return c.value
        return ""

    def holds(self, condition: Condition) -> bool:
        question, wanted, item = condition
        return self.value_of(question, item) in wanted

    def visible(self, control: Control) -> bool:
        return all(map(self.holds, control.conditions))

    def pick(self, question: str, value: str, item: int | None) -> None:
        for c in self.controls:
            if (item is None or c.item == item) and (c.name == question or c.name.endswith("." + question)):
                if c.kind == "radio":
                    c.on = c.value == value
                elif c.kind == "select":
                    c.value = value

    def fill(self, answers: Mapping[str, list[str]]) -> None:
        """Type and pick the answers, in page order, into what is in sight; a visitor with an
        answer for a field out of sight first picks the option that shows it."""
        for _ in range(3):  # a pick can bring a later field into sight
            for c in self.controls:
                if c.name not in answers:
                    continue
                for condition in c.conditions:
                    if not self.holds(condition):
                        self.pick(condition[0], condition[1][0], condition[2])
                if not self.visible(c):
                    continue
                wanted = answers[c.name]
                if c.kind in ("radio", "checkbox"):
                    c.on = c.value in wanted
                elif c.kind == "select":
                    c.value = wanted[0] if wanted[0] in c.options else c.value
                else:
                    c.value = wanted[0]

    def data(self) -> dict[str, list[str]]:
        """What the browser sends: hidden (by the script) or not, every field goes."""
        out: dict[str, list[str]] = {}
        for c in self.controls:
            if c.kind not in ("radio", "checkbox") or c.on:
                out.setdefault(c.name, []).append(c.value)
        return out


def flat(answers: Any, prefix: str = "") -> Iterator[tuple[str, list[str]]]:
    """``{"legs": [{"mode": "car"}]}`` -> ``("legs.0.mode", ["car"])``, as the form names them."""
    if isinstance(answers, Mapping):
        for key, value in answers.items():
            yield from flat(value, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(answers, list | tuple) and all(isinstance(v, Mapping) for v in answers) and answers:
        for index, item in enumerate(answers):
            yield from flat(item, f"{prefix}.{index}")
    elif isinstance(answers, list | tuple):
        yield prefix, [str(v) for v in answers]
    elif isinstance(answers, bool):
        yield prefix, ["yes" if answers else "no"]
    else:
        yield prefix, [str(answers)]


def scene_types(platform: Any) -> list[tuple[str, ...]]:
    kinds = sorted(t for t in platform.host.scene_types if t != "daily_life")
    return [(t,) for t in kinds] + [("hotel", "restaurant", "scenic_spot"), ("conference", "hotel")]


def _types() -> list[tuple[str, ...]]:
    from diandian.platform import Platform
    from diandian.settings import Settings

    return scene_types(Platform(Settings(database_url="sqlite://")))


def _scene(platform: Any, types: tuple[str, ...]) -> str:
    from diandian.scenes import Scene

    slug = "first-" + "-".join(t.replace("_", "") for t in types)
    if platform.scenes.maybe(slug) is None:
        platform.create_scene(
            Scene(
                id=slug,
                name={"en": "Test " + slug, "zh-CN": "测试"},
                scene_types=types,
                place=platform.resolve_place(PLACE),
            )
        )
    return slug


def _first_form(client: Any, slug: str, lang: str = "en") -> tuple[str, str]:
    door = client.get(f"/s/{slug}")
    started = client.post(f"/s/{slug}/start", data={"_csrf_token": csrf(door.text)}, follow_redirects=False)
    token = started.headers["location"].rsplit("/", 1)[1]
    return token, client.get(f"/d/{token}", headers={"Accept-Language": lang}).text


@pytest.mark.parametrize("types", _types(), ids="+".join)
def test_every_first_form_can_be_sent_with_its_example_answers(client, demo_platform, types):
    token, page = _first_form(client, _scene(demo_platform, types))
    assert 'name="refine"' not in page, "the first form is the coarse one"
    form = Form(page)
    answers = demo_platform.example_answers(types)
    if len(types) == 1:
        answers = {**answers, **FIRST_FORM.get(types[0], {})}
    form.fill(dict(flat(answers)))
    hidden_required = [
        c.name for c in form.controls if not form.visible(c) and c.value == "" and c.kind == "text"
    ]
    sent = client.post(f"/d/{token}/answers", data=form.data(), follow_redirects=False)
    if sent.status_code != 303:
        banner = re.findall(r"<li>(.*?)</li>", sent.text)
        shown = Form(sent.text)
        out_of_sight = [c for c in shown.errors_beside if not all(map(shown.holds, c))]
        pytest.fail(
            f"{types}: {sent.status_code}; banner {banner}; hidden {hidden_required}; "
            f"errors out of sight {out_of_sight}"
        )
    assert sent.headers["location"] == f"/d/{token}/result"
    assert client.get(f"/d/{token}/result").status_code == 200


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_a_hotel_guest_gives_rooms_and_nights_on_the_first_form(client, demo_platform, lang):
    """1 room x 2 nights in China x 53.5 kg per room-night (DESNZ 2024 hotel stay, CN) = 107.0 kg."""
    token, page = _first_form(client, _scene(demo_platform, ("hotel",)), lang)
    form = Form(page)
    nights = next(c for c in form.controls if c.name == "nights")
    assert form.visible(nights), "nights is required: it is in sight on the first form"
    assert any(c.name == "stay_by" for c in form.controls), "and so is the answer it depends on"
    form.fill({"rooms": ["1"], "country": ["CN"]})  # nights forgotten
    refused = client.post(f"/d/{token}/answers", data=form.data(), headers={"Accept-Language": lang})
    assert refused.status_code == 400
    banner = re.findall(r"<li>(.*?)</li>", refused.text)
    assert banner == [("晚数: 必填" if lang == "zh-CN" else "Nights: is required")]
    again = Form(refused.text)
    assert again.errors_beside and all(map(again.holds, again.errors_beside[0])), "the error is in sight"
    again.fill({"nights": ["2"]})
    sent = client.post(f"/d/{token}/answers", data=again.data(), follow_redirects=False)
    assert sent.status_code == 303
    result = client.get(f"/d/{token}/result", headers={"Accept-Language": "en"}).text
    assert "107" in result and "53,500" in result
