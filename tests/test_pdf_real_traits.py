"""Traits of the real PDFs in ../shared/bench/docling, each reproduced in a small PDF drawn here.

Each test names the trait a real page showed and fails without the mechanism that reads it:
a cross-reference placed a space's width after its label without a space glyph, a bold lead
phrase ending inside a list item's first line, a code listing in a monospaced font, headings
set out in the margin, a right-to-left form's tables and title.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

import newsingest
from newsingest.model import BlockType, Document

WIDTH, HEIGHT = letter
Draw = Callable[[canvas.Canvas], None]


def pdf(*pages: Draw) -> bytes:
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=letter)
    for draw in pages:
        draw(c)
        c.showPage()
    c.save()
    return out.getvalue()


def parse(data: bytes) -> Document:
    return newsingest.parse(data, name="trait.pdf")


def texts(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks]


def text_at(c: canvas.Canvas, x: float, top: float, text: str, font: str = "Helvetica",
            size: float = 10.0) -> float:
    """Draw ``text`` with its top at ``top``; the x where it ends."""
    c.setFont(font, size)
    c.drawString(x, HEIGHT - top - 0.8 * size, text)
    return x + stringWidth(text, font, size)


def test_a_word_placed_a_space_width_away_without_a_space_glyph_is_a_new_word() -> None:
    """An IBM Redpaper's cross-references ("Table 2-1 describes ..."): the label's number is
    drawn by itself, the pen moved on by a space's width, no space glyph between."""

    def page(c: canvas.Canvas) -> None:
        space = stringWidth(" ", "Helvetica", 10)
        end = text_at(c, 72, 100, "The view holds the usage settings, and Table")
        text_at(c, end + space, 100, "2-1 describes its columns.")
        end = text_at(c, 72, 113, "The query of Example")
        text_at(c, end + space, 113, "2-2 lists the users who may change them.")

    doc = parse(pdf(page))
    body = " ".join(texts(doc))
    assert "Table 2-1 describes" in body
    assert "Example 2-2 lists" in body


def test_a_bold_lead_phrase_ending_inside_an_items_first_line_keeps_the_item_whole() -> None:
    """A word processor's list (docling's multi_page sample): each item opens with a bold
    phrase that fills most of its first line; the line ends in regular type, ragged, and the
    item runs on in regular type. The line is mostly bold, but the weight does not change at
    the break."""

    def page(c: canvas.Canvas) -> None:
        text_at(c, 72, 80, "Early word processors were not software programs but machines.",
                "Times-Roman", 12)
        text_at(c, 90, 110, "\u2022", "Times-Roman", 12)
        end = text_at(c, 108, 110, "IBM MT/ST (Magnetic Tape/Selectric Typewriter):",
                      "Times-Bold", 12)
        text_at(c, end, 110, " Introduced in 1964, this", "Times-Roman", 12)
        text_at(c, 108, 124, "machine combined IBM's Selectric typewriter with magnetic tape "
                "storage. It allowed", "Times-Roman", 12)
        text_at(c, 108, 138, "users to record, edit, and replay typed content.", "Times-Roman", 12)
        text_at(c, 90, 152, "\u2022", "Times-Roman", 12)
        end = text_at(c, 108, 152, "Wang Laboratories:", "Times-Bold", 12)
        text_at(c, end, 152, " In the 1970s, Wang introduced dedicated word processing",
                "Times-Roman", 12)
        text_at(c, 108, 166, "machines with small screens and floppy disks.", "Times-Roman", 12)

    doc = parse(pdf(page))
    items = [b for b in doc.blocks if b.type is BlockType.LIST_ITEM]
    assert [b.text for b in items] == [
        "IBM MT/ST (Magnetic Tape/Selectric Typewriter): Introduced in 1964, this machine "
        "combined IBM's Selectric typewriter with magnetic tape storage. It allowed users to "
        "record, edit, and replay typed content.",
        "Wang Laboratories: In the 1970s, Wang introduced dedicated word processing machines "
        "with small screens and floppy disks.",
    ]


