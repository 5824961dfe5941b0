"""A process pool that survives its tasks: hard timeouts, memory caps, recycling, crash isolation.

``concurrent.futures.ProcessPoolExecutor`` breaks the whole pool when one worker dies and
cannot kill a task that hangs, and ``multiprocessing.Pool`` loses the task of a dead worker
and waits forever. Here each worker has its own pipe; the parent waits on every pipe and
process sentinel at once, so it sees a result, a death (segfault, ``os._exit``, the kernel's
OOM killer) or a missed deadline as soon as it happens, records an :class:`Outcome` for the task
concerned, and starts a fresh worker. Nothing a task does can stop the run.

Workers are forked from the parent while it is single-threaded (they start in milliseconds with
the parent's imports); otherwise from a *forkserver* that imports the heavy modules once
(``preload``), so a parent running threads never forks itself. Each worker then adopts the parent's
``sys.path`` and plugin selection and runs ``initializer`` once (load the plugins), caps its
address space with ``RLIMIT_AS``, and serves tasks until it has done ``recycle_after`` of them.

The pool knows nothing about documents: it maps a picklable ``handler`` over tasks.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import os
import resource
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any

import attrs

__all__ = ["Outcome", "PoolConfig", "PoolError", "ProcessPool", "describe_exit"]

_ENV_PASSED = ("NEWSINGEST_PLUGINS",)


class PoolError(RuntimeError):
    """Workers cannot even start (a plugin crashes the interpreter at import, say)."""


@attrs.frozen
class PoolConfig:
    """How many workers, and the limits each one runs under (``None``: no limit)."""

    jobs: int = 1
    timeout: float | None = None
    max_memory_mb: int | None = None
    recycle_after: int = 100
    start_method: str = "auto"
    startup_timeout: float = 120.0
    preload: tuple[str, ...] = ()


@attrs.frozen
class Outcome:
    """What became of a task: the handler's ``value``, or a ``failure`` of the worker.

    ``failure`` is ``"timeout"`` (killed after ``PoolConfig.timeout``), ``"died"`` (the worker
    process ended while holding the task), ``"error"`` (the handler raised, or its result could
    not be sent back) or ``"cancelled"`` (killed by :meth:`ProcessPool.stop`).
    """

    task: Any
    value: Any = None
    failure: str | None = None
    detail: str = ""
    seconds: float = 0.0
    worker: int | None = None


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
    if not megabytes:
        return
    limit = megabytes * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _worker_main(conn: Connection, handler: Callable[[Any], Any],
                 initializer: Callable[[], None] | None, memory_mb: int | None,
                 sys_path: list[str], env: dict[str, str | None]) -> None:
    """A worker's life: adopt the parent's environment, initialise once, serve tasks."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    sys.path[:] = sys_path
    for key, value in env.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    importlib.invalidate_caches()
    _limit_memory(memory_mb)
    if initializer is not None:
        initializer()
    conn.send(("ready", os.getpid()))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        message: tuple[Any, ...]
        try:
            message = ("result", handler(task))
        except BaseException as exc:  # the handler should not raise; if it does, say so
            message = ("error", f"{type(exc).__name__}: {exc}")
        try:
            conn.send(message)
        except Exception as exc:
            conn.send(("error", f"the result could not be sent back: {exc!r}"))


