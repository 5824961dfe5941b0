"""pytesseract against tesserocr on the same page images: CPU per page and what each returns.

Both drive Tesseract with the same model (``eng``, page segmentation mode 3, one thread via
``OMP_THREAD_LIMIT=1``); pytesseract runs the ``tesseract`` program per page and parses its TSV,
tesserocr calls the library in process. CPU counts this process and its children (the
``tesseract`` runs), after one warm-up page each. Also reported: words found, words with a
confidence and a box, the share of words the two agree on, and whether the line geometry the
plugin needs (fitted row height and baseline) is available.

Usage: ``python plugins/newsingest-ocr/bench/compare_engines.py [--pages N] [--dpi D]``
(needs the ``bench`` extra: ``pip install './plugins/newsingest-ocr[bench]'``).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent.parent.parent / "shared" / "bench" / "corpus" / "pdf"


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def pages(corpus: Path, count: int, dpi: int) -> list[Any]:
    import pypdfium2

    images: list[Any] = []
    for path in sorted(corpus.glob("*.pdf")):
        pdf = pypdfium2.PdfDocument(str(path))
        for page in pdf:
            images.append(page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L"))
            if len(images) == count:
                return images
    return images


def with_pytesseract(image: Any) -> list[tuple[str, float]]:
    import pytesseract

    data = pytesseract.image_to_data(image, lang="eng", config="--psm 3",
                                     output_type=pytesseract.Output.DICT)
    return [(t.strip(), float(c)) for t, c in zip(data["text"], data["conf"], strict=True)
            if t.strip()]


def with_tesserocr(image: Any, api: Any) -> list[tuple[str, float]]:
    from tesserocr import RIL, iterate_level

    api.SetImage(image)
    api.Recognize()
    words = []
    for word in iterate_level(api.GetIterator(), RIL.WORD):
        text = (word.GetUTF8Text(RIL.WORD) or "").strip()
        if text:
            words.append((text, float(word.Confidence(RIL.WORD))))
    return words


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--dpi", type=int, default=300)
    args = parser.parse_args()
    os.environ["OMP_THREAD_LIMIT"] = "1"
    import pytesseract
    import tesserocr

    from newsingest_ocr.tesseract import find_tessdata

    images = pages(args.corpus, args.pages + 1, args.dpi)
    warm, images = images[0], images[1:]
    api = tesserocr.PyTessBaseAPI(path=f"{find_tessdata()}{os.sep}", lang="eng")
    results: dict[str, tuple[float, list[list[tuple[str, float]]]]] = {}
    for name, run in (("pytesseract", with_pytesseract),
                      ("tesserocr", lambda image: with_tesserocr(image, api))):
        run(warm)
        start = _cpu()
        found = [run(image) for image in images]
        results[name] = (_cpu() - start, found)
    print(f"{len(images)} pages at {args.dpi} dpi; pytesseract runs tesseract "
          f"{pytesseract.get_tesseract_version()}, tesserocr links "
          f"{str(tesserocr.tesseract_version()).splitlines()[0]}")
    print(f"{'engine':<13}{'CPU s/page':>11}{'words':>8}{'with conf':>10}{'row+baseline':>14}")
    for name, (cpu, found) in results.items():
        words = sum(len(f) for f in found)
        confident = sum(1 for f in found for _, c in f if c >= 0)
        print(f"{name:<13}{cpu / len(images):>11.3f}{words:>8}{confident:>10}"
              f"{'yes' if name == 'tesserocr' else 'no':>14}")
    a, b = (Counter(w for f in results[n][1] for w, _ in f) for n in results)
    agree = sum((a & b).values()) / max(sum(a.values()), sum(b.values()), 1)
    print(f"words in common: {agree:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
