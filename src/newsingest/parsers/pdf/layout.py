"""Columns and reading order from the whitespace on the page.

A column gutter is a vertical strip of white that runs through many consecutive rows with a
good amount of text on both sides. Rows crossed by text (a headline over both columns, a
running head) end a gutter's run, so a page splits into horizontal *bands*: single-column bands
read row by row, multi-column bands read column by column. This is an XY-cut that never cuts a
column band horizontally, which is what keeps "column 1, then column 2" in order when both
columns happen to have a paragraph gap at the same height.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import attrs

from newsingest.parsers.pdf.chars import Row, TextLine, Word
from newsingest.reflow.pagestats import flush_left

__all__ = ["Gutter", "evidence", "find_gutters", "reading_order"]

Segment = tuple[Word, ...]

#: A gutter must run through at least this many consecutive rows.
MIN_GUTTER_ROWS = 4
#: A shorter gutter must be hard white on every row (a river of loose spaces is not).
SURE_GUTTER_ROWS = 8
#: ... be at least this wide, in ems of the body text ...
MIN_GUTTER_EMS = 0.8
#: ... and have at least this many rows with this much text (ems) on each side.
MIN_SIDE_ROWS = 2
MIN_SIDE_EMS = 5.0


@attrs.frozen
class Gutter:
    """A vertical white strip from row ``first`` to row ``last`` (inclusive); ``hard`` counts
    the rows where its white is surely a separation (no drawn space bridges it)."""

    x0: float
    x1: float
    first: int
    last: int
    hard: int = 0

    @property
    def rows(self) -> int:
        return self.last - self.first + 1

    @property
    def middle(self) -> float:
        return (self.x0 + self.x1) / 2


def _em(rows: Sequence[Row]) -> float:
    weights: dict[float, int] = {}
    for row in rows:
        for seg in row.segments:
            for w in seg:
                key = round(w.size, 1)
                weights[key] = weights.get(key, 0) + len(w.text)
    return max(weights, key=lambda k: weights[k]) if weights else 10.0


def _free(row: Row, left: float, right: float, width: float
          ) -> list[tuple[float, float, bool, bool]]:
    """The row's white intervals at least ``width`` wide, with their hardness and whether
    text bounds them on both sides (*interior*) rather than a page side."""
    segs = row.segments
    out = [(left, segs[0][0].x0, True, False)]
    out.extend((segs[i][-1].x1, segs[i + 1][0].x0, row.hard[i], True)
               for i in range(len(segs) - 1))
    out.append((segs[-1][-1].x1, right, True, False))
    return [item for item in out if item[1] - item[0] >= width]


def _candidates(rows: Sequence[Row], width: float) -> list[Gutter]:
    left = min(row.segments[0][0].x0 for row in rows)
    right = max(row.segments[-1][-1].x1 for row in rows)
    active: dict[tuple[float, float], tuple[int, int]] = {}
    found: list[Gutter] = []
    for index, row in enumerate([*rows, None]):
        free = _free(row, left, right, width) if row is not None else []
        grown: dict[tuple[float, float], tuple[int, int]] = {}
        for (a0, a1), (start, hard) in active.items():
            alive = False
            for f0, f1, f_hard, interior in free:
                lo, hi = max(a0, f0), min(a1, f1)
                # text inside the strip halving it ends it (a page number or caption under a
                # gutter); a row with text on one side only narrows it freely, which is how
                # columns whose baselines are out of step leave their gutter
                if hi - lo >= (max(width, 0.5 * (a1 - a0)) if interior else width):
                    alive = True
                    old = grown.get((lo, hi))
                    value = (start, hard + f_hard)
                    grown[(lo, hi)] = value if old is None or value < old else old
            if not alive and index - start >= MIN_GUTTER_ROWS:
                found.append(Gutter(a0, a1, start, index - 1, hard))
        for f0, f1, f_hard, _ in free:
            grown.setdefault((f0, f1), (index, int(f_hard)))
        active = grown
    return [g for g in found if left < g.x0 and g.x1 < right]


def _sides(rows: Sequence[Row], gutter: Gutter, em: float, chosen: Sequence[Gutter]) -> bool:
    """Enough text on both sides, counting only text up to the next chosen gutter: the white
    between a list's bullets and its text, beside a real gutter, has bullets on one side."""
    minimum = MIN_SIDE_EMS * em
    lefts = rights = 0
    top_right = False
    sides: list[str] = []  # per row with text: "l", "r" or "b" (both sides)
    for n in range(gutter.first, gutter.last + 1):
        near = [c for c in chosen if c.first <= n <= c.last]
        lo = max((c.x1 for c in near if c.x1 <= gutter.x0), default=-1e9)
        hi = min((c.x0 for c in near if c.x0 >= gutter.x1), default=1e9)
        segs = rows[n].segments
        # a side's text is all its segments between the gutters (a loose justified line
        # comes in pieces)
        left = [s for s in segs if lo <= s[0].x0 and s[-1].x1 <= gutter.x0]
        lefts += bool(left) and left[-1][-1].x1 - left[0][0].x0 >= minimum
        side = [s for s in segs if s[0].x0 >= gutter.x1 and s[-1].x1 <= hi]
        right = bool(side) and side[-1][-1].x1 - side[0][0].x0 >= minimum
        rights += right
        top_right = top_right or (right and n == gutter.first)
        if left or side:
            sides.append("b" if left and side else "l" if left else "r")
    if _stacked(sides):
        return False
    # a column's last line carried over to the top of the next column, beside a long gutter
    # of hard white: one line on the right is enough
    spill = top_right and gutter.rows >= SURE_GUTTER_ROWS and gutter.hard >= gutter.rows
    return lefts >= MIN_SIDE_ROWS and (rights >= MIN_SIDE_ROWS or spill)


