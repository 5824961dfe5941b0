"""Page breaks of a dump that printed none, found from the running head that starts each page.

pypdf's and pdfplumber's text calls return a page's text each, and their users join the pages
with a newline: the form feed that pdftotext, PyMuPDF and pdfminer print is lost, and with it
the engine's evidence for running heads and folios (lines repeated at page edges), so the
second page's head ends up inside a paragraph. The page's own head is the evidence instead:
the dump's first line (a masthead, a running head, a folio) comes back where each later page
starts, with another of its first lines or a folio beside it, at least ``MIN_PAGE`` lines after
the last page's top. A line that merely repeats (a headline quoted in the body, a text that
repeats itself) is no page start.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

from newsingest.model import FurnitureKind
from newsingest.reflow.furniture import furniture_kind

if TYPE_CHECKING:
    from newsingest.reflow.dumps import DumpLine

__all__ = ["infer_pages"]

#: The content lines at the top of a dump where a page's head stands ...
HEAD = 3
#: ... and the fewest content lines a page holds.
MIN_PAGE = 10
#: A running head or folio is a short line.
_MAX_HEAD = 60


def _key(text: str) -> str:
    folded = " ".join(text.split())
    return re.sub(r"\d+", "#", folded).casefold() if len(folded) <= _MAX_HEAD else ""


def infer_pages(lines: list[DumpLine]) -> list[DumpLine]:
    """The lines with ``new_page`` set where a later page's head starts, in a dump without
    form feeds.

    >>> from newsingest.reflow.dumps import DumpLine
    >>> body = [f"line {n} of the body of the page" for n in range(10)]
    >>> rows = ["THE GAZETTE", "May 4, 2026", "1", *body, "THE GAZETTE", "May 4, 2026", "2",
    ...         "and ends on the second page.", "THE GAZETTE"]
    >>> [k for k, d in enumerate(infer_pages([DumpLine(t, k) for k, t in enumerate(rows)]))
    ...  if d.new_page]
    [13]
    """
    if any(line.new_page for line in lines):
        return lines
    content = [k for k, line in enumerate(lines) if line.text.strip()]
    if len(content) < 2 * HEAD:
        return lines
    keys = [_key(lines[k].text) for k in content]
    head = {key for key in keys[:HEAD] if key}

    def furniture(i: int) -> bool:
        return 0 <= i < len(content) and (
            keys[i] in head or furniture_kind(lines[content[i]].text)
            is FurnitureKind.PAGE_NUMBER)

    starts: list[int] = []
    page = 0  # where the last page found starts, in content lines
    for i in range(MIN_PAGE, len(content)):
        # the dump's first line comes back at a page's top, beside another head line or a
        # folio, a page's length after the last page's top
        if keys[i] == keys[0] and keys[i] and i - page >= MIN_PAGE and (
                (furniture(i - 1) and keys[i - 1] != keys[i]) or
                (furniture(i + 1) and keys[i + 1] != keys[i])):
            starts.append(content[i])
            page = i
    if not starts:
        return lines
    first = set(starts)
    return [attrs.evolve(line, new_page=True) if k in first else line
            for k, line in enumerate(lines)]
