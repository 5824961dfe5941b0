"""The PDF parser on layouts other typesetters make (reportlab platypus, word processors, fpdf2):
one regression test per class of problem found with ``bench/bench_typesetters.py``."""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from typing import Any

import pytest
import reportlab
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
    ListFlowable,
    ListItem,
    PageTemplate,
    Paragraph,
    Spacer,
)

import newsingest
from newsingest.model import BlockType, Document

WIDTH, HEIGHT = A5
#: (x, top, text, font, size); ``top`` from the top of the page.
Item = tuple[float, float, str, str, float]

SENTENCES = [
    "The committee met on a wet Thursday evening to hear the case for the new footbridge.",
    "Its chair said the design had been changed twice since the spring consultation.",
    "Residents asked whether the crossing would be lit at night and who would pay for it.",
    "The engineers answered that lamps were included and that the county would share costs.",
    "A decision is expected before the end of the year, after a final survey of the bank.",
]


pdfmetrics.registerFont(TTFont("Vera", os.path.join(os.path.dirname(reportlab.__file__), "fonts",
                                                 "Vera.ttf")))


def parse(data: bytes) -> Document:
    return newsingest.parse(data, name="test.pdf")


def texts(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks]


def draw(items: Sequence[Item]) -> bytes:
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A5)
    for x, top, text, font, size in items:
        c.setFont(font, size)
        c.drawString(x, HEIGHT - top - size * 0.8, text)
    c.showPage()
    c.save()
    return out.getvalue()


def platypus(story: Sequence[Any], columns: int = 1) -> bytes:
    out = io.BytesIO()
    margin, gutter = 36.0, 14.0
    width = (WIDTH - 2 * margin - gutter * (columns - 1)) / columns
    frames = [Frame(margin + c * (width + gutter), margin, width, HEIGHT - 2 * margin,
                    leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
              for c in range(columns)]
    doc = BaseDocTemplate(out, pagesize=A5, leftMargin=margin, rightMargin=margin,
                          topMargin=margin, bottomMargin=margin)
    doc.addPageTemplates([PageTemplate("all", frames)])
    doc.build(list(story))
    return out.getvalue()


BODY = ParagraphStyle("body", fontName="Times-Roman", fontSize=9, leading=11,
                      alignment=TA_JUSTIFY, firstLineIndent=10)


def test_columns_whose_baselines_are_out_of_step_are_read_column_by_column() -> None:
    # white above the left column shifts its lines half a line against the right column's, so
    # no row holds both columns' text, and the right column starts with an indented quote: the
    # white strips start wide and narrow to the gutter; the white between a list's bullets and
    # their text, beside the gutter, is no second gutter
    paragraphs = [" ".join(SENTENCES[i:] + SENTENCES[:i]) for i in range(len(SENTENCES))]
    quote = ParagraphStyle("quote", parent=BODY, firstLineIndent=0, leftIndent=24,
                           fontName="Times-Italic")
    item = ParagraphStyle("item", parent=BODY, firstLineIndent=0)
    story: list[Any] = [Spacer(1, 5.5)]
    story += [Paragraph(text, BODY) for text in paragraphs[:3]]
    story += [FrameBreak(), Paragraph(SENTENCES[4], quote)]
    story += [Paragraph(text, BODY) for text in paragraphs[3:]]
    story.append(ListFlowable([ListItem(Paragraph(s, item)) for s in SENTENCES[:3]],
                              bulletType="bullet", start="\u2022", leftIndent=14,
                              bulletFontName="Vera", bulletFontSize=9))
    doc = parse(platypus(story, columns=2))
    assert texts(doc)[:6] == [*paragraphs[:3], SENTENCES[4], *paragraphs[3:]]
    assert doc.blocks[3].type is BlockType.QUOTE
    assert [b.type for b in doc.blocks[6:]] == [BlockType.LIST_ITEM] * 3
    assert [b.text.removeprefix("\u2022 ") for b in doc.blocks[6:]] == SENTENCES[:3]


def justified(lines: Sequence[tuple[float, float, str, float]], font: str = "Helvetica",
              size: float = 9, styles: dict[int, tuple[str, float]] | None = None) -> bytes:
    """Lines ``(x, top, text, right)`` stretched by word spacing to end at ``right`` (``0``:
    not stretched); ``styles`` sets another font and size for some lines, by index."""
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A5)
    base = (font, size)
    for n, (x, top, text, right) in enumerate(lines):
        font, size = (styles or {}).get(n, base)
        natural = c.stringWidth(text, font, size)
        obj = c.beginText(x, HEIGHT - top - size * 0.8)
        obj.setFont(font, size)
        obj.setWordSpace((right - x - natural) / text.count(" ") if right else 0)
        obj.textLine(text)
        c.drawText(obj)
    c.showPage()
    c.save()
    return out.getvalue()


