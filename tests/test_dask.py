"""The Dask engine on a real ``distributed.LocalCluster`` of two single-threaded worker processes.

One cluster serves the module (starting one takes seconds). A parser plugin installed as a real
distribution in a temporary site folder, visible to the workers (they inherit ``sys.path``),
hangs, calls ``os._exit`` or naps on inputs that ask for it.
"""

from __future__ import annotations

import io
import json
import os
import signal
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

distributed = pytest.importorskip("distributed")
fsspec = pytest.importorskip("fsspec")

from fakes import install_fake_distribution  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

import newsingest.dask as nd  # noqa: E402
from newsingest import plugins  # noqa: E402
from newsingest.cli import main  # noqa: E402
from newsingest.model import Document  # noqa: E402

PLUGIN = """
    import os, time
    from newsingest import Block, BlockType, Document, hookimpl

    class Odd:
        name = "odd"
        version = "0.1"
        media_types = ()
        extensions = (".odd",)

        def sniff(self, head):
            return 1.0 if head[:5] in (b"HANG:", b"EXIT:", b"NAPS:", b"OKAY:") else 0.0

        def parse(self, source, context):
            kind = source.data[:5]
            if kind == b"HANG:":
                time.sleep(3600)
            elif kind == b"EXIT:":
                os._exit(7)
            elif kind == b"NAPS:":
                time.sleep(0.4)
            return Document(source=source.source(self, "text/x-odd"),
                            blocks=(Block(BlockType.PARAGRAPH, source.data.decode()),))

    @hookimpl
    def register_parsers(register):
        register(Odd())
"""

ARTICLE = "Council Approves Budget\n\nThe council voted on Tuesday to approve the budget.\n"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    site = tmp_path_factory.mktemp("site")
    install_fake_distribution(site, "newsingest_odd", "ns_odd", PLUGIN, "odd")
    sys.path.insert(0, str(site))
    plugins.reset()
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=":0",
                                       scheduler_kwargs={"dashboard": False})
    try:
        with distributed.Client(cluster) as active:
            yield active
    finally:
        cluster.close()
        sys.path.remove(str(site))
        plugins.reset()


def make_pdf(path: Path, text: str) -> None:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, text)
    page.drawString(72, 700, "A second line of the story, long enough to count.")
    page.save()
    path.write_bytes(buffer.getvalue())


def build(root: Path) -> None:
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "story.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "a" / "b" / "story.txt").write_text(ARTICLE.replace("Tuesday", "Friday"),
                                                encoding="utf-8")
    make_pdf(root / "a" / "good.pdf", "Harbour Reopens After Storm")
    (root / "empty.pdf").write_bytes(b"")
    (root / "hang.odd").write_bytes(b"HANG:")
    (root / "exit.odd").write_bytes(b"EXIT:")
    (root / "okay.odd").write_bytes(b"OKAY: fine")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("inside/story.txt", ARTICLE)
        zf.writestr("../evil.txt", ARTICLE)
    (root / "dump.zip").write_bytes(buffer.getvalue())


def manifest(out: Path) -> dict[str, dict[str, object]]:
    records = [json.loads(line)
               for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == len({r["path"] for r in records}), "one line per input"
    return {str(r["path"]): r for r in records}


def outputs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*")
            if p.is_file() and p.name != "manifest.jsonl"}


