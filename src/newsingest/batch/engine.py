"""Engines: what runs the tasks of a run. The local one is a pebble ``ProcessPool``.

An *engine* has ``run(tasks, on_outcome)`` and ``stop()``; it calls ``on_outcome`` once per
task, in the calling thread, with an :class:`Outcome`: the worker's
:class:`~newsingest.batch.record.Converted`, or the :class:`~newsingest.batch.record.Failure`
the engine saw. The :class:`~newsingest.batch.runner.Runner` is handed one: :class:`PoolEngine`
here, :class:`newsingest.dask.engine.DaskEngine` on a cluster.

pebble's ``ProcessPool`` gives what a batch of hostile files needs and
``concurrent.futures`` lacks: a per-task timeout that kills the worker (``TimeoutError``), a
worker that dies (segfault, ``os._exit``, the OOM killer) costing only its task
(``ProcessExpired`` with the exit code), and ``max_tasks`` recycling. What it lacks is kept here:
the worker initializer (the parent's ``sys.path`` and environment, an address-space cap, the
plugins loaded once), the start method (a *forkserver* that imports the parsers once: pebble
runs threads in the parent, and forking a threaded process can copy a held lock), a bound on
tasks in flight (archive members carry their bytes), and a pool whose workers cannot even start
(pebble's ``BrokenProcessPool``) retried twice, then :class:`PoolError`.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import importlib
import multiprocessing
import os
import resource
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol

import attrs

from newsingest.batch.convert import Settings, Task, run_task
from newsingest.batch.record import Converted, Failure

__all__ = ["PRELOAD", "Engine", "InFlight", "Outcome", "PoolEngine", "PoolError", "WorkerConfig",
           "boot",
           "cpu_count", "describe_exit", "outcome_of", "quiet_third_party", "worker_init"]

#: Modules the forkserver imports once, so each worker starts as a cheap fork.
PRELOAD = ("newsingest.api", "newsingest.plugins", "newsingest.batch.convert",
           "newsingest.batch.engine", "newsingest.parsers.pdf", "newsingest.parsers.html",
           "newsingest.parsers.text", "newsingest.repair.builtin", "newsingest.export.builtin",
           "pebble", "pdfplumber", "lxml.html", "charset_normalizer", "ftfy")


class PoolError(RuntimeError):
    """Workers cannot even start (a plugin crashes the interpreter at import, say)."""


@attrs.frozen
class Outcome:
    """What became of a task: the worker's ``converted``, or the engine's ``failure``."""

    task: Task
    converted: Converted | None = None
    failure: Failure | None = None
    detail: str = ""
    seconds: float = 0.0


class Engine(Protocol):
    def run(self, tasks: Iterable[Task], on_outcome: Callable[[Outcome], None]) -> None: ...

    def stop(self) -> None: ...


@attrs.frozen
class WorkerConfig:
    """The limits each worker process runs under (``None``: no limit)."""

    timeout: float | None = None
    max_memory_mb: int | None = None
    recycle_after: int = 100
    start_method: str = "forkserver"
    debug: bool = False


#: Loggers of libraries we run whose records are about their own internals.
THIRD_PARTY_LOGGERS = ("pdfminer", "pdfplumber", "fsspec", "s3fs", "botocore", "aiobotocore",
                       "distributed", "pebble", "PIL", "charset_normalizer", "htmldate")


def quiet_third_party(debug: bool) -> Callable[[], None]:
    """Other libraries' loggers print nothing unless ``--debug``: their warnings are about their
    internals (pdfminer's "Could not get FontBBox"), and each line on a terminal strands a copy
    of the progress bar. Ours and plugins' (``newsingest*``) and Python warnings still reach
    stderr. Returns what puts the levels back (the command does, when it ends)."""
    import logging

    if debug:
        return lambda: None
    names = {n.split(".")[0] for n in list(logging.root.manager.loggerDict)}
    ours = {n for n in names if n.startswith("newsingest")} | {"py"}  # py.warnings: warnings
    saved = {}
    for name in (names - ours) | set(THIRD_PARTY_LOGGERS):
        logger = logging.getLogger(name)
        saved[name] = logger.level
        logger.setLevel(logging.CRITICAL + 1)

    def restore() -> None:
        for name, level in saved.items():
            logging.getLogger(name).setLevel(level)

    return restore


def cpu_count() -> int:
    """CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def describe_exit(code: int | None) -> str:
    """A worker's exit code in words.

    >>> describe_exit(-11)
    'the worker was killed by SIGSEGV (a crash in native code?)'
    >>> describe_exit(3)
    'the worker exited with status 3'
    """
    if code is None:
        return "the worker vanished"
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        hint = {"SIGSEGV": " (a crash in native code?)", "SIGKILL": " (out of memory?)",
                "SIGABRT": " (an abort in native code?)"}.get(name, "")
        return f"the worker was killed by {name}{hint}"
    return f"the worker exited with status {code}"


def _limit_memory(megabytes: int | None) -> None:
    """Cap the address space (``RLIMIT_AS``: what Linux enforces) and, where the OS honours
    it, the resident set (``RLIMIT_RSS``; Linux ignores it)."""
    if not megabytes:
        return
    for which in (resource.RLIMIT_AS, getattr(resource, "RLIMIT_RSS", None)):
        if which is None:
            continue
        limit = megabytes * 1024 * 1024
        _, hard = resource.getrlimit(which)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(which, (limit, hard))


def worker_init(memory_mb: int | None, sys_path: list[str], environ: dict[str, str],
                debug: bool = False) -> None:
    """A worker's start: adopt the parent's ``sys.path`` and environment (a forkserver started
    earlier has older ones: plugins, credentials), cap memory, load the plugins and the word
    list once.

    A broken plugin was already reported once by the command itself; every worker (and every
    replacement) repeating the warning would bury the progress display.
    """
    import logging
    import warnings

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    sys.path[:] = sys_path
    os.environ.clear()
    os.environ.update(environ)
    importlib.invalidate_caches()
    _limit_memory(memory_mb)
    from newsingest.plugins import PluginWarning, get_registry

    logging.getLogger("newsingest.plugins").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PluginWarning)
        get_registry()
    from newsingest.reflow.vocabulary import zipf

    zipf("the")  # wordfreq reads its word list on first use: once here, not in a file's timeout
    quiet_third_party(debug)


