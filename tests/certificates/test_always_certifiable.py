"""A paid order can always be certified, and every certificate can be drawn as one QR code.

Limits on free text agree from the order to the certificate; adjacent slices are written as one
serial range; the size is checked before anything is stored; bad values are refused by name.
"""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from diandian.certificates import codec
from diandian.certificates.book import CertificateBook
from diandian.certificates.schema import certificates
from diandian.errors import ValidationFailed
from diandian.free_text import (
    MAX_DISPLAY_NAME,
    MAX_ID,
    MAX_ISSUER,
    MAX_PROJECT_NAME,
    MAX_SCENE_NAME,
    MAX_SCENE_TYPE,
    MAX_SCENE_TYPES,
)
from diandian.offsets import Project, ProjectKind, Role, buy
from diandian.render.qr import matrix
from diandian.scenes import Scene
from diandian.testing import run_cli
from diandian.testing.strategies import hostile_strings
from hypothesis import HealthCheck, given, settings

from .conftest import World


def stored(world: World) -> int:
    with world.book.database.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(certificates)).scalar_one())


def test_a_name_the_ledger_accepts_fits_the_certificate(world: World) -> None:
    longest = "名" * MAX_DISPLAY_NAME
    order = buy(
        world.ledger, world.payments, project_id="demo-cdcer-forest", grams=38_200, beneficiary=longest
    )
    cert = world.book.issue(world.ledger.order_record(order.order.order_id))
    assert cert.claims.display_name == longest
    with pytest.raises(ValidationFailed) as exc:
        buy(world.ledger, world.payments, project_id="demo-cdcer-forest", grams=1, beneficiary=longest + "x")
    assert [(p.path, p.code) for p in exc.value.problems] == [("beneficiary", "too_long")]


@pytest.mark.parametrize(
    ("name", "code"),
    [(123, "type"), ("Lin\u202eevil", "control"), ("a\x00b", "control"), ("Lin\udcff", "not_utf8")],
)
def test_bad_names_are_refused_through_the_python_api(world: World, name: object, code: str) -> None:
    with pytest.raises(ValidationFailed) as exc:
        buy(world.ledger, world.payments, project_id="demo-cdcer-forest", grams=1, beneficiary=name)  # type: ignore[arg-type]
    assert [(p.path, p.code) for p in exc.value.problems] == [("beneficiary", code)]
    with pytest.raises(ValidationFailed) as exc:
        world.visitors.new_participant(name)  # type: ignore[arg-type]
    assert [(p.path, p.code) for p in exc.value.problems] == [("display_name", code)]


def test_negative_or_absurd_footprints_are_refused(world: World) -> None:
    order_id = world.buy(1000)
    for bad, code in [(-3, "out_of_range"), (10**5000, "out_of_range"), (1.5, "type"), ("12", "type")]:
        with pytest.raises(ValidationFailed) as exc:
            world.book.issue(world.ledger.order_record(order_id), footprint_g=bad)  # type: ignore[arg-type]
        assert [(p.path, p.code) for p in exc.value.problems] == [("footprint_g", code)]
    assert stored(world) == 0
    assert world.book.issue(world.ledger.order_record(order_id), footprint_g=0).claims.footprint_g == 0


def test_issuer_and_scene_limits_are_checked_before_anything_is_written(world: World) -> None:
    with pytest.raises(ValidationFailed, match="issuer"):
        CertificateBook(world.book.database, world.book.keyring, issuer="x" * 33_000)
    order_id = world.buy(1000)
    scene = Scene(id="s", name={"en": "n" * (MAX_SCENE_NAME + 1)}, scene_types=("hotel",))
    with pytest.raises(ValidationFailed, match=r"scene\.name\.en"):
        world.book.issue(world.ledger.order_record(order_id), scene=scene)
    assert stored(world) == 0


