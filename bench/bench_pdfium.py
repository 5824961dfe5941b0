"""Benchmark the pdfium plugin against the built-in pdfplumber parser, in one run.

Both parsers read the same PDFs (``../shared/bench/corpus/pdf`` by default), each in a fresh
subprocess so that imports and caches of one do not help the other. For each side: CPU seconds
spent parsing (``time.process_time`` around the parse loop, after warm-up parses so that one-off
imports and word-list loads are not counted), and the JSON, written to
``bench/out/pdfium/<side>`` and scored with the shared scorer. Prints a comparison table against
the goals (>= 8x less CPU, >= 0.95 of the built-in's block_f1).

Usage: ``python bench/bench_pdfium.py [CORPUS_DIR]`` (needs ``plugins/newsingest-pdfium``
installed). A benchmark, not a test: it reports numbers and never fails on them.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DEFAULT_CORPUS = ROOT.parent.parent / "shared" / "bench" / "corpus" / "pdf"
OUT = ROOT / "out" / "pdfium"
CPU_GOAL = 8.0
F1_GOAL = 0.95
#: Files parsed before timing (and one dehyphenation, which loads wordfreq's word list), so that
#: one-off loads are not charged to whichever side first meets a hyphenated line end.
WARM_UP = 10
SIDES = {"pdf": "built-in pdf (pdfplumber)", "pdfium": "pdfium plugin (pypdfium2)"}


def run_side(parser: str, corpus: Path, out: Path) -> dict[str, float]:
    """Parse every PDF with ``parser``; write the JSON; return CPU seconds and failures."""
    import newsingest
    from newsingest.reflow import dehyphenate

    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("*.json"):
        stale.unlink()
    pdfs = sorted(corpus.glob("*.pdf"))
    for pdf in pdfs[:WARM_UP]:  # warm-up: imports, word lists, plugin loading (paid once)
        newsingest.parse(pdf, parser=parser)
    dehyphenate("devel", "opment")  # loads wordfreq's list, whichever side needs it first
    failures = 0
    docs = []
    start = time.process_time()
    for pdf in pdfs:
        try:
            docs.append((pdf.stem, newsingest.parse(pdf, parser=parser)))
        except Exception as exc:  # a benchmark reports failures, it does not stop on them
            print(f"FAILED {parser} {pdf.name}: {exc!r}", file=sys.stderr)
            failures += 1
    cpu = time.process_time() - start
    for stem, doc in docs:
        (out / f"{stem}.json").write_text(doc.to_json(), encoding="utf-8")
    return {"cpu": cpu, "failures": failures, "docs": len(pdfs)}


def score(corpus: Path, out: Path) -> dict[str, float]:
    scorer = corpus.parent.parent / "score.py"
    result = subprocess.run([sys.executable, str(scorer), "docs", str(corpus), str(out), "--json"],
                            capture_output=True, text=True, check=True)
    summary: dict[str, float] = json.loads(result.stdout)["ALL"]
    return summary


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--side":
        print(json.dumps(run_side(sys.argv[2], Path(sys.argv[3]), OUT / sys.argv[2])))
        return 0
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CORPUS
    results: dict[str, dict[str, float]] = {}
    for parser in SIDES:
        child = subprocess.run([sys.executable, __file__, "--side", parser, str(corpus)],
                               capture_output=True, text=True, check=True)
        sys.stderr.write(child.stderr)
        results[parser] = {**json.loads(child.stdout.strip().splitlines()[-1]),
                           **score(corpus, OUT / parser)}
    base, fast = results["pdf"], results["pdfium"]
    cols = ("docs", "cpu", "failures", "title", "block_f1", "typed_f1", "token_f1", "damage")
    print(f"corpus: {corpus} ({int(base['docs'])} PDFs)")
    print(f"{'parser':<28}" + "".join(f"{c:>10}" for c in cols))
    for parser, label in SIDES.items():
        row = results[parser]
        print(f"{label:<28}" + "".join(
            f"{row[c]:>10.3f}" if isinstance(row[c], float) else f"{row[c]:>10}" for c in cols))
    ratio = base["cpu"] / fast["cpu"] if fast["cpu"] else float("inf")
    f1_share = fast["block_f1"] / base["block_f1"] if base["block_f1"] else float("nan")
    print()
    print(f"{'measure':<34}{'value':>10}{'goal':>10}  met")
    print(f"{'CPU ratio (pdf / pdfium)':<34}{ratio:>9.1f}x{CPU_GOAL:>9.1f}x  "
          f"{'yes' if ratio >= CPU_GOAL else 'no'}")
    print(f"{'block_f1 share (pdfium / pdf)':<34}{f1_share:>10.3f}{F1_GOAL:>10.2f}  "
          f"{'yes' if f1_share >= F1_GOAL else 'no'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