def test_a_line_overflowing_the_measure_does_not_widen_the_column() -> None:
    # justified lines end at x=300; one overflows to 330 (a typesetter's bug): measured
    # against 330, every full line would look short and end its paragraph there
    first = ["It was a long winter for the village and its farmers, who",
             *["watched the quick brown fox jump over the lazy dog and run"] * 3,
             "and then the spring came."]
    second = ["A second paragraph starts with an indent and a word that overflows",
              "the measure and ends here."]
    lines = [(40.0, 60 + 11.0 * i, t, 300.0 if i < 4 else 0.0) for i, t in enumerate(first)]
    lines += [(52.0, 115.0, second[0], 330.0), (40.0, 126.0, second[1], 0.0)]
    doc = parse(justified(lines))
    assert texts(doc) == [" ".join(first), " ".join(second)]


@pytest.mark.parametrize("marker", ["\u2022", "1."])
def test_a_marker_set_apart_at_a_tab_stop_makes_list_items(marker: str) -> None:
    # word processors draw the marker flush with the text column and start the item's text at
    # a tab stop, far more than a space away; single-line items give no hanging-indent evidence
    items: list[Item] = [(40, 60, "Before the list comes a plain paragraph of prose.",
                          "Times-Roman", 10)]
    lines = ["Doors open at nine in the morning.", "Tickets are sold at the gate.",
             "Dogs must be kept on a lead."]
    for n, text in enumerate(lines):
        label = marker if marker == "\u2022" else f"{n + 1}."
        items += [(40, 80 + 14 * n, label, "Vera", 10),
                  (58, 80 + 14 * n, text, "Times-Roman", 10)]
    doc = parse(draw(items))
    assert [b.type for b in doc.blocks] == [BlockType.PARAGRAPH] + [BlockType.LIST_ITEM] * 3
    assert [b.text for b in doc.blocks[1:]] == lines  # the marker is in b.marker only


def test_a_typed_numbered_paragraph_stays_a_paragraph() -> None:
    # "3. " typed with an ordinary space, flush with the text: prose that starts with a number
    items: list[Item] = [(40, 60, "Before it comes a plain paragraph of prose.", "Helvetica", 10),
                         (40, 80, "3. The third point was made by the mayor herself.",
                          "Helvetica", 10)]
    doc = parse(draw(items))
    assert [b.type for b in doc.blocks] == [BlockType.PARAGRAPH] * 2


def test_a_wide_paragraph_indent_with_a_short_first_line_is_no_quote() -> None:
    # paragraphs indented 1.5 em (wider than a quote's least indent); a first line that ends
    # early (a long word wrapped) must not end the paragraph as a one-line quote
    body = ["for overdue books, and more of them are coming back to the",
            "shelves than anyone on the council had predicted last year."]
    items: list[Item] = []
    top = 60.0
    for _ in range(3):
        items.append((55, top, "A year after the central library stopped", "Times-Roman", 10))
        items += [(40, top + 13 * (i + 1), t, "Times-Roman", 10) for i, t in enumerate(body)]
        top += 39
    doc = parse(draw(items))
    para = " ".join(["A year after the central library stopped", *body])
    assert texts(doc) == [para] * 3
    assert all(b.type is BlockType.PARAGRAPH for b in doc.blocks)


