"""More traits of real pages (../shared/bench/realworld), each drawn small with reportlab.

Each test names the real file that showed the trait; the rule it guards is general (no file,
publisher or font is named in the code).
"""

from __future__ import annotations

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas
from test_pdf_pages import (
    HEIGHT,
    LEFT,
    RIGHT,
    WHOLE,
    Draw,
    _font,
    column,
    paragraphs,
    parse,
    pdf,
    text_at,
)

from newsingest.model import BlockType, FurnitureKind

TRANSCRIPT = [
    "IN THE SUPREME COURT OF THE UNITED STATES",
    "",
    "The above-entitled matter came on for oral",
    "argument before the Supreme Court of the",
    "United States at 1:01 p.m.",
    "",
    "APPEARANCES:",
    "STEVEN E. MERCER, ESQ., Deputy Attorney",
    "General, Los Angeles, Cal.; on behalf of",
    "the Petitioner.",
    "",
    "",
]


def test_margin_line_numbers_are_furniture_not_text() -> None:
    """scotus-transcript: every line, blank ones too, numbered 1-12 in the left margin."""
    def page(c: canvas.Canvas) -> None:
        for n, line in enumerate(TRANSCRIPT, 1):
            top = 72 + 26 * (n - 1)
            number = str(n)
            c.setFont("Courier", 12)
            c.drawRightString(104, HEIGHT - top - 9.6, number)
            if line:
                text_at(c, 126, top, line, font="Courier", size=12)

    doc = parse(pdf(page))
    texts = [b.text for b in doc.blocks]
    assert "The above-entitled matter came on for oral argument before the Supreme Court of " \
        "the United States at 1:01 p.m." in texts
    assert any(t.startswith("STEVEN E. MERCER, ESQ., Deputy Attorney General, Los Angeles")
               for t in texts)
    assert not any(t[:1].isdigit() or t[-2:].strip().isdigit() for t in texts)
    numbers = [f for f in doc.furniture if f.kind is FurnitureKind.OTHER]
    assert [f.text for f in numbers] == [" ".join(str(n) for n in range(1, 13))]


def test_a_short_run_of_numbered_lines_stays_text() -> None:
    """Three lines opening with counting numbers are too few to be line numbering."""
    def page(c: canvas.Canvas) -> None:
        for n in range(1, 4):
            text_at(c, 72, 72 + 14 * n, f"{n} apples were counted on the table today.")

    doc = parse(pdf(page))
    assert all(b.type is not BlockType.TABLE for b in doc.blocks)
    assert "1 apples were counted" in " ".join(paragraphs(doc) + [b.text for b in doc.blocks])


CONTENTS = [
    ("Notices", "vii", 0), ("Preface", "xi", 0), ("Chapter 1. Securing the data", "1", 0),
    ("1.1 Security fundamentals", "2", 12), ("1.2 Current state of security", "2", 12),
    ("1.2.1 Existing row and column control", "4", 24),
]


def test_contents_entries_with_dot_leaders_are_one_table_row_each() -> None:
    """ibm-redpaper: a table of contents whose entries run to a dot leader and a page number
    (ten entries ran together a paragraph): a table of (entry, page) rows."""
    def page(c: canvas.Canvas) -> None:
        text_at(c, 72, 72, "Contents", font="Times-Bold", size=16)
        for k, (title, folio, indent) in enumerate(CONTENTS):
            top = 110 + 14 * k
            room = 510 - 72 - indent - stringWidth(title + " " + folio, "Times-Roman", 10)
            dots = " ." * int(room / stringWidth(" .", "Times-Roman", 10))
            text_at(c, 72 + indent, top, f"{title}{dots} {folio}")

    doc = parse(pdf(page))
    tables = [b for b in doc.blocks if b.type is BlockType.TABLE]
    assert len(tables) == 1
    assert tables[0].rows == tuple((t, f) for t, f, _ in CONTENTS)
    assert tables[0].raw is not None and len(tables[0].raw.splitlines()) == len(CONTENTS)
    assert not any(". . ." in b.text for b in doc.blocks if b.type is not BlockType.TABLE)


