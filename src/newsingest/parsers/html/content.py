"""Find the article among the page's blocks: the subtree with the most prose and least clutter.

Each block votes for every element above it: prose (long, few links) votes with its length,
link lists and short scraps vote against. The element with the highest total is the smallest
subtree that holds most of the prose and little else — an article split into several boxes with
ads between them still wins as a whole, because the ads cost less than the prose gains. Explicit
markers (``itemprop=articleBody``, ``<article>``, ``<main>``) and the page's own JSON-LD
``articleBody`` are evidence on top: a block whose words appear in the JSON-LD copy counts as
prose whatever its shape. A link list standing inside the text (between two of its paragraphs)
is the article's own and costs only the containers above that text; a data table is scored
like any block, its link text counting.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Sequence
from typing import Any

import attrs

from newsingest.model import BlockType
from newsingest.parsers.html.blocks import RawBlock

__all__ = ["Evidence", "block_weight", "choose_root", "evidence_words", "plain_text", "words"]

#: Elements that can hold an article; a paragraph, a list, a heading or a figure never is.
CONTAINERS = frozenset({
    "div", "section", "article", "main", "body", "html", "td", "th", "center", "font", "span",
    "form", "blockquote", "dd", "details", "fieldset", "table", "tbody", "tr",
})
#: Words; a Chinese or Japanese character counts as a word (those scripts put no spaces).
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
_WORD = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")
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
    #: Visual length of the copy's text, to set against the page's prose.
    length: int = 0


def words(text: str) -> list[str]:
    """Case-folded words, a CJK character being one.

    >>> words("Tom's 東京駅")
    ['tom', 's', '東', '京', '駅']
    """
    return _WORD.findall(text.casefold())


def plain_text(article_body: str) -> str:
    """JSON-LD ``articleBody`` as text: some publishers put markup and entities in it."""
    return html.unescape(_TAG.sub(" ", article_body)).strip()


def evidence_words(article_body: str | None) -> Evidence | None:
    """Evidence from the JSON-LD ``articleBody`` (``None`` when it is missing or tiny).

    >>> ev = evidence_words("Tom &amp; Jerry <b>ran</b> " + "far away " * 80 + "and&hellip;")
    >>> ("tom", "jerry", "ran") in ev.grams, ev.complete
    (True, False)
    """
    if not article_body:
        return None
    text = plain_text(article_body)
    found = words(text)
    if len(found) < 60:
        return None
    grams = frozenset((found[i], found[i + 1], found[i + 2]) for i in range(len(found) - 2))
    truncated = text.endswith(("…", "...", "[…]", "[...]")) or len(found) < 120
    return Evidence(grams, not truncated, visual_length(text))


def in_evidence(text: str, evidence: Evidence) -> float:
    """Share of the block's word trigrams found in the evidence."""
    found = words(text)
    if len(found) < 3:
        return 0.0
    grams = [(found[i], found[i + 1], found[i + 2]) for i in range(len(found) - 2)]
    return sum(1 for g in grams if g in evidence.grams) / len(grams)


#: The most a single block can count against its container.
MAX_PENALTY = 300


def is_prose(block: RawBlock) -> bool:
    """A sentence or more of running text, mostly not links.

    >>> from newsingest.model import BlockType
    >>> is_prose(RawBlock(BlockType.PARAGRAPH, "By Jane Doe, Reuters", None))
    False
    """
    text = block.text
    return (visual_length(text) >= 60 and block.link_chars < 0.3 * len(text)
            and bool(_SENTENCE_END.search(text)))


def is_sentences(block: RawBlock) -> bool:
    """Running text, links or not: a sentence or more (an article's list of linked items with
    a line of its own each counts; a menu or a bare link does not)."""
    return visual_length(block.text) >= 60 and bool(_SENTENCE_END.search(block.text))


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
        # Capped: one huge link blob (inline hover cards) must not outweigh the article.
        return -float(min(length, MAX_PENALTY))
    prose = length - links
    if length < 40 and not _SENTENCE_END.search(block.text):
        return -5.0 - 2 * links
    if length < 150 and not _SENTENCE_END.search(block.text):
        # One unfinished line: a teaser's summary or a label, rarely a paragraph of the story.
        return 0.1 * prose - 1.5 * links
    if block.type is BlockType.LIST_ITEM:
        # Lists of teasers (related stories, most read) are the commonest prose outside the
        # article; an article's own list is kept anyway when its container wins.
        return 0.3 * prose - 1.5 * links
    # A paragraph with plenty of its own words stays prose even when it links a lot.
    return max(prose - 1.5 * links, 0.5 * prose if prose >= 150 else -float(MAX_PENALTY))


