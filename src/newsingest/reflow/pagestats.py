"""Page statistics of a laid-out document, computed once: body size, columns, line gap, indent.

Every break rule (``reflow.rules``) reads these instead of measuring for itself, so "the body
size" or "this column's right edge" means the same thing to all of them. A *flow* is one
column of one band of one page, ``(page, band, column)``: lines of one flow are set one under
the other, so their gaps and indents compare.
"""

from __future__ import annotations

import itertools
import statistics
from collections import Counter
from collections.abc import Sequence

import attrs

from newsingest.reflow.lines import Line

__all__ = ["GAP_EMS", "SIZE_STEP", "Column", "PageStats", "body_size_of", "flow", "flush_left",
           "flush_right", "more_white", "right_aligned", "size", "size_changed"]

Flow = tuple[int, int, int]


def flow(line: Line) -> Flow:
    """The flow a line belongs to: (page, band, column)."""
    return (line.page or 0, line.band or 0, line.column or 0)


def size(line: Line) -> float:
    """The line's font size (10 pt when unknown)."""
    return line.font_size or 10.0


def box(line: Line) -> tuple[float, float, float, float]:
    """The line's box as the rules read it: x0 where the line starts, x1 where it ends. A
    right-to-left line, or one of a flow set flush right, is mirrored (x negated), so its
    indent and its short last line read like a left-to-right line's, with the same rules."""
    assert line.bbox is not None
    if line.rtl or line.align == "right":
        x0, top, x1, bottom = line.bbox
        return (-x1, top, -x0, bottom)
    return line.bbox


@attrs.frozen
class Column:
    """A flow's geometry: flush left and right edges, usual gap between lines, justified."""

    left: float
    right: float
    gap: float | None
    justified: bool
    #: how many lines show the geometry (a column of one line shows no measure)
    lines: int = 0


def flush_left(xs: Sequence[float]) -> float:
    """A column's flush-left edge: the leftmost x where several of its lines start.

    Not the most common x: a long block quote can outnumber the plain lines of its column.

    >>> flush_left([67.5] * 8 + [49.5] * 5 + [63.9])
    49.5
    """
    counts: dict[int, int] = {}
    for x in xs:
        counts[round(x)] = counts.get(round(x), 0) + 1
    support = max(2, int(0.15 * len(xs)))
    common = [x for x, n in counts.items() if n >= support]
    key = min(common) if common else max(counts, key=lambda x: (counts[x], -x))
    return min(x for x in xs if round(x) == key)


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


def right_aligned(lines: Sequence[Line]) -> frozenset[Flow]:
    """The flows set flush right and ragged left: most of their lines end at one x, few
    start at one (a page of verse or a story set to the right margin, a caption column
    against a picture on its right).

    >>> ln = lambda x0, k: Line("t", k, page=1, bbox=(x0, 10 * k, 500, 10 * k + 8))
    >>> sorted(right_aligned([ln(x, k) for k, x in enumerate([190, 214, 230, 205, 399])]))
    [(1, 0, 0)]
    >>> right_aligned([ln(72, k) for k in range(5)])
    frozenset()
    """
    groups: dict[Flow, list[Line]] = {}
    for line in lines:
        if line.bbox is not None and not line.rtl:
            groups.setdefault(flow(line), []).append(line)
    out = set()
    for key, group in groups.items():
        if len(group) < 4:
            continue
        lefts = Counter(round(ln.bbox[0]) for ln in group if ln.bbox is not None)
        rights = Counter(round(ln.bbox[2]) for ln in group if ln.bbox is not None)
        right_support = max(sum(n for x, n in rights.items() if abs(x - r) <= 1) for r in rights)
        left_support = max(sum(n for x, n in lefts.items() if abs(x - r) <= 1) for r in lefts)
        if right_support >= 0.7 * len(group) and left_support <= 0.3 * len(group):
            out.add(key)
    return frozenset(out)


#: Extra white (ems) over the usual line gap that makes a paragraph break (at least 1.5 pt).
GAP_EMS = 0.35
#: A change of font size larger than this (points) sets a line apart.
SIZE_STEP = 0.6


