"""Text dumps as extractors print them: pdftotext -layout grids, form feeds, marker lines."""

from __future__ import annotations

from newsingest import parse_text
from newsingest.reflow.dumps import read_dump

LEFT = [
    "   The council voted on Tuesday to close",
    "the old harbour road for a year while the",
    "sea wall is rebuilt, the mayor said.",
    "   Traders on the quay said they had not",
    "been asked and would lose their custom",
    "through the whole of the summer season.",
]
RIGHT = [
    "   Work starts in March and the road",
    "will reopen next spring if the weather",
    "holds, according to the engineers.",
    "   A public meeting is planned for the",
    "first week of February at the town hall",
    "where residents can see the designs.",
]


def _layout_page() -> str:
    rows = ["Harbour Road To Close For A Year", "By Ann Lee", ""]
    rows += [f"{left:<46}{right}" for left, right in zip(LEFT, RIGHT, strict=True)]
    return "\n".join(rows) + "\n"


def test_columns_printed_side_by_side_are_read_one_after_the_other() -> None:
    doc = parse_text(_layout_page())
    assert doc.metadata.title == "Harbour Road To Close For A Year"
    assert [b.text for b in doc.blocks] == [
        " ".join(line.strip() for line in LEFT[:3]), " ".join(line.strip() for line in LEFT[3:]),
        " ".join(line.strip() for line in RIGHT[:3]), " ".join(line.strip() for line in RIGHT[3:]),
    ]
    # provenance is the dump's own row, not the line's place in reading order
    assert doc.blocks[2].provenance.lines == (4, 6)


def test_a_headline_across_the_gutter_is_one_line_and_a_table_is_not_split() -> None:
    rows = [f"{left:<46}{right}" for left, right in zip(LEFT, RIGHT, strict=True)] * 2
    lines = read_dump(["A headline that runs right across both of the columns", *rows])
    assert lines[0].text.startswith("A headline") and lines[0].column is None
    assert [ln.column for ln in lines[1:]] == [0] * 12 + [1] * 12
    table = [f"{'Team':<10}{'Won':<6}Lost", f"{'Hawks':<10}{'12':<6}3",
             f"{'Owls':<10}{'9':<6}6", f"{'Crows':<10}{'4':<6}11"] * 2
    assert [ln.column for ln in read_dump(table)] == [None] * 8


def test_form_feeds_start_pages_and_plain_dumps_pass_through() -> None:
    lines = read_dump(["first page", "\fsecond page", "more"])
    assert [ln.new_page for ln in lines] == [None, True, None]
    assert [ln.indent for ln in lines] == [None, None, None]


def test_a_marker_printed_on_its_own_line_joins_its_item() -> None:
    # PyMuPDF and pdfminer print a drawn bullet or number apart from the item's text
    text = ("A Headline For The Story\n\nThe authority listed its next steps:\n"
            "1.\nRemove the new deck.\n2.\n\nRepair the welds.\n")
    blocks = parse_text(text).blocks
    assert [(b.type.value, b.marker, b.text) for b in blocks[1:]] == [
        ("list_item", "1.", "Remove the new deck."), ("list_item", "2.", "Repair the welds.")]


def test_a_blank_line_between_headline_and_byline_keeps_the_headline() -> None:
    # pdfminer prints each text box with a blank line after it
    text = ("Engineers Find Cracks in the\nRiver Bridge Weeks Before It\nWas Due to Reopen\n\n"
            "By Marcus Feld | November 3, 2026\n\nInspectors have found cracks in two of "
            "the steel girders of the river bridge.\n")
    doc = parse_text(text)
    assert doc.metadata.title == ("Engineers Find Cracks in the River Bridge Weeks Before It "
                                  "Was Due to Reopen")
    assert doc.metadata.authors == ("Marcus Feld",)


