"""The break rules of laid-out lines, one by one, and the page statistics they share."""

from __future__ import annotations

import itertools

import attrs
import pytest

from newsingest.reflow import rules
from newsingest.reflow.lines import Line
from newsingest.reflow.pagestats import PageStats
from newsingest.reflow.rules import Open, Pair, Verdict

LEFT, RIGHT = 72.0, 300.0
_IDS = itertools.count()


def line(text: str, top: float, *, x0: float = LEFT, x1: float = RIGHT, size: float = 10.0,
         gap: float | None = 3.0, bold: bool = False, italic: bool = False, column: int = 0,
         lead: float = 20.0, hang: float | None = None, rtl: bool | None = None) -> Line:
    return Line(text, next(_IDS), page=1, bbox=(x0, top, x1, top + size), font_size=size,
                bold=bold, italic=italic, gap_above=gap, column=column, band=0, lead=lead,
                hang=hang, rtl=rtl)


#: A justified column of ten full lines: the statistics every pair below is judged against.
BODY = [line("a full line of body text that runs to the right edge", 100 + 13 * k)
        for k in range(10)]
STATS = PageStats.of(BODY)


def pair(prev: list[Line], cur: Line, item: bool = False, starts: bool = False) -> Pair:
    return Pair(STATS, Open(list(prev), item), cur, starts)


def test_page_statistics_are_read_once_from_the_body() -> None:
    col = STATS.column(BODY[0])
    assert (col.left, col.right, col.justified) == (LEFT, RIGHT, True)
    assert STATS.body_size == 10.0
    assert STATS.gap == pytest.approx(3.0)
    assert STATS.indent(line("x", 0, x0=LEFT + 12)) == pytest.approx(12.0)


def test_list_item_breaks_only_when_a_list_item_starts() -> None:
    assert rules.list_item(pair(BODY[:1], BODY[1], starts=True)) is Verdict.BREAK
    assert rules.list_item(pair(BODY[:1], BODY[1])) is Verdict.ABSTAIN


def test_font_change_breaks_on_size_or_weight_and_abstains_without_fonts() -> None:
    assert rules.font_change(pair(BODY[:1], line("Heading", 120, size=14))) is Verdict.BREAK
    ended = line("the last sentence of the paragraph ends here.", 100, x1=200)
    assert rules.font_change(pair([ended], line("Heading", 120, bold=True))) is Verdict.BREAK
    # a weight change alone while the sentence runs on: the open line was full (a bold lead
    # phrase, a bold term at a line start)
    assert rules.font_change(pair(BODY[:1], line("Heading", 120, bold=True))) is Verdict.ABSTAIN
    lead = line("Bartholomew Simpson (born April 1,", 100, x1=LEFT + 190, bold=True)
    assert rules.font_change(pair([lead], line("1979)[7]is the eldest child of the family",
                                               113, x1=LEFT + 200, lead=60))) is Verdict.ABSTAIN
    # a short bold heading over a full line of text: the heading is no full line
    heading = line("Summary", 100, x1=LEFT + 50, bold=True)
    assert rules.font_change(pair([heading], BODY[1])) is Verdict.BREAK
    # a bold heading wider than the byline under it
    title = line("The Kind Giver and the Grudging Giver", 100, x1=LEFT + 200, bold=True)
    assert rules.font_change(pair([title], line("by Basil Hall Chamberlain", 113,
                                                x1=LEFT + 120, lead=10))) is Verdict.BREAK
    # a short bold heading over a byline as short, in any flow
    short = line("The Honey-Bee", 100, x1=LEFT + 60, bold=True)
    assert rules.font_change(pair([short], line("by Anonymous", 113, x1=LEFT + 55, lead=10))) \
        is Verdict.BREAK
    assert rules.font_change(pair(BODY[:1], BODY[1])) is Verdict.ABSTAIN
    unknown = Line("text", 99, page=1, bbox=(LEFT, 200, RIGHT, 210))
    assert rules.font_change(pair(BODY[:1], unknown)) is Verdict.ABSTAIN


