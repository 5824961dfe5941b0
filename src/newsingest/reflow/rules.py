"""Break rules: does this line start a new block, or go on with the last?

One mechanism for every parser. Each rule looks at one kind of evidence and says ``BREAK``,
``JOIN`` or ``ABSTAIN`` (its evidence is absent or says nothing). :data:`RULES` tries them in
order and the first verdict wins; when all abstain, the line joins. A :class:`Pair` carries the
evidence the lines have: page statistics (``stats``, ``reflow.pagestats``) for laid-out lines
of the PDF parser — gaps, fonts, indents against a column — or text statistics (``text``,
``reflow.textstats``) for lines read without them — a text dump's blank lines, widths and
words, or pdfium's and OCR's lines. The order, strongest evidence first:

0. ``code_listing`` — a code listing's lines (``reflow.code``) go on with each other and
   break from prose;
1. ``list_item`` — a list marker that starts an item (decided by :func:`item_start` on a page,
   ``textrules.text_item_start`` in text);
2. ``after_leader`` — the line above ended in a dot leader and a page number (a contents
   entry);

laid-out lines (each abstains without page statistics, ``laid_out``):

3. ``font_change`` — a change of size, or of weight unless a sentence runs on;
4. ``slant_change`` — a switch to or from italic, unless a sentence runs on across it;
5. ``gap`` — white above the line taller than the document's line gap (same flow only);
6. ``measure_change`` — at a column or page break, a column of a very different width (a
   margin sidebar's last line, then the main column's first);
7. ``item_body`` — inside a list item: a line at the hanging indent goes on, else it breaks;
8. ``body_edge`` — in a block of two lines or more, a line leaving the block's left edge;
9. ``first_line_indent`` — a first-line indent after a flush line;
10. ``out_of_quote`` — a flush line after a one-line indented quote;
11. ``line_end`` — the previous line ended its paragraph: the next word would have fitted on
    it, or it closes a sentence well short of the measure (at a column or page break, or in a
    justified column). It never abstains on a laid-out line;

lines without page statistics (each abstains on a laid-out line; ``reflow.textrules``):

12. ``lower_case_runs_on``, 13. ``drawn_break``, 14. ``blank_line``, 15. ``word_runs_on``,
16. ``colon``, 17. ``capitals_change``, 18. ``stretched_line``, 19. ``sentence_end``,
20. ``no_room``, 21. ``open_word``, 22. ``short_line``.

Statistics come from one place each (``PageStats.of``, ``TextStats.of``, once per document);
every rule is a plain function of a :class:`Pair`, unit-tested on its own.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

import attrs

from newsingest.reflow.contents import LEADER
from newsingest.reflow.layout import ends_sentence
from newsingest.reflow.lines import Line
from newsingest.reflow.markers import list_marker
from newsingest.reflow.pagestats import (
    PageStats,
    box,
    flow,
    more_white,
    size,
    size_changed,
)
from newsingest.reflow.textrules import TEXT_RULES, TextEvidence
from newsingest.reflow.verdict import Verdict

__all__ = ["RULES", "Open", "Pair", "Rule", "Verdict", "after_leader", "decide", "decide_by",
           "ended", "item_start", "laid_out", "measure_change"]

#: A first-line indent of at least this many ems starts a paragraph.
INDENT_EMS = 0.6
#: A block indented this many ems from its column (on every line) is a quote.
QUOTE_EMS = 1.2
#: A list item's next line within this many ems of its hanging indent continues it (hanging
#: indents align exactly; a typed paragraph indent may fall near them).
HANG_EMS = 0.3
#: A line this far (ems) from its column's right edge is short (a paragraph's last line).
SHORT_EMS = 2.5

_TYPED_BULLETS = ("*", "-", "\u2013", "\u2014")
#: Closing quotation marks and the opening mark each needs before it on the line.
_CLOSERS = {'"': '"', "\u201d": "\u201c", "\u2019": "\u2018", "'": "'", "\u00bb": "\u00ab"}


def ended(text: str, before: str = "") -> bool:
    """A sentence end, or a closing quotation mark ending a quoted title line — one opened on
    the line or on the block's lines ``before`` it: the apostrophe of "The millers'" closes
    nothing (a straight ``'`` opens only at a word start: "don't" opens nothing either).

    >>> ended('the end.'), ended('"We write with urgency"'), ended('and the')
    (True, True, False)
    >>> ended("The millers'"), ended("\u2018Not now\u2019"), ended('a disaster"', 'it "was')
    (False, True, True)
    """
    text = text.rstrip()
    if ends_sentence(text):
        return True
    opener = _CLOSERS.get(text[-1:])
    if opener is None:
        return False
    opened = f"{before} {text[:-1]}"
    return f" {opener}" in opened if opener == "'" else opener in opened


@attrs.define
class Open:
    """The block being built: its lines (in order) and whether it started as a list item."""

    lines: list[Line] = attrs.field(factory=list)
    item: bool = False


@attrs.frozen
class Pair:
    """The evidence at one line break: the open block, the next line, and the statistics of
    whatever evidence the lines carry — ``stats`` for laid-out lines (page statistics: boxes,
    gaps, fonts), ``text`` for lines read without them (widths, blank lines). A rule whose
    evidence is absent abstains."""

    stats: PageStats | None
    block: Open
    cur: Line
    starts_item: bool = False
    text: TextEvidence | None = None

    @property
    def page(self) -> PageStats:
        """The page statistics, for a rule that has checked they are there."""
        assert self.stats is not None
        return self.stats

    @property
    def prev(self) -> Line:
        return self.block.lines[-1]

    @property
    def first(self) -> Line:
        return self.block.lines[0]

    @property
    def same_flow(self) -> bool:
        return flow(self.cur) == flow(self.prev)

    @property
    def em(self) -> float:
        return size(self.cur)

    def measure(self) -> float:
        """The right edge of the block's lines: its column's, or for an indented or italic
        block (a quote, often set ragged inside a justified column) the widest line so far;
        a list item is indented by its marker but runs to the column's edge."""
        prev = self.prev
        if self.block.item:
            return self.page.column(prev).right
        if self.page.indent(prev) > QUOTE_EMS * size(prev) or any(
                ln.italic for ln in self.block.lines):
            return max(box(ln)[2] for ln in self.block.lines)
        return self.page.column(prev).right

    def fits(self) -> bool:
        """Would ``cur``'s first word have fitted at the end of the block's last line? Then a
        typesetter filling lines would have put it there: that line ended a paragraph.

        An indented block (a quote) has its own, unknown measure: the widest of its lines so
        far stands in for it, which errs on the side of going on. In a flow broken by hand
        (``PageStats.hand_wrapped``) the question says nothing: never.
        """
        prev = self.prev
        if prev.text.rstrip().endswith(("-", "\u2010", "\u00ad")) or \
                flow(prev) in self.page.hand_wrapped:
            return False
        room = self.measure() - box(prev)[2]
        lead = self.cur.lead or 0.0
        return lead > 0 and lead + 0.3 * size(prev) < room - 1.0

    def mid_sentence(self) -> bool:
        """The block's last line is full and open (no sentence end, the next word would not
        have fitted): the text runs on into ``cur`` whatever its slant — a long italic title
        or phrase can make a line of a paragraph mostly italic."""
        prev = self.prev
        return not (ended(prev.text) or self.page.short(prev, SHORT_EMS) or self.fits())

    def line_ended(self) -> bool:
        """Whether the block's last line ended its paragraph (see :func:`line_end`)."""
        prev = self.prev
        closed = ended(prev.text, " ".join(ln.text for ln in self.block.lines[-4:-1]))
        short = box(prev)[2] < self.measure() - SHORT_EMS * size(prev)
        justified = self.page.column(self.cur).justified
        if flow(prev) in self.page.hand_wrapped:
            # typed line breaks: a sentence ending on a line a quarter shorter than the
            # measure ends its paragraph (typed lines vary less than that); at a column or
            # page break, where no blank line can show, a full stop before a capital does (a
            # typed paragraph ends on a sentence end more often than a line inside one
            # happens to)
            col = self.page.column(prev)
            return closed and (box(prev)[2] < col.right - 0.25 * (col.right - col.left) or (
                not self.same_flow and prev.text.rstrip()[-1:] in ".!?\"\u201d"
                and self.cur.text.lstrip("\"'\u201c\u2018")[:1].isupper()))
        return self.fits() or (closed and short and (justified or not self.same_flow))


Rule = Callable[[Pair], Verdict]


def laid_out(rule: Rule) -> Rule:
    """A rule that reads page statistics (boxes, gaps, fonts): it abstains on lines read
    without them."""
    @functools.wraps(rule)
    def checked(p: Pair) -> Verdict:
        return Verdict.ABSTAIN if p.stats is None else rule(p)
    return checked


def _verdict(flag: bool) -> Verdict:
    return Verdict.BREAK if flag else Verdict.JOIN


def code_listing(p: Pair) -> Verdict:
    """A code listing's lines stay together, line breaks and all, and apart from prose; a
    listing is not taken to run on into another flow (a column or page break may start
    another listing)."""
    if not (p.cur.code or p.prev.code):
        return Verdict.ABSTAIN
    return _verdict(bool(p.cur.code) != bool(p.prev.code) or not p.same_flow)


def list_item(p: Pair) -> Verdict:
    """A line that starts a list item starts a block."""
    return Verdict.BREAK if p.starts_item else Verdict.ABSTAIN


def after_leader(p: Pair) -> Verdict:
    """A line ending in a dot leader and a page number is a whole contents entry (or index
    line): the next line starts another one, whatever its width or the white above it. An
    entry too long for one line runs on until its leader, so only the line above counts."""
    return Verdict.BREAK if LEADER.search(p.prev.text) else Verdict.ABSTAIN


@laid_out
def font_change(p: Pair) -> Verdict:
    """A change of font size (over 0.6 pt) or weight starts a block — a change of weight
    alone not where the line above already ends in the next line's weight (a bold lead phrase
    ending inside it), nor while a sentence runs on: the line before is open (no sentence end), ends
    about where the next line ends (``_RUN_ON_EMS``) and the next word would not have
    fitted on it (a bold lead phrase filling a ragged first line; in a flow broken by hand,
    where that last question says nothing, the first two decide)."""
    if p.cur.font_size is None or p.prev.font_size is None:
        return Verdict.ABSTAIN
    if size_changed(p.cur, p.prev):
        return Verdict.BREAK
    if p.cur.bold != p.prev.bold:
        if p.prev.bold_end is not None and p.prev.bold_end == p.cur.bold:
            return Verdict.ABSTAIN  # the weight changed inside the line above, not at the break
        # as full as the line it would run on into (a column's measure may be wider than the
        # lines beside a float)
        col = p.page.column(p.prev)
        full = (abs(box(p.prev)[2] - box(p.cur)[2]) <= _RUN_ON_EMS * size(p.prev)
                and box(p.prev)[2] - box(p.prev)[0] >= 0.4 * (col.right - col.left))
        runs_on = (p.same_flow and full and not ended(p.prev.text)
                   and (flow(p.prev) in p.page.hand_wrapped or not p.fits()))
        return Verdict.ABSTAIN if runs_on else Verdict.BREAK
    return Verdict.ABSTAIN


#: A line ending within this many ems of the next one is full enough to run on into it (a
#: heading wider than the byline under it is not), if it is not short anyway (under 40% of
#: its column: a short heading over a byline as short).
_RUN_ON_EMS = 2.0


@laid_out
def slant_change(p: Pair) -> Verdict:
    """A switch to or from italic (a quote) starts a block, unless a sentence runs on."""
    if p.cur.italic is None or p.prev.italic is None or p.cur.italic == p.prev.italic:
        return Verdict.ABSTAIN
    return Verdict.ABSTAIN if p.same_flow and p.mid_sentence() else Verdict.BREAK


@laid_out
def gap(p: Pair) -> Verdict:
    """White above the line taller than the usual line gap (by a third of an em) breaks;
    only within one flow, where the gap was measured."""
    white = p.cur.gap_above
    if not p.same_flow or white is None:
        return Verdict.ABSTAIN
    return Verdict.BREAK if more_white(white, p.page.line_gap(p.cur), p.em) else Verdict.ABSTAIN


#: Two columns whose widths differ more than this ratio are not one text's columns.
MEASURE_RATIO = 0.6
#: ... when each shows its measure on this many lines.
MEASURE_LINES = 3


@laid_out
def measure_change(p: Pair) -> Verdict:
    """A paragraph runs on across a column or page break into a column of its own measure;
    a line in a column less than ``MEASURE_RATIO`` as wide as (or much wider than) the one
    it would continue is another text: a sidebar in the margin beside the article, a
    full-width deck over its columns."""
    if p.same_flow:
        return Verdict.ABSTAIN
    a, b = p.page.column(p.prev), p.page.column(p.cur)
    if min(a.lines, b.lines) < MEASURE_LINES:
        return Verdict.ABSTAIN  # a last line carried over alone shows no measure
    wide, narrow = sorted((a.right - a.left, b.right - b.left), reverse=True)
    if wide <= 0 or narrow <= 0:
        return Verdict.ABSTAIN
    return Verdict.BREAK if narrow < MEASURE_RATIO * wide else Verdict.ABSTAIN


@laid_out
def item_body(p: Pair) -> Verdict:
    """Inside a list item, a line at the item's hanging indent goes on (unless the item's
    last line ended); a "* text" line followed by a flush full line was an indented paragraph
    whose first word is a star; anything else ends the item."""
    if not p.block.item:
        return Verdict.ABSTAIN
    stats, first, em = p.page, p.first, p.em
    indent = stats.indent(p.cur)
    hang = (first.hang if first.hang is not None else box(first)[0]) - stats.column(first).left
    if abs(indent - hang) <= HANG_EMS * em:
        return _verdict(p.line_ended())
    if (len(p.block.lines) == 1 and abs(indent) <= 0.5 * em
            and not stats.short(p.prev, SHORT_EMS)
            and INDENT_EMS * em <= stats.indent(first) <= 2.5 * em):
        return Verdict.JOIN_AS_PROSE
    return Verdict.BREAK


@laid_out
def body_edge(p: Pair) -> Verdict:
    """In a block of two lines or more, a line that leaves the left edge of the block's
    wrapped lines starts a new one; on that edge, the last line's end decides."""
    if len(p.block.lines) < 2:
        return Verdict.ABSTAIN
    body = p.page.indent(p.block.lines[1])
    if abs(p.page.indent(p.cur) - body) > 0.5 * p.em:
        return Verdict.BREAK
    return _verdict(p.line_ended())


@laid_out
def first_line_indent(p: Pair) -> Verdict:
    """A line indented by a first-line indent more than the line above starts a paragraph —
    unless the line above is a block's first line, full and open in mid-sentence: then the
    indent is a hanging one (a reference list, a glossary) and the text runs on."""
    indent, before = p.page.indent(p.cur), p.page.indent(p.prev)
    if indent > INDENT_EMS * p.em and indent > before + INDENT_EMS * p.em:
        if len(p.block.lines) == 1 and p.same_flow and p.mid_sentence():
            return Verdict.ABSTAIN
        return Verdict.BREAK
    return Verdict.ABSTAIN


@laid_out
def out_of_quote(p: Pair) -> Verdict:
    """A flush line after a one-line indented, short line (not a paragraph's indented first
    line) leaves a one-line quote."""
    stats, prev, em = p.page, p.prev, p.em
    if (stats.indent(prev) > QUOTE_EMS * em and stats.indent(p.cur) < 0.5 * em
            and box(prev)[2] < stats.column(prev).right - QUOTE_EMS * em
            and not stats.paragraph_indented(prev)):
        return Verdict.BREAK
    return Verdict.ABSTAIN


@laid_out
def line_end(p: Pair) -> Verdict:
    """The previous line ended its paragraph: the next word would have fitted on it, or it
    closes a sentence short of the measure where that means a paragraph end (a justified
    column, or a column or page break)."""
    return _verdict(p.line_ended())


#: The break rules, in the order they are tried (see the module docstring): the rules of
#: laid-out lines, then those of text lines (``reflow.textrules``). ``line_end`` decides every
#: break it has page statistics for, so a text rule is reached only by a line without them.
RULES: tuple[Rule, ...] = (code_listing, list_item, after_leader, font_change, slant_change, gap,
                           measure_change, item_body, body_edge, first_line_indent, out_of_quote,
                           line_end, *TEXT_RULES)


def decide_by(p: Pair, rules: Sequence[Rule] | None = None) -> tuple[Verdict, Rule | None]:
    """The first verdict of ``rules`` (default :data:`RULES`) that does not abstain, and the
    rule that gave it; ``JOIN`` (by no rule) when all abstain."""
    for rule in RULES if rules is None else rules:
        verdict = rule(p)
        if verdict is not Verdict.ABSTAIN:
            return verdict, rule
    return Verdict.JOIN, None


def decide(p: Pair, rules: Sequence[Rule] | None = None) -> Verdict:
    """The first verdict of ``rules`` (default :data:`RULES`) that does not abstain."""
    return decide_by(p, rules)[0]


def _hangs(cur: Line, nxt: Line | None) -> bool:
    """Whether the next line continues ``cur`` at its hanging indent (list evidence)."""
    if cur.hang is None or nxt is None or flow(nxt) != flow(cur):
        return False
    return abs(box(nxt)[0] - cur.hang) <= HANG_EMS * size(cur)


def item_start(stats: PageStats, prev: Line | None, cur: Line, nxt: Line | None,
               in_item: bool) -> bool:
    """A list marker starts an item unless the line merely wraps a sentence ("(Oct." /
    "13) and ..."): same place as the line above, no white, and that line not ended."""
    marker = list_marker(cur.text)
    if marker is None:
        return False
    if marker.marker in _TYPED_BULLETS and not (_hangs(cur, nxt) or cur.tab):
        return False  # a typed "*" note or "— Name" credit, not a drawn list bullet
    if in_item or cur.tab:
        return True  # in a list, or a marker set apart from its text: a drawn list marker
    if stats.indent(cur) < 0.3 * size(cur) and not _hangs(cur, nxt):
        return False  # "3. A numbered paragraph" flush with the text, not a list
    if prev is None or flow(prev) != flow(cur):
        return True
    em = size(cur)
    if abs(box(cur)[0] - box(prev)[0]) > 0.5 * em:
        return True
    white = cur.gap_above
    if white is not None and more_white(white, stats.line_gap(cur), em):
        return True
    text = prev.text.rstrip()
    return text.endswith(":") or (stats.short(prev, SHORT_EMS) and ended(text))
