"""The library entry points for people who run Dask: ``convert``, ``to_bag``, ``convert_file``.

``convert`` is ``newsingest convert --engine dask`` as a function: the same planning, manifest,
resume rules and outputs, on the client you pass (or the default client, or a local cluster it
starts and stops). ``to_bag`` and ``convert_file`` hand the conversions to the user's own
pipeline instead of writing files: every input gives a :class:`Converted`, the manifest record
plus the Document (or rendered text) when it converted, so a failure is visible, not dropped.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from newsingest.batch.convert import Settings, Task
from newsingest.batch.inputs import Item, Limits
from newsingest.batch.manifest import Record
from newsingest.batch.pool import PoolConfig
from newsingest.batch.progress import Reporter, Stats
from newsingest.dask import storage
from newsingest.dask.engine import DaskEngine, UrlTask, convert_local, convert_url, record_of
from newsingest.model import Document

__all__ = ["Converted", "convert", "convert_file", "run", "start_client", "to_bag"]

PathLike = str | os.PathLike[str]


@attrs.frozen
class Converted:
    """One input's outcome in a user's pipeline: its record and, if ok, the document or text."""

    record: Record
    value: Document | str | None = attrs.field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        return self.record.status == "ok"


def _cpu_count() -> int:
    from newsingest.batch.cli import _cpu_count

    return _cpu_count()


@contextlib.contextmanager
def start_client(client: Any = None, scheduler: str | None = None,
                 n_workers: int | None = None) -> Iterator[Any]:
    """``client``; else a client of ``scheduler``; else the default client; else a local cluster.

    The local cluster has one single-threaded worker process per CPU (``n_workers``): parsing
    holds the GIL, so threads would not add throughput. What this starts, it closes.
    """
    if client is not None:
        yield client
        return
    from distributed import Client, LocalCluster, get_client

    if scheduler:
        with Client(scheduler) as remote:  # type: ignore[no-untyped-call]
            yield remote
        return
    try:
        existing = get_client()
    except ValueError:  # no default client
        existing = None
    if existing is not None:
        yield existing
        return
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=n_workers or _cpu_count(), threads_per_worker=1, processes=True,
        scheduler_kwargs={"dashboard": False})
    with cluster, Client(cluster) as local:  # type: ignore[no-untyped-call]
        yield local


def _pool_config(timeout: float | None, max_memory_mb: int | None,
                 recycle_after: int) -> PoolConfig:
    from newsingest.batch.cli import PRELOAD

    return PoolConfig(jobs=1, timeout=timeout, max_memory_mb=max_memory_mb or None,
                      recycle_after=recycle_after, preload=PRELOAD)


def _check_memory_store(client: Any, locations: list[str]) -> None:
    """``memory://`` is per process: workers in other processes would write into the void."""
    if not any(location.startswith("memory://") for location in locations):
        return
    if set(client.run(os.getpid).values()) != {os.getpid()}:
        raise ValueError("memory:// is private to each process: use it only with an "
                         "in-process cluster (LocalCluster(processes=False))")


def _locations(paths: PathLike | Iterable[PathLike]) -> list[str]:
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(p) for p in paths]


def run(paths: PathLike | Iterable[PathLike], out: PathLike, *, client: Any = None,
        fmt: str = "json", parser: str | None = None, options: Mapping[str, Any] | None = None,
        timeout: float | None = 300.0, max_memory_mb: int | None = 2048,
        recycle_after: int = 100, resume: bool = False, retry_failed: bool = False,
        fail_fast: bool = False, include: Iterable[str] = (), exclude: Iterable[str] = (),
        limits: Limits | None = None, retries: int = 2, scheduler: str | None = None,
        n_workers: int | None = None, reporter: Reporter | None = None,
        ) -> tuple[list[Record], Stats]:
    """:func:`convert`, also returning the run's statistics (the CLI's summary, exit code)."""
    from newsingest.batch.runner import Runner, RunOptions
    from newsingest.plugins import get_registry

    exporter = get_registry().exporters.get(fmt)
    if exporter is None:
        raise ValueError(f"no output format {fmt!r}")
    inputs, target = _locations(paths), os.fspath(out)
    config = _pool_config(timeout, max_memory_mb, recycle_after)
    local_inputs = [storage.local_path(p) for p in inputs]
    local_out = storage.local_path(target)
    flags = (resume, retry_failed, fail_fast)
    globs = (tuple(include), tuple(exclude))
    settings = Settings(fmt=fmt, parser=parser, options=tuple((options or {}).items()))
    with start_client(client, scheduler, n_workers) as active:
        _check_memory_store(active, [*inputs, target])
        if local_out is not None and all(p is not None for p in local_inputs):
            runner = Runner(RunOptions(inputs=tuple(p for p in local_inputs if p), outdir=local_out,
                                       fmt=fmt, extension=exporter.extension,
                                       resume=resume, retry_failed=retry_failed,
                                       fail_fast=fail_fast, include=globs[0], exclude=globs[1],
                                       limits=limits or Limits()), reporter)
            local = attrs.evolve(settings, outdir=None if fmt == "jsonl" else local_out)
            stats = runner.run(DaskEngine(active, convert_local, (local, config), retries=retries))
            return [runner.records[item.name] for item in runner.items], stats
        from newsingest.dask.remote import RemoteOptions, RemoteRun

        if fmt == "jsonl":
            raise ValueError("-f jsonl is one stream written by the client: give a local "
                             "output folder, or use json and concatenate")
        remote = RemoteRun(RemoteOptions(inputs=tuple(inputs), out=target,
                                         extension=exporter.extension, resume=flags[0],
                                         retry_failed=flags[1], fail_fast=flags[2],
                                         include=globs[0], exclude=globs[1]), reporter)
        stats = remote.run(DaskEngine(active, convert_url, (settings, config, target),
                                      retries=retries))
        return [remote.records[item.name] for item in remote.items], stats


