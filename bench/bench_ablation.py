"""Ablation of the text-dump mechanisms: each left out (or its threshold moved), every set scored.

    python bench/bench_ablation.py [--sets typesetters,dev] [--extractors NAME,...]

Runs the text parser on the shared dev text dumps (``../shared/bench/corpus/text``) and on the
dumps ``bench/bench_extractors.py`` makes (built when missing), once as shipped and once per
variant below, and prints block_f1 per set: a rule earns its place only if leaving it out costs
on more than the set it was written for. Variants patch module attributes for the run and put
them back; nothing here changes what the library does.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import bench_extractors as be  # this folder is on sys.path when run as a script

from newsingest.reflow import (
    compounds,
    dumps,
    engine,
    headline,
    hyphens,
    parbreaks,
    rules,
    textrules,
)
from newsingest.reflow.layout import starts_lower
from newsingest.reflow.verdict import Verdict
from newsingest.reflow.vocabulary import zipf
from newsingest.repair import words

TEXT = be.SHARED / "corpus" / "text"
OUT = be.OUT / "ablation"
#: The suffix list dehyphenation used before the PDF parser's was merged into it.
_OLD_SUFFIXES = frozenset((
    "ment", "ments", "ing", "ings", "tion", "tions", "sion", "sions", "ness", "ity", "ities",
    "ies", "ied", "ed", "er", "ers", "ly", "ally", "al", "ous", "ive", "ives", "able", "ible",
    "ance", "ence", "ant", "ent", "ism", "ist", "ists", "ize", "ized", "ise", "ised", "ful",
    "less", "ship",
))


def _plain_join(blocks: Sequence[Sequence[str]], vocabulary: Any) -> list[str]:
    return [hyphens.join_lines(texts, vocabulary) for texts in blocks]


def _without(rule: Any) -> tuple[Any, ...]:
    return tuple(r for r in rules.RULES if r is not rule)


def _word_runs_on_always(p: Any) -> Verdict:
    """``word_runs_on`` before a colon or semicolon with room left could end a block."""
    t = p.text
    if t is None:
        return Verdict.ABSTAIN
    cur = t.cur_text
    if starts_lower(cur) or (t.hyphenated and cur[:1].isalpha()):
        return Verdict.JOIN
    return Verdict.ABSTAIN


_RULE_VARIANTS: list[tuple[str, list[tuple[Any, str, Any]]]] = [
    (f"- text rule {rule.__name__}", [(rules, "RULES", _without(rule))])
    for rule in textrules.TEXT_RULES
]

#: (name, [(module, attribute, value while ablated)]).
VARIANTS: list[tuple[str, list[tuple[Any, str, Any]]]] = [
    ("as shipped", []),
    ("- typesetter policy in text (join_blocks)", [(engine, "join_blocks", _plain_join)]),
    ("- merged SUFFIXES (old list)", [(hyphens, "SUFFIXES", _OLD_SUFFIXES)]),
    ("- compounds: document evidence", [
        (compounds, "spelled_hyphenated", lambda token, vocabulary: None),
        (compounds, "_word_score", lambda part, vocabulary: zipf(part.casefold()))]),
    ("- compounds only where lines met (every token)", [(compounds, "JOIN_FROM", 0.0),
                                                        (compounds, "JOIN_TO", 1e9)]),
    ("JOIN_FROM 0.75 -> 0.6", [(compounds, "JOIN_FROM", 0.6)]),
    ("JOIN_FROM 0.75 -> 0.85", [(compounds, "JOIN_FROM", 0.85)]),
    ("- repair join_split_words", [(words, "_fragment_pair", lambda line, a, b: False)]),
    ("- join_split_words: two words in a proven text", [(words, "PROVEN", 10**9)]),
    ("WORDS_MARGIN 0.25 -> 0", [(words, "WORDS_MARGIN", 0.0)]),
    ("WORDS_MARGIN 0.25 -> 0.5", [(words, "WORDS_MARGIN", 0.5)]),
    ("- repair join_letter_spacing", [(words, "_SPACED", re.compile(r"(?!x)x"))]),
    ("- layout columns (no gutters)", [(dumps, "MIN_SIDE", 2.0)]),
    ("- layout indents (all 0)", [(dumps, "CELL_POINTS", 0.0)]),
    ("- join_markers pass", [(dumps, "PASSES", (dumps.infer_pages, dumps._join_soft_runs,
                                                 dumps._close_hyphens, dumps.place_emoji))]),
    ("- close_hyphens pass",
     [(dumps, "PASSES", (dumps.infer_pages, dumps._join_markers, dumps._join_soft_runs,
                         dumps.place_emoji))]),
    ("- infer_pages pass", [(dumps, "PASSES", (dumps._join_markers, dumps._join_soft_runs,
                                                dumps._close_hyphens, dumps.place_emoji))]),
    ("- place_emoji pass", [(dumps, "PASSES", (dumps.infer_pages, dumps._join_markers,
                                                dumps._join_soft_runs, dumps._close_hyphens))]),
    ("- join_soft_runs pass",
     [(dumps, "PASSES", (dumps.infer_pages, dumps._join_markers, dumps._close_hyphens,
                         dumps.place_emoji))]),
    ("BYLINE_GAP 2 -> 0 (no blank between headline and byline)", [(headline, "BYLINE_GAP", 0)]),
    ("BYLINE_GAP 2 -> 1", [(headline, "BYLINE_GAP", 1)]),
    ("MAX_CROSSING 0.1 -> 0.0", [(dumps, "MAX_CROSSING", 0.0)]),
    ("MAX_CROSSING 0.1 -> 0.2", [(dumps, "MAX_CROSSING", 0.2)]),
    ("- breaks_shown evidence (a full-line sentence end may break)",
     [(parbreaks, "SHOWN", 2.0)]),
    ("parbreaks SHOWN 0.8 -> 0.6", [(parbreaks, "SHOWN", 0.6)]),
    ("parbreaks SHOWN 0.8 -> 0.9", [(parbreaks, "SHOWN", 0.9)]),
    ("parbreaks SHORT 0.8 -> 0.7", [(parbreaks, "SHORT", 0.7)]),
    ("parbreaks SHORT 0.8 -> 0.9", [(parbreaks, "SHORT", 0.9)]),
    ("- gutters seen on spread rows only (all rows count)",
     [(dumps, "_SPREAD", re.compile(r"(?s).*"))]),
    ("MIN_SIDE 0.15 -> 0.3 (a short last column)", [(dumps, "MIN_SIDE", 0.3)]),
    ("MIN_SIDE 0.15 -> 0.1", [(dumps, "MIN_SIDE", 0.1)]),
    ("MIN_COLUMN 12 -> 0", [(dumps, "MIN_COLUMN", 0)]),
    ("MIN_COLUMN 12 -> 20", [(dumps, "MIN_COLUMN", 20)]),
    ("MAX_INDENT 12 -> 6", [(dumps, "MAX_INDENT", 6)]),
    *_RULE_VARIANTS,
    ("word_runs_on: no colon/semicolon room test", [(rules, "RULES", tuple(
        _word_runs_on_always if r is textrules.word_runs_on else r for r in rules.RULES))]),
    ("INDENT 1.25 -> 1.0", [(textrules, "INDENT", 1.0)]),
    ("INDENT 1.25 -> 1.5", [(textrules, "INDENT", 1.5)]),
]


@contextlib.contextmanager
def patched(changes: Sequence[tuple[Any, str, Any]]) -> Iterator[None]:
    saved = [(module, name, getattr(module, name)) for module, name, _ in changes]
    try:
        for module, name, value in changes:
            setattr(module, name, value)
        yield
    finally:
        for module, name, value in saved:
            setattr(module, name, value)


def _label(path: Path) -> str:
    if path == TEXT:
        return "dev-text"
    return f"{path.parent.name[:3]}/{path.name.replace('pdftotext', 'ptt')}"


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="typesetters,dev")
    ap.add_argument("--extractors", default=",".join(be.EXTRACTORS))
    ap.add_argument("--only", default="",
                    help="run only the variants whose name holds one of these ,-separated words")
    args = ap.parse_args(argv)
    wanted = [w for w in args.only.split(",") if w]
    folders = [TEXT] + [be.dumps(name, extractor)
                        for name in args.sets.split(",") if name
                        for extractor in args.extractors.split(",")
                        if extractor and be.EXTRACTORS[extractor][1]()]
    labels = [_label(f) for f in folders]
    width = max(len(name) for name, _ in VARIANTS) + 2
    print("## block_f1 with each mechanism left out (or a threshold moved); mean title last")
    print(f"{'variant':<{width}}" + "".join(f"{lab:>16}" for lab in labels)
          + f"{'mean':>8}{'title':>8}")
    for name, changes in VARIANTS:
        if wanted and name != "as shipped" and not any(w in name for w in wanted):
            continue
        scores, titles = [], []
        with patched(changes):
            for folder, label in zip(folders, labels, strict=True):
                out = OUT / label.replace("/", "-")
                be.parse_dumps(folder, out)
                summary = be.score(folder, out)
                scores.append(summary["block_f1"])
                titles.append(summary["title"])
        mean, title = sum(scores) / len(scores), sum(titles) / len(titles)
        print(f"{name:<{width}}" + "".join(f"{s:>16.3f}" for s in scores)
              + f"{mean:>8.3f}{title:>8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
