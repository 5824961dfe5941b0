"""Characters → words → physical lines, from glyph geometry alone.

pdfplumber's ``extract_text`` decides spaces with a fixed tolerance (3 pt), which glues the words
of tightly justified lines together ("Duringthebriefing") and splits letter-spaced ones. Here each
line decides for itself: a space the PDF draws as a character is a space unless the next glyph
starts where the space would have started (Chromium draws a soft hyphen that way), and gaps
without a space character are measured against the line's own letter spacing in ems.

The glyphs come from pdfplumber's ``page.layout`` (pdfminer's LTChar objects) in one pass per
page: ``page.chars`` would build a 20-key dict per glyph (colours, marked content) that nothing
here reads, which costs a third of the parse time.
"""

from __future__ import annotations

import functools
import re
import statistics
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

import attrs

from newsingest.parsers.pdf.bidi import direction_flips, is_rtl, logical, mark, rtl_letter

__all__ = [
    "Glyph",
    "Graphics",
    "Row",
    "TextLine",
    "Word",
    "glyphs_of",
    "page_rows",
    "rows_of",
    "runs_of",
    "split_row",
    "symbol_bullet",
    "words_of",
]

#: A space glyph whose next glyph starts closer than this (in ems) is not a word break.
SPACE_MIN_GAP = 0.1
#: Without a space glyph, a gap this much (in ems) above the line's letter spacing is a space.
NO_SPACE_WORD_GAP = 0.14
#: On a line that draws its spaces, a gap without one must be this wide (ems) to be a space.
DRAWN_SPACE_WORD_GAP = 0.3
#: ... or this share of the line's own drawn space glyphs' width: a generator that moved the
#: pen by a space's width instead of drawing one (a cross-reference: "Table 2-1") left a space.
DRAWN_SPACE_SHARE = 0.8
#: A gap without a space glyph this wide (ems) separates two pieces of text (columns, tabs).
SEGMENT_GAP = 1.0
#: A lone list marker and text at most this far (ems) right of it are one line.
MARKER_TAB_EMS = 4.0
#: Even a drawn space this wide (ems) separates two pieces of text.
SEGMENT_GAP_DRAWN = 6.0
#: White a drawn space leaves this bare (ems) may separate two texts (a gutter decides).
SEGMENT_GAP_BARE = 0.8

_BOLD = ("bold", "black", "heavy", "semibold", "demi", "extrabold", "ultrabold")
_ITALIC = ("italic", "oblique", "-it", "slanted")


class Glyph(NamedTuple):
    """One drawn character in page coordinates (points, origin top-left)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


class Word(NamedTuple):
    """Glyphs between two spaces; ``bold``/``italic`` come from the font names."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    italic: bool
    #: The advance every glyph of the word shares, if they all share one (a monospaced font).
    pitch: float | None = None


@attrs.frozen
class TextLine:
    """A physical line of one column: its words and the evidence the layout rules read."""

    words: tuple[Word, ...]
    page: int
    column: int = 0
    band: int = 0

    @property
    def text(self) -> str:
        """The line's text in logical order (a right-to-left line is read right to left)."""
        text = " ".join(w.text for w in self.words)
        return logical(text) if is_rtl(text) else text

    @property
    def rtl(self) -> bool:
        """Whether the line reads right to left (its words are stored left to right)."""
        return is_rtl(" ".join(w.text for w in self.words))

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.x0, self.top, self.x1, self.bottom)

    @property
    def size(self) -> float:
        """The font size most of the line's characters are set in."""
        weights: dict[float, int] = {}
        for w in self.words:
            key = round(w.size, 1)
            weights[key] = weights.get(key, 0) + len(w.text)
        return max(weights, key=lambda k: weights[k])

    @property
    def bold(self) -> bool:
        return _share(self.words, lambda w: w.bold) >= 0.6

    @property
    def italic(self) -> bool:
        return _share(self.words, lambda w: w.italic) >= 0.6

    @property
    def pitch(self) -> float | None:
        """The advance all the line's glyphs share (a monospaced font), or None."""
        pitches = [w.pitch for w in self.words]
        if not pitches or None in pitches:
            return None
        known = [p for p in pitches if p is not None]
        if max(known) - min(known) > _PITCH_TOLERANCE * self.size:
            return None
        return round(statistics.median(known), 2)


def _share(words: Sequence[Word], test: Any) -> float:
    total = sum(len(w.text) for w in words)
    return sum(len(w.text) for w in words if test(w)) / total if total else 0.0


