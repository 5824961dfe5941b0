"""The Dask engine: the runner's ``Engine`` protocol on a ``distributed.Client``.

:class:`DaskEngine` has the local pool's interface, ``run(tasks, on_outcome)`` and ``stop()``,
so the one :class:`~newsingest.batch.runner.Runner` plans, resumes, writes the manifest and
shows progress exactly as for ``--engine local``. Tasks are pulled lazily and at most
``max_in_flight`` futures exist at once; outcomes are taken with ``as_completed``.

A Dask task cannot be killed, and a parse stuck in native code (or segfaulting) would hang (or
kill) the Dask worker. So each Dask task hands its input to a pebble ``ProcessPool`` owned by
the Dask worker process (:func:`convert_in_worker`), the same kind of pool and the same worker
function and initializer as the local engine: a file past ``--timeout`` gets its pebble worker
killed, a crash costs its file, workers are recycled and memory-capped, and the Dask worker
survives. Only a *Dask worker* dying (a lost node) is Dask's business: the scheduler re-runs its
tasks elsewhere, and a task whose workers keep dying ends as ``KilledWorker``, a
``failed``/``WorkerDied`` record.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from newsingest.batch.convert import Settings, Task, run_task
from newsingest.batch.engine import (
    InFlight,
    Outcome,
    WorkerConfig,
    mp_context,
    outcome_of,
    worker_init,
)
from newsingest.batch.record import Failure

__all__ = ["DaskEngine", "close_pools", "convert_in_worker", "failure_of"]

_pools: dict[tuple[WorkerConfig, int], Any] = {}
_lock = threading.Lock()


def _pool(config: WorkerConfig) -> Any:
    """This Dask worker process's pebble pool (one per config), one process per Dask thread."""
    from pebble import ProcessPool

    try:
        from distributed import get_worker

        threads = int(get_worker().state.nthreads)
    except (ImportError, ValueError, AttributeError):
        threads = 1
    key = (config, os.getpid())
    with _lock:
        pool = _pools.get(key)
        if pool is None or not pool.active:
            # Dask's nanny starts workers as daemonic processes, and multiprocessing refuses
            # children to those. The pool's workers end when this process dies (their pipes
            # close), which is what that rule is there to ensure.
            import multiprocessing

            process = multiprocessing.current_process()
            if process.daemon:
                process.daemon = False
            pool = _pools[key] = ProcessPool(
                max_workers=threads, max_tasks=config.recycle_after, initializer=worker_init,
                initargs=(config.max_memory_mb, list(sys.path), dict(os.environ), config.debug),
                context=mp_context(config.start_method))
        return pool


def close_pools() -> None:
    """Stop this Dask worker's pools: their processes would otherwise keep a closing worker
    alive until its nanny kills it (4 s per worker at every cluster close)."""
    with _lock:
        pools = list(_pools.values())
        _pools.clear()
    for pool in pools:
        pool.stop()
        with contextlib.suppress(Exception):
            pool.join(2)


def convert_in_worker(task: Task, settings: Settings, config: WorkerConfig) -> Outcome:
    """A Dask task: convert ``task`` in this worker's pebble pool, under the timeout."""
    started = time.monotonic()
    future = _pool(config).schedule(run_task, args=(task, settings), timeout=config.timeout)
    try:
        future.exception()  # waits; pebble enforces the timeout
    except BaseException:
        future.cancel()
        raise
    outcome = outcome_of(task, future, round(time.monotonic() - started, 3), config.timeout)
    if outcome.failure is None and task.data is not None:  # no need to send the bytes back
        outcome = attrs.evolve(outcome, task=attrs.evolve(task, data=None))
    return outcome


def failure_of(exc: BaseException | None) -> tuple[Failure, str]:
    """A Dask task's own failure (its workers died, it raised) as an engine failure."""
    from distributed.scheduler import KilledWorker

    if isinstance(exc, KilledWorker):
        return Failure.DIED, (f"the Dask workers running it died repeatedly ({exc}); "
                              "raise distributed.scheduler.allowed-failures to try more often")
    return Failure.ERROR, f"{type(exc).__name__}: {exc}"[:2000]


def _closer() -> Any:
    """A worker plugin whose teardown (the worker closing) stops the worker's pools."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class ClosePools(WorkerPlugin):
        name = "newsingest-close-pools"

        def teardown(self, worker: Any) -> None:
            close_pools()

    return ClosePools()


class DaskEngine:
    """Map the conversion over tasks on a Dask cluster, one outcome per task."""

    def __init__(self, client: Any, settings: Settings, config: WorkerConfig, *,
                 retries: int = 2, max_in_flight: int | None = None) -> None:
        self.client = client
        self.settings = settings
        self.config = config
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

    def run(self, tasks: Iterable[Task], on_outcome: Callable[[Outcome], None]) -> None:
        """Submit tasks lazily, call ``on_outcome`` in this thread as each one finishes."""
        from distributed import as_completed

        source = iter(tasks)
        self.client.register_plugin(_closer())  # idempotent: one per worker, by name
        limit = self._limit()
        owners: dict[str, tuple[Task, float]] = {}
        finished = as_completed()  # type: ignore[no-untyped-call]
        self._futures = {}
        exhausted = False
        budget = InFlight()
        while True:
            while not (exhausted or self._stopping) and len(owners) < limit:
                task = budget.take(lambda: next(source, None), busy=bool(owners))
                if task is None:
                    exhausted = not budget.holding
                    break
                future = self.client.submit(convert_in_worker, task, self.settings, self.config,
                                            pure=False, retries=self.retries,
                                            key=f"newsingest-convert-{uuid.uuid4().hex}")
                owners[future.key] = (task, time.monotonic())
                self._futures[future.key] = future
                finished.add(future)  # type: ignore[no-untyped-call]
            if not owners:
                return
            future = next(finished)
            task, submitted = owners.pop(future.key)
            budget.release(task)
            self._futures.pop(future.key, None)
            seconds = round(time.monotonic() - submitted, 3)
            if future.status == "finished":
                outcome: Outcome = future.result()
            elif future.status == "cancelled":
                outcome = Outcome(task, failure=Failure.CANCELLED, seconds=seconds,
                                  detail="not finished: --fail-fast stopped the run")
            else:
                failure, detail = failure_of(future.exception())
                outcome = Outcome(task, failure=failure, detail=detail, seconds=seconds)
            future.release()
            on_outcome(outcome)
