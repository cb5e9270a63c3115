"""The console in-process: sign-up to dashboard, posters whose QR opens the scene, exports equal
to the database, the event's own neutrality, operator pages, isolation, CSRF and XSS."""

from __future__ import annotations

import base64
import csv
import io
import json
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from diandian import db
from diandian.acting import Acting
from diandian.exports import FOOTPRINT_COLUMNS, ORDER_COLUMNS
from diandian.offsets import audit

from .webkit import (
    ORGANISER_ANSWERS,
    PASSWORD,
    SCENE_FORM,
    client,
    create_scene,
    one_visitor_on_two_scenes,
    post,
    sign_in,
    sign_up,
    visit,
)


def _decode_qr(png: bytes) -> str:
    import zxingcpp
    from PIL import Image

    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert found, "no QR code found"
    return str(found[0].text)


def test_organiser_signs_up_creates_a_mixed_scene_and_prints_its_poster(platform: Any) -> None:
    with client(platform) as c:
        sign_up(c, "ada@example.org", "Ada")
        assert "数字碳中和" not in c.get("/console").text
        scene_id = create_scene(c)
        scene = platform.scene(scene_id)
        assert scene.scene_types == ("conference", "hotel") and scene.place is not None
        assert scene.organiser == platform.accounts.by_email("ada@example.org").account_id
        assert "Digital Carbon Neutrality Summit" in c.get("/console").text
        png = c.get(f"/console/scenes/{scene_id}/poster/png")
        assert png.status_code == 200 and png.headers["content-type"] == "image/png"
        assert _decode_qr(png.content) == "https://dd.example/s/cdcn-summit" == platform.door_url(scene)
        assert c.get(f"/console/scenes/{scene_id}/poster/pdf").content.startswith(b"%PDF")
        assert b"<svg" in c.get(f"/console/scenes/{scene_id}/poster/svg").content[:400]
        actions = platform.accounts.actions(subject=f"scene:{scene_id}")
        assert [a.action for a in actions] == ["scene.create"]


def test_scene_form_names_bad_fields(platform: Any) -> None:
    with client(platform) as c:
        sign_up(c, "ada@example.org")
        refused = post(
            c, "/console/scenes/create", {"slug": "Bad Slug!", "name_en": "x", "place": "Atlantis-xyz"}
        )
        assert refused.status_code == 400
        assert 'class="error" id="scene_types-error"' in refused.text
        assert 'id="place-error"' in refused.text


def test_places_come_from_the_gazetteer_as_the_organiser_types(platform: Any) -> None:
    with client(platform) as c:
        assert c.get("/console/places?q=Chen", follow_redirects=False).status_code == 303  # signed out
        sign_up(c, "ada@example.org")
        english = c.get("/console/places?q=Chen").json()
        assert english[0] == {
            "query": "Chengdu, Sichuan",
            "label": "Chengdu (CN, Sichuan, population 13,568,357)",
        }
        c.get("/lang/zh-CN", follow_redirects=False)
        assert c.get("/console/places?q=成").json()[0] == {
            "query": "成都, 四川",
            "label": "成都（四川，人口 13,568,357）",
        }
        c.get("/lang/en", follow_redirects=False)
        form = c.get("/console/scenes/new").text
        assert 'data-suggest="/console/places"' in form and "/static/console-places.js" in form
        # without the script: a name of two cities is refused with both offered as choices...
        refused = post(c, "/console/scenes/create", {**SCENE_FORM, "place": "Suzhou"})
        assert refused.status_code == 400 and 'id="place-error"' in refused.text
        choices = re.findall(r'name="place_choice" value="([^"]+)"', refused.text)
        assert choices[:2] == ["Suzhou, Jiangsu", "Suzhou, Anhui"]
        assert '<option value="Suzhou, Jiangsu"' in refused.text  # the datalist, rendered by the server
        # ...and the one picked is stored with its city, country, coordinates and grid region
        scene_id = create_scene(c, place="Suzhou", place_choice="Suzhou, Anhui")
        place = platform.scene(scene_id).place
        assert (place.city, place.country, place.region, place.grid_region) == (
            "Suzhou",
            "CN",
            "CN-34",
            "CN-GRID-E",
        )
        assert place.has_coordinates and 33 < place.latitude < 34 and 116 < place.longitude < 118
        edit = c.get(f"/console/scenes/{scene_id}/edit").text
        assert 'value="Suzhou, Anhui"' in edit and "CN-GRID-E" in edit
        # a misspelt name gets the cities starting like its first letters
        misspelt = post(c, "/console/scenes/create", {**SCENE_FORM, "slug": "other", "place": "Chengduu"})
        assert "Chengdu, Sichuan" in re.findall(r'name="place_choice" value="([^"]+)"', misspelt.text)


