"""A batch run, engine-neutral: plan the inputs, decide what to (re)run, record every outcome.

An *engine* is anything with ``run(tasks, on_outcome)`` and ``stop()`` that calls
``on_outcome(Outcome)`` once per :class:`~newsingest.batch.convert.Task` (the local
:class:`~newsingest.batch.pool.ProcessPool`; a cluster engine can do the same). The runner turns
outcomes into manifest records, appends ``-f jsonl`` documents to the single stream (in this
process only), feeds the progress display and, at the end, rewrites the manifest with one line
per input.

``--resume`` re-runs an input only when it is new, its bytes changed (sha256), it was never
attempted (``skipped``), or its ``ok`` output is gone; earlier failures are kept as they are.
``--retry-failed`` re-runs exactly the inputs the manifest says ``failed`` or ``timeout``; with
both flags, everything that is not done is run.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from typing import Any, Protocol

import attrs

from newsingest.batch.convert import Result, Task
from newsingest.batch.inputs import Item, Limits, discover, iter_payloads
from newsingest.batch.manifest import NAME as MANIFEST_NAME
from newsingest.batch.manifest import ManifestWriter, Record, read_manifest
from newsingest.batch.outputs import JsonlStream, remove_temporaries, safe_path
from newsingest.batch.pool import Outcome
from newsingest.batch.progress import Reporter, Stats

__all__ = ["Engine", "RunOptions", "Runner"]


class Engine(Protocol):
    def run(self, tasks: Any, on_outcome: Any) -> None: ...

    def stop(self) -> None: ...


@attrs.frozen
class RunOptions:
    """Everything a run needs besides the engine."""

    inputs: tuple[str, ...]
    outdir: str
    fmt: str = "json"
    extension: str = ".json"
    resume: bool = False
    retry_failed: bool = False
    fail_fast: bool = False
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    limits: Limits = attrs.field(factory=Limits)


def _sha256_file(path: str) -> str | None:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def _source(item: Item) -> str:
    return item.path if item.member is None else f"{item.path}::{item.member}"


class Runner:
    """One ``convert`` run over an output folder."""

    def __init__(self, options: RunOptions, reporter: Reporter | None = None) -> None:
        self.options = options
        self.reporter = reporter or Reporter(quiet=True)
        self.stats = Stats()
        self.records: dict[str, Record] = {}
        self.items: list[Item] = []
        self._by_name: dict[str, Item] = {}
        self._previous: dict[str, Record] = {}
        self._stream: JsonlStream | None = None
        self._manifest: ManifestWriter | None = None
        self._engine: Engine | None = None
        self._lines: set[tuple[str, str]] = set()

    @property
    def jsonl(self) -> bool:
        return self.options.fmt == "jsonl"

    def plan(self) -> list[Item]:
        opts = self.options
        self.items = discover(opts.inputs, opts.outdir, include=opts.include,
                              exclude=opts.exclude, limits=opts.limits)
        self._by_name = {item.name: item for item in self.items}
        return self.items

    def run(self, engine: Engine) -> Stats:
        """Convert every planned input with ``engine``; returns the run's statistics."""
        opts = self.options
        os.makedirs(opts.outdir, exist_ok=True)
        if not self.items:
            self.plan()
        carry = opts.resume or opts.retry_failed
        if carry:
            self._previous = read_manifest(os.path.join(opts.outdir, MANIFEST_NAME))
        self._manifest = ManifestWriter(opts.outdir, append=carry)
        if self.jsonl:
            self._stream = JsonlStream(opts.outdir, append=carry)
            self._lines = self._stream.names()
        self._engine = engine
        self.reporter.start(len(self.items))
        finished = False
        try:
            engine.run(self._tasks(), self._on_outcome)
            for item in self.items:
                if item.name not in self.records:
                    self._emit(Record(item.name, "skipped", source=_source(item),
                                      error_type="NotRun",
                                      message="not attempted: --fail-fast stopped the run"))
            finished = True
        finally:
            self.reporter.close()
            if finished:
                self._finish()
            else:
                self._manifest.close()
                if self._stream is not None:
                    self._stream.close()
        return self.stats

    def _finish(self) -> None:
        assert self._manifest is not None
        ordered = [self.records[item.name] for item in self.items]
        ordered += [r for name, r in self._previous.items() if name not in self._by_name]
        self._manifest.finish(ordered)
        if self._stream is not None:
            self._stream.compact((r.path, r.sha256 or "") for r in ordered
                                 if r.status == "ok" and r.output == JsonlStream.NAME)
            self._stream.close()

    def _emit(self, record: Record, *, resumed: bool = False) -> None:
        self.records[record.path] = record
        if not resumed and self._manifest is not None:
            self._manifest.write(record)
        self.stats.add(record, resumed=resumed)
        self.reporter.update(self.stats)
        if (self.options.fail_fast and record.status in ("failed", "timeout")
                and self._engine is not None):
            self._engine.stop()

    def _tasks(self) -> Iterator[Task]:
        opts = self.options
        for payload in iter_payloads(dispatch_order(self.items), opts.limits):
            item = payload.item
            if payload.refusal is not None:
                refusal = payload.refusal
                self._emit(Record(item.name, refusal.status, source=_source(item),
                                  error_type=refusal.error_type, message=refusal.message))
                continue
            previous = self._carried(item, payload.data)
            if previous is not None:
                self._emit(previous, resumed=True)
                continue
            yield Task(item.name, path=item.path if item.member is None else None,
                       data=payload.data,
                       output=None if self.jsonl else item.name + opts.extension)

    def _carried(self, item: Item, data: bytes | None) -> Record | None:
        """The previous record to keep instead of running ``item`` again, if any."""
        opts = self.options
        if not (opts.resume or opts.retry_failed):
            return None
        previous = self._previous.get(item.name)
        if previous is None:
            if opts.resume:
                return None
            return Record(item.name, "skipped", source=_source(item), error_type="NotInManifest",
                          message="--retry-failed reruns only failures the manifest records "
                                  "(add --resume to convert new inputs)")
        failed = previous.status in ("failed", "timeout")
        if opts.retry_failed and failed:
            return None
        if not opts.resume:
            return previous
        if previous.status == "skipped":
            return None
        sha = hashlib.sha256(data).hexdigest() if data is not None else _sha256_file(item.path)
        if sha is None or sha != previous.sha256:
            return None
        if failed or self._output_exists(item, sha):
            return previous
        return None

    def _output_exists(self, item: Item, sha: str) -> bool:
        if self.jsonl:
            return (item.name, sha) in self._lines
        try:
            return safe_path(self.options.outdir, item.name + self.options.extension).is_file()
        except ValueError:
            return False

    def _on_outcome(self, outcome: Outcome) -> None:
        task: Task = outcome.task
        item = self._by_name[task.name]
        if outcome.failure is None and isinstance(outcome.value, Result):
            result: Result = outcome.value
            if result.status == "ok" and self._stream is not None:
                self._stream.write(result.rendered or "")
                result = attrs.evolve(result, output=JsonlStream.NAME)
            self._emit(Record.from_result(result, _source(item)))
            return
        if task.output is not None:
            remove_temporaries(self.options.outdir, task.output)
        sha = (hashlib.sha256(task.data).hexdigest() if task.data is not None
               else _sha256_file(item.path))
        size = len(task.data) if task.data is not None else _size(item.path)
        status, error_type, message = {
            "timeout": ("timeout", "Timeout", outcome.detail),
            "died": ("failed", "WorkerDied", outcome.detail),
            "cancelled": ("skipped", "Cancelled",
                          "not finished: --fail-fast stopped the run after a failure"),
        }.get(outcome.failure or "", ("failed", "WorkerError", outcome.detail))
        self._emit(Record(item.name, status, source=_source(item), sha256=sha, size=size,
                          error_type=error_type, message=message, seconds=outcome.seconds))


def dispatch_order(items: list[Item]) -> list[Item]:
    """Plain files largest first, then archive members in archive order.

    Starting the big (slow) files first keeps the last minutes of a run from being one worker
    busy with a large file while the others idle; archive members keep their order so each
    archive is streamed once. The manifest keeps the input order regardless.
    """
    files = [item for item in items if item.member is None]
    members = [item for item in items if item.member is not None]
    return sorted(files, key=lambda item: -(_size(item.path) or 0)) + members


def _size(path: str) -> int | None:
    try:
        return os.path.getsize(path)
    except OSError:
        return None
