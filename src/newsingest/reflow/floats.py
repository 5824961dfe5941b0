"""Floats: tables, captions and figure labels, which sit in the text but do not interrupt it.

A typesetter places a figure, its caption or a table where there is room, often in the middle
of a paragraph that runs on around it, at the bottom of a column whose paragraph continues in
the next. Read in page order, such a float would cut the paragraph in two. So floats are
taken out of the running text first: the running text is segmented without them, and each
float is put back after the block that was open where it stood.

- A *table* is a grid the parser's table finder found (its rows, its box): the lines inside
  its box are its cells, never a paragraph's.
- A *figure label* is text drawn on an image (a diagram's callouts): furniture, not body.
- A *caption* is a block that starts like one ("Figure 7-26.", "Table 2:", "Fig. 3") —
  wrapped lines of the same size in the same flow go with it.
- A *side run* is a line (or a few) standing beside the running text of its flow, level with
  it: the lines read before and after it stack one over the other, it overlaps neither
  sideways (an infobox's title beside a paragraph's first lines).
- A *footnote zone* is the foot of a column set smaller than the body under body text
  (``reflow.pages``): its blocks are put back after the paragraph that runs on past it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from newsingest.reflow.layout import ends_sentence
from newsingest.reflow.lines import Line
from newsingest.reflow.pagestats import flow

__all__ = ["PageTable", "caption_runs", "inside", "is_caption_start", "side_runs"]

#: At most this many consecutive lines make a side run; more are a column of their own.
_SIDE_MAX = 3
#: A side run stands at least this many ems of white away from the text beside it.
_SIDE_EMS = 3.0

Box = tuple[float, float, float, float]

_CAPTION = re.compile(
    r"^(?i:figure|fig\.|table|tab\.|chart|exhibit|plate|map|photo|image|illustration|graph"
    r"|diagram|abbildung|abb\.|tabelle|tableau|tabla|figura)\s*"
    r"(?:\d+|[IVX]+)(?:[.\-–]\d+)*[a-z]?(?:[.:\-–—)](?!\d)\s*\S|\s+[A-Z(])")


@attrs.frozen
class PageTable:
    """A table the parser's table finder found: its box and its rows of cell texts."""

    bbox: Box
    rows: tuple[tuple[str, ...], ...]


def inside(line: Line, area: Box, share: float = 0.6) -> bool:
    """Whether most of the line's box (``share`` of its area) lies inside ``area``."""
    if line.bbox is None:
        return False
    x0, top, x1, bottom = line.bbox
    w = max(0.0, min(x1, area[2]) - max(x0, area[0]))
    h = max(0.0, min(bottom, area[3]) - max(top, area[1]))
    own = max((x1 - x0) * (bottom - top), 1e-6)
    return w * h >= share * own


def _width(line: Line) -> float:
    return line.bbox[2] - line.bbox[0] if line.bbox is not None else 0.0


def is_caption_start(text: str) -> bool:
    """Whether a line starts like a caption: a figure or table label with its number.

    >>> is_caption_start("Figure 7-26. Self-locking nuts."), is_caption_start("Table 2: Votes")
    (True, True)
    >>> is_caption_start("Figures show a rise."), is_caption_start("Table salt is cheap.")
    (False, False)
    >>> is_caption_start("Exhibit 10.17"), is_caption_start("Figure 3 shows the rise")
    (False, False)
    """
    return _CAPTION.match(" ".join(text.split())) is not None


def caption_runs(lines: Sequence[Line], body_size: float) -> list[list[int]]:
    """The caption runs among body lines (indexes into ``lines``): a caption start and the
    lines that wrap it — same flow, same size, no more white above than a line gap — until
    a line that ends well short of the one above (the caption's last line).

    A caption set in the body's size and style that runs for more than six lines is text that
    happens to start with "Table 3", not a caption.
    """
    runs: list[list[int]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not is_caption_start(line.text):
            i += 1
            continue
        run = [i]
        size = line.font_size or body_size
        j = i + 1
        while j < len(lines) and len(run) < 8:
            nxt, last = lines[j], lines[run[-1]]
            gap = nxt.gap_above
            if (flow(nxt) != flow(last) or abs((nxt.font_size or body_size) - size) > 0.3
                    or gap is None or gap > 0.8 * size or is_caption_start(nxt.text)
                    or (ends_sentence(last.text) and _width(nxt) > 1.1 * _width(last))):
                break
            run.append(j)
            j += 1
        plain = abs(size - body_size) <= 0.3 and not line.italic and not line.bold
        if not (plain and len(run) > 6):
            runs.append(run)
        i = j
    return runs


def _overlap(a: Line, b: Line) -> float:
    """Horizontal overlap of two lines as a share of the narrower one."""
    if a.bbox is None or b.bbox is None:
        return 0.0
    w = min(a.bbox[2], b.bbox[2]) - max(a.bbox[0], b.bbox[0])
    return max(0.0, w) / max(min(_width(a), _width(b)), 1e-6)


def side_runs(lines: Sequence[Line]) -> list[list[int]]:
    """Runs of lines (indexes into ``lines``) standing beside the running text: on one page
    and in one flow with the lines before and after the run, which overlap each other
    sideways (they are one column of text) while no line of the run overlaps either, and
    level with them (its top between the one's top and the other's bottom). Read in order,
    such a run would cut the paragraph it stands beside in two."""
    runs: list[list[int]] = []
    i = 1
    while i < len(lines) - 1:
        before = lines[i - 1]
        j = i
        while j < len(lines) - 1 and j - i < _SIDE_MAX and _overlap(lines[j], before) == 0.0:
            j += 1
        after = lines[j] if j < len(lines) else None
        run = lines[i:j]
        if (run and after is not None and j > i
                and len({ln.page for ln in (before, *run, after)}) == 1
                and len({flow(ln) for ln in (before, *run, after)}) == 1
                and _overlap(before, after) >= 0.5
                and all(_overlap(ln, after) == 0.0 for ln in run)
                and all(_apart(ln, nb) for ln in run for nb in (before, after))
                and all(_level(ln, before, after) for ln in run)):
            runs.append(list(range(i, j)))
            i = j + 1
            continue
        i += 1
    return runs


def _apart(line: Line, other: Line) -> bool:
    """Whether white of ``_SIDE_EMS`` of the other line's size stands between the two
    sideways (pieces of one row, such as an author list broken at superscripts, are closer)."""
    if line.bbox is None or other.bbox is None:
        return False
    white = max(line.bbox[0] - other.bbox[2], other.bbox[0] - line.bbox[2])
    return white >= _SIDE_EMS * (other.font_size or 10.0)


def _level(line: Line, before: Line, after: Line) -> bool:
    if line.bbox is None or before.bbox is None or after.bbox is None:
        return False
    return before.bbox[1] <= line.bbox[1] <= after.bbox[3]
