"""The parts of `newsingest convert` on their own: naming, archives, safe outputs, the pool."""

from __future__ import annotations

import ctypes
import functools
import io
import operator
import os
import tarfile
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from newsingest.batch.convert import convert_one
from newsingest.batch.inputs import Limits, discover, iter_payloads
from newsingest.batch.manifest import ManifestWriter, Record, read_manifest
from newsingest.batch.outputs import UnsafeOutputError, safe_path, write_atomic
from newsingest.batch.pool import Outcome, PoolConfig, ProcessPool

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
    payloads = list(iter_payloads(items))
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
    limits = Limits(max_member_bytes=4096)
    payloads = list(iter_payloads(discover([str(archive)], str(tmp_path / "o"), limits=limits),
                                  limits))
    assert [(p.item.name, p.refusal.error_type if p.refusal else None) for p in payloads] == [
        ("big.zip/big.txt", "MemberTooLargeError"), ("big.zip/small.txt", None)]


def test_corrupt_archive_is_one_failed_item(tmp_path: Path) -> None:
    touch(tmp_path / "broken.zip", b"PK\x03\x04 not really")
    (item,) = discover([str(tmp_path / "broken.zip")], str(tmp_path / "o"))
    assert item.refusal is not None and item.refusal.error_type == "CorruptArchiveError"


def test_outputs_never_leave_outdir(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", out / "link")
    for bad in ("../x.json", "link/x.json", "/etc/x.json", "manifest.jsonl"):
        with pytest.raises(UnsafeOutputError):
            write_atomic(out, bad, "{}")
    assert not list((tmp_path / "elsewhere").iterdir())
    target = write_atomic(out, "a/b/c.json", "{}")
    assert target == safe_path(out, "a/b/c.json") and target.read_text() == "{}"
    assert [p.name for p in target.parent.iterdir()] == ["c.json"]


def test_manifest_reader_takes_the_last_line_and_skips_a_torn_one(tmp_path: Path) -> None:
    writer = ManifestWriter(tmp_path, append=False)
    writer.write(Record("a.pdf", "failed", error_type="CorruptError"))
    writer.write(Record("a.pdf", "ok", pages=3))
    writer.close()
    with open(tmp_path / "manifest.jsonl", "a", encoding="utf-8") as handle:
        handle.write('{"path": "b.pdf", "sta')
    assert read_manifest(tmp_path / "manifest.jsonl") == {"a.pdf": Record("a.pdf", "ok", pages=3)}
    writer = ManifestWriter(tmp_path, append=True)
    writer.finish([Record("a.pdf", "ok", pages=3), Record("b.pdf", "skipped")])
    assert len((tmp_path / "manifest.jsonl").read_text().splitlines()) == 2


def test_convert_one_turns_every_exception_into_a_result() -> None:
    ok = convert_one("a.txt", ARTICLE)
    assert ok.status == "ok" and ok.pages == 1 and ok.rendered and ok.parser == "text"
    bad = convert_one("a.pdf", b"%PDF-1.7 nonsense")
    assert (bad.status, bad.error_type) == ("failed", "CorruptError") and bad.sha256
    missing = convert_one("gone.txt", "/nonexistent/gone.txt")
    assert missing.error_type == "FileNotFoundError"
    assert convert_one("a.txt", ARTICLE, fmt="nope").error_type == "LookupError"


needs_call = pytest.mark.skipif(not hasattr(operator, "call"), reason="operator.call: 3.11+")


def run_pool(tasks: list[object], **config: object) -> list[Outcome]:
    outcomes: list[Outcome] = []
    pool = ProcessPool(operator.call, PoolConfig(**config))  # type: ignore[arg-type]
    pool.run(tasks, outcomes.append)
    return outcomes


@needs_call
@pytest.mark.usefixtures("capture_child_crashes")
def test_pool_survives_hangs_exits_and_segfaults() -> None:
    tasks = [functools.partial(time.sleep, 60), functools.partial(os._exit, 3),
             functools.partial(ctypes.string_at, 0), functools.partial(pow, 2, 10),
             functools.partial(int, "not a number")]
    started = time.monotonic()
    outcomes = {id(o.task): o for o in run_pool(tasks, jobs=2, timeout=1.5)}
    assert time.monotonic() - started < 15
    got = [(outcomes[id(t)].failure, outcomes[id(t)].value) for t in tasks]
    assert got[0][0] == "timeout" and got[1][0] == "died" and got[2][0] == "died"
    assert got[3] == (None, 1024)
    assert got[4][0] == "error" and "ValueError" in outcomes[id(tasks[4])].detail
    assert "SIGSEGV" in outcomes[id(tasks[2])].detail


@needs_call
@pytest.mark.parametrize("method", ["auto", "forkserver"])
def test_pool_recycles_workers_and_caps_memory(method: str) -> None:
    pids = run_pool([functools.partial(os.getpid) for _ in range(6)], jobs=1, recycle_after=2,
                    start_method=method)
    assert len({o.value for o in pids}) == 3 and os.getpid() not in {o.value for o in pids}
    hog = run_pool([functools.partial(bytearray, 8 * 1024 ** 3)], jobs=1, max_memory_mb=1024,
                   start_method=method)
    assert hog[0].failure == "error" and "MemoryError" in hog[0].detail


@needs_call
def test_pool_stop_cancels_work_in_flight() -> None:
    outcomes: list[Outcome] = []
    pool = ProcessPool(operator.call, PoolConfig(jobs=2, timeout=30))  # type: ignore[arg-type]

    def record(outcome: Outcome) -> None:
        outcomes.append(outcome)
        pool.stop()

    tasks = [functools.partial(int, "x"), functools.partial(time.sleep, 30),
             functools.partial(time.sleep, 30), functools.partial(time.sleep, 30)]
    started = time.monotonic()
    pool.run(tasks, record)
    assert time.monotonic() - started < 10
    assert outcomes[0].failure == "error"
    assert {o.failure for o in outcomes[1:]} <= {"cancelled"} and len(outcomes) <= 2


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
