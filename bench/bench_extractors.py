"""Text dumps from every common extractor: does the text parser read them all?

    python bench/bench_extractors.py [--sets typesetters,dev] [--extractors NAME,...]
                                     [--rebuild] [--json FILE]

Dumps every PDF of each set with each extractor, the way its users call it (the command line's
defaults, or the library's documented text call), parses the dumps with the text parser and
scores them with the shared scorer. The sets: ``typesetters`` (``bench/out/typesetters``, built
by ``bench/typesetters/make_corpus.py`` when missing: reportlab, fpdf2, TeX-like, WeasyPrint
designs) and ``dev`` (``../shared/bench/corpus/pdf``, Chromium). Dumps are cached under
``bench/out/extractors/SET/EXTRACTOR/`` (``--rebuild`` makes them again); an extractor that is
not installed is reported and skipped, never faked.

The extractors differ in what a parser must cope with: ``pdftotext`` (poppler, reading order,
joins a hyphenated line with the next and drops the hyphen), ``pdftotext-raw`` (content-stream
order), ``pdftotext-layout`` (columns side by side, padded with spaces), ``pdfplumber``
(``extract_text`` per page, pages joined by newlines), ``pypdf`` (``extract_text``),
``pymupdf`` (``get_text`` per page, a form feed after each, as its docs show) and ``pdfminer``
(``pdf2txt`` defaults: text boxes split by blank lines, a form feed per page).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SHARED = ROOT.parent.parent / "shared" / "bench"
SCORER = SHARED / "score.py"
SETS = {"typesetters": ROOT / "out" / "typesetters", "dev": SHARED / "corpus" / "pdf"}
OUT = ROOT / "out" / "extractors"
GOAL = 0.90


def _pdftotext(*flags: str) -> Callable[[Path], str]:
    def dump(pdf: Path) -> str:
        proc = subprocess.run(["pdftotext", "-enc", "UTF-8", *flags, str(pdf), "-"],
                              capture_output=True, check=True)
        return proc.stdout.decode("utf-8", errors="replace")
    return dump


def _pdfplumber(pdf: Path) -> str:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return "\n".join(page.extract_text() or "" for page in doc.pages) + "\n"


def _pypdf(pdf: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages) + "\n"


def _pymupdf(pdf: Path) -> str:
    import pymupdf

    with pymupdf.open(pdf) as doc:
        return "".join(str(page.get_text()) + "\f" for page in doc)


def _pdfminer(pdf: Path) -> str:
    from pdfminer.high_level import extract_text

    return str(extract_text(pdf))  # what pdf2txt prints with its default LAParams


EXTRACTORS: dict[str, tuple[Callable[[Path], str], Callable[[], bool]]] = {
    "pdftotext": (_pdftotext(), lambda: shutil.which("pdftotext") is not None),
    "pdftotext-raw": (_pdftotext("-raw"), lambda: shutil.which("pdftotext") is not None),
    "pdftotext-layout": (_pdftotext("-layout"), lambda: shutil.which("pdftotext") is not None),
    "pdfplumber": (_pdfplumber, lambda: _importable("pdfplumber")),
    "pypdf": (_pypdf, lambda: _importable("pypdf")),
    "pymupdf": (_pymupdf, lambda: _importable("pymupdf")),
    "pdfminer": (_pdfminer, lambda: _importable("pdfminer")),
}


def _importable(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def _pdfs(name: str) -> list[Path]:
    corpus = SETS[name]
    if name == "typesetters" and not any(corpus.glob("*.pdf")):
        subprocess.run([sys.executable, str(ROOT / "typesetters" / "make_corpus.py"),
                        str(corpus)], check=True)
    return [pdf for pdf in sorted(corpus.glob("*.pdf"))
            if pdf.with_name(f"{pdf.stem}.gold.json").exists()]


def dumps(name: str, extractor: str, rebuild: bool = False) -> Path:
    """The folder of ``extractor``'s dumps of set ``name`` (with the gold), made when missing."""
    import logging

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    folder = OUT / name / extractor
    pdfs = _pdfs(name)
    if rebuild or len(list(folder.glob("*.txt"))) != len(pdfs):
        folder.mkdir(parents=True, exist_ok=True)
        dump = EXTRACTORS[extractor][0]
        for pdf in pdfs:
            (folder / f"{pdf.stem}.txt").write_text(dump(pdf), encoding="utf-8")
            shutil.copy(pdf.with_name(f"{pdf.stem}.gold.json"), folder / f"{pdf.stem}.gold.json")
    return folder


