"""Blocks from lines read without page statistics: segment with the break rules, find block
quotes set to a narrower measure, and type each block.

The break decision is ``reflow.rules.decide`` over a ``Pair`` carrying text evidence
(``reflow.textrules``); what this module adds is what needs the blocks found: a run set
narrower than the body, broken apart by "the next word would have fitted" against the
body's measure, is one block quote again.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsingest.model import BlockType
from newsingest.reflow.layout import ends_sentence, headline_words
from newsingest.reflow.markers import list_marker
from newsingest.reflow.rules import Open, Pair, Verdict, decide_by
from newsingest.reflow.textrules import TextEvidence, sentence_end, text_item_start
from newsingest.reflow.textstats import TextStats

__all__ = ["classify", "merge_narrow", "segment"]

#: Wrapped lines under this share of the measure were set to a narrower one (block quotes).
_QUOTE_MEASURE = 0.9


def segment(stats: TextStats, order: Sequence[tuple[int, bool]]
            ) -> tuple[list[list[int]], frozenset[int]]:
    """Group the body's lines into blocks with ``reflow.rules.decide``. ``order`` holds the
    position of every body line with text, in reading order, and whether a blank line stands
    before it. Also returns the first lines of blocks that began on a sentence end alone
    (``sentence_end``): a narrow run's line ends look like that (:func:`merge_narrow`)."""
    groups: list[list[int]] = []
    block = Open()  # the open block's lines, built along with ``groups[-1]``
    soft: set[int] = set()
    for i, blank_before in order:
        line = stats.lines[i]
        if groups:
            group = groups[-1]
            starts = text_item_start(stats, group, i, blank_before)
            evidence = TextEvidence(stats, group, i, blank_before)
            verdict, rule = decide_by(Pair(None, block, line, starts, evidence))
            if verdict is not Verdict.BREAK:
                group.append(i)
                block.lines.append(line)
                continue
            if rule is sentence_end:
                soft.add(i)
        groups.append([i])
        block = Open([line])
    return groups, frozenset(soft)


def merge_narrow(stats: TextStats, groups: list[list[int]], soft: frozenset[int]
                 ) -> tuple[list[list[int]], frozenset[int]]:
    """Undo sentence-end breaks inside runs of lines set to a narrower measure (block
    quotes); returns the blocks and the first lines of those found set narrower.

    The widest line of the run merged so far is carried along, so each line is measured
    once however long the run grows.
    """
    if not groups:
        return groups, frozenset()
    width = stats.width
    narrow: set[int] = set()
    out = [groups[0]]
    widest = max(width(i) for i in groups[0])
    for group in groups[1:]:
        last = out[-1]
        if group[0] in soft and len(group) >= 2 and _narrow_pair(stats, last, group, widest):
            last.extend(group)
            narrow.add(last[0])
            widest = max(widest, max(width(i) for i in group))
        else:
            out.append(group)
            widest = max(width(i) for i in group)
    narrow.update(out[k][0] for k in range(len(out)) if _set_narrower(stats, out, k))
    return out, frozenset(narrow)


def _narrow_pair(stats: TextStats, first: Sequence[int], second: Sequence[int],
                 widest: float) -> bool:
    """Whether the break between ``first`` (whose widest line is ``widest``) and ``second``
    falls inside one run set narrower than the text."""
    a, b = first[-1], second[0]
    full = stats.full(a)
    wa, wb = stats.width(a), stats.width(b)
    wp = stats.width(first[-2]) if len(first) >= 2 else 0.0
    local = max(wp, wa, wb)
    if not (local < 0.88 * full and wa >= 0.6 * full and wb >= 0.8 * local
            and not stats.fits(a, b, local)):
        return False
    # the whole run must be set narrower than the text, not just the lines at the break
    return max(widest, *(stats.width(i) for i in second[:-1])) < 0.92 * full


def _widest_wrapped(stats: TextStats, group: Sequence[int]) -> float:
    """The widest wrapped line of ``group`` (all but its last) as a share of the measure."""
    measure = stats.measure.of_line(stats.lines[group[0]])
    return max(stats.width(i) for i in group[:-1]) / measure if measure > 0 else 1.0


def _set_narrower(stats: TextStats, groups: Sequence[Sequence[int]], k: int) -> bool:
    """Block ``k`` has three lines or more whose wrapped lines all stop well short of the
    text's measure, next to a block set to the full measure: a block quote.

    Measured on news dumps: of blocks whose wrapped lines all stay under 90% of the
    measure, 61 of 63 were block quotes. A neighbour at full measure shows that the text's
    measure is not simply narrow there (copied text wrapped at varying widths).
    """
    group = groups[k]
    if len(group) < 3 or any(stats.lines[i].bbox is not None for i in group) or \
            _widest_wrapped(stats, group) >= _QUOTE_MEASURE:
        return False
    near = [groups[j] for j in (k - 1, k + 1) if 0 <= j < len(groups) and len(groups[j]) >= 2]
    return any(_widest_wrapped(stats, g) >= _QUOTE_MEASURE for g in near)


def classify(stats: TextStats, group: Sequence[int], previous_text: str,
             narrow: frozenset[int]) -> BlockType:
    """The block type of a group of lines, given the previous block's text and the first
    lines of the blocks found set narrower than the body."""
    lines = stats.lines
    first = lines[group[0]]
    text = " ".join(lines[i].text.strip() for i in group)
    if list_marker(first.text) is not None:
        return BlockType.LIST_ITEM
    size = first.font_size
    bigger = size is not None and stats.body_size is not None and size > stats.body_size + 0.6
    if (len(group) <= 2 and len(text.split(maxsplit=14)) <= 14 and not ends_sentence(text)
            and (text[:1].isupper() or text[:1].isdigit() or bigger or first.bold
                 or not any(ch.isalnum() for ch in text))  # a "___" section rule
            and not text.endswith(",") and (bigger or first.bold is not False)):
        return BlockType.HEADING
    if group[0] in narrow:
        return BlockType.QUOTE
    if previous_text.rstrip().endswith(":") and not headline_words(text):
        return BlockType.QUOTE
    body_indent = stats.body_indent
    if body_indent is not None and all(
        (indent := lines[i].indent) is not None and indent > body_indent + 8
        for i in group
    ):
        return BlockType.QUOTE
    if first.italic and all(lines[i].italic for i in group):
        return BlockType.QUOTE
    return BlockType.PARAGRAPH