def test_reportlab_default_info_values_are_no_metadata() -> None:
    # reportlab writes "(anonymous)" as title and author and "(unspecified)" as subject
    doc = parse(platypus([Paragraph(SENTENCES[0], BODY)]))
    assert doc.metadata.title is None
    assert doc.metadata.authors == ()
    assert doc.metadata.description is None


def test_an_undecodable_glyph_before_text_at_a_tab_stop_is_a_bullet() -> None:
    # reportlab draws "•" in Helvetica with a code pdfminer cannot map: "(cid:127)"; word
    # processors do the same with symbol fonts that have no Unicode map
    items: list[Item] = [(40, 60, "How the scheme works", "Helvetica-Bold", 12)]
    lines = ["Items are still due back on a fixed date.", "A late item is treated as lost."]
    for n, text in enumerate(lines):
        items += [(40, 80 + 14 * n, "\u2022", "Helvetica", 10),
                  (56, 80 + 14 * n, text, "Helvetica", 10)]
    items.append((40, 116, "Critics on the council had warned against it.", "Helvetica", 10))
    doc = parse(draw(items))
    assert [b.type for b in doc.blocks] == [BlockType.HEADING, BlockType.LIST_ITEM,
                                            BlockType.LIST_ITEM, BlockType.PARAGRAPH]
    assert [(b.marker, b.text) for b in doc.blocks[1:3]] == [("\u2022", t) for t in lines]
    assert "(cid" not in "".join(texts(doc))


def test_typesetter_hyphenation_with_plain_hyphens_is_undone() -> None:
    # reportlab, LibreOffice and TeX break words with "-": a break inside a non-word
    # ("pedestri-anise") is the typesetter's anywhere; once a document shows two syllable
    # breaks ("pub-lished", "toler-ate"), breaks that join into a common word ("re-turns") are
    # the typesetter's too, while compounds of two words that make no word stay ("high-")
    lines = ["The council decided to pedestri-", "anise the centre after it had pub-",
             "lished a plan the traders could toler-", "ate, and the re-",
             "turns came in by mid-morn-", "ing from the high-", "protein bakery stalls."]
    doc = parse(draw([(40, 60 + 12 * i, t, "Times-Roman", 10) for i, t in enumerate(lines)]))
    assert texts(doc) == ["The council decided to pedestrianise the centre after it had "
                          "published a plan the traders could tolerate, and the returns came in "
                          "by mid-morning from the high-protein bakery stalls."]


def test_without_syllable_breaks_common_word_pairs_keep_their_hyphen() -> None:
    # no break proves the typesetter hyphenates: "south-west" is the author's compound
    lines = ["Look low in the south-", "west about an hour after sunset."]
    doc = parse(draw([(40, 60 + 12 * i, t, "Times-Roman", 10) for i, t in enumerate(lines)]))
    assert texts(doc) == ["Look low in the south-west about an hour after sunset."]


def test_a_small_running_head_on_one_page_only_is_furniture() -> None:
    # many designs leave the running head off the first page: on a two-page article it is
    # printed once, so repetition cannot find it; set small at the page's top, it is furniture
    body = [f"{SENTENCES[n % 5][:60]}" for n in range(30)]
    page1 = [(40, 50 + 14 * i, t, "Times-Roman", 10) for i, t in enumerate(body[:20])]
    page2 = [(40, 20, "THE HARBOUR GAZETTE", "Times-Roman", 7),
             (300, 20, "April 7, 2026", "Times-Roman", 7)]
    page2 += [(40, 50 + 14 * i, t, "Times-Roman", 10) for i, t in enumerate(body[20:])]
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A5)
    for items in (page1, page2):
        for x, top, text, font, size in items:
            c.setFont(font, size)
            c.drawString(x, HEIGHT - top - size * 0.8, text)
        c.showPage()
    c.save()
    doc = parse(out.getvalue())
    assert {f.text for f in doc.furniture} == {"THE HARBOUR GAZETTE", "April 7, 2026"}
    assert "GAZETTE" not in " ".join(texts(doc))


