"""Document statistics of lines read without page statistics (text dumps, pdfium, OCR).

The text twin of ``reflow.pagestats``, computed once per document and read by the text break
rules (``reflow.textrules``) and the text block types (``reflow.textblocks``): every line's
estimated width, the measure per column (``Measure``), the local measure of a run of lines set
narrower than the body (a block quote in a dump), and the document's paragraph habit (indents
the dump has lost). A text line's width is the typeset width of its words (``reflow.widths``);
a line with a box (pdfium, OCR) is measured by its box.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

import attrs

from newsingest.reflow.layout import (
    SPACE,
    ends_sentence,
    first_word,
    starts_lower,
)
from newsingest.reflow.lines import Line
from newsingest.reflow.markers import list_marker
from newsingest.reflow.widths import LONG_LINE, text_width

__all__ = ["INDENT", "Measure", "TextStats"]

#: A first-line indent, in em, that a dump has lost but the line's width still shows: a line
#: falling this much short of the measure while the next word would not have fitted was indented.
#: Newspaper columns indent by 1-1.5 em; measured widths carry some noise.
INDENT = 1.25
#: Measures (em) narrower than this are columns, where paragraphs are indented more often than not.
_NARROW = 30.0


@attrs.frozen
class Measure:
    """The measure (full line width) per column, in the unit line widths are given in."""

    by_column: dict[int | None, float]
    #: The widest lines' width per column (95th percentile, lines of pdftotext's merged
    #: "double" lines left out): the true measure, which the last line of a paragraph and an
    #: indented first line fall short of.
    top: dict[int | None, float] = attrs.field(factory=dict)

    @staticmethod
    def width(line: Line) -> float:
        """Width of a line: its box when known, else the estimated typeset width of its text."""
        if line.bbox is not None:
            return float(line.bbox[2] - line.bbox[0])
        return text_width(" ".join(line.text.split()))

    @staticmethod
    def scale(line: Line) -> float:
        """Units per em for this line (1 for text lines, points per em for PDF lines)."""
        if line.bbox is None:
            return 1.0
        em = text_width(" ".join(line.text.split()))
        return (line.bbox[2] - line.bbox[0]) / em if em > 0 else (line.font_size or 10.0)

    @classmethod
    def of(cls, lines: Sequence[Line]) -> Measure:
        """The 85th percentile of the widths of lines with four words or more, per column."""
        widths: dict[int | None, list[float]] = {}
        for line in lines:
            if len(line.text.split(maxsplit=3)) >= 4:
                widths.setdefault(line.column, []).append(cls.width(line))
        out: dict[int | None, float] = {}
        top: dict[int | None, float] = {}
        for column, values in widths.items():
            values.sort()
            out[column] = values[min(len(values) - 1, int(0.85 * len(values)))]
            kept = [v for v in values if v <= 1.2 * out[column]]
            top[column] = kept[min(len(kept) - 1, int(0.95 * len(kept)))]
        return cls(out, top)

    def of_line(self, line: Line) -> float:
        return self._lookup(self.by_column, line)

    def top_of_line(self, line: Line) -> float:
        return self._lookup(self.top, line)

    @staticmethod
    def _lookup(table: dict[int | None, float], line: Line) -> float:
        if line.column in table:
            return table[line.column]
        if None in table:
            return table[None]
        return max(table.values(), default=0.0)


def _widths(lines: Sequence[Line]) -> tuple[float, ...]:
    return tuple(Measure.width(line) for line in lines)


def _segments(lines: Sequence[Line], widths: Sequence[float]) -> dict[int, float]:
    """A run of three or more lines between blank lines is a paragraph whose widest line
    shows its measure (dumps where a quote or an aside is set narrower than the body)."""
    out: dict[int, float] = {}
    run: list[int] = []
    for i in range(len(lines) + 1):
        if i < len(lines) and lines[i].text.strip():
            run.append(i)
            continue
        if len(run) >= 3 and len(run) < len(lines) // 2:
            widest = max(widths[j] for j in run)
            out.update(dict.fromkeys(run, widest))
        run = []
    return out


@attrs.frozen
class TextStats:
    """The statistics of one document's lines that the text break rules share; line ``i`` is
    the engine's ``i``-th line (its position, not ``Line.index``)."""

    lines: tuple[Line, ...]
    widths: tuple[float, ...]
    measure: Measure
    #: the local measure of lines in a run set narrower than the body (see ``_segments``)
    segment: dict[int, float]
    #: whether the document's paragraphs had first-line indents the dump has lost
    indented: bool = False
    #: the usual white above a line, the body's font size and indent, where lines carry them
    gap: float | None = None
    body_size: float | None = None
    body_indent: float | None = None

    @classmethod
    def of(cls, lines: Sequence[Line], measure: Measure) -> TextStats:
        """The statistics of ``lines`` (all of a document's lines) against ``measure`` (the
        body's)."""
        lines = tuple(lines)
        widths = _widths(lines)
        gaps = [ln.gap_above for ln in lines if ln.gap_above is not None and ln.gap_above > 0]
        sizes = [ln.font_size for ln in lines if ln.font_size is not None]
        indents = [ln.indent for ln in lines if ln.indent is not None]
        stats = cls(lines, widths, measure, _segments(lines, widths),
                    gap=statistics.median(gaps) if gaps else None,
                    body_size=statistics.median(sizes) if sizes else None,
                    body_indent=statistics.median(indents) if indents else None)
        return attrs.evolve(stats, indented=stats._indented())

    def with_lines(self, lines: Sequence[Line]) -> TextStats:
        """The same statistics over changed texts of the same lines (compounds restored): the
        widths are measured again, the habits stay those of the lines as printed."""
        lines = tuple(lines)
        return attrs.evolve(self, lines=lines, widths=_widths(lines))

    def overlong(self, i: int) -> bool:
        """A text line far wider than the measure: two printed lines an extractor ran together."""
        line = self.lines[i]
        return line.bbox is None and len(line.text) <= LONG_LINE and \
            self.widths[i] > 1.2 * self.measure.top_of_line(line) > 0

    def width(self, i: int) -> float:
        return self.widths[i]

    def full(self, i: int) -> float:
        """The measure line ``i`` was set to: its column's, or its own run's if narrower."""
        segment = self.segment.get(i)
        base = self.measure.of_line(self.lines[i])
        return min(base, segment) if segment else base

    def top(self, i: int) -> float:
        """The true measure of line ``i`` (the widest lines'), narrowed like ``full``."""
        segment = self.segment.get(i)
        base = self.measure.top_of_line(self.lines[i])
        return min(base, segment) if segment else base

    def room(self, i: int) -> float:
        """How far line ``i`` falls short of the measure, in em."""
        return (self.top(i) - self.width(i)) / Measure.scale(self.lines[i])

    def fits(self, i: int, j: int, limit: float | None = None) -> bool:
        """Would line ``j``'s first word have fitted at the end of line ``i``?"""
        line = self.lines[i]
        limit = self.full(i) if limit is None else limit
        extra = (SPACE + text_width(first_word(self.lines[j].text))) * Measure.scale(line)
        return self.width(i) + extra <= limit * 0.99

    def full_line(self, i: int, j: int) -> bool:
        """Line ``i`` was filled: ``j``'s first word would not have fitted, and it is one line."""
        return not self.fits(i, j, self.top(i)) and self.width(i) <= 1.05 * self.top(i)

    def very_short(self, i: int) -> bool:
        return bool(self.lines[i].text.strip()) and self.width(i) < 0.35 * self.full(i)

    def run_word(self, i: int) -> bool:
        """A line of one word far short of the measure: pdftotext's piece of a stretched line."""
        return self.very_short(i) and len(self.lines[i].text.split()) == 1

    def pieces(self, group: Sequence[int]) -> list[int]:
        """The trailing lines of ``group`` that may be pieces of one stretched line: far short
        of the measure, one or two words each."""
        out: list[int] = []
        for k in reversed(group):
            if self.width(k) >= 0.5 * self.full(k) or len(self.lines[k].text.split()) > 2:
                break
            out.append(k)
        return out[::-1]

    def next_content(self, i: int) -> int | None:
        """The next non-blank line after ``i`` (a column break may leave a blank between)."""
        for j in range(i + 1, min(i + 3, len(self.lines))):
            if self.lines[j].text.strip():
                return j
        return None

    def _indented(self) -> bool:
        """Whether paragraphs are set with a first-line indent that the dump has lost.

        Evidence: clear paragraph starts (after a sentence end with plenty of room left) that
        are full lines themselves. Indented, they fall short of the measure by the indent;
        otherwise about a quarter of them reach it (measured on news dumps: 3% and 25% come
        within half an em). The prior is the measure: columns of under ~65 characters are
        newspaper and book settings, which indent; wider pages space their paragraphs.
        Layout lines carry their indent: this is for text lines.
        """
        content = [i for i, ln in enumerate(self.lines) if ln.text.strip() and ln.bbox is None]
        if not content:
            return False
        first = content[0]
        score = 1.0 if self.top(first) < _NARROW * Measure.scale(self.lines[first]) else -1.0
        for a, b, c in zip(content, content[1:], content[2:], strict=False):
            if b != a + 1 or c != b + 1:
                continue
            prev, text = self.lines[a].text.strip(), self.lines[b].text.strip()
            if not ends_sentence(prev) or len(prev.split()) < 2 or len(text.split()) < 3 or \
                    starts_lower(text) or list_marker(text) is not None:
                continue
            extra = SPACE + text_width(first_word(text)) + 1.5
            if self.width(a) + extra * Measure.scale(self.lines[a]) > self.top(a):
                continue  # not clearly a paragraph end
            if not self.full_line(b, c):
                continue
            if ends_sentence(text) and not starts_lower(self.lines[c].text):
                continue
            # log-likelihood ratios of "reaches the measure" and "falls short", indented or not
            score += -1.6 if self.room(b) < 0.5 else 0.24
        return score > 0
