"""The reflow engine on text lines and on lines with layout evidence (as the PDF parser sends)."""

from __future__ import annotations

import time
from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from newsingest.model import BlockType, FurnitureKind
from newsingest.reflow import Line, furniture_kind, join_lines, list_marker, reflow
from newsingest.reflow.widths import text_width


def _lines(text: str) -> list[Line]:
    return [Line(t, i) for i, t in enumerate(text.split("\n"))]


def test_join_lines_dehyphenates_only_on_evidence() -> None:
    assert join_lines(["the develop-", "ment of"]) == "the development of"
    assert join_lines(["a so-", "called war"]) == "a so-called war"
    assert join_lines(["n-", "tridecanal"]) == "n-tridecanal"
    assert join_lines(["Indo-", "Pacific"]) == "Indo-Pacific"
    assert join_lines(["explo\u00ad", "ration"]) == "exploration"
    assert join_lines(["the 15-", "inch model"]) == "the 15-inch model"
    assert join_lines(["Oct. 18–", "21"]) == "Oct. 18–21"
    # the document's own spelling wins over the word list
    assert join_lines(["a hyper-", "connected"], {"hyper-connected"}) == "a hyper-connected"
    assert join_lines(["a hyper-", "connected"], {"hyperconnected"}) == "a hyperconnected"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="abc -\u00ad", max_size=12), max_size=6))
def test_join_lines_keeps_every_letter(texts: list[str]) -> None:
    joined = join_lines(texts)
    assert sorted(ch for ch in joined if ch.isalpha()) == sorted(
        ch for t in texts for ch in t if ch.isalpha())
    assert "\u00ad" not in joined


def test_hard_wrapped_paragraphs_headline_and_list() -> None:
    text = (
        "Council Approves New Budget For\n"
        "Harbor District\n"
        "The city council on Tuesday approved a budget that raises spending on the harbor\n"
        "district by a tenth, the mayor said after a long meeting that ran past midnight.\n"
        "Opponents said the plan was rushed and that residents had no time to comment on\n"
        "it.\n"
        "The plan has three parts:\n"
        "1. new piers;\n"
        "2. dredging of the old\n"
        "channel;\n"
        "3. a park.\n"
    )
    result = reflow(_lines(text))
    assert result.metadata.title == "Council Approves New Budget For Harbor District"
    kinds = [(b.type, b.text) for b in result.blocks]
    assert kinds[0][1].endswith("ran past midnight.")
    assert kinds[1][1] == ("Opponents said the plan was rushed and that residents had no time to "
                           "comment on it.")
    assert kinds[3] == (BlockType.LIST_ITEM, "new piers;")
    assert kinds[4] == (BlockType.LIST_ITEM, "dredging of the old channel;")
    assert result.blocks[4].marker == "2."
    assert result.blocks[4].raw == "2. dredging of the old\nchannel;"
    assert result.blocks[4].provenance.lines == (9, 10)


def test_quote_after_colon_and_narrow_measure() -> None:
    text = (
        "Headline About A Quote\n\n"
        "The minister answered the reporters who had gathered outside the building on Monday:\n\n"
        "We will not change course, and we will not apologise for it.\n"
    )
    blocks = reflow(_lines(text)).blocks
    assert [b.type for b in blocks] == [BlockType.PARAGRAPH, BlockType.QUOTE]


def test_layout_evidence_breaks_paragraphs_without_blank_lines() -> None:
    """PDF lines: a first-line indent and a larger gap start paragraphs; font size makes a title."""
    def line(text: str, i: int, *, indent: float = 72.0, gap: float = 2.0,
             size: float = 10.0) -> Line:
        return Line(text, i, page=1, bbox=(indent, 100.0 + 14 * i, 540.0, 110.0 + 14 * i),
                    font_size=size, bold=False, italic=False, indent=indent, gap_above=gap)

    lines = [
        line("A Big Title", 0, size=20.0),
        line("The first paragraph starts here and runs across the whole", 1, indent=84.0),
        line("measure of the column until it ends.", 2),
        line("The second paragraph has a first-line indent like newspapers", 3, indent=84.0),
        line("set them, and no gap at all.", 4),
        line("A third one comes after a gap.", 5, gap=12.0),
    ]
    result = reflow(lines)
    assert result.metadata.title == "A Big Title"
    assert [b.text[:20] for b in result.blocks] == [
        "The first paragraph ", "The second paragraph", "A third one comes af"]
    assert result.blocks[0].provenance.page == 1
    assert result.blocks[0].provenance.bbox == (72.0, 114.0, 540.0, 138.0)


