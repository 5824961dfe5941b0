"""`newsingest convert` on real object storage: ``s3://`` through s3fs, against a local S3.

The module starts moto's S3 server (``python -m moto.server``) on 127.0.0.1 and a free port,
points the AWS SDK at it with ``AWS_ENDPOINT_URL`` (workers get the parent's environment), and
runs the command as a user would: inputs, outputs, the manifest, ``--resume`` and
``--retry-failed``, archives on the store expanded, with both engines. ``pip install -e
'.[test-s3]'`` brings moto and s3fs; without them ``conftest.py`` does not collect the module,
unless ``NEWSINGEST_REQUIRE_S3=1`` (set by .ci/run), where a missing package fails instead.
The Dask engine's case runs where the dask extra is installed.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytest
import s3fs
from fakes import zip_bytes

from newsingest.cli import main

ARTICLE = b"Council Approves Budget\n\nThe council voted on Tuesday to approve the budget.\n"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def s3() -> Iterator[Any]:
    """A moto S3 server on 127.0.0.1 for this module, and an s3fs filesystem on it."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    env = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
           "AWS_DEFAULT_REGION": "us-east-1", "AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}"}
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the moto S3 server did not start") from None
                time.sleep(0.1)
        fs = s3fs.S3FileSystem(skip_instance_cache=True)
        yield fs
    finally:
        server.terminate()
        server.wait(10)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def fill(fs: Any, bucket: str) -> None:
    fs.mkdir(bucket)
    fs.pipe({f"{bucket}/in/a.txt": ARTICLE,
             f"{bucket}/in/sub/b.txt": ARTICLE.replace(b"budget", b"plan"),
             f"{bucket}/in/bad.pdf": b"%PDF-1.4 garbage, and more garbage after it",
             f"{bucket}/in/gold.json": b'{"title": null}',
             f"{bucket}/in/.hidden": b"no",
             f"{bucket}/in/dump.zip": zip_bytes({"inside/story.txt": ARTICLE,
                                                 "../evil.txt": ARTICLE})})


def convert(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exited:
        main(["convert", *args])
    code = exited.value.code
    return (code if isinstance(code, int) else 1), capsys.readouterr().err


def manifest(fs: Any, url: str) -> dict[str, dict[str, Any]]:
    fs.invalidate_cache()
    records = [json.loads(line) for line in fs.cat_file(url).decode().splitlines()]
    assert len(records) == len({r["path"] for r in records}), "one line per input"
    return {str(r["path"]): r for r in records}


def _has_dask() -> bool:
    import importlib.util

    return importlib.util.find_spec("distributed") is not None


@pytest.mark.parametrize("engine", ["local", "dask"] if _has_dask() else ["local"])
def test_bucket_to_bucket_with_archives_resume_and_retry(
    s3: Any, engine: str, capsys: pytest.CaptureFixture[str], fresh_plugins: None
) -> None:
    bucket = f"news-{engine}"
    fill(s3, bucket)
    args = [f"s3://{bucket}/in", "-o", f"s3://{bucket}/out", "-j", "2", "--timeout", "60",
            "--engine", engine]
    code, err = convert(args, capsys)
    assert code == 1, err
    records = manifest(s3, f"{bucket}/out/manifest.jsonl")
    assert {name: (r["status"], r["error_type"]) for name, r in records.items()} == {
        "a.txt": ("ok", None), "sub/b.txt": ("ok", None), "bad.pdf": ("failed", "CorruptError"),
        "gold.json": ("skipped", "Unsupported"),
        "dump.zip/inside/story.txt": ("ok", None),
        "dump.zip/../evil.txt": ("failed", "UnsafeMemberError")}
    document = json.loads(s3.cat_file(f"{bucket}/out/sub/b.txt.json"))
    assert document["source"]["name"] == "sub/b.txt" and "plan" in json.dumps(document)
    assert s3.isfile(f"{bucket}/out/dump.zip/inside/story.txt.json")
    assert records["a.txt"]["source"] == f"s3://{bucket}/in/a.txt"
    assert not s3.exists(f"{bucket}/evil.txt") and not s3.exists(f"{bucket}/out/evil.txt")

    stamp = s3.info(f"{bucket}/out/a.txt.json")["LastModified"]
    s3.pipe_file(f"{bucket}/in/sub/b.txt", ARTICLE.replace(b"budget", b"bridge"))
    time.sleep(1.1)  # S3 times have one-second resolution
    code, err = convert([*args, "--resume"], capsys)
    assert code == 1 and "already done, kept" in err, err
    assert "converted 1 files" in err, err  # only the changed input
    s3.invalidate_cache()
    assert s3.info(f"{bucket}/out/a.txt.json")["LastModified"] == stamp
    assert "bridge" in s3.cat_file(f"{bucket}/out/sub/b.txt.json").decode()

    s3.pipe_file(f"{bucket}/in/bad.pdf", ARTICLE)
    code, err = convert([*args, "--retry-failed"], capsys)
    records = manifest(s3, f"{bucket}/out/manifest.jsonl")
    assert records["bad.pdf"]["status"] == "ok" and s3.isfile(f"{bucket}/out/bad.pdf.json")
    assert records["dump.zip/../evil.txt"]["status"] == "failed" and code == 1


def test_local_inputs_to_a_bucket_and_usage_errors(
    s3: Any, tmp_path: Any, capsys: pytest.CaptureFixture[str], fresh_plugins: None
) -> None:
    s3.mkdir("mixed")
    (tmp_path / "a.txt").write_bytes(ARTICLE)
    code, err = convert([str(tmp_path), "-o", "s3://mixed/out", "-j", "1", "-q"], capsys)
    assert code == 0, err
    assert set(manifest(s3, "mixed/out/manifest.jsonl")) == {"a.txt"}
    assert s3.isfile("mixed/out/a.txt.json")
    code, err = convert([str(tmp_path), "-o", "s3://mixed/x", "-f", "jsonl"], capsys)
    assert code == 2 and "local OUTDIR" in err
    code, err = convert(["s3://mixed/nothing-here", "-o", str(tmp_path / "o")], capsys)
    assert code == 2 and "no such input" in err