def test_a_page_of_columns_starts_once() -> None:
    rows = [f"{left:<46}{right}" for left, right in zip(LEFT, RIGHT, strict=True)] * 2
    lines = read_dump(["first page", "\f" + rows[0], *rows[1:]])
    assert sum(bool(ln.new_page) for ln in lines) == 1


def test_a_line_final_hyphen_printed_apart_from_its_word_joins_the_word() -> None:
    # pypdf, pdfminer and pdfplumber print the gap a soft hyphen left before Chromium's U+2010
    text = ("Apple Ships A New Laptop\nBy Ann Lee\n\n"
            "The new laptop features a rede \u2010\nsigned keyboard that the company says\n"
            "should prove far more reliable than the old one.\n")
    doc = parse_text(text)
    assert doc.blocks[0].text == ("The new laptop features a redesigned keyboard that the "
                                  "company says should prove far more reliable than the old one.")


def test_a_short_last_column_is_still_a_column() -> None:
    # an article's last page: the second column holds only the story's last lines
    left = [f"the left column carries line {n} of the story" for n in range(20)]
    right = ["and the story ends in the", "right column after a few", "more lines of its text.",
             "A shuttle bus will run", "every fifteen minutes."]
    rows = [f"{a:<50}{right[n] if n < len(right) else ''}".rstrip() for n, a in enumerate(left)]
    lines = read_dump(rows)
    assert [ln.text for ln in lines] == left + right
    assert [ln.column for ln in lines] == [0] * 20 + [1] * 5


def test_a_short_page_of_columns_under_a_byline_and_over_a_folio_keeps_its_gutter() -> None:
    # few rows of columns: the byline and the folio, centred over the gutter, are a large
    # share of the page's rows, yet they are one run of text each and show no gutter
    rows = [f"{'The Swim Results Of The Year':^90}", f"{'By Ann Lee | April 18, 2024':^90}", ""]
    rows += [f"{left:<46}{right}" for left, right in zip(LEFT, RIGHT, strict=True)]
    rows += ["", f"{'Page 1':^90}"]
    lines = read_dump(rows)
    assert [ln.text for ln in lines if ln.column == 0 and ln.text] == [t.strip() for t in LEFT]
    assert [ln.text for ln in lines if ln.column == 1 and ln.text][:6] == [t.strip() for t in RIGHT]
    doc = parse_text("\n".join(rows) + "\n")
    assert doc.blocks[0].text == " ".join(line.strip() for line in LEFT[:3])


def test_lines_ended_at_a_soft_hyphen_that_was_no_line_end_are_one_line() -> None:
    # pdftotext -raw of a Chromium PDF: a line ends at every soft hyphen where a text run
    # ended; a real break shows the drawn hyphen (U+2010) on a line of its own after it
    text = ("Tories Under Fire For A Name Switch\nBy Ann Lee\n\n"
            "With the absence of law, campaigns have already\nbeen pressing the bound\u00ad\n"
            "aries to get attention. The\nConservative Party became embroiled in contro\u00ad\n"
            "\u2010\nversy earlier this month when it posted a video.\n")
    doc = parse_text(text)
    assert [b.text for b in doc.blocks] == [
        "With the absence of law, campaigns have already been pressing the boundaries to get "
        "attention. The Conservative Party became embroiled in controversy earlier this month "
        "when it posted a video."]
    assert any(r.step == "fix_soft_hyphens" for r in doc.repairs)


def test_a_soft_hyphen_at_a_line_end_stays_a_break_without_the_proof() -> None:
    # no drawn hyphen printed apart anywhere: a line-final soft hyphen may be a producer's
    # hyphen glyph at a real line end, and the lines stay as printed
    lines = read_dump(["been pressing the bound\u00ad", "aries to get attention. The", "next"])
    assert [ln.text for ln in lines] == ["been pressing the bound\u00ad",
                                         "aries to get attention. The", "next"]


FULL = "National Security Council official, testified side-by-side before the House"


