"""HTML extraction on WCXB's development article pages: newsingest against trafilatura, one run.

WCXB (Murrough Foley, CC-BY-4.0) holds 2025 article pages of many sites and languages, none of
which the HTML rules were written on. One process parses every page with newsingest and with
``trafilatura.bare_extraction`` (both given the page's URL, as a crawler would; page by page,
alternating which goes first, so both see the same machine load), times both in CPU seconds,
writes each system's JSON to ``bench/out/wcxb/`` and scores both with the shared scorer
(``score.py wcxb``: word F1 of the body averaged over pages, title / author / date hit rates).
Run: ``python bench/bench_wcxb.py [--no-trafilatura] [--data DIR] [--limit N]``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from newsingest.api import parse_input
from newsingest.parsers.base import Input

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"
DEFAULT_DATA = BENCH / "wcxb-dev"
SCORER = BENCH / "score.py"
OUT = Path(__file__).resolve().parent / "out" / "wcxb"


def _score(truth: Path, out_dir: Path) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, str(SCORER), "wcxb", str(truth), str(out_dir), "--json"],
        check=True, capture_output=True, text=True,
    )
    return dict(json.loads(result.stdout))


def _trafilatura_json(found: Any) -> str:
    meta = found.as_dict() if found is not None else {}
    text = meta.get("text") or ""
    author = meta.get("author") or ""
    return json.dumps({
        "metadata": {"title": meta.get("title") or "", "published": meta.get("date") or "",
                     "authors": [a.strip() for a in author.split(";") if a.strip()]},
        "blocks": [{"type": "paragraph", "text": line}
                   for line in text.split("\n") if line.strip()],
    })


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--no-trafilatura", action="store_true")
    ap.add_argument("--limit", type=int, default=0, help="only the first N pages")
    args = ap.parse_args()
    truth = args.data / "ground-truth"
    files = sorted((args.data / "html").glob("*.html.gz"))
    if args.limit:
        files = files[: args.limit]
    pages: dict[str, tuple[bytes, str | None]] = {}
    for path in files:
        key = path.name.split(".")[0]
        record = json.loads((truth / f"{key}.json").read_text(encoding="utf-8"))
        pages[key] = (gzip.decompress(path.read_bytes()), record.get("url"))
    use_trafilatura = not args.no_trafilatura
    first, first_url = next(iter(pages.values()))
    if use_trafilatura:
        import trafilatura

        trafilatura.bare_extraction(first, url=first_url, with_metadata=True)  # warm up
    parse_input(Input(first, name="warmup.html"), parser="html", url=first_url)

    ours_dir, theirs_dir = OUT / "newsingest", OUT / "trafilatura"
    ours_dir.mkdir(parents=True, exist_ok=True)
    if use_trafilatura:
        theirs_dir.mkdir(parents=True, exist_ok=True)
    ours = theirs = 0.0
    for index, (key, (data, url)) in enumerate(pages.items()):
        for turn in ((0, 1) if index % 2 == 0 else (1, 0)):
            if turn == 0:
                start = time.process_time()
                doc = parse_input(Input(data, name=f"{key}.html"), parser="html", url=url)
                ours += time.process_time() - start
                (ours_dir / f"{key}.json").write_text(doc.to_json(indent=None), encoding="utf-8")
            elif use_trafilatura:
                start = time.process_time()
                found = trafilatura.bare_extraction(data, url=url, with_metadata=True)
                theirs += time.process_time() - start
                (theirs_dir / f"{key}.json").write_text(_trafilatura_json(found),
                                                       encoding="utf-8")

    rows = [("newsingest", ours, _score(truth, ours_dir))]
    if use_trafilatura:
        rows.append((f"trafilatura {trafilatura.__version__}", theirs, _score(truth, theirs_dir)))
    print(f"WCXB dev, {len(pages)} pages, one process, CPU seconds")
    print(f"{'system':<20}{'cpu s':>8}{'ms/page':>9}{'prec':>7}{'recall':>8}{'word f1':>9}"
          f"{'title':>7}{'author':>8}{'date':>7}")
    for name, seconds, score in rows:
        print(f"{name:<20}{seconds:>8.2f}{1000 * seconds / len(pages):>9.1f}"
              f"{score['precision']:>7.3f}{score['recall']:>8.3f}{score['f1']:>9.3f}"
              f"{score['title']:>7.3f}{score['author']:>8.3f}{score['date']:>7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
