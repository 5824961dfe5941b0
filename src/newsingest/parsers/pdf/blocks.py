"""Blocks from layout: where a paragraph, quote, list item or heading starts, and what it is.

A PDF line knows what a text dump has lost: the white above it, its indent against its column,
its font. Breaks come from that evidence — a gap taller than the column's line spacing, a
first-line indent (newspaper paragraphs have no gap), a change of size, weight or slant, a list
marker, a dedent out of a quote or list. Where the evidence stops (a new column, a new page),
the paragraph goes on when the previous line was full and the next is not indented. The lines
of each block are then joined by the shared ``join_lines`` (evidence-based dehyphenation) and
typed with the shared marker and furniture helpers, so PDF and text input agree on what a list
item or heading is.
"""

from __future__ import annotations

import itertools
import statistics
from collections import Counter
from collections.abc import Sequence

import attrs

from newsingest.model import Block, BlockType, Provenance
from newsingest.parsers.pdf.layout import flush_left
from newsingest.reflow.hyphens import (
    hyphenating,
    join_lines,
    soften,
    soften_breaks,
    typesetter_hyphen,
)
from newsingest.reflow.layout import ends_sentence
from newsingest.reflow.lines import Line
from newsingest.reflow.markers import list_marker, split_item

__all__ = ["Column", "PLine", "build_blocks", "segment"]

#: Extra white (ems) over the usual line gap that makes a paragraph break.
GAP_EMS = 0.35
#: A first-line indent of at least this many ems starts a paragraph.
INDENT_EMS = 0.6
#: A block indented this many ems from its column (on every line) is a quote.
QUOTE_EMS = 1.2
#: A list item's next line within this many ems of its hanging indent continues it (hanging
#: indents align exactly; a typed paragraph indent may fall near them).
HANG_EMS = 0.3
#: A line this far (ems) from its column's right edge is short (a paragraph's last line).
SHORT_EMS = 2.5


_TYPED_BULLETS = ("*", "-", "\u2013", "\u2014")
#: Closing quotation marks and the opening mark each needs before it on the line.
_CLOSERS = {'"': '"', "\u201d": "\u201c", "\u2019": "\u2018", "'": "'", "\u00bb": "\u00ab"}


def _ended(text: str, before: str = "") -> bool:
    """A sentence end, or a closing quotation mark ending a quoted title line — one opened on
    the line or on the block's lines ``before`` it: the apostrophe of "The millers'" closes
    nothing (a straight ``'`` opens only at a word start: "don't" opens nothing either).

    >>> _ended('the end.'), _ended('"We write with urgency"'), _ended('and the')
    (True, True, False)
    >>> _ended("The millers'"), _ended("\u2018Not now\u2019"), _ended('a disaster"', 'it "was')
    (False, True, True)
    """
    text = text.rstrip()
    if ends_sentence(text):
        return True
    opener = _CLOSERS.get(text[-1:])
    if opener is None:
        return False
    opened = f"{before} {text[:-1]}"
    return f" {opener}" in opened if opener == "'" else opener in opened


@attrs.frozen
class PLine:
    """A repaired line with its layout place: ``band`` of the page, where the text after a
    list marker starts (``hang``, the x of a hanging indent; ``tab`` when it is set further
    than a space from the marker, as drawn list markers are) and how wide its first word is
    (``lead``: had it fitted at the end of the line above, it would have been set there)."""

    line: Line
    band: int
    hang: float | None = None
    lead: float = 0.0
    tab: bool = False

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.line.page or 0, self.band, self.line.column or 0)

    @property
    def x0(self) -> float:
        return self.bbox[0]

    @property
    def x1(self) -> float:
        return self.bbox[2]

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        assert self.line.bbox is not None
        return self.line.bbox

    @property
    def size(self) -> float:
        return self.line.font_size or 10.0


@attrs.frozen
class Column:
    """A column's geometry: flush left and right edges, usual gap between lines, justified."""

    left: float
    right: float
    gap: float | None
    justified: bool


