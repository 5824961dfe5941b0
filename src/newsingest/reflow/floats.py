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

__all__ = ["PageTable", "caption_runs", "inside", "is_caption_start"]

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
