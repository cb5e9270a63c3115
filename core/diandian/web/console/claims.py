"""The public page of an event's own claim: footprint, credits, retirement and its certificate,
in the words of ISO 14068-1 (reduce first, compensate the residual, retire within 12 months,
keep the evidence). It names what was compensated and never calls a product carbon neutral."""

from __future__ import annotations

from typing import TYPE_CHECKING

from litestar import get
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Template

from ...acting import event_claim
from ...errors import ValidationFailed
from .common import SIGNATURE_NAMESPACE, page

if TYPE_CHECKING:
    from ...platform import Platform


@get("/claims/{slug:str}", name="event_claim", sync_to_thread=True, signature_namespace=SIGNATURE_NAMESPACE)
def claim(platform: NamedDependency[Platform], slug: FromPath[str]) -> Template:
    """The event's claim page (public, like the event's door page)."""
    try:
        view = event_claim(platform, slug)
    except ValidationFailed:
        raise NotFoundException() from None
    return page("claim", view=view)


ROUTES = [claim]