def is_marked(el: Any) -> bool:
    """The page itself says "this is the article" (microdata, ``<article>``, ``<main>``)."""
    return el.tag in ("article", "main") or (el.get("itemprop") or "").lower() == "articlebody"


#: Prose inside one of several sibling ``<article>`` elements (teaser cards) counts this much.
CARD_WEIGHT = 0.2


def _is_card(article: Any, cache: dict[Any, bool]) -> bool:
    """One ``<article>`` of three or more side by side, or nested in another, that is short or
    headed by a link: a teaser. (Long ones are the sections of a story that a theme marks up
    as articles.)"""
    found = cache.get(article)
    if found is None:
        parent = article.getparent()
        siblings = 0 if parent is None else sum(1 for el in parent if el.tag == "article")
        found = (siblings > 2 or any(a.tag == "article" for a in article.iterancestors())) and (
            teaser_like(article))
        cache[article] = found
    return found


#: Most text (non-space characters) of an ``<article>`` that is a card or a comment.
SHORT_ARTICLE = 1000
#: Text (non-space characters) from which a ``<p>`` is a paragraph, not a teaser's line.
CARD_PARAGRAPH = 80


def teaser_like(article: Any) -> bool:
    """Short, or opened by a linked heading over at most one paragraph: what a card or a
    comment looks like, and a section of the story does not (a roundup's item, headed by a
    link to the product, runs to paragraphs of review)."""
    if text_within(article, SHORT_ARTICLE):
        return True
    paragraphs = 0
    for para in article.iter("p"):
        paragraphs += not text_within(para, CARD_PARAGRAPH)
        if paragraphs > 1:
            return False
    head = next(article.iter("h1", "h2", "h3", "h4", "h5", "h6"), None)
    if head is None:
        return False
    text = sum(len(t.strip()) for t in head.itertext())
    linked = sum(len(t.strip()) for a in head.iter("a") for t in a.itertext())
    return text > 0 and linked > 0.5 * text


def text_within(el: Any, limit: int) -> bool:
    """The element holds at most ``limit`` non-space characters (stops reading past it, so a
    big page costs no more than a small box)."""
    total = 0
    for piece in el.itertext():
        total += len(piece) - piece.count(" ") - piece.count("\n")
        if total > limit:
            return False
    return True


#: Most text a teaser card holds: a linked headline, a summary line, a time or a label.
CARD_TEXT = 400


def teaser_cards(blocks: Sequence[RawBlock]) -> set[Any]:
    """Boxes built around a linked headline with little else: teasers for other pages.

    Such a card's summary reads like prose, and a few of them next to the story pull the
    article root up to a wrapper that holds them too; inside a card, prose counts for little.
    The box is the largest one around the headline that stays under ``CARD_TEXT`` characters.
    """
    cards: set[Any] = set()
    for block in blocks:
        if block.type is not BlockType.HEADING or block.link_chars <= 0.5 * len(block.text):
            continue
        card = None
        node = block.element.getparent()
        for _ in range(4):
            if node is None or node.tag in ("body", "html", "main"):
                break
            if not text_within(node, CARD_TEXT):
                break
            card = node
            node = node.getparent()
        if card is not None:
            cards.add(card)
    return cards


_RUNNING = frozenset({BlockType.PARAGRAPH, BlockType.QUOTE})
#: How many levels above each of the two prose blocks the text they share may be.
FLOW_LEVELS = 4