#: Texts either side of a strip that share at most this share of its rows ...
STACKED_SHARED = 0.1
#: ... and whose shorter side comes in runs of this many rows on average stand one above the
#: other.
STACKED_RUN = 2.5


def _stacked(sides: Sequence[str]) -> bool:
    """Whether the texts either side of a strip stand one above the other rather than side by
    side: (almost) no row has both, and the side with fewer rows has them in runs — a
    letter's date block at the right margin above its address block, a court caption's
    judges, parties and roles. Two columns share rows or, their baselines out of step, take
    turns row by row (a short column's few lines beside the other's too)."""
    if not sides or sides.count("b") > STACKED_SHARED * len(sides):
        return False
    single = [side for side in sides if side != "b"]
    if "l" not in single or "r" not in single:
        return False
    fewer = min("lr", key=single.count)
    runs = [len(list(group)) for side, group in itertools.groupby(single) if side == fewer]
    return sum(runs) / len(runs) >= STACKED_RUN


def _firm_rows(rows: Sequence[Row], gutter: Gutter) -> int:
    """The rows where the strip's white surely separates two texts: hard white, a page side,
    or — in a long strip — soft white with text starting right at its right edge. Columns set
    close together leave only soft white between them (the left column's lines end in a drawn
    space), but a river of loose justified spaces never has text starting at one x row after
    row, which is what a column's flush-left edge is."""
    firm = 0
    for n in range(gutter.first, gutter.last + 1):
        row = rows[n]
        segs = row.segments
        left = [i for i, seg in enumerate(segs) if seg[-1].x1 <= gutter.x0 + 0.5]
        if not left or left[-1] + 1 >= len(segs):
            firm += 1  # text on one side only: the white runs to the page side
            continue
        i = left[-1]
        flush = abs(segs[i + 1][0].x0 - gutter.x1) <= 1.0
        firm += row.hard[i] or (flush and gutter.rows >= SURE_GUTTER_ROWS)
    return firm


def find_gutters(rows: Sequence[Row]) -> list[Gutter]:
    """Column gutters of a page, longest first, never two over the same rows and place.

    Most of a gutter's rows (all of a short one's) must be firm white (``_firm_rows``): a river
    of loose justified spaces, bridged by drawn spaces, is not a gutter.
    """
    if len(rows) < MIN_GUTTER_ROWS:
        return []
    em = _em(rows)
    chosen: list[Gutter] = []
    for g in sorted(_candidates(rows, MIN_GUTTER_EMS * em), key=lambda g: (-g.rows, g.x0)):
        needed = g.rows if g.rows < SURE_GUTTER_ROWS else 0.75 * g.rows
        if _firm_rows(rows, g) < needed or not _sides(rows, g, em, chosen):
            continue
        if any(g.first <= c.last and c.first <= g.last and g.x0 < c.x1 and c.x0 < g.x1
               for c in chosen):
            continue
        chosen.append(g)
    return _joined(chosen, MIN_GUTTER_EMS * em)


def _joined(gutters: list[Gutter], width: float) -> list[Gutter]:
    """One gutter of two that meet end to end and overlap sideways: a column whose left
    edge moves (an indented abstract over the first section) narrows its gutter without
    ending it, and the page must stay one band, read column by column."""
    out: list[Gutter] = []
    for g in sorted(gutters, key=lambda g: (g.first, g.x0)):
        for k, c in enumerate(out):
            lo, hi = max(c.x0, g.x0), min(c.x1, g.x1)
            if g.first <= c.last + 1 and c.first <= g.last + 1 and hi - lo >= width:
                out[k] = Gutter(lo, hi, min(c.first, g.first), max(c.last, g.last),
                                c.hard + g.hard)
                break
        else:
            out.append(g)
    return sorted(out, key=lambda g: (-g.rows, g.x0))


