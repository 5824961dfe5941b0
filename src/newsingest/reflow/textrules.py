"""Break rules for lines read without page statistics: a text dump's, or pdfium's and OCR's.

The same mechanism as ``reflow.rules`` (each rule a function of a ``Pair`` saying ``BREAK``,
``JOIN`` or ``ABSTAIN``; ``rules.RULES`` tries them after the rules of laid-out lines), over
the evidence such a line has: the blank line before it, its words (sentence ends, case, list
markers) and its width against the measure (``reflow.textstats``: would the next word have
fitted?). A rule abstains on a pair without that evidence (``Pair.text`` is ``None``: a laid-out
line, whose page statistics decide). The order, after ``list_item``:

1. ``lower_case_runs_on`` — a line in lower case continues an open sentence or a broken word;
2. ``drawn_break`` — layout evidence without page statistics (pdfium, OCR): more white above
   than usual, a change of size or weight, a deeper indent;
3. ``blank_line`` — a blank line ends the block unless a filled line runs on in mid-sentence
   across it (a column or page break);
4. ``word_runs_on`` — a lower-case line, or a word broken at a hyphen, goes on;
5. ``colon`` — a line ending in a colon ends its block (the list or quote it announces);
6. ``capitals_change`` — a line in capitals next to one that is not (a heading, a kicker);
7. ``stretched_line`` — pdftotext's word-a-line pieces of a stretched justified line join;
8. ``sentence_end`` — a sentence end at a line end starts a paragraph, except in a document
   whose lost first-line indents show that a filled line reaching the measure is no start;
9. ``no_room`` — the next word would not have fitted: the line was filled, the text goes on;
10. ``open_word`` — a line ending in a word no sentence ends with goes on;
11. ``short_line`` — a line far short of the measure (a heading, a label, a credit) ends.

When all abstain, the line joins.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from newsingest.reflow.layout import FUNCTION_WORD, MONTH_END, ends_sentence, shouting, starts_lower
from newsingest.reflow.markers import list_marker
from newsingest.reflow.pagestats import more_white, size_changed
from newsingest.reflow.textstats import INDENT, TextStats
from newsingest.reflow.verdict import Verdict

if TYPE_CHECKING:
    from collections.abc import Callable

    from newsingest.reflow.rules import Pair

__all__ = ["TEXT_RULES", "TextEvidence", "text_item_start"]

_HYPHENS = ("-", "\u2010", "\u00ad")


@attrs.frozen
class TextEvidence:
    """A text line break's evidence: the document's statistics, the positions of the open
    block's lines and of the next line, and whether a blank line stands between (a blank
    line at a page break, around page furniture, says nothing and is not counted)."""

    stats: TextStats
    group: Sequence[int]
    at: int
    blank_before: bool = False

    @property
    def last(self) -> int:
        return self.group[-1]

    @property
    def prev_text(self) -> str:
        return self.stats.lines[self.last].text.strip()

    @property
    def cur_text(self) -> str:
        return self.stats.lines[self.at].text.strip()

    @property
    def hyphenated(self) -> bool:
        return self.prev_text.endswith(_HYPHENS)

    def fits(self) -> bool:
        return self.stats.fits(self.last, self.at)


def text_item_start(stats: TextStats, group: Sequence[int], i: int, blank_before: bool) -> bool:
    """Whether line ``i``, after the open block ``group``, starts a list item: it has a list
    marker, not inside an open parenthesis ("(Oct." / "13) and ..."), and after an unfinished
    sentence only a marker that cannot be a date's day or a dash of punctuation."""
    marker = list_marker(stats.lines[i].text.strip())
    if marker is None:
        return False
    prev_text = stats.lines[group[-1]].text.strip()
    if prev_text.count("(") > prev_text.count(")"):
        return False
    return (blank_before or ends_sentence(prev_text) or prev_text.endswith(":")
            or list_marker(stats.lines[group[0]].text) is not None
            or (not marker.ordered and marker.marker not in "-–—")
            or (marker.ordered and not FUNCTION_WORD.search(prev_text)
                and not MONTH_END.search(prev_text)))


def lower_case_runs_on(p: Pair) -> Verdict:
    """A line starting in lower case after a line that ends no sentence, or ends in a hyphen,
    continues it — whatever white or font change stands between."""
    t = p.text
    if t is None:
        return Verdict.ABSTAIN
    if starts_lower(t.cur_text) and (not ends_sentence(t.prev_text) or t.hyphenated):
        return Verdict.JOIN
    return Verdict.ABSTAIN


def drawn_break(p: Pair) -> Verdict:
    """Layout evidence on a line read without page statistics (pdfium, OCR): more white above
    than the document's usual gap (the laid-out rules' test, ``pagestats.more_white``), a
    change of font size (``pagestats.size_changed``) or of weight (before a capital), or an
    indent deeper than the line above's by 0.6 em in the same column breaks."""
    t = p.text
    if t is None:
        return Verdict.ABSTAIN
    prev, cur, usual = p.prev, p.cur, t.stats.gap
    em = cur.font_size or 10.0
    if cur.gap_above is not None and usual is not None and more_white(cur.gap_above, usual, em):
        return Verdict.BREAK
    if size_changed(cur, prev):
        return Verdict.BREAK
    if cur.bold is not None and prev.bold is not None and cur.bold != prev.bold and \
            not starts_lower(cur.text):
        return Verdict.BREAK
    deeper = cur.indent is not None and prev.indent is not None and \
        cur.indent > prev.indent + 0.6 * em
    if deeper and (cur.page, cur.column) == (prev.page, prev.column) and \
            list_marker(prev.text) is None:
        return Verdict.BREAK
    return Verdict.ABSTAIN


