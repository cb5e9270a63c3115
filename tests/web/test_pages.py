"""Visitor pages through Litestar's test client: CSRF, escaping, errors beside their fields in
the visitor's language, drafts that keep answers out of URLs, rate limits, recovery links,
verification of a QR photo."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest

SLUG = "cdcn-summit-2021"
ANSWERS = {
    "legs.0.mode": "rail_high_speed",
    "legs.0.distance_by": "place",
    "legs.0.from_place": "北京",
    "days": "2",
    "nights": "1",
}


def csrf(html: str) -> str:
    found = re.search(r'name="_csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF field on the page"
    return found.group(1)


def start(client, lang="en") -> tuple[str, str]:
    door = client.get(f"/s/{SLUG}", headers={"Accept-Language": lang})
    started = client.post(f"/s/{SLUG}/start", data={"_csrf_token": csrf(door.text)}, follow_redirects=False)
    assert started.status_code == 303
    token = started.headers["location"].rsplit("/", 1)[1]
    return token, client.get(f"/d/{token}", headers={"Accept-Language": lang}).text


def test_every_form_needs_its_csrf_token(client):
    door = client.get(f"/s/{SLUG}")
    assert client.post(f"/s/{SLUG}/start", data={}, follow_redirects=False).status_code == 403
    assert (
        client.post(f"/s/{SLUG}/start", data={"_csrf_token": "forged"}, follow_redirects=False).status_code
        == 403
    )
    refused = client.post("/verify", data={"text": "x"}, headers={"Accept-Language": "zh-CN"})
    assert refused.status_code == 403 and "请重试" in refused.text
    assert (
        client.post(
            f"/s/{SLUG}/start", data={"_csrf_token": csrf(door.text)}, follow_redirects=False
        ).status_code
        == 303
    )


def test_errors_beside_their_field_in_the_visitors_language_with_answers_kept(client):
    token, page = start(client, "zh-CN")
    bad = {**ANSWERS, "days": "两天", "legs.0.from_place": "Nowhereville"}
    answered = client.post(
        f"/d/{token}/answers", data={**bad, "_csrf_token": csrf(page)}, headers={"Accept-Language": "zh-CN"}
    )
    assert answered.status_code == 400
    html = answered.text
    days = html[html.index('name="days"') : html.index('name="days"') + 600]
    assert 'value="两天"' in html[html.index('name="days"') - 200 : html.index('name="days"') + 200]
    assert "数字" in days  # the number problem, in Chinese, right after the field
    negative = client.post(
        f"/d/{token}/answers",
        data={**ANSWERS, "days": "-1", "_csrf_token": csrf(html)},
        headers={"Accept-Language": "zh-CN"},
    )
    assert "不能小于 1 天，收到 -1" in negative.text  # the unit in Chinese too, not "1 day"
    assert "Nowhereville" in html and "未找到" in html
    assert 'value="rail_high_speed" selected' in html


def test_answers_live_in_the_draft_never_in_the_url(client):
    token, page = start(client)
    assert len(token) >= 32
    answered = client.post(
        f"/d/{token}/answers", data={**ANSWERS, "_csrf_token": csrf(page)}, follow_redirects=False
    )
    assert answered.status_code == 303 and answered.headers["location"] == f"/d/{token}/result"
    result = client.get(answered.headers["location"])
    assert "kg CO2e" in result.text
    assert all(
        "北京" not in link and "days" not in link
        for link in re.findall(r'(?:href|action)="([^"]+)"', result.text)
    )
    assert client.get("/d/not-a-token").status_code == 404


def test_scene_name_and_display_name_stay_text(client, demo_platform):
    from diandian.scenes import Scene

    evil = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    demo_platform.create_scene(
        Scene(
            id="xss-fair",
            name={"en": evil, "zh-CN": evil},
            scene_types=("conference",),
            organiser=evil,
            # dated, as an undated venue is on every day and would answer the date searches below
            starts=dt.date(2020, 1, 6),
            ends=dt.date(2020, 1, 6),
        )
    )
    door = client.get("/s/xss-fair")
    assert door.status_code == 200
    assert "<script>alert(1)" not in door.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in door.text
    assert "<img src=x" not in door.text
    listing = client.get("/", params={"q": "script"})
    assert "&lt;script&gt;" in listing.text and "<script>alert" not in listing.text
    participant = demo_platform.new_participant(evil, listed=True)
    purchase = demo_platform.buy(5_000, participant_id=participant, scene="xss-fair", beneficiary=evil)
    cert = demo_platform.issue_certificate(purchase.order.order_id, participant_id=participant)
    for path in (f"/c/{cert.claims.cert_id}", "/leaderboard/scene/xss-fair", "/leaderboard"):
        page = client.get(path)
        assert "<script>alert(1)" not in page.text and "onerror=alert(2)>" not in page.text, path


def test_unknown_pages_say_so_in_the_visitors_language(client):
    missing = client.get("/s/no-such-scene", headers={"Accept-Language": "zh-CN"})
    assert missing.status_code == 404 and "未找到" in missing.text
    assert "Traceback" not in client.get("/c/NOPE").text


def test_checkout_is_rate_limited(client, demo_platform):
    from diandian.web.store import WebStore

    store = WebStore(demo_platform.database)
    assert all(store.hit("test:bucket", 3) for _ in range(3))
    assert not store.hit("test:bucket", 3)


def test_recovery_link_moves_the_life_record_once(client, demo_platform):
    token, page = start(client)
    client.post(f"/d/{token}/answers", data={**ANSWERS, "_csrf_token": csrf(page)})
    kept = client.post(f"/d/{token}/keep", data={"_csrf_token": csrf(client.get(f"/d/{token}/result").text)})
    assert kept.status_code == 200 and "/me/chart.svg" in kept.text
    made = client.post("/me/recovery", data={"_csrf_token": csrf(kept.text)})
    link = re.search(r'value="(http[^"]+/me/recover/[^"]+)"', made.text).group(1)
    path = link.split("testserver.local", 1)[1]
    from litestar.testing import TestClient

    with TestClient(client.app) as other_phone:
        assert "/me/chart.svg" not in other_phone.get("/me").text
        form = other_phone.get(path)
        moved = other_phone.post(path + "/use", data={"_csrf_token": csrf(form.text)})
        assert moved.status_code == 200 and "/me/chart.svg" in moved.text
        again = other_phone.post(path + "/use", data={"_csrf_token": csrf(form.text)})
        assert again.status_code == 400
        reopened = other_phone.get(path)
        assert reopened.status_code == 404 and "This link is not valid" in reopened.text
        assert "Use this phone" not in reopened.text


@pytest.mark.parametrize(
    ("lang", "error", "button"),
    [("en", "This link is not valid", "Use this phone"), ("zh-CN", "此链接无效", "使用本手机")],
)
def test_a_made_up_recovery_link_says_so_at_once(client, lang, error, button):
    page = client.get("/me/recover/garbage", headers={"Accept-Language": lang})
    assert page.status_code == 404 and error in page.text
    assert button not in page.text and '<form method="post" action="/me/recover' not in page.text


def test_verify_reads_a_photo_of_the_qr_code(client, demo_platform):
    import qrcode

    participant = demo_platform.new_participant(None)
    purchase = demo_platform.buy(2_000, participant_id=participant, scene=SLUG)
    cert = demo_platform.issue_certificate(purchase.order.order_id, participant_id=participant)
    image = qrcode.make(cert.qr_text)
    photo = io.BytesIO()
    image.save(photo, format="PNG")
    form = client.get("/verify")
    answered = client.post(
        "/verify",
        data={"_csrf_token": csrf(form.text)},
        files={"photo": ("qr.png", photo.getvalue(), "image/png")},
    )
    assert answered.status_code == 200 and "Genuine" in answered.text
    junk = client.post(
        "/verify",
        data={"_csrf_token": csrf(form.text)},
        files={"photo": ("x.png", b"not an image", "image/png")},
    )
    assert junk.status_code == 400 and "not a photo" in junk.text


@pytest.mark.parametrize("path", ["/", f"/s/{SLUG}", "/leaderboard", "/verify", "/me"])
def test_pages_carry_the_security_headers(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"


def test_daily_life_is_kept_on_the_life_record(demo_platform):
    from diandian.web.app import create_app
    from litestar.testing import TestClient

    with TestClient(create_app(demo_platform)) as phone:
        me = phone.get("/me", headers={"Accept-Language": "zh-CN"})
        started = phone.post("/me/daily", data={"_csrf_token": csrf(me.text)}, follow_redirects=False)
        token = started.headers["location"].rsplit("/", 1)[1]
        form = phone.get(f"/d/{token}")
        assert 'name="electricity_kwh"' in form.text and 'name="diet"' in form.text
        answers = {
            "electricity_kwh": "150",
            "home_city": "成都",
            "diet": "vegetarian",
            "_csrf_token": csrf(form.text),
        }
        result = phone.post(f"/d/{token}/answers", data=answers)
        assert result.status_code == 200 and "/neutralise" not in result.text
        kept = phone.post(f"/d/{token}/keep", data={"_csrf_token": csrf(result.text)})
        assert kept.status_code == 200 and "/me/chart.svg" in kept.text
        chart = phone.get("/me/chart.svg")
        assert chart.status_code == 200 and chart.headers["content-type"].startswith("image/svg+xml")
        assert b"<script" not in chart.content


@pytest.mark.parametrize(
    ("lang", "period", "assumed"),
    [
        ("en", "kg CO2e per month", ("Estimated for answers left empty:", "assumed: diet not answered")),
        ("zh-CN", "kg CO2e / 月", ("未填写的回答按估计计算：", "假设：未填写饮食")),
    ],
)
def test_daily_life_result_states_its_period_and_the_assumed_diet(demo_platform, lang, period, assumed):
    """An empty daily-life form: 104.9 kg for one month, all of it a diet marked as assumed."""
    from diandian.web.app import create_app
    from litestar.testing import TestClient

    with TestClient(create_app(demo_platform)) as phone:
        me = phone.get("/me", headers={"Accept-Language": lang})
        started = phone.post("/me/daily", data={"_csrf_token": csrf(me.text)}, follow_redirects=False)
        token = started.headers["location"].rsplit("/", 1)[1]
        form = phone.get(f"/d/{token}", headers={"Accept-Language": lang})
        assert "本场地" not in form.text and "for the venue" not in form.text
        result = phone.post(
            f"/d/{token}/answers", data={"_csrf_token": csrf(form.text)}, headers={"Accept-Language": lang}
        )
        # 14,734 + 28,600 + 18,980 + 21,060 + 21,537 g: an omnivore week x 52/12 (tests/plugins/daily_life)
        assert "104.9 <small>" + period + "</small>" in result.text
        notice, line = assumed
        assert result.text.count(notice) == 1 and result.text.count(line) == 5
        assert "14 顿正餐中" in result.text or "of 14 main meals a week" in result.text


def test_verify_names_a_forgery(client):
    form = client.get("/verify", headers={"Accept-Language": "zh-CN"})
    answered = client.post(
        "/verify",
        data={"text": "DD1:NOTACERTIFICATE", "_csrf_token": csrf(form.text)},
        headers={"Accept-Language": "zh-CN"},
    )
    assert answered.status_code == 200 and "无效" in answered.text and "真实有效" not in answered.text


def test_refine_adds_the_other_questions_and_keeps_the_first_answers(client):
    token, page = start(client)
    assert 'name="meals.0.type"' not in page
    client.post(f"/d/{token}/answers", data={**ANSWERS, "_csrf_token": csrf(page)})
    refine = client.get(f"/d/{token}", params={"refine": "1"})
    assert 'name="meals.0.type"' in refine.text and 'value="北京"' in refine.text
    coarse = client.get(f"/d/{token}/result").text
    refined = client.post(
        f"/d/{token}/answers",
        data={
            **ANSWERS,
            "refine": "1",
            "meals.0.type": "vegan",
            "meals.0.count": "2",
            "_csrf_token": csrf(refine.text),
        },
    )
    assert refined.status_code == 200 and "kg CO2e" in refined.text and refined.text != coarse


def test_an_ambiguous_place_lists_its_candidates_beside_the_field(client):
    token, page = start(client)
    answered = client.post(
        f"/d/{token}/answers", data={**ANSWERS, "legs.0.from_place": "Springfield", "_csrf_token": csrf(page)}
    )
    assert answered.status_code == 400
    html = answered.text
    field = html[html.index('name="legs.0.from_place"') :][:3000]
    assert "Springfield" in field and "several" in field
    # the candidates are choices beside the field (no JavaScript needed), each resolving alone
    picks = re.findall(r'name="legs.0.from_place:pick" value="([^"]+)"', field)
    assert "Springfield (US, IL, population 114,394)" in picks and len(picks) >= 3
    chosen = client.post(
        f"/d/{token}/answers",
        data={
            **ANSWERS,
            "legs.0.mode": "flight",  # not by high-speed rail from Illinois
            "legs.0.from_place": "Springfield",
            "legs.0.from_place:pick": "Springfield (US, IL, population 114,394)",
            "_csrf_token": csrf(html),
        },
    )
    assert chosen.status_code == 200 and "kg CO2e" in chosen.text


@pytest.mark.parametrize(
    ("typed", "lang", "first"),
    [
        ("长", "zh-CN", "长春（吉林，人口 4,714,996）"),
        ("chengd", "en", "Chengdu (CN, Sichuan, population 13,568,357)"),
        ("Springf", "zh-CN", "斯普林菲尔德（美国 MO，人口 170,188）"),
    ],
)
def test_place_suggestions_while_typing_resolve_to_one_city(client, typed, lang, first):
    from diandian.travel import resolve_place

    found = client.get("/places", params={"q": typed}, headers={"Accept-Language": lang}).json()
    assert found["q"] == typed and found["places"][0]["label"] == first and len(found["places"]) <= 8
    assert len({resolve_place(p["query"]).latitude for p in found["places"]}) == len(found["places"])
    assert client.get("/places", params={"q": " "}).json()["places"] == []


def test_sandbox_payment_page_of_an_api_order_settles_once(client, demo_platform):
    quote = demo_platform.quote("demo-cdcer-forest", 3_000)
    placed = demo_platform.place_order(quote, idempotency_key="pos-4711", scene=SLUG)
    intent = demo_platform.start_payment(placed.order_id)
    path = "/sandbox/pay/" + intent.intent_id
    page = client.get(path, headers={"Accept-Language": "zh-CN"})
    assert page.status_code == 200 and "沙盒" in page.text
    for _ in range(2):
        paid = client.post(path + "/settle", data={"action": "pay", "_csrf_token": csrf(page.text)})
        assert paid.status_code == 200 and "Paid" in paid.text
    assert demo_platform.order(placed.order_id).status.value == "allocated"
    assert "already settled" in client.get(path).text
    assert client.get("/sandbox/pay/sbx_nope").status_code == 404


@pytest.mark.parametrize(
    "query", ["首届", "Digital Carbon", "shoujie zhongguo", "TanZhongHe", "成都", "chengdu"]
)
def test_one_search_box_finds_by_chinese_english_pinyin_or_city(client, query):
    assert f'href="/s/{SLUG}"' in client.get("/", params={"q": query}).text


@pytest.mark.parametrize(
    "params",
    [
        {"city": "成都市"},  # the city with its 市, as the gazetteer reads it
        {"city": "Chengdu"},
        {"q": "成都市"},
        {"q": "數字"},  # Traditional characters of 数字 in 首届中国数字碳中和高峰论坛
        {"q": "sztzh"},  # initials of 数字碳中和: shu zi tan zhong he
        {"q": "sjzg"},  # 首届中国
        {"q": "数字", "city": "成都市", "on": "2021-09-07"},  # every field at once
    ],
)
def test_search_reads_places_and_words_as_the_gazetteer_does(client, params):
    results = client.get("/", params=params).text.split("<h2>")[1]
    assert f'href="/s/{SLUG}"' in results


@pytest.mark.parametrize(
    ("params", "lang", "advice"),
    [
        ({"on": "2021-09-08"}, "en", "Nothing is on that day. Try another date."),
        ({"on": "2021-09-08"}, "zh-CN", "那天没有进行中的场景。请换个日期。"),
        (
            {"city": "拉萨"},
            "en",
            "Nothing found in this city. Check its name, or search by the name of the venue.",
        ),
        ({"city": "成都", "on": "2021-09-08"}, "zh-CN", "这个城市在那天没有场景。请去掉日期再试。"),
        ({"q": "nothing like it"}, "en", "Nothing found. Try fewer words, or the city alone."),
        ({"q": "数字", "city": "拉萨"}, "zh-CN", "没有找到。请减少关键词，或只输入城市。"),
    ],
)
def test_nothing_found_says_what_to_change_for_what_was_searched(directory_platform, params, lang, advice):
    from diandian.web.app import create_app
    from litestar.testing import TestClient

    with TestClient(create_app(directory_platform)) as client:
        page = client.get("/", params=params, headers={"Accept-Language": lang}).text
    assert f'href="/s/{SLUG}"' not in page.split("<h2>")[1] and advice in page
    if "q" not in params:
        assert "Try fewer words" not in page and "减少关键词" not in page


def test_whats_on_a_day(client):
    assert f'href="/s/{SLUG}"' in client.get("/", params={"on": "2021-09-07"}).text
    assert f'href="/s/{SLUG}"' not in client.get("/", params={"on": "2021-09-08"}).text.split("<h2>")[1]


@pytest.mark.parametrize(
    ("lang", "shown", "not_shown"),
    [
        (
            "en",
            [
                "High-speed rail",
                "passenger.km",
                "(world)",
                "quality: estimate",
                "proxy: no sourced per-passenger-km",
            ],
            ["代理值"],
        ),
        (
            "zh-CN",
            [
                "高铁",
                "人·公里",
                "(全球)",
                "估算",
                "代理值：未找到中国高铁有出处的每人·公里数值",
                "0.03546 kg CO2e/人·公里",
            ],
            ["quality: estimate", "(world)", "英文原文", "proxy: no sourced"],
        ),
    ],
)
def test_result_lines_and_their_factor_notes_in_the_visitors_language(client, lang, shown, not_shown):
    token, page = start(client, lang)
    client.post(
        f"/d/{token}/answers", data={**ANSWERS, "_csrf_token": csrf(page)}, headers={"Accept-Language": lang}
    )
    html = client.get(f"/d/{token}/result", headers={"Accept-Language": lang}).text
    lines = html[html.index("<details") : html.index("</details>")]
    assert "transport.rail.high_speed" not in lines  # the mode's label, not the activity key
    range_ = r"Likely between [\d.,]+ and [\d.,]+ kg" if lang == "en" else r"可能范围 [\d.,]+ – [\d.,]+ kg"
    assert re.search(range_, html), "the 95 % range reads as a sentence"
    for part in shown:
        assert part in lines, part
    for part in not_shown:
        assert part not in lines, part


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_every_scene_types_form_reads_as_a_person_wrote_it(demo_platform, lang):
    """No "Trip legs 1", no "Hotel nights (nights)": each group item is named, a counted noun
    is not repeated as a unit, a physical unit is, in the page's language and brackets."""
    from diandian.web.visitor import forms

    labels: list[str] = []
    for scene_type in demo_platform.host.scene_types.values():
        parts = [(None, scene_type.questionnaire)]
        for section in forms.sections(parts, {}, [], lang, coarse_only=False):
            fields = list(section.fields)
            while fields:
                field = fields.pop()
                labels.append(field.label + (f"[{field.unit}]" if field.unit else ""))
                labels.extend(field.item_labels)
                fields.extend(inner for item in field.items for inner in item)
    if lang == "en":
        assert "Leg 1" in labels and "Hotel nights" in labels and "Distance one way[km]" in labels
        assert not [x for x in labels if re.search(r"legs \d|\[(days|nights|meals|people|rooms)\]", x)]
    else:
        assert "第 1 段" in labels and "酒店住宿晚数" in labels and "单程距离[公里]" in labels
        assert not [x for x in labels if re.search(r"行程段 \d|\[(天|晚|餐|人|间)\]", x)]
        assert not [x for x in labels if re.search(r"\[[A-Za-z]", x)], "a unit left in English"


