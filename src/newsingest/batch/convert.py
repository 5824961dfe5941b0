"""The per-file conversion: one pure function, and the one task function every engine runs.

:func:`convert_one` never raises: every exception a parser, plugin or exporter throws becomes a
``failed`` :class:`~newsingest.batch.record.Record` with the exception's type name and message.
:func:`run_task` is what a worker of either engine runs for one input: read it (a local path,
a URL, or bytes the runner read from an archive) under the size limit, settle ``--resume``'s
question when the runner could not (:func:`~newsingest.batch.decide.keep_previous`: the bytes are
here), convert, and write the output through the run's store. Neither knows anything about
processes, timeouts or the manifest.
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

from newsingest.batch.compressed import decompress, inner_name
from newsingest.batch.decide import keep_previous
from newsingest.batch.record import Converted, Record, Status
from newsingest.batch.sources import open_input
from newsingest.batch.store import FsspecStore, LocalStore
from newsingest.errors import TooLargeError
from newsingest.model import Document

__all__ = ["Settings", "Task", "convert_one", "page_count", "peak_rss_mib", "read_input",
           "run_task"]


@attrs.frozen
class Settings:
    """What every task of a run shares.

    ``store`` receives the outputs (``None``: the rendered text travels back in the
    :class:`Converted`, as ``-f jsonl`` and ``to_bag`` want); ``max_bytes`` caps each input
    (0: no cap).
    """

    fmt: str = "json"
    parser: str | None = None
    options: tuple[tuple[str, Any], ...] = ()
    store: LocalStore | FsspecStore | None = None
    max_bytes: int = 0


@attrs.frozen
class Task:
    """One input to convert: its name, and a location to open or the bytes themselves.

    ``check`` is the previous record to keep if the bytes are unchanged (``--resume``);
    ``stream_sha`` the sha256 of this name's line in ``documents.jsonl`` (``-f jsonl``).
    """

    name: str
    location: str | None = None
    data: bytes | None = attrs.field(default=None, repr=False)
    output: str | None = None
    source: str | None = None
    check: Record | None = None
    stream_sha: str | None = None


def page_count(doc: Document) -> int:
    """Pages of a document (``Document.page_count``, kept here for the batch engines)."""
    return doc.page_count


def peak_rss_mib() -> float:
    """This process's peak resident set size so far, in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def read_input(location: str, max_bytes: int = 0) -> bytes:
    """The bytes of one input; :class:`TooLargeError` past ``max_bytes`` (0: no cap), found
    by reading one byte more than the cap, never the whole file."""
    with open_input(location) as handle:
        data = handle.read(max_bytes + 1 if max_bytes else -1)
    if max_bytes and len(data) > max_bytes:
        raise TooLargeError(f"over the {max_bytes:,}-byte limit per input (--max-size); "
                            "raise the limit to convert it", source=location)
    return data


def _failure(name: str, exc: BaseException, started: float, **fields: Any) -> Record:
    message = str(exc) or repr(exc)
    if isinstance(exc, MemoryError):
        message = "out of memory (over the worker's --max-memory cap?)"
    return Record(name, Status.FAILED, error_type=type(exc).__name__, message=message[:2000],
                  seconds=round(time.perf_counter() - started, 3), **fields)


def convert_one(
    name: str,
    source: bytes | str | os.PathLike[str],
    *,
    parser: str | None = None,
    options: Mapping[str, Any] | None = None,
    fmt: str = "json",
    max_bytes: int = 0,
) -> Converted:
    """Parse ``source`` (bytes, or a location to read) named ``name`` and render it as ``fmt``.

    ``name`` labels the document (``source.name``) and every message. Never raises for a bad
    input or a misbehaving plugin; only ``KeyboardInterrupt`` goes through.
    """
    from newsingest.api import parse_input
    from newsingest.export import find_exporter
    from newsingest.parsers.base import Input
    from newsingest.plugins import get_registry

    started = time.perf_counter()
    fields: dict[str, Any] = {}
    try:
        if isinstance(source, (bytes, bytearray, memoryview)):
            data = bytes(source)
        else:
            data = read_input(os.fspath(source), max_bytes)
        fields = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        exporter = find_exporter(get_registry().exporters, fmt)
        if exporter is None:
            raise LookupError(f"no output format {fmt!r}")
        inner = inner_name(name)
        if inner != name:  # story.html.gz: the page inside is the input
            data = decompress(data, max_bytes, name)
        source_input = Input(data, name=inner)
        del data  # the Input holds the only copy; it goes when the parse is done
        doc = parse_input(source_input, parser=parser, **dict(options or {}))
        del source_input
        rendered = exporter.export(doc)
    except (Exception, SystemExit) as exc:
        return Converted(_failure(name, exc, started, **fields))
    record = Record(name, Status.OK, pages=page_count(doc), parser=doc.source.parser,
                    seconds=round(time.perf_counter() - started, 3), **fields)
    return Converted(record, rendered)


def _unchanged(task: Task, settings: Settings) -> Converted | None:
    """``--resume``'s verdict where the bytes are: the previous record, if it still holds."""
    check = task.check
    if check is None:
        return None
    try:
        if task.data is not None:
            sha = hashlib.sha256(task.data).hexdigest()
        else:
            digest = hashlib.sha256()
            with open_input(task.location or "") as handle:
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(chunk)
            sha = digest.hexdigest()
        if task.stream_sha is not None or task.output is None:
            present = task.stream_sha == sha
        else:
            present = settings.store is not None and settings.store.exists(task.output)
    except Exception:  # unreadable now: convert it, which records why
        return None
    return Converted(check, kept=True) if keep_previous(check, sha, present) else None


def run_task(task: Task, settings: Settings) -> Converted:
    """Convert one task, writing its output through ``settings.store`` when there is one.

    The written record drops the rendered text (it is in the store); a failed write turns the
    record into a failure. ``peak_rss_mib`` is this process's peak so far.
    """
    kept = _unchanged(task, settings)
    if kept is not None:
        return kept
    source: bytes | str = task.data if task.data is not None else (task.location or "")
    converted = convert_one(task.name, source, parser=settings.parser,
                            options=dict(settings.options), fmt=settings.fmt,
                            max_bytes=settings.max_bytes)
    record = attrs.evolve(converted.record, source=task.source, peak_rss_mib=peak_rss_mib())
    if converted.ok and settings.store is not None and task.output is not None:
        try:
            settings.store.write_text(task.output, converted.rendered or "")
        except (OSError, ValueError) as exc:
            record = attrs.evolve(record, status=Status.FAILED, error_type=type(exc).__name__,
                                  message=f"cannot write the output: {exc}", pages=0)
        else:
            record = attrs.evolve(record, output=task.output)
        return Converted(record)
    return Converted(record, converted.rendered)
