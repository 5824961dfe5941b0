"""Score the PDF parser on PDFs from other typesetters (reportlab, fpdf2, LibreOffice).

The dev corpus (``../shared/bench/corpus/pdf``) is all headless Chromium; this corpus, built by
``bench/typesetters/make_corpus.py`` from articles written for it, checks that the layout rules
generalise. Usage: ``python bench/bench_typesetters.py [--rebuild] [--show N]``: builds the corpus
when missing (or with ``--rebuild``), parses every PDF, writes the JSON to
``bench/out/typesetters-out`` and prints the shared scorer's table.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
CORPUS = ROOT / "out" / "typesetters"
OUT = ROOT / "out" / "typesetters-out"
SCORER = ROOT.parent.parent / "shared" / "bench" / "score.py"


def main(argv: list[str]) -> int:
    show = argv[argv.index("--show") + 1] if "--show" in argv else "8"
    if "--rebuild" in argv or not any(CORPUS.glob("*.pdf")):
        subprocess.run([sys.executable, str(ROOT / "typesetters" / "make_corpus.py"), str(CORPUS)],
                       check=True)
    from bench_pdf import run_newsingest  # this folder is on sys.path when run as a script

    result = run_newsingest(CORPUS, OUT)
    cpu, failures = result["cpu"], int(result["failures"])
    proc = subprocess.run([sys.executable, str(SCORER), "docs", str(CORPUS), str(OUT),
                           "--show", show], capture_output=True, text=True, check=True)
    print(f"## newsingest on other typesetters ({CORPUS})")
    print(proc.stdout)
    print(f"cpu: {cpu:.2f} s  failures: {failures}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