def test_recognisers() -> None:
    marker = list_marker("(3) third")
    assert marker is not None and marker.ordered and marker.marker == "(3)"
    assert list_marker("2019. A year") is None
    assert furniture_kind("11/25/26, 5:29 PM Some Title") is FurnitureKind.HEADER
    assert furniture_kind("Page 3") is FurnitureKind.PAGE_NUMBER
    assert furniture_kind("© 2026 Harbor City Times. All rights reserved.") is FurnitureKind.FOOTER
    assert furniture_kind("He said it was 5:29 PM when the call came.") is None


def test_running_heads_repeated_on_pages_are_furniture() -> None:
    text = (
        "The Daily Ledger\n\nA Headline Here\n\nBody text of the first page ends here.\n"
        "\fThe Daily Ledger\n\nMore body text on page two.\n"
    )
    lines = [Line(t.lstrip("\f"), i, new_page=t.startswith("\f") or None)
             for i, t in enumerate(text.split("\n"))]
    result = reflow(lines)
    heads = [f for f in result.furniture if f.text == "The Daily Ledger"]
    assert len(heads) == 2
    assert all("Ledger" not in b.text for b in result.blocks)


_HARBOR = (
    "The harbor board met on Tuesday to weigh the plan. Members asked for more time to read "
    "it. The chair said the vote would come in the spring after two more hearings.",
    "Residents who spoke at the meeting were divided. Some praised the new piers and the "
    "park. Others said the dredging would harm the fish that spawn in the old channel each "
    "year.",
    "The mayor did not attend. Her office said she was traveling. A spokesman said she backs "
    "the plan and expects it to pass by a wide margin when the board votes.",
    "Work could begin next year. The cost is put at forty million dollars, most of it from "
    "the state.",
)


def _typeset(paragraphs: tuple[str, ...], measure: float, indent: float) -> list[str]:
    """Greedy line breaking as a browser does it, with a first-line indent a dump then loses."""
    lines: list[str] = []
    for paragraph in paragraphs:
        line, room = "", measure - indent
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if line and text_width(candidate) > room:
                lines.append(line)
                line, room = word, measure
            else:
                line = candidate
        lines.append(line)
    return lines


def test_indented_column_sentence_end_on_a_full_line_is_not_a_paragraph_end() -> None:
    """A narrow column whose paragraphs were indented: a line that reaches the measure and ends a
    sentence ("…weigh the plan.") continues; the next paragraph starts an indent short of it."""
    typeset = _typeset(_HARBOR, 23.0, 1.5)
    inner = [a for a in typeset[:-1]
             if a.endswith(".") and not any(p.endswith(a) for p in _HARBOR)]
    assert inner, "the fixture must end a sentence on a full line inside a paragraph"
    lines = [Line("Harbor Board Weighs Plan", 0)] + [
        Line(text, i + 1) for i, text in enumerate(typeset)]
    assert [b.text for b in reflow(lines).blocks] == list(_HARBOR)


def test_short_lines_before_capitals_are_headings_and_word_runs_stay_joined() -> None:
    """Short capitalised lines before body text are headings, one each ("Status Quo" /
    "Analoge Prozesse"); a justified line pdftotext printed a word a line stays in its
    paragraph ("regards" / "to" / "Purchasing" / "Vehicles,”")."""
    body = (
        "The patient files are kept in systems of their own in every hospital, and the doctors\n"
        "who treat the same patient elsewhere see none of them until a letter arrives by post.\n"
    )
    text = (
        "Headline Over The Story\n\n"
        + body
        + "Status Quo\nAnaloge Prozesse\n"
        + body
        + "“People are a little more cautious in the way they shop for\n"
        "regards\nto\nPurchasing\nVehicles,”\n"
        "the president of the dealers' association said in an interview on Monday.\n"
    )
    blocks = reflow(_lines(text)).blocks
    assert [(b.type, b.text) for b in blocks[1:3]] == [
        (BlockType.HEADING, "Status Quo"), (BlockType.HEADING, "Analoge Prozesse")]
    assert blocks[3].text.startswith("The patient files")
    assert blocks[4].text == (
        "“People are a little more cautious in the way they shop for regards to Purchasing "
        "Vehicles,” the president of the dealers' association said in an interview on Monday.")
    assert len(blocks) == 5


