"""Every ``/api/v1`` operation's method and path, written once: the server declares its routes
from this table (:mod:`diandian.web.api.routes`) and the client fills it in for its calls
(:mod:`diandian.client.calls`), so the two cannot drift apart. Request and answer bodies are the
attrs models of :mod:`diandian.client.models`, shared the same way.
"""

from __future__ import annotations

import re
from typing import Literal

import attrs

IDEMPOTENCY_HEADER = "Idempotency-Key"

Method = Literal["GET", "POST"]

_PARAMETER = re.compile(r"\{(\w+):\w+\}")


@attrs.frozen
class Endpoint:
    """An HTTP ``method`` and a ``path`` below ``/api/v1``. A path parameter is written as the
    server's router reads it, ``{name:type}`` (``/orders/{order_id:str}``)."""

    method: Method
    path: str

    def at(self, **values: str) -> Endpoint:
        """This endpoint with each path parameter replaced by its value, as sent:
        ``ORDER.at(order_id="ord_1").path == "/orders/ord_1"``. A missing value is a
        :class:`KeyError` naming it."""
        return attrs.evolve(self, path=_PARAMETER.sub(lambda m: values[m[1]], self.path))


# catalogue
SCENE_TYPES = Endpoint("GET", "/scene-types")
SCENE_TYPE_QUESTIONNAIRE = Endpoint("GET", "/scene-types/{name:str}/questionnaire")
SCENES = Endpoint("GET", "/scenes")
SCENE = Endpoint("GET", "/scenes/{scene:str}")
SCENE_QUESTIONNAIRE = Endpoint("GET", "/scenes/{scene:str}/questionnaire")
PROJECTS = Endpoint("GET", "/projects")
# footprints
FOOTPRINTS = Endpoint("POST", "/footprints")
FOOTPRINT_BATCH = Endpoint("POST", "/footprints/batch")
# offsets
QUOTES = Endpoint("POST", "/quotes")
ORDERS = Endpoint("POST", "/orders")
ORDER = Endpoint("GET", "/orders/{order_id:str}")
ORDER_RECORD = Endpoint("GET", "/orders/{order_id:str}/record")
ORDER_COVERAGE = Endpoint("GET", "/orders/{order_id:str}/coverage")
CANCEL_ORDER = Endpoint("POST", "/orders/{order_id:str}/cancel")
SANDBOX_PAYMENT = Endpoint("POST", "/orders/{order_id:str}/sandbox-payment")
PAYMENT_CALLBACK = Endpoint("POST", "/payments/{provider:str}/callback")
# certificates, keys, status
CERTIFICATES = Endpoint("POST", "/certificates")
CERTIFICATE = Endpoint("GET", "/certificates/{cert_id:str}")
VERIFY = Endpoint("POST", "/certificates/verify")
KEYS = Endpoint("GET", "/keys")
STATUS_LIST = Endpoint("GET", "/status-list")
# visitors
LEADERBOARD = Endpoint("GET", "/leaderboards/{board:str}")
PARTICIPANTS = Endpoint("POST", "/participants")
LIFE_RECORD = Endpoint("GET", "/participants/{participant_id:str}/life")