PROSE = [
    "The following program adds two numbers and prints the result on the console of",
    "the browser, which is how most readers first meet the language in a tutorial.",
]
CODE = ["function add(a, b) {", "    return a + b;", "}", "console.log(add(3, 5));"]
AFTER = "Running it prints eight, and the same function can be reused anywhere else."


def _listing(c: canvas.Canvas, mono: str = "Courier") -> None:
    top = 80.0
    for text in PROSE:
        text_at(c, 72, top, text, "Helvetica", 10)
        top += 13
    top += 8
    for text in CODE:
        indent = len(text) - len(text.lstrip())
        text_at(c, 90 + indent * stringWidth(" ", mono, 9), top, text.lstrip(), mono, 9)
        top += 11
    top += 8
    text_at(c, 72, top, AFTER, "Helvetica", 10)


def test_a_code_listing_in_a_monospaced_font_is_one_preformatted_block() -> None:
    """A LaTeX listing and an IBM Redpaper's SQL examples: lines in a monospaced font among
    proportional prose keep their line breaks and indents, in one block of their own."""
    doc = parse(pdf(_listing))
    code = [b for b in doc.blocks if b.type is BlockType.PREFORMATTED]
    assert [b.text for b in code] == ["\n".join(CODE)]
    assert " ".join(PROSE) in texts(doc)
    assert AFTER in texts(doc)


def test_a_document_typed_in_a_monospaced_font_has_no_code_listing() -> None:
    """A release typed in Courier from end to end, and a court transcript whose numbered
    lines are mostly blank: the font is the body's, not code."""

    def page(c: canvas.Canvas) -> None:
        top = 80.0
        for _ in range(3):
            for text in PROSE:
                text_at(c, 72, top, text[:60], "Courier", 10)
                top += 12
            top += 12

    def transcript(c: canvas.Canvas) -> None:
        for k in range(1, 26):
            text_at(c, 40, 60 + 24 * k, str(k), "Courier", 12)
            if k in (2, 14, 15):
                text_at(c, 90, 60 + 24 * k, "argument before the Supreme Court of the United",
                        "Courier", 12)

    for draw in (page, transcript):
        doc = parse(pdf(draw))
        assert not [b for b in doc.blocks if b.type is BlockType.PREFORMATTED]
        assert doc.blocks


def test_body_text_set_in_from_headings_in_the_margin_is_no_quote() -> None:
    """An IBM Redpaper sets headings out in the left margin and the body an inch in; a page
    of it with one short section must not read its body as a block quote because another
    page's text starts at the headings' edge."""
    words = "the security of the data is set by the rules that the system applies to it"

    def first(c: canvas.Canvas) -> None:
        for k in range(12):
            text_at(c, 65, 80 + 12 * k, f"Chapter text {k} says that {words}.")

    def second(c: canvas.Canvas) -> None:
        text_at(c, 65, 80, "1.3.1 Existing row and column control", "Helvetica-Bold", 13)
        lines = ["Some clients have tried augmenting the object-level security with SQL",
                 "views and application logic, as shown in the figure. However, that logic",
                 "is easy to bypass with all of the data access interfaces of the system,",
                 "such as the database connectivity drivers."]
        for k, text in enumerate(lines):
            text_at(c, 137, 105 + 12 * k, text)

    doc = parse(pdf(first, second))
    section = next(b for b in doc.blocks if b.text.startswith("Some clients"))
    assert section.type is BlockType.PARAGRAPH


def _hebrew_font() -> str | None:
    for folder in ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu"):
        path = Path(folder) / "DejaVuSans.ttf"
        if path.exists():
            pdfmetrics.registerFont(TTFont("DejaVuSans", str(path)))
            return "DejaVuSans"
    return None


def _visual(logical: str) -> str:
    """A Hebrew line as a PDF draws it: words right to left, each word's letters reversed."""
    return " ".join(w if w.isascii() else w[::-1] for w in reversed(logical.split(" ")))


