"""The server's routes and the client's calls share one table of endpoints."""

from __future__ import annotations

from diandian.client import calls, endpoints
from diandian.client.endpoints import Endpoint
from diandian.web.api.routes import HANDLERS


def test_every_route_is_an_endpoint_of_the_table() -> None:
    table = {v for v in vars(endpoints).values() if isinstance(v, Endpoint)}
    routes = {
        Endpoint(method, path)
        for handler in HANDLERS
        for method in handler.http_methods
        for path in handler.paths
    }
    assert routes == table


def test_a_call_fills_in_the_path_parameters() -> None:
    assert endpoints.ORDER_RECORD.at(order_id="ord_1") == Endpoint("GET", "/orders/ord_1/record")
    call = calls.leaderboard("scene", "cdcn-summit-2021", limit=5)
    assert (call.method, call.path) == ("GET", "/leaderboards/scene")
    assert call.params == {"key": "cdcn-summit-2021", "limit": "5"}
