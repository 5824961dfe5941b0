"""PDF pages → physical lines with cheap layout evidence, through PDFium's text layer.

Speed is the point of this backend, so the work per character stays in C: one ``GetText`` call
per page gives the text with PDFium's own line breaks, and only a handful of calls per *line*
(the boxes of its first and last glyphs, the font size and weight of one glyph) add the evidence
the reflow engine reads. Column, band and indent are estimated per page from those boxes, and
``layout_pages`` hands the lines to the laid-out engine (``reflow.reflow_pages``) with the
evidence the built-in parser gives, so the same rules decide the blocks. What is lost against
the pdfplumber parser is per-word geometry: word spacing is PDFium's, not re-measured.
"""

from __future__ import annotations

import ctypes
import itertools
from collections.abc import Iterator, Sequence
from typing import Any

import attrs
from newsingest.reflow import Line, PageLines, list_marker
from newsingest.reflow.pagestats import flush_left

__all__ = ["PageText", "RawLine", "layout_pages", "page_lines"]

#: PDFium's text for a hyphen that ends a line (it also drops the line break after it).
LINE_END_HYPHEN = "\ufffe"
#: FPDF_FONT_ITALIC in the flags of FPDFText_GetFontInfo.
_ITALIC_FLAG = 1 << 6


@attrs.frozen
class RawLine:
    """One physical line as PDFium drew it, in top-left page coordinates (points)."""

    text: str
    page: int
    bbox: tuple[float, float, float, float]
    font_size: float | None
    bold: bool | None
    italic: bool | None
    #: The width of the line's first word (the typesetter would have set it on the line above,
    #: had it fitted there): the evidence the laid-out break rules read.
    lead: float | None = None
    #: Where the text after a list marker starts, and whether it is set off by more than a
    #: space (``Line.hang`` and ``Line.tab``).
    hang: float | None = None
    tab: bool | None = None


@attrs.frozen
class PageText:
    number: int
    width: float
    lines: tuple[RawLine, ...]
    #: The page's height (points); the laid-out engine's margin bands need it.
    height: float | None = None


def _spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) character ranges of the physical lines of PDFium's page text.

    >>> s = "Head\\r\\nlow\\ufffereso lution\\r\\n"
    >>> [s[a:b] for a, b in _spans(s)]
    ['Head', 'low\\ufffe', 'reso lution']
    """
    start = 0
    length = len(text)
    i = 0
    while i < length:
        ch = text[i]
        if ch in "\r\n":
            if i > start:
                yield start, i
            while i < length and text[i] in "\r\n":
                i += 1
            start = i
            continue
        i += 1
        if ch == LINE_END_HYPHEN:
            yield start, i
            start = i
    if start < length:
        yield start, length


def _page_text(textpage: Any, raw: Any, count: int) -> str:
    """The page's text with one character per PDFium char index."""
    text = str(textpage.get_text_range(0, count))
    if len(text) == count:
        return text
    # Characters outside the BMP came back as surrogate pairs: ask char by char instead.
    chars = []
    for i in range(count):
        code = raw.FPDFText_GetUnicode(textpage.raw, i)
        chars.append(LINE_END_HYPHEN if code == 2 else chr(code) if code else " ")
    return "".join(chars)


def _visible(text: str, start: int, end: int) -> tuple[int, int] | None:
    first, last = start, end - 1
    while first <= last and text[first].isspace():
        first += 1
    while last >= first and text[last].isspace():
        last -= 1
    return (first, last) if first <= last else None


def _line_end_hyphen(line: str) -> str:
    """A line-final U+2010 after a letter is automatic hyphenation: make it a soft hyphen.

    Typed hyphens are U+002D; browsers (CSS ``hyphens: auto``) and typesetters draw the hyphens
    they insert to break a word as U+2010, which the reflow engine should join without a trace.

    >>> _line_end_hyphen("pneumon\u2010"), _line_end_hyphen("15-")
    ('pneumon\xad', '15-')
    """
    if len(line) >= 2 and line[-1] == "\u2010" and line[-2].isalpha():
        return line[:-1] + "\u00ad"
    return line


def _bold_name(name: bytes) -> bool | None:
    """Weight from the font name when the font does not state it (the standard 14 fonts).

    >>> _bold_name(b"Helvetica-Bold"), _bold_name(b"Times-Roman"), _bold_name(b"")
    (True, False, None)
    """
    if not name:
        return None
    lowered = name.lower()
    return any(mark in lowered for mark in (b"bold", b"black", b"heavy", b"semibold", b"demi"))