ABSTRACT = [
    "We propose a scheme to realize scalable quantum computation in a planar ion crystal",
    "confined by a Paul trap. We show that the inevitable in-plane micromotion affects the",
    "gate design via three separate effects: renormalization of the equilibrium positions,",
    "coupling to the transverse motional modes, and amplitude modulation in the addressing",
    "beam. We demonstrate that all of these effects can be taken into account and that",
    "high-fidelity gates are possible in the presence of micromotion. This proposal opens",
    "the prospect to realize large-scale fault-tolerant quantum computation in one trap.",
]
SIDEBAR = [("Accepted 3 Jan. 2015", 9), ("", 0), ("Published 25 Feb. 2015", 9), ("", 0),
           ("Correspondence and", 8), ("requests for materials", 8),
           ("should be mailed to the", 8), ("first author.", 8)]


def test_a_flush_right_margin_sidebar_stays_apart_from_the_main_column() -> None:
    """sci-reports-quantum: a ragged-left sidebar in the left margin ends in small print; its
    last dates do not run on into the main column's author line, its small print stays one
    paragraph, and a superscript at the height of a sidebar line stays in its own line."""
    def page(c: canvas.Canvas) -> None:
        top = 150.0
        for text, size in SIDEBAR:
            if text:
                c.setFont("Times-Roman", size)
                c.drawRightString(120, HEIGHT - top - 0.8 * size, text)
            top += 12 if text else 18
        text_at(c, 144, 100, "Quantum Computation in an Ion Crystal", size=22)
        text_at(c, 144, 150, "S.-T. Wang, C. Shen & L.-M. Duan", size=9.5)
        for k, text in enumerate(ABSTRACT):
            y = 191.5 + 11.5 * k  # line 3 stands 4 pt under a sidebar line
            text_at(c, 144, y, text, size=9.5)
            if k == 3:
                x = 144 + stringWidth(text, "Times-Roman", 9.5)
                text_at(c, x + 0.3, y - 0.5, "1,2", size=5.2)

    doc = parse(pdf(page))
    texts = [b.text for b in doc.blocks]
    assert "Published 25 Feb. 2015" in texts
    assert "S.-T. Wang, C. Shen & L.-M. Duan" in texts
    assert "Correspondence and requests for materials should be mailed to the first author." \
        in texts
    assert any("in the addressing1,2 beam." in t for t in texts)


def test_a_margin_column_does_not_run_on_into_the_main_column() -> None:
    """sci-reports-quantum: the margin column's last entry, two lines without a full stop,
    and the main column's first line (its author line) are two texts: the column break
    between them is also a change of measure."""
    def page(c: canvas.Canvas) -> None:
        for k, text in enumerate(["Subject areas:", "", "quantum information",
                                  "and the qubits of", "planar ion crystals"]):
            text_at(c, 30, 150 + 12 * k, text, size=9)
        text_at(c, 144, 100, "Quantum Computation in an Ion Crystal", size=22)
        text_at(c, 144, 150, "S.-T. Wang, C. Shen & L.-M. Duan", size=9.5)
        for k, text in enumerate(ABSTRACT):
            text_at(c, 144, 174 + 11.5 * k, text, size=9.5)

    texts = [b.text for b in parse(pdf(page)).blocks]
    assert "quantum information and the qubits of planar ion crystals" in texts
    assert "S.-T. Wang, C. Shen & L.-M. Duan" in texts


def test_labels_of_a_vector_drawing_do_not_cut_the_paragraph_around_it() -> None:
    """logical-clarinet: a figure drawn with paths (no image) at the top of the next column,
    its labels set as text; the paragraph runs on past the drawing and its caption."""
    def page(c: canvas.Canvas) -> None:
        column(c, 72, 72, LEFT, trailing_space=True, measure=190)
        x = 72 + 190 + 14
        c.rect(x, HEIGHT - 190, 205, 118)
        for k in range(3):  # a tube with round tone holes
            c.circle(x + 50 + 50 * k, HEIGHT - 130, 9)
        c.bezier(x + 20, HEIGHT - 110, x + 60, HEIGHT - 90, x + 140, HEIGHT - 90, x + 185,
                 HEIGHT - 110)
        c.line(x + 20, HEIGHT - 150, x + 185, HEIGHT - 150)
        # a shape running off the page behind it (a clip or bleed box) is no part of it
        c.rect(x - 100, -100, 440, HEIGHT + 200)
        for text, dx, top in (("2b", 45, 80), ("2a", 180, 125), ("2d", 95, 165)):
            text_at(c, x + dx, top, text, font="Times-Italic", size=9)
        text_at(c, x, 196, "Figure 1. Elementary cell with tone hole.", size=9)
        column(c, x, 220, RIGHT, trailing_space=True, measure=190)

    doc = parse(pdf(page))
    assert WHOLE in paragraphs(doc)
    assert any(b.type is BlockType.CAPTION for b in doc.blocks)
    assert {"2a", "2b", "2d"} <= {f.text for f in doc.furniture}