def columns_of(lines: Sequence[PLine], body_size: float) -> dict[tuple[int, int, int], Column]:
    """Geometry of every (page, band, column), from its body-size lines where it has them."""
    groups: dict[tuple[int, int, int], list[PLine]] = {}
    for pl in lines:
        groups.setdefault(pl.key, []).append(pl)
    out: dict[tuple[int, int, int], Column] = {}
    for key, group in groups.items():
        body = [pl for pl in group if abs(pl.size - body_size) <= 0.6] or group
        left = flush_left([pl.x0 for pl in body])
        right = flush_right([pl.x1 for pl in body])
        gaps = [g for pl in body[1:] if (g := pl.line.gap_above) is not None
                and g < 1.5 * pl.size]
        gap = statistics.median(gaps) if gaps else None
        flush = sum(abs(pl.x1 - right) < 1.0 for pl in body)
        out[key] = Column(left, right, gap, len(body) >= 4 and flush >= 0.35 * len(body))
    sizes = {key: len(group) for key, group in groups.items()}
    for key, col in list(out.items()):
        # a short column (a last page of list items) may show its edge on one line only: a
        # larger column's edge that one of its lines starts at is its edge too
        edges = [c.left for k, c in out.items() if sizes[k] >= 2 * sizes[key]
                 and c.left < col.left - 0.5 and any(abs(pl.x0 - c.left) <= 1.0
                                                     for pl in groups[key])]
        if edges:
            out[key] = col = attrs.evolve(col, left=min(edges))
    for key, col in out.items():
        if sizes[key] < 4:  # too few lines to know the measure: borrow a like column's
            like = [c.right for k, c in out.items() if sizes[k] >= 4 and abs(c.left - col.left) < 3]
            if like:
                out[key] = attrs.evolve(col, right=max(col.right, *like))
    return out


def flush_right(xs: Sequence[float]) -> float:
    """A column's right edge: where its justified lines end, if many end at one x (a line
    that overflows the measure is not the measure), else its widest line (ragged right).

    >>> flush_right([286.3] * 6 + [277.6, 309.0])
    286.3
    >>> flush_right([250.0, 262.5, 281.0, 270.2])
    281.0
    """
    counts: Counter[int] = Counter(round(x) for x in xs)
    support = max(3, int(0.25 * len(xs)))
    common = [x for x, n in counts.items() if n >= support]
    if not common:
        return max(xs)
    key = max(common)
    return max(x for x in xs if abs(x - key) <= 1.0)


def line_gap(lines: Sequence[PLine], body_size: float) -> float:
    """The usual white between two lines of a paragraph, for the whole document.

    A low percentile, not the median: with many two-line paragraphs, half the gaps a column
    shows are paragraph gaps.
    """
    gaps = sorted(g for pl in lines if (g := pl.line.gap_above) is not None
                  and abs(pl.size - body_size) <= 0.6 and -0.5 * body_size < g < 1.5 * body_size)
    if not gaps:
        return 0.3 * body_size
    return max(gaps[int(0.15 * len(gaps))], 0.0)


def paragraph_indent(lines: Sequence[PLine], columns: dict[tuple[int, int, int], Column]
                     ) -> float | None:
    """The document's first-line indent, if its paragraphs have one: the usual indent of an
    indented line followed by a flush-left line of the same column (seen at least twice)."""
    counts: Counter[int] = Counter()
    for a, b in itertools.pairwise(lines):
        if a.key != b.key:
            continue
        left = columns[a.key].left
        ia, ib = a.x0 - left, b.x0 - left
        if 0.5 * a.size < ia < 4 * a.size and abs(ib) < 0.5:
            counts[round(ia)] += 1
    if not counts:
        return None
    value, n = counts.most_common(1)[0]
    return float(value) if n >= 2 else None


def body_size_of(lines: Sequence[PLine]) -> float:
    """The font size most characters of the body are set in."""
    weights: Counter[float] = Counter()
    for pl in lines:
        weights[round(pl.size, 1)] += len(pl.line.text)
    return weights.most_common(1)[0][0] if weights else 10.0


@attrs.define
class _State:
    """The block being built: its lines and what kind of start it had."""

    lines: list[int] = attrs.field(factory=list)
    item: bool = False


