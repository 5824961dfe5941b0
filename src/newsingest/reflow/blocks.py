"""Blocks from laid-out lines: segment with the break rules, then join, dehyphenate and type.

A PDF line knows what a text dump has lost: the white above it, its indent against its column,
its font. ``reflow.rules`` turns that evidence into break decisions; this module runs them
over the body lines in reading order, joins each block's lines with the shared
``join_blocks`` (the document's typesetter-hyphen policy, ``reflow.hyphens``), and types
blocks with the shared marker helpers, so PDF and text input agree on what a list item or
heading is.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsingest.model import Block, BlockType, Provenance
from newsingest.reflow.code import code_text
from newsingest.reflow.hyphens import join_blocks
from newsingest.reflow.lines import Line
from newsingest.reflow.markers import split_item
from newsingest.reflow.pagestats import PageStats, box, size
from newsingest.reflow.rules import QUOTE_EMS, Open, Pair, Verdict, decide, item_start

__all__ = ["layout_blocks", "segment"]


def segment(lines: Sequence[Line], stats: PageStats,
            starts_at: frozenset[int] = frozenset()) -> list[Open]:
    """Group body lines (reading order) into blocks with :data:`reflow.rules.RULES`; a line
    whose ``index`` is in ``starts_at`` starts a block whatever the rules say (a footnote's
    number, ``reflow.pages``)."""
    blocks: list[Open] = []
    prev: Line | None = None
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        starts = item_start(stats, prev, line, nxt, bool(blocks) and blocks[-1].item)
        verdict = decide(Pair(stats, blocks[-1], line, starts)) \
            if blocks and line.index not in starts_at else Verdict.BREAK
        if verdict is Verdict.BREAK:
            blocks.append(Open([line], starts))
        else:
            if verdict is Verdict.JOIN_AS_PROSE:
                blocks[-1].item = False
            blocks[-1].lines.append(line)
        prev = line
    return blocks


def regions(lines: Sequence[Line]) -> tuple[Provenance, ...]:
    """One region (page and box) per flow the lines ran through, in reading order: a
    paragraph continued across a column or page break has two."""
    out: list[tuple[int | None, int | None, int | None, list[Line]]] = []
    for line in lines:
        key = (line.page, line.band, line.column)
        if out and out[-1][:3] == key:
            out[-1][3].append(line)
        else:
            out.append((*key, [line]))
    return tuple(Provenance(page=page, bbox=(
        min(_bbox(ln)[0] for ln in group), min(_bbox(ln)[1] for ln in group),
        max(_bbox(ln)[2] for ln in group), max(_bbox(ln)[3] for ln in group)))
        for page, _, _, group in out)


def _bbox(line: Line) -> tuple[float, float, float, float]:
    assert line.bbox is not None
    return line.bbox


def _provenance(lines: Sequence[Line]) -> Provenance:
    """The first region as page and bbox; every region when there are several."""
    found = regions(lines)
    first = found[0]
    if len(found) == 1:
        return first
    return Provenance(page=first.page, bbox=first.bbox, regions=found)


def _italic_heading(stats: PageStats, group: Sequence[Line], text: str) -> bool:
    """A lone italic line in the body's size, a few words without closing punctuation, set
    off by white above: a run-in subheading (handbooks, reports), not a quotation, which
    reads as a sentence."""
    line = group[0]
    white = line.gap_above
    return (len(group) == 1 and len(text.split()) <= 10 and text[:1].isupper()
            and not text.rstrip().endswith((".", ",", ";", ":", '"', "”", "!", "?"))
            and white is not None and white > stats.line_gap(line) + 0.35 * size(line))


def _kind(stats: PageStats, block: Open, text: str,
          heading_sizes: Sequence[float]) -> tuple[BlockType, int | None]:
    group = block.lines
    first = group[0]
    em = size(first)
    if all(ln.code for ln in group):
        return BlockType.PREFORMATTED, None
    if block.item:
        if len(group) == 1 and first.bold and len(text) < 100 and \
                not text.endswith((".", ",", ";")):
            return BlockType.HEADING, min(2 + len(heading_sizes), 6)  # "2. Take inventory"
        return BlockType.LIST_ITEM, None
    if em > stats.body_size + 0.6 and len(text) < 300:
        level = 2 + sum(s > em + 0.3 for s in heading_sizes)
        return BlockType.HEADING, min(level, 6)
    if (all(ln.bold for ln in group) and len(group) <= 3 and len(text) < 200
            and not text.rstrip().endswith((".", ",", ";"))):
        return BlockType.HEADING, min(2 + len(heading_sizes), 6)
    if all(ln.italic for ln in group) and len(text) > 0:
        if _italic_heading(stats, group, text):
            return BlockType.HEADING, min(2 + len(heading_sizes), 6)
        return BlockType.QUOTE, None
    col = stats.column(first)
    if len(group) > 1:
        if all(stats.indent(ln) > QUOTE_EMS * em for ln in group[1:]):
            return BlockType.QUOTE, None
    elif (stats.indent(first) > QUOTE_EMS * em and box(first)[2] < col.right - QUOTE_EMS * em
          and not stats.paragraph_indented(first)):
        return BlockType.QUOTE, None
    return BlockType.PARAGRAPH, None


def layout_blocks(lines: Sequence[Line], vocabulary: frozenset[str],
                  floats: Sequence[tuple[int | None, Block]] = (),
                  stats: PageStats | None = None,
                  starts_at: frozenset[int] = frozenset()) -> tuple[Block, ...]:
    """Segment, join and type the running lines of a laid-out document (every line has a
    box); put each float (``reflow.floats``) back after the block holding the line whose
    ``index`` it names — the last running line before it — or first when it names none."""
    if not lines:
        return tuple(block for _, block in floats)
    stats = stats or PageStats.of(lines)
    states = segment(lines, stats, starts_at)
    heading_sizes = sorted({round(size(ln), 1) for ln in lines if size(ln) > stats.body_size + 0.6},
                           reverse=True)
    joined = join_blocks([[ln.text for ln in state.lines] for state in states], vocabulary)
    joined = [code_text(state.lines) if all(ln.code for ln in state.lines) else text
              for state, text in zip(states, joined, strict=True)]
    blocks: list[Block] = []
    owners: list[set[int]] = []
    for state, text in zip(states, joined, strict=True):
        texts = [ln.text for ln in state.lines]
        if not text:
            continue
        kind, level = _kind(stats, state, text, heading_sizes)
        text, marker = split_item(text) if kind is BlockType.LIST_ITEM else (text, None)
        raw = "\n".join(texts)
        blocks.append(Block(
            kind, text, raw=raw if raw != text else None, provenance=_provenance(state.lines),
            level=level, ordered=marker.ordered if marker else None,
            marker=marker.marker if marker else None, depth=0 if marker else None,
        ))
        owners.append({ln.index for ln in state.lines})
    if not floats:
        return tuple(blocks)
    after: dict[int, list[Block]] = {}
    for index, block in floats:
        at = next((k for k, own in enumerate(owners) if index in own), -1) \
            if index is not None else -1
        after.setdefault(at, []).append(block)
    out = list(after.get(-1, []))
    for k, block in enumerate(blocks):
        out.append(block)
        out.extend(after.get(k, []))
    return tuple(out)
