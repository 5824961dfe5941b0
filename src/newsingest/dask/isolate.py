"""Hard per-file timeouts and crash isolation inside a Dask worker.

A Dask task cannot be killed: ``Future.cancel`` only forgets a running task, and a parse that
hangs in native code (or segfaults) would hang (or kill) the Dask worker itself, which Dask then
retries elsewhere until the task ends as ``KilledWorker``, taking other tasks with it. So the
parse does not run in the Dask worker. Each worker thread owns a *lane*: a long-lived
:class:`~newsingest.batch.pool.ProcessPool` of one child process, the very pool the local engine
uses, fed through a queue by a background thread. The child is started once (a fork of a
forkserver that has the parsers imported), converts file after file, and is killed and
replaced when a file runs past the timeout, when it dies, or after ``recycle_after`` files, under
its ``RLIMIT_AS`` memory cap. A Dask task thus blocks only until its lane reports an
:class:`~newsingest.batch.pool.Outcome`, and the Dask worker survives whatever the file does.

A process per *task* would be simpler but costs 80-200 ms per file (fork, plugin loading): a
tenth of the time of an average news PDF. The lane costs that once per ``recycle_after`` files.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import threading
from collections.abc import Iterator
from concurrent.futures import Future

import attrs

from newsingest.batch.convert import Result, Settings, Task, run_task
from newsingest.batch.pool import Outcome, PoolConfig, ProcessPool

__all__ = ["Job", "run_isolated", "shutdown_lanes"]


@attrs.frozen
class Job:
    """What a lane's child runs: one task under one run's settings."""

    task: Task
    settings: Settings


def _handle(job: Job) -> Result:
    """The child's handler (module level, so it pickles by reference)."""
    return run_task(job.task, job.settings)


def _warm_up() -> None:
    from newsingest.batch.cli import warm_up

    warm_up()


class _Lane:
    """One child process serving one Dask worker thread, one job at a time."""

    def __init__(self, config: PoolConfig) -> None:
        self.config = config
        self.jobs: queue.SimpleQueue[tuple[Job, Future[Outcome]] | None] = queue.SimpleQueue()
        self.current: Future[Outcome] | None = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._serve, name="newsingest-lane", daemon=True)
        self.thread.start()

    def _feed(self) -> Iterator[Job]:
        # The pool asks for a job only when its one child is idle, so blocking here is safe.
        while True:
            item = self.jobs.get()
            if item is None:
                return
            job, self.current = item
            yield job

    def _done(self, outcome: Outcome) -> None:
        if self.current is not None:
            self.current.set_result(outcome)
            self.current = None

    def _serve(self) -> None:
        # Dask's nanny starts workers as daemonic processes, and multiprocessing refuses children
        # to those. The lane's child and forkserver end by themselves when this process dies
        # (their pipes close), which is what the rule is there to ensure.
        process = multiprocessing.current_process()
        if process.daemon:
            process.daemon = False
        pool = ProcessPool(_handle, self.config, initializer=_warm_up)
        try:
            pool.run(self._feed(), self._done)
        except BaseException as exc:  # PoolError: the child cannot even start
            self.error = exc
            if self.current is not None:
                self.current.set_exception(exc)
            while True:
                try:
                    item = self.jobs.get_nowait()
                except queue.Empty:
                    break
                if item is not None:
                    item[1].set_exception(exc)

    @property
    def alive(self) -> bool:
        return self.error is None and self.thread.is_alive()

    def submit(self, job: Job) -> Future[Outcome]:
        future: Future[Outcome] = Future()
        self.jobs.put((job, future))
        return future

    def close(self) -> None:
        self.jobs.put(None)
        self.thread.join(10)


_lanes: dict[int, _Lane] = {}
_lock = threading.Lock()


def _lane(config: PoolConfig) -> _Lane:
    ident = threading.get_ident()
    with _lock:
        lane = _lanes.get(ident)
        if lane is not None and (lane.config != config or not lane.alive):
            lane.close()
            lane = None
        if lane is None:
            lane = _lanes[ident] = _Lane(config)
        return lane


def run_isolated(job: Job, config: PoolConfig) -> Outcome:
    """Run ``job`` in this thread's lane and wait for its outcome (raises ``PoolError``)."""
    assert config.jobs == 1, "a lane has exactly one child"
    future = _lane(config).submit(job)
    wait = None
    if config.timeout:  # the pool enforces the deadline; this only guards against a lost lane
        wait = config.timeout + config.startup_timeout + 60
    return future.result(timeout=wait)


def shutdown_lanes() -> None:
    """Stop every lane of this process (their children retire)."""
    with _lock:
        lanes = list(_lanes.values())
        _lanes.clear()
    for lane in lanes:
        with contextlib.suppress(Exception):
            lane.close()