def parse_dumps(folder: Path, out: Path) -> float:
    """Parse every dump in ``folder`` with the text parser into ``out``; the CPU seconds."""
    from newsingest.api import parse

    out.mkdir(parents=True, exist_ok=True)
    data = [(txt, txt.read_bytes()) for txt in sorted(folder.glob("*.txt"))]
    cpu = 0.0
    for txt, raw in data:
        start = time.process_time()
        try:
            doc = parse(raw, name=txt.name)
        except Exception as exc:  # a benchmark reports failures (the file scores 0), no stop
            print(f"FAILED {folder.name}/{txt.name}: {exc!r}", file=sys.stderr)
            (out / f"{txt.stem}.json").unlink(missing_ok=True)
            continue
        finally:
            cpu += time.process_time() - start
        (out / f"{txt.stem}.json").write_text(doc.to_json(), encoding="utf-8")
    return cpu


def score(gold: Path, out: Path) -> dict[str, float]:
    """The scorer's overall summary (title, block_f1, typed_f1, token_f1, ...)."""
    proc = subprocess.run([sys.executable, str(SCORER), "docs", str(gold), str(out), "--json"],
                          capture_output=True, text=True, check=True)
    summary: dict[str, float] = json.loads(proc.stdout)["ALL"]
    return summary


def run(sets: list[str], extractors: list[str], rebuild: bool = False
        ) -> dict[str, dict[str, dict[str, float]]]:
    """Scores by set and extractor; extractors not installed are left out (and said so)."""
    results: dict[str, dict[str, dict[str, float]]] = {}
    for extractor in extractors:
        if not EXTRACTORS[extractor][1]():
            print(f"{extractor}: not installed, skipped", file=sys.stderr)
            continue
        for name in sets:
            folder = dumps(name, extractor, rebuild)
            out = OUT / name / f"{extractor}-json"
            cpu = parse_dumps(folder, out)
            results.setdefault(name, {})[extractor] = {**score(folder, out), "cpu": cpu}
    return results


def table(results: dict[str, dict[str, dict[str, float]]]) -> str:
    head = (f"{'set':<12}{'extractor':<18}{'docs':>5}{'title':>8}{'block_f1':>10}"
            f"{'typed_f1':>10}{'token_f1':>10}{'cpu_s':>8}  goal")
    rows = [head]
    for name, by_extractor in results.items():
        for extractor, s in by_extractor.items():
            met = "met" if s["block_f1"] >= GOAL else "NOT met"
            rows.append(f"{name:<12}{extractor:<18}{int(s['docs']):>5}{s['title']:>8.3f}"
                        f"{s['block_f1']:>10.3f}{s['typed_f1']:>10.3f}{s['token_f1']:>10.3f}"
                        f"{s['cpu']:>8.2f}  {met}")
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="typesetters,dev")
    ap.add_argument("--extractors", default=",".join(EXTRACTORS))
    ap.add_argument("--rebuild", action="store_true", help="make the dumps again")
    ap.add_argument("--json", type=Path, help="also write the scores here")
    args = ap.parse_args(argv)
    sets = [s for s in args.sets.split(",") if s]
    extractors = [e for e in args.extractors.split(",") if e]
    unknown = [s for s in sets if s not in SETS] + [e for e in extractors if e not in EXTRACTORS]
    if unknown:
        ap.error(f"unknown set or extractor: {', '.join(unknown)}")
    results = run(sets, extractors, args.rebuild)
    print(f"## newsingest text parser on dumps by each extractor (goal block_f1 >= {GOAL})")
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