def test_dashboard_shows_the_visitors_and_exports_equal_the_database(platform: Any) -> None:
    with client(platform) as c:
        sign_up(c, "ada@example.org")
        scene_id = create_scene(c)
        footprints = [visit(platform, scene_id, name)[0] for name in ("Lin", "Wang")]
        page = c.get(f"/console/scenes/{scene_id}")
        assert page.status_code == 200
        view = Acting(platform, platform.accounts.by_email("ada@example.org")).dashboard(scene_id)
        assert view.participants == 2 and view.footprint_g == sum(f.grams for f in footprints)
        assert view.neutralised_g == view.footprint_g and "flight" in view.by_travel_mode
        assert "Lin" in page.text and "Wang" in page.text
        for chart in ("categories", "modes", "neutralised"):
            svg = c.get(f"/console/scenes/{scene_id}/charts/{chart}")
            assert svg.status_code == 200 and b"<svg" in svg.content[:500]

        exported = c.get(f"/console/scenes/{scene_id}/export/csv?what=footprints")
        rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"), newline="")))
        with db.read(platform.database) as conn:
            stored = conn.execute(sa.text("SELECT footprint_id, footprint_json FROM scene_footprints")).all()
        expected = [
            (fid, line["activity"], str(line["grams"]), line["factor"]["ref"])
            for fid, text in stored
            for line in json.loads(text)["lines"]
        ]
        assert sorted(
            (r["footprint_id"], r["activity"], r["grams"], r["factor_ref"]) for r in rows
        ) == sorted(expected)
        assert list(rows[0]) == list(FOOTPRINT_COLUMNS) and all(r["source"] for r in rows)

        orders_csv = c.get(f"/console/scenes/{scene_id}/export/csv?what=orders").content.decode("utf-8-sig")
        order_rows = list(csv.DictReader(io.StringIO(orders_csv, newline="")))
        with db.read(platform.database) as conn:
            db_orders = conn.execute(
                sa.text(
                    "SELECT order_id, status, grams, credit_minor + fee_minor FROM orders WHERE scene_id = :e"
                ),
                {"e": scene_id},
            ).all()
        assert sorted(
            (r["order_id"], r["status"], int(r["grams"]), int(r["total_minor"])) for r in order_rows
        ) == sorted((o, s, g, t) for o, s, g, t in db_orders)
        assert list(order_rows[0]) == list(ORDER_COLUMNS)
        everything = c.get(f"/console/scenes/{scene_id}/export/json").json()
        assert len(everything["orders"]) == 2 and len(everything["certificates"]) == 2