@pytest.mark.parametrize("typed", ["1,200", "１，２００", "1 200"])
def test_a_distance_typed_with_grouping_is_thousands_of_kilometres(client, typed):
    # 1,200 km each way by car, return: 2 x 1,200 = 2,400 vehicle km (not 2.4 from "1.200")
    token, page = start(client)
    car = {"legs.0.mode": "car", "legs.0.distance_by": "km", "legs.0.distance_km": typed, "days": "1"}
    answered = client.post(f"/d/{token}/answers", data={**car, "_csrf_token": csrf(page)})
    assert answered.status_code == 200, answered.text[:500]
    assert "2,400 vehicle.km" in answered.text


@pytest.mark.parametrize(
    ("lang", "organiser", "place", "english"),
    [
        ("en", "Organised by Chengdu Municipal Government (demo)", "Ya&#39;an, China", None),
        ("zh-CN", "主办方：成都市人民政府（演示）", "中国雅安", ("Chengdu Municipal", "Ya&#39;an", ", CN")),
    ],
)
def test_organiser_and_project_places_in_the_pages_language(client, lang, organiser, place, english):
    assert organiser in client.get(f"/s/{SLUG}", headers={"Accept-Language": lang}).text
    token, page = start(client, lang)
    client.post(f"/d/{token}/answers", data={**ANSWERS, "_csrf_token": csrf(page)})
    html = client.get(f"/d/{token}/neutralise", headers={"Accept-Language": lang}).text
    assert place in html
    for word in english or ():
        assert word not in html.split("<main")[1], word


