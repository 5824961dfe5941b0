"""Tables from the page's ruling lines, with pdfplumber's table finder.

The finder reads the page's drawn edges and cuts their grid into cells; it is pdfplumber's
strength, and costly, so it only runs on pages that draw enough straight rules to make a grid.
A table needs two rows and two columns with text in them; anything less is a box or a rule
around text (a sidebar, a pull quote), which the text reading handles.
"""

from __future__ import annotations

from typing import Any

from newsingest.parsers.pdf.chars import Graphics
from newsingest.reflow.floats import PageTable

__all__ = ["find_tables"]

#: A page must draw at least this many straight rules (lines, rectangles) for a grid.
MIN_RULES = 6


def find_tables(page: Any, graphics: Graphics) -> tuple[PageTable, ...]:
    """The tables on an open pdfplumber page, top to bottom."""
    if graphics.rules < MIN_RULES:
        return ()
    found: list[PageTable] = []
    for table in page.find_tables():
        rows = tuple(tuple((cell or "").strip() for cell in row) for row in table.extract())
        rows = tuple(row for row in rows if any(row))
        columns = max((sum(1 for c in row if c) for row in rows), default=0)
        if len(rows) >= 2 and columns >= 2:
            x0, top, x1, bottom = table.bbox
            found.append(PageTable((float(x0), float(top), float(x1), float(bottom)), rows))
    return tuple(sorted(found, key=lambda t: t.bbox[1]))