def test_hiding_a_name_hides_it_on_that_scene_board_only(platform: Any) -> None:
    with client(platform) as c:
        sign_up(c, "ada@example.org")
        first, second, lin = one_visitor_on_two_scenes(c, platform)
        assert post(c, f"/console/scenes/{first}/hide", {"participant": lin}).status_code == 303
        assert post(c, f"/console/scenes/{first}/hide", {"participant": lin}).status_code == 303
        # on the first scene's board Lin is ranked under the pseudonym made from their id...
        pseudonym = f"Visitor {lin[-6:].upper()}"
        [entry] = platform.leaderboard("scene", first).board.entries
        assert (entry.name, entry.hidden, entry.neutralised_g, entry.rank) == (pseudonym, True, 1_500, 1)
        assert platform.leaderboard("scene", first, participant=lin).own.name == pseudonym
        # ...while the second scene's board, the conference board and the overall board keep the name
        for board, key in (("scene", second), ("scene_type", "conference"), ("overall", "")):
            [kept] = platform.leaderboard(board, key).board.entries
            assert (kept.name, kept.hidden) == ("Lin Xiaoming", False), board
        dashboard = c.get(f"/console/scenes/{first}").text
        assert "Lin Xiaoming" not in dashboard and "Hidden on this board" in dashboard
        assert "Lin Xiaoming" in c.get(f"/console/scenes/{second}").text
        assert "Lin Xiaoming" not in c.get("/leaderboard/scene/cdcn-summit").text
        assert "Lin Xiaoming" in c.get("/leaderboard/scene/expo").text
        # one entry in the action trail, however often the button is pressed
        hidden = [a for a in platform.accounts.actions(limit=50) if a.action == "leaderboard.hide_name"]
        assert [(a.subject, a.detail["participant"]) for a in hidden] == [(f"scene:{first}", lin)]


def test_the_event_neutralises_itself_through_the_same_checkout(platform: Any) -> None:
    with client(platform) as c:
        sign_up(c, "ada@example.org")
        scene_id = create_scene(c)
        visit(platform, scene_id)
        form = c.get(f"/console/scenes/{scene_id}/neutralise")
        assert form.status_code == 200 and 'name="attendees"' in form.text
        wrong = post(c, f"/console/scenes/{scene_id}/footprint", {"attendees": "-1", "days": "2"})
        assert wrong.status_code == 400
        banner = re.findall(r"<li>(.*?)</li>", wrong.text.split('role="alert"')[1].split("</div>")[0])
        assert len(banner) == 1 and banner[0].startswith("Attendees")  # the field named above the form
        offer = post(
            c, f"/console/scenes/{scene_id}/footprint", {k: str(v) for k, v in ORGANISER_ANSWERS.items()}
        )
        assert offer.status_code == 200, offer.text
        answers = re.search(r'name="answers" value="([^"]*)"', offer.text)
        key = re.search(r'name="key" value="([^"]*)"', offer.text)
        project = re.search(r'name="project" value="([^"]*)"', offer.text)
        assert answers and key and project
        import html

        order = post(
            c,
            f"/console/scenes/{scene_id}/neutralise/order",
            {"answers": html.unescape(answers[1]), "key": key[1], "project": project[1], "policy": "outside"},
        )
        assert order.status_code == 303, order.text
        checkout = order.headers["location"]
        assert "Sandbox" in c.get(checkout).text
        paid = post(c, checkout + "/pay", {})
        assert paid.status_code == 303 and paid.headers["location"] == "/claims/cdcn-summit"
        claim = c.get("/claims/cdcn-summit")
        assert claim.status_code == 200 and "ISO 14068-1" in claim.text and "/c/" in claim.text
        report = platform.ledger.claim_report(scene_id)
        assert report.residual_g == 0 and report.visitor_outside_g > 0
        assert audit(platform.database).ok  # visitor and organiser slices never overlap
        trail = [a.action for a in platform.accounts.actions()]
        assert "claim.order" in trail and "claim.pay" in trail


