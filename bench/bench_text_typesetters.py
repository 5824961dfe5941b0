"""Text-dump benchmark on other typesetters: the reflow engine away from the Chromium dev corpus.

    python bench/bench_text_typesetters.py

Dumps every PDF of the other-typesetters corpus (``bench/out/typesetters``, built by
``bench/typesetters/make_corpus.py``; reportlab, fpdf2, LibreOffice) to text with pdfplumber, as
the shared text corpus was made, parses the dumps with the text parser and prints the shared
scorer's table. The dumps and the JSON go to ``bench/out/typesetters-text``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
PDFS = ROOT / "out" / "typesetters"
OUT = ROOT / "out" / "typesetters-text"
SCORER = ROOT.parent.parent / "shared" / "bench" / "score.py"


def _dump(pdf: Path) -> str:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return "\n\f".join(page.extract_text() or "" for page in doc.pages) + "\n"


def main() -> int:
    if not any(PDFS.glob("*.pdf")):
        subprocess.run([sys.executable, str(ROOT / "typesetters" / "make_corpus.py"), str(PDFS)],
                       check=True)
    from newsingest.api import parse

    dumps, out = OUT / "dumps", OUT / "json"
    dumps.mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    for pdf in sorted(PDFS.glob("*.pdf")):
        gold = pdf.with_name(f"{pdf.stem}.gold.json")
        if gold.exists():  # a PDF without gold is not part of the corpus
            (dumps / f"{pdf.stem}.txt").write_text(_dump(pdf), encoding="utf-8")
            shutil.copy(gold, dumps / f"{pdf.stem}.gold.json")
    start = time.process_time()
    for txt in sorted(dumps.glob("*.txt")):
        doc = parse(txt.read_bytes(), name=txt.name)
        (out / f"{txt.stem}.json").write_text(doc.to_json(), encoding="utf-8")
    cpu = time.process_time() - start
    table = subprocess.run([sys.executable, str(SCORER), "docs", str(dumps), str(out)],
                           capture_output=True, text=True, check=True).stdout
    print(f"newsingest text parser on pdfplumber dumps of other typesetters ({PDFS})")
    print(table)
    print(f"CPU time parsing: {cpu:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