def more_white(white: float, usual: float, em: float) -> bool:
    """Whether ``white`` above a line is taller than the ``usual`` gap between two lines of a
    paragraph by a third of an em (1.5 pt at least): the one test of a paragraph's white, for
    lines with page statistics and without.

    >>> more_white(7.0, 3.0, 10.0), more_white(5.0, 3.0, 10.0)
    (True, False)
    """
    return white > usual + max(GAP_EMS * em, 1.5)


def size_changed(a: Line, b: Line) -> bool:
    """Whether two lines are set in font sizes more than ``SIZE_STEP`` apart (both known)."""
    return a.font_size is not None and b.font_size is not None and \
        abs(a.font_size - b.font_size) > SIZE_STEP


def body_size_of(lines: Sequence[Line]) -> float:
    """The font size most characters of the body are set in."""
    weights: Counter[float] = Counter()
    for line in lines:
        weights[round(size(line), 1)] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 10.0


def _columns(lines: Sequence[Line], body_size: float) -> dict[Flow, Column]:
    """Geometry of every flow, from its body-size lines where it has them."""
    groups: dict[Flow, list[Line]] = {}
    for line in lines:
        groups.setdefault(flow(line), []).append(line)
    out: dict[Flow, Column] = {}
    bodies: dict[Flow, list[Line]] = {}
    for key, group in groups.items():
        body = bodies[key] = [ln for ln in group if abs(size(ln) - body_size) <= 0.6] or group
        left = flush_left([box(ln)[0] for ln in body])
        right = flush_right([box(ln)[2] for ln in body])
        gaps = [g for ln in body[1:] if (g := ln.gap_above) is not None and g < 1.5 * size(ln)]
        gap = statistics.median(gaps) if gaps else None
        flush = sum(abs(box(ln)[2] - right) < 1.0 for ln in body)
        out[key] = Column(left, right, gap, len(body) >= 4 and flush >= 0.35 * len(body),
                          len(body))
    sizes = {key: len(group) for key, group in groups.items()}
    for key, col in list(out.items()):
        # a short column (a last page of list items) may show its edge on one line only: a
        # larger column's edge that one of its body lines starts at is its edge too (a
        # heading set out in the margin, as reports do, is not the body's edge)
        edges = [c.left for k, c in out.items() if sizes[k] >= 2 * sizes[key]
                 and c.left < col.left - 0.5 and any(abs(box(ln)[0] - c.left) <= 1.0
                                                     for ln in bodies[key])]
        if edges:
            out[key] = col = attrs.evolve(col, left=min(edges))
    for key, col in out.items():
        if sizes[key] < 4:  # too few lines to know the measure: borrow a like column's
            like = [c.right for k, c in out.items() if sizes[k] >= 4 and abs(c.left - col.left) < 3]
            if like:
                out[key] = attrs.evolve(col, right=max(col.right, *like))
    return out


def _line_gap(lines: Sequence[Line], body_size: float) -> float:
    """The usual white between two lines of a paragraph, for the whole document.

    A low percentile, not the median: with many two-line paragraphs, half the gaps a column
    shows are paragraph gaps.
    """
    gaps = sorted(g for ln in lines if (g := ln.gap_above) is not None
                  and abs(size(ln) - body_size) <= 0.6 and 0.0 <= g < 1.5 * body_size)
    if not gaps:
        return 0.3 * body_size
    return gaps[int(0.15 * len(gaps))]


def _flow_gaps(lines: Sequence[Line]) -> dict[Flow, float]:
    """Each flow's own usual line gap (as ``_line_gap``, over its lines), where it has eight
    gaps to show it: a sidebar or a footnote block is set with its own leading. Lines that
    overlap the one above (a superscript's row) show no gap."""
    groups: dict[Flow, list[float]] = {}
    for line in lines:
        white = line.gap_above
        if white is not None and 0.0 <= white < 1.5 * size(line):
            groups.setdefault(flow(line), []).append(white)
    return {key: sorted(gaps)[int(0.15 * len(gaps))] for key, gaps in groups.items()
            if len(gaps) >= 8}