def _front_page(info_title: str | None = None) -> bytes:
    """A paper's front page: its name set larger than the headline, an issue line, the
    headline, a byline, then the story."""
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A5)
    if info_title:
        c.setTitle(info_title)
    items: list[Item] = [(90, 30, "The Valley Courier", "Times-Bold", 30),
                         (120, 70, "Vol. 12 No. 40 | Two dollars", "Times-Roman", 8),
                         (40, 95, "Market Returns to the Old Square", "Times-Bold", 20),
                         (40, 125, "By Pablo Serrano", "Times-Italic", 9)]
    items += [(40, 150 + 12 * i, SENTENCES[i][:70], "Times-Roman", 10) for i in range(5)]
    for x, top, text, font, size in items:
        c.setFont(font, size)
        c.drawString(x, HEIGHT - top - size * 0.8, text)
    c.showPage()
    c.save()
    return out.getvalue()


def test_a_nameplate_larger_than_the_headline_is_no_title() -> None:
    # no byline follows the paper's name; one follows the headline
    doc = parse(_front_page())
    assert doc.metadata.title == "Market Returns to the Old Square"
    assert doc.metadata.authors == ("Pablo Serrano",)
    assert "The Valley Courier" in {f.text for f in doc.furniture}
    assert "Courier" not in " ".join(texts(doc))


def test_the_info_title_picks_the_headline_among_large_texts() -> None:
    doc = parse(_front_page(info_title="Market returns to the old square"))
    assert doc.metadata.title == "Market Returns to the Old Square"


def test_a_ragged_italic_quote_in_a_justified_column_keeps_its_sentences_together() -> None:
    # word processors set the Quote style ragged inside justified text: a short line ending a
    # sentence there is no paragraph end, as it would be in the justified text around it
    body = ["The ward still struggles to recruit and has relied on agency",
            "staff to cover nights for most of the year, the board said on",
            "Monday. It has operated with two vacant posts since the spring",
            "and has now promised housing to new recruits, a first for the",
            "region, which the unions had asked for in their letter to the",
            "health board in the autumn, with the support of the parents.",
            "The first houses will be ready in June."]
    quote = ["Keeping the doors open is the easy part.",
             "Finding the people to work behind them is what will",
             "decide whether this ward is still here."]
    lines = [(40.0, 60 + 11.0 * i, t, 300.0 if i < 6 else 0.0) for i, t in enumerate(body)]
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A5)
    for x, top, text, right in lines + [(40.0, 137 + 11.0 * i, t, 0.0)
                                        for i, t in enumerate(quote)]:
        font = "Times-Italic" if top > 135 else "Times-Roman"
        obj = c.beginText(x, HEIGHT - top - 8)
        obj.setFont(font, 10)
        natural = c.stringWidth(text, font, 10)
        obj.setWordSpace((right - x - natural) / text.count(" ") if right else 0)
        obj.textLine(text)
        c.drawText(obj)
    c.showPage()
    c.save()
    doc = parse(out.getvalue())
    assert texts(doc) == [" ".join(body), " ".join(quote)]
    assert doc.blocks[1].type is BlockType.QUOTE


