"""Hook specifications: the whole contract between newsingest and its plugins.

A plugin is a module or object with functions marked ``@newsingest.hookimpl`` whose names match
the hooks below. Third-party plugins are found through the ``newsingest`` entry-point group; the
built-in parsers, repairs and exporters register through the very same hooks.

Ordering follows pluggy: implementations run last-registered first, so third-party plugins (loaded
after the built-ins) are called before them; ``@hookimpl(tryfirst=True)`` or
``@hookimpl(trylast=True)`` moves an implementation to the front or back. For the registry hooks
below the call order *is* the registration order, which is what settles parser ties and the order
of repair steps. No hook here is ``firstresult``: every implementation is called.

The registry hooks are called once per process, when the registry is first needed (plugins load
lazily); ``register_commands`` when the command line first looks up a command. A plugin whose
import fails or whose hook raises is skipped with a ``PluginWarning`` naming it; the rest keep
working.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from collections.abc import Callable

    import click

    from newsingest.export import Exporter
    from newsingest.parsers.base import Parser
    from newsingest.repair.pipeline import RepairStep

PROJECT = "newsingest"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def register_parsers(register: Callable[[Parser], None]) -> None:
    """Register input parsers.

    :param register: call ``register(parser)`` once per parser. ``parser`` has ``name`` (unique,
        used by ``--parser NAME``), ``version``, ``media_types`` and ``extensions`` (tuples of
        strings it claims), ``sniff(head: bytes) -> float`` (confidence 0..1 from the first 4 KiB)
        and ``parse(source: Input, context: ParseContext) -> Document``. An optional
        ``option_types`` (option name -> ``str``/``bool``/``int``/``float``) declares the options
        ``parse`` reads from ``context.options``; ``newsingest.parse`` refuses an option no
        registered parser declares, and ``convert --option`` checks and converts them.
        ``register`` raises ``PluginError`` for a malformed parser or a name already taken.
    :return: nothing; the return value is ignored.

    Ordering: when two parsers claim an input with the same confidence, the one registered first
    wins, so a third-party parser (called before the built-ins) can take over a format. Use
    ``trylast=True`` to be a fallback instead. A name belongs to whoever registers it first: a
    plugin that registers ``"pdf"`` replaces the built-in, which is then skipped with a
    ``PluginWarning`` (a refused item costs only itself, never the rest of its plugin).

    ``firstresult``: no — every implementation is called.
    """


@hookspec
def register_repairs(register: Callable[[RepairStep], None]) -> None:
    """Register text-repair steps, run in registration order on every extracted text.

    :param register: call ``register(step)`` with a ``RepairStep(name, fix, description,
        removes=False)``. ``fix`` is a pure, idempotent ``str -> str`` that keeps the number of
        lines (newlines are never added or removed); ``removes`` marks steps that delete
        information, whose every location is logged. ``origins=frozenset({TextOrigin.EXTRACTED})``
        marks damage only text read back from a page carries (PDF text layers, their dumps, OCR):
        the step is skipped on text from a parser of markup media types (HTML, XML, DOCX), which
        is the author's own characters. ``register`` raises ``PluginError`` for a duplicate name
        or a ``fix`` that is not callable.
    :return: nothing; the return value is ignored.

    Ordering: the built-in steps are registered ``tryfirst`` so that encoding repair (ftfy) runs
    before anything else; a plugin's steps run after them unless it also asks for ``tryfirst``.
    At parse time a step that raises (or breaks the line contract) is skipped and the Document
    gets a ``repair-step-failed`` warning.

    ``firstresult``: no — every implementation is called.
    """


@hookspec
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register output formats.

    :param register: call ``register(exporter)`` with an ``Exporter(name, extension, media_type,
        export)``, where ``export(doc: Document) -> str``; ``options=("name", ...)`` lists keyword
        options ``export`` also takes (the CLI offers ``--front-matter`` only to an exporter listing
        ``front_matter``). ``register`` raises ``PluginError`` for a duplicate name.
    :return: nothing; the return value is ignored.

    Ordering: the built-in exporters register ``tryfirst``, so ``json``, ``jsonl``, ``markdown``,
    ``text`` and ``chunks`` always mean the built-in formats; a plugin's exporter under one of
    those names is refused with a ``PluginWarning``. Otherwise the first exporter registered under
    a name keeps it.

    ``firstresult``: no — every implementation is called.
    """


@hookspec
def register_commands(cli: click.Group) -> None:
    """Add sub-commands to the ``newsingest`` command line.

    :param cli: the root ``click.Group``; call ``cli.add_command(cmd)`` or decorate with
        ``@cli.command()``.
    :return: nothing; the return value is ignored.

    Ordering: the built-in commands are defined first (``parse``, ``plugins``) or registered
    ``tryfirst`` (``convert``, ``inspect``); a plugin command whose name is taken is ignored with a
    ``PluginWarning``. The hook is called the first time the command line looks up a command.

    ``firstresult``: no — every implementation is called.
    """
