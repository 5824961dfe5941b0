"""Benchmark the OCR path against the text-layer path on the same PDFs and gold, in one run.

Every corpus PDF (``../shared/bench/corpus/pdf`` from the project root by default) is drawn with
pypdfium2 and wrapped, losslessly, as an image-only PDF — at 300 dpi, at 200 dpi, and once
"scanned": 300 dpi turned by a small angle (±0.3-1.2°), blurred (radius 0.7 px), speckled and
saved as JPEG at quality 55 before wrapping. Each run parses its PDFs in a fresh subprocess with
``OMP_THREAD_LIMIT=1`` (one core per page, as a batch worker would); CPU seconds are
``time.process_time`` around the parse loop, after a warm-up parse. The text-layer row is the
built-in ``pdf`` parser on the original PDFs. Outputs are written to
``bench/out/<corpus>/<run>/`` and scored with the shared ``score.py docs`` against the same gold.

Usage (from the project root, with ``plugins/newsingest-ocr`` installed)::

    python plugins/newsingest-ocr/bench/bench_ocr.py [--corpus DIR] [--limit N] [--runs a,b]
                                                     [--ablate rule,rule]

``--limit N`` takes a fixed random sample of N files (all page designs), for quick runs;
``--ablate`` switches the plugin's reading rules off, to measure what each is worth. A
benchmark, not a test: it reports numbers and never fails on them.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "bench" / "corpus" / "pdf"
OUT = HERE / "out"
#: run name → (dpi, scanner noise?); "text" is the text-layer path on the original files.
RUNS = {"text": (0, False), "ocr-300": (300, False), "ocr-200": (200, False),
        "ocr-300-noisy": (300, True)}
GOALS = {"token_f1": 0.98, "block_f1": 0.85}
#: ``--ablate NAME``: each of the plugin's reading rules, switched off (for ablation tables).
ABLATIONS = ("pronoun", "digits", "dot", "phantom", "gutters", "block-heights")


def ablate(names: list[str]) -> None:
    """Switch rules off in this process by replacing them with what they would leave alone."""
    from newsingest_ocr import lines, tesseract

    off = {
        "pronoun": lambda: setattr(lines, "pronoun_i", list),
        "digits": lambda: setattr(lines, "digits", str),
        "dot": lambda: setattr(tesseract, "_dot", lambda words, i, row, ink: words[i]),
        "phantom": lambda: setattr(tesseract, "_phantom", lambda *args: False),
        "gutters": lambda: setattr(lines, "split_gutters", list),
        "block-heights": lambda: setattr(lines, "_heights", lambda ls: [
            float(max(ln.height, ln.bbox[3] - ln.bbox[1])) for ln in ls]),
    }
    for name in names:
        off[name]()


def _noisy(image: object, seed: str) -> object:
    """What a scanner does to a page: a small skew, soft focus, speckles, JPEG compression."""
    from PIL import Image, ImageFilter

    assert isinstance(image, Image.Image)
    rng = random.Random(seed)
    angle = rng.choice((-1, 1)) * rng.uniform(0.3, 1.2)
    page = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    page = page.filter(ImageFilter.GaussianBlur(0.7))
    pixels = page.load()
    width, height = page.size
    for _ in range(width * height // 2000):  # 0.05% of pixels flipped to dark or light
        x, y = rng.randrange(width), rng.randrange(height)
        pixels[x, y] = rng.choice((0, 255))  # type: ignore[index]
    buffer = io.BytesIO()
    page.save(buffer, "JPEG", quality=55)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("L")


def image_pdf(source: Path, target: Path, dpi: int, noisy: bool) -> int:
    """Write ``source``'s pages as an image-only PDF (no text layer); return the page count."""
    import pypdfium2
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    pdf = pypdfium2.PdfDocument(str(source))
    out = canvas.Canvas(str(target), invariant=True)
    try:
        for number, page in enumerate(pdf, start=1):
            width, height = page.get_size()
            image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            if noisy:
                image = _noisy(image, f"{source.stem}:{number}")
            out.setPageSize((width, height))
            out.drawImage(ImageReader(image), 0, 0, width, height)
            out.showPage()
            page.close()
        out.save()
        return len(pdf)
    finally:
        pdf.close()


def prepare(run: str, pdfs: list[Path]) -> Path:
    """The run's input folder: the originals for ``text``, image-only PDFs (cached) otherwise."""
    dpi, noisy = RUNS[run]
    if not dpi:
        return pdfs[0].parent
    folder = OUT / "images" / pdfs[0].parent.name / run
    folder.mkdir(parents=True, exist_ok=True)
    for pdf in pdfs:
        target = folder / pdf.name
        if not target.exists():
            image_pdf(pdf, target, dpi, noisy)
    return folder


