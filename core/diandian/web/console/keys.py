"""The API keys page of an organiser or operator: their ``/api/v1`` keys (label, scopes,
created, last used, revoked), a new key whose secret is shown on the answer to the form and never
again, and revoking one after a confirmation.

The form carries a random request id: sending it again (a reload of the answer, a double click)
shows the key it already made, without its secret, instead of making a second one.

Keys go through :class:`~diandian.acting.Acting`, so each change is on the action trail and an
organiser reaches only their own keys: another's key id answers 404 like an unknown one.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

from litestar import get, post
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from ...apikeys import MAX_LABEL, MAX_REQUEST_ID, KeyAlreadyCreated, Scope
from ...errors import ValidationFailed
from .common import Form, errors_of, field, fields

if TYPE_CHECKING:
    from ...acting import Acting

# a label longer than the store keeps is refused naming it, not cut short: read a little more
LABEL_READ = MAX_LABEL * 4


def _page(acting: Acting, status_code: int = 200, **context: Any) -> Template:
    # the page may carry a secret: no cache, no back-button copy
    return Template(
        "console/keys.html",
        context={
            "account": acting.account,
            "keys": acting.api_keys(),
            "scopes": list(Scope),
            "values": {"label": "", "scopes": []},
            "errors": {},
            # a fresh one on every page: each form shown can create one key
            "request_id": secrets.token_urlsafe(16),
            **context,
        },
        status_code=status_code,
        headers={"Cache-Control": "no-store"},
    )


@get("/keys", name="console_keys", sync_to_thread=True)
def keys(acting: NamedDependency[Acting], revoke: FromQuery[str | None] = None) -> Template:
    """The account's keys and the form for a new one; ``?revoke=<key id>`` asks to confirm."""
    confirm = None
    if revoke is not None:
        confirm = next((k for k in acting.api_keys() if k.key_id == revoke and k.active), None)
        if confirm is None:
            raise NotFoundException()
    return _page(acting, confirm=confirm)


@post("/keys/create", name="console_key_create", sync_to_thread=True)
def key_create(acting: NamedDependency[Acting], data: Form) -> Template:
    """A new key: the page shows its secret this once (422 naming ``label`` or ``scopes``)."""
    label, scopes = field(data, "label", LABEL_READ), fields(data, "scopes")
    request_id = field(data, "request_id", MAX_REQUEST_ID * 2) or None
    try:
        made = acting.create_api_key(scopes, label=label, request_id=request_id)
    except KeyAlreadyCreated as exc:
        return _page(acting, already=exc.key)
    except ValidationFailed as exc:
        values = {"label": label, "scopes": scopes}
        return _page(acting, status_code=422, values=values, errors=errors_of(exc))
    return _page(acting, status_code=201, made=made)


@post("/keys/{key_id:str}/revoke", name="console_key_revoke", sync_to_thread=True)
def key_revoke(acting: NamedDependency[Acting], key_id: FromPath[str]) -> Redirect:
    """Revoke one of the account's keys at once; requests with it are refused from now on."""
    try:
        acting.revoke_api_key(key_id)
    except ValidationFailed:
        raise NotFoundException() from None
    return Redirect("/console/keys#keys", status_code=303)


ROUTES = [keys, key_create, key_revoke]
