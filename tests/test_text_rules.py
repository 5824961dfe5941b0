"""The break rules of lines read without page statistics (text dumps), one by one.

Each case is a small document: a few full lines of body (the measure), a blank line, then the
case's lines; the last is the line being decided, the others the open block.
"""

from __future__ import annotations

import attrs
import pytest

from newsingest.reflow import rules, textrules
from newsingest.reflow.lines import Line
from newsingest.reflow.pagestats import PageStats
from newsingest.reflow.rules import Open, Pair, Verdict
from newsingest.reflow.textrules import TextEvidence, text_item_start
from newsingest.reflow.textstats import Measure, TextStats

#: Full lines of body text: they set the measure (about 40 em: a wide page, no indents).
FILL = ["the council met on tuesday night to discuss the new budget and its many problems",
        "with the mayor and the members of the public who came to the hall in the rain to",
        "hear what would become of the library and the pool and the roads that need work",
        "before the winter comes again and the snow and the ice close the bridge for good"]
FULL = "the council agreed that the pool will stay open through the summer for the town."
BREAK, JOIN, ABSTAIN = Verdict.BREAK, Verdict.JOIN, Verdict.ABSTAIN
B, J, A = BREAK, JOIN, ABSTAIN


def stats_of(lines: list[Line], **change: object) -> TextStats:
    stats = TextStats.of(lines, Measure.of(lines))
    return attrs.evolve(stats, **change) if change else stats


def text_pair(case: list[str], blank: bool = False, after: tuple[str, ...] = (),
              **change: object) -> Pair:
    """The pair deciding the last line of ``case`` (``after``: lines that follow it)."""
    texts = [*FILL, "", *case, *after]
    lines = [Line(t, k) for k, t in enumerate(texts)]
    stats = stats_of(lines, **change)
    start, at = len(FILL) + 1, len(FILL) + len(case)
    group = list(range(start, at))
    starts = text_item_start(stats, group, at, blank)
    return Pair(None, Open([lines[k] for k in group], starts), lines[at], starts,
                TextEvidence(stats, group, at, blank))


# (rule, lines of the case, blank line before the last, verdict)
CASES = [
    ("lower_case_runs_on", ["The council met and", "then it voted."], False, J),
    ("lower_case_runs_on", ["It was a well-", "known fact."], False, J),
    ("lower_case_runs_on", ["It ended.", "then it voted."], False, A),
    ("lower_case_runs_on", ["The council met and", "Then it voted."], False, A),
    ("blank_line", ["It ended.", "Then the council went home for the night."], True, B),
    ("blank_line", ["Weather", "The storm came through the valley today."], True, B),
    ("blank_line", [FILL[0], "Then the council went home for the night."], True, J),
    ("blank_line", ["It ended.", "Then the council went home."], False, A),
    ("word_runs_on", ["It ended.", "then it went on."], False, J),
    ("word_runs_on", ["the so-", "Called plan"], False, J),
    ("word_runs_on", ["It ended.", "Then it went on."], False, A),
    # a colon or semicolon ending a line with room left: list items that lost their bullets
    ("word_runs_on", ["Observers should:", "look low in the south-west;"], False, A),
    ("word_runs_on", ["look low in the south-west after sunset;", "use binoculars"], False, A),
    ("word_runs_on", [FILL[0] + ";", "and then it went on."], False, J),
    ("colon", ["The mayor said:", "Go home."], False, B),
    ("colon", ["The mayor said", "Go home."], False, A),
    ("capitals_change", ["CLICK FOR FULL RESULTS", "The council met."], False, B),
    ("capitals_change", ["CLICK FOR FULL RESULTS,", "The council met."], False, A),
    ("capitals_change", ["The council", "met."], False, A),
    ("stretched_line", [FILL[0], "regards", "to", "purchasing"], False, J),
    ("stretched_line", [FILL[0], "to"], False, A),
    ("sentence_end", [FULL, "The next paragraph starts here and it is a long one."], False, B),
    ("sentence_end", [FILL[0], "The next one."], False, A),
    ("no_room", [FILL[0], "Then"], False, J),
    ("no_room", ["The council", "Then"], False, A),
    ("open_word", ["He met the", "Mayor"], False, J),
    ("open_word", ["He met Smith", "Mayor"], False, A),
    ("short_line", ["Weather", "The storm came through the valley today and the"], False, B),
    ("short_line", [FILL[0], FILL[1], "the hall and the pool and the roads that need work before",
                    "Then"], False, A),
]