@functools.lru_cache(maxsize=256)
def is_bold(font: str) -> bool:
    """Weight from the font name, the only place most PDFs record it.

    >>> is_bold("BAAAAA+DejaVuSans-Bold"), is_bold("Times-Roman")
    (True, False)
    """
    name = font.lower()
    return any(mark in name for mark in _BOLD)


@functools.lru_cache(maxsize=256)
def is_italic(font: str) -> bool:
    """Slant from the font name.

    >>> is_italic("CAAAAA+DejaVuSans-Oblique"), is_italic("MinionPro-It"), is_italic("Arial")
    (True, True, False)
    """
    name = font.lower()
    return any(mark in name for mark in _ITALIC) or name.endswith("it")


#: Bullets of the Symbol and Wingdings fonts, which Word and LibreOffice exports map to the
#: private-use area (U+F000 + the font's code).
_SYMBOL_BULLETS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf06c": "●", "\uf06e": "■", "\uf071": "□",
                   "\uf0a8": "□", "\uf0d8": "•", "\uf0e8": "•", "\uf076": "•", "\uf0fc": "•"}


@functools.lru_cache(maxsize=256)
def _pictograph_font(font: str) -> bool:
    """A font of pictures, not letters (Wingdings, any Dingbats): its codes name no
    characters, so a glyph it draws is a bullet, box or ornament — read as a bullet. (Symbol
    is not one: its Greek letters are decoded.)"""
    lower = font.lower()
    return "wingding" in lower or "dingbat" in lower


#: Arrows and signs of the Symbol font's own encoding, which exports map to U+F000 + code
#: like its bullets ("click Schemas \uf0ae Tables" is "Schemas → Tables").
_SYMBOL_SIGNS = {"\uf0ab": "↔", "\uf0ac": "←", "\uf0ad": "↑", "\uf0ae": "→", "\uf0af": "↓",
                 "\uf0db": "⇔", "\uf0dc": "⇐", "\uf0dd": "⇑", "\uf0de": "⇒", "\uf0df": "⇓",
                 "\uf0b0": "°", "\uf0b1": "±", "\uf0b4": "×", "\uf0b8": "÷", "\uf0a3": "≤",
                 "\uf0b3": "≥", "\uf0b9": "≠", "\uf0bb": "≈", "\uf0a5": "∞", "\uf0bc": "…"}


def symbol_bullet(text: str, font: str) -> str:
    """The bullet a Symbol/Wingdings private-use code draws (and the Symbol font's arrows and
    signs); other codes stay as they are (icon fonts use the same range for pictures, which
    are no bullets).

    >>> symbol_bullet("\uf0b7", "ABCDEF+Symbol"), symbol_bullet("\uf0a7", "Wingdings-Regular")
    ('•', '▪')
    >>> symbol_bullet("\uf0ae", "NKEKHF+SymbolMT"), symbol_bullet("\uf06c", "FontAwesome")
    ('→', '\uf06c')
    """
    if "symbol" in font.lower() and text in _SYMBOL_SIGNS:
        return _SYMBOL_SIGNS[text]
    if text == "\uf0b7" or "symbol" in font.lower() or _pictograph_font(font):
        return _SYMBOL_BULLETS.get(text, "•" if _pictograph_font(font) else text)
    return text


@attrs.define
class Graphics:
    """What a page draws besides text, as far as reading it needs: image boxes (text on an
    image is a figure's label) and how many straight rules it draws (a table's grid)."""

    images: list[tuple[float, float, float, float]] = attrs.field(factory=list)
    rules: int = 0
    #: boxes of the vector paths drawn: curves (``True``) and straight lines and rectangles
    vectors: list[tuple[tuple[float, float, float, float], bool]] = attrs.field(factory=list)


