"""The Dask engine: the batch runner's ``Engine`` protocol on a ``distributed.Client``.

:class:`DaskEngine` has the local pool's interface, ``run(tasks, on_outcome)`` and ``stop()``,
so the engine-neutral :class:`~newsingest.batch.runner.Runner` plans, resumes, writes the
manifest and shows progress exactly as for ``--engine local``. Tasks are pulled lazily and at
most ``max_in_flight`` futures exist at once (a million inputs never become a million futures
on the client); outcomes are taken with ``distributed.as_completed`` as they finish.

Each future runs one of the worker functions below, which hand the parse to the worker thread's
isolated child (:mod:`newsingest.dask.isolate`): the hard timeout and crash isolation of the
local pool, inside a Dask worker. Only a *Dask worker* dying (the OOM killer, a lost node) is
Dask's business: the scheduler re-runs its tasks elsewhere, ``retries`` times more for
failures the task raised, and a task whose workers keep dying ends as ``KilledWorker``, which
becomes a ``failed``/``WorkerDied`` outcome, never a lost input.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from newsingest.batch.convert import Result, Settings, Task
from newsingest.batch.manifest import Record
from newsingest.batch.pool import Outcome, PoolConfig
from newsingest.dask import storage
from newsingest.dask.isolate import Job, run_isolated

__all__ = ["DaskEngine", "UrlTask", "convert_local", "convert_url", "record_of"]


def convert_local(task: Task, settings: Settings, config: PoolConfig) -> Outcome:
    """Worker function for local paths: the child reads and writes, as the local pool's do."""
    outcome = run_isolated(Job(task, settings), config)
    return attrs.evolve(outcome, task=task.name)


@attrs.frozen
class UrlTask:
    """An input at a URL; ``check``: the previous record, kept if the input is unchanged."""

    task: Task
    check: Record | None = None


def convert_url(job: UrlTask, settings: Settings, config: PoolConfig,
                out: str | None) -> Outcome:
    """Worker function for URLs: read here, parse in the child, write the output here.

    With ``out`` ``None`` the rendered text travels back in the Result (``to_bag``).
    Returns an Outcome whose value is a Result, or the ``check`` record when the input is
    unchanged since it (same sha256, and its output still there, or it failed before).
    """
    task = job.task
    started = time.perf_counter()
    try:
        data = storage.read_bytes(task.path or "")
    except Exception as exc:
        return Outcome(task.name, value=Result(
            task.name, "failed", error_type=type(exc).__name__,
            message=f"cannot read the input: {exc}"[:2000],
            seconds=round(time.perf_counter() - started, 3)))
    check = job.check
    if check is not None and check.sha256 == hashlib.sha256(data).hexdigest():
        failed = check.status in ("failed", "timeout")
        if failed or (out is not None and task.output is not None
                      and storage.exists(out, task.output)):
            return Outcome(task.name, value=check)
    child = Settings(fmt=settings.fmt, parser=settings.parser, options=settings.options)
    outcome = run_isolated(Job(Task(task.name, data=data), child), config)
    if outcome.failure is not None:  # keep what the manifest line needs about the input
        known = Result(task.name, "failed", sha256=hashlib.sha256(data).hexdigest(),
                       size=len(data))
        return attrs.evolve(outcome, task=task.name, value=known)
    result = outcome.value
    if (isinstance(result, Result) and result.status == "ok" and out is not None
            and task.output is not None):
        try:
            storage.write_text(out, task.output, result.rendered or "")
        except Exception as exc:
            result = attrs.evolve(result, status="failed", error_type=type(exc).__name__,
                                  message=f"cannot write the output: {exc}", rendered=None)
        else:
            result = attrs.evolve(result, rendered=None, output=task.output)
    return attrs.evolve(outcome, task=task.name, value=result)


def record_of(outcome: Outcome, name: str, source: str | None, *, sha256: str | None = None,
              size: int | None = None) -> Record:
    """The manifest record of an outcome, with the local runner's error types.

    >>> record_of(Outcome("x", failure="timeout", detail="late"), "x", None).error_type
    'Timeout'
    """
    if outcome.failure is None and isinstance(outcome.value, Record):
        return outcome.value
    if outcome.failure is None and isinstance(outcome.value, Result):
        return Record.from_result(outcome.value, source)
    known = outcome.value if isinstance(outcome.value, Result) else None
    sha256 = sha256 or (known.sha256 if known else None)
    size = size or (known.size if known else None)
    status, error_type = {"timeout": ("timeout", "Timeout"), "died": ("failed", "WorkerDied"),
                          "cancelled": ("skipped", "Cancelled")}.get(
        outcome.failure or "", ("failed", "WorkerError"))
    return Record(name, status, source=source, sha256=sha256, size=size, error_type=error_type,
                  message=outcome.detail, seconds=outcome.seconds)


def _failure_of(exc: BaseException) -> tuple[str, str]:
    from distributed.scheduler import KilledWorker

    if isinstance(exc, KilledWorker):
        return "died", (f"the Dask workers running it died repeatedly ({exc}); "
                        "raise distributed.scheduler.allowed-failures to try more often")
    return "error", f"{type(exc).__name__}: {exc}"[:2000]


class DaskEngine:
    """Map a worker function over tasks on a Dask cluster, one outcome per task."""

    def __init__(self, client: Any, function: Callable[..., Outcome], args: tuple[Any, ...],
                 *, retries: int = 2, max_in_flight: int | None = None) -> None:
        self.client = client
        self.function = function
        self.args = args
        self.retries = retries
        self.max_in_flight = max_in_flight
        self._stopping = False
        self._futures: dict[str, Any] = {}

    def stop(self) -> None:
        """Submit nothing more and cancel what has not finished (reported ``cancelled``)."""
        self._stopping = True
        if self._futures:
            self.client.cancel(list(self._futures.values()))

    def _limit(self) -> int:
        if self.max_in_flight:
            return self.max_in_flight
        threads = int(sum(self.client.nthreads().values()))
        return max(16, 4 * threads)

    def run(self, tasks: Iterable[Any], on_outcome: Callable[[Outcome], None]) -> None:
        """Submit tasks lazily, call ``on_outcome`` in this thread as each one finishes."""
        from distributed import as_completed

        source = iter(tasks)
        limit = self._limit()
        owners: dict[str, tuple[Any, float]] = {}
        finished = as_completed()  # type: ignore[no-untyped-call]
        self._futures = {}
        exhausted = False
        while True:
            while not (exhausted or self._stopping) and len(owners) < limit:
                task = next(source, None)
                if task is None:
                    exhausted = True
                    break
                future = self.client.submit(self.function, task, *self.args, pure=False,
                                            retries=self.retries,
                                            key=f"newsingest-convert-{uuid.uuid4().hex}")
                owners[future.key] = (task, time.monotonic())
                self._futures[future.key] = future
                finished.add(future)  # type: ignore[no-untyped-call]
            if not owners:
                return
            future = next(finished)
            task, submitted = owners.pop(future.key)
            self._futures.pop(future.key, None)
            seconds = round(time.monotonic() - submitted, 3)
            if future.status == "finished":
                outcome: Outcome = attrs.evolve(future.result(), task=task)
            elif future.status == "cancelled":
                outcome = Outcome(task, failure="cancelled", seconds=seconds,
                                  detail="stopped by --fail-fast")
            else:
                failure, detail = _failure_of(future.exception())
                outcome = Outcome(task, failure=failure, detail=detail, seconds=seconds)
            future.release()
            on_outcome(outcome)