def _paragraph_indent(lines: Sequence[Line], columns: dict[Flow, Column]) -> float | None:
    """The document's first-line indent, if its paragraphs have one: the usual indent of an
    indented line followed by a flush-left line of the same column (seen at least twice)."""
    counts: Counter[int] = Counter()
    for a, b in itertools.pairwise(lines):
        if flow(a) != flow(b):
            continue
        left = columns[flow(a)].left
        ia, ib = box(a)[0] - left, box(b)[0] - left
        if 0.5 * size(a) < ia < 4 * size(a) and abs(ib) < 0.5:
            counts[round(ia)] += 1
    if not counts:
        return None
    value, n = counts.most_common(1)[0]
    return float(value) if n >= 2 else None


#: Share of a flow's line breaks after which the next word would have fitted, above which its
#: lines were broken by hand (a plain text set as it was typed), not by a typesetter.
HAND_WRAPPED = 0.4


def _hand_wrapped(lines: Sequence[Line], columns: dict[Flow, Column],
                  gaps: dict[Flow, float]) -> frozenset[Flow]:
    """Flows where the next line's first word would have fitted on the line above at most
    line breaks (those without white between): a typesetter filling lines leaves room only at
    a paragraph's end, so these lines were broken by whoever typed them, and "it would have
    fitted" says nothing there.

    Measured on the dev and typesetter corpora, a typeset flow has under a quarter of such
    breaks; a story typed with hard line breaks and set flush right has nine in ten. When the
    document as a whole shows it, every flow was (a page of it may happen to look filled).
    """
    fitted: Counter[Flow] = Counter()
    breaks: Counter[Flow] = Counter()
    for a, b in itertools.pairwise(lines):
        key = flow(a)
        white = b.gap_above
        if key != flow(b) or white is None or white > gaps[key] + 0.35 * size(b) or \
                b.lead is None:
            continue
        breaks[key] += 1
        room = columns[key].right - box(a)[2]
        fitted[key] += b.lead + 0.3 * size(a) < room - 1.0
    if sum(fitted.values()) > HAND_WRAPPED * sum(breaks.values()) >= 6 * HAND_WRAPPED:
        return frozenset(columns)  # the whole document was typed with its line breaks
    return frozenset(key for key, n in breaks.items() if n >= 6 and fitted[key] > HAND_WRAPPED * n)


@attrs.frozen
class PageStats:
    """The statistics of one document's body lines that the break rules share."""

    body_size: float
    columns: dict[Flow, Column]
    #: the usual white between two lines of a paragraph
    gap: float
    #: the first-line paragraph indent, when the document has one
    para_indent: float | None

    #: flows whose lines were broken by hand, not by filling the measure
    hand_wrapped: frozenset[Flow] = frozenset()
    #: each flow's own usual line gap, where it shows one
    flow_gaps: dict[Flow, float] = attrs.field(factory=dict)

    @classmethod
    def of(cls, lines: Sequence[Line]) -> PageStats:
        body = body_size_of(lines)
        columns = _columns(lines, body)
        gap = _line_gap(lines, body)
        flow_gaps = _flow_gaps(lines)
        usual = {key: max(flow_gaps.get(key, gap), gap) for key in columns}
        return cls(body, columns, gap, _paragraph_indent(lines, columns),
                   _hand_wrapped(lines, columns, usual), flow_gaps)

    def line_gap(self, line: Line) -> float:
        """The usual white between two lines of the line's flow: its own if it shows one,
        the document's if not, whichever is larger (a tight flow does not make every
        ordinary gap elsewhere look like a paragraph break)."""
        return max(self.flow_gaps.get(flow(line), self.gap), self.gap)

    def column(self, line: Line) -> Column:
        return self.columns[flow(line)]

    def indent(self, line: Line) -> float:
        """The line's indent from its column's flush-left edge."""
        return box(line)[0] - self.column(line).left

    def short(self, line: Line, ems: float) -> bool:
        """Whether the line stops ``ems`` short of its column's right edge or more."""
        return box(line)[2] < self.column(line).right - ems * size(line)

    def paragraph_indented(self, line: Line) -> bool:
        """Whether the line is indented by the document's first-line paragraph indent."""
        return self.para_indent is not None and \
            abs(self.indent(line) - self.para_indent) < 0.3 * size(line)
