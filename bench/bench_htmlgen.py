"""HTML extraction on generated pages of many CMS shapes: a held-out check of the rules.

Writes the pages with ``bench/htmlgen/make_pages.py`` into ``bench/out/htmlgen/``, parses them
with newsingest (and ``trafilatura.extract`` for comparison, when installed), and scores with the
shared scorer: ``score.py html`` (shingle F1, as on the scrapinghub pages) overall, and
``score.py docs`` per page shape, with title / author / date accuracy of the metadata.
Run: ``python bench/bench_htmlgen.py [--no-trafilatura] [--show]``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from newsingest.api import parse_input
from newsingest.parsers.base import Input

HERE = Path(__file__).resolve().parent
SCORER = HERE.parents[1] / "shared" / "bench" / "score.py"
OUT = HERE / "out" / "htmlgen"

sys.path.insert(0, str(HERE))
from htmlgen import make_pages  # noqa: E402


def _score(*args: str) -> dict[str, object]:
    result = subprocess.run([sys.executable, str(SCORER), *args, "--json"],
                            check=True, capture_output=True, text=True)
    return dict(json.loads(result.stdout))


def _ours(pages: dict[str, bytes], out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for key, data in pages.items():
        doc = parse_input(Input(data, name=f"{key}.html"), parser="html")
        (out_dir / f"{key}.json").write_text(doc.to_json(indent=None), encoding="utf-8")


def _trafilatura(pages: dict[str, bytes], out_dir: Path) -> None:
    import trafilatura

    out_dir.mkdir(parents=True, exist_ok=True)
    for key, data in pages.items():
        found = trafilatura.bare_extraction(data, with_metadata=True)
        meta = found.as_dict() if found is not None else {}
        text = meta.get("text") or ""
        author = meta.get("author") or ""
        (out_dir / f"{key}.json").write_text(json.dumps({
            "metadata": {"title": meta.get("title") or "", "published": meta.get("date") or "",
                         "authors": [a.strip() for a in author.split(";") if a.strip()]},
            "blocks": [{"type": "paragraph", "text": line}
                       for line in text.split("\n") if line.strip()],
        }), encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--no-trafilatura", action="store_true")
    ap.add_argument("--show", action="store_true", help="list pages under 0.95 shingle F1")
    args = ap.parse_args()
    make_pages.main([str(OUT)])
    pages = {p.stem: p.read_bytes() for p in sorted((OUT / "html").glob("*.html"))}
    systems = {"newsingest": _ours}
    if not args.no_trafilatura:
        try:
            import trafilatura
        except ImportError:
            pass
        else:
            systems[f"trafilatura {trafilatura.__version__}"] = _trafilatura
    truth = str(OUT / "ground-truth.json")
    overall, shapes = {}, {}
    for name, run in systems.items():
        out_dir = OUT / name.split()[0]
        run(pages, out_dir)
        overall[name] = _score("html", truth, str(out_dir))
        shapes[name] = _score("docs", str(OUT / "gold"), str(out_dir))

    print(f"{len(pages)} generated pages")
    print(f"{'system':<20}{'precision':>10}{'recall':>8}{'f1':>7}{'title':>7}{'author':>8}"
          f"{'date':>6}")
    for name, score in overall.items():
        meta = shapes[name]["ALL"]
        assert isinstance(score, dict) and isinstance(meta, dict)
        print(f"{name:<20}{score['precision']:>10.3f}{score['recall']:>8.3f}{score['f1']:>7.3f}"
              f"{meta['title']:>7.3f}{meta['author']:>8.3f}{meta['date']:>6.3f}")
    names = list(systems)
    print(f"\nshingle F1 by page shape{'':<3}" + "".join(f"{n.split()[0]:>13}" for n in names))
    for shape in sorted(k for k in shapes[names[0]] if k != "ALL"):
        row = "".join(f"{shapes[n][shape]['shingle_f1']:>13.3f}" for n in names)  # type: ignore[index]
        print(f"{shape:<27}{row}")
    if args.show:
        _show(OUT / "gold", OUT / "newsingest")
    return 0


def _show(gold_dir: Path, out_dir: Path) -> None:
    """Per page: shingle F1, title/author/date right?, for the pages that are not perfect."""
    sys.path.insert(0, str(SCORER.parent))
    import score  # the shared scorer, imported for its per-document function

    print()
    for path in sorted(gold_dir.glob("*.gold.json")):
        key = path.name[: -len(".gold.json")]
        gold = json.loads(path.read_text(encoding="utf-8"))
        row = score.score_doc(gold, score.read_output(out_dir / f"{key}.json"))
        if row["shingle_f1"] < 0.95 or not (row["title"] and row["author"] and row["date"]):
            print(f"  {key:<36} shingle {row['shingle_f1']:.3f}  title {row['title']}  "
                  f"author {row['author']}  date {row['date']}")


if __name__ == "__main__":
    sys.exit(main())
