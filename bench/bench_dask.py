"""Dask engine vs the local process pool on the dev PDFs, in one run, same machine.

    python bench/bench_dask.py [--corpus ../shared/bench/corpus/pdf] [--workers 2] [--rounds 1]

Three ways to convert the same PDFs with two workers, each into a fresh folder:

- ``pool``: ``newsingest convert -j 2`` (the local engine), the whole command timed;
- ``dask cli``: ``newsingest convert --engine dask -j 2``, the whole command timed, so it pays
  for starting its local cluster (scheduler, nannies, workers) and each worker's child;
- ``dask client``: ``newsingest.dask.run`` on a 2-worker ``LocalCluster`` started beforehand
  (the usual case at scale: the cluster outlives one run). Each Dask worker starts its pebble
  pool on its first task; later rounds find it warm, as a long-running cluster does.

Rounds alternate the engines so machine load affects both alike. The outputs of the pool and
the Dask runs are compared byte for byte. Goal: Dask wall time within 1.15x the pool's.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "bench" / "corpus" / "pdf"


def _cli(corpus: Path, out: Path, workers: int, *extra: str) -> float:
    command = [sys.executable, "-m", "newsingest", "convert", str(corpus), "--include", "*.pdf",
               "-o", str(out), "-j", str(workers), "-q", *extra]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
    return elapsed


def _parse_seconds(out: Path) -> float:
    """Seconds the workers spent converting, summed: it grows when other load steals the CPUs."""
    lines = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    return sum(float(json.loads(line)["seconds"]) for line in lines)


def _same_outputs(left: Path, right: Path) -> tuple[int, int]:
    """(files compared, files that differ) over every output but the manifest."""
    names = sorted(p.relative_to(left) for p in left.rglob("*.json"))
    other = sorted(p.relative_to(right) for p in right.rglob("*.json"))
    if names != other:
        return len(names), abs(len(names) - len(other)) or 1
    differ = sum(not filecmp.cmp(left / n, right / n, shallow=False) for n in names)
    return len(names), differ


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    from distributed import Client, LocalCluster

    import newsingest.dask as nd

    pdfs = sorted(args.corpus.glob("*.pdf"))
    print(f"{len(pdfs)} PDFs in {args.corpus}, {args.workers} workers, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f} at start")
    times: dict[str, list[float]] = {"pool": [], "dask cli": [], "dask client": []}
    busy: dict[str, list[float]] = {engine: [] for engine in times}
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        started = time.perf_counter()
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               dashboard_address=":0", scheduler_kwargs={"dashboard": False})
        client = Client(cluster)
        cluster_start = time.perf_counter() - started
        try:
            for round_ in range(args.rounds):
                order = ["pool", "dask cli", "dask client"]
                if round_ % 2:
                    order.reverse()
                for engine in order:
                    out = scratch / f"{engine.replace(' ', '-')}-{round_}"
                    if engine == "pool":
                        times[engine].append(_cli(args.corpus, out, args.workers))
                    elif engine == "dask cli":
                        times[engine].append(_cli(args.corpus, out, args.workers,
                                                  "--engine", "dask"))
                    else:
                        t0 = time.perf_counter()
                        records = nd.convert(args.corpus, out, client=client, include=("*.pdf",))
                        times[engine].append(time.perf_counter() - t0)
                        assert len(records) == len(pdfs)
                    busy[engine].append(_parse_seconds(out))
        finally:
            client.close()
            cluster.close()
        compared = [_same_outputs(scratch / "pool-0", scratch / name)
                    for name in ("dask-cli-0", "dask-client-0")]
    pool = min(times["pool"])
    pool_median = statistics.median(times["pool"])
    print()
    print(f"| engine ({args.workers} workers) | wall s best of {args.rounds} | vs pool | "
          f"wall s median | vs pool | first round s | parse s summed (median) | "
          f"files/s (best) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for engine, values in times.items():
        best, median = min(values), statistics.median(values)
        print(f"| {engine} | {best:.1f} | {best / pool:.2f}x | {median:.1f} | "
              f"{median / pool_median:.2f}x | {values[0]:.1f} | "
              f"{statistics.median(busy[engine]):.1f} | {len(pdfs) / best:.2f} |")
    print()
    print(f"LocalCluster start (not in 'dask client'): {cluster_start:.1f} s; "
          f"load average {os.getloadavg()[0]:.1f} at end")
    for name, (count, differ) in zip(("dask cli", "dask client"), compared, strict=True):
        print(f"{name} vs pool outputs: {count} files, {differ} differ")
    verdict = min(times["dask client"]) / pool
    print(f"goal dask client <= 1.15x pool: {'met' if verdict <= 1.15 else 'NOT met'} "
          f"({verdict:.2f}x best of {args.rounds}; load average {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
