"""What organisers type with a Chinese input method, and hostile names, through the console forms:
read as the visitor's forms read them, or refused beside the field; never a server error."""

from __future__ import annotations

from typing import Any

from .webkit import PASSWORD, SCENE_FORM, client, create_scene, post, sign_up


def test_full_width_dates_and_a_measured_factor_are_read_as_typed(platform: Any) -> None:
    with client(platform) as c:
        sign_up(c, "ada@example.org")
        scene_id = create_scene(
            c,
            starts="２０２６－０９－０７",
            ends="２０２６－０９－０８",
            override0_activity="lodging.room_night",
            override0_kg="１２．５",  # 12.5 kg CO2e per room-night, typed full width
            override0_measured_by="Hotel",
            override0_year="２０２５",
        )
        scene = platform.scene(scene_id)
        assert (scene.starts.isoformat(), scene.ends.isoformat()) == ("2026-09-07", "2026-09-08")
        (override,) = scene.factor_overrides
        assert override.grams == 12_500 and override.source.year == 2025


def test_an_account_name_with_a_direction_override_is_refused_beside_its_field(platform: Any) -> None:
    with client(platform) as c:
        form = {"email": "eve@example.org", "display_name": "Eve\u202eadmin", "password": PASSWORD}
        refused = post(c, "/console/sign-up", form)
        assert refused.status_code == 400, refused.text[:300]
        assert platform.accounts.by_email("eve@example.org") is None
        assert 'id="display_name-error"' in refused.text or "U+202E" in refused.text


def test_a_scene_name_too_long_for_its_certificates_is_refused_not_cut(platform: Any) -> None:
    with client(platform) as c:
        sign_up(c, "ada@example.org")
        refused = post(c, "/console/scenes/create", {**SCENE_FORM, "name_en": "N" * 101})
        assert refused.status_code == 400
        assert "101" in refused.text  # its real length, not one cut to fit
