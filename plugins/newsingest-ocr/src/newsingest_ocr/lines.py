"""OCR lines → the physical lines the PDF backends make, in page points with a font size.

The reflow engine reads layout evidence in points (indents and gaps are compared with the font
size), so pixel boxes are scaled by 72 / dpi. The font size is read from the row height Tesseract
fits to a line, one per Tesseract block (:func:`_heights`), to 0.5 pt. (Snapping sizes to a
few levels per document as well was measured and dropped: it cost block F1 on both the dev and
the typesetters corpus.) Everything after that — columns, bands, indents, gaps — is the pdfium
backend's :func:`newsingest_pdfium.extract.layout_pages`, and both hand their lines to the
laid-out engine the built-in PDF parser uses.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import attrs
from newsingest.reflow import list_marker
from newsingest_pdfium.extract import PageText, RawLine

from newsingest_ocr.tesseract import ROW_HEIGHT_PER_EM, OcrLine, OcrWord

__all__ = ["LOW_CONFIDENCE", "ROW_PER_EM", "Uncertain", "page_text", "split_gutters"]

#: Tesseract's row height (ascender line to descender line) per em of the font: 0.94 for
#: Helvetica, 0.89 for Times, measured on pages set at known sizes (tests/test_ocr.py checks
#: sizes within 10%).
ROW_PER_EM = ROW_HEIGHT_PER_EM
#: Tesseract's word confidence (0-100) under which a word is reported as possibly misread.
LOW_CONFIDENCE = 60.0


@attrs.frozen
class Uncertain:
    """A word kept in the text but read with low confidence, located on its page (points)."""

    text: str
    page: int
    bbox: tuple[float, float, float, float]
    confidence: float


_PIPE_I = re.compile(r"^([\"'“‘(]?)\|$")


def pronoun_i(words: Sequence[str]) -> list[str]:
    """A lone ``|`` before a lower-case word is the pronoun I.

    A sans-serif capital I is a bare vertical stroke, and Tesseract reads it as a pipe about
    once a paragraph. A pipe that separates ("By JANE DOE | May 2", "Home | News") stands
    between capitalised words or numbers; the pronoun is followed by a verb or a contraction.

    >>> pronoun_i(["“|", "felt", "it", "|", "don't", "By", "ANN", "|", "May"])
    ['“I', 'felt', 'it', 'I', "don't", 'By', 'ANN', '|', 'May']
    """
    out = list(words)
    for i, word in enumerate(words[:-1]):
        found = _PIPE_I.match(word)
        following = words[i + 1]
        if found and (following[0].islower() or following[0] in "’'"):
            out[i] = found.group(1) + "I"
    return out


_DIGIT_LIKE = str.maketrans("lIOo", "1100")
_NUMBERISH = re.compile(r"^([(\[$£€#]?)([0-9lIOo][0-9lIOo.,:/-]*)([.,;:)\]%]*)$")


def digits(word: str) -> str:
    """Letters Tesseract confuses with digits, read as digits where the word is a number.

    A word made of digits and the look-alikes l, I, O, o, with at least one real digit, or a
    lone "l" (no English word; "Page l" is page 1), is a number.

    >>> [digits(w) for w in ["2o15.", "l0", "(5O%)", "l", "Page", "I", "lO", "TNG5O", "Oil"]]
    ['2015.', '10', '(50%)', '1', 'Page', 'I', 'lO', 'TNG5O', 'Oil']
    """
    found = _NUMBERISH.match(word)
    if found is None:
        return word
    core = found.group(2)
    if core.rstrip(".,:") != "l" and not any(ch.isdigit() for ch in core):
        return word
    return found.group(1) + core.translate(_DIGIT_LIKE) + found.group(3)


def _points(box: tuple[int, int, int, int], scale: float) -> tuple[float, float, float, float]:
    return (round(box[0] * scale, 2), round(box[1] * scale, 2),
            round(box[2] * scale, 2), round(box[3] * scale, 2))


#: A space this many ems wide or more is no word space: a gutter, if other lines have one there.
GUTTER_EM = 1.5
#: How many lines of a Tesseract block, and what share of them, must have a wide space at one
#: x for it to be a gutter.
_GUTTER_LINES = 2
_GUTTER_SHARE = 0.6


def _wide_gaps(line: OcrLine) -> list[tuple[int, int]]:
    em = line.height / ROW_PER_EM
    return [(a.bbox[2], b.bbox[0]) for a, b in zip(line.words, line.words[1:], strict=False)
            if b.bbox[0] - a.bbox[2] >= GUTTER_EM * em]


def _gutters(lines: Sequence[OcrLine]) -> list[float]:
    """x of the gutters of one block: a wide space that most of its lines have at one x.

    Where Tesseract joined two columns, nearly every line of the block runs across the gutter;
    the wide spaces of justified or monospaced text fall anywhere and line up only by chance.
    """
    gaps = [(i, gap) for i, line in enumerate(lines) for gap in _wide_gaps(line)]
    needed = max(_GUTTER_LINES, math.ceil(_GUTTER_SHARE * len(lines)))
    found: list[float] = []
    for _, (left, right) in gaps:
        middle = (left + right) / 2
        sharing = {j for j, (l2, r2) in gaps if l2 < middle < r2}
        if len(sharing) >= needed and all(abs(middle - g) > right - left for g in found):
            found.append(middle)
    return sorted(found)


def _cut(line: OcrLine, gutters: Sequence[float]) -> list[OcrLine]:
    """``line`` in pieces at the gutters that fall inside one of its word spaces."""
    pieces: list[list[OcrWord]] = [[line.words[0]]]
    for before, word in zip(line.words, line.words[1:], strict=False):
        if any(before.bbox[2] < g < word.bbox[0] for g in gutters):
            pieces.append([])
        pieces[-1].append(word)
    if len(pieces) == 1:
        return [line]
    top, bottom = line.bbox[1], line.bbox[3]
    return [attrs.evolve(line, words=tuple(words),
                         bbox=(words[0].bbox[0], top, words[-1].bbox[2], bottom))
            for words in pieces]


def split_gutters(lines: Sequence[OcrLine]) -> list[OcrLine]:
    """Lines Tesseract ran across a column gutter, cut there, and read column by column.

    Tesseract's layout analysis finds columns from whitespace, and on a page with little text
    (short columns, a page end) it may join the lines of two columns into one ("...as they
    display 2. Fair Hill International..."). A word space of 1.5 em or more that most lines of
    the same block have at one x is a gutter, not a space: the lines are cut at it. Consecutive
    blocks cut at the same gutters are one stretch of columns, whose pieces are then ordered
    left column first, top to bottom within each.
    """
    blocks: list[list[OcrLine]] = []
    for line in lines:
        if blocks and blocks[-1][0].block == line.block:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    out: list[OcrLine] = []
    stretch: list[OcrLine] = []
    stretch_gutters: list[float] = []

    def flush() -> None:
        out.extend(sorted(stretch, key=lambda p: sum(1 for g in stretch_gutters
                                                     if p.bbox[0] > g)))
        stretch.clear()

    for block in blocks:
        gutters = _gutters(block)
        em = block[0].height / ROW_PER_EM
        same = bool(gutters) and len(gutters) == len(stretch_gutters) and all(
            abs(a - b) <= 2 * em for a, b in zip(gutters, stretch_gutters, strict=True))
        if not same:
            flush()
            stretch_gutters = gutters
        if gutters:
            stretch.extend(piece for line in block for piece in _cut(line, gutters))
        else:
            out.extend(block)
    flush()
    return out


def _heights(lines: Sequence[OcrLine]) -> list[float]:
    """Each line's height, made one per font within a Tesseract block.

    A fitted row still varies by up to 10% between lines of one paragraph (a line without
    descenders fits lower), more than between a body and a subhead; a block is one text region,
    so lines within 15% of their block's median height take that median.
    """
    heights = [float(max(line.height, line.bbox[3] - line.bbox[1])) for line in lines]
    blocks: dict[int, list[float]] = {}
    for line, height in zip(lines, heights, strict=True):
        blocks.setdefault(line.block, []).append(height)
    medians = {block: sorted(values)[len(values) // 2] for block, values in blocks.items()}
    return [medians[line.block] if abs(height / medians[line.block] - 1) <= 0.15 else height
            for line, height in zip(lines, heights, strict=True)]


def _hang(words: Sequence[str], line: OcrLine, scale: float, size: float
          ) -> tuple[float | None, bool | None]:
    """Where the text after a list marker word starts, and whether it is set off from the
    marker by more than a space (half an em), in points: ``Line.hang`` and ``Line.tab``."""
    marker = list_marker(" ".join(words))
    if marker is None or len(line.words) < 2 or words[0] != marker.marker:
        return None, None
    left = line.words[1].bbox[0] * scale
    return round(left, 2), left - line.words[0].bbox[2] * scale >= 0.5 * max(size, 1.0)


def page_text(number: int, width_px: int, dpi: float, lines: Sequence[OcrLine],
              height_px: int | None = None) -> tuple[PageText, tuple[Uncertain, ...]]:
    """One OCR page as a :class:`PageText` (sizes to 0.5 pt) and its uncertain words, with the
    evidence the laid-out engine reads: each line's first word's width, a list marker's hang."""
    scale = 72.0 / dpi
    raw: list[RawLine] = []
    uncertain: list[Uncertain] = []
    lines = split_gutters(lines)
    for line, height in zip(lines, _heights(lines), strict=True):
        words = pronoun_i([digits(w.text) for w in line.words])
        size = round(height * scale / ROW_PER_EM * 2) / 2
        hang, tab = _hang(words, line, scale, size)
        first = line.words[0].bbox if line.words else None
        raw.append(RawLine(
            text=" ".join(words),
            page=number,
            bbox=_points(line.bbox, scale),
            font_size=size,
            bold=None,
            italic=None,
            lead=round((first[2] - first[0]) * scale, 2) if first else None,
            hang=hang,
            tab=tab,
        ))
        uncertain.extend(Uncertain(w.text, number, _points(w.bbox, scale), w.confidence)
                         for w in line.words if w.confidence < LOW_CONFIDENCE)
    page_height = round(height_px * scale, 2) if height_px is not None else None
    return PageText(number, round(width_px * scale, 2), tuple(raw), page_height), tuple(uncertain)
