"""Ablation of the HTML body rules on both dev sets: each class/id word and each threshold.

For every soft and hard class/id furniture word (``parsers.html.clean.SOFT``/``HARD``) the word
is removed, and for every threshold the value is moved one step each way; the body is extracted
again from every page of WCXB dev and of the scrapinghub set, and scored (WCXB word F1 averaged
over pages, scrapinghub 4-gram shingle F1 of the whole body, the scorers' definitions, computed
in process). Prints one row per change: the score on both sets and the difference to the rules
as shipped. Of the metadata only the JSON-LD ``articleBody`` is read (evidence for the root).
Slow: about 15 s a variant on one core for a threshold, less for a word (only the pages whose
markup holds it are parsed again). ``--dates`` ablates the metadata rules instead (the shown-
date and address-date cut-offs of ``meta.html`` and ``meta.pagebyline``) on WCXB dev, scoring
the date and author hit rates as ``score.py wcxb`` does (scrapinghub states no dates; the title
is settled later, against the body's headline, so it is not scored here). Run: ``python
bench/ablate_html.py [--words] [--thresholds] [--dates] [--titles] [--limit N]``;
``--titles`` parses each WCXB page once, keeps what the title choice saw (stated title,
``<title>``, headline, site name) and scores the title thresholds of ``meta.html`` on it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newsingest.meta import html as meta_html
from newsingest.meta import pagebyline
from newsingest.model import Metadata
from newsingest.parsers import html as html_parser
from newsingest.parsers.html import clean, content, extract_body
from newsingest.parsers.html.dom import parse_tree

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"
_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _wcxb_score(text: str, gold: str) -> float:
    got, want = Counter(_words(text)), Counter(_words(gold))
    overlap = sum((got & want).values())
    if not want or not got:
        return float(not want and not got)
    p, r = overlap / sum(got.values()), overlap / sum(want.values())
    return 2 * p * r / (p + r) if p + r else 0.0


def _shingles(text: str) -> set[tuple[str, ...]]:
    found = _words(text)
    return {tuple(found[i:i + 4]) for i in range(max(1, len(found) - 3))}


def _shingle_score(text: str, gold: str) -> float:
    got, want = _shingles(text), _shingles(gold)
    tp = len(got & want)
    p = tp / len(got) if got else 0.0
    r = tp / len(want) if want else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _body(data: bytes) -> str:
    root, _ = parse_tree(data, "page")
    if root is None:
        return ""
    # The JSON-LD articleBody is evidence for the root (``EVIDENCE_SHARE``); nothing else of
    # the metadata is used.
    article_body = meta_html.extract_metadata(root, use_htmldate=False).article_body
    return "\n".join(b.text for b in extract_body(root, Metadata(), article_body).kept)


class _Set:
    """One dev set: pages, gold, the scorer, and each page's score under the shipped rules (a
    class/id word can only change pages whose markup holds it, so only those are re-run)."""

    def __init__(self, pages: list[tuple[bytes, str]], score: Callable[[str, str], float]):
        self.pages = pages
        self.score = score
        self.lowered = [data.lower() for data, _ in pages]
        self.base = [score(_body(data), gold) for data, gold in pages]

    def run(self, only: bytes | None = None) -> float:
        total = 0.0
        for number, (data, gold) in enumerate(self.pages):
            if only is not None and only not in self.lowered[number]:
                total += self.base[number]
            else:
                total += self.score(_body(data), gold)
        return total / len(self.pages)


def _load(limit: int) -> tuple[list[tuple[bytes, str]], list[tuple[bytes, str]]]:
    wcxb = []
    for path in sorted((BENCH / "wcxb-dev" / "html").glob("*.html.gz"))[: limit or None]:
        record = json.loads((BENCH / "wcxb-dev" / "ground-truth" / path.name.replace(
            ".html.gz", ".json")).read_text(encoding="utf-8"))
        wcxb.append((gzip.decompress(path.read_bytes()),
                     record["ground_truth"].get("main_content") or ""))
    truth = json.loads((BENCH / "html-news" / "ground-truth.json").read_text(encoding="utf-8"))
    news = [(gzip.decompress(path.read_bytes()), truth[path.name.split(".")[0]]["articleBody"])
            for path in sorted((BENCH / "html-news" / "html").glob("*.html.gz"))[: limit or None]]
    return wcxb, news


@contextmanager
def _without(word: str) -> Iterator[None]:
    """The rules with one class/id word removed from its list."""
    saved = clean.HARD, clean.SOFT, clean.NEGATIVE, clean._ANY_WORD
    clean.HARD = frozenset(clean.HARD - {word})
    clean.SOFT = frozenset(clean.SOFT - {word})
    clean.NEGATIVE = clean.HARD | clean.SOFT
    clean._ANY_WORD = re.compile("|".join(sorted(
        {w.split("-")[0] for w in clean.NEGATIVE | clean.POSITIVE | clean._CONTENT},
        key=len, reverse=True)))
    try:
        yield
    finally:
        clean.HARD, clean.SOFT, clean.NEGATIVE, clean._ANY_WORD = saved


@contextmanager
def _moved(module: Any, name: str, value: Any) -> Iterator[None]:
    saved = getattr(module, name)
    setattr(module, name, value)
    try:
        yield
    finally:
        setattr(module, name, saved)


#: The thresholds added for evidence-weighted furniture and root choice, with the values tried.
THRESHOLDS: tuple[tuple[Any, str, tuple[Any, ...]], ...] = (
    (clean, "SOFT_SHARE", (0.0, 0.2, 0.4, 0.5, 0.8, 1.01)),
    (html_parser, "RETRY_SHARE", (0.0, 0.1, 0.4)),
    (content, "SHORT_ARTICLE", (400, 2000, 10**9)),
    (clean, "BUTTON_TEXT", (10**9, 100, 1000)),
    (content, "FLOW_LEVELS", (0, 2, 8)),
    (clean, "PITCH_TEXT", (10**9, 100, 400)),
    (html_parser, "EVIDENCE_SHARE", (0.0, 0.1, 0.5)),
    (content, "CARD_PARAGRAPH", (40, 200, 10**9)),
    (html_parser, "HIDDEN_SHARE", (0.0, 0.1, 0.5)),
)


#: The metadata cut-offs, with the values tried (``--dates``).
DATE_RULES: tuple[tuple[Any, str, tuple[Any, ...]], ...] = (
    (meta_html, "SHOWN_DATE_FIRST", (False,)),
    (meta_html, "URL_OVER_SHOWN", (False,)),
    (meta_html, "URL_DAY_SLACK", (0, 2)),
    (pagebyline, "PUBLISHED_AFTER_UPDATE", (0, 2, 8, 12)),
    (pagebyline, "HEADLINE_LINES", (6, 20)),
    (pagebyline, "ABOVE_LINES", (0, 2, 8)),
    (pagebyline, "ABOVE_DATE_SHARE", (0.4, 0.8, 1.01)),
)


def _meta_rows(limit: int) -> int:
    """Date and author hit rates on WCXB dev under each metadata rule change."""
    pages = []
    for path in sorted((BENCH / "wcxb-dev" / "html").glob("*.html.gz"))[: limit or None]:
        record = json.loads((BENCH / "wcxb-dev" / "ground-truth" / path.name.replace(
            ".html.gz", ".json")).read_text(encoding="utf-8"))
        root, _ = parse_tree(gzip.decompress(path.read_bytes()), "page")
        if root is not None:
            pages.append((root, record.get("url"), record["ground_truth"]))

    def score() -> tuple[float, ...]:
        hits, counts = Counter(), Counter()
        for root, url, gold in pages:
            meta = meta_html.extract_metadata(root, url=url).metadata
            got = {"publish_date": str(meta.published or "")[:10],
                   "author": ", ".join(meta.authors)}
            for key in ("publish_date", "author"):
                want = gold.get(key)
                if not want:
                    continue
                counts[key] += 1
                fold = " ".join(str(want).split()).casefold()
                mine = " ".join(got[key].split()).casefold()
                hits[key] += fold in mine if key == "author" else mine == fold[:10]
        return tuple(hits[k] / max(1, counts[k]) for k in ("publish_date", "author"))

    base = score()
    print(f"{'change (WCXB dev metadata)':<40}{'date':>8}{'Δ':>8}{'author':>8}{'Δ':>8}")
    print(f"{'as shipped':<40}{base[0]:>8.4f}{'':>8}{base[1]:>8.4f}", flush=True)
    for module, name, values in DATE_RULES:
        for value in values:
            with _moved(module, name, value):
                found = score()
            print(f"{f'{name} = {value}':<40}" + "".join(
                f"{f:>8.4f}{f - b:>+8.4f}" for f, b in zip(found, base, strict=True)),
                  flush=True)
    return 0


#: The title cut-offs, with the values tried (``--titles``).
TITLE_RULES: tuple[tuple[str, tuple[Any, ...]], ...] = (
    ("LABEL_WORDS", (0, 1, 2, 5)),
    ("TITLE_AGREEMENT", (0.0, 0.2, 0.5, 1.01)),
    ("HEADLINE_WORDS", (1, 3, 6, 10**9)),
)


def _title_rows(limit: int) -> int:
    """Title hit rate on WCXB dev (``score.py wcxb``'s comparison) under each title rule."""
    import unicodedata

    from newsingest.api import parse_input
    from newsingest.parsers.base import Input

    seen: list[tuple[Any, ...]] = []
    shipped = html_parser.choose_title

    def record(*args: Any) -> Any:
        seen.append(args)
        return shipped(*args)

    cases = []
    html_parser.choose_title = record  # type: ignore[assignment]
    try:
        for path in sorted((BENCH / "wcxb-dev" / "html").glob("*.html.gz"))[: limit or None]:
            record_ = json.loads((BENCH / "wcxb-dev" / "ground-truth" / path.name.replace(
                ".html.gz", ".json")).read_text(encoding="utf-8"))
            gold = record_["ground_truth"].get("title")
            seen.clear()
            doc = parse_input(Input(gzip.decompress(path.read_bytes()), name="page.html"),
                              parser="html", url=record_.get("url"))
            if gold:
                cases.append((gold, seen[0] if seen else None, doc.metadata.title))
    finally:
        html_parser.choose_title = shipped  # type: ignore[assignment]

    def fold(text: str | None) -> str:
        return " ".join(unicodedata.normalize("NFC", text or "").split()).casefold()

    def score() -> float:
        return sum(fold(gold) == fold(meta_html.choose_title(*args) if args else title)
                   for gold, args, title in cases) / max(1, len(cases))

    base = score()
    print(f"{'change (WCXB dev title)':<40}{'title':>8}{'Δ':>8}")
    print(f"{'as shipped':<40}{base:>8.4f}", flush=True)
    for name, values in TITLE_RULES:
        for value in values:
            with _moved(meta_html, name, value):
                found = score()
            print(f"{f'{name} = {value}':<40}{found:>8.4f}{found - base:>+8.4f}", flush=True)
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--words", action="store_true", help="only the class/id words")
    ap.add_argument("--thresholds", action="store_true", help="only the thresholds")
    ap.add_argument("--dates", action="store_true", help="the metadata date rules instead")
    ap.add_argument("--titles", action="store_true", help="the title rules instead")
    ap.add_argument("--only", default="", help="comma-separated threshold names to vary")
    ap.add_argument("--limit", type=int, default=0, help="only the first N pages of each set")
    args = ap.parse_args()
    if args.dates:
        return _meta_rows(args.limit)
    if args.titles:
        return _title_rows(args.limit)
    both = not args.words and not args.thresholds
    wcxb_pages, news_pages = _load(args.limit)
    sets = (_Set(wcxb_pages, _wcxb_score), _Set(news_pages, _shingle_score))
    base = tuple(sum(one.base) / len(one.pages) for one in sets)
    print(f"{'change':<40}{'wcxb f1':>9}{'Δ':>8}{'scrapinghub f1':>16}{'Δ':>8}")
    print(f"{'as shipped':<40}{base[0]:>9.4f}{'':>8}{base[1]:>16.4f}{'':>8}", flush=True)

    def row(label: str, change: Callable[[], Any], only: bytes | None = None) -> None:
        with change():
            found = tuple(one.run(only) for one in sets)
        print(f"{label:<40}{found[0]:>9.4f}{found[0] - base[0]:>+8.4f}"
              f"{found[1]:>16.4f}{found[1] - base[1]:>+8.4f}", flush=True)

    if both or args.thresholds:
        wanted = {n.strip() for n in args.only.split(",") if n.strip()}
        for module, name, values in THRESHOLDS:
            if wanted and name not in wanted:
                continue
            for value in values:
                row(f"{name} = {value}", lambda m=module, n=name, v=value: _moved(m, n, v))
    if both or args.words:
        for kind, words in (("hard", clean.HARD), ("soft", clean.SOFT)):
            for word in sorted(words):
                # camelCase and kebab/snake spellings all hold the word's first part, lowered.
                row(f"without {kind} word {word!r}", lambda w=word: _without(w),
                    only=word.split("-")[0].encode())
    return 0


if __name__ == "__main__":
    sys.exit(main())