def test_everything_at_its_limit_still_fits_one_qr_code(world: World) -> None:
    book = CertificateBook(world.book.database, world.book.keyring, issuer="名" * MAX_ISSUER)
    order = buy(
        world.ledger,
        world.payments,
        project_id="demo-cdcer-forest",
        grams=2_000_001,
        beneficiary="龍" * MAX_DISPLAY_NAME,
        scene_id="e" * 128,
    )
    scene = Scene(
        id="e" * 128, name={"en": "W" * MAX_SCENE_NAME, "zh-CN": "碳" * MAX_SCENE_NAME}, scene_types=()
    )
    cert = book.issue(world.ledger.order_record(order.order.order_id), scene=scene)
    assert len(cert.qr_text) <= codec.QR_CAPACITY
    assert matrix(cert.qr_text)


def test_the_worst_case_at_every_limit_is_certified_and_drawable(world: World) -> None:
    """Incompressible Chinese text at every free-text limit, an order over 40 batches."""
    rng = random.Random(13)

    def noise(n: int) -> str:
        return "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(n))

    world.ledger.add_project(
        Project(
            "worst",
            "CDCER",
            "REG-WORST",
            noise(MAX_PROJECT_NAME),
            noise(MAX_PROJECT_NAME),
            "test",
            "CN",
            "CN-SC",
            "Chengdu",
            ProjectKind.REDUCTION,
            "owner",
            8000,
            "CNY",
        )
    )
    for n in range(40):
        world.ledger.add_batch(
            project_id="worst",
            serial=f"CDCER-CN51-WORST{n:02d}-2022-{n * 7 + 1:06d}-{n * 7 + 1:06d}",
            vintage_start=date(2022, 1, 1),
            vintage_end=date(2022, 12, 31),
            acquired_from="test",
            evidence_sha256="ab" * 32,
        )
    order = buy(
        world.ledger,
        world.payments,
        project_id="worst",
        grams=40_000_000,
        beneficiary=noise(MAX_DISPLAY_NAME),
        scene_id=noise(MAX_ID),
        metadata={
            "scene_name_en": noise(MAX_SCENE_NAME),
            "scene_name_zh": noise(MAX_SCENE_NAME),
            "scene_types": ",".join(noise(MAX_SCENE_TYPE) for _ in range(MAX_SCENE_TYPES)),
        },
    )
    book = CertificateBook(world.book.database, world.book.keyring, issuer=noise(MAX_ISSUER))
    cert = book.issue(world.ledger.order_record(order.order.order_id))
    assert len(cert.qr_text) <= codec.QR_CAPACITY and matrix(cert.qr_text)
    assert cert.claims.neutralised_g == 40_000_000 and cert.claims.issuer == book.issuer
    # the last resort: names shortened, the 40 batches counted (the ledger keeps every slice)
    assert cert.claims.allocations == ("40 batches",)
    assert all(len(name) <= 24 for name in cert.claims.scene_name.values())


def test_fragmented_organiser_order_is_certified_and_drawable(world: World) -> None:
    """800 visitor reservations of 10-30 kg, every other one abandoned, then an organiser buys 16 t.

    400 separate runs of unequal length compress badly: their exact list would not fit, so the
    certificate names the units they lie in and how many runs (the exact slices stay in the ledger).
    """
    reserved = []
    for n in range(800):
        quote = world.ledger.quote("demo-cdcer-forest", 10_000 + (n * 7919) % 20_000)
        reserved.append(world.ledger.reserve(quote, idempotency_key=f"v{n}", scene_id="summit").order_id)
    for order_id in reserved[::2]:
        world.ledger.cancel(order_id)
    organiser = buy(
        world.ledger,
        world.payments,
        project_id="demo-cdcer-forest",
        grams=16_000_000,
        scene_id="summit",
        role=Role.ORGANISER,
    )
    assert len(organiser.allocations) >= 400
    cert = world.book.issue(world.ledger.order_record(organiser.order.order_id))
    assert cert.claims.neutralised_g == 16_000_000
    assert len(cert.qr_text) <= codec.QR_CAPACITY and matrix(cert.qr_text)
    (serial,) = cert.claims.allocations
    assert serial.startswith("CDCER-CN51-AF0012-2021-000001-001000#u1-") and serial.endswith(":401runs")


