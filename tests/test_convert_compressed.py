"""Single compressed inputs (``story.html.gz``, ``dump.txt.gz``): converted, not skipped
(issue 14), with the size limit on what they decompress to."""

from __future__ import annotations

import bz2
import gzip
import json
import zipfile
from pathlib import Path

import pytest
from fakes import manifest_records, run_cli

from newsingest.batch.compressed import decompress, head_of
from newsingest.batch.convert import convert_one
from newsingest.errors import CorruptError, TooLargeError

PAGE = (b"<!doctype html><html><head><title>Harbour Reopens</title></head><body><article>"
        b"<h1>Harbour Reopens</h1><p>The harbour reopened on Monday after the storm, the "
        b"port authority said, and the first ferries left at noon.</p></article></body></html>")
DUMP = b"Council Approves Budget\n\nThe council voted on Tuesday to approve the budget.\n"


run = run_cli
records = manifest_records


def test_html_gz_and_txt_gz_in_a_folder_are_converted(tmp_path: Path,
                                                     fresh_plugins: None) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "page.html.gz").write_bytes(gzip.compress(PAGE))
    (src / "dump.txt.bz2").write_bytes(bz2.compress(DUMP))
    (src / "noext.gz").write_bytes(gzip.compress(PAGE))  # the page inside sniffs as HTML
    (src / "data.csv.gz").write_bytes(gzip.compress(b"a,b\n1,2\n"))  # no parser claims .csv
    with zipfile.ZipFile(src / "crawl.zip", "w") as zf:
        zf.writestr("2024/page.html.gz", gzip.compress(PAGE))
    out = tmp_path / "out"
    assert run(["convert", str(src), "-o", str(out), "-j", "1"]) == 0
    seen = records(out)
    assert {k: r["status"] for k, r in seen.items()} == {
        "page.html.gz": "ok", "dump.txt.bz2": "ok", "noext.gz": "ok",
        "data.csv.gz": "skipped", "crawl.zip/2024/page.html.gz": "ok"}
    assert seen["page.html.gz"]["parser"] == "html"
    assert seen["dump.txt.bz2"]["parser"] == "text"
    doc = json.loads((out / "page.html.gz.json").read_text(encoding="utf-8"))
    assert doc["metadata"]["title"] == "Harbour Reopens"
    assert "ferries" in doc["blocks"][-1]["text"]
    # the manifest's digest is the stored file's, so --resume converts nothing twice
    assert seen["page.html.gz"]["size"] == (src / "page.html.gz").stat().st_size
    assert run(["convert", str(src), "-o", str(out), "-j", "1", "--resume"]) == 0
    again = records(out)
    assert again["page.html.gz"]["seconds"] == seen["page.html.gz"]["seconds"]


def test_the_size_limit_holds_on_the_decompressed_bytes() -> None:
    bomb = gzip.compress(bytes(50 * 1024 * 1024))  # 50 MiB of zeros in ~50 KB
    converted = convert_one("bomb.txt.gz", bomb, max_bytes=1024 * 1024)
    assert converted.record.error_type == "TooLargeError"
    assert "--max-size" in str(converted.record.message)
    with pytest.raises(TooLargeError, match="decompression bomb"):
        decompress(bomb, 0, "bomb.txt.gz")  # no size cap: the ratio still bounds it


def test_a_broken_stream_is_a_corrupt_error() -> None:
    cut = gzip.compress(PAGE)[:40]
    with pytest.raises(CorruptError, match=r"not a readable \.gz file"):
        decompress(cut, 0, "page.html.gz")
    assert convert_one("page.html.gz", cut).record.error_type == "CorruptError"
    assert head_of("page.html.gz", b"\x1f\x8b junk") == b"\x1f\x8b junk"