def mp_context(method: str) -> Any:
    """The multiprocessing context for ``method`` (``forkserver`` preloads :data:`PRELOAD`)."""
    if method not in multiprocessing.get_all_start_methods():
        method = "spawn"
    ctx = multiprocessing.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(list(PRELOAD))
    return ctx


def boot(method: str = "forkserver") -> None:
    """Start the forkserver now, so that its imports (the parsers) run while the command loads
    its plugins and lists the inputs, instead of after: on a short run that start-up is a fixed
    cost no number of workers divides."""
    if mp_context(method).get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def outcome_of(task: Task, future: concurrent.futures.Future[Converted], seconds: float,
               timeout: float | None) -> Outcome:
    """The outcome of a finished pebble future (both engines' workers use pebble)."""
    from pebble import ProcessExpired

    if future.cancelled():
        return Outcome(task, failure=Failure.CANCELLED, seconds=seconds,
                       detail="not finished: --fail-fast stopped the run after a failure")
    exc = future.exception()
    if exc is None:
        return Outcome(task, converted=future.result(), seconds=seconds)
    if isinstance(exc, TimeoutError):
        # It ran for the timeout: the time since it was scheduled also counts its wait in the
        # queue (up to two tasks per worker are in flight), which made a 30 s timeout read 66 s.
        return Outcome(task, failure=Failure.TIMEOUT, seconds=timeout or seconds,
                       detail=f"no result after {timeout:g} s; the worker was killed and "
                              "replaced")
    if isinstance(exc, ProcessExpired):
        return Outcome(task, failure=Failure.DIED, detail=describe_exit(exc.exitcode),
                       seconds=seconds)
    return Outcome(task, failure=Failure.ERROR, detail=f"{type(exc).__name__}: {exc}"[:2000],
                   seconds=seconds)


#: Bytes of archive members (tasks carry them) in flight at once, beyond a first task.
MAX_BYTES_IN_FLIGHT = 256 * 1024 * 1024