def test_a_console_scene_names_its_organisers_account_not_its_id(client, demo_platform):
    from diandian.scenes import Scene

    account = demo_platform.accounts.sign_up("venue@example.org", "a long passphrase 42", "Jinjiang Hall")
    demo_platform.create_scene(
        Scene(
            id="jinjiang-hall",
            name={"en": "Jinjiang Hall", "zh-CN": "锦江礼堂"},
            scene_types=("conference",),
            organiser=account.account_id,
        )
    )
    door = client.get("/s/jinjiang-hall").text
    assert "Organised by Jinjiang Hall" in door and account.account_id not in door


def _qr_photo(text: str) -> bytes:
    import qrcode

    photo = io.BytesIO()
    qrcode.make(text).save(photo, format="PNG")
    return photo.getvalue()


def test_a_photo_of_a_door_qr_code_opens_its_door_page_on_this_server(client):
    form = client.get("/", headers={"Accept-Language": "zh-CN"})
    assert 'action="/scan"' in form.text and 'capture="environment"' in form.text
    photo = _qr_photo(f"https://printed-elsewhere.example/s/{SLUG}")
    scanned = client.post(
        "/scan",
        data={"_csrf_token": csrf(form.text)},
        files={"photo": ("door.jpg", photo, "image/png")},
        follow_redirects=False,
    )
    assert scanned.status_code == 303 and scanned.headers["location"] == f"/s/{SLUG}"
    other = client.post(
        "/scan",
        data={"_csrf_token": csrf(form.text)},
        files={"photo": ("x.png", _qr_photo("https://example.org/about"), "image/png")},
        headers={"Accept-Language": "zh-CN"},
    )
    assert other.status_code == 400 and "不是场景门口的二维码" in other.text