def test_same_outputs_and_manifest_as_the_local_pool_and_resume(
    client: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build(tmp_path / "in")
    pool_out, dask_out = tmp_path / "pool", tmp_path / "dask"
    with pytest.raises(SystemExit) as exited:
        main(["convert", str(tmp_path / "in"), "-o", str(pool_out), "-j", "2", "--timeout", "1",
              "-q"])
    assert exited.value.code == 1
    records = nd.convert(tmp_path / "in", dask_out, client=client, timeout=1)
    assert outputs(dask_out) == outputs(pool_out)
    assert len(outputs(dask_out)) == 5
    local, remote = manifest(pool_out), manifest(dask_out)
    assert [r.path for r in records] == list(remote)
    fields = ("status", "error_type", "sha256", "size", "output", "pages", "parser", "source")
    assert {k: [r[f] for f in fields] for k, r in remote.items()} == {
        k: [r[f] for f in fields] for k, r in local.items()}
    assert remote["hang.odd"]["status"] == "timeout"
    assert remote["exit.odd"]["error_type"] == "WorkerDied"
    assert "status 7" in str(remote["exit.odd"]["message"])
    assert remote["dump.zip/../evil.txt"]["error_type"] == "UnsafeMemberError"

    stamps = {p: p.stat().st_mtime_ns for p in dask_out.rglob("*.json")}
    started = time.monotonic()
    again, stats = nd.run(tmp_path / "in", dask_out, client=client, timeout=1, resume=True)
    assert time.monotonic() - started < 5  # the hang is not retried
    assert stats.converted == 0 and again == records  # refusals are recorded anew
    assert {p: p.stat().st_mtime_ns for p in dask_out.rglob("*.json")} == stamps
    (tmp_path / "in" / "empty.pdf").write_text(ARTICLE, encoding="utf-8")
    retried = nd.convert(tmp_path / "in", dask_out, client=client, timeout=1, retry_failed=True)
    statuses = {r.path: r.status for r in retried}
    assert statuses["empty.pdf"] == "ok" and statuses["hang.odd"] == "timeout"
    assert (dask_out / "empty.pdf.json").is_file()


def test_a_worker_killed_mid_run_loses_no_input(client: object, tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for index in range(10):
        (src / f"nap{index}.odd").write_bytes(f"NAPS: {index}".encode())
    out = tmp_path / "out"
    pids = client.run(os.getpid)  # type: ignore[attr-defined]
    victim = sorted(pids.values())[0]

    def kill_when_started() -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if (out / "manifest.jsonl").exists() and (out / "manifest.jsonl").read_text():
                os.kill(victim, signal.SIGKILL)
                return
            time.sleep(0.02)

    killer = threading.Thread(target=kill_when_started)
    killer.start()
    records = nd.convert(src, out, client=client, timeout=10)
    killer.join()
    assert victim not in client.run(os.getpid).values()  # type: ignore[attr-defined]
    assert [r.status for r in records] == ["ok"] * 10
    assert set(manifest(out)) == {f"nap{i}.odd" for i in range(10)}
    assert all(json.loads((out / f"nap{i}.odd.json").read_text())["blocks"] for i in range(10))
    client.wait_for_workers(2, timeout=30)  # type: ignore[attr-defined]


def test_cli_on_a_scheduler_and_usage_errors(
    client: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "b.odd").write_bytes(b"OKAY: b")
    address = client.scheduler.address  # type: ignore[attr-defined]
    for args, code in (
        (["--engine", "dask", "--scheduler", address], 0),
        (["--scheduler", address], 2),
        (["--engine", "dask", "--scheduler", address, "-f", "nope"], 2),
    ):
        with pytest.raises(SystemExit) as exited:
            main(["convert", str(src), "-o", str(tmp_path / "out"), *args])
        assert exited.value.code == code, (args, capsys.readouterr().err)
    err = capsys.readouterr().err
    assert set(manifest(tmp_path / "out")) == {"a.txt", "b.odd"}
    assert "usage" in err.lower()


def test_bag_and_convert_file_hand_documents_to_the_pipeline(client: object,
                                                             tmp_path: Path) -> None:
    src = tmp_path / "news"
    (src / "x").mkdir(parents=True)
    (src / "x" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "b.txt").write_text(ARTICLE.replace("budget", "bridge"), encoding="utf-8")
    (src / "old.zip").write_bytes(b"PK")
    bag = nd.to_bag(str(src), npartitions=2)
    converted = {c.record.path: c for c in bag.compute()}
    assert converted["x/a.txt"].ok and isinstance(converted["x/a.txt"].value, Document)
    assert not converted["old.zip"].ok and converted["old.zip"].value is None
    assert converted["old.zip"].record.error_type == "CorruptArchiveError"
    one = client.submit(nd.convert_file, str(src / "b.txt"), fmt="markdown").result()  # type: ignore[attr-defined]
    assert one.ok and "bridge" in str(one.value)
    with pytest.raises(ValueError, match="private to each process"):
        nd.convert(src, "memory://lost", client=client)


def test_a_task_whose_workers_keep_dying_is_a_failed_line() -> None:
    from distributed.scheduler import KilledWorker

    from newsingest.batch.record import Record
    from newsingest.dask.engine import failure_of

    last = SimpleNamespace(address="tcp://10.0.0.9:4242")
    failure, detail = failure_of(KilledWorker("newsingest-convert-1", last, 3))
    record = Record.of_failure("x.pdf", failure, detail, source="in/x.pdf")
    assert (record.status, record.error_type) == ("failed", "WorkerDied")
    assert "died repeatedly" in str(record.message) and "10.0.0.9:4242" in str(record.message)