def test_an_emoji_printed_apart_goes_back_into_the_line_it_cut() -> None:
    # pdftotext prints a flag drawn by Chromium as a block of its own and cuts its line there
    text = ("Envoys Testify Side By Side\nBy Ann Lee\n\n\U0001F1FA\U0001F1E6\n\n"
            "Kurt Volker, the former special envoy to Ukraine\n, and Tim Morrison, a former\n"
            + f"{FULL}\n" * 3 + "Intelligence Committee on Tuesday.\n")
    doc = parse_text(text)
    assert [b.text for b in doc.blocks] == [
        "Kurt Volker, the former special envoy to Ukraine \U0001F1FA\U0001F1E6, and Tim "
        f"Morrison, a former {FULL} {FULL} {FULL} Intelligence Committee on Tuesday."]


def test_an_emoji_line_with_no_cut_to_fill_stays_where_it_is() -> None:
    rows = ["\u2600", "", *[FULL] * 4, "the end of it."]
    assert [ln.text for ln in read_dump(rows)] == rows


def test_a_newspaper_section_folio_is_a_page_number() -> None:
    text = ("Harbour Town Votes On Its Seawall\nBy Ann Lee\n\n"
            "Residents voted on Tuesday to rebuild the seawall.\n\nA1\n\f")
    doc = parse_text(text)
    assert [b.text for b in doc.blocks] == ["Residents voted on Tuesday to rebuild the seawall."]
    assert [f.text for f in doc.furniture if f.kind.value == "page_number"] == ["A1"]


PARAGRAPH = ["The council voted on Tuesday to close the old harbour road for a year",
             "while the sea wall is rebuilt, the mayor said at the town hall tonight.",
             "Traders on the quay said that they had not been asked about it at all",
             "and would lose their custom."]


def test_where_a_dump_shows_its_paragraph_breaks_a_full_line_sentence_end_goes_on() -> None:
    # pdfminer and pdftotext -layout print a blank line between paragraphs: the sentence that
    # ends at the end of the second (full) line does not end its paragraph
    body = "\n".join(PARAGRAPH) + "\n\n"
    doc = parse_text("Harbour Road To Close\nBy Ann Lee\n\n" + body * 4)
    assert [b.text for b in doc.blocks] == [" ".join(PARAGRAPH)] * 4
    assert all(ln.breaks_shown for ln in read_dump((body * 4).split("\n")))


def test_where_a_dump_shows_no_paragraph_breaks_a_full_line_sentence_end_breaks() -> None:
    # pdftotext's default and pypdf print nothing between paragraphs set without white
    body = "\n".join(PARAGRAPH) + "\n"
    doc = parse_text("Harbour Road To Close\nBy Ann Lee\n\n" + body * 4)
    assert len(doc.blocks) == 8
    assert not any(ln.breaks_shown for ln in read_dump((body * 4).split("\n")))


def test_a_dump_without_form_feeds_starts_a_page_where_its_head_comes_back() -> None:
    # pypdf's and pdfplumber's pages joined by a newline: the second page's running head and
    # folio are furniture, and the paragraph runs on across them
    first = "\n".join(PARAGRAPH[:3]) + "\n"
    text = ("THE HARBOUR GAZETTE\nMay 4, 2026\n1\nHarbour Road To Close For A Year\nBy Ann Lee\n"
            + first * 3 + "THE HARBOUR GAZETTE\nMay 4, 2026\n2\n" + PARAGRAPH[3] + "\n")
    doc = parse_text(text)
    assert [b.text for b in doc.blocks][-1].endswith(
        f"{PARAGRAPH[2]} {PARAGRAPH[3]}")  # the paragraph runs on across the page's head
    assert sum(f.text == "THE HARBOUR GAZETTE" for f in doc.furniture) == 2
    # a text that repeats itself has no running heads: its first line does not come back
    repeated = "A Headline For The Story\n\n" + first * 8
    assert not any(ln.new_page for ln in read_dump(repeated.split("\n")))
