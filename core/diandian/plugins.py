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
import threading
import types
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import pluggy

from . import hookspecs
from .errors import PluginError, UnknownName, ValidationFailed

if TYPE_CHECKING:
    # only named in signatures here; the plugins that declare scene types import them, and
    # ``diandian plugins`` pays for no more than they do
    from .activities import Activity, ActivityKind
    from .factor_set import FactorSet
    from .factors import FactorTable
    from .scene_types import DerivedTable, FactorFile, SceneType
    from .scenes import Scene

NAME = "diandian"
CORE_DISTRIBUTION = "diandian"

hookimpl = pluggy.HookimplMarker(NAME)
"""Marker for plugin hook implementations: ``@diandian.hookimpl``."""

# The core's own behaviour written as hookimpls, registered like any plugin (datasette-style).
DEFAULT_PLUGINS: tuple[str, ...] = (
    "diandian.travel.plugin",
    "diandian.energy.plugin",
    "diandian.food.plugin",
    "diandian.lodging.plugin",
    "diandian.spend.plugin",
    "diandian.offsets.plugin",
    "diandian.client.plugin",
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


# what a plugin can do to us while importing or in a hook: raise, or call sys.exit()
PLUGIN_FAILURES = (Exception, SystemExit)


def register_scene_types(*scene_types: SceneType) -> Callable[[Callable[[SceneType], None]], None]:
    """The ``diandian_register_scene_types`` implementation registering ``scene_types``.

    A plugin whose scene types carry their capture and factor tables needs nothing else::

        diandian_register_scene_types = diandian.register_scene_types(SCENE_TYPE)
    """

    @hookimpl
    def diandian_register_scene_types(register: Callable[[SceneType], None]) -> None:
        for scene_type in scene_types:
            register(scene_type)

    return diandian_register_scene_types


_HOOKABLE = (types.FunctionType, types.MethodType, staticmethod, classmethod)


class _PluginManager(pluggy.PluginManager):
    """pluggy's manager, quicker to register module plugins.

    pluggy looks at every name a plugin module holds with :func:`inspect.getattr_static`, slow
    enough to show when listing plugins; for a module this is a lookup in its namespace, so the
    names that cannot be hooks (constants, classes, imported modules: none of the kinds of object
    pluggy's own lookup accepts) are skipped before it.
    """

    def parse_hookimpl_opts(self, plugin: object, name: str) -> pluggy.HookimplOpts | None:
        if isinstance(plugin, types.ModuleType) and not isinstance(vars(plugin).get(name), _HOOKABLE):
            return None
        return super().parse_hookimpl_opts(plugin, name)


def _entry_points() -> list[importlib.metadata.EntryPoint]:
    """The ``diandian`` entry points of every installed distribution, in ``sys.path`` order.

    What ``importlib.metadata.entry_points(group="diandian")`` finds, for a third of what it
    costs: it parses every distribution's ``entry_points.txt`` (console scripts and all) before
    selecting the group, where only the files naming the group need parsing. A distribution
    found twice on the path gives its entry points twice; :meth:`PluginHost._load_entrypoints`
    keeps the first, as ``entry_points()`` would.
    """
    section = f"[{NAME}]"
    return [
        ep
        for dist in importlib.metadata.distributions()
        if section in (dist.read_text("entry_points.txt") or "")
        for ep in dist.entry_points.select(group=NAME)
    ]


def _name_and_version(dist: importlib.metadata.Distribution | None) -> tuple[str | None, str | None]:
    """A distribution's name and version, read from the head of its METADATA file.

    ``Distribution.metadata`` parses the whole file as an e-mail message, a good part of what
    listing plugins costs; the two fields shown are single lines among the first headers.
    """
    content = dist.read_text("METADATA") or dist.read_text("PKG-INFO") if dist else None
    found: dict[str, str] = {}
    for line in (content or "").splitlines():
        if not line:
            break  # the headers end at the first empty line
        key, colon, value = line.partition(":")
        if colon and key.lower() in ("name", "version"):
            found.setdefault(key.lower(), value.strip())
    return found.get("name"), found.get("version")


def _names(value: str | None) -> set[str] | None:
    if value is None:
        return None
    return {part.strip() for part in value.split(",") if part.strip()}


class PluginHost:
    """Loads plugins once and answers what they registered.

    ``entrypoints=False`` loads only the core defaults plus ``plugins`` (name, module-or-object)
    given here, which is how tests and embedders build a host with exactly the plugins they want.
    ``pins`` pins factor table versions (``{"hotel.desnz": "2024.1.1"}``); a table or version that
    no plugin registered raises :class:`UnknownName` when the host loads (an :class:`Engine` loads
    it when made), before any factor table is read.
    """

    def __init__(
        self,
        *,
        entrypoints: bool = True,
        plugins: Sequence[tuple[str, object]] = (),
        environ: Mapping[str, str] | None = None,
        pins: Mapping[str, str] | None = None,
    ) -> None:
        self.pm: pluggy.PluginManager = _PluginManager(NAME)
        self.pm.add_hookspecs(hookspecs)
        self._entrypoints = entrypoints
        self._extra = tuple(plugins)
        self._environ = os.environ if environ is None else environ
        self._pins = dict(pins or {})
        self._loaded = False
        self._dist: dict[str, tuple[str | None, str | None]] = {}
        self._defaults: set[str] = set()
        self._loading = threading.RLock()
        self.errors: list[PluginError] = []
        self.scene_types: dict[str, SceneType] = {}
        self.activity_kinds: dict[str, ActivityKind] = {}
        self.offset_providers: dict[str, Any] = {}
        self.payment_providers: dict[str, Any] = {}
        self._scene_type_owner: dict[str, str] = {}
        self._kind_owner: dict[str, str] = {}
        self._factor_set: FactorSet | None = None
        self._table_sources: list[tuple[str, FactorFile | DerivedTable]] = []
        self._hook_tables: list[tuple[str, FactorTable | FactorFile | DerivedTable]] | None = None
        self._declared_capture: dict[str, tuple[str, SceneType]] = {}
        self._capture: tuple[tuple[str, Callable[..., Any]], ...] = ()
        self._listeners: dict[str, tuple[tuple[str, Callable[..., Any], tuple[str, ...]], ...]] = {}

    # --- loading ----------------------------------------------------------------------------

    def load(self) -> PluginHost:
        """Import, register and validate every plugin, then collect registrations. Idempotent."""
        if self._loaded:
            return self
        # a web server's first requests arrive on several threads at once: one loads, the others
        # wait, and none sees a half-loaded host
        with self._loading:
            if self._loaded:
                return self
            for module_name in DEFAULT_PLUGINS:
                self._register(module_name, importlib.import_module(module_name), CORE_DISTRIBUTION, None)
                self._defaults.add(module_name)
            if self._entrypoints:
                self._load_entrypoints()
            for name, plugin in self._extra:
                self._register(name, plugin, None, None)
            self._check_pending()
            self._collect()
            self._loaded = True
            if self._pins:
                # a bad pin fails where it is given, from the tables' names and versions alone
                self._check_pins()
        return self

    def _load_entrypoints(self) -> None:
        only = _names(self._environ.get("DIANDIAN_LOAD_PLUGINS"))
        blocked = _names(self._environ.get("DIANDIAN_DISABLE_PLUGINS")) or set()
        # a distribution's name and version are read once, however many entry points it has
        about: dict[int, tuple[str | None, str | None]] = {}
        claimed: dict[str, list[tuple[importlib.metadata.EntryPoint, str | None, str | None]]] = {}
        for ep in _entry_points():
            if id(ep.dist) not in about:
                about[id(ep.dist)] = _name_and_version(ep.dist)
            dist, version = about[id(ep.dist)]
            if ep.name in blocked or (dist and dist in blocked):
                continue
            if only is not None and ep.name not in only and dist not in only:
                continue
            entries = claimed.setdefault(ep.name, [])
            if all(d != dist for _, d, _ in entries):
                entries.append((ep, dist, version))
        for name, entries in claimed.items():
            ep, dist, version = self._resolve_clash(name, entries)
            if ep is None:
                continue
            try:
                plugin = ep.load()
            except PLUGIN_FAILURES as exc:
                self.errors.append(PluginError(ep.name, dist, f"failed to import {ep.value}: {exc!r}"))
                continue
            self._register(ep.name, plugin, dist, version)

    def _resolve_clash(
        self, name: str, entries: list[tuple[importlib.metadata.EntryPoint, str | None, str | None]]
    ) -> tuple[Any, str | None, str | None]:
        """The one entry point to load under ``name``; a clash between distributions is reported,
        never settled silently by install order. A built-in plugin keeps its name; between two
        third-party distributions neither loads until one is disabled
        (``DIANDIAN_DISABLE_PLUGINS=<distribution>``)."""
        if len(entries) == 1:
            return entries[0]
        dists = sorted(str(d) for _, d, _ in entries)
        core = [e for e in entries if e[1] == CORE_DISTRIBUTION]
        for _, dist, _ in entries:
            if core and dist == CORE_DISTRIBUTION:
                continue
            kept = f"; the built-in one from {CORE_DISTRIBUTION!r} is kept" if core else "; none is loaded"
            others = ", ".join(repr(d) for d in dists if d != str(dist))
            self.errors.append(
                PluginError(
                    name,
                    dist,
                    f"entry point name {name!r} is also used by distribution {others}{kept} "
                    f"(disable one with DIANDIAN_DISABLE_PLUGINS=<distribution>)",
                )
            )
        return core[0] if core else (None, None, None)

    def _register(self, name: str, plugin: object, dist: str | None, version: str | None) -> None:
        try:
            self.pm.register(plugin, name=name)
        except PLUGIN_FAILURES as exc:
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
            except PLUGIN_FAILURES as exc:
                self._fail(plugin, hook, exc)
                continue
            yield plugin, items

    def _fail(self, plugin: str, hook: str, exc: BaseException) -> PluginError:
        error = PluginError(plugin, self.distribution(plugin), f"raised in {hook}: {exc!r}")
        self.errors.append(error)
        return error

    def _add_kind(self, plugin: str, kind: ActivityKind) -> None:
        """Keep the first registration of an activity kind; the same key in another unit is an
        error naming both plugins (its factors would be converted to the wrong unit)."""
        known = self.activity_kinds.get(kind.key)
        if known is None:
            self.activity_kinds[kind.key] = kind
            self._kind_owner[kind.key] = plugin
        elif known.unit != kind.unit:
            self.errors.append(
                PluginError(
                    plugin,
                    self.distribution(plugin),
                    f"activity kind {kind.key!r} in {kind.unit!r} is already registered in "
                    f"{known.unit!r} by plugin {self._kind_owner[kind.key]!r}",
                )
            )

    def _collect(self) -> None:
        for plugin, items in self._registrations("diandian_register_activity_kinds"):
            for (kind,) in items:
                self._add_kind(plugin, kind)
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
                    self._add_kind(plugin, kind)
                # its capture may be an import reference: resolved when first called, not here
                self._declared_capture[scene_type.name] = (plugin, scene_type)
                self._table_sources.extend((plugin, source) for source in scene_type.factor_tables)
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
            pass
        failed = next((e for e in self.errors if e.plugin == name), None)
        if failed is not None:  # the plugin named like the scene type failed: say so, not "unknown"
            raise PluginError(
                failed.plugin, failed.distribution, f"scene type {name!r} is unavailable: {failed.reason}"
            )
        note = "; ".join(str(e) for e in self.errors)
        raise UnknownName(
            "scene type", name, self.scene_types, note=f"plugins that failed to load: {note}" if note else ""
        )

    @property
    def factor_set(self) -> FactorSet:
        """Every factor table, read on first use (not at plugin load), one version per table id.

        Raises :class:`UnknownName` for a pinned table or version nobody registered (already when
        the host loads: see :meth:`_check_pins`).
        """
        from .factor_set import FactorSet

        self.load()
        if self._factor_set is None:
            self._factor_set = FactorSet(self._load_tables(), self._pins)
        return self._factor_set

    def _registered_tables(self) -> list[tuple[str, FactorTable | FactorFile | DerivedTable]]:
        """What the registration hook registered, by plugin; the hook is called once."""
        if self._hook_tables is None:
            kinds = types.MappingProxyType(self.activity_kinds)
            self._hook_tables = [
                (plugin, table)
                for plugin, items in self._registrations("diandian_register_factor_tables", {"kinds": kinds})
                for (table,) in items
            ]
        return self._hook_tables

    def _check_pins(self) -> None:
        """Raise :class:`UnknownName` for a pinned table or version nobody registered, without
        reading the tables that are files or derived (their id and version are known before)."""
        from .factor_set import check_pins

        versions: dict[str, set[str]] = {}
        for _, table in [*self._registered_tables(), *self._table_sources]:
            versions.setdefault(table.id, set()).add(table.version)
        check_pins(versions, self._pins)

    def _load_tables(self) -> list[FactorTable]:
        """Tables from the registration hook, then those scene types carry (each source once);
        a table that fails to load is recorded against its plugin and the others stand."""
        from .factors import FactorTable

        kinds = types.MappingProxyType(self.activity_kinds)
        tables: list[FactorTable] = []
        seen: set[FactorFile | DerivedTable] = set()
        for plugin, source in [*self._registered_tables(), *self._table_sources]:
            if isinstance(source, FactorTable):
                tables.append(source)
                continue
            if source in seen:
                continue
            seen.add(source)
            try:
                tables.append(source.load(kinds))
            except PLUGIN_FAILURES as exc:
                self.errors.append(
                    PluginError(
                        plugin, self.distribution(plugin), f"failed to load factor table {source.id}: {exc}"
                    )
                )
        return tables

    def capture(self, scene_type: str, answers: Mapping[str, Any], scene: Scene) -> list[Activity]:
        """The scene type's own capture, then every hook's activities for these answers; a plugin
        that raises is named in the error (a :class:`ValidationFailed` passes through)."""
        activities: list[Activity] = []
        declared = self._declared_capture.get(scene_type)
        if declared is not None:
            plugin, declaring = declared
            try:
                own = declaring.capture  # a bad import reference is this plugin's failure too
                if own is not None:
                    activities.extend(own(answers, scene))
            except ValidationFailed:
                raise
            except PLUGIN_FAILURES as exc:
                raise self._fail(plugin, f"the capture of scene type {scene_type!r}", exc) from exc
        for plugin, function in self._capture:
            try:
                result = function(scene_type, answers, scene)
            except ValidationFailed:
                raise  # bad answers found while capturing (an unknown city): the visitor's to fix
            except PLUGIN_FAILURES as exc:
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
            except PLUGIN_FAILURES as exc:
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
