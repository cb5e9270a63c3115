"""The plugin host: a typed facade over pluggy that loads, validates and isolates plugins.

Plugins come from the ``diandian`` entry-point group (the built-in scene types come in exactly
this way) plus the core's own default plugins. ``DIANDIAN_LOAD_PLUGINS`` (comma-separated
entry-point or distribution names; empty for none) limits what loads; ``DIANDIAN_DISABLE_PLUGINS``
blocks names. A plugin that fails to import, fails validation or raises in a hook is recorded in
:attr:`PluginHost.errors` with its name and distribution, and never stops the others.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import os
import types
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import attrs
import pluggy

from . import hookspecs
from .activities import Activity, ActivityKind
from .errors import PluginError, UnknownName, ValidationFailed
from .factor_set import FactorSet
from .factors import FactorTable
from .scenes import Scene, SceneType

NAME = "diandian"
CORE_DISTRIBUTION = "diandian"

# The core's own behaviour written as hookimpls, registered like any plugin (datasette-style).
DEFAULT_PLUGINS: tuple[str, ...] = (
    "diandian.travel.plugin",
    "diandian.energy.plugin",
    "diandian.food.plugin",
    "diandian.spend.plugin",
    "diandian.offsets.plugin",
)


@attrs.frozen
class PluginInfo:
    """What ``diandian plugins`` shows about one loaded plugin."""

    name: str
    distribution: str | None
    version: str | None
    hooks: tuple[str, ...]
    scene_types: tuple[str, ...]
    default: bool


CAPTURE_ARGS = ("scene_type", "answers", "scene")


def _positional(
    function: Callable[..., Any], argnames: tuple[str, ...], order: tuple[str, ...]
) -> Callable[..., Any]:
    """``function`` callable with every argument of the spec in ``order``, positionally.

    pluggy lets an implementation take fewer arguments than its spec; this is called for every
    footprint, so the common case (all of them, in order) stays a plain call.
    """
    if argnames == order:
        return function
    return lambda *args: function(
        **{name: value for name, value in zip(order, args, strict=True) if name in argnames}
    )


def _names(value: str | None) -> set[str] | None:
    if value is None:
        return None
    return {part.strip() for part in value.split(",") if part.strip()}


class PluginHost:
    """Loads plugins once and answers what they registered.

    ``entrypoints=False`` loads only the core defaults plus ``plugins`` (name, module-or-object)
    given here, which is how tests and embedders build a host with exactly the plugins they want.
    ``pins`` pins factor table versions (``{"hotel.desnz": "2024"}``).
    """

    def __init__(
        self,
        *,
        entrypoints: bool = True,
        plugins: Sequence[tuple[str, object]] = (),
        environ: Mapping[str, str] | None = None,
        pins: Mapping[str, str] | None = None,
    ) -> None:
        self.pm = pluggy.PluginManager(NAME)
        self.pm.add_hookspecs(hookspecs)
        self._entrypoints = entrypoints
        self._extra = tuple(plugins)
        self._environ = os.environ if environ is None else environ
        self._pins = dict(pins or {})
        self._loaded = False
        self._dist: dict[str, tuple[str | None, str | None]] = {}
        self._defaults: set[str] = set()
        self.errors: list[PluginError] = []
        self.scene_types: dict[str, SceneType] = {}
        self.activity_kinds: dict[str, ActivityKind] = {}
        self.offset_providers: dict[str, Any] = {}
        self.payment_providers: dict[str, Any] = {}
        self._scene_type_owner: dict[str, str] = {}
        self._factor_set: FactorSet | None = None
        self._tables: list[FactorTable] = []
        self._capture: tuple[tuple[str, Callable[..., Any]], ...] = ()
        self._listeners: dict[str, tuple[tuple[str, Callable[..., Any], tuple[str, ...]], ...]] = {}

    # --- loading ----------------------------------------------------------------------------

    def load(self) -> PluginHost:
        """Import, register and validate every plugin, then collect registrations. Idempotent."""
        if self._loaded:
            return self
        self._loaded = True
        for module_name in DEFAULT_PLUGINS:
            self._register(module_name, importlib.import_module(module_name), CORE_DISTRIBUTION, None)
            self._defaults.add(module_name)
        if self._entrypoints:
            self._load_entrypoints()
        for name, plugin in self._extra:
            self._register(name, plugin, None, None)
        self._check_pending()
        self._collect()
        return self

    def _load_entrypoints(self) -> None:
        only = _names(self._environ.get("DIANDIAN_LOAD_PLUGINS"))
        blocked = _names(self._environ.get("DIANDIAN_DISABLE_PLUGINS")) or set()
        seen: set[str] = set()
        # reading a distribution's name and version parses its METADATA file: once per distribution
        about: dict[int, tuple[str | None, str | None]] = {}
        for ep in importlib.metadata.entry_points(group=NAME):
            if id(ep.dist) not in about:
                metadata = ep.dist.metadata if ep.dist else None
                about[id(ep.dist)] = (metadata["Name"], metadata["Version"]) if metadata else (None, None)
            dist, version = about[id(ep.dist)]
            if ep.name in seen:
                continue
            seen.add(ep.name)
            if ep.name in blocked or (dist and dist in blocked):
                continue
            if only is not None and ep.name not in only and dist not in only:
                continue
            try:
                plugin = ep.load()
            except Exception as exc:
                self.errors.append(PluginError(ep.name, dist, f"failed to import {ep.value}: {exc!r}"))
                continue
            self._register(ep.name, plugin, dist, version)

    def _register(self, name: str, plugin: object, dist: str | None, version: str | None) -> None:
        try:
            self.pm.register(plugin, name=name)
        except Exception as exc:
            self.errors.append(PluginError(name, dist, f"failed validation: {exc}"))
            return
        # built-in plugins share one distribution but version themselves: show the module's own
        own = getattr(plugin, "__version__", None) if isinstance(plugin, types.ModuleType) else None
        self._dist[name] = (dist, own if isinstance(own, str) else version)

    def _check_pending(self) -> None:
        while True:
            try:
                self.pm.check_pending()
                return
            except pluggy.PluginValidationError as exc:
                name = self.pm.get_name(exc.plugin) or repr(exc.plugin)
                self.pm.unregister(exc.plugin)
                self.errors.append(
                    PluginError(name, self._dist.get(name, (None,))[0], f"failed validation: {exc}")
                )

    def _impls(self, hook: str) -> list[tuple[str, Callable[..., Any], tuple[str, ...]]]:
        # pluggy calls the last registered first; keep that order so behaviour matches pm.hook
        caller = getattr(self.pm.hook, hook)
        return [
            (impl.plugin_name, impl.function, tuple(impl.argnames))
            for impl in reversed(caller.get_hookimpls())
        ]

    def _registrations(
        self, hook: str, extra: Mapping[str, Any] | None = None
    ) -> Iterator[tuple[str, list[Any]]]:
        """Call a registration hook plugin by plugin; yield what each registered if it did not raise."""
        for plugin, function, argnames in self._impls(hook):
            items: list[Any] = []
            kwargs: dict[str, Any] = {"register": lambda *args, _items=items: _items.append(args)}
            kwargs.update(extra or {})
            try:
                function(**{k: kwargs[k] for k in argnames})
            except Exception as exc:
                self._fail(plugin, hook, exc)
                continue
            yield plugin, items

    def _fail(self, plugin: str, hook: str, exc: BaseException) -> PluginError:
        error = PluginError(plugin, self.distribution(plugin), f"raised in {hook}: {exc!r}")
        self.errors.append(error)
        return error

    def _collect(self) -> None:
        for _, items in self._registrations("diandian_register_activity_kinds"):
            for (kind,) in items:
                self.activity_kinds.setdefault(kind.key, kind)
        for plugin, items in self._registrations("diandian_register_scene_types"):
            for (scene_type,) in items:
                owner = self._scene_type_owner.get(scene_type.name)
                if owner is not None:
                    self.errors.append(
                        PluginError(
                            plugin,
                            self.distribution(plugin),
                            f"scene type {scene_type.name!r} is already registered by plugin {owner!r}",
                        )
                    )
                    continue
                self._scene_type_owner[scene_type.name] = plugin
                self.scene_types[scene_type.name] = scene_type
                for kind in scene_type.activity_kinds:
                    self.activity_kinds.setdefault(kind.key, kind)
        kinds = types.MappingProxyType(self.activity_kinds)
        for _, items in self._registrations("diandian_register_factor_tables", {"kinds": kinds}):
            self._tables.extend(table for (table,) in items)
        for hook, target in (
            ("diandian_register_offset_providers", self.offset_providers),
            ("diandian_register_payment_providers", self.payment_providers),
        ):
            for _, items in self._registrations(hook):
                for name, provider in items:
                    target.setdefault(name, provider)
        self._capture = tuple(
            (p, _positional(f, names, CAPTURE_ARGS))
            for p, f, names in self._impls("diandian_capture_activities")
        )
        for hook in (
            "diandian_footprint_computed",
            "diandian_order_paid",
            "diandian_certificate_issued",
        ):
            self._listeners[hook] = tuple(self._impls(hook))

    # --- answers ----------------------------------------------------------------------------

    def distribution(self, plugin: str) -> str | None:
        return self._dist.get(plugin, (None, None))[0]

    def scene_type(self, name: str) -> SceneType:
        self.load()
        try:
            return self.scene_types[name]
        except KeyError:
            raise UnknownName("scene type", name, self.scene_types) from None

    @property
    def factor_set(self) -> FactorSet:
        self.load()
        if self._factor_set is None:
            self._factor_set = FactorSet(self._tables, self._pins)
        return self._factor_set

    def capture(self, scene_type: str, answers: Mapping[str, Any], scene: Scene) -> list[Activity]:
        """Every plugin's activities for these answers; a plugin that raises is named in the error."""
        activities: list[Activity] = []
        for plugin, function in self._capture:
            try:
                result = function(scene_type, answers, scene)
            except ValidationFailed:
                raise  # bad answers found while capturing (an unknown city): the visitor's to fix
            except Exception as exc:
                raise self._fail(plugin, "diandian_capture_activities", exc) from exc
            if result:
                activities.extend(result)
        return activities

    def has_listeners(self, hook: str) -> bool:
        return bool(self._listeners.get(hook))

    def notify(self, hook: str, **kwargs: Any) -> None:
        """Call a notification hook; a listener that raises is reported and the rest still run."""
        for plugin, function, argnames in self._listeners.get(hook, ()):
            try:
                function(**{name: kwargs[name] for name in argnames})
            except Exception as exc:
                self._fail(plugin, hook, exc)

    def plugins(self, *, include_defaults: bool = False) -> list[PluginInfo]:
        self.load()
        infos = []
        for name, plugin in self.pm.list_name_plugin():
            default = name in self._defaults
            if default and not include_defaults:
                continue
            dist, version = self._dist.get(name, (None, None))
            hooks = tuple(sorted(c.name for c in self.pm.get_hookcallers(plugin) or ()))
            owned = tuple(sorted(t for t, owner in self._scene_type_owner.items() if owner == name))
            infos.append(PluginInfo(name, dist, version, hooks, owned, default))
        return sorted(infos, key=lambda info: info.name)


_default_host: PluginHost | None = None


def get_host() -> PluginHost:
    """The process-wide host with every installed plugin, loaded on first use."""
    global _default_host
    if _default_host is None:
        _default_host = PluginHost().load()
    return _default_host
