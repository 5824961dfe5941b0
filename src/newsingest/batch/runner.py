"""A batch run, engine- and store-neutral: plan the inputs, decide what to (re)run, record all.

The :class:`Runner` is handed an engine (:class:`~newsingest.batch.engine.PoolEngine`, or the
Dask engine) and turns the engine's outcomes into manifest records, appends ``-f jsonl``
documents to the single stream (in this process only), feeds the progress display and, at the
end, rewrites the manifest with one line per input. Inputs and outputs may be local or on any
fsspec store; the resume rules are :mod:`newsingest.batch.decide`'s, applied here when the
previous record alone decides and in the worker when the bytes must be hashed.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from newsingest.batch.convert import Settings, Task
from newsingest.batch.decide import Action, Mode, decide
from newsingest.batch.engine import Engine, Outcome
from newsingest.batch.inputs import Claims, Item, Limits, discover, iter_payloads
from newsingest.batch.progress import Reporter, Stats
from newsingest.batch.record import MANIFEST, Converted, Failure, Record, Status, read_records
from newsingest.batch.sources import Tree, tree_for
from newsingest.batch.store import JSONL, JsonlStream, ManifestLog, store_for, stream_store

__all__ = ["RunOptions", "Runner", "dispatch_order"]


@attrs.frozen
class RunOptions:
    """Everything a run needs besides the engine.

    ``claims`` (``None``: every file) says which files found in folders and archives are inputs.
    """

    inputs: tuple[str, ...]
    out: str
    fmt: str = "json"
    extension: str = ".json"
    mode: Mode = attrs.field(factory=Mode)
    fail_fast: bool = False
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    limits: Limits = attrs.field(factory=Limits)
    claims: Claims | None = None
    parser: str | None = None
    options: tuple[tuple[str, object], ...] = ()
    checkpoint: float = 60.0


class Runner:
    """One ``convert`` run over an output location."""

    def __init__(self, options: RunOptions, reporter: Reporter | None = None) -> None:
        self.options = options
        self.reporter = reporter or Reporter(quiet=True)
        self.stats = Stats()
        self.store = store_for(options.out)
        self.records: dict[str, Record] = {}
        self.items: list[Item] = []
        self._tree: Tree | None = None
        self._previous: dict[str, Record] = {}
        self._stream: JsonlStream | None = None
        self._manifest: ManifestLog | None = None
        self._engine: Engine | None = None
        self._lines: dict[str, str] = {}

    @property
    def jsonl(self) -> bool:
        return self.options.fmt == "jsonl"

    def settings(self) -> Settings:
        """What the workers need: the store they write to (none for ``-f jsonl``)."""
        opts = self.options
        return Settings(fmt=opts.fmt, parser=opts.parser, options=opts.options,
                        store=None if self.jsonl else self.store,
                        max_bytes=opts.limits.max_bytes)

    def plan(self) -> list[Item]:
        """List the inputs (``FileNotFoundError``, ``ValueError`` for unusable locations)."""
        opts = self.options
        if any(p.startswith("memory://") for p in (*opts.inputs, opts.out)):
            # private to each process, and inputs are converted in worker processes
            raise ValueError("memory:// is private to each process, and inputs are converted "
                             "in worker processes: use a folder or a real object store")
        if self.jsonl:
            stream_store(self.store)
        tree, paths = tree_for(list(opts.inputs))
        out_path = tree_for([opts.out])[1][0] if _same_store(opts) else None
        self._tree = tree
        self.items = discover(tree, paths, out_path, include=opts.include,
                              exclude=opts.exclude, limits=opts.limits)
        return self.items

    def run(self, engine: Engine) -> Stats:
        """Convert every planned input with ``engine``; returns the run's statistics."""
        opts = self.options
        if not self.items:
            self.plan()
        if opts.mode.carries:
            self._previous = read_records(self.store.read_text(MANIFEST))
        if self.jsonl:
            self._stream = JsonlStream(self.store, append=opts.mode.carries)
            self._lines = self._stream.lines()
        self._manifest = ManifestLog(self.store, append=opts.mode.carries,
                                     checkpoint=opts.checkpoint)
        self._engine = engine
        self.reporter.start(len(self.items))
        finished = False
        try:
            engine.run(self._tasks(), self._on_outcome)
            for item in self.items:
                if item.name not in self.records:
                    self._emit(Record(item.name, Status.SKIPPED, source=item.source,
                                      error_type="NotRun",
                                      message="not attempted: --fail-fast stopped the run"))
            finished = True
        finally:
            self.reporter.close()
            if finished or not self.store.appendable:
                self._finish()
            else:
                self._manifest.close()
            if self._stream is not None:
                self._stream.close()
        return self.stats

    def ordered(self) -> list[Record]:
        """Records in input order, then earlier records of inputs not (yet) run this time."""
        ordered = [self.records[item.name] for item in self.items if item.name in self.records]
        return ordered + [r for name, r in self._previous.items() if name not in self.records]

    def _finish(self) -> None:
        assert self._manifest is not None
        ordered = self.ordered()
        self._manifest.finish(ordered)
        self._manifest.close()
        if self._stream is not None:
            self._stream.compact((r.path, r.sha256 or "") for r in ordered
                                 if r.status is Status.OK and r.output == JSONL)

    def _emit(self, record: Record, *, resumed: bool = False) -> None:
        self.records[record.path] = record
        if not resumed and self._manifest is not None:
            self._manifest.write(record, self.ordered)
        self.stats.add(record, resumed=resumed)
        self.reporter.update(self.stats)
        if self.options.fail_fast and record.status.failed and self._engine is not None:
            self._engine.stop()

    def _tasks(self) -> Iterator[Task]:
        opts = self.options
        assert self._tree is not None
        for payload in iter_payloads(self._tree, dispatch_order(self._tree, self.items),
                                     opts.limits, opts.claims):
            item = payload.item
            if payload.refusal is not None:
                refusal = payload.refusal
                self._emit(Record(item.name, refusal.status, source=item.source,
                                  error_type=refusal.error_type, message=refusal.message))
                continue
            previous = self._previous.get(item.name)
            action = decide(previous, opts.mode)
            if action is Action.KEEP and previous is not None:
                self._emit(previous, resumed=True)
                continue
            if action is Action.NOT_IN_MANIFEST:
                self._emit(Record(item.name, Status.SKIPPED, source=item.source,
                                  error_type="NotInManifest",
                                  message="--retry-failed reruns only failures the manifest "
                                          "records (add --resume to convert new inputs)"))
                continue
            yield Task(item.name, location=item.path if item.member is None else None,
                       data=payload.data, source=item.source,
                       output=None if self.jsonl else item.name + opts.extension,
                       check=previous if action is Action.VERIFY else None,
                       stream_sha=self._lines.get(item.name, "") if self.jsonl else None)

    def _on_outcome(self, outcome: Outcome) -> None:
        task = outcome.task
        converted = outcome.converted
        if outcome.failure is None and isinstance(converted, Converted):
            if converted.kept:
                self._emit(converted.record, resumed=True)
                return
            record = converted.record
            if record.status is Status.OK and self._stream is not None:
                self._stream.write(converted.rendered or "")
                record = attrs.evolve(record, output=JSONL)
            self._emit(record)
            return
        if task.output is not None:
            self.store.discard_partial(task.output)
        failure = outcome.failure or Failure.ERROR
        self._emit(Record.of_failure(task.name, failure, outcome.detail, source=task.source,
                                     seconds=outcome.seconds, **_fingerprint(task)))