def test_column_break_blank_line_caps_heading_and_ellipsis_items() -> None:
    """A blank line after a filled line in mid-sentence is a column break, not a paragraph end;
    a line in capitals is a heading even when wide; "... Name" starts a new item."""
    text = (
        "Headline Over The Story\n\n"
        "The actress, who in 2008 won the Africa Movie Academy Award for Best Actress in a\n"
        "Leading Role and has since appeared in more than forty films, has taken to her\n"
        "\n"
        "Instagram page to share some stunning photos of herself with her many fans online.\n"
        "CLICK HERE FOR THE FULL RESULTS OF THE STATE CHAMPIONSHIP MEET\n"
        "Summary: the diver won the state championship in the event with a score of 409.30.\n"
        "... Penn State quarterback Sean Clifford said he received threats after the loss at\n"
        "Minnesota.\n"
        "... Vanderbilt athletic director Malcolm Turner said the coach has his full support.\n"
    )
    blocks = reflow(_lines(text)).blocks
    assert [b.text[:20] for b in blocks] == [
        "The actress, who in ", "CLICK HERE FOR THE F", "Summary: the diver w",
        "... Penn State quart", "... Vanderbilt athle"]
    assert blocks[0].text.endswith("has taken to her Instagram page to share some stunning "
                                   "photos of herself with her many fans online.")
    assert blocks[1].type is BlockType.HEADING


def test_block_set_to_a_narrower_measure_is_a_quote() -> None:
    """A block whose wrapped lines all stop well short of the text's measure, with no blank line
    or colon to announce it, is a block quote."""
    para = (
        "The company struggled to contend with the more than ten million users who activated\n"
        "their accounts last Tuesday, when the service opened to the public in four countries\n"
        "and the first reviews of its catalogue of films and series began to appear online.\n"
    )
    text = (
        "Headline Over The Story\n\n" + para
        + "While traditional companies have experimented with niche streaming\n"
        "services, the company has made an enormous bet, spending more than\n"
        "three billion dollars on technology and programming to remain a\n"
        "leader.\n" + para
    )
    blocks = reflow(_lines(text)).blocks
    assert [b.type for b in blocks] == [BlockType.PARAGRAPH, BlockType.QUOTE, BlockType.PARAGRAPH]
    assert blocks[1].text.startswith("While traditional") and blocks[1].text.endswith("leader.")


def test_hyphens_an_extractor_took_from_run_together_lines_go_back() -> None:
    """An over-long line is two printed lines run together; the compound hyphen the extractor
    took for a typesetter's goes back ("quarterpoint" → "quarter-point"), a spelling the
    document uses elsewhere stays ("InfoNation")."""
    text = (
        "Headline Over The Story\n\n"
        "The figures come from InfoNation, which tracks sales of new cars in the region\n"
        "every month. The Federal Reserve's decision to cut its benchmark interest rate by a "
        "quarterpoint last month should keep rates low, said InfoNation analysts in a report\n"
        "published on Monday morning for the dealers and the lenders who finance them.\n"
        + "Dealers sold fewer cars and trucks in October than in any month since the spring,\n"
        "and the lenders expect the slower pace of sales to last until the end of the year\n"
        "as buyers wait for the discounts that usually come with the new models in winter.\n"
        * 3
    )
    blocks = reflow(_lines(text)).blocks
    assert "by a quarter-point last month" in blocks[0].text
    assert "said InfoNation analysts" in blocks[0].text
    assert blocks[0].raw is not None and "quarterpoint" in blocks[0].raw


def test_numbered_titles_between_paragraphs_are_headings_lists_stay_lists() -> None:
    text = (
        "Fifteen Tips For Better Sleep\n\n"
        "Here are fifteen tips to help you sleep better, from what you eat to when you go out.\n"
        "\n1. Ditch the late coffee\n"
        "Caffeine stays in the blood for hours, and studies show that even an afternoon cup can\n"
        "shorten the night by as much as an hour for people who are sensitive to it.\n"
        "\n2. Keep a schedule\n"
        "Going to bed at the same time every night helps, the researchers found. They list:\n"
        "1. a fixed time\n2. a dark room\n3. no screens\n"
    )
    got = [(b.type, b.text) for b in reflow(_lines(text)).blocks]
    assert (BlockType.HEADING, "1. Ditch the late coffee") in got
    assert (BlockType.HEADING, "2. Keep a schedule") in got
    assert [t for k, t in got if k is BlockType.LIST_ITEM] == [
        "a fixed time", "a dark room", "no screens"]