def test_a_right_to_left_table_reads_from_its_right_column_and_its_first_line() -> None:
    """A Persian form (docling's right_to_left_03): ruled tables whose label column is on the
    right, a value cell of two lines, a heading between two tables. The cells read right
    column first, a cell's lines first line first, and the heading between the tables."""
    font = _hebrew_font()
    if font is None:
        pytest.skip("DejaVuSans not installed")
    first = [("שם התקן", ["מוטות פלדה יצוקה", "לפי הניתוח המצורף"]), ("מספר התקן", ["20300"])]
    second = [("תאריך הגשה", ["1403/09/19"]), ("תאריך קבלה", ["1403/10/04"])]

    def table(c: canvas.Canvas, top: float, rows: list[tuple[str, list[str]]]) -> float:
        x0, mid, x1 = 100.0, 330.0, 500.0
        y = top
        for label, values in rows:
            height = 8 + 14 * len(values)
            c.rect(x0, HEIGHT - y - height, x1 - x0, height)
            c.line(mid, HEIGHT - y, mid, HEIGHT - y - height)
            c.setFont(font, 11)
            c.drawRightString(x1 - 6, HEIGHT - y - 15, _visual(label))
            for k, value in enumerate(values):
                c.drawRightString(mid - 6, HEIGHT - y - 15 - 14 * k, _visual(value))
            y += height
        return y

    def page(c: canvas.Canvas) -> None:
        c.setFont(font, 14)
        c.drawRightString(500, HEIGHT - 80, _visual("תקן המוצר"))
        bottom = table(c, 100, first)
        c.setFont(font, 14)
        c.drawRightString(500, HEIGHT - bottom - 40, _visual("קבלה בבורסה"))
        table(c, bottom + 60, second)

    doc = parse(pdf(page))
    tables = [b for b in doc.blocks if b.type is BlockType.TABLE]
    assert [list(r) for r in tables[0].rows] == [
        ["שם התקן", "מוטות פלדה יצוקה לפי הניתוח המצורף"], ["מספר התקן", "20300"]]
    assert [list(r) for r in tables[1].rows] == [
        ["תאריך הגשה", "1403/09/19"], ["תאריך קבלה", "1403/10/04"]]
    order = [b.text if b.type is not BlockType.TABLE else "table" for b in doc.blocks]
    assert order[order.index("table"):] == ["table", "קבלה בבורסה", "table"]


def _persian_header(c: canvas.Canvas) -> None:
    """Two columns of bold form labels in the body's size; the document's title, set
    higher, heads the left column, the company's name the right one."""
    c.setFont("DejaVuSans-Bold", 14)
    c.drawRightString(280, HEIGHT - 75, _visual("תשקיף קבלה לשוק הראשי"))
    c.setFont("DejaVuSans-Bold", 11)
    c.drawRightString(520, HEIGHT - 104, _visual("בורסת הסחורות"))
    c.setFont("DejaVuSans-Bold", 14)
    for k in range(12):
        c.drawRightString(520, HEIGHT - 140 - 20 * k, _visual(f"שדה מספר {k} בטופס"))
        c.drawRightString(280, HEIGHT - 140 - 20 * k, _visual(f"ערך השדה {k} כאן"))


def test_a_right_to_left_pages_title_standing_highest_in_its_left_column_is_the_title() -> None:
    """The Persian form's header (docling's right_to_left_03): the page reads from its right
    column, yet the title is the line highest on the page, in the left one."""
    bold = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
    if _hebrew_font() is None or not bold.exists():
        pytest.skip("DejaVuSans not installed")
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
    doc = parse(pdf(_persian_header))
    assert doc.metadata.title == "תשקיף קבלה לשוק הראשי"


def _notes_page(notes: list[str]) -> bytes:
    body = ("Recent news headlines are filled with reports of data breaches and attacks on "
            "businesses of all sizes, and the costs keep rising every year for all of them")

    def page(c: canvas.Canvas) -> None:
        words = body.split()
        for k in range(4):
            text_at(c, 72, 100 + 13 * k, " ".join(words[k * 7:(k + 1) * 7]) + " and more of it",
                    "Helvetica", 10)
        for k, note in enumerate(notes):
            text_at(c, 72, 640 + 10 * k, note, "Helvetica", 8)

    return pdf(page)


