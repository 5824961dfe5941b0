"""OCR lines → the physical lines the PDF backends make, in page points with a font size.

The reflow engine reads layout evidence in points (indents and gaps are compared with the font
size), so pixel boxes are scaled by 72 / dpi. The font size is read from the row height Tesseract
fits to a line; row heights of one size still scatter by a few per cent from line to line, and
the engine compares sizes for equality, so sizes are snapped to a few levels per document
(:func:`snap_sizes`). Everything after that — columns, margins, gaps, joins — is the pdfium
backend's :func:`newsingest_pdfium.extract.place`, so both feed the engine the same way.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs
from newsingest_pdfium.extract import PageText, RawLine

from newsingest_ocr.tesseract import OcrLine

__all__ = ["LOW_CONFIDENCE", "ROW_PER_EM", "Uncertain", "page_text", "snap_sizes", "snapped"]

#: Row height (descender bottom to ascender top) per em of the font: 0.92 for Helvetica, Times
#: and DejaVu Sans alike, measured on pages set at known sizes (tests/test_lines.py checks it).
ROW_PER_EM = 0.92
#: Tesseract's word confidence (0-100) under which a word is reported as possibly misread.
LOW_CONFIDENCE = 60.0
#: Sizes within this ratio of a level's smallest size are the same level.
_SAME_SIZE = 1.08


@attrs.frozen
class Uncertain:
    """A word kept in the text but read with low confidence, located on its page (points)."""

    text: str
    page: int
    bbox: tuple[float, float, float, float]
    confidence: float


def snap_sizes(sizes: Sequence[float]) -> list[float]:
    """Each size replaced by its level's median, rounded to 0.5 pt.

    Levels grow from the smallest size: a size within 8% of the level's first joins it. Body text
    measured at 9.8-10.3 pt becomes one level; a 12 pt subhead stays apart.

    >>> snap_sizes([10.1, 9.8, 10.3, 12.4, 24.0, 9.9])
    [10.0, 10.0, 10.0, 12.5, 24.0, 10.0]
    """
    order = sorted(range(len(sizes)), key=lambda i: sizes[i])
    snapped = [0.0] * len(sizes)
    group: list[int] = []

    def close() -> None:
        values = sorted(sizes[i] for i in group)
        level = round(values[len(values) // 2] * 2) / 2
        for i in group:
            snapped[i] = level

    for i in order:
        if group and sizes[i] > sizes[group[0]] * _SAME_SIZE:
            close()
            group = []
        group.append(i)
    if group:
        close()
    return snapped


def _points(box: tuple[int, int, int, int], scale: float) -> tuple[float, float, float, float]:
    return (round(box[0] * scale, 2), round(box[1] * scale, 2),
            round(box[2] * scale, 2), round(box[3] * scale, 2))


def page_text(number: int, width_px: int, dpi: float, lines: Sequence[OcrLine]
              ) -> tuple[PageText, tuple[Uncertain, ...]]:
    """One OCR page as a :class:`PageText` (sizes not yet snapped) and its uncertain words."""
    scale = 72.0 / dpi
    raw: list[RawLine] = []
    uncertain: list[Uncertain] = []
    for line in lines:
        raw.append(RawLine(
            text=" ".join(w.text for w in line.words),
            page=number,
            bbox=_points(line.bbox, scale),
            font_size=round(line.height * scale / ROW_PER_EM, 2),
            bold=None,
            italic=None,
        ))
        uncertain.extend(Uncertain(w.text, number, _points(w.bbox, scale), w.confidence)
                         for w in line.words if w.confidence < LOW_CONFIDENCE)
    return PageText(number, round(width_px * scale, 2), tuple(raw)), tuple(uncertain)


def snapped(pages: Sequence[PageText]) -> list[PageText]:
    """The pages with every line's size snapped to the document's levels."""
    sizes = [ln.font_size or 0.0 for page in pages for ln in page.lines]
    levels = iter(snap_sizes(sizes))
    return [attrs.evolve(page, lines=tuple(attrs.evolve(ln, font_size=next(levels))
                                           for ln in page.lines)) for page in pages]