def blank_line(p: Pair) -> Verdict:
    """A blank line ends the block, unless what stands before it is a filled line in
    mid-sentence (a column or page break inside a paragraph): it breaks after a sentence end,
    a colon, a line the next word would have fitted on, a line in capitals, or before a very
    short line."""
    t = p.text
    if t is None or not t.blank_before:
        return Verdict.ABSTAIN
    prev = t.prev_text
    ends = ends_sentence(prev) or prev.endswith(":") or t.fits() or shouting(prev) or \
        t.stats.very_short(t.at)
    return Verdict.BREAK if ends else Verdict.JOIN


def word_runs_on(p: Pair) -> Verdict:
    """A line starting in lower case, or a word's rest after a line-final hyphen, goes on —
    unless the line before ends in a colon or semicolon with room left for the next word: it
    was ended by hand, as the items of a list announced by a colon are ("should:" / "look low
    ... after sunset;" / "use binoculars ...") when the extractor lost their bullets."""
    t = p.text
    if t is None:
        return Verdict.ABSTAIN
    cur = t.cur_text
    if t.prev_text.endswith((":", ";")) and t.fits():
        return Verdict.ABSTAIN
    if starts_lower(cur) or (t.hyphenated and cur[:1].isalpha()):
        return Verdict.JOIN
    return Verdict.ABSTAIN


def colon(p: Pair) -> Verdict:
    """A line ending in a colon ends its block: what it announces (a list, a quote) follows."""
    t = p.text
    if t is None or not t.prev_text.endswith(":"):
        return Verdict.ABSTAIN
    return Verdict.BREAK


def capitals_change(p: Pair) -> Verdict:
    """A line in capitals next to one that is not ("CLICK FOR FULL STATE SWIM RESULTS" /
    "Summary: ...") is a heading's edge, unless the line before runs on (a comma, a word no
    sentence ends with)."""
    t = p.text
    if t is None:
        return Verdict.ABSTAIN
    prev = t.prev_text
    if shouting(prev) != shouting(t.cur_text) and not prev.endswith(",") and \
            not FUNCTION_WORD.search(prev):
        return Verdict.BREAK
    return Verdict.ABSTAIN


def stretched_line(p: Pair) -> Verdict:
    """pdftotext prints a stretched justified line a word a line ("regards" / "to" /
    "purchasing"): the run goes on while words come one a line, and a run of such pieces was
    a justified line, so not a paragraph's last."""
    t = p.text
    if t is None:
        return Verdict.ABSTAIN
    pieces = t.stats.pieces(t.group)
    if not pieces:
        return Verdict.ABSTAIN
    if t.stats.run_word(t.at) and not ends_sentence(t.prev_text):
        return Verdict.JOIN
    return Verdict.JOIN if len(pieces) >= 2 else Verdict.ABSTAIN


def sentence_end(p: Pair) -> Verdict:
    """A sentence end at a line end, before a capital, starts a new paragraph.

    Measured on news dumps: it does more often than not, even when the next word would not
    have fitted. Where paragraphs are indented (``TextStats.indented``), a filled line that
    reaches the measure is no paragraph start: the sentence goes on in the same paragraph; so
    is one in a dump that marks its paragraph breaks (``Line.breaks_shown``) and marks none here.
    """
    t = p.text
    if t is None or not ends_sentence(t.prev_text):
        return Verdict.ABSTAIN
    stats, i = t.stats, t.at
    if stats.lines[i].breaks_shown and not t.fits():
        return Verdict.JOIN  # the dump shows its breaks (``reflow.parbreaks``) and none here
    nxt = stats.next_content(i)
    goes_on = stats.indented and not t.fits() and nxt is not None and \
        stats.full_line(i, nxt) and stats.room(i) < INDENT
    return Verdict.JOIN if goes_on else Verdict.BREAK


def no_room(p: Pair) -> Verdict:
    """The next line's first word would not have fitted: the line was filled, the text goes on."""
    t = p.text
    if t is None or t.fits():
        return Verdict.ABSTAIN
    return Verdict.JOIN


def open_word(p: Pair) -> Verdict:
    """A line ending in a word no sentence ends with ("..., and Tim Morrison, a former" /
    "National Security Council") goes on, short or not."""
    t = p.text
    if t is None or not FUNCTION_WORD.search(t.prev_text):
        return Verdict.ABSTAIN
    return Verdict.JOIN


def short_line(p: Pair) -> Verdict:
    """A line with room for the next word and no sentence end breaks when it is far short of
    the measure (under half: a heading, a label, a credit line), or when a block of one or two
    lines ends under three quarters of it and the next line is alone too (a blank or room
    after it)."""
    t = p.text
    if t is None:
        return Verdict.ABSTAIN
    stats, last, i = t.stats, t.last, t.at
    full = stats.full(last)
    if stats.width(last) < 0.5 * full:
        return Verdict.BREAK
    if len(t.group) <= 2 and stats.width(last) < 0.75 * full:
        nxt = i + 1
        if nxt >= len(stats.lines) or not stats.lines[nxt].text.strip() or \
                not stats.fits(i, nxt):
            return Verdict.BREAK
    return Verdict.ABSTAIN


#: The text rules in the order they are tried (see the module docstring).
TEXT_RULES: tuple[Callable[[Pair], Verdict], ...] = (
    lower_case_runs_on, drawn_break, blank_line, word_runs_on, colon, capitals_change,
    stretched_line, sentence_end, no_room, open_word, short_line)
