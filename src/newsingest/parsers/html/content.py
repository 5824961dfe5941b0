"""Find the article among the page's blocks: the subtree with the most prose and least clutter.

Each block votes for every element above it: prose (long, few links) votes with its length,
link lists and short scraps vote against. The element with the highest total is the smallest
subtree that holds most of the prose and little else — an article split into several boxes with
ads between them still wins as a whole, because the ads cost less than the prose gains. Explicit
markers (``itemprop=articleBody``, ``<article>``, ``<main>``) and the page's own JSON-LD
``articleBody`` are evidence on top: a block whose words appear in the JSON-LD copy counts as
prose whatever its shape.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

import attrs

from newsingest.model import BlockType
from newsingest.parsers.html.blocks import RawBlock

__all__ = ["Evidence", "block_weight", "choose_root", "evidence_words"]

#: Elements that can hold an article; a paragraph, list item or heading is never the article.
CONTAINERS = frozenset({
    "div", "section", "article", "main", "body", "html", "td", "th", "center", "font", "span",
    "form", "blockquote", "dd", "details", "fieldset", "header", "figure", "table", "tbody",
    "tr", "ul", "ol", "dl",
})
_WORD = re.compile(r"\w+")
_TAG = re.compile(r"<[^>]{0,500}>")
_SENTENCE_END = re.compile(r"[.!?…:;\"”’)。！？」』）]\s*$")
_WIDE = re.compile(r"[\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]")


def visual_length(text: str) -> int:
    """Length in Latin-letter equivalents: a CJK character carries about a word.

    >>> visual_length("abc"), visual_length("日本語")
    (3, 9)
    """
    return len(text) + 2 * len(_WIDE.findall(text))


@attrs.frozen
class Evidence:
    """Word trigrams of the JSON-LD ``articleBody``; ``complete`` when it is not a teaser.

    A complete copy also says what is *not* article; a truncated one ("…the return of&hellip;")
    only vouches for what it has.
    """

    grams: frozenset[tuple[str, str, str]]
    complete: bool


def evidence_words(article_body: str | None) -> Evidence | None:
    """Evidence from the JSON-LD ``articleBody`` (``None`` when it is missing or tiny).

    >>> ev = evidence_words("Tom &amp; Jerry <b>ran</b> " + "far away " * 80 + "and&hellip;")
    >>> ("tom", "jerry", "ran") in ev.grams, ev.complete
    (True, False)
    """
    if not article_body:
        return None
    text = html.unescape(_TAG.sub(" ", article_body)).strip()
    words = _WORD.findall(text.casefold())
    if len(words) < 60:
        return None
    grams = frozenset((words[i], words[i + 1], words[i + 2]) for i in range(len(words) - 2))
    truncated = text.endswith(("…", "...", "[…]", "[...]")) or len(words) < 120
    return Evidence(grams, not truncated)


def in_evidence(text: str, evidence: Evidence) -> float:
    """Share of the block's word trigrams found in the evidence."""
    words = _WORD.findall(text.casefold())
    if len(words) < 3:
        return 0.0
    grams = [(words[i], words[i + 1], words[i + 2]) for i in range(len(words) - 2)]
    return sum(1 for g in grams if g in evidence.grams) / len(grams)


def is_prose(block: RawBlock) -> bool:
    """A sentence or more of running text, mostly not links.

    >>> from newsingest.model import BlockType
    >>> is_prose(RawBlock(BlockType.PARAGRAPH, "By Jane Doe, Reuters", None))
    False
    """
    text = block.text
    return (visual_length(text) >= 60 and block.link_chars < 0.3 * len(text)
            and bool(_SENTENCE_END.search(text)))


def block_weight(block: RawBlock, evidence: Evidence | None = None) -> float:
    """How strongly a block says "the article is around me" (negative: "not here")."""
    length = len(block.text)
    links = block.link_chars
    if length and links < length:
        # Scale to visual length so that CJK prose weighs like Latin prose.
        scale = visual_length(block.text) / length
        length, links = round(length * scale), round(links * scale)
    if block.type in (BlockType.HEADING, BlockType.CAPTION):
        # A linked heading is a teaser for another page; a plain one is neutral.
        return -float(length) if links > 0.5 * length else 0.0
    if evidence is not None and length >= 40:
        share = in_evidence(block.text, evidence)
        if share >= 0.5:
            return float(length)
        if share < 0.1 and evidence.complete:
            return -0.5 * length
    density = links / length if length else 1.0
    if density > 0.5:
        return -float(length)
    prose = length - links
    if length < 40 and not _SENTENCE_END.search(block.text):
        return -5.0 - 2 * links
    if block.type is BlockType.LIST_ITEM:
        # Lists of teasers (related stories, most read) are the commonest prose outside the
        # article; an article's own list is kept anyway when its container wins.
        return 0.3 * prose - 1.5 * links
    return prose - 1.5 * links


def _marker_bonus(el: Any) -> float:
    tag = el.tag
    if (el.get("itemprop") or "").lower() == "articlebody":
        return 1.15
    if tag == "article":
        return 1.05
    return 1.0


def choose_root(
    blocks: Sequence[RawBlock],
    evidence: Evidence | None = None,
) -> Any | None:
    """The element whose subtree is the article, or ``None`` when no block carries prose."""
    totals: dict[Any, float] = {}
    depth: dict[Any, int] = {}
    for block in blocks:
        weight = block_weight(block, evidence)
        if weight == 0.0:
            continue
        el = block.element
        chain = [el, *el.iterancestors()]
        while len(chain) > 1 and chain[0].tag not in CONTAINERS:
            chain.pop(0)
        for index, node in enumerate(chain):
            totals[node] = totals.get(node, 0.0) + weight
            if node not in depth:
                depth[node] = len(chain) - index
    best: Any | None = None
    best_score = 0.0
    for node, total in totals.items():
        if total <= 0:
            continue
        score = total * _marker_bonus(node)
        if score > best_score or (score == best_score and best is not None
                                  and depth[node] > depth[best]):
            best, best_score = node, score
    return best