def test_adjacent_slices_are_one_serial_range(world: World) -> None:
    reserved = [
        world.ledger.reserve(
            world.ledger.quote("demo-cdcer-forest", 250_000), idempotency_key=f"k{n}"
        ).order_id
        for n in range(8)
    ]
    for order_id in reserved:
        world.ledger.cancel(order_id)
    order_id = world.buy(3_000_000)
    cert = world.book.issue(world.ledger.order_record(order_id))
    assert cert.claims.allocations == ("CDCER-CN51-AF0012-2021-000001-001000#u1-3",)


def test_cli_refuses_a_huge_issuer_before_writing(home: Path, tmp_path: Path) -> None:
    env = {"DIANDIAN_DATABASE_URL": f"sqlite:///{tmp_path}/l.db"}
    assert run_cli(["ledger", "demo"], env=env).exit_code == 0
    bought = run_cli(["ledger", "buy", "1kg", "--json"], env=env)
    order_id = json.loads(bought.stdout)["order"]["order_id"]
    out = f"{tmp_path}/out"
    result = run_cli(
        ["certificate", "issue", "--order", order_id, "--issuer", "x" * 33_000, "--out", out], env=env
    )
    assert result.exit_code == 2 and "issuer: is 33000 characters long" in result.stderr
    assert not Path(out).exists()
    shown = run_cli(["certificate", "issue", "--order", order_id, "--json"], env=env)
    assert shown.exit_code == 0, shown.output
    follow = run_cli(["certificate", "follow"], env=env)
    assert follow.exit_code == 0, follow.output


@pytest.mark.parametrize(
    "args",
    [
        ["ledger", "buy", "1kg", "--beneficiary", "x" * (MAX_DISPLAY_NAME + 1)],
        ["ledger", "buy", "1kg", "--beneficiary", "Lin\u202eevil"],
        ["certificate", "participant", "Lin\u202eevil"],
        ["certificate", "participant", "a" * 65],
    ],
)
def test_cli_refuses_bad_names_with_exit_2(home: Path, tmp_path: Path, args: list[str]) -> None:
    env = {"DIANDIAN_DATABASE_URL": f"sqlite:///{tmp_path}/l.db"}
    assert run_cli(["ledger", "demo"], env=env).exit_code == 0
    result = run_cli(args, env=env)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and (
        "beneficiary" in result.stderr or "display_name" in result.stderr
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=hostile_strings)
def test_hostile_names_are_refused_or_certified(world: World, name: str) -> None:
    try:
        order = buy(
            world.ledger, world.payments, project_id="demo-cdcer-forest", grams=1000, beneficiary=name
        )
    except ValidationFailed as exc:
        assert exc.problems[0].path == "beneficiary" and len(str(exc)) < 300
        return
    cert = world.book.issue(world.ledger.order_record(order.order.order_id))
    assert len(cert.qr_text) <= codec.QR_CAPACITY


def test_a_scene_the_store_accepts_fits_its_certificates() -> None:
    from diandian.scene_store import check_scene

    def scene(name_en: str) -> Scene:
        return Scene(id="summit", name={"en": name_en, "zh-CN": "峰会"}, scene_types=("conference",))

    check_scene(scene("n" * MAX_SCENE_NAME))
    for name, code in [("n" * (MAX_SCENE_NAME + 1), "too_long"), ("Summit\u202e", "control")]:
        with pytest.raises(ValidationFailed) as exc:
            check_scene(scene(name))
        assert [(p.path, p.code) for p in exc.value.problems] == [("name.en", code)]
