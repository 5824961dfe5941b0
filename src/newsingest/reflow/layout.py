"""Join-or-break decisions between consecutive lines, and block types, from the evidence at hand.

Layout evidence (a PDF line's gap above, indent, font size, weight, box) is used when present;
otherwise the text's own evidence: blank lines, list markers, sentence ends, letter case, and
whether the next line's first word would have fitted on this line. "Fitted" is measured against
the measure of the text (a high percentile of line widths, per column) and, to recognise block
quotes set to a narrower measure, against the local measure of the lines around the break.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence

import attrs

from newsingest.model import BlockType
from newsingest.reflow.lines import Line
from newsingest.reflow.markers import ListMarker, list_marker
from newsingest.reflow.widths import LONG_LINE, text_width

__all__ = ["Decider", "Measure", "ends_sentence"]

_TERMINAL = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
#: A line ending in one of these ends with an abbreviation, not a sentence ("said Rep." / "Brian").
_ABBREVIATION = re.compile(
    r"(?:^|\s)(?:[A-Z]|Mr|Mrs|Ms|Dr|Prof|Rep|Sen|Gov|Gen|Lt|Col|Sgt|Capt|St|Rev|Hon|Jr|Sr|Inc"
    r"|Corp|Co|No|Vol|U\.S|U\.N|U\.K|e\.g|i\.e|vs|approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct"
    r"|Nov|Dec)\.$"
)
_SPACE = text_width(" ")
#: Lines ending in a word that cannot end a sentence continue on the next line.
_FUNCTION_WORD = re.compile(
    r"(?:^|\s)(?:a|an|the|of|to|in|into|for|and|or|but|nor|with|at|by|from|on|as|that|than|"
    r"his|her|its|their|our|my|your|this|these|those|former|is|are|was|were|be|been|has|have|"
    r"had|will|would|who|which|whose|de|da|do|la|le|les|el|los|und|der|die|das|den|dem|des|"
    r"ein|eine|il|di|del|della|e|et|y|o|em|no|na|com|para|por)$",
)
_MONTH_END = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)$"
)
#: A first-line indent, in em, that a dump has lost but the line's width still shows: a line
#: falling this much short of the measure while the next word would not have fitted was indented.
#: Newspaper columns indent by 1-1.5 em; measured widths carry some noise.
INDENT = 1.25
#: Measures (em) narrower than this are columns, where paragraphs are indented more often than not.
_NARROW = 30.0
#: Wrapped lines under this share of the measure were set to a narrower one (block quotes).
_QUOTE_MEASURE = 0.9


def ends_sentence(text: str) -> bool:
    """Whether a line ends like a sentence or a quotation does.

    >>> ends_sentence("in the email."), ends_sentence("the ongoing Ukraine")
    (True, False)
    >>> ends_sentence("“he said,”"), ends_sentence("a quote.”"), ends_sentence("said Rep.")
    (False, True, False)
    """
    text = text.rstrip()
    return bool(_TERMINAL.search(text)) and not _ABBREVIATION.search(text)


def _starts_lower(text: str) -> bool:
    """A line that continues a sentence: lower case ("eZ", "iPhone" are names) or closing marks."""
    word = _first_word(text)
    if not word or word in ("...", "…"):
        return False  # "... Penn State quarterback": an ellipsis leads a new item
    if word[0] in "'’" and word[1:2].islower():  # "'s Conservative Party" after "Britain"
        return True
    return (word[0].islower() and not any(ch.isupper() for ch in word)) or word[0] in ",.;:)]}%"


def _shouting(text: str) -> bool:
    """A line in capitals, two words or more, no sentence end: a heading or a kicker.

    >>> _shouting("CLICK FOR FULL RESULTS"), _shouting("The NFL and NBA"), _shouting("USA.")
    (True, False, False)
    """
    letters = [ch for ch in text if ch.isalpha()]
    return len(text.split()) >= 2 and len(letters) >= 6 and \
        all(ch.isupper() for ch in letters) and not ends_sentence(text)


def _first_word(text: str) -> str:
    parts = text.split(maxsplit=1)
    return parts[0] if parts else ""


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


class Decider:
    """Decides breaks between lines and the type of each block, for one document."""

    def __init__(self, lines: Sequence[Line], measure: Measure) -> None:
        self._lines = lines
        self._widths: dict[int, float] = {}
        self.measure = measure
        self.soft: set[int] = set()  # first lines of blocks that started on a "fits" break only
        self.narrow: set[int] = set()  # first lines of blocks merged from narrow-measure runs
        gaps = [ln.gap_above for ln in lines if ln.gap_above is not None and ln.gap_above > 0]
        self.gap = statistics.median(gaps) if gaps else None
        sizes = [ln.font_size for ln in lines if ln.font_size is not None]
        self.body_size = statistics.median(sizes) if sizes else None
        indents = [ln.indent for ln in lines if ln.indent is not None]
        self.body_indent = statistics.median(indents) if indents else None
        self._segment = self._segments()
        self.indented = self._indented()

    def overlong(self, i: int) -> bool:
        """A text line far wider than the measure: two printed lines an extractor ran together."""
        line = self.lines[i]
        return line.bbox is None and len(line.text) <= LONG_LINE and \
            self.width(i) > 1.2 * self.measure.top_of_line(line) > 0

    @property
    def lines(self) -> Sequence[Line]:
        return self._lines

    @lines.setter
    def lines(self, lines: Sequence[Line]) -> None:
        self._lines = lines
        self._widths.clear()

    def width(self, i: int) -> float:
        """Width of line ``i``, measured once: every break decision reads a few widths."""
        width = self._widths.get(i)
        if width is None:
            width = self._widths[i] = Measure.width(self._lines[i])
        return width

    def full(self, i: int) -> float:
        """The measure line ``i`` was set to: its column's, or its own paragraph's if narrower.

        A run of three or more lines between blank lines is a paragraph whose widest line shows
        its measure (dumps where a quote or an aside is set narrower than the body).
        """
        segment = self._segment.get(i)
        base = self.measure.of_line(self.lines[i])
        return min(base, segment) if segment else base

    def _segments(self) -> dict[int, float]:
        out: dict[int, float] = {}
        run: list[int] = []
        for i in range(len(self.lines) + 1):
            if i < len(self.lines) and self.lines[i].text.strip():
                run.append(i)
                continue
            if len(run) >= 3 and len(run) < len(self.lines) // 2:
                widest = max(self.width(j) for j in run)
                out.update(dict.fromkeys(run, widest))
            run = []
        return out

    def top(self, i: int) -> float:
        """The true measure of line ``i`` (the widest lines'), narrowed like ``full``."""
        segment = self._segment.get(i)
        base = self.measure.top_of_line(self.lines[i])
        return min(base, segment) if segment else base

    def room(self, i: int) -> float:
        """How far line ``i`` falls short of the measure, in em."""
        return (self.top(i) - self.width(i)) / Measure.scale(self.lines[i])

    def _full_line(self, i: int, j: int) -> bool:
        """Line ``i`` was filled: ``j``'s first word would not have fitted, and it is one line."""
        return not self.fits(i, j, self.top(i)) and self.width(i) <= 1.05 * self.top(i)

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
                    _starts_lower(text) or list_marker(text) is not None:
                continue
            extra = _SPACE + text_width(_first_word(text)) + 1.5
            if self.width(a) + extra * Measure.scale(self.lines[a]) > self.top(a):
                continue  # not clearly a paragraph end
            if not self._full_line(b, c):
                continue
            if ends_sentence(text) and not _starts_lower(self.lines[c].text):
                continue
            # log-likelihood ratios of "reaches the measure" and "falls short", indented or not
            score += -1.6 if self.room(b) < 0.5 else 0.24
        return score > 0

    def fits(self, i: int, j: int, limit: float | None = None) -> bool:
        """Would line ``j``'s first word have fitted at the end of line ``i``?"""
        line = self.lines[i]
        limit = self.full(i) if limit is None else limit
        extra = (_SPACE + text_width(_first_word(self.lines[j].text))) * Measure.scale(line)
        return self.width(i) + extra <= limit * 0.99

    def _layout_break(self, prev: Line, cur: Line) -> bool | None:
        if cur.gap_above is not None and self.gap is not None and \
                cur.gap_above > 1.5 * self.gap + 1.0:
            return True
        if cur.font_size is not None and prev.font_size is not None and \
                abs(cur.font_size - prev.font_size) > 0.6:
            return True
        if cur.bold is not None and prev.bold is not None and cur.bold != prev.bold and \
                not _starts_lower(cur.text):
            return True
        if cur.indent is not None and prev.indent is not None and cur.page == prev.page and \
                cur.column == prev.column:
            em = cur.font_size or 10.0
            if cur.indent > prev.indent + 0.6 * em and list_marker(prev.text) is None:
                return True
        return None

    def breaks(self, group: Sequence[int], i: int, blank_before: bool) -> bool:
        """Whether line ``i`` starts a new block after the lines of ``group``."""
        p = group[-1]
        prev, cur = self.lines[p], self.lines[i]
        prev_text, cur_text = prev.text.strip(), cur.text.strip()
        marker = list_marker(cur_text)
        if marker is not None and self._item_starts(marker, prev_text, group, blank_before):
            return True
        hyphenated = prev_text.endswith(("-", "\u2010", "\u00ad"))
        if _starts_lower(cur_text) and (not ends_sentence(prev_text) or hyphenated):
            return False
        layout = self._layout_break(prev, cur)
        if layout is not None:
            return layout
        if blank_before:
            # a column or page break inside a paragraph leaves a blank line after a filled
            # line in mid-sentence; anything else before a blank line ends its block
            return ends_sentence(prev_text) or prev_text.endswith(":") or \
                self.fits(p, i) or _shouting(prev_text) or self._very_short(i)
        if _starts_lower(cur_text) or (hyphenated and cur_text[:1].isalpha()):
            return False
        if prev_text.endswith(":"):
            return True
        if _shouting(prev_text) != _shouting(cur_text) and not prev_text.endswith(",") and \
                not _FUNCTION_WORD.search(prev_text):
            return True  # "CLICK FOR FULL STATE SWIM RESULTS" / "Summary: …": a heading
        full = self.full(p)
        pieces = self._pieces(group)
        if pieces:
            # pdftotext printed a stretched justified line a word a line ("regards" / "to" /
            # "purchasing"): the run goes on while words come one a line, and a run of pieces
            # was a justified, so not a paragraph's last, line
            if self._run_word(i) and not ends_sentence(prev_text):
                return False
            if len(pieces) >= 2:
                return False
        if ends_sentence(prev_text):
            # Measured on news dumps: a sentence end at a line end followed by a capital starts a
            # new paragraph more often than not, even when the next word would not have fitted.
            # Where paragraphs are indented, a filled line that reaches the measure is no
            # paragraph start: the sentence goes on in the same paragraph.
            self.soft.add(i)
            if cur.breaks_shown and not self.fits(p, i):
                return False  # the dump shows its breaks and shows none here: it goes on
            nxt = self._next_content(i)
            return not (self.indented and not self.fits(p, i) and nxt is not None
                        and self._full_line(i, nxt) and self.room(i) < INDENT)
        if not self.fits(p, i):
            return False
        # no sentence end: a short line before a capital ends a heading or an unpunctuated line
        if _FUNCTION_WORD.search(prev_text):
            return False  # "…, and Tim Morrison, a former" / "National Security Council"
        if self.width(p) < 0.5 * full:
            return True  # far short of the measure: a heading, a label, a credit line
        if len(group) <= 2 and self.width(p) < 0.75 * full:
            nxt = i + 1
            if nxt >= len(self.lines) or not self.lines[nxt].text.strip() or \
                    not self.fits(i, nxt):
                return True
        return False

    def _next_content(self, i: int) -> int | None:
        """The next non-blank line after ``i`` (a column break may leave a blank between)."""
        for j in range(i + 1, min(i + 3, len(self.lines))):
            if self.lines[j].text.strip():
                return j
        return None

    def _item_starts(
        self, marker: ListMarker, prev_text: str, group: Sequence[int], blank_before: bool
    ) -> bool:
        """Whether a line with a list marker starts an item (not "(Oct." / "13) and …")."""
        if prev_text.count("(") > prev_text.count(")"):
            return False
        # after an unfinished sentence "4." is a date's day and a dash is punctuation
        return (blank_before or ends_sentence(prev_text) or prev_text.endswith(":")
                or list_marker(self.lines[group[0]].text) is not None
                or (not marker.ordered and marker.marker not in "-–—")
                or (marker.ordered and not _FUNCTION_WORD.search(prev_text)
                    and not _MONTH_END.search(prev_text)))

    def _run_word(self, i: int) -> bool:
        """A line of one word far short of the measure: pdftotext's piece of a stretched line."""
        return self._very_short(i) and len(self.lines[i].text.split()) == 1

    def _pieces(self, group: Sequence[int]) -> list[int]:
        """The trailing lines of ``group`` that may be pieces of one stretched line: far short
        of the measure, one or two words each."""
        out: list[int] = []
        for k in reversed(group):
            if self.width(k) >= 0.5 * self.full(k) or len(self.lines[k].text.split()) > 2:
                break
            out.append(k)
        return out[::-1]

    def _very_short(self, i: int) -> bool:
        return bool(self.lines[i].text.strip()) and \
            self.width(i) < 0.35 * self.full(i)

    def merge_narrow(self, groups: list[list[int]]) -> list[list[int]]:
        """Undo "fits" breaks inside runs of lines set to a narrower measure (block quotes).

        The widest line of the run merged so far is carried along, so each line is measured
        once however long the run grows.
        """
        if not groups:
            return groups
        out = [groups[0]]
        widest = max(self.width(i) for i in groups[0])
        for group in groups[1:]:
            last = out[-1]
            if group[0] in self.soft and len(group) >= 2 and \
                    self._narrow_pair(last, group, widest):
                last.extend(group)
                self.narrow.add(last[0])
                widest = max(widest, max(self.width(i) for i in group))
            else:
                out.append(group)
                widest = max(self.width(i) for i in group)
        self.narrow.update(out[k][0] for k in range(len(out)) if self._set_narrower(out, k))
        return out

    def _narrow_pair(self, first: Sequence[int], second: Sequence[int], widest: float) -> bool:
        """Whether the break between ``first`` (whose widest line is ``widest``) and ``second``
        falls inside one run set narrower than the text."""
        a, b = first[-1], second[0]
        full = self.full(a)
        wa, wb = self.width(a), self.width(b)
        wp = self.width(first[-2]) if len(first) >= 2 else 0.0
        local = max(wp, wa, wb)
        if not (local < 0.88 * full and wa >= 0.6 * full and wb >= 0.8 * local
                and not self.fits(a, b, local)):
            return False
        # the whole run must be set narrower than the text, not just the lines at the break
        return max(widest, *(self.width(i) for i in second[:-1])) < 0.92 * full

    def _widest_wrapped(self, group: Sequence[int]) -> float:
        """The widest wrapped line of ``group`` (all but its last) as a share of the measure."""
        measure = self.measure.of_line(self.lines[group[0]])
        return max(self.width(i) for i in group[:-1]) / measure if measure > 0 else 1.0

    def _set_narrower(self, groups: Sequence[Sequence[int]], k: int) -> bool:
        """Block ``k`` has three lines or more whose wrapped lines all stop well short of the
        text's measure, next to a block set to the full measure: a block quote.

        Measured on news dumps: of blocks whose wrapped lines all stay under 90% of the
        measure, 61 of 63 were block quotes. A neighbour at full measure shows that the text's
        measure is not simply narrow there (copied text wrapped at varying widths).
        """
        group = groups[k]
        if len(group) < 3 or any(self.lines[i].bbox is not None for i in group) or \
                self._widest_wrapped(group) >= _QUOTE_MEASURE:
            return False
        near = [groups[j] for j in (k - 1, k + 1) if 0 <= j < len(groups) and len(groups[j]) >= 2]
        return any(self._widest_wrapped(g) >= _QUOTE_MEASURE for g in near)

    def classify(self, group: Sequence[int], previous_text: str) -> BlockType:
        """The block type of a group of lines, given the previous block's text."""
        first = self.lines[group[0]]
        text = " ".join(self.lines[i].text.strip() for i in group)
        if list_marker(first.text) is not None:
            return BlockType.LIST_ITEM
        size = first.font_size
        bigger = size is not None and self.body_size is not None and size > self.body_size + 0.6
        if (len(group) <= 2 and len(text.split(maxsplit=14)) <= 14 and not ends_sentence(text)
                and (text[:1].isupper() or text[:1].isdigit() or bigger or first.bold
                     or not any(ch.isalnum() for ch in text))  # a "___" section rule
                and not text.endswith(",") and (bigger or first.bold is not False)):
            return BlockType.HEADING
        if group[0] in self.narrow:
            return BlockType.QUOTE
        if previous_text.rstrip().endswith(":") and not _headline(text):
            return BlockType.QUOTE
        body_indent = self.body_indent
        if body_indent is not None and all(
            (indent := self.lines[i].indent) is not None and indent > body_indent + 8
            for i in group
        ):
            return BlockType.QUOTE
        if first.italic and all(self.lines[i].italic for i in group):
            return BlockType.QUOTE
        return BlockType.PARAGRAPH


def _headline(text: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_][\w'’\-]*", text) if len(w) >= 4]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.8 * len(words)
