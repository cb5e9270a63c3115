"""Every hook of the Diandian plugin contract.

Plugins implement these with :data:`diandian.hookimpl` and register through the ``diandian``
entry-point group. Registration hooks take a ``register`` callback, so the host can detect
duplicates and name both plugins. The host calls each implementation itself: a plugin that
raises is named in the error and the others keep working.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from .activities import Activity, ActivityKind
    from .certificates.model import Certificate
    from .factors import FactorTable
    from .footprint import Footprint
    from .offsets.model import Order
    from .offsets.provider import OffsetProvider, PaymentProvider, ProviderFactory
    from .scene_types import DerivedTable, FactorFile, SceneType
    from .scenes import Scene

hookspec = pluggy.HookspecMarker("diandian")

# --- registration: called once when the plugins load ------------------------------------------


@hookspec
def diandian_register_scene_types(register: Callable[[SceneType], None]) -> None:
    """Register scene types: ``register(SceneType(name, title, questionnaire, example_answers))``.

    A name registered twice is an error naming both plugins; the second registration is skipped.
    """


@hookspec
def diandian_register_activity_kinds(register: Callable[[ActivityKind], None]) -> None:
    """Register activity kinds and their canonical units: ``register(ActivityKind(key, unit, category))``.

    Factor tables are converted into these units when they load.
    """


@hookspec
def diandian_register_factor_tables(
    register: Callable[[FactorTable | FactorFile | DerivedTable], None], kinds: Mapping[str, ActivityKind]
) -> None:
    """Register emission factor tables: a :class:`FactorFile` or :class:`DerivedTable` (read when
    factors are first needed), or a table already read with :func:`diandian.load_factor_csv`.

    ``kinds`` holds every registered activity kind, to convert units as the table loads. Pins
    are checked against the registered ids and versions when the host loads, so registering a
    file or derived table keeps that check from reading it.
    """


@hookspec
def diandian_register_offset_providers(
    register: Callable[[str, OffsetProvider | ProviderFactory], None],
) -> None:
    """Register offset fulfilment providers by name: the local ledger, a remote server, a registry.

    A provider quotes, reserves, confirms and retires credits (see :class:`OffsetProvider`).
    Register the provider itself, or a factory that a platform calls with its
    :class:`~diandian.offsets.provider.ProviderContext` (settings, database, host) to build it.
    The platform uses the one its settings name (``offset_provider``, default ``ledger``).
    """


@hookspec
def diandian_register_payment_providers(
    register: Callable[[str, PaymentProvider | ProviderFactory], None],
) -> None:
    """Register payment providers by name (the built-in ``sandbox``, or a real processor's adapter).

    As for offset providers, register the provider or a factory taking a
    :class:`~diandian.offsets.provider.ProviderContext`; the platform uses the one its settings
    name (``payment_provider``, default ``sandbox``) unless a call names another.
    """


# --- activity capture: called for every footprint ---------------------------------------------


@hookspec
def diandian_capture_activities(
    scene_type: str, answers: Mapping[str, Any], scene: Scene
) -> Sequence[Activity] | None:
    """Turn validated answers of ``scene_type`` into activities, or return ``None`` if not yours.

    ``answers`` have passed the scene type's questionnaire, defaults filled in. Every plugin's
    activities for the scene type are added together, so a plugin may add to another's.
    """


# --- notifications: integrators react to what happened ----------------------------------------


@hookspec
def diandian_footprint_computed(footprint: Footprint, scene: Scene) -> None:
    """A footprint was computed. Errors raised here are reported and never fail the footprint."""


@hookspec
def diandian_order_paid(order: Order) -> None:
    """An offset order was paid and its credits allocated."""


@hookspec
def diandian_certificate_issued(certificate: Certificate) -> None:
    """An honour certificate was issued (status pending retirement or retired)."""