def _flow_containers(blocks: Sequence[RawBlock], weights: Sequence[float]) -> dict[int, Any]:
    """For each block that counts against its containers but stands between two prose blocks,
    the nearest element holding both (not ``body``): the text it interrupts."""
    # Paragraphs: a teaser rail's summary lines are list items, and must not vouch for the
    # linked headlines between them.
    prose = [n for n, (b, w) in enumerate(zip(blocks, weights, strict=True))
             if w > 0 and b.type in _RUNNING and is_prose(b)]
    flows: dict[int, Any] = {}
    if len(prose) < 2:
        return flows
    position = 0
    lca_cache: dict[tuple[int, int], Any] = {}
    for number, weight in enumerate(weights):
        if weight >= 0:
            continue
        while position < len(prose) and prose[position] < number:
            position += 1
        if position == 0 or position >= len(prose):
            continue
        before, after = prose[position - 1], prose[position]
        key = (before, after)
        if key not in lca_cache:
            # Near both: a text and its own list, not the page wrapper around an article and
            # a footer blurb.
            ancestors = [blocks[before].element,
                         *itertools.islice(blocks[before].element.iterancestors(), FLOW_LEVELS)]
            lca_cache[key] = next((node for node in itertools.islice(
                (blocks[after].element, *blocks[after].element.iterancestors()), FLOW_LEVELS + 1)
                if node in ancestors), None)
        flow = lca_cache[key]
        if flow is not None and flow.tag not in ("body", "html"):
            flows[number] = flow
    return flows


#: A marked element inside the winner takes over when it holds this share of the winner's score.
MARKED_SHARE = 0.5


def _sum_weights(
    blocks: Sequence[RawBlock], weights: list[float], teasers: set[Any], flows: dict[int, Any],
    cards: dict[Any, bool],
) -> tuple[dict[Any, float], dict[Any, int]]:
    """Each container's total of the block weights below it, and its depth."""
    totals: dict[Any, float] = {}
    depth: dict[Any, int] = {}
    for number, block in enumerate(blocks):
        weight = weights[number]
        if weight == 0.0:
            continue
        el = block.element
        chain = [el, *el.iterancestors()]
        if weight > 0 and any(node in teasers or (node.tag == "article" and _is_card(node, cards))
                              for node in chain):
            weight *= CARD_WEIGHT
        while len(chain) > 1 and chain[0].tag not in CONTAINERS:
            chain.pop(0)
        flow = flows.get(number)
        for index, node in enumerate(chain):
            if node not in depth:
                depth[node] = len(chain) - index
            if flow is not None:
                # Inside the text it stands in, a link list is the article's own: it costs
                # only the containers above that text.
                if node is flow:
                    flow = None
                totals.setdefault(node, 0.0)
                continue
            totals[node] = totals.get(node, 0.0) + weight
    return totals, depth


def choose_root(
    blocks: Sequence[RawBlock],
    evidence: Evidence | None = None,
    *,
    prose_only: bool = False,
) -> Any | None:
    """The element whose subtree is the article, or ``None`` when no block carries prose.

    ``prose_only`` counts what speaks for a container and nothing against it: the last resort
    for a page where every container sinks under link-heavy lists (a checklist article whose
    items all link to guides).

    The best-scoring container wins; but when it holds a marked element (``<article>``,
    ``<main>``, ``itemprop=articleBody``) carrying at least half its score, the marked one is the
    article and the rest is teasers and furniture that happened to add up.
    """
    cards: dict[Any, bool] = {}
    teasers = teaser_cards(blocks)
    weights = [block_weight(block, evidence) for block in blocks]
    flows = _flow_containers(blocks, weights)
    if prose_only:
        weights = [max(weight, 0.0) for weight in weights]
    totals, depth = _sum_weights(blocks, weights, teasers, flows, cards)
    best: Any | None = None
    best_score = 0.0
    for node, total in totals.items():
        if total > best_score or (total == best_score and best is not None
                                  and depth[node] > depth[best]):
            best, best_score = node, total
    if best is None:
        return None
    marked = [node for node, total in totals.items()
              if total >= MARKED_SHARE * best_score and depth[node] > depth[best]
              and is_marked(node) and not _is_card(node, cards)
              and node.find(".//article") is None]
    if marked:
        inside = set(best.iter())
        marked = [node for node in marked if node in inside]
    if marked:
        best = max(marked, key=lambda node: (totals[node], depth[node]))
    return best
