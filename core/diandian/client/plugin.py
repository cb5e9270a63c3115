"""The remote offset provider as a plugin, registered through the hook the local ledger uses.

Registered as a factory, so loading plugins imports neither httpx nor the client: a platform
whose settings say ``offset_provider = "remote"`` calls it with its context and gets a
:class:`~diandian.client.remote.RemoteOffsets` for ``remote_url``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import diandian

if TYPE_CHECKING:
    from ..offsets.provider import OffsetProvider, ProviderContext


def remote_factory(context: ProviderContext) -> OffsetProvider:
    """The provider for a platform whose settings name the remote server and its key (typed as
    the protocol, so that the type checker holds :class:`RemoteOffsets` to it)."""
    from .remote import from_settings

    return from_settings(context.settings)


@diandian.hookimpl
def diandian_register_offset_providers(register: Callable[[str, Any], None]) -> None:
    register("remote", remote_factory)
