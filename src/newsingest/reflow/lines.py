"""The reflow engine's input: a line of text plus optional layout evidence.

A text dump line knows only its text and position; a PDF line also knows its page, box, font and
the gap above it. Missing evidence is ``None``, never a guess, so rules can tell "no indent" from
"indent unknown".
"""

from __future__ import annotations

import attrs

from newsingest.model import Provenance

__all__ = ["Line"]


@attrs.frozen
class Line:
    """One physical line. ``index`` is its 0-based position in the source (text line number - 1)."""

    text: str
    index: int
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    font_size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    indent: float | None = None
    gap_above: float | None = None
    column: int | None = None
    #: True when a page break precedes this line (a form feed in a dump); PDF lines use ``page``.
    new_page: bool | None = None
    #: The horizontal band of the page the line's column belongs to (a page cut by a headline
    #: spanning its columns has several); ``(page, band, column)`` names one flow of text.
    band: int | None = None
    #: Where the text after a list marker starts (the x of a hanging indent), if it has one.
    hang: float | None = None
    #: Whether that text is set further from the marker than a space (a drawn list marker).
    tab: bool | None = None
    #: The width of the line's first word: had it fitted at the end of the line above, a
    #: typesetter filling lines would have set it there.
    lead: float | None = None
    #: Whether the line reads right to left: its start is its box's right edge.
    rtl: bool | None = None
    #: ``"right"`` when the line's flow is set flush right and ragged left (found by the
    #: engine, ``reflow.pagestats.right_aligned``): its start is its box's right edge too.
    align: str | None = None
    #: True when the line's text dump marks every paragraph break with a blank line or an
    #: indent (``reflow.parbreaks``): a line without either goes on with its paragraph.
    breaks_shown: bool | None = None
    #: Whether the line's last word is bold: a bold lead phrase ending inside the line ("**IBM
    #: MT/ST:** Introduced in ...") makes a mostly bold line whose weight runs on unchanged.
    bold_end: bool | None = None
    #: The advance all the line's glyphs share when its font is monospaced (evidence).
    pitch: float | None = None
    #: Whether the line belongs to a code listing (found by the engine, ``reflow.code``).
    code: bool | None = None

    @property
    def provenance(self) -> Provenance:
        if self.page is not None:
            return Provenance(page=self.page, bbox=self.bbox)
        return Provenance(lines=(self.index + 1, self.index + 1))