def test_operator_pages(platform: Any, tmp_path: Path) -> None:
    platform.accounts.sign_up("ops@example.org", PASSWORD, "Ops", role="operator")
    with client(platform) as org, client(platform) as ops:
        sign_up(org, "ada@example.org")
        scene_id = create_scene(org)
        _fp, cert = visit(platform, scene_id)
        sign_in(ops, "ops@example.org")
        page = ops.get("/console/operator")
        assert page.status_code == 200 and "demo-" in page.text
        catalogue = platform_catalogue_bytes()
        loaded = ops.post(
            "/console/operator/catalogue",
            files={"catalogue": ("cat.json", catalogue, "application/json")},
            data={"_csrf_token": ops.cookies["dd_csrf"]},
        )
        import hashlib

        assert loaded.status_code == 200 and hashlib.sha256(catalogue).hexdigest() in loaded.text
        retired = post(ops, "/console/operator/retire", {"beneficiary": "Pool", "reason": "Visitors"})
        assert retired.status_code == 200
        revoked = post(ops, "/console/operator/revoke", {"cert_id": cert.claims.cert_id, "reason": "test"})
        assert (
            revoked.status_code == 200 and platform.certificate(cert.claims.cert_id).status.label == "revoked"
        )
        for bad in ("start=31.12.2025", "start=2026-02-01&end=2026-01-01"):
            refused = ops.get(f"/console/operator/settlement?{bad}")
            assert refused.status_code == 400 and ("from:" in refused.text or "to:" in refused.text)
            assert ops.get(f"/console/operator/settlement.csv?{bad}").status_code == 400
        preview = ops.get("/console/operator/settlement?start=2000-01-01&end=2100-01-01")
        assert preview.status_code == 200
        settled = post(
            ops, "/console/operator/settlement/record", {"start": "2000-01-01", "end": "2100-01-01"}
        )
        assert settled.status_code == 200 and "settled" in settled.text
        assert 'action="/console/operator/settlement/record"' not in settled.text  # no second button
        encoded = re.search(r'href="data:text/csv;charset=utf-8;base64,([^"]+)"', settled.text)
        assert encoded is not None
        recorded_csv = base64.b64decode(encoded.group(1)).decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(recorded_csv, newline="")))
        assert rows and sum(int(r["orders"]) for r in rows) == 1
        # recording again (a second click, a resent form) pays nothing twice
        twice = post(ops, "/console/operator/settlement/record", {"start": "2000-01-01", "end": "2100-01-01"})
        assert twice.status_code == 200 and "data:text/csv" not in twice.text
        assert "Nothing to settle in this period." in twice.text
        again = ops.get("/console/operator/settlement.csv?start=2000-01-01&end=2100-01-01")
        assert len(list(csv.DictReader(io.StringIO(again.content.decode("utf-8-sig"))))) == 0  # settled once
        assert "OK" in ops.get("/console/operator/audit").text
        trail = ops.get("/console/operator/actions").text
        for action in (
            "catalogue.load",
            "retirement.run",
            "certificate.revoke",
            "settlement.run",
            "scene.create",
        ):
            assert action in trail


def platform_catalogue_bytes() -> bytes:
    from diandian.offsets.catalogue import demo_catalogue_text

    return demo_catalogue_text().encode("utf-8")


# --- isolation ---------------------------------------------------------------------------------


def test_an_organiser_cannot_reach_another_organisers_scene(platform: Any) -> None:
    with client(platform) as a, client(platform) as b:
        sign_up(a, "a@example.org")
        scene_id = create_scene(a)
        visit(platform, scene_id)
        sign_up(b, "b@example.org")
        for path in (
            f"/console/scenes/{scene_id}",
            "/console/scenes/cdcn-summit",
            f"/console/scenes/{scene_id}/edit",
            f"/console/scenes/{scene_id}/export/csv?what=footprints",
            f"/console/scenes/{scene_id}/export/csv?what=orders",
            f"/console/scenes/{scene_id}/export/json",
            f"/console/scenes/{scene_id}/poster/png",
            f"/console/scenes/{scene_id}/charts/categories",
            f"/console/scenes/{scene_id}/neutralise",
            "/console/scenes/no-such-scene",
        ):
            response = b.get(path)
            assert response.status_code == 404, path
            assert "Digital Carbon" not in response.text
        entry = platform.leaderboard("scene", scene_id).board.entries[0]
        for path, data in (
            (f"/console/scenes/{scene_id}/save", {"name_en": "Mine now", "scene_types": ["conference"]}),
            (f"/console/scenes/{scene_id}/hide", {"participant": entry.participant_id}),
            (f"/console/scenes/{scene_id}/footprint", {"attendees": "10", "days": "1"}),
        ):
            assert post(b, path, data).status_code == 404, path
        assert platform.scene(scene_id).name["en"] == "Digital Carbon Neutrality Summit"
        assert platform.leaderboard("scene", scene_id).board.entries[0].name == entry.name
        # an organiser is no operator
        for path in (
            "/console/operator",
            "/console/operator/settlement",
            "/console/operator/audit",
            "/console/operator/actions",
            "/console/operator/settlement.csv",
        ):
            assert b.get(path).status_code == 404, path
        assert post(b, "/console/operator/retire", {"beneficiary": "x", "reason": "y"}).status_code == 404
        assert post(b, "/console/operator/retirement/confirm", {"serials": "x"}).status_code == 404
        assert post(b, "/console/operator/settlement/record", {"start": "2000-01-01"}).status_code == 404