def test_a_long_italic_phrase_inside_a_paragraph_does_not_split_it() -> None:
    # a title or foreign phrase in italics can make a line of a paragraph wholly italic
    span = ("a long and winding evening of music without a single pause for breath or for "
            "applause, from the first bar of the overture to the last")
    text = (f"The orchestra played a programme that the critics called <i>{span}</i> chord, "
            "and the audience stayed on their feet for twenty minutes after it had faded away.")
    roman = ParagraphStyle("roman", parent=BODY, firstLineIndent=0, fontSize=10, leading=12)
    doc = parse(platypus([Paragraph(text, roman), Spacer(1, 6),
                          Paragraph(SENTENCES[0], roman)]))
    plain = text.replace("<i>", "").replace("</i>", "")
    assert texts(doc) == [plain, SENTENCES[0]]
    assert [b.type for b in doc.blocks] == [BlockType.PARAGRAPH] * 2


def test_a_last_line_carried_over_to_the_next_column_is_read_last() -> None:
    # the left column is full; its paragraph's last line stands alone at the top of the right
    # column: too little for the usual two lines a side, but the gutter beside it is long
    words = " ".join(SENTENCES).split()
    lines = [" ".join(words[i : i + 6]) for i in range(0, 60, 6)]
    items = [(40.0, 60 + 11.0 * n, t, 190.0) for n, t in enumerate(lines)]
    items.append((205.0, 60.0, "and so it ended.", 0.0))
    doc = parse(justified(items, font="Times-Roman", size=8))
    assert texts(doc) == [" ".join(lines) + " and so it ended."]


def test_a_drop_cap_goes_back_into_its_word() -> None:
    # the first letter set three times larger beside the first two lines, which are indented
    lines = ["esidents of the harbour town voted on Tuesday to borrow",
             "fourteen million dollars to rebuild the seawall that protects",
             "the old harbour, five months after a winter storm tore a forty",
             "metre hole in it and flooded the market on the quay."]
    items = [(62.0 if n < 2 else 40.0, 60 + 12.0 * n, t, 300.0 if n < 3 else 0.0)
             for n, t in enumerate(lines)]
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A5)
    c.setFont("Times-Roman", 30)
    c.drawString(40, HEIGHT - 60 - 12 - 8, "R")  # baseline on the second line's
    for x, top, text, right in items:
        obj = c.beginText(x, HEIGHT - top - 8)
        obj.setFont("Times-Roman", 10)
        natural = c.stringWidth(text, "Times-Roman", 10)
        obj.setWordSpace((right - x - natural) / text.count(" ") if right else 0)
        obj.textLine(text)
        c.drawText(obj)
    c.showPage()
    c.save()
    doc = parse(out.getvalue())
    assert texts(doc) == ["R" + " ".join(lines)]
    assert doc.blocks[0].type is BlockType.PARAGRAPH


def test_a_paragraph_indented_near_a_list_items_hang_is_not_its_continuation() -> None:
    # a typed release: "3." then text at x=76; the next paragraph indented with typed spaces
    # to x=72, near but not at the hanging indent (continuation lines align exactly)
    items: list[Item] = [
        (40, 60, "The plan has three parts, the engineers said on Thursday evening.",
         "Courier", 10),
        (52, 80, "1.  Remove the deck above the damaged girders.", "Courier", 10),
        (52, 100, "2.  Repair the welds and reinforce both the girders with heavy",
         "Courier", 10),
        (76, 120, "bolted plates.", "Courier", 10),
        (52, 140, "3.  Load-test the bridge with loaded lorries before it reopens.",
         "Courier", 10),
        (72, 160, "Local businesses on the north bank of the river say they have",
         "Courier", 10),
        (40, 180, "already lost trade since the bridge closed in March.", "Courier", 10)]
    doc = parse(draw(items))
    assert [b.type for b in doc.blocks] == [BlockType.PARAGRAPH, *[BlockType.LIST_ITEM] * 3,
                                            BlockType.PARAGRAPH]
    assert texts(doc)[3] == "Load-test the bridge with loaded lorries before it reopens."
    assert doc.blocks[3].marker == "3."