def convert(paths: PathLike | Iterable[PathLike], out: PathLike, *, client: Any = None,
            **kwargs: Any) -> list[Record]:
    """Convert every input (files, folders; local paths or fsspec URLs) into ``out`` on Dask.

    Returns one manifest record per input, in input order; ``out/manifest.jsonl`` holds the
    same. Keyword arguments are :func:`run`'s: ``fmt``, ``parser``, ``timeout`` (seconds per
    file), ``max_memory_mb``, ``resume``, ``retry_failed``, ``fail_fast``, ``include``,
    ``exclude``, ``retries``.
    """
    return run(paths, out, client=client, **kwargs)[0]


def _as_converted(item: Item, settings: Settings, config: PoolConfig,
                  document: bool) -> Converted:
    if item.refusal is not None:
        refusal = item.refusal
        return Converted(Record(item.name, refusal.status, source=item.path,
                                error_type=refusal.error_type, message=refusal.message))
    outcome = convert_url(UrlTask(Task(item.name, path=item.path)), settings, config, None)
    record = record_of(outcome, item.name, item.path)
    rendered = getattr(outcome.value, "rendered", None)
    if record.status != "ok" or rendered is None:
        return Converted(record)
    if document:
        from newsingest.serialize import from_json

        return Converted(record, from_json(rendered))
    return Converted(record, rendered)


def convert_file(location: PathLike, *, fmt: str | None = None, parser: str | None = None,
                 options: Mapping[str, Any] | None = None, timeout: float | None = 300.0,
                 max_memory_mb: int | None = 2048, name: str | None = None) -> Converted:
    """Convert one input inside any Dask task (``client.map(convert_file, urls)``).

    The parse runs in the calling thread's isolated child, under the timeout and memory cap.
    ``fmt=None`` gives a :class:`~newsingest.model.Document`, a format name its text.
    """
    target = os.fspath(location)
    item = Item(name=name or target.rstrip("/").rsplit("/", 1)[-1], path=target)
    settings = Settings(fmt=fmt or "json", parser=parser, options=tuple((options or {}).items()))
    return _as_converted(item, settings, _pool_config(timeout, max_memory_mb, 100), fmt is None)


def to_bag(paths: PathLike | Iterable[PathLike], *, fmt: str | None = None,
           parser: str | None = None, options: Mapping[str, Any] | None = None,
           timeout: float | None = 300.0, max_memory_mb: int | None = 2048,
           recycle_after: int = 100, include: Iterable[str] = (),
           exclude: Iterable[str] = (), npartitions: int | None = None) -> Any:
    """A ``dask.bag.Bag`` of :class:`Converted`, one per input file below ``paths``.

    Names are those ``convert`` gives (relative to the common folder). Inputs are listed now, on
    the client; reading and parsing happen in the workers when the bag is computed. Keep
    ``.filter(lambda c: c.ok)`` explicit so failures are counted, not lost.
    """
    import dask.bag

    items = storage.discover_urls(_locations(paths), None, include=tuple(include),
                                  exclude=tuple(exclude))
    settings = Settings(fmt=fmt or "json", parser=parser, options=tuple((options or {}).items()))
    config = _pool_config(timeout, max_memory_mb, recycle_after)
    bag = dask.bag.from_sequence(  # type: ignore[no-untyped-call]
        items, npartitions=npartitions or min(len(items), 100) or 1)
    return bag.map(_as_converted, settings, config, fmt is None)