def test_a_visitor_without_an_account_is_sent_to_sign_in(platform: Any) -> None:
    with client(platform) as owner:
        sign_up(owner, "a@example.org")
        scene_id = create_scene(owner)
    with client(platform) as visitor:
        for path in (
            "/console",
            f"/console/scenes/{scene_id}",
            f"/console/scenes/{scene_id}/export/json",
            "/console/operator",
            "/console/operator/actions",
            "/console/scenes/new",
        ):
            response = visitor.get(path, follow_redirects=False)
            assert response.status_code == 303 and response.headers["location"].startswith(
                "/console/sign-in?next="
            )
        assert (
            post(visitor, "/console/operator/retire", {"beneficiary": "x", "reason": "y"}).status_code == 303
        )
        visitor.cookies.set("dd_session", "forged-token")
        assert visitor.get("/console/operator", follow_redirects=False).status_code == 303


POST_FORMS = [
    "/console/sign-up",
    "/console/sign-in/submit",
    "/console/sign-out",
    "/console/reset",
    "/console/reset/new",
    "/console/scenes/create",
    "/console/scenes/{scene}/save",
    "/console/scenes/{scene}/hide",
    "/console/scenes/{scene}/footprint",
    "/console/scenes/{scene}/neutralise/order",
    "/console/scenes/{scene}/checkout/x/pay",
    "/console/operator/catalogue",
    "/console/operator/retire",
    "/console/operator/retirement/confirm",
    "/console/operator/revoke",
    "/console/operator/settlement/record",
]


def test_every_form_needs_its_csrf_token(platform: Any) -> None:
    platform.accounts.sign_up("ops@example.org", PASSWORD, "Ops", role="operator")
    with client(platform) as c:
        sign_up(c, "a@example.org")
        scene_id = create_scene(c)
        for path in POST_FORMS:
            url = path.format(scene=scene_id)
            assert c.post(url, data={"email": "x"}, follow_redirects=False).status_code == 403, url
            forged = c.post(url, data={"_csrf_token": "forged"}, follow_redirects=False)
            assert forged.status_code == 403, url
        assert len(platform.scenes_of(platform.accounts.by_email("a@example.org").account_id)) == 1


XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_what_organisers_type_is_escaped_everywhere(platform: Any) -> None:
    with client(platform) as c:
        sign_up(c, "a@example.org", name=XSS)
        scene_id = create_scene(c, name_en=XSS, name_zh=XSS, slug="xss")
        visit(platform, scene_id, name=XSS)
        pages = [
            c.get("/console"),
            c.get(f"/console/scenes/{scene_id}"),
            c.get(f"/console/scenes/{scene_id}/edit"),
            c.get("/claims/xss"),
            post(c, "/console/sign-in/submit", {"email": XSS, "password": "x"}),
            post(c, "/console/scenes/create", {"name_en": XSS, "place": XSS, "slug": XSS}),
            post(c, "/console/scenes/create", {"name_en": "x", "place": "x", "place_choice": XSS}),
            post(c, f"/console/scenes/{scene_id}/footprint", {"attendees": XSS}),
        ]
        for page in pages:
            assert "<script>alert" not in page.text and "<img src=x" not in page.text, page.url
        assert "&lt;script&gt;" in pages[1].text
        svg = c.get(f"/console/scenes/{scene_id}/charts/categories")
        assert svg.headers["content-security-policy"].startswith("default-src 'none'")


