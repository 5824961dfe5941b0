"""A run whose inputs or output live on object storage (any fsspec URL that is not a local path).

The local :class:`~newsingest.batch.runner.Runner` reads and hashes inputs on the client to
decide what ``--resume`` skips; with millions of objects in a bucket that would ship every byte
through the client. Here the client only lists the inputs and decides from the previous manifest
alone; when the decision depends on the bytes (``--resume``: unchanged sha256?), the task carries
the previous record and the *worker* hashes the input and keeps that record if it still holds
(:func:`~newsingest.dask.engine.convert_url`). The rules are the local runner's:

- ``--resume`` re-runs an input that is new, changed, never attempted or whose output is gone,
  and keeps earlier failures of unchanged inputs;
- ``--retry-failed`` re-runs exactly the recorded failures (``failed``, ``timeout``); inputs the
  manifest does not know are recorded ``skipped``.

The manifest (same records as the local engine's) is rewritten whole every ``checkpoint``
seconds and at the end, so a killed run leaves one that ``--resume`` can use.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Sequence
from typing import Any

import attrs

from newsingest.batch.convert import Task
from newsingest.batch.manifest import NAME as MANIFEST_NAME
from newsingest.batch.manifest import Record
from newsingest.batch.pool import Outcome
from newsingest.batch.progress import Reporter, Stats
from newsingest.dask import storage
from newsingest.dask.engine import UrlTask, record_of

__all__ = ["RemoteRun", "read_records"]


def read_records(text: str | None) -> dict[str, Record]:
    """The last record per path in manifest text; torn or foreign lines are ignored.

    >>> sorted(read_records('{"path": "a", "status": "ok"}\\n{"path": "a", "sta'))
    ['a']
    """
    records: dict[str, Record] = {}
    for line in (text or "").splitlines():
        try:
            record = Record.from_dict(json.loads(line))
        except (ValueError, TypeError):
            continue
        records[record.path] = record
    return records


@attrs.frozen
class RemoteOptions:
    inputs: tuple[str, ...]
    out: str
    extension: str = ".json"
    resume: bool = False
    retry_failed: bool = False
    fail_fast: bool = False
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    checkpoint: float = 60.0


class RemoteRun:
    """One run over URLs; ``run(engine)`` with a :class:`~newsingest.dask.engine.DaskEngine`."""

    def __init__(self, options: RemoteOptions, reporter: Reporter | None = None) -> None:
        self.options = options
        self.reporter = reporter or Reporter(quiet=True)
        self.stats = Stats()
        self.records: dict[str, Record] = {}
        self.items = storage.discover_urls(options.inputs, options.out,
                                           include=options.include, exclude=options.exclude)
        self._previous: dict[str, Record] = {}
        self._engine: Any = None
        self._saved = time.monotonic()

    def run(self, engine: Any) -> Stats:
        opts = self.options
        if opts.resume or opts.retry_failed:
            self._previous = read_records(
                storage.read_text(opts.out.rstrip("/") + "/" + MANIFEST_NAME))
        self._engine = engine
        self.reporter.start(len(self.items))
        try:
            engine.run(self._tasks(), self._on_outcome)
            for item in self.items:
                if item.name not in self.records:
                    self._emit(Record(item.name, "skipped", source=item.path,
                                      error_type="NotRun",
                                      message="not attempted: --fail-fast stopped the run"))
        finally:
            self.reporter.close()
            self._save()
        return self.stats

    def ordered(self) -> list[Record]:
        """Records in input order, then earlier records of inputs not (yet) run this time."""
        ordered = [self.records[item.name] for item in self.items if item.name in self.records]
        return ordered + [r for name, r in self._previous.items() if name not in self.records]

    def _save(self) -> None:
        text = "".join(record.to_json() + "\n" for record in self.ordered())
        storage.write_text(self.options.out, MANIFEST_NAME, text, reserved_ok=True)
        self._saved = time.monotonic()

    def _emit(self, record: Record, *, resumed: bool = False) -> None:
        self.records[record.path] = record
        self.stats.add(record, resumed=resumed)
        self.reporter.update(self.stats)
        if (self.options.fail_fast and record.status in ("failed", "timeout")
                and self._engine is not None):
            self._engine.stop()
        if time.monotonic() - self._saved > self.options.checkpoint:
            self._save()

    def _tasks(self) -> Iterator[UrlTask]:
        opts = self.options
        carry = opts.resume or opts.retry_failed
        for item in self.items:
            if item.refusal is not None:
                refusal = item.refusal
                self._emit(Record(item.name, refusal.status, source=item.path,
                                  error_type=refusal.error_type, message=refusal.message))
                continue
            task = Task(item.name, path=item.path, output=item.name + opts.extension)
            previous = self._previous.get(item.name)
            if not carry:
                yield UrlTask(task)
            elif previous is None:
                if opts.resume:
                    yield UrlTask(task)
                else:
                    self._emit(Record(item.name, "skipped", source=item.path,
                                      error_type="NotInManifest",
                                      message="--retry-failed reruns only failures the manifest "
                                              "records (add --resume to convert new inputs)"))
            elif opts.retry_failed and previous.status in ("failed", "timeout"):
                yield UrlTask(task)
            elif not opts.resume:
                self._emit(previous, resumed=True)
            elif previous.status == "skipped":
                yield UrlTask(task)
            else:
                yield UrlTask(task, check=previous)

    def _on_outcome(self, outcome: Outcome) -> None:
        job: UrlTask = outcome.task
        self._emit(record_of(outcome, job.task.name, job.task.path),
                   resumed=outcome.failure is None and isinstance(outcome.value, Record))


def remote_options(inputs: Sequence[str], out: str, **kwargs: Any) -> RemoteOptions:
    """Options with the tuples normalised."""
    return RemoteOptions(inputs=tuple(inputs), out=out, **kwargs)