def glyphs_of(layout: Any, height: float, mediabox: Sequence[float],
              graphics: Graphics | None = None) -> tuple[list[Glyph], list[Glyph]]:
    """Upright and rotated glyphs of an LTPage, in content-stream order; images and rules
    go to ``graphics`` when given (the same walk).

    Coordinates are flipped to pdfplumber's top-left origin (``top = height - y1``), shifted by
    the media box as pdfplumber does, so bboxes match what users see in pdfplumber.
    """
    from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage

    upright: list[Glyph] = []
    rotated: list[Glyph] = []
    mb_x0, mb_top = float(mediabox[0]), float(mediabox[1])

    def walk(items: Iterable[Any]) -> None:
        for obj in items:
            if graphics is not None and isinstance(obj, LTImage | LTCurve):
                if isinstance(obj, LTImage):
                    graphics.images.append((obj.x0 + mb_x0, height - obj.y1 + mb_top,
                                            obj.x1 + mb_x0, height - obj.y0 + mb_top))
                else:  # LTLine and LTRect are curves too
                    graphics.rules += 1
                    graphics.vectors.append(((obj.x0 + mb_x0, height - obj.y1 + mb_top,
                                              obj.x1 + mb_x0, height - obj.y0 + mb_top),
                                             type(obj) is LTCurve))
                continue
            if isinstance(obj, LTChar):
                text = obj.get_text()
                if not text:
                    continue
                if "\uf000" <= text[0] <= "\uf0ff":
                    text = symbol_bullet(text, str(obj.fontname))
                elif len(text) == 1 and not text.isspace() and _pictograph_font(obj.fontname):
                    text = "•"
                elif len(text) > 1 and rtl_letter(text[0]):
                    text = text[::-1]  # a ligature's letters, read back by ``bidi.logical``
                glyph = Glyph(text, obj.x0 + mb_x0, obj.x1 + mb_x0, height - obj.y1 + mb_top,
                              height - obj.y0 + mb_top, float(obj.size), str(obj.fontname))
                (upright if obj.upright else rotated).append(glyph)
            elif isinstance(obj, LTContainer):
                walk(obj)

    walk(layout)
    return upright, rotated


def _dedupe(glyphs: Sequence[Glyph]) -> list[Glyph]:
    """Drop glyphs drawn twice at the same place (fake bold, shadows)."""
    out: list[Glyph] = []
    for g in glyphs:
        if out:
            p = out[-1]
            if p.text == g.text and abs(p.x0 - g.x0) < 0.5 and abs(p.top - g.top) < 0.5:
                continue
        out.append(g)
    return out


def runs_of(glyphs: Sequence[Glyph]) -> list[list[Glyph]]:
    """Cut the content stream into runs: consecutive glyphs that sit side by side on a line.

    A run keeps together what the producer wrote together, so an emoji drawn a little higher
    than its words stays in their line even when another column's line lies between them.
    """
    runs: list[list[Glyph]] = []
    current: list[Glyph] = []
    for g in glyphs:
        if current:
            p = current[-1]
            em = max(min(p.size, g.size), 1.0)
            # a superscript set right against its word is raised by its line's em, not its
            # own (small) one: measured by its own, it would leave the run and join whatever
            # row of another column lies nearest
            tall = max(p.size, g.size) if abs(g.x0 - p.x1) <= 0.5 * em else em
            if abs(g.middle - p.middle) <= 0.45 * tall and -0.5 * em <= g.x0 - p.x1 <= 3 * em:
                current.append(g)
                continue
            runs.append(current)
        current = [g]
    if current:
        runs.append(current)
    return runs