def test_sign_in_limits_and_password_reset_through_the_pages(platform: Any) -> None:
    platform.accounts.sign_up("ada@example.org", PASSWORD, "Ada")
    with client(platform) as c:
        for _ in range(5):
            assert (
                post(
                    c, "/console/sign-in/submit", {"email": "ada@example.org", "password": "wrong!"}
                ).status_code
                == 400
            )
        limited = post(c, "/console/sign-in/submit", {"email": "ada@example.org", "password": PASSWORD})
        assert limited.status_code == 429 and "Try again in" in limited.text
        sent = post(c, "/console/reset", {"email": "ada@example.org"})
        unknown = post(c, "/console/reset", {"email": "nobody@example.org"})
        assert sent.status_code == unknown.status_code == 200 and "on its way" in unknown.text
        link = platform.accounts.outbox("ada@example.org")[0].body.split()[0]
        assert link.startswith("https://dd.example/console/reset?token=")
        form = c.get(link.replace("https://dd.example", ""))
        token = re.search(r'name="token" value="([^"]+)"', form.text)
        assert token is not None
        assert post(c, "/console/reset/new", {"token": token[1], "password": "short"}).status_code == 400
        done = post(c, "/console/reset/new", {"token": token[1], "password": "a brand new passphrase"})
        assert done.status_code == 303
        # a successful reset does not lift the sign-in limit of the window; the new password works after it
        platform.accounts.clock = lambda: platform.clock() + timedelta(minutes=16)
        signed = post(
            c, "/console/sign-in/submit", {"email": "ada@example.org", "password": "a brand new passphrase"}
        )
        assert signed.status_code == 303 and signed.headers["location"] == "/console"


def _one_batch_catalogue(price: object = 5000) -> bytes:
    """The catalogue of sdk_docs/operations.md: one project with one batch of 100 t."""
    docs = Path(__file__).parents[2] / "sdk_docs" / "operations.md"
    text = docs.read_text("utf-8").split('```json title="catalogue.json"\n', 1)[1].split("```", 1)[0]
    data = json.loads(text)
    data["projects"][0]["price_per_tonne_minor"] = price
    return json.dumps(data).encode("utf-8")


def test_operator_catalogue_messages_agree_and_name_each_field_once(platform: Any) -> None:
    platform.accounts.sign_up("ops@example.org", PASSWORD, "Ops", role="operator")
    with client(platform) as ops:
        sign_in(ops, "ops@example.org")

        def upload(content: bytes) -> Any:
            return ops.post(
                "/console/operator/catalogue",
                files={"catalogue": ("cat.json", content, "application/json")},
                data={"_csrf_token": ops.cookies["dd_csrf"]},
            )

        bad = upload(_one_batch_catalogue("fifty"))
        assert bad.status_code == 400
        problem = re.search(r"<li><code>(.*?)</code>(.*?)</li>", bad.text)
        assert problem is not None
        assert problem.groups() == (
            "projects.0.price_per_tonne_minor",
            ": invalid value for type, expected int",
        )
        assert "[invalid]" not in bad.text and "- projects" not in bad.text
        assert bad.text.count("projects.0.price_per_tonne_minor") == 1
        assert "example-gw-2024" not in bad.text  # refused whole: nothing written
        assert "1 new batch." in upload(_one_batch_catalogue()).text  # one batch: singular
        assert "0 new batches." in upload(_one_batch_catalogue()).text  # loaded again: none new
        ops.get("/lang/zh-CN", follow_redirects=False)
        zh = upload(_one_batch_catalogue("fifty")).text
        assert "<li><code>projects.0.price_per_tonne_minor</code>：值的类型不对，应为 int</li>" in zh
        none = ops.post("/console/operator/catalogue", data={"_csrf_token": ops.cookies["dd_csrf"]}).text
        assert "<li><code>catalogue</code>：请选择目录文件</li>" in none
        assert "已载入目录： 0 个新批次。" in upload(_one_batch_catalogue()).text