class _Worker:
    def __init__(self, ctx: Any, args: tuple[Any, ...]) -> None:
        self.conn, child = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=_worker_main, args=(child, *args), daemon=True)
        self.proc.start()
        child.close()
        self.started = time.monotonic()
        self.ready = False
        self.task: Any = None
        self.sent_at: float | None = None
        self.done = 0

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()

    def retire(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.send(None)
        self.proc.join(2)
        if self.proc.is_alive():
            self.kill()
        self.conn.close()


class ProcessPool:
    """Map ``handler`` over tasks in ``config.jobs`` isolated worker processes."""

    def __init__(self, handler: Callable[[Any], Any], config: PoolConfig,
                 initializer: Callable[[], None] | None = None) -> None:
        self.handler = handler
        self.config = config
        self.initializer = initializer
        self._preloaded = False
        if config.start_method == "forkserver":
            from multiprocessing import forkserver

            self._context()
            # Boot the server (and its preload imports) now, in parallel with the caller's own
            # set-up, instead of when the first worker is needed.
            forkserver.ensure_running()
        self.last_method = ""
        self._stopping = False
        self._startup_failures = 0
        self._requeued: deque[Any] = deque()
        self.started_workers = 0

    def stop(self) -> None:
        """Dispatch nothing more; tasks in flight are killed and reported ``cancelled``."""
        self._stopping = True

    def _context(self) -> Any:
        """The start method for the next worker.

        ``auto`` forks the parent directly while it runs a single thread (on Linux): the worker
        then starts with everything the parent imported and its plugins loaded, in a few
        milliseconds. Forking a process that runs other threads can copy a lock some thread
        holds, so otherwise ``auto`` uses the forkserver, a single-threaded process started
        early that forks workers on request.
        """
        method = self.config.start_method
        if method == "auto":
            single = threading.active_count() == 1 and sys.platform.startswith("linux")
            method = "fork" if single else "forkserver"
            if method not in multiprocessing.get_all_start_methods():
                method = "spawn"
        ctx = multiprocessing.get_context(method)
        if method == "forkserver" and self.config.preload and not self._preloaded:
            ctx.set_forkserver_preload(list(self.config.preload))
            self._preloaded = True
        self.last_method = method
        return ctx

    def _spawn(self) -> _Worker:
        env = {key: os.environ.get(key) for key in _ENV_PASSED}
        self.started_workers += 1
        return _Worker(self._context(), (self.handler, self.initializer, self.config.max_memory_mb,
                                  list(sys.path), env))

    def run(self, tasks: Iterable[Any], on_outcome: Callable[[Outcome], None]) -> None:
        """Run every task (pulled lazily) and call ``on_outcome`` once for each, in the parent."""
        source: Iterator[Any] = iter(tasks)
        requeued = self._requeued
        slots: list[_Worker | None] = [None] * max(1, self.config.jobs)

        def next_task() -> Any:
            if requeued:
                return requeued.popleft()
            return next(source, None)

        try:
            while True:
                self._fill(slots, next_task, on_outcome)
                if not any(w is not None and w.task is not None for w in slots):
                    break
                self._step(slots, on_outcome)
        finally:
            for worker in slots:
                if worker is not None:
                    if worker.task is None:
                        worker.retire()
                    else:
                        worker.kill()

    def _fill(self, slots: list[_Worker | None], next_task: Callable[[], Any],
              on_outcome: Callable[[Outcome], None]) -> None:
        for index, worker in enumerate(slots):
            if self._stopping or (worker is not None and worker.task is not None):
                continue
            task = next_task()
            if task is None:
                return
            if worker is None:
                worker = slots[index] = self._spawn()
            worker.task = task
            if worker.ready:
                self._dispatch(index, slots, on_outcome)

    def _dispatch(self, index: int, slots: list[_Worker | None],
                  on_outcome: Callable[[Outcome], None]) -> None:
        worker = slots[index]
        assert worker is not None
        worker.sent_at = time.monotonic()
        try:
            worker.conn.send(worker.task)
        except (OSError, ValueError) as exc:
            self._lose(index, slots, on_outcome, f"the task could not be sent: {exc!r}")

    def _lose(self, index: int, slots: list[_Worker | None],
              on_outcome: Callable[[Outcome], None], detail: str | None = None) -> None:
        worker = slots[index]
        assert worker is not None
        worker.proc.join(1)
        code = worker.proc.exitcode
        worker.kill()
        slots[index] = None
        if not worker.ready:
            self._startup_failures += 1
            if self._startup_failures >= 3:
                raise PoolError(f"workers cannot start: {describe_exit(code)} during start-up "
                                "(a broken plugin? try NEWSINGEST_PLUGINS= to disable plugins)")
            if worker.task is not None:  # never sent: give it to the next worker
                self._requeued.append(worker.task)
            return
        if worker.task is not None:
            on_outcome(Outcome(worker.task, failure="died", detail=detail or describe_exit(code),
                               seconds=self._elapsed(worker), worker=worker.proc.pid))

    @staticmethod
    def _elapsed(worker: _Worker) -> float:
        return round(time.monotonic() - (worker.sent_at or worker.started), 3)

    def _deadline(self, worker: _Worker) -> float | None:
        if not worker.ready:
            return worker.started + self.config.startup_timeout
        if worker.task is not None and worker.sent_at is not None and self.config.timeout:
            return worker.sent_at + self.config.timeout
        return None

    def _step(self, slots: list[_Worker | None],
              on_outcome: Callable[[Outcome], None]) -> None:
        live = {index: w for index, w in enumerate(slots) if w is not None}
        deadlines = [d for w in live.values() if (d := self._deadline(w)) is not None]
        wait_for = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        if self._stopping:
            wait_for = 0.0
        handles: list[Any] = [w.conn for w in live.values()]
        handles += [w.proc.sentinel for w in live.values()]
        ready = set(wait(handles, timeout=wait_for))
        for index, worker in live.items():
            if worker.conn in ready:
                self._receive(index, slots, on_outcome)
            elif worker.proc.sentinel in ready:
                self._lose(index, slots, on_outcome)
        now = time.monotonic()
        for index, current in enumerate(slots):
            if current is None:
                continue
            worker = current
            if self._stopping and worker.task is not None:
                worker.kill()
                slots[index] = None
                on_outcome(Outcome(worker.task, failure="cancelled",
                                   detail="stopped by --fail-fast", worker=worker.proc.pid))
                continue
            deadline = self._deadline(worker)
            if deadline is None or now < deadline:
                continue
            worker.kill()
            slots[index] = None
            if not worker.ready:
                self._startup_failures += 1
                if worker.task is not None:
                    self._requeued.append(worker.task)
                if self._startup_failures >= 3:
                    raise PoolError("workers cannot start: no worker was ready within "
                                    f"{self.config.startup_timeout:.0f} s")
                continue
            on_outcome(Outcome(worker.task, failure="timeout",
                               detail=f"no result after {self.config.timeout:g} s; "
                                      "the worker was killed and replaced",
                               seconds=self._elapsed(worker), worker=worker.proc.pid))

    def _receive(self, index: int, slots: list[_Worker | None],
                 on_outcome: Callable[[Outcome], None]) -> None:
        worker = slots[index]
        assert worker is not None
        try:
            message = worker.conn.recv()
        except (EOFError, OSError):
            self._lose(index, slots, on_outcome)
            return
        if message[0] == "ready":
            worker.ready = True
            self._startup_failures = 0
            if worker.task is not None:
                self._dispatch(index, slots, on_outcome)
            return
        task, worker.task = worker.task, None
        seconds = self._elapsed(worker)
        if message[0] == "result":
            on_outcome(Outcome(task, value=message[1], seconds=seconds, worker=worker.proc.pid))
        else:
            on_outcome(Outcome(task, failure="error", detail=str(message[1]), seconds=seconds,
                               worker=worker.proc.pid))
        worker.done += 1
        if worker.done >= self.config.recycle_after:
            worker.retire()
            slots[index] = None
