"""Benchmark `newsingest convert`: --jobs 1 against --jobs 2, peak RSS per worker, worker start.

Usage: python bench/bench_convert.py [CORPUS] [--repeat N]

Runs the real command line (a fresh interpreter each time) on the PDFs of CORPUS (default: the
81 dev PDFs of ../shared/bench/corpus/pdf), alternating the job counts and keeping each one's
best wall time, since the machine is shared; the 1-minute load average around each run is
printed too (above 2 on 2 cores, other work competes and the speed-up says little). Peak RSS
per worker is the largest ``peak_rss_mib`` in the manifest (each worker's ``ru_maxrss`` when it
finished a file). Worker start-up is timed with the pool itself, one fresh worker per task, per
start method. "Busy workers" is the sum of the files' conversion times over the wall time: how
many workers were converting on average, whatever else the machine was doing. Goals (issue 6):
speed-up >= 1.8x on 2 cores, peak RSS <= 200 MiB per worker.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "bench" / "corpus" / "pdf"


def convert(corpus: Path, jobs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as out:
        load = os.getloadavg()[0]
        started = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "newsingest", "convert", str(corpus), "-o", out,
             "--jobs", str(jobs), "--include", "*.pdf", "--quiet"],
            capture_output=True, text=True, check=False,
            env={**os.environ, "NEWSINGEST_PLUGINS": ""})  # built-in parsers only
        wall = time.perf_counter() - started
        if proc.returncode not in (0, 1):
            raise SystemExit(f"convert failed ({proc.returncode}): {proc.stderr}")
        records = [json.loads(line) for line in
                   (Path(out) / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    return {
        "wall": wall,
        "files": len(records),
        "ok": sum(r["status"] == "ok" for r in records),
        "pages": sum(r["pages"] for r in records),
        "rss": max((r["peak_rss_mib"] or 0.0) for r in records),
        "load": max(load, os.getloadavg()[0]),
        "busy": sum(r["seconds"] for r in records),
        "parsers": ",".join(sorted({str(r["parser"]) for r in records})),
    }


def worker_start_ms(method: str, workers: int = 6) -> float:
    """Mean time to start a worker (plugins loaded) and get a trivial result back."""
    from newsingest.batch.cli import PRELOAD, warm_up
    from newsingest.batch.convert import Settings, Task, run_task
    from newsingest.batch.pool import PoolConfig, ProcessPool

    if method == "fork":  # as in the command, which has loaded everything before forking
        for module in PRELOAD:
            importlib.import_module(module)
        warm_up()
    pool = ProcessPool(functools.partial(run_task, settings=Settings(fmt="text")),
                       PoolConfig(jobs=1, recycle_after=1, start_method=method, preload=PRELOAD),
                       initializer=warm_up)
    tasks = [Task(f"t{i}.txt", data=b"Title\n\nBody.\n") for i in range(workers + 1)]
    results: list[float] = []
    last = time.perf_counter()

    def note(_: object) -> None:
        nonlocal last
        now = time.perf_counter()
        results.append(now - last)
        last = now

    pool.run(tasks, note)
    return 1000 * sum(results[1:]) / workers  # the first includes the forkserver's own start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    best: dict[int, dict[str, float]] = {}
    for _ in range(args.repeat):
        for jobs in (1, 2):
            result = convert(args.corpus, jobs)
            if jobs not in best or result["wall"] < best[jobs]["wall"]:
                best[jobs] = result
    pdf_commit = subprocess.run(
        ["git", "-C", str(ROOT), "log", "-1", "--format=%h %cs", "--", "src/newsingest/parsers"],
        capture_output=True, text=True, check=False).stdout.strip()
    print(f"corpus: {args.corpus} ({best[1]['files']:.0f} PDFs); parsers at commit {pdf_commit}; "
          f"best of {args.repeat}")
    print()
    print("| run | wall (s) | files/s | pages/s | ok | busy workers | peak RSS per worker (MiB) "
          "| load avg |")
    print("|---|---|---|---|---|---|---|---|")
    for jobs, r in sorted(best.items()):
        print(f"| --jobs {jobs} | {r['wall']:.2f} | {r['files'] / r['wall']:.2f} | "
              f"{r['pages'] / r['wall']:.2f} | {r['ok']:.0f}/{r['files']:.0f} | "
              f"{r['busy'] / r['wall']:.2f} | {r['rss']:.0f} | "
              f"{r['load']:.1f} |")
    print(f"\nparsers used: {best[1]['parsers']} (third-party plugins disabled)")
    speedup = best[1]["wall"] / best[2]["wall"]
    rss = max(r["rss"] for r in best.values())
    print()
    print(f"speed-up --jobs 2 vs --jobs 1: {speedup:.2f}x (goal >= 1.8x: "
          f"{'met' if speedup >= 1.8 else 'NOT met'}); peak RSS {rss:.0f} MiB "
          f"(goal <= 200 MiB: {'met' if rss <= 200 else 'NOT met'})")
    print()
    print("| start method | worker start-up incl. plugin load (ms) |")
    print("|---|---|")
    for method in ("fork", "forkserver", "spawn"):
        print(f"| {method} | {worker_start_ms(method):.0f} |")


if __name__ == "__main__":
    main()