def _carried(task: object) -> int:
    """Bytes a task carries (an engine maps any picklable task; ours carry ``data``)."""
    data = getattr(task, "data", None)
    return len(data) if isinstance(data, (bytes, bytearray)) else 0


class InFlight:
    """Bounds the bytes tasks carry while they wait for or run in a worker: with members of up
    to ``--max-size`` each, a count limit alone would let this process hold several of them."""

    def __init__(self) -> None:
        self.bytes = 0
        self._held: Task | None = None

    def take(self, pull: Callable[[], Task | None], *, busy: bool) -> Task | None:
        """The next task to send, or ``None``: none left, or (``busy``: tasks are in flight) no
        room for the next one, which is held until :meth:`release` makes room."""
        task, self._held = self._held or pull(), None
        if task is None:
            return None
        size = _carried(task)
        if busy and self.bytes + size > MAX_BYTES_IN_FLIGHT:
            self._held = task
            return None
        self.bytes += size
        return task

    def release(self, task: Task) -> None:
        self.bytes -= _carried(task)

    @property
    def holding(self) -> bool:
        """Whether a task pulled earlier waits for room."""
        return self._held is not None


class PoolEngine:
    """``jobs`` pebble worker processes on this machine, ``2 × jobs`` tasks in flight.

    ``function(task, settings)`` runs in the workers (:func:`run_task`; tests pass others).
    """

    def __init__(self, settings: Settings, jobs: int, config: WorkerConfig,
                 function: Callable[[Any, Settings], Any] = run_task) -> None:
        self.settings = settings
        self.function = function
        self.jobs = max(1, jobs)
        self.config = config
        self._stopping = False
        self._futures: dict[concurrent.futures.Future[Converted], tuple[Task, float]] = {}

    def stop(self) -> None:
        """Dispatch nothing more; tasks in flight are killed and reported ``cancelled``."""
        self._stopping = True
        for future in list(self._futures):
            future.cancel()

    def _pool(self) -> Any:
        from pebble import ProcessPool

        return ProcessPool(max_workers=self.jobs, max_tasks=self.config.recycle_after,
                           initializer=worker_init,
                           initargs=(self.config.max_memory_mb, list(sys.path),
                                     dict(os.environ), self.config.debug),
                           context=mp_context(self.config.start_method))

    def run(self, tasks: Iterable[Task], on_outcome: Callable[[Outcome], None]) -> None:
        """Run every task (pulled lazily) and call ``on_outcome`` once for each."""
        source: Iterator[Task] = iter(tasks)
        retry: list[Task] = []
        broken = 0
        budget = InFlight()
        pool = self._pool()
        try:
            while True:
                while not self._stopping and len(self._futures) < 2 * self.jobs:
                    task = budget.take(lambda: retry.pop() if retry else next(source, None),
                                       busy=bool(self._futures))
                    if task is None:
                        break
                    future = pool.schedule(self.function, args=(task, self.settings),
                                           timeout=self.config.timeout)
                    self._futures[future] = (task, time.monotonic())
                if not self._futures:
                    return
                done, _ = concurrent.futures.wait(list(self._futures),
                                                  return_when=concurrent.futures.FIRST_COMPLETED)
                for future in done:
                    task, started = self._futures.pop(future)
                    budget.release(task)
                    if not future.cancelled() and isinstance(future.exception(),
                                                             BrokenProcessPool):
                        retry.append(task)
                        continue
                    broken = 0  # the pool works: only breaks in a row count
                    on_outcome(outcome_of(task, future, round(time.monotonic() - started, 3),
                                          self.config.timeout))
                if retry and not self._futures:  # every worker died before taking a task
                    broken += 1
                    if broken >= 3:
                        raise PoolError("workers cannot start: they exit during start-up "
                                        "(a broken plugin? try NEWSINGEST_PLUGINS= to disable "
                                        "plugins)")
                    pool.stop()
                    pool = self._pool()
        finally:
            for future in self._futures:
                future.cancel()
            pool.stop()
            with contextlib.suppress(TimeoutError):
                pool.join(5)
