"""What an API key may touch: its owner's orders, participants and scenes; the operator, all.

A key belongs to an organiser account (``ApiKey.owner``) or to the operator. Orders remember
the owner whose key placed them (``metadata["api_owner"]``); participants the owner whose key
created them (:meth:`~diandian.apikeys.ApiKeys.adopt`); scenes have their organiser. Another
owner's order or participant is answered as unknown, exactly as a missing one is, so a key
cannot even learn that it exists. A scene is public by its reference (its door page shows it
to anyone), so another organiser's scene is named as such when a key tries to count an order
towards it.
"""

from __future__ import annotations

from ...apikeys import OPERATOR, ApiKey
from ...errors import ValidationFailed
from ...offsets.model import Order
from ...platform import Platform
from ...scenes import Scene


def own_order(platform: Platform, key: ApiKey, order_id: str) -> Order:
    """The order ``order_id`` if ``key``'s owner placed it; ValidationFailed ``unknown`` naming
    ``order_id`` otherwise."""
    order = platform.order(order_id)
    if key.owner != OPERATOR and order.metadata.get("api_owner") != key.owner:
        raise ValidationFailed.single("order_id", "unknown", f"no order {order_id!r}", what="request")
    return order


def own_participant(platform: Platform, key: ApiKey, participant_id: str | None) -> None:
    """Refuse a participant that ``key``'s owner did not create: ValidationFailed ``unknown``
    naming ``participant_id``. ``None`` (no participant) passes."""
    if participant_id is None or key.owner == OPERATOR:
        return
    if platform.api_keys.owner_of(participant_id) != key.owner:
        raise ValidationFailed.single(
            "participant_id", "unknown", f"no participant {participant_id!r}", what="request"
        )


def own_scene(platform: Platform, key: ApiKey, reference: str | None) -> Scene | None:
    """The scene ``reference`` names if ``key``'s owner organises it (``None`` passes);
    ValidationFailed ``not_owner`` naming ``scene`` for another organiser's scene, ``unknown``
    for none."""
    if reference is None:
        return None
    scene = platform.scene(reference)
    if key.owner != OPERATOR and scene.organiser != key.owner:
        raise ValidationFailed.single(
            "scene", "not_owner", f"scene {reference!r} is another organiser's", what="request"
        )
    return scene