def test_a_bold_headline_barely_larger_than_the_body_is_the_title_when_a_byline_follows() -> None:
    items: list[Item] = [(40, 30, "The Northern Chronicle", "Helvetica", 10),
                         (40, 60, "Rural Hospital Keeps Its Maternity Ward", "Helvetica-Bold", 12),
                         (40, 80, "By Nadia Petrova | 11 February 2026", "Helvetica", 10)]
    items += [(40, 100 + 12 * i, SENTENCES[i][:70], "Helvetica", 10) for i in range(5)]
    doc = parse(draw(items))
    assert doc.metadata.title == "Rural Hospital Keeps Its Maternity Ward"
    assert doc.metadata.authors == ("Nadia Petrova",)
    assert doc.metadata.published.isoformat() == "2026-02-11"
    assert "Chronicle" not in " ".join(texts(doc))


def test_a_bold_first_line_without_a_byline_stays_a_heading() -> None:
    items: list[Item] = [(40, 60, "What happens next", "Helvetica-Bold", 10)]
    items += [(40, 80 + 12 * i, SENTENCES[i][:70], "Helvetica", 10) for i in range(5)]
    doc = parse(draw(items))
    assert doc.metadata.title is None
    assert doc.blocks[0].type is BlockType.HEADING


def test_a_bold_first_line_set_larger_than_the_body_is_the_title_without_a_byline() -> None:
    # a word processor's one-page note: a bold title a size up (13.6 over 12) and a blank line
    # below it, no byline, no sections; a bold line in the body's size alone stays a heading
    # (the test above), and so does a larger bold line run in with its text (the bullets test)
    items: list[Item] = [(40, 50, "Better Productivity Through Programming", "Helvetica-Bold",
                          13.6)]
    items += [(40, 84 + 14 * i, SENTENCES[i][:70], "Helvetica", 12) for i in range(5)]
    doc = parse(draw(items))
    assert doc.metadata.title == "Better Productivity Through Programming"
    assert "Better Productivity" not in " ".join(texts(doc))


def test_a_side_column_beside_the_headline_does_not_precede_it() -> None:
    # a journal's first page: a narrow side column (a badge, subject areas, dates) starts
    # level with the headline and is read first, yet stands beside it, not above it
    side = ["OPEN", "SUBJECT AREAS:", "OPTICS", "QUBITS", "Received", "3 November 2014",
            "Accepted", "23 January 2015", "Published", "25 February 2015"]
    items: list[Item] = [(20, 60, "OPEN", "Helvetica-Bold", 14)]
    items += [(20, 90 + 14 * i, text, "Helvetica", 7.5) for i, text in enumerate(side[1:])]
    items += [(130, 56, "Ion Crystals Under", "Helvetica", 24),
              (130, 86, "Micromotion", "Helvetica", 24)]
    items += [(130, 130 + 12 * i, SENTENCES[i % 5][:50], "Helvetica", 10) for i in range(14)]
    doc = parse(draw(items))
    assert doc.metadata.title == "Ion Crystals Under Micromotion"


def test_a_date_line_above_a_bold_headline_vouches_for_it() -> None:
    # a release typed in a word processor: 'Prepared by X, May 23, 2021' above a bold headline
    # barely larger than the body, which wraps
    items: list[Item] = [(40, 40, "Prepared by Ann Lee, May 23, 2021", "Helvetica", 10),
                         (40, 70, "Island surveys show one palm in five has signs of",
                          "Helvetica-Bold", 11),
                         (40, 84, "beetle attack", "Helvetica-Bold", 11)]
    items += [(40, 110 + 12 * i, SENTENCES[i][:70], "Helvetica", 10) for i in range(5)]
    doc = parse(draw(items))
    assert doc.metadata.title == "Island surveys show one palm in five has signs of beetle attack"
    assert doc.metadata.published.isoformat() == "2021-05-23"


