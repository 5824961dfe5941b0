"""Page furniture: what is printed on the page but is not the article.

Three kinds of evidence, strongest first:

* **form** — browser print headers and footers, ``Page N``, copyright lines, navigation bars,
  release boilerplate and end marks look the same in every design (the recognisers are shared
  with the text parser in ``newsingest.reflow.furniture``); header/footer/page-number forms
  count only in the page margins, where such lines live;
* **repetition** — a line in the top or bottom margin band whose text, digits aside, recurs on
  another page is a running head or foot; so is one set smaller than the body at the very top
  or bottom of a page (but the first page's top, where a byline may stand);
* **position** — on the first page, whatever sits above the headline (masthead, section
  label, navigation, running head) is not body; text level with a page number on a page's
  last row is the rest of its running foot.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import attrs

from newsingest.model import Furniture, FurnitureKind
from newsingest.reflow.floats import PageTable
from newsingest.reflow.furniture import furniture_kind
from newsingest.reflow.lines import Line

__all__ = ["PageLines", "find_furniture", "margin_band"]

#: The top and bottom margin bands, as a share of the page height.
MARGIN = 0.1
_DIGITS = re.compile(r"\d+")
_EDGE_KINDS = (FurnitureKind.HEADER, FurnitureKind.FOOTER, FurnitureKind.PAGE_NUMBER)
#: A folio: a chapter-page number ("7-45", "3.12") or a roman page number, alone on its line.
_FOLIO = re.compile(r"^\s*(?:\d{1,3}[-–.]\d{1,4}|[ivxlc]{1,7}|[IVXLC]{1,7})\s*$")
_COPYRIGHT = re.compile(r"^\s*(?:©|\(c\)|copyright\b)", re.IGNORECASE)


@attrs.frozen
class PageLines:
    """One page's lines in reading order, with the page size the margin rules need."""

    number: int
    width: float
    height: float
    lines: tuple[Line, ...]
    #: boxes of the images drawn on the page (text on one is a figure's label)
    figures: tuple[tuple[float, float, float, float], ...] = ()
    #: tables the parser's table finder found on the page
    tables: tuple[PageTable, ...] = ()
    #: text set at an angle (margin stamps, rotated labels), joined
    rotated: str = ""
    #: the margin's line numbers (text and box each), which the parser took off their lines
    line_numbers: tuple[tuple[str, tuple[float, float, float, float]], ...] = ()
    #: boxes of the figures the page draws with vector paths (no image marks them)
    drawings: tuple[tuple[float, float, float, float], ...] = ()


def margin_band(line: Line, height: float) -> str | None:
    """``"top"`` or ``"bottom"`` when the line lies in a page margin band, else ``None``.

    >>> margin_band(Line("Page 2", 0, page=1, bbox=(290, 763, 320, 771)), 792.0)
    'bottom'
    """
    assert line.bbox is not None
    if line.bbox[3] <= MARGIN * height:
        return "top"
    if line.bbox[1] >= (1 - MARGIN) * height:
        return "bottom"
    return None


def _extremes(page: PageLines) -> tuple[float, float]:
    """The top of the highest line and the bottom of the lowest one on the page."""
    boxes = [line.bbox for line in page.lines if line.bbox is not None]
    return min(b[1] for b in boxes), max(b[3] for b in boxes)


def _at_edge(line: Line, highest: float, lowest: float) -> bool:
    assert line.bbox is not None
    return line.bbox[1] <= highest + 0.5 or line.bbox[3] >= lowest - 0.5


def _key(text: str) -> str:
    return _DIGITS.sub("0", " ".join(text.casefold().split()))


def find_furniture(pages: Sequence[PageLines], headline_top: float | None,
                   body_size: float) -> dict[tuple[int, int], FurnitureKind]:
    """Map ``(page, line index)`` of every furniture line to its kind.

    ``headline_top`` is the top of the headline on page 1 (``None`` if there is none): lines
    wholly above it there are masthead, navigation or running head. Margin forms (page
    numbers, URLs, copyright) count inside the page only when set smaller than the body
    (``body_size``): a copyright line in the article's own type is the article's.
    """
    found: dict[tuple[int, int], FurnitureKind] = {}
    repeats: Counter[str] = Counter()
    for page in pages:
        if not page.lines:
            continue
        highest, lowest = _extremes(page)
        seen = {_key(line.text) for line in page.lines
                if margin_band(line, page.height) or _at_edge(line, highest, lowest)}
        repeats.update(seen)
    for p, page in enumerate(pages):
        if not page.lines:
            continue
        highest, lowest = _extremes(page)
        for i, line in enumerate(page.lines):
            assert line.bbox is not None
            band = margin_band(line, page.height)
            kind = furniture_kind(line.text)
            extreme = line.bbox[1] <= highest + 0.5 or line.bbox[3] >= lowest - 0.5
            small = (line.font_size or body_size) < body_size - 0.5
            if kind in _EDGE_KINDS and not (band or extreme or (
                    small and _COPYRIGHT.match(line.text))):
                kind = None  # a number, URL or credit line set as body text is body text
            if kind is None and (band or extreme) and extreme and _FOLIO.match(line.text):
                kind = FurnitureKind.PAGE_NUMBER  # "7-45", "iv" at the page's top or foot
            if kind is None and not band and extreme and small and \
                    repeats[_key(line.text)] >= 2:
                # a running head on a page with narrow margins: the page's first or last
                # line, set small, repeated (digits aside) on another page
                kind = FurnitureKind.HEADER if line.bbox[1] <= highest + 0.5 else \
                    FurnitureKind.FOOTER
            if kind is None and band and (repeats[_key(line.text)] >= 2 or (
                    extreme and small and (p > 0 or band == "bottom"))):
                # repeated, or set small at the very top or bottom of a page: a running head
                # printed on one page only (many leave it off the first) is still one
                kind = FurnitureKind.HEADER if band == "top" else FurnitureKind.FOOTER
            if (kind is None and p == 0 and headline_top is not None
                    and line.bbox[3] <= headline_top + 0.5):
                kind = FurnitureKind.HEADER if band == "top" else FurnitureKind.MASTHEAD
            if kind is not None:
                found[(p, i)] = kind
        _folio_rows(p, page, found)
    return found


def _folio_rows(p: int, page: PageLines, found: dict[tuple[int, int], FurnitureKind]) -> None:
    """Text level with a page number on the page's last row, in the bottom margin band, is
    the rest of that running foot ("208 | Global Study on Legal Aid", "Annex | 209" across a
    spread). Not at the top: a transcript's line numbers start there."""
    lowest = _extremes(page)[1]
    rows = [line.bbox for i, line in enumerate(page.lines)
            if found.get((p, i)) is FurnitureKind.PAGE_NUMBER and line.bbox is not None
            and margin_band(line, page.height) == "bottom" and line.bbox[3] >= lowest - 0.5]
    for i, line in enumerate(page.lines):
        if (p, i) in found or line.bbox is None or margin_band(line, page.height) != "bottom":
            continue
        if any(abs(line.bbox[1] - row[1]) <= 1.0 and abs(line.bbox[3] - row[3]) <= 1.0
               for row in rows):
            found[(p, i)] = FurnitureKind.FOOTER


def furniture_items(pages: Sequence[PageLines],
                    kinds: dict[tuple[int, int], FurnitureKind]) -> tuple[Furniture, ...]:
    """The furniture lines as ``Furniture`` records, in page order, with page and bbox."""
    return tuple(Furniture(kinds[(p, i)], line.text, line.provenance)
                 for p, page in enumerate(pages) for i, line in enumerate(page.lines)
                 if (p, i) in kinds)
