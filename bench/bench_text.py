"""Text-dump benchmark: parse every dump of the shared text corpus in one process and score it.

    python bench/bench_text.py [--corpus DIR] [--out DIR]

Writes one JSON document per dump to ``--out`` (default ``bench/out/text``), runs the shared
scorer on it, and prints the scorer's table, the CPU time spent parsing (``time.process_time``,
one core) and the score of the naive baseline (one block per line) on the same files.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsingest import parse_text
from newsingest.api import parse
from newsingest.plugins import get_registry

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "bench" / "corpus" / "text"
SCORER = ROOT.parent / "shared" / "bench" / "score.py"


def _naive(path: Path) -> dict[str, object]:
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return {"metadata": {}, "blocks": [{"type": "paragraph", "text": ln.strip()}
                                       for ln in lines if ln.strip()]}


def _score(corpus: Path, out: Path) -> str:
    result = subprocess.run([sys.executable, str(SCORER), "docs", str(corpus), str(out)],
                            capture_output=True, text=True, check=True)
    return result.stdout


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "text")
    args = ap.parse_args()
    dumps = sorted(args.corpus.glob("*.txt"))
    if not dumps:
        print(f"no *.txt in {args.corpus}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    get_registry()  # plugin loading is start-up, not parsing
    parse_text("warm up")
    data = [(path, path.read_bytes()) for path in dumps]
    docs = []
    start = time.process_time()
    for path, raw in data:
        docs.append((path, parse(raw, name=path.name)))
    cpu = time.process_time() - start
    for path, doc in docs:
        (args.out / f"{path.stem}.json").write_text(doc.to_json(), encoding="utf-8")
    print(f"newsingest text parser on {len(dumps)} dumps ({args.corpus})")
    print(_score(args.corpus, args.out))
    print(f"CPU time parsing {len(dumps)} dumps: {cpu:.3f} s (time.process_time, one process)")
    with tempfile.TemporaryDirectory() as tmp:
        for path in dumps:
            (Path(tmp) / f"{path.stem}.json").write_text(json.dumps(_naive(path)))
        print("\nnaive baseline (one block per line):")
        print(_score(args.corpus, Path(tmp)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
