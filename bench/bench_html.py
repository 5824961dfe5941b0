"""HTML article extraction: newsingest against trafilatura on the scrapinghub benchmark.

One process parses the 181 pages with newsingest and with ``trafilatura.extract`` (page by page,
alternating which goes first, so both see the same machine load), times both in CPU seconds,
writes each system's JSON to ``bench/out/`` and scores both with the shared scorer (shingle F1 of
the article body). Run: ``python bench/bench_html.py [--no-trafilatura]``; needs the ``bench``
extra (``pip install -e '.[bench]'``) for the comparison.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import time
from pathlib import Path

from newsingest.api import parse_input
from newsingest.parsers.base import Input

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"
DEFAULT_DATA = BENCH / "html-news"
SCORER = BENCH / "score.py"
OUT = Path(__file__).resolve().parent / "out"


def _score(truth: Path, out_dir: Path) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, str(SCORER), "html", str(truth), str(out_dir), "--json"],
        check=True, capture_output=True, text=True,
    )
    return dict(json.loads(result.stdout))


def _write(out_dir: Path, key: str, blocks: list[dict[str, str]], extra: dict[str, object]) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / f"{key}.json").write_text(json.dumps({**extra, "blocks": blocks}), encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--no-trafilatura", action="store_true")
    args = ap.parse_args()
    truth = args.data / "ground-truth.json"
    pages = {p.name.split(".")[0]: gzip.decompress(p.read_bytes())
             for p in sorted((args.data / "html").glob("*.html.gz"))}
    use_trafilatura = not args.no_trafilatura
    if use_trafilatura:
        import trafilatura

        trafilatura.extract(next(iter(pages.values())))  # warm up: imports, caches
    parse_input(Input(next(iter(pages.values())), name="warmup.html"), parser="html")

    # Interleaved, alternating which goes first, so that both systems see the same machine load.
    ours = theirs = 0.0
    docs = {}
    texts: dict[str, str] = {}
    for index, (key, data) in enumerate(pages.items()):
        for turn in ((0, 1) if index % 2 == 0 else (1, 0)):
            start = time.process_time()
            if turn == 0:
                docs[key] = parse_input(Input(data, name=f"{key}.html"), parser="html")
                ours += time.process_time() - start
            elif use_trafilatura:
                texts[key] = trafilatura.extract(data) or ""
                theirs += time.process_time() - start

    out_dir = OUT / "html"
    out_dir.mkdir(parents=True, exist_ok=True)
    for key, doc in docs.items():
        (out_dir / f"{key}.json").write_text(doc.to_json(indent=None), encoding="utf-8")
    rows = [("newsingest", ours, _score(truth, out_dir))]
    if use_trafilatura:
        out_dir = OUT / "trafilatura"
        for key, text in texts.items():
            _write(out_dir, key, [{"type": "paragraph", "text": line}
                                  for line in text.split("\n") if line.strip()], {})
        rows.append((f"trafilatura {trafilatura.__version__}", theirs, _score(truth, out_dir)))

    print(f"{len(pages)} pages, one process, CPU seconds")
    print(f"{'system':<20}{'cpu s':>9}{'ms/page':>9}{'precision':>11}{'recall':>8}{'f1':>7}")
    for name, seconds, score in rows:
        print(f"{name:<20}{seconds:>9.2f}{1000 * seconds / len(pages):>9.1f}"
              f"{score['precision']:>11.3f}{score['recall']:>8.3f}{score['f1']:>7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