def letter_spaced(text: str) -> bool:
    """PDFium spelled a tracked-out line letter by letter ("T h e Eve n i n g")?

    >>> letter_spaced("F O R I M M E D I ATE R ELE A S E"), letter_spaced("A is for apple")
    (True, False)
    """
    tokens = text.split()
    singles = sum(1 for t in tokens if len(t) == 1 and t.isalpha())
    return len(tokens) >= 6 and singles * 2 >= len(tokens)


def _respace(textpage: Any, raw: Any, text: str, first: int, last: int, size: float) -> str:
    """Words of a letter-spaced line from the drawn glyphs' gaps, ignoring PDFium's guesses.

    Tracking adds the same gap after every letter; a word space adds a space's width more.
    """
    glyphs = [(i, textpage.get_charbox(i)) for i in range(first, last + 1)
              if not raw.FPDFText_IsGenerated(textpage.raw, i) and not text[i].isspace()]
    if len(glyphs) < 2:
        return text[first:last + 1]
    gaps = sorted(glyphs[k + 1][1][0] - glyphs[k][1][2] for k in range(len(glyphs) - 1))
    threshold = gaps[len(gaps) // 2] + 0.15 * max(size, 1.0)
    out = [text[glyphs[0][0]]]
    for (_, before), (i, box) in itertools.pairwise(glyphs):
        if box[0] - before[2] > threshold:
            out.append(" ")
        out.append(text[i])
    return "".join(out)


def _scale(textpage: Any, raw: Any, index: int) -> float:
    """How much the character's matrix scales its font size: PDFium reports the size the text
    object sets, before the page's transform (a browser draws CSS pixels scaled by 0.75), and
    the laid-out rules measure white in ems of the size as drawn."""
    matrix = raw.FS_MATRIX()
    if not raw.FPDFText_GetMatrix(textpage.raw, index, ctypes.byref(matrix)):
        return 1.0
    det = abs(matrix.a * matrix.d - matrix.b * matrix.c)
    return float(det ** 0.5) if det > 0 else 1.0


def _hang(textpage: Any, text: str, line: str, word_end: int, last: int, size: float
          ) -> tuple[float | None, bool | None]:
    """Where the text after a list marker starts, and whether it stands further from the
    marker than a space (half an em: a drawn marker), as the built-in parser measures them;
    ``(None, None)`` for a line without a marker word."""
    marker = list_marker(line)
    if marker is None or line.split()[0] != marker.marker:
        return None, None
    start = word_end + 1
    while start <= last and text[start].isspace():
        start += 1
    if start > last:
        return None, None
    left = float(textpage.get_charbox(start, loose=True)[0])
    gap = left - float(textpage.get_charbox(word_end, loose=True)[2])
    return round(left, 2), gap >= 0.5 * max(size, 1.0)


def page_lines(textpage: Any, raw: Any, number: int, height: float) -> tuple[RawLine, ...]:
    """The physical lines of one page, in PDFium's (content-stream) order."""
    count = textpage.count_chars()
    if count <= 0:
        return ()
    text = _page_text(textpage, raw, count)
    flags = ctypes.c_int(0)
    lines: list[RawLine] = []
    for start, end in _spans(text):
        visible = _visible(text, start, end)
        if visible is None:
            continue
        first, last = visible
        l0, b0, r0, t0 = textpage.get_charbox(first, loose=True)
        l1, b1, r1, t1 = textpage.get_charbox(last, loose=True)
        probe = next((i for i in range(first, last + 1) if text[i].isalnum()), first)
        size = float(raw.FPDFText_GetFontSize(textpage.raw, probe)) * _scale(textpage, raw, probe)
        weight = int(raw.FPDFText_GetFontWeight(textpage.raw, probe))
        name = ctypes.create_string_buffer(128)
        raw.FPDFText_GetFontInfo(textpage.raw, probe, name, 128, ctypes.byref(flags))
        # the name first: PDFium estimates the weight of an embedded font from its stems, and
        # gives a subset "DejaVuSans-Bold" 455
        by_name = _bold_name(name.value)
        bold = True if by_name else weight >= 600 if weight > 0 else by_name
        word_end = first
        while word_end < last and not text[word_end + 1].isspace():
            word_end += 1
        lead = (r0 if word_end == first else textpage.get_charbox(word_end, loose=True)[2]) - l0
        line = _line_end_hyphen(text[start:end].replace(LINE_END_HYPHEN, "-").strip())
        hang, tab = _hang(textpage, text, line, word_end, last, size)
        if letter_spaced(line):
            line = _respace(textpage, raw, text, first, last, size).replace(LINE_END_HYPHEN, "-")
        lines.append(RawLine(
            text=line,
            page=number,
            bbox=(min(l0, l1), height - max(t0, t1), max(r0, r1), height - min(b0, b1)),
            font_size=round(size, 1) if size > 0 else None,
            bold=bold,
            italic=bool(flags.value & _ITALIC_FLAG),
            lead=round(lead, 2) if lead > 0 else None,
            hang=hang,
            tab=tab,
        ))
    return tuple(lines)


def _columns(lines: Sequence[RawLine], width: float) -> list[int | None]:
    """0 (left) / 1 (right) when the page is set in two columns, else None for every line."""
    middle = width / 2
    sides = [0 if ln.bbox[2] <= middle + 6 else 1 if ln.bbox[0] >= middle - 6 else None
             for ln in lines]
    if sides.count(0) >= 5 and sides.count(1) >= 5 and sides.count(None) < len(sides) / 3:
        return sides
    return [None] * len(lines)


def _bands(lines: Sequence[RawLine], columns: Sequence[int | None]) -> list[int]:
    """Each line's horizontal band: a line spanning the columns (a headline, a deck) starts a
    new band, so each column of a band is one flow of text read top to bottom."""
    band, out = 0, []
    spanning = False
    for column in columns:
        if (column is None) != spanning:
            band += 1
            spanning = column is None
        out.append(band)
    return out


def _read_columns(lines: Sequence[RawLine]) -> list[int | None]:
    """Columns of lines given in reading order: where the order goes up the page and to the
    right of the line before, the next column starts (``None`` for a page in one column)."""
    out: list[int | None] = [0] * len(lines)
    column = 0
    for k in range(1, len(lines)):
        above, line = lines[k - 1], lines[k]
        if line.bbox[1] < above.bbox[1] and line.bbox[0] >= above.bbox[0] + 0.5 * (
                above.bbox[2] - above.bbox[0]):
            column += 1
        out[k] = column
    return out if column else [None] * len(lines)


def layout_pages(pages: Sequence[PageText], texts: Sequence[str]) -> list[PageLines]:
    """The pages as the laid-out engine (``reflow.reflow_pages``) reads them: each line with its
    page, box, font, indent from its column's flush-left edge, the white above it in its flow,
    its column and band, and its first word's width, in reading order (each band's columns
    in turn). ``texts`` are the repaired texts, one per raw line. Lines of a page not found to
    stand in two columns keep the order they come in (PDFium's content order, Tesseract's
    layout analysis): sorting them by height would interleave three columns line by line, and
    where that order climbs the page to the right of the line before, a column starts.

    This is the evidence the built-in parser gives its lines, so the same laid-out rules
    decide the blocks; what PDFium cannot give is per-word geometry (word gaps beyond the first).
    """
    out: list[PageLines] = []
    index = 0
    position = 0
    for page in pages:
        columns = _columns(page.lines, page.width)
        if any(column is not None for column in columns):
            bands = _bands(page.lines, columns)
            order = sorted(range(len(page.lines)), key=lambda k: (
                bands[k], columns[k] or 0, page.lines[k].bbox[1]))
        else:
            bands = [0] * len(page.lines)
            order = list(range(len(page.lines)))
            columns = _read_columns(page.lines)
        lefts: dict[tuple[int, int], list[float]] = {}
        for k in order:
            lefts.setdefault((bands[k], columns[k] or 0), []).append(page.lines[k].bbox[0])
        edge = {key: flush_left(xs) for key, xs in lefts.items()}
        previous: dict[tuple[int, int], RawLine] = {}
        lines: list[Line] = []
        for k in order:
            raw_line = page.lines[k]
            where = (bands[k], columns[k] or 0)
            above = previous.get(where)
            # nothing to measure when the line stands higher than the one before it (the top
            # of a column read after another)
            gap = (raw_line.bbox[1] - above.bbox[3]
                   if above is not None and raw_line.bbox[1] >= above.bbox[1] else None)
            previous[where] = raw_line
            lines.append(Line(
                texts[position + k], index, page=raw_line.page, bbox=raw_line.bbox,
                font_size=raw_line.font_size, bold=raw_line.bold, italic=raw_line.italic,
                indent=round(raw_line.bbox[0] - edge[where], 2),
                gap_above=round(gap, 2) if gap is not None else None,
                column=where[1], band=where[0], lead=raw_line.lead, hang=raw_line.hang,
                tab=raw_line.tab))
            index += 1
        position += len(page.lines)
        height = page.height if page.height is not None else max(
            (ln.bbox[3] for ln in page.lines), default=0.0)
        out.append(PageLines(page.number, page.width, height, tuple(lines)))
    return out
