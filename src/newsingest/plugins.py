"""The plugin manager: built-ins and entry points, loaded lazily and once, failures isolated.

``get_registry()`` is the only way in: the first call imports the built-in plugin modules and the
``newsingest`` entry points (restricted by ``NEWSINGEST_PLUGINS``), calls the ``register_*`` hooks
and caches the result. A plugin that fails to import or raises in a hook is skipped with a
``PluginWarning``; the library keeps working without it.
"""

from __future__ import annotations

import importlib
import os
import warnings
from collections.abc import Callable
from importlib.metadata import entry_points
from typing import Any

import attrs
import pluggy

from newsingest import hookspecs
from newsingest.errors import PluginError
from newsingest.export import Exporter
from newsingest.parsers.base import Parser
from newsingest.repair.pipeline import RepairPipeline

__all__ = ["BUILTIN_PLUGINS", "PluginWarning", "Registry", "get_plugin_manager", "get_registry"]

BUILTIN_PLUGINS = (
    "newsingest.parsers.text",
    "newsingest.parsers.pdf",
    "newsingest.parsers.html",
    "newsingest.repair.builtin",
    "newsingest.export.builtin",
    "newsingest.inspection.cli",
    "newsingest.batch.cli",
)
ENV_VAR = "NEWSINGEST_PLUGINS"


class PluginWarning(UserWarning):
    """A plugin was skipped because it failed to load or raised in a hook."""


@attrs.define
class Registry:
    """Everything the plugins registered, and which distribution each item came from."""

    parsers: dict[str, Parser] = attrs.field(factory=dict)
    repairs: RepairPipeline = attrs.field(factory=RepairPipeline)
    exporters: dict[str, Exporter] = attrs.field(factory=dict)
    origin: dict[tuple[str, str], str] = attrs.field(factory=dict)

    def add_parser(self, parser: Parser) -> None:
        for attr in ("name", "version", "media_types", "extensions", "sniff", "parse"):
            if not hasattr(parser, attr):
                raise PluginError(f"parser {parser!r} has no {attr!r}")
        if not isinstance(parser.name, str) or not parser.name.isidentifier():
            raise PluginError(f"parser name {parser.name!r} must be a simple identifier")
        if not isinstance(parser.version, str):
            raise PluginError(f"parser {parser.name!r}: version must be a str")
        for attr in ("media_types", "extensions"):
            value = getattr(parser, attr)
            if not isinstance(value, tuple) or not all(isinstance(v, str) for v in value):
                raise PluginError(f"parser {parser.name!r}: {attr} must be a tuple of str, "
                                  f"got {value!r}")
        if not all(ext.startswith(".") and ext == ext.lower() for ext in parser.extensions):
            raise PluginError(f"parser {parser.name!r}: extensions are lower case with the dot "
                              f"('.pdf'), got {parser.extensions!r}")
        if not (callable(parser.sniff) and callable(parser.parse)):
            raise PluginError(f"parser {parser.name!r}: sniff and parse must be callable")
        if parser.name in self.parsers:
            raise PluginError(f"a parser named {parser.name!r} is already registered")
        self.parsers[parser.name] = parser

    def add_exporter(self, exporter: Exporter) -> None:
        if not isinstance(exporter, Exporter):
            raise PluginError(f"register_exporters expects an Exporter, got {exporter!r}")
        if exporter.name in self.exporters:
            raise PluginError(f"an exporter named {exporter.name!r} is already registered")
        self.exporters[exporter.name] = exporter


def _wanted() -> set[str] | None:
    value = os.environ.get(ENV_VAR)
    if value is None:
        return None
    return {name.strip() for name in value.split(",") if name.strip()}


def _warn(message: str) -> None:
    # A warning, not a log record: callers filter or escalate warnings; the CLI routes them to
    # its log (logging.captureWarnings) so the user sees each once.
    warnings.warn(message, PluginWarning, stacklevel=3)


_manager: pluggy.PluginManager | None = None
_distributions: dict[str, str] = {}


def get_plugin_manager() -> pluggy.PluginManager:
    """The process-wide plugin manager, with built-ins and entry points loaded (once)."""
    global _manager
    if _manager is not None:
        return _manager
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    for module_name in BUILTIN_PLUGINS:
        pm.register(importlib.import_module(module_name), name=module_name)
        _distributions[module_name] = "newsingest"
    wanted = _wanted()
    for ep in entry_points(group=hookspecs.PROJECT):
        if wanted is not None and ep.name not in wanted:
            continue
        dist = ep.dist.name if ep.dist is not None else ep.value
        try:
            plugin = ep.load()
            pm.register(plugin, name=ep.name)
        except Exception as exc:
            _warn(f"plugin {ep.name!r} (from {dist}) failed to load and is skipped: {exc!r}")
            continue
        _distributions[ep.name] = dist
    _manager = pm
    return pm


def call_isolated(hook_name: str, kwargs_for: Callable[[str], dict[str, Any]]) -> None:
    """Call every implementation of a hook separately, in pluggy's order, skipping failures.

    pluggy would abort the whole call at the first exception; here a failing implementation costs
    only its own plugin. ``kwargs_for(plugin_name)`` builds each call's arguments, so a
    ``register`` callback can record which plugin registered what.
    """
    caller = getattr(get_plugin_manager().hook, hook_name)
    for impl in reversed(caller.get_hookimpls()):  # pluggy calls the list back to front
        try:
            impl.function(**kwargs_for(impl.plugin_name))
        except Exception as exc:
            dist = _distributions.get(impl.plugin_name, "?")
            _warn(f"plugin {impl.plugin_name!r} (from {dist}) raised in {hook_name} "
                  f"and is skipped: {exc!r}")


_registry: Registry | None = None


def get_registry() -> Registry:
    """The registry filled by every plugin's ``register_*`` hooks; built on first use."""
    global _registry
    if _registry is not None:
        return _registry
    registry = Registry()
    for hook_name, kind, add in (
        ("register_parsers", "parser", registry.add_parser),
        ("register_repairs", "repair", registry.repairs.add),
        ("register_exporters", "exporter", registry.add_exporter),
    ):

        def kwargs_for(plugin: str, kind: str = kind, add: Callable[[Any], None] = add
                       ) -> dict[str, Any]:
            def register(item: Any) -> None:
                # One bad item costs only itself: the plugin's other registrations (and, for a
                # duplicate name, the built-in that holds it) stay.
                try:
                    add(item)
                except PluginError as exc:
                    dist = _distributions.get(plugin, plugin)
                    _warn(f"plugin {plugin!r} (from {dist}): {kind} not registered: {exc}")
                    return
                registry.origin[(kind, item.name)] = _distributions.get(plugin, plugin)

            return {"register": register}

        call_isolated(hook_name, kwargs_for)
    _registry = registry
    return registry


def reset() -> None:
    """Forget the loaded plugins (tests, or after installing a plugin in a running process)."""
    global _manager, _registry
    _manager = None
    _registry = None
    _distributions.clear()