class Segmenter:
    """Join-or-break decisions over one document's body lines."""

    def __init__(self, lines: Sequence[PLine]) -> None:
        self.lines = lines
        self.body_size = body_size_of(lines)
        self.columns = columns_of(lines, self.body_size)
        self.gap = line_gap(lines, self.body_size)
        self.para_indent = paragraph_indent(lines, self.columns)

    def column(self, pl: PLine) -> Column:
        return self.columns[pl.key]

    def hangs(self, cur: PLine, nxt: PLine | None) -> bool:
        """Whether the next line continues ``cur`` at its hanging indent (list evidence)."""
        if cur.hang is None or nxt is None or nxt.key != cur.key:
            return False
        return abs(nxt.x0 - cur.hang) <= HANG_EMS * cur.size

    def is_item_start(self, prev: PLine | None, cur: PLine, nxt: PLine | None,
                      in_item: bool) -> bool:
        """A list marker starts an item unless the line merely wraps a sentence ("(Oct." /
        "13) and ..."): same place as the line above, no white, and that line not ended."""
        marker = list_marker(cur.line.text)
        if marker is None:
            return False
        if marker.marker in _TYPED_BULLETS and not (self.hangs(cur, nxt) or cur.tab):
            return False  # a typed "*" note or "— Name" credit, not a drawn list bullet
        if in_item or cur.tab:
            return True  # in a list, or a marker set apart from its text: a drawn list marker
        if self.indent(cur) < 0.3 * cur.size and not self.hangs(cur, nxt):
            return False  # "3. A numbered paragraph" flush with the text, not a list
        if prev is None or prev.key != cur.key:
            return True
        em = cur.size
        if abs(cur.x0 - prev.x0) > 0.5 * em:
            return True
        gap = cur.line.gap_above
        if gap is not None and gap > self.gap + max(GAP_EMS * em, 1.5):
            return True
        text = prev.line.text.rstrip()
        return text.endswith(":") or (self.short(prev) and _ended(text))

    def fits(self, block: _State, cur: PLine) -> bool:
        """Would ``cur``'s first word have fitted at the end of the block's last line? Then a
        typesetter filling lines would have put it there: that line ended a paragraph.

        An indented block (a quote) has its own, unknown measure: the widest of its lines so
        far stands in for it, which errs on the side of going on.
        """
        prev = self.lines[block.lines[-1]]
        if prev.line.text.rstrip().endswith(("-", "\u2010", "\u00ad")):
            return False
        room = self.measure(block) - prev.x1
        return cur.lead > 0 and cur.lead + 0.3 * prev.size < room - 1.0

    def mid_sentence(self, block: _State, cur: PLine) -> bool:
        """The block's last line is full and open (no sentence end, the next word would not
        have fitted): the text runs on into ``cur`` whatever its slant — a long italic title
        or phrase can make a line of a paragraph mostly italic."""
        prev = self.lines[block.lines[-1]]
        return not (_ended(prev.line.text) or self.short(prev) or self.fits(block, cur))

    def measure(self, block: _State) -> float:
        """The right edge of the block's lines: its column's, or for an indented or italic
        block (a quote, often set ragged inside a justified column) the widest line so far;
        a list item is indented by its marker but runs to the column's edge."""
        prev = self.lines[block.lines[-1]]
        if block.item:
            return self.column(prev).right
        if self.indent(prev) > QUOTE_EMS * prev.size or any(
                self.lines[i].line.italic for i in block.lines):
            return max(self.lines[i].x1 for i in block.lines)
        return self.column(prev).right

    def paragraph_indented(self, pl: PLine) -> bool:
        """Whether the line is indented by the document's first-line paragraph indent."""
        return self.para_indent is not None and \
            abs(self.indent(pl) - self.para_indent) < 0.3 * pl.size

    def short(self, pl: PLine) -> bool:
        return pl.x1 < self.column(pl).right - SHORT_EMS * pl.size

    def indent(self, pl: PLine) -> float:
        """The line's indent from its column's flush-left edge."""
        return pl.x0 - self.column(pl).left

    def breaks(self, block: _State, cur: PLine, item_start: bool) -> bool:
        """Whether ``cur`` starts a new block after ``block`` (may turn an item into prose)."""
        prev = self.lines[block.lines[-1]]
        first = self.lines[block.lines[0]]
        em = cur.size
        if item_start:
            return True
        if abs(cur.size - prev.size) > 0.6 or cur.line.bold != prev.line.bold:
            return True
        col = self.column(cur)
        same_flow = cur.key == prev.key
        if cur.line.italic != prev.line.italic and not (
                same_flow and self.mid_sentence(block, cur)):
            return True  # a switch to or from italic (a quote), unless a sentence runs on
        if same_flow and cur.line.gap_above is not None and \
                cur.line.gap_above > self.gap + max(GAP_EMS * em, 1.5):
            return True
        indent = self.indent(cur)
        closed = _ended(prev.line.text, " ".join(self.lines[i].line.text
                                                  for i in block.lines[-4:-1]))
        short = prev.x1 < self.measure(block) - SHORT_EMS * prev.size
        ended = self.fits(block, cur) or (closed and short and (col.justified or not same_flow))
        if block.item:
            hang = (first.hang if first.hang is not None else first.x0) - self.column(first).left
            if abs(indent - hang) <= HANG_EMS * em:
                return ended
            if (len(block.lines) == 1 and abs(indent) <= 0.5 * em and not self.short(prev)
                    and INDENT_EMS * em <= self.indent(first) <= 2.5 * em):
                block.item = False  # "* text" with a first-line indent: prose, not a list
                return False
            return True
        if len(block.lines) >= 2:
            body = self.indent(self.lines[block.lines[1]])
            return abs(indent - body) > 0.5 * em or ended
        before = self.indent(prev)
        if indent > INDENT_EMS * em and indent > before + INDENT_EMS * em:
            return True  # a first-line indent: a new paragraph
        if before > QUOTE_EMS * em and indent < 0.5 * em and \
                prev.x1 < self.column(prev).right - QUOTE_EMS * em and \
                not self.paragraph_indented(prev):
            return True  # out of a one-line quote
        return ended


