"""The parts of `newsingest convert` on their own: naming, archives, safe outputs, the pool."""

from __future__ import annotations

import io
import os
import tarfile
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from newsingest.batch.convert import Settings, convert_one
from newsingest.batch.engine import Outcome, PoolEngine, WorkerConfig
from newsingest.batch.inputs import Item, Limits, iter_payloads
from newsingest.batch.inputs import discover as discover_in
from newsingest.batch.record import MANIFEST, Failure, Record, read_records
from newsingest.batch.sources import LocalTree
from newsingest.batch.store import LocalStore, ManifestLog, UnsafeOutputError

TREE = LocalTree()


def discover(paths: list[str], outdir: str | None, **kwargs: object) -> list[Item]:
    return discover_in(TREE, [os.path.abspath(p) for p in paths], outdir, **kwargs)  # type: ignore[arg-type]

ARTICLE = b"Council Approves Budget\n\nThe council voted on Tuesday to approve the budget.\n"


def touch(path: Path, data: bytes = ARTICLE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_names_mirror_the_tree_relative_to_the_common_folder(tmp_path: Path) -> None:
    touch(tmp_path / "in" / "a" / "b" / "x.pdf")
    touch(tmp_path / "in" / "c" / "x.pdf")
    touch(tmp_path / "in" / ".hidden" / "y.txt")
    touch(tmp_path / "in" / "out" / "old.json")  # OUTDIR inside the input is never an input
    touch(tmp_path / "other" / "z.txt")
    names = [i.name for i in discover([str(tmp_path / "in")], str(tmp_path / "in" / "out"))]
    assert names == ["a/b/x.pdf", "c/x.pdf"]
    both = discover([str(tmp_path / "in"), str(tmp_path / "other" / "z.txt")],
                    str(tmp_path / "in" / "out"))
    assert [i.name for i in both] == ["in/a/b/x.pdf", "in/c/x.pdf", "other/z.txt"]


def test_unreadable_folder_is_a_failed_input(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    touch(tmp_path / "in" / "ok.txt")
    real_walk = os.walk

    def walk(top: str, onerror: Callable[[OSError], None]) -> Iterator[tuple[str, list[str],
                                                                           list[str]]]:
        onerror(PermissionError(13, "Permission denied", os.path.join(top, "locked")))
        yield from real_walk(top)

    monkeypatch.setattr(os, "walk", walk)
    items = discover([str(tmp_path / "in")], str(tmp_path / "out"))
    assert [(i.name, i.refusal and i.refusal.error_type) for i in items] == [
        ("locked", "PermissionError"), ("ok.txt", None)]


def test_include_and_exclude_globs(tmp_path: Path) -> None:
    for name in ("a/keep.PDF", "a/skip.txt", "drafts/x.pdf", "b/y.pdf"):
        touch(tmp_path / "in" / name)
    items = discover([str(tmp_path / "in")], str(tmp_path / "out"),
                     include=["*.pdf"], exclude=["drafts", "b/*"])
    assert [i.name for i in items] == ["a/keep.PDF"]


def test_tar_members_are_read_in_order_and_unsafe_ones_refused(tmp_path: Path) -> None:
    archive = tmp_path / "dump.tar.gz"
    with tarfile.open(archive, "w:gz") as tf:
        for name in ("one.txt", "/etc/passwd", "sub/two.txt", "..\\win.txt", "sub/two.txt"):
            info = tarfile.TarInfo(name)
            info.size = len(ARTICLE)
            tf.addfile(info, io.BytesIO(ARTICLE))
        link = tarfile.TarInfo("link.txt")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tf.addfile(link)
    items = discover([str(archive)], str(tmp_path / "out"))
    payloads = list(iter_payloads(TREE, items))
    assert [(p.item.name, p.data, p.refusal and (p.refusal.status, p.refusal.error_type))
            for p in payloads] == [
        ("dump.tar.gz/one.txt", ARTICLE, None),
        ("dump.tar.gz//etc/passwd", None, ("failed", "UnsafeMemberError")),
        ("dump.tar.gz/sub/two.txt", ARTICLE, None),
        ("dump.tar.gz/..\\win.txt", None, ("failed", "UnsafeMemberError")),
        ("dump.tar.gz/sub/two~2.txt", ARTICLE, None),
        ("dump.tar.gz/link.txt", None, ("skipped", "NotARegularFileError")),
    ]


def test_member_size_cap_is_enforced_on_the_stream(tmp_path: Path) -> None:
    archive = tmp_path / "big.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("big.txt", b"x" * 5000)
        zf.writestr("small.txt", ARTICLE)
    limits = Limits(max_bytes=4096)
    payloads = list(iter_payloads(TREE, discover([str(archive)], str(tmp_path / "o"),
                                                 limits=limits), limits))
    assert [(p.item.name, p.refusal.error_type if p.refusal else None) for p in payloads] == [
        ("big.zip/big.txt", "TooLargeError"), ("big.zip/small.txt", None)]


def test_corrupt_archive_is_one_failed_item(tmp_path: Path) -> None:
    touch(tmp_path / "broken.zip", b"PK\x03\x04 not really")
    (item,) = discover([str(tmp_path / "broken.zip")], str(tmp_path / "o"))
    assert item.refusal is not None and item.refusal.error_type == "CorruptArchiveError"


def test_outputs_never_leave_outdir(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", out / "link")
    store = LocalStore(str(out))
    for bad in ("../x.json", "link/x.json", "/etc/x.json", "manifest.jsonl", "a\x00b.json"):
        with pytest.raises(UnsafeOutputError):
            store.write_text(bad, "{}")
    assert not list((tmp_path / "elsewhere").iterdir())
    store.write_text("a/b/c.json", "{}")
    target = out / "a" / "b" / "c.json"
    assert store.exists("a/b/c.json") and target.read_text() == "{}"
    assert [p.name for p in target.parent.iterdir()] == ["c.json"]


def test_manifest_reader_takes_the_last_line_and_skips_a_torn_one(tmp_path: Path) -> None:
    store = LocalStore(str(tmp_path))
    log = ManifestLog(store, append=False)
    log.write(Record("a.pdf", "failed", error_type="CorruptError"), list)
    log.write(Record("a.pdf", "ok", pages=3), list)
    log.close()
    with open(tmp_path / MANIFEST, "a", encoding="utf-8") as handle:
        handle.write('{"path": "b.pdf", "sta')
    assert read_records(store.read_text(MANIFEST)) == {"a.pdf": Record("a.pdf", "ok", pages=3)}
    log = ManifestLog(store, append=True)  # cuts the torn line
    assert (tmp_path / MANIFEST).read_text().endswith("}\n")
    log.finish([Record("a.pdf", "ok", pages=3), Record("b.pdf", "skipped")])
    log.close()
    assert len((tmp_path / MANIFEST).read_text().splitlines()) == 2


def test_convert_one_turns_every_exception_into_a_record() -> None:
    ok = convert_one("a.txt", ARTICLE)
    assert ok.ok and ok.record.pages == 1 and ok.rendered and ok.record.parser == "text"
    bad = convert_one("a.pdf", b"%PDF-1.7 nonsense").record
    assert (bad.status, bad.error_type) == ("failed", "CorruptError") and bad.sha256
    missing = convert_one("gone.txt", "/nonexistent/gone.txt").record
    assert missing.error_type == "FileNotFoundError"
    assert convert_one("a.txt", ARTICLE, fmt="nope").record.error_type == "LookupError"


TASKS = """
import ctypes, os, time

def call(task, settings):
    kind, arg = task
    if kind == "sleep":
        time.sleep(arg)
    elif kind == "exit":
        os._exit(arg)
    elif kind == "segv":
        ctypes.string_at(0)
    elif kind == "hog":
        return len(bytearray(arg))
    elif kind == "bad":
        return int(arg)
    return os.getpid()
"""


@pytest.fixture
def tasks_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., object]:
    """Worker functions in an importable module (workers adopt ``sys.path``)."""
    (tmp_path / "ns_pool_tasks.py").write_text(TASKS, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    import importlib

    module = importlib.import_module("ns_pool_tasks")
    return module.call  # type: ignore[no-any-return]


def run_pool(function: Callable[..., object], tasks: list[object], jobs: int = 1,
             **config: object) -> list[Outcome]:
    outcomes: list[Outcome] = []
    engine = PoolEngine(Settings(), jobs, WorkerConfig(**config),  # type: ignore[arg-type]
                        function=function)  # type: ignore[arg-type]
    engine.run(tasks, outcomes.append)  # type: ignore[arg-type]
    return outcomes


@pytest.mark.usefixtures("capture_child_crashes")
def test_pool_survives_hangs_exits_and_segfaults(tasks_module: Callable[..., object]) -> None:
    tasks = [("sleep", 60), ("exit", 3), ("segv", 0), ("pid", 0), ("bad", "x")]
    started = time.monotonic()
    outcomes = {o.task: o for o in run_pool(tasks_module, tasks, jobs=2, timeout=1.5)}
    assert time.monotonic() - started < 20
    assert outcomes[("sleep", 60)].failure is Failure.TIMEOUT
    assert outcomes[("exit", 3)].failure is Failure.DIED
    assert "status 3" in outcomes[("exit", 3)].detail
    assert "SIGSEGV" in outcomes[("segv", 0)].detail
    assert outcomes[("pid", 0)].failure is None and outcomes[("pid", 0)].converted != os.getpid()
    assert outcomes[("bad", "x")].failure is Failure.ERROR
    assert "ValueError" in outcomes[("bad", "x")].detail


def test_pool_recycles_workers_and_caps_memory(tasks_module: Callable[..., object]) -> None:
    pids = run_pool(tasks_module, [("pid", i) for i in range(6)], recycle_after=2)
    assert len({o.converted for o in pids}) == 3 and os.getpid() not in {o.converted for o in pids}
    hog = run_pool(tasks_module, [("hog", 8 * 1024 ** 3)], max_memory_mb=1024)
    assert hog[0].failure is Failure.ERROR and "MemoryError" in hog[0].detail


def test_pool_stop_cancels_work_in_flight(tasks_module: Callable[..., object]) -> None:
    outcomes: list[Outcome] = []
    engine = PoolEngine(Settings(), 2, WorkerConfig(timeout=30),
                        function=tasks_module)  # type: ignore[arg-type]

    def record(outcome: Outcome) -> None:
        outcomes.append(outcome)
        engine.stop()

    tasks = [("bad", "x"), ("sleep", 30), ("sleep", 31), ("sleep", 32)]
    started = time.monotonic()
    engine.run(tasks, record)  # type: ignore[arg-type]
    assert time.monotonic() - started < 10
    assert outcomes[0].failure is Failure.ERROR
    assert {o.failure for o in outcomes[1:]} <= {Failure.CANCELLED} and len(outcomes) <= 4


def test_bytes_in_flight_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Archive members carry their bytes: past the byte budget, the next task waits for room
    (one task always goes, however large)."""
    from newsingest.batch import engine
    from newsingest.batch.convert import Task

    budget = engine.InFlight()
    monkeypatch.setattr(engine, "MAX_BYTES_IN_FLIGHT", 100)
    first = budget.take(lambda: Task("a", data=b"x" * 150), busy=False)  # too big, but alone
    assert first is not None
    assert budget.take(lambda: Task("b", data=b"x" * 60), busy=True) is None and budget.holding
    budget.release(first)
    held = budget.take(lambda: None, busy=True)
    assert held is not None and held.name == "b" and not budget.holding

    done: list[Outcome] = []
    in_flight: list[int] = []

    def tasks() -> Iterator[Task]:
        for index in range(8):
            yield Task(f"m{index}.txt", data=ARTICLE[:60])
            in_flight.append(index + 1 - len(done))

    PoolEngine(Settings(fmt="text"), 2, WorkerConfig()).run(tasks(), done.append)
    assert len(done) == 8 and all(o.converted is not None and o.converted.ok for o in done)
    assert max(in_flight) <= 2  # without the budget: 2 x jobs = 4


def test_progress_lines_bar_and_summary() -> None:
    from newsingest.batch.progress import Reporter, Stats

    stats = Stats()
    stats.add(Record("a.pdf", "ok", pages=4, seconds=2.5, peak_rss_mib=80.0))
    stats.add(Record("b.pdf", "failed", error_type="CorruptError", message="b.pdf: broken"))
    stats.add(Record("c.pdf", "ok", pages=1), resumed=True)
    plain = io.StringIO()
    reporter = Reporter(stream=plain, tty=False, interval=0.0)
    reporter.start(4)
    reporter.update(stats)
    assert plain.getvalue().startswith("newsingest: 3/4 files (75%), 4 pages,")
    reporter.report(stats, "out")
    summary = plain.getvalue()
    assert "1 already done" in summary and "2.5s a.pdf" in summary
    assert "CorruptError (1): b.pdf" in summary and stats.exit_code() == 1
    terminal = io.StringIO()
    bar = Reporter(stream=terminal, tty=True)
    bar.start(4)
    bar.update(stats)
    bar.close()
    assert "1 failed" in terminal.getvalue()
    quiet = io.StringIO()
    Reporter(stream=quiet, quiet=True).report(stats, "out")
    assert quiet.getvalue() == "newsingest: 1 of 3 inputs failed; see out/manifest.jsonl\n"


def test_warnings_logged_during_the_bar_go_above_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """logging.basicConfig keeps the stderr it found; during the bar it must write through
    rich's proxy (printed above the bar) and be given its stream back afterwards."""
    import logging

    from newsingest.batch.progress import Reporter

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    handler = logging.StreamHandler(terminal)
    logging.getLogger().addHandler(handler)
    try:
        bar = Reporter(stream=terminal, tty=True)
        bar.start(3)
        assert handler.stream is not terminal  # rich's proxy
        logging.getLogger("newsingest.test").warning("a plugin said something")
        bar.close()
        assert handler.stream is terminal
    finally:
        logging.getLogger().removeHandler(handler)
    assert "a plugin said something" in terminal.getvalue()


def test_a_jsonl_run_to_object_storage_is_refused_when_planned(tmp_path: Path) -> None:
    """The library path (``newsingest.dask.run``, a Runner) was refused only once running, after
    the pool or cluster had started; the CLI checked on its own. One check now, at planning."""
    from newsingest.batch.runner import Runner, RunOptions

    (tmp_path / "a.txt").write_text("Council Approves Budget\n\nThe council voted.\n",
                                    encoding="utf-8")
    runner = Runner(RunOptions(inputs=(str(tmp_path),), out="s3://bucket/out", fmt="jsonl"))
    with pytest.raises(ValueError, match="local OUTDIR"):
        runner.plan()
    assert Runner(RunOptions(inputs=(str(tmp_path),), out="s3://bucket/out")).plan()


def test_a_timeout_record_gives_the_time_it_ran_not_its_wait_in_the_queue() -> None:
    """Regression: a 30 s timeout was recorded as 66 s (the seconds since it was scheduled,
    queue wait included) in the damaged-PDF corpus run."""
    import concurrent.futures

    from newsingest.batch.convert import Task
    from newsingest.batch.engine import outcome_of

    future: concurrent.futures.Future[object] = concurrent.futures.Future()
    future.set_exception(TimeoutError())
    outcome = outcome_of(Task("slow.pdf"), future, 66.0, 30.0)  # type: ignore[arg-type]
    assert (outcome.failure, outcome.seconds) == (Failure.TIMEOUT, 30.0)
