"""`newsingest convert` end to end on hostile inputs the test makes itself.

A parser plugin installed as a real distribution (entry point in a temporary site folder) hangs,
calls ``os._exit``, segfaults or eats memory on inputs that ask for it; the run must finish
anyway with one manifest line per input, the good files converted and exit status 1, and a
``--resume`` run must convert nothing again.
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import tarfile
import time
from pathlib import Path

import pytest
from fakes import install_fake_distribution, zip_bytes
from reportlab.pdfgen import canvas

from newsingest.cli import main

# hostile inputs segfault the workers: their fault dumps go to the captured stderr
pytestmark = pytest.mark.usefixtures("capture_child_crashes")

HOSTILE_PLUGIN = """
    import ctypes, os, time
    from newsingest import Block, BlockType, Document, hookimpl

    class Hostile:
        name = "hostile"
        version = "0.1"
        media_types = ()
        extensions = (".hostile",)

        def sniff(self, head):
            return 1.0 if head[:5] in (b"HANG:", b"EXIT:", b"SEGV:", b"HOGS:", b"OKAY:") else 0.0

        def parse(self, source, context):
            kind = source.data[:5]
            if kind == b"HANG:":
                time.sleep(3600)
            elif kind == b"EXIT:":
                os._exit(7)
            elif kind == b"SEGV:":
                ctypes.string_at(0)
            elif kind == b"HOGS:":
                hog = bytearray(64 * 1024 ** 3)
            return Document(source=source.source(self, "text/x-hostile"),
                            blocks=(Block(BlockType.PARAGRAPH, "fine"),))

    @hookimpl
    def register_parsers(register):
        register(Hostile())