def segment(lines: Sequence[PLine]) -> tuple[Segmenter, list[_State]]:
    """Group body lines (reading order) into blocks."""
    seg = Segmenter(lines)
    blocks: list[_State] = []
    prev: PLine | None = None
    for i, pl in enumerate(lines):
        in_item = bool(blocks) and blocks[-1].item
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        item_start = seg.is_item_start(prev, pl, nxt, in_item)
        if not blocks or seg.breaks(blocks[-1], pl, item_start):
            blocks.append(_State([i], item_start))
        else:
            blocks[-1].lines.append(i)
        prev = pl
    return seg, blocks


def _provenance(lines: Sequence[PLine]) -> Provenance:
    page = lines[0].line.page
    same = [pl for pl in lines if pl.line.page == page]
    box = (min(pl.x0 for pl in same), min(pl.bbox[1] for pl in same),
           max(pl.x1 for pl in same), max(pl.bbox[3] for pl in same))
    return Provenance(page=page, bbox=box)


def _kind(seg: Segmenter, state: _State, group: Sequence[PLine], text: str,
          heading_sizes: Sequence[float]) -> tuple[BlockType, int | None]:
    first = group[0]
    size = first.size
    if state.item:
        if len(group) == 1 and first.line.bold and len(text) < 100 and \
                not text.endswith((".", ",", ";")):
            return BlockType.HEADING, min(2 + len(heading_sizes), 6)  # "2. Take inventory"
        return BlockType.LIST_ITEM, None
    if size > seg.body_size + 0.6 and len(text) < 300:
        level = 2 + sum(s > size + 0.3 for s in heading_sizes)
        return BlockType.HEADING, min(level, 6)
    if (all(pl.line.bold for pl in group) and len(group) <= 3 and len(text) < 200
            and not text.rstrip().endswith((".", ",", ";"))):
        return BlockType.HEADING, min(2 + len(heading_sizes), 6)
    if all(pl.line.italic for pl in group) and len(text) > 0:
        return BlockType.QUOTE, None
    col = seg.column(first)
    em = size
    if len(group) > 1:
        if all(seg.indent(pl) > QUOTE_EMS * em for pl in group[1:]):
            return BlockType.QUOTE, None
    elif (seg.indent(first) > QUOTE_EMS * em and first.x1 < col.right - QUOTE_EMS * em
          and not seg.paragraph_indented(first)):
        return BlockType.QUOTE, None
    return BlockType.PARAGRAPH, None


def build_blocks(lines: Sequence[PLine], vocabulary: frozenset[str]) -> tuple[Block, ...]:
    """Segment, join and type the body lines of a document."""
    if not lines:
        return ()
    seg, states = segment(lines)
    heading_sizes = sorted({round(pl.size, 1) for pl in lines if pl.size > seg.body_size + 0.6},
                           reverse=True)
    typeset = typesetter_hyphen([pl.line.text for pl in lines])
    groups = [soften([lines[i].line.text for i in state.lines], typeset) for state in states]
    hyphenates = hyphenating([pair for texts in groups for pair in itertools.pairwise(texts)],
                             vocabulary)
    blocks: list[Block] = []
    for state, softened in zip(states, groups, strict=True):
        group = [lines[i] for i in state.lines]
        texts = [pl.line.text for pl in group]
        if typeset is None:
            softened = soften_breaks(softened, vocabulary, hyphenates)
        text = join_lines(softened, vocabulary)
        if not text:
            continue
        kind, level = _kind(seg, state, group, text, heading_sizes)
        text, marker = split_item(text) if kind is BlockType.LIST_ITEM else (text, None)
        raw = "\n".join(texts)
        blocks.append(Block(
            kind, text, raw=raw if raw != text else None, provenance=_provenance(group),
            level=level, ordered=marker.ordered if marker else None,
            marker=marker.marker if marker else None, depth=0 if marker else None,
        ))
    return tuple(blocks)