def _crosses(row: Row, gutters: Sequence[Gutter]) -> bool:
    return any(seg[0].x0 < g.x1 and seg[-1].x1 > g.x0 for seg in row.segments for g in gutters)


def _bands(rows: Sequence[Row], gutters: Sequence[Gutter]) -> list[tuple[int, int, list[Gutter]]]:
    """Merge gutters whose rows overlap into bands (first row, last row, gutters), then grow
    each band over neighbouring rows that no text crosses the gutters in (a column's lone
    first or last line, set apart from the other column's lines)."""
    bands: list[tuple[int, int, list[Gutter]]] = []
    for g in sorted(gutters, key=lambda g: g.first):
        if bands and g.first <= bands[-1][1]:
            first, last, gs = bands[-1]
            bands[-1] = (first, max(last, g.last), [*gs, g])
        else:
            bands.append((g.first, g.last, [g]))
    for n, (first, last, gs) in enumerate(bands):
        floor = bands[n - 1][1] + 1 if n else 0
        ceiling = bands[n + 1][0] - 1 if n + 1 < len(bands) else len(rows) - 1
        while first > floor and not _crosses(rows[first - 1], gs):
            first -= 1
        while last < ceiling and not _crosses(rows[last + 1], gs):
            last += 1
        bands[n] = (first, last, gs)
    return bands


def _merged(row: Row, gutters: Sequence[Gutter]) -> list[Segment]:
    """The row's segments with soft white joined again, unless a gutter runs through it.

    Inside a column band, even hard white between two pieces of one column joins them: a
    narrow justified column stretches a two-word line wider than any word space.
    """
    out = [row.segments[0]]
    for seg, hard in zip(row.segments[1:], row.hard, strict=True):
        gap0, gap1 = out[-1][-1].x1, seg[0].x0
        if (hard and not gutters) or any(gap0 < g.x1 and g.x0 < gap1 for g in gutters):
            out.append(seg)
        else:
            out[-1] = out[-1] + seg
    return out


def _right_to_left(columns: Sequence[Sequence[TextLine]]) -> bool:
    """Whether a band's columns read from the right: most of its text reads right to left."""
    lines = [line for column in columns for line in column]
    rtl = sum(len(line.text) for line in lines if line.rtl)
    return len(columns) > 1 and rtl * 2 > sum(len(line.text) for line in lines)


def reading_order(rows: Sequence[Row], page: int) -> list[TextLine]:
    """The page's line segments as TextLines in reading order, with column and band set (a
    band of right-to-left text is read from its right column)."""
    bands = _bands(rows, find_gutters(rows))
    lines: list[TextLine] = []
    index = 0
    band_no = 0
    for first, last, gutters in [*bands, (len(rows), len(rows), [])]:
        for row in rows[index:first]:
            lines.extend(TextLine(seg, page, 0, band_no) for seg in _merged(row, ()))
        if first >= len(rows):
            break
        band_no += 1
        xs = sorted(g.middle for g in gutters)
        columns: list[list[TextLine]] = [[] for _ in range(len(xs) + 1)]
        for row in rows[first : last + 1]:
            for seg in _merged(row, gutters):
                middle = (seg[0].x0 + seg[-1].x1) / 2
                column = sum(middle > x for x in xs)
                columns[column].append(TextLine(seg, page, column, band_no))
        for column_lines in (reversed(columns) if _right_to_left(columns) else columns):
            lines.extend(column_lines)
        band_no += 1
        index = last + 1
    return lines


def _core(line: TextLine) -> tuple[float, float]:
    """Top and bottom of the line's text, by the median word: an emoji drawn higher than the
    letters, or a superscript, does not make the white above the line look smaller."""
    tops = sorted(w.top for w in line.words)
    bottoms = sorted(w.bottom for w in line.words)
    return tops[len(tops) // 2], bottoms[len(bottoms) // 2]


def evidence(lines: Sequence[TextLine]) -> list[tuple[float, float | None]]:
    """``(indent, gap_above)`` of each line of a page (reading order).

    The indent is measured from the column's flush-left edge (the most common left x of its
    lines); the gap is the white between this line and the one above it in the same column,
    ``None`` for a column's first line, where there is nothing to measure.
    """
    lefts: dict[tuple[int, int], list[float]] = {}
    for line in lines:
        lefts.setdefault((line.band, line.column), []).append(line.x0)
    edge = {k: flush_left(xs) for k, xs in lefts.items()}
    out: list[tuple[float, float | None]] = []
    previous: dict[tuple[int, int], float] = {}
    for line in lines:
        where = (line.band, line.column)
        top, bottom = _core(line)
        gap = top - previous[where] if where in previous else None
        previous[where] = bottom
        out.append((line.x0 - edge[where], gap))
    return out
