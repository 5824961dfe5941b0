"""Tables from the page's ruling lines, with pdfplumber's table finder.

The finder reads the page's drawn edges and cuts their grid into cells; it is pdfplumber's
strength, and costly, so it only runs on pages that draw enough straight rules to make a grid.
A table needs two rows and two columns with text in them; anything less is a box or a rule
around text (a sidebar, a pull quote), which the text reading handles.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsingest.parsers.pdf.bidi import is_rtl, logical
from newsingest.parsers.pdf.chars import Glyph, Graphics, rows_of, words_of
from newsingest.reflow.floats import PageTable

__all__ = ["find_tables"]

#: A page must draw at least this many straight rules (lines, rectangles) for a grid.
MIN_RULES = 6

Box = tuple[float, float, float, float]


def _cell_text(glyphs: Sequence[Glyph], cell: Box | None) -> str:
    """A cell's text read as the page's lines are: its glyphs row by row, words spaced by the
    line's own spacing, each right-to-left row in logical order on its own (a cell of two
    Persian lines reads its first line first) with its ligatures' letters in order."""
    if cell is None:
        return ""
    x0, top, x1, bottom = cell
    inside = [g for g in glyphs if x0 <= (g.x0 + g.x1) / 2 <= x1
              and top <= (g.top + g.bottom) / 2 <= bottom]
    lines = []
    for row in rows_of(inside):
        text = " ".join(w.text for w in words_of(row))
        lines.append(logical(text) if is_rtl(text) else text)
    return "\n".join(line for line in lines if line)


def _reading_order(rows: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
    """A right-to-left table (more right-to-left letters than left-to-right ones; figures
    have no direction) is read from its right column."""
    if is_rtl(" ".join(c for row in rows for c in row)):
        return tuple(tuple(reversed(row)) for row in rows)
    return rows


def find_tables(page: Any, graphics: Graphics, glyphs: Sequence[Glyph] = ()
                ) -> tuple[PageTable, ...]:
    """The tables on an open pdfplumber page, top to bottom, their cells read from the page's
    ``glyphs`` (pdfplumber's own cell text when none are given)."""
    if graphics.rules < MIN_RULES:
        return ()
    found: list[PageTable] = []
    for table in page.find_tables():
        if glyphs:
            rows = tuple(tuple(_cell_text(glyphs, cell) for cell in row.cells)
                         for row in table.rows)
            rows = _reading_order(rows)
        else:
            rows = tuple(tuple((cell or "").strip() for cell in row)
                         for row in table.extract())
        rows = tuple(row for row in rows if any(row))
        columns = max((sum(1 for c in row if c) for row in rows), default=0)
        if len(rows) >= 2 and columns >= 2:
            x0, top, x1, bottom = table.bbox
            found.append(PageTable((float(x0), float(top), float(x1), float(bottom)), rows))
    return tuple(sorted(found, key=lambda t: t.bbox[1]))