@pytest.mark.parametrize(("name", "case", "blank", "expected"), CASES,
                         ids=[f"{c[0]}-{k}" for k, c in enumerate(CASES)])
def test_text_rule(name: str, case: list[str], blank: bool, expected: Verdict) -> None:
    assert getattr(textrules, name)(text_pair(case, blank)) is expected


def test_sentence_end_goes_on_where_the_document_shows_lost_indents() -> None:
    # a filled line reaching the measure after a sentence end is no paragraph start when the
    # document's paragraphs were indented (the dump lost the indent, not the width)
    case, after = [FULL, FILL[1]], (FILL[2],)
    assert textrules.sentence_end(text_pair(case, after=after)) is BREAK
    assert textrules.sentence_end(text_pair(case, after=after, indented=True)) is JOIN


def test_drawn_break_reads_layout_evidence_without_page_statistics() -> None:
    def pair(prev: Line, cur: Line) -> Pair:
        lines = [Line(t, k, font_size=10.0, gap_above=2.0) for k, t in enumerate(FILL)]
        lines += [attrs.evolve(prev, index=len(lines)), attrs.evolve(cur, index=len(lines) + 1)]
        stats = stats_of(lines)
        n = len(lines)
        return Pair(None, Open([lines[-2]]), lines[-1], False,
                    TextEvidence(stats, [n - 2], n - 1))

    plain = Line("A line of text", 0, font_size=10.0, gap_above=2.0)
    assert textrules.drawn_break(pair(plain, attrs.evolve(plain, font_size=14.0))) is BREAK
    assert textrules.drawn_break(pair(plain, attrs.evolve(plain, gap_above=9.0))) is BREAK
    assert textrules.drawn_break(pair(plain, attrs.evolve(plain, bold=True))) is ABSTAIN
    assert textrules.drawn_break(pair(attrs.evolve(plain, bold=False),
                                      attrs.evolve(plain, bold=True))) is BREAK
    assert textrules.drawn_break(pair(plain, plain)) is ABSTAIN
    bare = text_pair(["The council met.", "Then it voted."])
    assert textrules.drawn_break(bare) is ABSTAIN  # a dump line carries none of it


def test_list_items_start_unless_a_sentence_runs_into_the_marker() -> None:
    assert text_pair(["Bring these:", "1. a coat"]).starts_item
    assert text_pair(["It ended.", "- a coat"]).starts_item
    assert not text_pair(["The vote (on Oct.", "13) was close."]).starts_item
    assert not text_pair(["It happened on May", "4. The end"]).starts_item
    assert rules.list_item(text_pair(["Bring these:", "1. a coat"])) is BREAK


def test_each_rule_abstains_without_its_evidence() -> None:
    laid = [Line("a full line of body text", k, page=1, bbox=(72.0, 10.0 * k, 300.0, 10.0 * k + 8),
                 font_size=10.0, gap_above=2.0, column=0, band=0, lead=20.0) for k in range(6)]
    page_pair = Pair(PageStats.of(laid), Open(laid[:1]), laid[1])
    text = text_pair(["It ended.", "Then it went on."])
    for rule in textrules.TEXT_RULES:
        assert rule(page_pair) is ABSTAIN, rule.__name__
    for rule in rules.RULES[1:9]:
        assert rule(text) is ABSTAIN, rule.__name__


def test_one_order_for_every_line_and_the_first_verdict_wins() -> None:
    # a sentence end before a capital starts a paragraph in a dump...
    assert rules.decide(text_pair([FULL, "The next paragraph starts here."])) is BREAK
    # ...but lower case runs on whatever comes later in the order
    verdict, rule = rules.decide_by(text_pair([FILL[0], "and the next."]))
    assert (verdict, rule) == (JOIN, textrules.lower_case_runs_on)