def _same_store(opts: RunOptions) -> bool:
    from newsingest.batch.sources import protocol_of

    return {protocol_of(p) for p in opts.inputs} == {protocol_of(opts.out)}


def _fingerprint(task: Task) -> dict[str, object]:
    """sha256 and size of a local input, for the record of a task that did not report them."""
    import hashlib

    from newsingest.batch.sources import local_path

    if task.data is not None:
        return {"sha256": hashlib.sha256(task.data).hexdigest(), "size": len(task.data)}
    local = local_path(task.location or "")
    if local is None:  # on object storage: not downloaded by the client to say what it was
        return {}
    digest, size = hashlib.sha256(), 0
    try:
        with open(local, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
                size += len(chunk)
    except OSError:
        return {}
    return {"sha256": digest.hexdigest(), "size": size}


def dispatch_order(tree: Tree, items: list[Item]) -> list[Item]:
    """Plain files largest first, then archive members in archive order.

    Starting the big (slow) files first keeps the last minutes of a run from being one worker
    busy with a large file while the others idle; archive members keep their order so each
    archive is streamed once. The manifest keeps the input order regardless.
    """
    files = [item for item in items if item.member is None]
    members = [item for item in items if item.member is not None]
    sizes = {item.name: tree.size(tree.path(item.path)) or 0 for item in files}
    return sorted(files, key=lambda item: -sizes[item.name]) + members
