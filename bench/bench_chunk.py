"""Chunking benchmark: size spread and sentence cuts of ``newsingest.chunk`` against a fixed-size
word splitter (what a plain text splitter does), on the dev corpora, in one run.

    python bench/bench_chunk.py [--sets text,html,pdf] [--limit N] [--sizes 128,256]
                                [--overlap 0,32]

Both chunkers get the same documents (parsed once) and count words. A chunk boundary is *clean*
when it falls between two blocks or right after sentence-final punctuation (``.!?…:`` and closing
quotes); otherwise it cuts a sentence. The same test is applied to both, so it is lenient alike
(a boundary after "U.S." counts as clean for both). *mixed* counts chunks that hold a heading
after body text, i.e. run across a section boundary. *tiny* counts chunks under a quarter of the
limit. The table prints each measure for newsingest and the baseline, and their ratio; the last
row is newsingest with ``balance=False`` (each chunk filled to the limit): balancing's ablation.
"""

from __future__ import annotations

import argparse
import gzip
import re
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import newsingest
from newsingest.chunking import block_text, chunk
from newsingest.model import BlockType, Document

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "bench"
SETS = {"text": SHARED / "corpus" / "text", "html": SHARED / "html-news" / "html",
        "pdf": SHARED / "corpus" / "pdf"}
_CLEAN_END = re.compile(r"""[.!?…:]["'”’»)\]]*$""")


def _documents(name: str, limit: int) -> Iterator[Document]:
    folder = SETS[name]
    pattern = {"text": "*.txt", "html": "*.html.gz", "pdf": "*.pdf"}[name]
    for path in sorted(folder.glob(pattern))[:limit]:
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        try:
            yield newsingest.parse(data, name=path.name.removesuffix(".gz"))
        except newsingest.ParseError:
            continue


def _stream(doc: Document) -> tuple[list[str], set[int], set[int]]:
    """The body's words, the word offsets where a block ends, and the offsets of headings'
    words."""
    words: list[str] = []
    ends: set[int] = set()
    headings: set[int] = set()
    for block in doc.blocks:
        start = len(words)
        words += block_text(block).split()
        if block.type is BlockType.HEADING:
            headings.update(range(start, len(words)))
        ends.add(len(words))
    return words, ends, headings


def _baseline(doc: Document, size: int, overlap: int) -> list[tuple[int, int]]:
    """Fixed windows of ``size`` words, each starting ``size - overlap`` after the last."""
    words, _, _ = _stream(doc)
    spans, start = [], 0
    while start < len(words):
        spans.append((start, min(len(words), start + size)))
        if start + size >= len(words):
            break
        start += size - overlap
    return spans


def _ours(doc: Document, size: int, overlap: int, balance: bool = True) -> list[tuple[int, int]]:
    """The word spans of newsingest's chunks in the same word stream (chunks are contiguous
    runs of it, less the repeated overlap)."""
    words, _, _ = _stream(doc)
    spans, position = [], 0
    for piece in chunk(doc, max_tokens=size, overlap=overlap, balance=balance):
        fresh = piece.text[piece.overlap:].split()
        repeated = len(piece.text[:piece.overlap].split())
        while position < len(words) and words[position:position + len(fresh)] != fresh:
            position += 1  # skip what the chunker left out (empty blocks)
        spans.append((position - repeated, position + len(fresh)))
        position += len(fresh)
    return spans


def _greedy(doc: Document, size: int, overlap: int) -> list[tuple[int, int]]:
    return _ours(doc, size, overlap, balance=False)


def _measure(doc: Document, spans: list[tuple[int, int]], size: int) -> dict[str, float]:
    words, ends, headings = _stream(doc)
    cuts = 0
    for _, end in spans[:-1]:
        if end not in ends and not _CLEAN_END.search(words[end - 1]):
            cuts += 1
    # a heading that starts after body text inside the chunk (consecutive headings are one)
    mixed = sum(1 for start, end in spans
                if any(h in headings and h - 1 not in headings for h in range(start + 1, end)))
    return {"chunks": len(spans), "boundaries": max(0, len(spans) - 1), "cuts": cuts,
            "mixed": mixed, "tiny": sum(1 for s, e in spans if e - s < size / 4)}


def _row(name: str, sizes: list[int], totals: dict[str, float]) -> list[str]:
    share = totals["cuts"] / totals["boundaries"] if totals["boundaries"] else 0.0
    quantiles = statistics.quantiles(sizes, n=10) if len(sizes) > 1 else [sizes[0]] * 9
    return [name, f"{int(totals['chunks'])}", f"{statistics.mean(sizes):.0f}",
            f"{quantiles[0]:.0f}", f"{statistics.median(sizes):.0f}", f"{quantiles[8]:.0f}",
            f"{statistics.pstdev(sizes) / statistics.mean(sizes):.2f}",
            f"{int(totals['tiny'])}", f"{int(totals['cuts'])} ({share:.1%})",
            f"{int(totals['mixed'])}"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="text,html")
    ap.add_argument("--limit", type=int, default=1000, help="documents per set")
    ap.add_argument("--sizes", default="128,256")
    ap.add_argument("--overlap", default="0,32")
    args = ap.parse_args()
    header = ["chunker", "chunks", "mean", "p10", "p50", "p90", "cv", "tiny", "cut sentences",
              "mixed"]
    for name in args.sets.split(","):
        if not SETS[name].is_dir():
            print(f"no corpus at {SETS[name]}", file=sys.stderr)
            return 2
        docs = [d for d in _documents(name, args.limit) if d.blocks]
        for size in (int(s) for s in args.sizes.split(",")):
            for overlap in (int(o) for o in args.overlap.split(",")):
                print(f"\n{name}: {len(docs)} documents, max {size} words, overlap {overlap}")
                rows, cpu = [], {}
                for label, fn in (("newsingest.chunk", _ours), ("fixed word windows", _baseline),
                                  ("newsingest, balance=False", _greedy)):
                    sizes: list[int] = []
                    totals = {"chunks": 0.0, "boundaries": 0.0, "cuts": 0.0, "mixed": 0.0,
                              "tiny": 0.0}
                    started = time.process_time()
                    for doc in docs:
                        spans = fn(doc, size, overlap)
                        sizes += [e - s for s, e in spans]
                        for key, value in _measure(doc, spans, size).items():
                            totals[key] += value
                    cpu[label] = time.process_time() - started
                    rows.append(_row(label, sizes, totals))
                print("| " + " | ".join(header) + " |")
                print("|" + "---|" * len(header))
                for row in rows:
                    print("| " + " | ".join(row) + " |")
                ratio = [f"{float(a.split()[0]) / float(b.split()[0]):.2f}"
                         if float(b.split()[0]) else "-"
                         for a, b in zip(rows[0][1:], rows[1][1:], strict=True)]
                print("| ratio newsingest / windows | " + " | ".join(ratio) + " |")
                print(f"(cpu: newsingest.chunk {cpu['newsingest.chunk']:.2f}s incl. measuring, "
                      f"baseline {cpu['fixed word windows']:.2f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