def test_slant_change_breaks_unless_a_sentence_runs_on() -> None:
    ended = line("the last sentence ends here.", 100, x1=200)
    assert rules.slant_change(pair([ended], line("A quote", 113, italic=True))) is Verdict.BREAK
    running = line("a full line that does not end its sentence and", 100)
    assert rules.slant_change(pair([running], line("an italic title", 113, italic=True,
                                                   lead=30))) is Verdict.ABSTAIN


def test_gap_breaks_on_white_above_within_one_flow() -> None:
    assert rules.gap(pair(BODY[:1], line("next", 130, gap=12.0))) is Verdict.BREAK
    assert rules.gap(pair(BODY[:1], line("next", 113, gap=3.0))) is Verdict.ABSTAIN
    other = line("next column", 100, gap=12.0, column=1)
    assert rules.gap(pair(BODY[:1], other)) is Verdict.ABSTAIN


def test_item_body_goes_on_at_the_hanging_indent() -> None:
    item = line("• first item that wraps onto the next line", 100, hang=LEFT + 12)
    at_hang = line("and goes on here at the hang", 113, x0=LEFT + 12)
    assert rules.item_body(pair([item], at_hang, item=True)) is Verdict.JOIN
    assert rules.item_body(pair([item], line("Flush text", 113), item=True)) is Verdict.BREAK
    assert rules.item_body(pair([item], at_hang)) is Verdict.ABSTAIN  # not in an item


def test_body_edge_breaks_when_a_line_leaves_the_blocks_edge() -> None:
    block = BODY[:2]
    assert rules.body_edge(pair(block, line("indented", 130, x0=LEFT + 15))) is Verdict.BREAK
    assert rules.body_edge(pair(block, BODY[2])) is Verdict.JOIN
    assert rules.body_edge(pair(BODY[:1], BODY[1])) is Verdict.ABSTAIN  # one line: no edge


def test_first_line_indent_breaks_but_not_a_hanging_indent() -> None:
    indented = line("An indented first line", 113, x0=LEFT + 12)
    ended = line("the last line of a paragraph ends here.", 100)
    assert rules.first_line_indent(pair([ended], indented)) is Verdict.BREAK
    assert rules.first_line_indent(pair(BODY[:1], BODY[1])) is Verdict.ABSTAIN
    # a block's first line, full and open: the indented line below is its hanging indent
    assert rules.first_line_indent(pair(BODY[:1], indented)) is Verdict.ABSTAIN


def test_out_of_quote_breaks_after_a_short_indented_line() -> None:
    quote = line("a short indented quotation", 100, x0=LEFT + 20, x1=220)
    assert rules.out_of_quote(pair([quote], BODY[1])) is Verdict.BREAK
    assert rules.out_of_quote(pair(BODY[:1], BODY[1])) is Verdict.ABSTAIN


def test_line_end_breaks_when_the_next_word_would_have_fitted() -> None:
    short = line("a short last line.", 100, x1=180)
    assert rules.line_end(pair([short], line("Next", 113, lead=25))) is Verdict.BREAK
    assert rules.line_end(pair(BODY[:1], line("next", 113, lead=25))) is Verdict.JOIN


def test_decide_tries_rules_in_order_and_joins_when_all_abstain() -> None:
    assert rules.decide(pair(BODY[:1], BODY[1])) is Verdict.JOIN
    # a list item starting wins over everything after it
    assert rules.decide(pair(BODY[:1], BODY[1], starts=True)) is Verdict.BREAK
    assert rules.decide(pair(BODY[:1], BODY[1]), rules=()) is Verdict.JOIN
    assert [r.__name__ for r in rules.RULES] == [
        "code_listing", "list_item", "after_leader", "font_change", "slant_change", "gap",
        "measure_change", "item_body", "body_edge", "first_line_indent", "out_of_quote",
        "line_end", "lower_case_runs_on", "drawn_break", "blank_line", "word_runs_on", "colon",
        "capitals_change", "stretched_line", "sentence_end", "no_room", "open_word",
        "short_line"]


def test_right_to_left_lines_are_measured_from_their_right_edge() -> None:
    """A right-to-left paragraph is flush right: its short last line ends on the left."""
    full = [line("שורה מלאה", 100 + 13 * k, rtl=True) for k in range(3)]
    stats = PageStats.of(full)
    last = line("סוף.", 139, x0=250, rtl=True)
    assert stats.indent(last) == pytest.approx(0.0)
    assert stats.short(last, 2.5)