def test_short_small_lines_in_a_ruled_box_stay_text() -> None:
    """A boxed note drawn with straight rules only (no curves) is no drawing: its short
    small-print lines are the note's text, not labels."""
    def page(c: canvas.Canvas) -> None:
        column(c, 72, 72, LEFT[:6])
        c.rect(72, HEIGHT - 250, 200, 90)
        c.line(72, HEIGHT - 180, 272, HEIGHT - 180)
        for k, text in enumerate(("Note:", "Closed on", "Sundays")):
            text_at(c, 80, 168 + 22 * k, text, size=8)

    texts = " ".join(b.text for b in parse(pdf(page)).blocks)
    assert "Closed on" in texts and "Sundays" in texts


def test_an_equation_number_is_no_list_marker_for_the_next_columns_line() -> None:
    """logical-clarinet: a display's number "(8)", set at its column's right edge half-way
    down the display, stands next to a line of the next column a little lower; taken as
    that line's list marker it glued the two columns into one line."""
    def page(c: canvas.Canvas) -> None:
        column(c, 72, 72, LEFT[:4], measure=190)
        text_at(c, 120, 132, "zL = (ka) + j0.82ka")
        text_at(c, 130, 146, "Sh")
        c.setFont("Times-Roman", 10)
        c.drawRightString(262, HEIGHT - 140 - 8, "(8)")
        column(c, 72, 172, LEFT[4:], measure=190)
        column(c, 276, 72, RIGHT, leading=12, measure=190)

    doc = parse(pdf(page))
    assert "The stainless steel nut may be spun on and off by hand as its locking action " \
        "takes place only when the nut is seated." in paragraphs(doc)
    assert not any(b.text.startswith("(8) ") for b in doc.blocks)


STORY = (
    "On Monday, the third day of September, in accordance with my resolution, I bade "
    "farewell to the city of Baltimore and to the life I had known there for so many years.",
    "My success was due to address rather than courage; to good luck rather than bravery. "
    "My means of escape were provided for me by the very men who were making laws to hold "
    "me, and I used them as well as I could.",
)


