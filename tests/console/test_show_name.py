"""A display name hidden on a scene's leaderboard can be shown again from the dashboard: on that
scene's board only, by its organiser only, with one entry in the action trail."""

from __future__ import annotations

from typing import Any

from .webkit import client, one_visitor_on_two_scenes, post, sign_up


def test_a_hidden_name_is_shown_again_on_that_board_only(platform: Any) -> None:
    with client(platform) as c:
        sign_up(c, "ada@example.org")
        first, second, lin = one_visitor_on_two_scenes(c, platform)
        for scene_id in (first, second):
            assert post(c, f"/console/scenes/{scene_id}/hide", {"participant": lin}).status_code == 303
        hidden = c.get(f"/console/scenes/{first}").text
        assert f'action="/console/scenes/{first}/show"' in hidden and "Show again" in hidden
        c.get("/lang/zh-CN", follow_redirects=False)
        assert "重新显示" in c.get(f"/console/scenes/{first}").text
        c.get("/lang/en", follow_redirects=False)

        # another organiser cannot show it: their request is answered as for an unknown scene
        with client(platform) as bob:
            sign_up(bob, "bob@example.org", "Bob")
            assert post(bob, f"/console/scenes/{first}/show", {"participant": lin}).status_code == 404
        assert platform.leaderboard("scene", first).board.entries[0].hidden

        shown = post(c, f"/console/scenes/{first}/show", {"participant": lin})
        assert (
            shown.status_code == 303 and shown.headers["location"] == f"/console/scenes/{first}#leaderboard"
        )
        [entry] = platform.leaderboard("scene", first).board.entries
        assert (entry.name, entry.hidden, entry.neutralised_g, entry.rank) == (
            "Lin Xiaoming",
            False,
            1_500,
            1,
        )
        # the second scene's board keeps the name hidden
        [other] = platform.leaderboard("scene", second).board.entries
        assert other.hidden and other.name == f"Visitor {lin[-6:].upper()}"
        dashboard = c.get(f"/console/scenes/{first}").text
        assert "Lin Xiaoming" in dashboard and "Hidden on this board" not in dashboard
        assert "Lin Xiaoming" in c.get("/leaderboard/scene/cdcn-summit").text
        assert "Lin Xiaoming" not in c.get("/leaderboard/scene/expo").text

        # a name not hidden here, or an unknown participant, is not found and changes nothing
        assert post(c, f"/console/scenes/{first}/show", {"participant": lin}).status_code == 404
        assert post(c, f"/console/scenes/{first}/show", {"participant": "p" + "0" * 24}).status_code == 404
        shows = [a for a in platform.accounts.actions(limit=50) if a.action == "leaderboard.show_name"]
        assert [(a.subject, a.detail["participant"]) for a in shows] == [(f"scene:{first}", lin)]