def test_a_line_read_between_a_paragraphs_lines_but_standing_beside_them_is_a_float() -> None:
    # a printed web page (wiki-like): an infobox's title at the right, level with the
    # article's first lines and in no column of its own, comes between them in reading order;
    # the paragraph runs on past it and it follows the paragraph
    from newsingest.reflow import reflow_pages
    from newsingest.reflow.pagefurniture import PageLines

    words = ["a full line of body text that runs to the right edge"] * 5
    body = [line(text, 100 + 13 * k) for k, text in enumerate(words)]
    body[-1] = line("and the paragraph ends here.", 152, x1=200)
    side = line("Infobox Title", 105, x0=RIGHT + 40, x1=RIGHT + 120, bold=True)
    lines = (body[0], side, *body[1:])
    flow = reflow_pages([PageLines(1, 612.0, 792.0, lines)])
    assert [b.text for b in flow.blocks] == [
        " ".join([*words[:4], "and the paragraph ends here."]), "Infobox Title"]


def test_font_change_abstains_where_the_line_above_ends_in_the_next_lines_weight() -> None:
    # a mostly bold line whose bold lead phrase ends inside it, ragged: no change at the break
    lead = attrs.evolve(line("IBM MT/ST (Magnetic Tape): Introduced in 1964, this", 100,
                             x1=LEFT + 150, bold=True), bold_end=False)
    nxt = line("machine combined a typewriter with magnetic tape", 113, x1=RIGHT)
    assert rules.font_change(pair([lead], nxt)) is Verdict.ABSTAIN
    # a bold heading line, bold to its end: the weight changes at the break
    heading = attrs.evolve(lead, bold_end=True)
    assert rules.font_change(pair([heading], nxt)) is Verdict.BREAK


def test_code_listing_keeps_a_listings_lines_together_and_apart_from_prose() -> None:
    code = [attrs.evolve(line(t, 100 + 11 * k, x1=LEFT + 80), code=True, pitch=5.4)
            for k, t in enumerate(["function add(a, b) {", "}"])]
    assert rules.code_listing(pair(code[:1], code[1])) is Verdict.JOIN
    assert rules.code_listing(pair(BODY[:1], code[0])) is Verdict.BREAK
    assert rules.code_listing(pair(code, BODY[1])) is Verdict.BREAK
    assert rules.code_listing(pair(BODY[:1], BODY[1])) is Verdict.ABSTAIN
    # a listing does not run on into another flow (a page or column break)
    assert rules.code_listing(pair(code[:1], attrs.evolve(code[1], page=2))) is Verdict.BREAK


def test_after_leader_breaks_after_a_contents_entry_only() -> None:
    entry = line("1.1 Security fundamentals. . . . . . . . . . . . . . 2", 100)
    assert rules.after_leader(pair([entry], BODY[1])) is Verdict.BREAK
    roman = line("Preface ....................................... xi", 100)
    assert rules.after_leader(pair([roman], BODY[1])) is Verdict.BREAK
    # an entry too long for its line runs on to the line with its leader
    assert rules.after_leader(pair(BODY[:1], entry)) is Verdict.ABSTAIN
    # an ellipsis in prose is no leader
    trail = line("and then he said . . . nothing at all", 100)
    assert rules.after_leader(pair([trail], BODY[1])) is Verdict.ABSTAIN


def test_measure_change_breaks_into_a_column_of_another_width_only() -> None:
    side = [line(f"side {k}", 100 + 13 * k, x0=20, x1=60, column=0, size=9)
            for k in range(4)]
    main = [line(f"main line {k} of the article", 100 + 13 * k, column=1) for k in range(4)]
    stats = PageStats.of(side + main)
    assert rules.measure_change(Pair(stats, Open([side[-1]]), main[0])) is Verdict.BREAK
    twin = [line(f"next column line {k}", 100 + 13 * k, x0=320, x1=548, column=1)
            for k in range(4)]
    stats = PageStats.of(BODY + twin)
    assert rules.measure_change(Pair(stats, Open([BODY[-1]]), twin[0])) is Verdict.ABSTAIN
    assert rules.measure_change(pair(BODY[:1], BODY[1])) is Verdict.ABSTAIN
