"""The per-file conversion: one pure function, name and bytes (or a path) in, a Result out.

:func:`convert_one` never raises: every exception a parser, plugin or exporter throws becomes a
``failed`` Result with the exception's type name and message, so any engine (the local process
pool, a cluster) can map it over inputs and record the outcome. :func:`run_task` adds the one
side effect an engine needs, writing the output atomically inside OUTDIR, and is what the local
pool's workers call. Neither knows anything about processes, timeouts or the manifest.
"""

from __future__ import annotations

import hashlib
import os
import resource
import sys
import time
from collections.abc import Mapping
from typing import Any

import attrs

from newsingest.model import Document

__all__ = ["Result", "Settings", "Task", "convert_one", "page_count", "peak_rss_mib", "run_task"]


@attrs.frozen
class Task:
    """One input to convert: its name and either a path to read or the bytes themselves."""

    name: str
    path: str | None = None
    data: bytes | None = attrs.field(default=None, repr=False)
    output: str | None = None


@attrs.frozen
class Settings:
    """What every task of a run shares: format, parser, parser options, and OUTDIR (if writing)."""

    fmt: str = "json"
    parser: str | None = None
    options: tuple[tuple[str, Any], ...] = ()
    outdir: str | None = None


@attrs.frozen
class Result:
    """The outcome of one conversion. ``rendered`` is the output text until it is written."""

    name: str
    status: str
    sha256: str | None = None
    size: int | None = None
    error_type: str | None = None
    message: str | None = None
    pages: int = 0
    seconds: float = 0.0
    parser: str | None = None
    rendered: str | None = attrs.field(default=None, repr=False)
    output: str | None = None
    peak_rss_mib: float | None = None


def page_count(doc: Document) -> int:
    """Pages of a document (``Document.page_count``, kept here for the batch engines)."""
    return doc.page_count


def peak_rss_mib() -> float:
    """This process's peak resident set size so far, in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def _failure(name: str, exc: BaseException, started: float, **fields: Any) -> Result:
    message = str(exc) or repr(exc)
    if isinstance(exc, MemoryError):
        message = "out of memory (over the worker's --max-memory cap?)"
    return Result(name=name, status="failed", error_type=type(exc).__name__,
                  message=message[:2000], seconds=round(time.perf_counter() - started, 3),
                  **fields)


def convert_one(
    name: str,
    source: bytes | str | os.PathLike[str],
    *,
    parser: str | None = None,
    options: Mapping[str, Any] | None = None,
    fmt: str = "json",
) -> Result:
    """Parse ``source`` (bytes, or a path to read) named ``name`` and render it as ``fmt``.

    ``name`` labels the document (``source.name``) and every message. Never raises for a bad
    input or a misbehaving plugin; only ``KeyboardInterrupt`` goes through.
    """
    from newsingest.api import parse_input
    from newsingest.parsers.base import Input
    from newsingest.plugins import get_registry

    started = time.perf_counter()
    fields: dict[str, Any] = {}
    try:
        if isinstance(source, (bytes, bytearray, memoryview)):
            data = bytes(source)
        else:
            with open(source, "rb") as handle:
                data = handle.read()
        fields = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        exporter = get_registry().exporters.get(fmt)
        if exporter is None:
            raise LookupError(f"no output format {fmt!r}")
        doc = parse_input(Input(data, name=name), parser=parser, **dict(options or {}))
        rendered = exporter.export(doc)
    except (Exception, SystemExit) as exc:
        return _failure(name, exc, started, **fields)
    return Result(name=name, status="ok", pages=page_count(doc), parser=doc.source.parser,
                  rendered=rendered, seconds=round(time.perf_counter() - started, 3), **fields)


def run_task(task: Task, settings: Settings) -> Result:
    """Convert one task; when ``settings.outdir`` and ``task.output`` are set, write the output.

    The written Result drops ``rendered`` (the text is on disk); a failed write turns the
    Result into a failure. ``peak_rss_mib`` reports this process's peak so far.
    """
    from newsingest.batch.outputs import write_atomic

    source: bytes | str = task.data if task.data is not None else (task.path or "")
    result = convert_one(task.name, source, parser=settings.parser,
                         options=dict(settings.options), fmt=settings.fmt)
    if result.status == "ok" and settings.outdir is not None and task.output is not None:
        try:
            write_atomic(settings.outdir, task.output, result.rendered or "")
        except (OSError, ValueError) as exc:
            result = attrs.evolve(result, status="failed", error_type=type(exc).__name__,
                                  message=f"cannot write the output: {exc}", rendered=None)
        else:
            result = attrs.evolve(result, rendered=None, output=task.output)
    return attrs.evolve(result, peak_rss_mib=peak_rss_mib())
