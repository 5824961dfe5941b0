"""Build a corpus of damaged PDFs, deterministically, from the PDFs under ../shared/bench.

A stand-in for the 977 real-world (often broken) files of pdf.js's test corpus, which this
machine does not have: each source PDF (corpus/pdf, docling, realworld) is damaged in the ways
broken files in the wild are — cut short, bytes flipped, xref or trailer deleted, a stream's
/Length wrong, streams zeroed, objects duplicated, a fake encryption dictionary, empty, HTML
saved as .pdf, a huge MediaBox, deeply nested arrays, garbage after %PDF-, ... The same seed
gives the same files. Then run, e.g.:

    python bench/make_broken.py /tmp/broken            # ~1000 files
    newsingest convert /tmp/broken -o /tmp/broken-out --jobs 2 --timeout 30
    python bench/make_broken.py --summary /tmp/broken /tmp/broken-out/manifest.jsonl

``--summary`` checks that every input is in the manifest and counts ok / failed by type /
timeouts, and lists any untyped failure (an error type that is no ``ParseError`` subclass, nor
``TooLargeError``/``MemoryError``, nor a timeout): there must be none.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"
SOURCES = (BENCH / "corpus" / "pdf", BENCH / "docling", BENCH / "realworld")

Damage = Callable[[bytes, random.Random], bytes]


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randint(1, max(1, len(data) - 1))]


def truncate_tail(data: bytes, rng: random.Random) -> bytes:
    """Cut in the last 10 % (xref and trailer lost, the pages mostly there)."""
    return data[: rng.randint(int(len(data) * 0.9), max(int(len(data) * 0.9), len(data) - 1))]


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 64)):
        out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def random_block(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    start = rng.randrange(len(out))
    size = rng.randint(16, 4096)
    out[start:start + size] = bytes(rng.randrange(256) for _ in range(min(size, len(out) - start)))
    return bytes(out)


def _xref_table(data: bytes) -> int:
    """Where the last classic xref table starts (``\nxref`` at a line start), or -1 (a PDF
    with an xref stream has none; ``startxref`` must not be taken for one)."""
    found = [m.start() + 1 for m in re.finditer(rb"[\r\n]xref\s", data)]
    return found[-1] if found else -1


def no_xref(data: bytes, rng: random.Random) -> bytes:
    """The xref table deleted (an xref stream: ``startxref`` pointed at nothing)."""
    at = _xref_table(data)
    if at < 0:
        return re.sub(rb"startxref\s+\d+", b"startxref\n0", data)
    end = data.find(b"trailer", at)
    return data[:at] + data[end if end >= 0 else len(data):]


def no_trailer(data: bytes, rng: random.Random) -> bytes:
    at = data.rfind(b"trailer")
    return data[:at] if at >= 0 else data[: data.rfind(b"startxref")]


def wrong_startxref(data: bytes, rng: random.Random) -> bytes:
    return re.sub(rb"startxref\s+\d+", b"startxref\n%d" % rng.randrange(10 * len(data)), data)


def wrong_length(data: bytes, rng: random.Random) -> bytes:
    def change(m: re.Match[bytes]) -> bytes:
        return b"/Length %d" % max(0, int(m.group(1)) + rng.choice((-1000, -7, 9, 5000)))
    return re.sub(rb"/Length (\d+)", change, data, count=rng.randint(1, 50))


def zero_streams(data: bytes, rng: random.Random) -> bytes:
    def zero(m: re.Match[bytes]) -> bytes:
        return m.group(1) + bytes(len(m.group(2))) + m.group(3)
    return re.sub(rb"(stream\r?\n)(.*?)(endstream)", zero, data, flags=re.S,
                  count=rng.randint(1, 20))


def duplicate_objects(data: bytes, rng: random.Random) -> bytes:
    objects = re.findall(rb"\n\d+ 0 obj.*?endobj", data, flags=re.S)
    if not objects:
        return data + data
    extra = b"".join(rng.choice(objects) for _ in range(rng.randint(1, 20)))
    at = _xref_table(data)
    if at < 0:
        at = data.rfind(b"startxref")
    return data[:at] + extra + b"\n" + data[at:] if at > 0 else data + extra


def fake_encryption(data: bytes, rng: random.Random) -> bytes:
    return data.replace(b"trailer\n<<", b"trailer\n<< /Encrypt << /Filter /Standard /V 2 /R 3 "
                        b"/O <00112233> /U <44556677> /P -4 /Length 128 >>", 1) \
        .replace(b"trailer\r\n<<", b"trailer\r\n<< /Encrypt << /Filter /Standard /V 1 /R 2 "
                 b"/O <00> /U <00> /P -1 >>", 1)


def huge_mediabox(data: bytes, rng: random.Random) -> bytes:
    return re.sub(rb"/MediaBox\s*\[[^\]]*\]",
                  rng.choice((b"/MediaBox [0 0 1e30 1e30]", b"/MediaBox [0 0 99999999 99999999]",
                              b"/MediaBox [0 0 -5 0]", b"/MediaBox [0 0 a b]")), data)


def nested_arrays(data: bytes, rng: random.Random) -> bytes:
    depth = rng.choice((1000, 10_000, 100_000))
    bomb = b"\n999 0 obj\n" + b"[" * depth + b"]" * depth + b"\nendobj\n"
    at = data.find(b"\n", data.find(b"obj"))
    return data[:at] + bomb + data[at:] if at > 0 else data + bomb


def garbage_body(data: bytes, rng: random.Random) -> bytes:
    return data[:9] + bytes(rng.randrange(256) for _ in range(rng.randint(100, 20_000)))


def no_eof(data: bytes, rng: random.Random) -> bytes:
    return data.replace(b"%%EOF", b"")


def broken_pages(data: bytes, rng: random.Random) -> bytes:
    return re.sub(rb"/Type\s*/Pages", b"/Type /Pagez", data) if rng.random() < 0.5 else \
        re.sub(rb"/Kids\s*\[", b"/Kids [ 9999 0 R ", data)


def chop_middle(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.randint(1, len(data) // 4 + 1):]


DAMAGES: dict[str, Damage] = {
    "truncate": truncate, "truncate-tail": truncate_tail, "flip": flip_bytes,
    "random-block": random_block, "no-xref": no_xref, "no-trailer": no_trailer,
    "wrong-startxref": wrong_startxref, "wrong-length": wrong_length,
    "zero-streams": zero_streams, "duplicate-objects": duplicate_objects,
    "encrypted": fake_encryption, "huge-mediabox": huge_mediabox, "nested-arrays": nested_arrays,
    "garbage-body": garbage_body, "no-eof": no_eof, "broken-pages": broken_pages,
    "chop-middle": chop_middle,
}

#: Whole files that are no PDF at all but arrive named .pdf.
FIXED = {
    "empty.pdf": b"",
    "one-byte.pdf": b"%",
    "header-only.pdf": b"%PDF-1.7\n",
    "html-saved-as.pdf": b"<!doctype html><html><head><title>Not found</title></head><body>"
                         b"<h1>404</h1><p>The page you requested was not found.</p></body></html>",
    "text-saved-as.pdf": b"This is a plain text file with a .pdf name.\n" * 50,
    "zip-saved-as.pdf": b"PK\x03\x04" + bytes(200),
    "nul-bytes.pdf": bytes(4096),
    "utf16-text.pdf": "A text in UTF-16 named .pdf\n".encode("utf-16") * 20,
    "eof-only.pdf": b"%PDF-1.4\n%%EOF\n",
    "trailer-loop.pdf": b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 1 0 R >> endobj\n"
                        b"trailer << /Root 1 0 R /Prev 0 >>\nstartxref\n0\n%%EOF\n",
}


def sources() -> list[Path]:
    return sorted(p for d in SOURCES for p in d.glob("*.pdf"))


def build(out: Path, count: int, seed: int) -> int:
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    pdfs = [(p, p.read_bytes()) for p in sources()]
    names = sorted(DAMAGES)
    for name, data in FIXED.items():
        (out / name).write_bytes(data)
    made = len(FIXED)
    for k in range(count - len(FIXED)):
        damage = names[k % len(names)]
        path, data = pdfs[rng.randrange(len(pdfs))]
        broken = DAMAGES[damage](data, random.Random(rng.getrandbits(64)))
        (out / f"{k:04d}-{damage}-{path.stem[:40]}.pdf").write_bytes(broken)
        made += 1
    return made


#: Failure types that are a typed answer: the parser's errors, the batch's own refusals, and
#: what the engine reports for a worker it had to stop.
TYPED_EXTRA = {"TooLargeError", "MemoryError", "Timeout", "TimeoutError", "Unsupported"}


def summary(corpus: Path, manifest: Path) -> int:
    from newsingest import errors

    typed = {name for name, value in vars(errors).items()
             if isinstance(value, type) and issubclass(value, errors.ParseError)} | TYPED_EXTRA
    inputs = {p.name for p in corpus.iterdir() if p.is_file()}
    records = [json.loads(line) for line in manifest.read_text(encoding="utf-8").splitlines()]
    seen = {Path(str(r["path"])).name for r in records}
    counts = collections.Counter(
        "ok" if r["status"] == "ok" else f"{r['status']} {r['error_type']}" for r in records)
    untyped = [r for r in records if r["status"] != "ok" and r["error_type"] not in typed]
    print(f"{len(inputs)} inputs, {len(records)} manifest records, "
          f"missing from the manifest: {len(inputs - seen)}")
    print("| outcome | files |")
    print("|---|---|")
    for outcome, n in counts.most_common():
        print(f"| {outcome} | {n} |")
    seconds = sorted(float(r["seconds"] or 0) for r in records)
    print(f"\nslowest: {seconds[-1]:.1f} s; untyped failures: {len(untyped)}")
    for r in untyped:
        print(f"  UNTYPED {r['path']}: {r['error_type']}: {str(r['message'])[:200]}")
    return 1 if untyped or inputs - seen else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("manifest", type=Path, nargs="?")
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=977)
    ap.add_argument("--summary", action="store_true", help="score a run's manifest instead")
    args = ap.parse_args()
    if args.summary:
        if args.manifest is None:
            ap.error("--summary needs the corpus folder and the manifest")
        return summary(args.out, args.manifest)
    made = build(args.out, args.count, args.seed)
    print(f"{made} damaged PDFs from {len(sources())} sources in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
