"""Benchmark the PDF parser on ../shared/bench/corpus/pdf: quality, CPU time, peak memory.

One run measures both sides on the same pages, each in a fresh subprocess so that peak RSS
(``ru_maxrss`` of the child) belongs to that side alone:

* newsingest: ``parse`` every PDF, write the JSON to ``bench/out/pdf`` and score it;
* raw pdfplumber: ``extract_text()`` per page, one block per line (the baseline), scored too.

Usage: ``python bench/bench_pdf.py [CORPUS_DIR]``. Prints the scorer's tables and a table of
CPU seconds, the CPU ratio and peak RSS. A benchmark, not a test: the numbers are reported.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DEFAULT_CORPUS = ROOT.parent.parent / "shared" / "bench" / "corpus" / "pdf"
SCORER_NAME = "score.py"
CPU_GOAL = 1.25
RSS_GOAL_MIB = 150.0


def run_newsingest(corpus: Path, out: Path) -> dict[str, float]:
    from newsingest import parse

    out.mkdir(parents=True, exist_ok=True)
    failures = 0
    start = time.process_time()
    for pdf in sorted(corpus.glob("*.pdf")):
        try:
            doc = parse(pdf)
        except Exception as exc:  # a benchmark reports failures, it does not stop on them
            print(f"FAILED {pdf.name}: {exc!r}", file=sys.stderr)
            failures += 1
            continue
        (out / f"{pdf.stem}.json").write_text(doc.to_json(), encoding="utf-8")
    cpu = time.process_time() - start
    return {"cpu": cpu, "failures": failures}


def _run_pdfplumber(corpus: Path, out: Path) -> dict[str, float]:
    import logging

    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    out.mkdir(parents=True, exist_ok=True)
    pages = 0
    start = time.process_time()
    for pdf_path in sorted(corpus.glob("*.pdf")):
        blocks = []
        with pdfplumber.open(pdf_path) as pdf:
            for page in pdf.pages:
                pages += 1
                text = page.extract_text() or ""
                blocks.extend({"type": "paragraph", "text": line}
                              for line in text.split("\n") if line.strip())
                page.close()
        (out / f"{pdf_path.stem}.json").write_text(json.dumps({"blocks": blocks}),
                                                   encoding="utf-8")
    cpu = time.process_time() - start
    return {"cpu": cpu, "pages": pages}


def _child(side: str, corpus: Path, out: Path) -> None:
    result = run_newsingest(corpus, out) if side == "newsingest" else _run_pdfplumber(corpus, out)
    result["maxrss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def _measure(side: str, corpus: Path, out: Path) -> dict[str, float]:
    proc = subprocess.run([sys.executable, __file__, "--child", side, str(corpus), str(out)],
                          capture_output=True, text=True, check=True)
    if proc.stderr.strip():
        print(proc.stderr.strip(), file=sys.stderr)
    result: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def _score(corpus: Path, out: Path) -> str:
    scorer = corpus.parent.parent / SCORER_NAME
    proc = subprocess.run([sys.executable, str(scorer), "docs", str(corpus), str(out)],
                          capture_output=True, text=True, check=True)
    return proc.stdout


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        _child(argv[1], Path(argv[2]), Path(argv[3]))
        return 0
    corpus = Path(argv[0]) if argv else DEFAULT_CORPUS
    out_root = ROOT / "out"
    ours_out, base_out = out_root / "pdf", out_root / "pdf-pdfplumber"
    base = _measure("pdfplumber", corpus, base_out)
    ours = _measure("newsingest", corpus, ours_out)
    print(f"## newsingest ({corpus})")
    print(_score(corpus, ours_out))
    print("## pdfplumber extract_text, a block per line")
    print(_score(corpus, base_out))
    ratio = ours["cpu"] / base["cpu"] if base["cpu"] else float("inf")
    print(f"{'system':<24}{'cpu_s':>10}{'peak_rss_MiB':>14}")
    print(f"{'pdfplumber extract_text':<24}{base['cpu']:>10.2f}{base['maxrss_mib']:>14.1f}")
    print(f"{'newsingest parse':<24}{ours['cpu']:>10.2f}{ours['maxrss_mib']:>14.1f}")
    print(f"pages: {int(base['pages'])}  cpu ratio: {ratio:.2f} (goal <= {CPU_GOAL})  "
          f"peak RSS goal <= {RSS_GOAL_MIB:.0f} MiB  failures: {int(ours['failures'])}")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main(sys.argv[1:]))