def _typed(text: str, width: int) -> list[str]:
    """Hard line breaks as a typist makes them: at most ``width`` characters a line."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def test_a_typed_paragraph_ending_at_a_page_foot_is_not_run_into_the_next_page() -> None:
    """pd-kids: a story typed with hard line breaks (36 characters, in a column as wide as
    its longest line, so the next word would fit on most lines), paragraphs set apart by
    blank lines; one ends on a nearly full line at the foot of page 1, the next starts
    page 2."""
    first = ["The night was cold when I set out, at last.", "", *_typed(STORY[0], 36)]
    second = [*_typed(STORY[1], 36), "", "That is all I have to tell of it, my dear."]

    def lines_at(top: float, lines: list[str]) -> Draw:
        def draw(c: canvas.Canvas) -> None:
            for k, text in enumerate(lines):
                text_at(c, 72, top + 14 * k, text, font="Helvetica", size=11)
        return draw

    doc = parse(pdf(lines_at(HEIGHT - 72 - 14 * len(first), first), lines_at(72, second)))
    assert [" ".join(p.split()) for p in paragraphs(doc)][1:3] == list(STORY)


def test_a_letters_date_block_above_its_address_is_read_first() -> None:
    """hcw-letter: "Exhibit / Execution Version / date" at the right margin stand above the
    address block at the left margin; the white between them is no column gutter (no row
    has text on both sides, and the right side's rows come in one run)."""
    def page(c: canvas.Canvas) -> None:
        text_at(c, 34, 47, "BETWEEN BLUEJAY DIAGNOSTICS, INC. AND H.C. WAINWRIGHT & CO., LLC")
        c.setFont("Times-Roman", 10)
        for text, top in (("Exhibit 10.17", 59), ("Execution Version", 132),
                          ("Our reference 44/B", 156)):
            c.drawRightString(561, HEIGHT - top - 8, text)
        for text, top in (("STRICTLY CONFIDENTIAL", 180), ("Bluejay Diagnostics, Inc.", 204),
                          ("360 Massachusetts Avenue, Suite 203", 216),
                          ("Acton, MA 01720", 228), ("Dear Mr. Dey:", 252)):
            text_at(c, 34, top, text)
        for k, text in enumerate(ABSTRACT[:4]):
            text_at(c, 34, 276 + 12 * k, text)

    texts = [b.text for b in parse(pdf(page)).blocks]
    order = [next(i for i, t in enumerate(texts) if word in t)
             for word in ("Execution", "reference", "STRICTLY", "Dear")]
    assert order == sorted(order)


def test_a_caption_list_beside_centred_lines_is_read_row_by_row() -> None:
    """scotus-filing: the judges' names down the left margin, then the parties centred
    below "THE SUPREME COURT": the sides take turns in long runs, never on one row, so the
    court's name (above the names) is read before them."""
    def page(c: canvas.Canvas) -> None:
        c.setFont("Times-Bold", 9.6)
        c.drawCentredString(297, HEIGHT - 38 - 8, "THE SUPREME COURT")
        for k, name in enumerate(("Keane, Chief Justice", "Denham, Justice", "Murphy, Justice",
                                  "Murray, Justice", "Hardiman, Justice", "Between:")):
            c.drawString(28, HEIGHT - 57 - 9.6 * k - 8, name)
        for k, text in enumerate(("JAMIE SINNOTT", "A PERSON OF UNSOUND MIND NOT SO FOUND",
                                  "SUING BY HIS MOTHER AND NEXT FRIEND KATHRYN SINNOTT",
                                  "and", "THE MINISTER FOR EDUCATION")):
            c.drawCentredString(297, HEIGHT - 134 - 9.6 * k - 8, text)
        c.drawString(28, HEIGHT - 192 - 8, "Between:")
        for k, text in enumerate(("KATHRYN SINNOTT", "and", "THE MINISTER FOR EDUCATION")):
            c.drawCentredString(297, HEIGHT - 201.6 - 9.6 * k - 8, text)
        for k, text in enumerate(ABSTRACT[:4]):
            text_at(c, 28, 240 + 12 * k, text, size=9.6)

    doc = parse(pdf(page))
    texts = [doc.metadata.title or "", *(b.text for b in doc.blocks)]
    first = [next(i for i, t in enumerate(texts) if word in t)
             for word in ("SUPREME", "Keane", "JAMIE")]
    assert first == sorted(first)
    # the names set in the court name's type, down the margin, do not wrap it
    assert doc.metadata.title == "THE SUPREME COURT"


def test_a_prepared_by_line_above_a_release_headline_names_its_author() -> None:
    """guam-press-release: "Prepared by Aubrey Moore, May 23, 2021" stands between the
    "PRESS RELEASE" label and the bold headline."""
    def page(c: canvas.Canvas) -> None:
        text_at(c, 18, 17, "PRESS RELEASE", font="Helvetica-Bold", size=14.3)
        text_at(c, 18, 51, "Prepared by Aubrey Moore, May 23, 2021", font="Helvetica", size=10.9)
        text_at(c, 18, 86, "Roadside surveys show one in five palms on Guam attacked",
                font="Helvetica-Bold", size=12)
        for k, text in enumerate(ABSTRACT[:4]):
            text_at(c, 18, 120 + 13 * k, text, font="Helvetica", size=10.9)

    doc = parse(pdf(page))
    assert doc.metadata.authors == ("Aubrey Moore",)
    assert str(doc.metadata.published) == "2021-05-23"


def test_a_hyphen_drawn_with_the_soft_hyphen_code_inside_a_word_stays() -> None:
    """alchemy-book-review: the font maps its hyphen glyph to U+00AD, so "pseudo-Avicenne"
    as printed read as "pseudo\\u00adAvicenne", and repair dropped the soft hyphen."""
    font = _font("DejaVuSans")
    if font is None:
        pytest.skip("no TrueType font to embed")

    def page(c: canvas.Canvas) -> None:
        text_at(c, 72, 72, "Le De anima alchimique du pseudo\u00adAvicenne, a review.", font=font)

    assert "pseudo-Avicenne" in " ".join(b.text for b in parse(pdf(page)).blocks)
