"""Two ``diandian serve`` processes on one PostgreSQL database behave as one server.

Visitors hop between the two servers at every step (a draft made on one is answered on the
other, an order placed on one is paid on the other, with the CSRF key both read from the
database), several at once; afterwards the ledger audit is clean and every visitor has exactly
one order, charged once, and one certificate.
"""

from __future__ import annotations

import re
import secrets
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from offsets.conftest import pg_url  # noqa: F401  (the throwaway PostgreSQL database fixture)

from .conftest import Server

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
VISITORS = 6
SLUG = "cdcn-summit-2021"


def _csrf(html: str) -> str:
    return re.search(r'name="_csrf_token" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]


def _visit(servers: list[Server], index: int) -> str:
    """One visitor's whole journey, each step on the other server; returns their display name."""
    name = f"Scale {index} {secrets.token_hex(2)}"
    jar = httpx.Cookies()

    def client(step: int) -> httpx.Client:
        return httpx.Client(base_url=servers[(index + step) % 2].url, cookies=jar, timeout=60)

    with client(0) as c:
        door = c.get(f"/s/{SLUG}")
        jar.update(c.cookies)
        started = c.post(f"/s/{SLUG}/start", data={"_csrf_token": _csrf(door.text)})
        token = started.headers["location"].rsplit("/", 1)[1]
    with client(1) as c:
        page = c.get(f"/d/{token}")
        answers = {
            "legs.0.mode": "flight" if index % 2 else "rail_high_speed",
            "legs.0.distance_by": "place",
            "legs.0.from_place": ["北京", "上海", "Guangzhou", "西安"][index % 4],
            "days": "1",
            "nights": str(index % 3),
            "_csrf_token": _csrf(page.text),
        }
        assert c.post(f"/d/{token}/answers", data=answers).status_code == 303
    with client(2) as c:
        page = c.get(f"/d/{token}/neutralise")
        ordered = c.post(
            f"/d/{token}/order",
            data={
                "project": "demo-cdcer-forest",
                "listed": "yes",
                "display_name": name,
                "_csrf_token": _csrf(page.text),
            },
        )
        assert ordered.status_code == 303, ordered.text[-500:]
        jar.update(c.cookies)
    with client(3) as c:
        page = c.get(f"/d/{token}/checkout")
        paid = c.post(f"/d/{token}/pay", data={"_csrf_token": _csrf(page.text)})
        assert paid.status_code == 303 and paid.headers["location"].startswith("/c/")
        with client(4) as again:  # a second click arriving at the other server
            assert (
                again.post(f"/d/{token}/pay", data={"_csrf_token": _csrf(page.text)}).headers["location"]
                == (paid.headers["location"])
            )
    return name


def test_two_servers_on_one_postgresql_database(pg_url, tmp_path):  # noqa: F811
    import sqlalchemy as sa
    from diandian.platform import Platform
    from diandian.settings import Settings

    first = Server(pg_url, tmp_path)
    second = Server(pg_url, tmp_path)
    try:
        with ThreadPoolExecutor(4) as pool:
            names = list(pool.map(lambda i: _visit([first, second], i), range(VISITORS)))
    finally:
        first.stop()
        second.stop()
    platform = Platform(Settings(database_url=pg_url, home=tmp_path))
    try:
        assert platform.audit().ok
        with platform.database.connect() as conn:
            for name in names:
                orders = conn.execute(
                    sa.text("SELECT order_id, status FROM orders WHERE beneficiary = :n"), {"n": name}
                ).all()
                assert len(orders) == 1 and orders[0].status == "allocated", (name, orders)
                charged = conn.execute(
                    sa.text(
                        "SELECT count(*) FROM sandbox_intents WHERE order_id = :o AND status = 'succeeded'"
                    ),
                    {"o": orders[0].order_id},
                ).scalar_one()
                assert charged == 1
                certificates = conn.execute(
                    sa.text("SELECT count(*) FROM certificates WHERE order_id = :o"),
                    {"o": orders[0].order_id},
                ).scalar_one()
                assert certificates == 1
    finally:
        platform.close()
