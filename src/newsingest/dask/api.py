"""The library entry points for people who run Dask: ``convert``, ``to_bag``, ``convert_file``.

``convert`` is ``newsingest convert --engine dask`` as a function: the same runner (planning,
manifest, resume rules, outputs) handed the Dask engine, on the client you pass (or the default
client, or a local cluster it starts and stops). ``to_bag`` and ``convert_file`` hand the
conversions to the user's own pipeline instead of writing files: every input gives a
:class:`~newsingest.batch.record.Converted` (the record, plus the Document or rendered text
when it converted), so a failure is visible, not dropped.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from newsingest.batch.convert import Settings, Task
from newsingest.batch.decide import Mode
from newsingest.batch.engine import Outcome, WorkerConfig, cpu_count
from newsingest.batch.inputs import Claims, Item, Limits, Refusal, discover
from newsingest.batch.progress import Reporter, Stats
from newsingest.batch.record import Converted, Record
from newsingest.batch.sources import tree_for

__all__ = ["Converted", "convert", "convert_file", "run", "start_client", "to_bag"]

PathLike = str | os.PathLike[str]


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
        n_workers=n_workers or cpu_count(), threads_per_worker=1, processes=True,
        scheduler_kwargs={"dashboard": False})
    with cluster, Client(cluster) as local:  # type: ignore[no-untyped-call]
        yield local


def _locations(paths: PathLike | Iterable[PathLike]) -> list[str]:
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(p) for p in paths]


def run(paths: PathLike | Iterable[PathLike], out: PathLike, *, client: Any = None,
        fmt: str = "json", parser: str | None = None, options: Mapping[str, Any] | None = None,
        timeout: float | None = 300.0, max_memory_mb: int | None = 2048,
        recycle_after: int = 100, resume: bool = False, retry_failed: bool = False,
        fail_fast: bool = False, include: Iterable[str] = (), exclude: Iterable[str] = (),
        limits: Limits | None = None, all_files: bool = False, retries: int = 2,
        scheduler: str | None = None, n_workers: int | None = None,
        reporter: Reporter | None = None) -> tuple[list[Record], Stats]:
    """:func:`convert`, also returning the run's statistics (the CLI's summary, exit code)."""
    from newsingest.batch.runner import Runner, RunOptions
    from newsingest.dask.engine import DaskEngine
    from newsingest.export import find_exporter, format_choices
    from newsingest.plugins import get_registry

    registry = get_registry()
    exporter = find_exporter(registry.exporters, fmt)
    if exporter is None:
        raise ValueError(f"no output format {fmt!r}; choose from "
                         f"{format_choices(registry.exporters)}")
    inputs, target = _locations(paths), os.fspath(out)
    runner = Runner(RunOptions(
        inputs=tuple(inputs), out=target, fmt=exporter.name, extension=exporter.extension,
        mode=Mode(resume=resume, retry_failed=retry_failed), fail_fast=fail_fast,
        include=tuple(include), exclude=tuple(exclude), limits=limits or Limits(),
        claims=None if all_files else Claims.of(registry.parsers), parser=parser,
        options=tuple((options or {}).items())), reporter)
    config = WorkerConfig(timeout=timeout, max_memory_mb=max_memory_mb or None,
                          recycle_after=recycle_after)
    with start_client(client, scheduler, n_workers) as active:
        stats = runner.run(DaskEngine(active, runner.settings(), config, retries=retries))
    return [runner.records[item.name] for item in runner.items], stats


def convert(paths: PathLike | Iterable[PathLike], out: PathLike, *, client: Any = None,
            **kwargs: Any) -> list[Record]:
    """Convert every input (files, folders; local paths or fsspec URLs) into ``out`` on Dask.

    Returns one manifest record per input, in input order; ``out/manifest.jsonl`` holds the
    same. Keyword arguments are :func:`run`'s: ``fmt``, ``parser``, ``options``, ``timeout``
    (seconds per file), ``max_memory_mb``, ``resume``, ``retry_failed``, ``fail_fast``,
    ``include``, ``exclude``, ``limits``, ``all_files``, ``retries``.
    """
    return run(paths, out, client=client, **kwargs)[0]


def _as_converted(item: Item, settings: Settings, config: WorkerConfig,
                  document: bool) -> Converted:
    from newsingest.dask.engine import convert_in_worker

    if item.refusal is not None:
        refusal = item.refusal
        return Converted(Record(item.name, refusal.status, source=item.source,
                                error_type=refusal.error_type, message=refusal.message))
    outcome: Outcome = convert_in_worker(Task(item.name, location=item.path, source=item.source),
                                         settings, config)
    if outcome.failure is not None or outcome.converted is None:
        failure = outcome.failure
        assert failure is not None
        return Converted(Record.of_failure(item.name, failure, outcome.detail,
                                           source=item.source, seconds=outcome.seconds))
    converted = outcome.converted
    if not converted.ok or converted.rendered is None or not document:
        return converted
    from newsingest.serialize import from_json

    return attrs.evolve(converted, rendered=None, document=from_json(converted.rendered))


def convert_file(location: PathLike, *, fmt: str | None = None, parser: str | None = None,
                 options: Mapping[str, Any] | None = None, timeout: float | None = 300.0,
                 max_memory_mb: int | None = 2048, name: str | None = None) -> Converted:
    """Convert one input inside any Dask task (``client.map(convert_file, urls)``).

    The parse runs in this Dask worker's pebble pool, under the timeout and memory cap.
    ``fmt=None`` gives the :class:`~newsingest.model.Document` (``.document``), a format name
    its text (``.rendered``).
    """
    target = os.fspath(location)
    item = Item(name=name or target.rstrip("/").rsplit("/", 1)[-1], path=target)
    settings = Settings(fmt=fmt or "json", parser=parser, options=tuple((options or {}).items()))
    config = WorkerConfig(timeout=timeout, max_memory_mb=max_memory_mb or None)
    return _as_converted(item, settings, config, fmt is None)


def to_bag(paths: PathLike | Iterable[PathLike], *, fmt: str | None = None,
           parser: str | None = None, options: Mapping[str, Any] | None = None,
           timeout: float | None = 300.0, max_memory_mb: int | None = 2048,
           recycle_after: int = 100, include: Iterable[str] = (),
           exclude: Iterable[str] = (), npartitions: int | None = None) -> Any:
    """A ``dask.bag.Bag`` of :class:`Converted`, one per input file below ``paths``.

    Names are those ``convert`` gives (relative to the common folder). Inputs are listed now, on
    the client; reading and parsing happen in the workers when the bag is computed. Archive
    members are listed but not read (``convert`` reads them on its client): each is a
    ``failed`` entry, ``ArchiveNotExpandedError``. Keep ``.filter(lambda c: c.ok)`` explicit
    so failures are counted, not lost.
    """
    import dask.bag

    tree, located = tree_for(_locations(paths))
    items = [item if item.member is None or item.refusal is not None
             else attrs.evolve(item, refusal=_MEMBER)
             for item in discover(tree, located, None, include=tuple(include),
                                  exclude=tuple(exclude))]
    settings = Settings(fmt=fmt or "json", parser=parser, options=tuple((options or {}).items()))
    config = WorkerConfig(timeout=timeout, max_memory_mb=max_memory_mb or None,
                          recycle_after=recycle_after)
    bag = dask.bag.from_sequence(  # type: ignore[no-untyped-call]
        items, npartitions=npartitions or min(len(items), 100) or 1)
    return bag.map(_as_converted, settings, config, fmt is None)


_MEMBER = Refusal("failed", "ArchiveNotExpandedError",
                  "to_bag converts files; archive members are read by convert()'s client: "
                  "use convert(), or extract the archive")