def test_a_short_headline_over_a_large_standfirst_stays_the_title() -> None:
    items: list[Item] = [(40, 40, "Titan Mapped in Full", "Helvetica-Bold", 24),
                         (40, 72, "The first global map of the moon shows lakes", "Helvetica",
                          15),
                         (40, 95, "By Ann Lee", "Helvetica", 9)]
    items += [(40, 115 + 12 * i, SENTENCES[i][:70], "Helvetica", 10) for i in range(5)]
    doc = parse(draw(items))
    assert doc.metadata.title == "Titan Mapped in Full"
    assert doc.metadata.authors == ("Ann Lee",)


def test_a_wrapped_heading_ending_in_a_possessive_apostrophe_stays_one_heading() -> None:
    # a narrow justified column: a short line ending a sentence (or a quotation: it may be a
    # quoted title) ends its paragraph, but the apostrophe of "The millers'" closes nothing
    body = ["A first paragraph of plain", "prose sits just above the", "heading in the narrow",
            "column of the page."]
    lines = [(40.0, 60 + 12.0 * i, t, 140.0 if i < 3 else 0.0) for i, t in enumerate(body)]
    lines += [(40.0, 115.0, "The millers'", 0.0), (40.0, 130.0, "problem", 0.0)]
    lines += [(40.0, 150 + 12.0 * i, t, 140.0 if i < 3 else 0.0) for i, t in enumerate(body)]
    bold = ("Helvetica-Bold", 12.0)
    doc = parse(justified(lines, size=10, styles={4: bold, 5: bold}))
    assert texts(doc)[1] == "The millers' problem"
    assert doc.blocks[1].type is BlockType.HEADING


def test_a_two_word_line_stretched_across_a_narrow_column_stays_one_line() -> None:
    # two justified columns; "town ... itself." is spread over 7 ems, wider than any word
    # space a single-column page shows, and is still one line of its column
    left = ["the population of the village", "town", "had signed the letter to the",
            "board, which answered in the", "spring with a plan of its own."]
    right = ["Campaigners had argued that", "the road to the city is often",
             "closed by snow for days on end", "in the winter months of the year."]
    lines = [(40.0, 60 + 11.0 * i, t, 170.0 if i < 4 else 0.0) for i, t in enumerate(left)]
    lines[1] = (40.0, 71.0, "town", 0.0)
    lines.append((140.0, 71.0, "itself", 0.0))
    lines += [(190.0, 60 + 11.0 * i, t, 320.0 if i < 3 else 0.0) for i, t in enumerate(right)]
    doc = parse(justified(lines, font="Times-Roman", size=8))
    assert texts(doc) == [" ".join([left[0], "town itself", *left[2:]]), " ".join(right)]


def test_a_last_page_of_list_items_keeps_the_documents_left_edge() -> None:
    # page 2 holds a paragraph's last line at the margin, an indented paragraph and three
    # indented list items: most of its lines start at the items' x, yet its edge is the margin
    first = [(40, 60 + 14 * i, SENTENCES[i % 5][:66], "Courier", 9) for i in range(12)]
    first[-1] = (40, 60 + 14 * 11,
                 "Their equipment, they said, cost less than a good used second-hand",
                 "Courier", 9)
    second: list[Item] = [(40, 60, "car.", "Courier", 9),
                          (72, 80, "Observers hoping to see the comet should:", "Courier", 9)]
    items = ["look low in the south-west after sunset;", "use binoculars;",
             "wait for a night without the Moon."]
    second += [(52, 100 + 20 * i, f"*  {t}", "Courier", 9) for i, t in enumerate(items)]
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A5)
    for page in (first, second):
        for x, top, text, font, size in page:
            c.setFont(font, size)
            c.drawString(x, HEIGHT - top - size * 0.8, text)
        c.showPage()
    c.save()
    doc = parse(out.getvalue())
    assert texts(doc)[-5].endswith("cost less than a good used second-hand car.")
    assert texts(doc)[-4] == "Observers hoping to see the comet should:"
    assert [b.type for b in doc.blocks[-3:]] == [BlockType.LIST_ITEM] * 3