def rows_of(glyphs: Sequence[Glyph]) -> list[list[Glyph]]:
    """Group glyphs into rows that share a vertical band, each sorted left to right.

    Runs (see ``runs_of``) are placed by their median glyph: a run joins a row when its middle
    is within 0.45 em of the row's first run, so superscripts and emoji stay on their line.
    """
    placed = []
    for run in runs_of(glyphs):
        middles = sorted(g.middle for g in run)
        sizes = sorted(g.size for g in run)
        placed.append((middles[len(middles) // 2], sizes[len(sizes) // 2], run))
    placed.sort(key=lambda item: item[0])
    rows: list[list[Glyph]] = []
    anchor = 0.0
    tolerance = 0.0
    anchor_size = 0.0
    for middle, size, run in placed:
        # a run of larger text near a row of smaller text (a superscript placed first, being
        # higher) is that row's own text, and the row's anchor from then on; a drop cap, many
        # times larger, is not, and a lone letter (a drop cap joined by plain tolerance)
        # never becomes the anchor, or its size would let it swallow the next line
        reach = 0.45 * size if size <= 2.0 * anchor_size else 0.0
        if rows and middle - anchor <= max(tolerance, reach):
            rows[-1].extend(run)
            if size > anchor_size + 0.5 and len(run) >= 2:  # the line's text, under its mark
                anchor, anchor_size, tolerance = middle, size, 0.45 * max(size, 1.0)
            continue
        rows.append(list(run))
        anchor, anchor_size = middle, size
        tolerance = 0.45 * max(size, 1.0)
    return [_dedupe(sorted(row, key=lambda g: g.x0)) for row in rows]


def _is_space(text: str) -> bool:
    return text.isspace()


def split_row(row: Sequence[Glyph]) -> list[tuple[list[Glyph], bool]]:
    """Split a row into segments where white separates two texts; each with whether the white
    before it is *hard* (surely two texts) or *soft* (maybe a justified gap).

    White without a drawn space wider than 1 em is hard (column gutters, header left/right
    parts, tab stops), as is white beyond 6 em. White a drawn space covers only in part, leaving
    more than 1.2 em bare, is soft: a column line ending in a space next to the other column, or
    a very loose justified line — the column gutters decide which (``layout.reading_order``).
    """
    segments: list[tuple[list[Glyph], bool]] = []
    current: list[Glyph] = []
    hard_before = True
    last: Glyph | None = None  # last visible glyph
    space_end: float | None = None
    for g in row:
        if _is_space(g.text):
            if current:
                space_end = g.x1 if space_end is None else max(space_end, g.x1)
                current.append(g)
            continue
        if last is not None:
            gap = g.x0 - last.x1
            em = max(min(g.size, last.size), 1.0)
            limit = SEGMENT_GAP_DRAWN if space_end is not None else SEGMENT_GAP
            bare = g.x0 - max(last.x1, space_end if space_end is not None else last.x1)
            hard = gap > limit * em
            if hard or bare > SEGMENT_GAP_BARE * em:
                segments.append((current, hard_before))
                current = []
                hard_before = hard
        current.append(g)
        last = g
        space_end = None
    if current:
        segments.append((current, hard_before))
    out: list[tuple[list[Glyph], bool]] = []
    for glyphs, hard in segments:
        glyphs = _strip(glyphs)
        if glyphs:
            out.append((glyphs, hard or not out))
    return out


def _strip(segment: list[Glyph]) -> list[Glyph]:
    start, end = 0, len(segment)
    while start < end and _is_space(segment[start].text):
        start += 1
    while end > start and _is_space(segment[end - 1].text):
        end -= 1
    return segment[start:end]


def _drawn_space_gap(segment: Sequence[Glyph]) -> float:
    """How wide (ems) a bare gap on a line that draws its spaces must be to be a space: what a
    space glyph of the line is wide (``DRAWN_SPACE_SHARE`` of their median), at most
    ``DRAWN_SPACE_WORD_GAP`` — a space's own width is the surest measure of one, where a
    fixed share of the em would miss a narrow font's spaces."""
    widths = sorted((g.x1 - g.x0) / max(g.size, 1.0) for g in segment
                    if _is_space(g.text) and g.x1 - g.x0 > 0.1 * g.size)
    if not widths:
        return DRAWN_SPACE_WORD_GAP
    return min(DRAWN_SPACE_WORD_GAP, DRAWN_SPACE_SHARE * widths[len(widths) // 2])


def words_of(segment: Sequence[Glyph]) -> tuple[Word, ...]:
    """The words of one line segment, with spaces decided from this line's own spacing."""
    drawn = any(_is_space(g.text) for g in segment)
    gaps = []
    prev: Glyph | None = None
    for g in segment:
        if _is_space(g.text):
            prev = None
            continue
        if prev is not None:
            gaps.append((g.x0 - prev.x1) / max(g.size, 1.0))
        prev = g
    letter = statistics.median(gaps) if gaps else 0.0
    letter = min(max(letter, 0.0), 0.3)
    threshold = letter + (_drawn_space_gap(segment) if drawn else NO_SPACE_WORD_GAP)
    words: list[Word] = []
    current: list[Glyph] = []
    last: Glyph | None = None
    pending_space = False
    for g in segment:
        if _is_space(g.text):
            pending_space = True
            continue
        if last is not None:
            em = max(min(g.size, last.size), 1.0)
            gap = (g.x0 - last.x1) / em
            if (((gap >= SPACE_MIN_GAP) if pending_space else (gap > threshold))
                    and not mark(g.text)) or direction_flips(last.text, g.text):
                words.append(_word(current))
                current = []
        current.append(g)
        last = g
        pending_space = False
    if current:
        words.append(_word(current))
    return tuple(words)


#: Glyph advances within this share of an em of each other are one monospaced pitch.
_PITCH_TOLERANCE = 0.02


def _pitch(glyphs: Sequence[Glyph]) -> float | None:
    widths = [g.x1 - g.x0 for g in glyphs if not _is_space(g.text)]
    if not widths or max(widths) - min(widths) > _PITCH_TOLERANCE * max(glyphs[0].size, 1.0):
        return None
    return statistics.median(widths)


def _word(glyphs: Sequence[Glyph]) -> Word:
    # a soft-hyphen code drawn inside a word before a capital or digit is a visible hyphen:
    # some fonts map their hyphen glyph to U+00AD ("pseudo\u00adAvicenne" printed as
    # "pseudo-Avicenne"), and no word breaks its syllables before a capital; before a small
    # letter it may be a syllable break drawn in the word ("develop\u00adment"), left to the
    # soft-hyphen repair, as is one at the word's end (a line-end break)
    text = "".join("-" if g.text == "\u00ad" and 0 < k < len(glyphs) - 1
                   and (glyphs[k + 1].text[:1].isupper() or glyphs[k + 1].text[:1].isdigit())
                   else g.text for k, g in enumerate(glyphs))
    fonts = [g for g in glyphs if g.text.isalnum()] or list(glyphs)
    bold = sum(is_bold(g.font) for g in fonts) * 2 > len(fonts)
    italic = sum(is_italic(g.font) for g in fonts) * 2 > len(fonts)
    return Word(text, glyphs[0].x0, max(g.x1 for g in glyphs), min(g.top for g in glyphs),
                max(g.bottom for g in glyphs), max(g.size for g in glyphs), bold, italic,
                _pitch(glyphs))


@attrs.frozen
class Row:
    """The segments of one row, left to right; ``hard[i]`` tells whether the white between
    segment ``i`` and ``i + 1`` surely separates two texts (see ``split_row``)."""

    segments: tuple[tuple[Word, ...], ...]
    hard: tuple[bool, ...]


def page_rows(glyphs: Sequence[Glyph]) -> list[Row]:
    """The page as rows (top to bottom) of line segments (left to right) of words."""
    from newsingest.parsers.pdf.dropcaps import place_drop_caps  # (it builds on this module)

    rows: list[Row] = []
    for row in place_drop_caps(rows_of(glyphs)):
        segments: list[tuple[Word, ...]] = []
        hard: list[bool] = []
        for glyph_list, hard_before in split_row(row):
            words = words_of(glyph_list)
            if not words:
                continue
            if not segments and len(words) > 1 and _UNDECODED_RUN.match(words[0].text) and \
                    "(cid:" not in words[1].text:
                # a symbol-font glyph (and its undecodable space) opening a line of text
                words = (_as_bullet(words[0]), *words[1:])
            if segments and _marker_only(segments[-1]) and \
                    words[0].x0 - segments[-1][-1].x1 <= MARKER_TAB_EMS * segments[-1][0].size \
                    and _same_baseline(segments[-1][0], words[0]):
                # "•" or "3." at its tab stop, then text (on its baseline: an equation's
                # number "(8)" centred on a display beside the next column's line is none)
                segments[-1] = (_as_bullet(segments[-1][0]), *words)
                continue
            if segments:
                hard.append(hard_before)
            segments.append(words)
        if segments:
            rows.append(Row(tuple(segments), tuple(hard)))
    return rows


_MARKER = re.compile(r"^(?:[•·▪‣◦●○■□\u2043*–—-]|\(?\d{1,3}[.)]|\(\d{1,3}\))$")
_UNDECODED = re.compile(r"^\(cid:\d+\)$")
_UNDECODED_RUN = re.compile(r"^(?:\(cid:\d+\))+$")


def _same_baseline(marker: Word, word: Word) -> bool:
    """Whether a marker stands on the text's baseline (a bullet glyph, smaller or larger than
    the letters, may stand a little off it: judged by the text's em)."""
    return abs(marker.bottom - word.bottom) <= 0.25 * word.size or \
        (not marker.text[:1].isalnum() and not marker.text.startswith("("))


def _as_bullet(word: Word) -> Word:
    """A lone glyph the font cannot decode (``(cid:127)``), set before text at a tab stop, is
    a bullet from a symbol font without a Unicode map: the text's own marker."""
    return word._replace(text="•") if _UNDECODED_RUN.match(word.text) else word


def _marker_only(words: Sequence[Word]) -> bool:
    """A segment that is a lone list marker: word processors and layout engines draw the
    marker on its own and start the text at a tab stop, often further than a space away.

    >>> _marker_only([Word("•", 72, 76, 0, 10, 10, False, False)])
    True
    >>> _marker_only([Word("2019.", 72, 96, 0, 10, 10, False, False)])
    False
    """
    return len(words) == 1 and (_MARKER.match(words[0].text) is not None
                                or _UNDECODED.match(words[0].text) is not None)