"""

ARTICLE = "Council Approves Budget\n\nThe council voted on Tuesday to approve the budget.\n"


def make_pdf(path: Path, text: str, *, encrypt: str | None = None) -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, encrypt=encrypt)
    page.setFont("Helvetica", 12)
    page.drawString(72, 720, text)
    page.drawString(72, 700, "A second line of the story, long enough to count.")
    page.save()
    path.write_bytes(buffer.getvalue())
    return buffer.getvalue()


def build_dump(root: Path) -> dict[str, tuple[str, str | None]]:
    """Write the hostile dump; return ``{name: (status, error_type)}`` expected per input."""
    (root / "news" / "2024").mkdir(parents=True)
    (root / "news" / "2025").mkdir(parents=True)
    (root / "news" / "2024" / "story.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "news" / "2025" / "story.txt").write_text(ARTICLE.replace("Tuesday", "Friday"),
                                                      encoding="utf-8")
    good_pdf = make_pdf(root / "news" / "good.pdf", "Harbour Reopens After Storm")
    (root / "news" / "truncated.pdf").write_bytes(good_pdf[: len(good_pdf) // 2])
    (root / "news" / "empty.pdf").write_bytes(b"")
    (root / "news" / "random.pdf").write_bytes(random.Random(7).randbytes(20_000))
    make_pdf(root / "news" / "locked.pdf", "Secret Minutes", encrypt="hunter2")
    words = ("the", "council", "voted", "to", "approve", "budget", "after", "debate")
    rng = random.Random(3)
    (root / "news" / "huge.txt").write_text(" ".join(rng.choice(words) for _ in range(300_000)),
                                            encoding="utf-8")
    for kind in ("HANG", "EXIT", "SEGV", "HOGS", "OKAY"):
        (root / "news" / f"{kind.lower()}.hostile").write_bytes(f"{kind}:".encode())
    inner_bomb = zip_bytes({"zeros.txt": b"\0" * (8 * 1024 * 1024)})
    (root / "news" / "dump.zip").write_bytes(zip_bytes({
        "inside/story.txt": ARTICLE.encode(),
        "../evil.txt": ARTICLE.encode(),
        "/abs.txt": ARTICLE.encode(),
        "nested.zip": zip_bytes({"bomb.zip": inner_bomb}),
        "zeros.txt": b"\0" * (8 * 1024 * 1024),
    }))
    tar_buffer = io.BytesIO()
    with tarfile.open(fileobj=tar_buffer, mode="w:gz") as tf:
        for name in ("a/story.txt", "../../evil2.txt"):
            info = tarfile.TarInfo(name)
            info.size = len(ARTICLE.encode())
            tf.addfile(info, io.BytesIO(ARTICLE.encode()))
    (root / "news" / "old.tar.gz").write_bytes(tar_buffer.getvalue())
    ok: tuple[str, str | None] = ("ok", None)
    return {
        "2024/story.txt": ok, "2025/story.txt": ok, "good.pdf": ok, "okay.hostile": ok,
        "truncated.pdf": ("failed", None), "random.pdf": ("failed", "CorruptError"),
        "empty.pdf": ("failed", "EmptyInputError"), "locked.pdf": ("failed", "EncryptedError"),
        "huge.txt": ("ok|timeout", None),
        "hang.hostile": ("timeout", "Timeout"), "exit.hostile": ("failed", "WorkerDied"),
        "segv.hostile": ("failed", "WorkerDied"), "hogs.hostile": ("failed", "MemoryError"),
        "dump.zip/inside/story.txt": ok,
        "dump.zip/../evil.txt": ("failed", "UnsafeMemberError"),
        "dump.zip//abs.txt": ("failed", "UnsafeMemberError"),
        "dump.zip/nested.zip": ("failed", "NestedArchiveError"),
        "dump.zip/zeros.txt": ("failed", "CompressionRatioError"),
        "old.tar.gz/a/story.txt": ok,
        "old.tar.gz/../../evil2.txt": ("failed", "UnsafeMemberError"),
    }


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(["convert", *args])
    code = exit_info.value.code
    return (code if isinstance(code, int) else 1), capsys.readouterr().err


def manifest(out: Path) -> dict[str, dict[str, object]]:
    lines = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == len({r["path"] for r in records}), "one line per input"
    return {str(r["path"]): r for r in records}


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_plugins: None) -> Path:
    folder = tmp_path / "site"
    folder.mkdir()
    install_fake_distribution(folder, "newsingest_hostile", "ns_hostile", HOSTILE_PLUGIN,
                              "hostile")
    monkeypatch.syspath_prepend(str(folder))
    return folder


def test_hostile_dump_finishes_records_everything_and_resumes(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = build_dump(tmp_path / "in")
    out = tmp_path / "out"
    args = [str(tmp_path / "in" / "news"), "-o", str(out), "--jobs", "2", "--timeout", "2",
            "--max-memory", "1024"]
    started = time.monotonic()
    code, err = run(args, capsys)
    assert code == 1, err
    assert time.monotonic() - started < 25
    records = manifest(out)
    assert set(records) == set(expected)
    for name, (status, error_type) in expected.items():
        record = records[name]
        assert record["status"] in status.split("|"), (name, record)
        if error_type is not None:
            assert record["error_type"] == error_type, (name, record)
        if record["status"] == "ok":
            document = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
            assert document["source"]["name"] == name
            assert record["output"] == f"{name}.json" and record["sha256"]
        elif record["status"] != "skipped":
            assert record["message"], record
    assert "SIGSEGV" in str(records["segv.hostile"]["message"])
    assert records["good.pdf"]["pages"] == 1 and records["good.pdf"]["peak_rss_mib"]
    # Same-named inputs in different folders do not collide.
    texts = {(out / d / "story.txt.json").read_text(encoding="utf-8") for d in ("2024", "2025")}
    assert len(texts) == 2
    # Nothing escaped OUTDIR, no temporaries left behind.
    written = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")
               if "evil" in p.name or p.name.endswith(".tmp")}
    assert written == set(), written
    assert "failures by type" in err and re.search(r"Timeout \([12]\): .*hang\.hostile", err)

    outputs = {p: p.stat().st_mtime_ns for p in out.rglob("*.json")}
    started = time.monotonic()
    code, err = run([*args, "--resume"], capsys)
    assert code == 1
    assert time.monotonic() - started < 10
    assert manifest(out) == records
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.json")} == outputs
    assert "already done, kept" in err and "converted" not in err


def test_retry_failed_reruns_only_failures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fresh_plugins: None
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "b.pdf").write_bytes(b"%PDF-1.4 garbage")
    out = tmp_path / "out"
    assert run([str(src), "-o", str(out), "-j", "1", "-q"], capsys)[0] == 1
    assert manifest(out)["b.pdf"]["status"] == "failed"
    a_mtime = (out / "a.txt.json").stat().st_mtime_ns
    make_pdf(src / "b.pdf", "Fixed Now")
    (src / "c.txt").write_text(ARTICLE, encoding="utf-8")  # new: not in the manifest
    code, _ = run([str(src), "-o", str(out), "-j", "1", "-q", "--retry-failed"], capsys)
    records = manifest(out)
    assert code == 0
    assert records["b.pdf"]["status"] == "ok" and (out / "b.pdf.json").is_file()
    assert records["c.txt"]["status"] == "skipped"
    assert (out / "a.txt.json").stat().st_mtime_ns == a_mtime
    code, _ = run([str(src), "-o", str(out), "-j", "1", "-q", "--resume"], capsys)
    assert code == 0 and manifest(out)["c.txt"]["status"] == "ok"


def test_jsonl_stream_is_written_once_per_input_and_resumes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fresh_plugins: None
) -> None:
    src = tmp_path / "in"
    (src / "x").mkdir(parents=True)
    (src / "x" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "b.txt").write_text(ARTICLE.replace("budget", "plan"), encoding="utf-8")
    out = tmp_path / "out"
    assert run([str(src), "-o", str(out), "-f", "jsonl", "-j", "2", "-q"], capsys)[0] == 0
    names = sorted(json.loads(line)["source"]["name"]
                   for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines())
    assert names == ["b.txt", "x/a.txt"]
    (src / "b.txt").write_text(ARTICLE.replace("budget", "bridge"), encoding="utf-8")
    with open(out / "documents.jsonl", "a", encoding="utf-8") as handle:
        handle.write('{"torn": ')  # a killed run's partial line
    assert run([str(src), "-o", str(out), "-f", "jsonl", "-q", "--resume"], capsys)[0] == 0
    lines = (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    documents = {json.loads(line)["source"]["name"]: line for line in lines}
    assert len(lines) == 2 and "bridge" in documents["b.txt"]
    assert not list(out.rglob("*.json"))


def test_fail_fast_stops_and_records_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fresh_plugins: None
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.pdf").write_bytes(random.Random(1).randbytes(50_000))  # largest: goes first
    for index in range(5):
        (src / f"b{index}.txt").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    code, _ = run([str(src), "-o", str(out), "-j", "1", "-q", "--fail-fast"], capsys)
    records = manifest(out)
    assert code == 1 and len(records) == 6
    assert records["a.pdf"]["status"] == "failed"
    assert {r["status"] for name, r in records.items() if name != "a.pdf"} <= {"ok", "skipped"}
    assert any(r["status"] == "skipped" for r in records.values())


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    for extra in (["-f", "nope"], ["--parser", "nope"], ["--jobs", "0"]):
        code, err = run([str(tmp_path / "a.txt"), "-o", str(tmp_path / "o"), *extra], capsys)
        assert code == 2, (extra, err)
    assert run([str(tmp_path / "missing"), "-o", str(tmp_path / "o")], capsys)[0] == 2
    assert run([str(tmp_path), "-o", str(tmp_path)], capsys)[0] == 2
    assert not os.path.exists(tmp_path / "o")


def test_workers_that_cannot_start_stop_the_run_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    fresh_plugins: None
) -> None:
    """A plugin that kills every worker while it loads: three broken pools, then an error."""
    site = tmp_path / "site"
    site.mkdir()
    install_fake_distribution(site, "newsingest_dies_at_start", "ns_dies_at_start", """
        import multiprocessing, os
        if multiprocessing.parent_process() is not None:
            os._exit(3)
    """)
    monkeypatch.syspath_prepend(str(site))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    started = time.monotonic()
    code, err = run([str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "1"], capsys)
    assert code == 1 and "workers cannot start" in err, err
    assert time.monotonic() - started < 60