def test_short_footnotes_under_a_column_are_one_block_each() -> None:
    """An IBM Redpaper's footnotes: one-line notes set small at the foot of a page, each
    opening with its number. Each is a note of its own, though neither line ends a sentence
    or leaves room for the next one's first word; a note wrapped onto a second line, or one
    whose next line opens with a number out of sequence, stays one."""
    doc = parse(_notes_page(["1 http://www.idtheftcenter.org", "2 http://www.ponemon.org/"]))
    assert texts(doc)[-2:] == ["1 http://www.idtheftcenter.org", "2 http://www.ponemon.org/"]
    long = ("3 The Ponemon Institute's yearly study of what a breach costs the businesses it "
            "strikes, counted in")
    doc = parse(_notes_page([long, "12 countries and by industry.", "4 See the appendix."]))
    assert texts(doc)[-2:] == [long + " 12 countries and by industry.", "4 See the appendix."]
def test_an_undecodable_bullet_set_close_before_its_text_still_makes_list_items() -> None:
    """An IBM brochure's list: each item starts with a symbol-font bullet the PDF gives no
    Unicode for (pdfminer reads "(cid:N)"), set a space before its text, not at a tab stop.
    reportlab's Helvetica bullet is read the same way."""
    items = ["Database performance and scalability", "Advanced SQL knowledge and skills",
             "Business intelligence and analytics"]

    def page(c: canvas.Canvas) -> None:
        text_at(c, 72, 80, "Global engagements cover topics including:")
        for k, item in enumerate(items):
            text_at(c, 72, 96 + 12 * k, "\u2022 " + item)

    doc = parse(pdf(page))
    listed = [b for b in doc.blocks if b.type is BlockType.LIST_ITEM]
    assert [b.text for b in listed] == items
    assert "(cid" not in " ".join(texts(doc))


def test_a_table_of_contents_set_with_leaders_is_a_table_of_entries() -> None:
    """An IBM Redpaper's contents page: each entry ends in a dot leader and its page number;
    read as running text it was a few long paragraphs. It is a table, one row per entry,
    a wrapped title joined to its entry."""
    entries = [("Notices", "vii"), ("Preface", "xi"),
               ("Chapter 1. Securing and protecting IBM DB2 data", "1"),
               ("1.1 Security fundamentals", "2"), ("1.2 Current state of IBM i security", "2")]

    def page(c: canvas.Canvas) -> None:
        text_at(c, 72, 60, "Contents", "Helvetica-Bold", 24)
        top = 110.0
        for title, number in entries:
            dots = " ."
            while stringWidth(title + dots + " . " + number, "Helvetica", 10) < 440:
                dots += " ."
            text_at(c, 72, top, title + dots + " " + number)
            top += 12.5
        text_at(c, 72, top, "3.4 Establishing and controlling accessibility by using the")
        text_at(c, 72, top + 12.5, "RCAC rule text . . . . . . . . . . . . . . . . 21")
        text_at(c, 72, top + 40, "This paper was produced by a team of specialists.")

    doc = parse(pdf(page))
    tables = [b for b in doc.blocks if b.type is BlockType.TABLE]
    assert len(tables) == 1
    assert tables[0].rows == (*entries, (
        "3.4 Establishing and controlling accessibility by using the RCAC rule text", "21"))
    assert "This paper was produced by a team of specialists." in texts(doc)


def test_text_level_with_a_page_number_on_the_last_row_is_the_running_foot() -> None:
    """A report's spread printed on one sheet (docling's table_mislabeled_as_picture): the
    foot row carries "208" with the running title on the left page and the section name
    with "209" on the right. Only the numbers are page numbers by form; the rest of their row
    is furniture too."""

    def page(c: canvas.Canvas) -> None:
        for k in range(20):
            text_at(c, 72, 100 + 13 * k, f"Question {k} asks whether the country has a legal aid "
                    "provider of its own.")
        text_at(c, 40, 760, "208")
        text_at(c, 300, 760, "Global Study on Legal Aid \u2014 Global Report")
        text_at(c, 540, 760, "209")

    doc = parse(pdf(page))
    assert not any("Global Study" in t for t in texts(doc))
    assert any("Global Study" in f.text for f in doc.furniture)