def test_header_dated_running_head_by_line_and_date_line_under_it() -> None:
    """A dated running head above the headline is not part of it, nor a byline; an explicit
    "By" line is the byline; a date line under it is the publication date, not body."""
    text = (
        "The Valley Courier \u2014 Regional News November 3, 2026\n"
        "Engineers Find Cracks in the River Bridge Weeks Before It\n"
        "Was Due to Reopen\n"
        "By Marcus Feld\n"
        "3 November 2026\n"
        "Inspectors have found cracks in two of the steel girders of the river bridge, delaying\n"
        "its reopening by at least six months and leaving commuters facing a long diversion.\n"
    )
    result = reflow(_lines(text))
    assert result.metadata.title == ("Engineers Find Cracks in the River Bridge Weeks Before It "
                                     "Was Due to Reopen")
    assert result.metadata.authors == ("Marcus Feld",)
    assert result.metadata.published.isoformat() == "2026-11-03"
    assert [b.text[:11] for b in result.blocks] == ["Inspectors "]


def test_masthead_over_a_wrapped_headline_is_not_headline() -> None:
    """A site name above a wrapped headline, with no blank line between: the headline's next
    word would have fitted after it at the headline's measure, so it is a line of its own."""
    text = (
        "The Northern Chronicle\n"
        "City Library Ends Late Fines and\n"
        "Sees Books Come Home\n"
        "By Grace Whitfield\n"
        "Published January 19, 2026\n"
        "A year after the central library stopped charging fines for overdue books, more of\n"
        "them are coming back, and the librarians say the shelves have never been fuller.\n"
    )
    result = reflow(_lines(text))
    assert result.metadata.title == "City Library Ends Late Fines and Sees Books Come Home"
    assert result.metadata.published.isoformat() == "2026-01-19"
    assert [b.text[:7] for b in result.blocks] == ["A year "]


def _no_break_lines(count: int) -> list[str]:
    pair = ["ment of the so-", "called troops, in develop-"]
    return ["In develop-", *pair * (count // 2), "ment."]


def _cpu(call: Callable[[], object]) -> float:
    start = time.process_time()
    call()
    return time.process_time() - start


def test_join_lines_is_linear_in_the_block_length() -> None:
    # each join reads only the end of what is joined so far: 4x the lines, about 4x the time
    # (it was quadratic: ~16x, and a 3 MB dump without blank lines took minutes)
    small, large = _no_break_lines(4_000), _no_break_lines(16_000)
    assert join_lines(large) == \
        "In " + "development of the so-called troops, in " * 8_000 + "development."
    ratio = _cpu(lambda: join_lines(large)) / max(_cpu(lambda: join_lines(small)), 1e-3)
    assert ratio < 8, ratio


def test_one_cached_word_frequency_serves_hyphens_and_compounds() -> None:
    from newsingest.reflow import compounds, hyphens, vocabulary

    assert hyphens.zipf is vocabulary.zipf and compounds.zipf is vocabulary.zipf
    vocabulary.zipf.cache_clear()
    assert join_lines(["rapid devel-", "opment"]) == "rapid development"
    assert compounds.restore_compounds("cut by a quarterpoint") == "cut by a quarter-point"
    assert vocabulary.zipf.cache_info().hits + vocabulary.zipf.cache_info().misses > 0
    assert {"ment", "tion", "ness"} <= hyphens.SUFFIXES


def test_a_number_run_into_its_unit_is_not_split_as_a_compound() -> None:
    # "64GB" on an over-long line came out as "6-4GB": two digits are never two words
    from newsingest.reflow import compounds

    assert compounds.restore_compounds("the iPad Pro 12.9-inch 64GB model") == \
        "the iPad Pro 12.9-inch 64GB model"
    # nor a word and its ending ("discoverers" came out as "discover-ers")
    assert compounds.restore_compounds("named after its discoverers, was") == \
        "named after its discoverers, was"


def test_a_headline_line_in_the_headlines_size_belongs_to_it_whatever_its_width() -> None:
    # pdfium's lines carry sizes: "Our BI Research Shows - A Mix of" is short of the next
    # line's measure, which the width test of a dump would take for a line above the headline
    texts = ["Metro Observer April 20, 2025", "Our BI Research Shows - A Mix of",
             "Native Ad Units Generate the Highest Engagement Metrics for Marketers and",
             "the Greatest Revenue for Publishers", "By PRIYA RAMAN | April 20, 2025",
             "Though recommendation widgets are the most popular type of native ad unit."]
    sizes = [10.7, 40.0, 40.0, 40.0, 12.0, 14.7]
    sized = reflow([Line(t, k, font_size=s)
                    for k, (t, s) in enumerate(zip(texts, sizes, strict=True))])
    assert sized.metadata.title == " ".join(texts[1:4])
    bare = reflow([Line(t, k) for k, t in enumerate(texts)])
    assert bare.metadata.title == " ".join(texts[2:4])