def run_side(run: str, folder: Path, names: list[str], out: Path, off: list[str]
             ) -> dict[str, float]:
    """In a subprocess: parse every file of the run, write the JSON, return CPU and pages."""
    import newsingest
    import pypdfium2

    ablate(off)
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("*.json"):
        stale.unlink()
    files = [folder / f"{name}.pdf" for name in names]
    parser = "pdf" if run == "text" else "ocr"
    newsingest.parse(files[0], parser=parser)  # warm-up: imports, models, word lists
    pages = sum(len(pypdfium2.PdfDocument(str(f))) for f in files)
    failures = 0
    docs = []
    start = time.process_time()
    for path in files:
        try:
            docs.append((path.stem, newsingest.parse(path, parser=parser)))
        except Exception as exc:  # a benchmark reports failures, it does not stop on them
            print(f"FAILED {run} {path.name}: {exc!r}", file=sys.stderr)
            failures += 1
    cpu = time.process_time() - start
    for stem, doc in docs:
        (out / f"{stem}.json").write_text(doc.to_json(), encoding="utf-8")
    return {"cpu": cpu, "pages": pages, "failures": failures, "docs": len(files)}


def score(corpus: Path, names: list[str], out: Path) -> dict[str, float]:
    """``score.py docs`` over the chosen files' gold only (a folder of links to it)."""
    scorer = DEFAULT_CORPUS.parent.parent / "score.py"
    with tempfile.TemporaryDirectory() as gold:
        for name in names:
            (Path(gold) / f"{name}.gold.json").symlink_to(corpus / f"{name}.gold.json")
        result = subprocess.run([sys.executable, str(scorer), "docs", gold, str(out), "--json"],
                                capture_output=True, text=True, check=True)
    summary: dict[str, float] = json.loads(result.stdout)["ALL"]
    return summary


def out_dir(corpus: Path, run: str, ablated: str) -> Path:
    """``out/<corpus>/<run>``, or ``.../<run>-without-<rules>`` for an ablation."""
    return OUT / corpus.name / (f"{run}-without-{ablated.replace(',', '+')}" if ablated else run)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=0, help="a sample of N files (0: all)")
    parser.add_argument("--runs", default=",".join(RUNS),
                        help="comma-separated: " + ", ".join(RUNS))
    parser.add_argument("--ablate", default="",
                        help="comma-separated rules to switch off: " + ", ".join(ABLATIONS))
    parser.add_argument("--side", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--names", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side:
        names = args.names.split(",")
        off = [a for a in args.ablate.split(",") if a]
        print(json.dumps(run_side(args.side[0], Path(args.side[1]), names,
                                  out_dir(args.corpus, args.side[0], args.ablate), off)))
        return 0
    pdfs = sorted(args.corpus.glob("*.pdf"))
    if args.limit:  # a fixed random sample: every page design, not every k-th name
        pdfs = sorted(random.Random(0).sample(pdfs, min(args.limit, len(pdfs))))
    names = [p.stem for p in pdfs]
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    rows: dict[str, dict[str, float]] = {}
    for run in args.runs.split(","):
        folder = prepare(run, pdfs)
        child = subprocess.run([sys.executable, __file__, "--side", run, str(folder),
                                "--names", ",".join(names), "--ablate", args.ablate,
                                "--corpus", str(args.corpus)],
                               capture_output=True, text=True, check=True, env=env)
        sys.stderr.write(child.stderr)
        rows[run] = {**json.loads(child.stdout.strip().splitlines()[-1]),
                     **score(args.corpus, names, out_dir(args.corpus, run, args.ablate))}
    cols = ("docs", "pages", "failures", "title", "block_f1", "typed_f1", "token_f1", "damage")
    print(f"corpus: {args.corpus} ({len(names)} PDFs)"
          + (f"; rules switched off: {args.ablate}" if args.ablate else ""))
    print(f"{'run':<16}{'CPU s/page':>11}" + "".join(f"{c:>10}" for c in cols))
    for run, row in rows.items():
        per_page = row["cpu"] / row["pages"] if row["pages"] else 0.0
        print(f"{run:<16}{per_page:>11.3f}" + "".join(
            f"{row[c]:>10.3f}" if isinstance(row[c], float) else f"{row[c]:>10}" for c in cols))
    print()
    for run in (r for r in rows if r.startswith("ocr-300") and not r.endswith("noisy")):
        for measure, goal in GOALS.items():
            value = rows[run][measure]
            print(f"{run} {measure} {value:.3f} (goal >= {goal}): "
                  f"{'met' if value >= goal else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