def test_settlement_shows_kilograms_and_project_names_in_the_page_language(platform: Any) -> None:
    platform.accounts.sign_up("ops@example.org", PASSWORD, "Ops", role="operator")
    with client(platform) as org, client(platform) as ops:
        sign_up(org, "ada@example.org")
        scene_id = create_scene(org)
        participant = platform.new_participant("Lin", listed=True)
        # the try-out's figure: 1,815,375 g is 1,815.375 kg, shown as 1,815.4 (half up)
        bought = platform.buy(1_815_375, participant_id=participant, scene=scene_id, beneficiary="Lin")
        platform.issue_certificate(bought.order.order_id)
        project = next(p for p in platform.ledger.projects() if p.project_id == bought.order.project_id)
        sign_in(ops, "ops@example.org")
        ops.get("/lang/zh-CN", follow_redirects=False)
        page = ops.get("/console/operator/settlement?start=2000-01-01&end=2100-01-01").text
        assert '<td class="num">1,815.4</td>' in page and "1815375" not in page
        assert project.name_zh and project.name_zh in page and "千克二氧化碳当量" in page


def test_scene_list_names_scene_types_and_dates_in_the_page_language(platform: Any) -> None:
    with client(platform) as c:
        sign_up(c, "ada@example.org")
        create_scene(c)  # conference + hotel, 2026-09-07 to 2026-09-08
        english = c.get("/console").text
        assert "Conference attendee + Hotel · September 7, 2026 – September 8, 2026" in english
        c.get("/lang/zh-CN", follow_redirects=False)
        chinese = c.get("/console").text
        assert "会议参会者 + 酒店 · 2026年9月7日 – 2026年9月8日" in chinese
        assert "conference + hotel" not in chinese


def _event_order(c: Any, scene_id: str) -> str:
    """The organiser's event footprint offered and an order placed: its checkout address."""
    import html

    offer = post(
        c, f"/console/scenes/{scene_id}/footprint", {k: str(v) for k, v in ORGANISER_ANSWERS.items()}
    )
    found = {
        name: re.search(rf'name="{name}" value="([^"]*)"', offer.text)
        for name in ("answers", "key", "project")
    }
    data = {name: html.unescape(m[1]) for name, m in found.items() if m}
    order = post(c, f"/console/scenes/{scene_id}/neutralise/order", {**data, "policy": "outside"})
    assert order.status_code == 303, order.text
    return str(order.headers["location"])


def test_an_event_checkout_can_be_cancelled_and_its_reservation_expires(platform: Any) -> None:
    from diandian.offsets.model import OrderStatus

    def reserved() -> int:
        return sum(b.reserved_g for b in platform.batches())

    with client(platform) as c:
        sign_up(c, "ada@example.org")
        scene_id = create_scene(c)
        before = reserved()
        checkout = _event_order(c, scene_id)
        order_id = checkout.rsplit("/", 1)[1]
        grams = platform.order(order_id).grams
        assert grams > 0 and reserved() == before + grams  # held for the organiser
        page = c.get(checkout).text
        assert f'action="{checkout}/cancel"' in page and "Cancel and release the credits" in page
        cancelled = post(c, checkout + "/cancel", {})
        assert cancelled.status_code == 303
        assert cancelled.headers["location"] == f"/console/scenes/{scene_id}/neutralise"
        assert platform.order(order_id).status is OrderStatus.CANCELLED and reserved() == before
        [action] = [a for a in platform.accounts.actions() if a.action == "claim.cancel"]
        assert (action.subject, action.detail["grams"]) == (f"order:{order_id}", grams)
        assert post(c, checkout + "/cancel", {}).status_code == 303  # again: nothing more happens
        assert len([a for a in platform.accounts.actions() if a.action == "claim.cancel"]) == 1
        # an abandoned checkout: the reservation ends on its time-to-live, as a visitor's does
        abandoned = _event_order(c, scene_id).rsplit("/", 1)[1]
        assert abandoned != order_id and reserved() == before + grams
        placed = platform.order(abandoned)
        assert placed.reserved_until is not None
        platform.ledger.clock = lambda: placed.reserved_until + timedelta(seconds=1)
        assert platform.ledger.expire() == [abandoned]
        assert platform.order(abandoned).status is OrderStatus.EXPIRED and reserved() == before