@pytest.mark.parametrize(
    ("found", "door"),
    [
        (f"http://127.0.0.1:8000/s/{SLUG}", f"/s/{SLUG}"),
        (f"https://dd.example/s/{SLUG}/", f"/s/{SLUG}"),
        ("https://dd.example/s/a/../../admin", None),
        ("javascript:alert(1)//s/x", None),
        ("DD1:NOTADOOR", None),
    ],
)
def test_a_scanned_door_stays_on_this_server(found, door):
    from diandian.web.visitor.pages import scanned_door

    assert scanned_door(found) == door


def test_board_links_name_only_scene_types_venues_use(client):
    html = client.get("/leaderboard", headers={"Accept-Language": "zh-CN"}).text
    boards = html[html.index('class="row small boards"') :].split("</nav>")[0]
    assert "/leaderboard/type/conference" in boards and "会议参会者" in boards
    assert "conference_organiser" not in boards and "daily_life" not in boards


def test_the_current_board_is_marked(client):
    overall = client.get("/leaderboard", headers={"Accept-Language": "zh-CN"}).text
    tabs = re.search(r'<nav aria-label="榜单"[^>]*>(.*?)</nav>', overall, re.S).group(1)
    assert re.findall(r"<a [^>]*aria-current=\"page\"[^>]*>([^<]*)</a>", tabs) == ["总榜"]
    conference = client.get("/leaderboard/type/conference", headers={"Accept-Language": "zh-CN"}).text
    current = re.findall(r'<a href="([^"]*)" aria-current="page">([^<]*)</a>', conference)
    assert current == [("/leaderboard/type/conference", "会议参会者")]


def test_the_language_switch_on_a_page_answering_a_form_goes_back_with_get(client):
    # the errors page sits at the POST-only /d/<token>/answers; switching language from it
    # must return to the form (/d/<token>), not to an address that answers GET with 405
    token, page = start(client)
    answered = client.post(
        f"/d/{token}/answers",
        data={**ANSWERS, "days": "two", "_csrf_token": csrf(page)},
        headers={"Referer": f"{client.base_url}/d/{token}"},
    )
    assert answered.status_code == 400
    switch = re.search(r'href="(/lang/zh-CN\?next=[^"]+)"', answered.text)
    assert switch, "no language switch on the page"
    back = client.get(switch.group(1).replace("&amp;", "&"), follow_redirects=False)
    assert back.headers["location"] == f"/d/{token}"
    assert client.get(back.headers["location"]).status_code == 200
    foreign = client.post(
        f"/d/{token}/answers",
        data={**ANSWERS, "days": "two", "_csrf_token": csrf(page)},
        headers={"Referer": "https://elsewhere.example/phish"},
    )
    way_back = re.search(r'href="/lang/[^?]+\?next=([^"]+)"', foreign.text)
    assert way_back and way_back.group(1) in {"/", "%2F"}  # another site's address is never a way back
