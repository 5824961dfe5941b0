"""Traits of real pages, each reproduced in a small PDF drawn here with reportlab.

Every test names the real-file trait it stands for (../shared/bench/docling and realworld
files showed them): columns set close together, a figure with labels and a caption inside a
column whose paragraph runs on into the next, a ruled table, a right-to-left page, footnote
marks set as superscripts, italic run-in subheadings, chapter-page folios, rotated margin text,
a word-processor title, checkbox lists in a dingbat font.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from PIL import Image
from reportlab.lib.pagesizes import letter
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

import newsingest
from newsingest.model import BlockType, Document, FurnitureKind
from newsingest.serialize import SCHEMA_PATH

WIDTH, HEIGHT = letter
Draw = Callable[[canvas.Canvas], None]

# Two columns of one article, wrapped by hand to 39-char lines (Times-Roman 10 pt fits them in
# a 230 pt column). The first paragraph of the right column continues the left's last one.
LEFT = [
    "The two general types of locking nuts",
    "currently in use are the all-metal type",
    "and the fiber lock type. For the sake of",
    "simplicity, only three typical kinds of",
    "nuts are considered in this handbook and",
    "each is described with its main uses.",
    "",
    "Boots nuts are made with three different",
    "spring styles and in various shapes and",
    "sizes. The wing type that is",
]
RIGHT = [
    "the most common ranges in size from No.",
    "6 up to one quarter inch, and the other",
    "type ranges in size from No. 8 up to",
    "three eighths of an inch in all cases.",
    "",
    "The stainless steel nut may be spun on",
    "and off by hand as its locking action",
    "takes place only when the nut is seated.",
]


def pdf(*pages: Draw, title: str | None = None) -> bytes:
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=letter)
    if title:
        c.setTitle(title)
    for draw in pages:
        draw(c)
        c.showPage()
    c.save()
    return out.getvalue()


def text_at(c: canvas.Canvas, x: float, top: float, text: str, font: str = "Times-Roman",
            size: float = 10.0) -> None:
    c.setFont(font, size)
    c.drawString(x, HEIGHT - top - 0.8 * size, text)


def column(c: canvas.Canvas, x: float, top: float, lines: list[str], *, leading: float = 13.0,
           trailing_space: bool = False, measure: float = 205.0) -> float:
    """Draw a column's lines justified to ``measure`` but a paragraph's last line (an empty
    line is a paragraph gap; the column's last line counts as running on); words are drawn
    with their spaces, so the stretch is bare white. Returns the next top."""
    for k, line in enumerate(lines):
        last = k + 1 < len(lines) and not lines[k + 1]
        if line and last:
            text_at(c, x, top, line + (" " if trailing_space else ""))
        elif line:
            words = line.split()
            space = pdfmetrics.stringWidth(" ", "Times-Roman", 10)
            widths = [pdfmetrics.stringWidth(w, "Times-Roman", 10) for w in words]
            stretch = (measure - sum(widths) - space * (len(words) - 1)) / (len(words) - 1)
            at = x
            for n, (word, width) in enumerate(zip(words, widths, strict=True)):
                tail = " " if n + 1 < len(words) or trailing_space else ""
                text_at(c, at, top, word + tail)
                at += width + space + stretch
        top += leading
    return top


def parse(data: bytes) -> Document:
    return newsingest.parse(data, name="page.pdf")


def paragraphs(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks if b.type is BlockType.PARAGRAPH]


WHOLE = ("Boots nuts are made with three different spring styles and in various shapes and "
         "sizes. The wing type that is the most common ranges in size from No. 6 up to one "
         "quarter inch, and the other type ranges in size from No. 8 up to three eighths of an "
         "inch in all cases.")


def test_columns_set_close_together_are_not_interleaved() -> None:
    """FAA handbook page: a 1.2 em gutter, every left line ending in a drawn space — soft
    white only, but the right column's flush edge runs down the page."""
    def page(c: canvas.Canvas) -> None:
        column(c, 72, 72, LEFT, trailing_space=True)
        column(c, 72 + 205 + 12, 72, RIGHT, trailing_space=True)

    doc = parse(pdf(page))
    assert WHOLE in paragraphs(doc)
    assert paragraphs(doc)[0].startswith("The two general types of locking nuts currently")


def _image(c: canvas.Canvas, x: float, top: float, w: float, h: float) -> None:
    img = Image.new("RGB", (40, 30), (120, 140, 160))
    c.drawImage(ImageReader(img), x, HEIGHT - top - h, w, h)


def test_paragraph_runs_on_across_a_figure_and_its_caption() -> None:
    """FAA handbook page: a figure with small labels and a caption at the foot of the left
    column, the paragraph continuing at the top of the right column."""
    def page(c: canvas.Canvas) -> None:
        column(c, 72, 72, LEFT)
        _image(c, 72, 220, 100, 60)
        _image(c, 180, 220, 100, 60)
        text_at(c, 90, 262, "Elastic anchor nut", "Helvetica", 7)  # a label on the figure
        text_at(c, 72, 300, "Figure 7-26. Self-locking nuts.", "Times-Italic", 9)
        column(c, 320, 72, RIGHT)

    doc = parse(pdf(page))
    assert WHOLE in paragraphs(doc)
    kinds = [(b.type, b.text) for b in doc.blocks]
    at = kinds.index((BlockType.PARAGRAPH, WHOLE))
    assert kinds[at + 1] == (BlockType.CAPTION, "Figure 7-26. Self-locking nuts.")
    assert not any("Elastic anchor" in b.text for b in doc.blocks)
    assert any(f.text == "Elastic anchor nut" for f in doc.furniture)


def test_paragraph_continued_across_columns_carries_both_regions() -> None:
    def page(c: canvas.Canvas) -> None:
        column(c, 72, 72, LEFT)
        column(c, 320, 72, RIGHT)

    doc = parse(pdf(page))
    block = next(b for b in doc.blocks if b.text == WHOLE)
    regions = block.provenance.regions
    assert len(regions) == 2
    assert [r.page for r in regions] == [1, 1]
    assert regions[0].bbox is not None and regions[1].bbox is not None
    assert regions[0].bbox[2] < 320 <= regions[1].bbox[0]
    assert block.provenance.bbox == regions[0].bbox
    one = next(b for b in doc.blocks if b.text.startswith("The stainless"))
    assert one.provenance.regions == ()
    data = json.loads(doc.to_json())
    jsonschema.validate(data, json.loads(Path(SCHEMA_PATH).read_text(encoding="utf-8")))
    assert Document.from_json(doc.to_json()) == doc


def test_ruled_table_is_a_table_block_and_its_cells_stay_out_of_paragraphs() -> None:
    """A ruled comparison table between paragraphs (a Korean policy brief, a questionnaire)."""
    rows = [("Group", "Before", "After"), ("Class", "Group one", "Grade one"),
            ("Count", "six kinds", "seventeen kinds")]

    def page(c: canvas.Canvas) -> None:
        top = column(c, 72, 72, ["The council compared the old and the new rules",
                                  "in one table, shown below for the record."])
        top += 10
        xs, h = [72, 200, 330, 460], 18
        for r, row in enumerate(rows):
            for k, cell in enumerate(row):
                text_at(c, xs[k] + 4, top + r * h + 4, cell)
        for r in range(len(rows) + 1):
            c.line(xs[0], HEIGHT - top - r * h, xs[-1], HEIGHT - top - r * h)
        for x in xs:
            c.line(x, HEIGHT - top, x, HEIGHT - top - len(rows) * h)
        column(c, 72, top + len(rows) * h + 20, ["After the table the article goes on with",
                                                  "its own paragraph about the vote."])

    doc = parse(pdf(page))
    tables = [b for b in doc.blocks if b.type is BlockType.TABLE]
    assert len(tables) == 1
    assert tables[0].rows == tuple(rows)
    assert [b.type for b in doc.blocks] == [BlockType.PARAGRAPH, BlockType.TABLE,
                                            BlockType.PARAGRAPH]
    assert not any("seventeen" in b.text for b in doc.blocks if b.type is not BlockType.TABLE)


def _font(name: str) -> str | None:
    for folder in ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu"):
        path = Path(folder) / f"{name}.ttf"
        if path.exists():
            pdfmetrics.registerFont(TTFont(name, str(path)))
            return name
    return None


def test_right_to_left_page_reads_in_logical_order() -> None:
    """Arabic/Persian/Hebrew pages: glyphs are placed in visual order, right-aligned; the
    text must come out in logical order, a left-to-right name kept as it is, and a
    paragraph's lines (flush right, short last line on the left) whole."""
    font = _font("DejaVuSans")
    if font is None:
        pytest.skip("DejaVuSans not installed")
    logical = ["שלום עולם זו שורה ראשונה של הפסקה והיא ארוכה",
               "מאוד Python והיא ממשיכה עוד ועוד בשורה שנייה",
               "ונגמרת כאן."]

    def page(c: canvas.Canvas) -> None:
        c.setFont(font, 11)
        for k, line in enumerate(logical):
            # visual order: words right to left, each Hebrew word's letters reversed, the
            # full stop (a neutral at the paragraph's end) at the far left
            words = line.rstrip(".").split(" ")
            visual = " ".join(w if w.isascii() else w[::-1] for w in reversed(words))
            visual = ("." if line.endswith(".") else "") + visual
            c.drawRightString(540, HEIGHT - 100 - 15 * k, visual)

    doc = parse(pdf(page))
    assert [b.text for b in doc.blocks] == [" ".join(logical)]


def test_superscript_footnote_mark_stays_on_its_line() -> None:
    """A footnote mark set smaller and higher (sorting above its line) is part of the line."""
    def page(c: canvas.Canvas) -> None:
        c.setFont("Times-Roman", 10)
        y = HEIGHT - 100
        c.drawString(72, y, "Insurers must decide whether the illness is an injury")
        c.setFont("Times-Roman", 6)
        c.drawString(72 + pdfmetrics.stringWidth("Insurers must decide whether the illness is "
                                                 "an injury", "Times-Roman", 10), y + 4, "1)")
        c.setFont("Times-Roman", 10)
        c.drawString(72, y - 13, "or an accident, and the contracts say nothing of it.")

    doc = parse(pdf(page))
    assert [b.text for b in doc.blocks] == [
        "Insurers must decide whether the illness is an injury1) or an accident, and the "
        "contracts say nothing of it."]


def test_italic_run_in_subheading_is_a_heading_and_folio_is_furniture() -> None:
    """FAA handbook: "Boots Self-Locking Nut" in body-size italic over its section; "7-45"
    at the foot of the page."""
    def page(c: canvas.Canvas) -> None:
        top = column(c, 72, 72, LEFT[:6])
        text_at(c, 72, top + 8, "Stainless Steel Nuts", "Times-Italic")
        column(c, 72, top + 26, RIGHT[5:])
        text_at(c, 520, 740, "7-45")

    doc = parse(pdf(page))
    heading = next(b for b in doc.blocks if b.text == "Stainless Steel Nuts")
    assert heading.type is BlockType.HEADING
    assert not any(b.text == "7-45" for b in doc.blocks)
    assert any(f.text == "7-45" and f.kind is FurnitureKind.PAGE_NUMBER for f in doc.furniture)


def test_rotated_margin_text_is_furniture() -> None:
    """A working paper's side stamp, set at 90 degrees in the margin."""
    def page(c: canvas.Canvas) -> None:
        column(c, 72, 72, LEFT[:6])
        c.saveState()
        c.translate(30, 300)
        c.rotate(90)
        c.setFont("Times-Roman", 8)
        c.drawString(0, 0, "Electronic copy available")
        c.restoreState()

    doc = parse(pdf(page))
    assert any(f.text == "Electronic copy available" and f.kind is FurnitureKind.OTHER
               for f in doc.furniture)
    assert not any("Electronic" in b.text for b in doc.blocks)


def test_word_processor_title_is_the_title() -> None:
    """A sectioned document typed in a word processor: its first line bold, in the body's
    size, like its section headings further on."""
    def page(c: canvas.Canvas) -> None:
        text_at(c, 72, 72, "The Evolution of the Word Processor", "Times-Bold", 12)
        column(c, 72, 100, ["The concept of the word processor predates modern computers",
                            "and has evolved through several milestones.", ""], measure=300)
        text_at(c, 72, 140, "The Typewriter Era", "Times-Bold", 12)
        column(c, 72, 160, ["The origins of word processing go back to the typewriter.", ""],
               measure=300)

    doc = parse(pdf(page, title="PowerPoint Presentation"))
    assert doc.metadata.title == "The Evolution of the Word Processor"
    assert [b.text for b in doc.blocks] == [
        "The concept of the word processor predates modern computers and has evolved through "
        "several milestones.", "The Typewriter Era",
        "The origins of word processing go back to the typewriter."]


def test_checkboxes_in_a_dingbat_font_are_list_markers() -> None:
    """A questionnaire: each answer after a box drawn from a dingbats font, wrapped lines
    at the hanging indent."""
    def page(c: canvas.Canvas) -> None:
        for k, (first, second) in enumerate([
                ("They work in parallel to private lawyers who take", "assignments for legal aid"),
                ("They coordinate appointments of private lawyers", "to legal aid cases")]):
            top = 100 + 40 * k
            c.setFont("ZapfDingbats", 9)
            c.drawString(72, HEIGHT - top - 8, "o")
            text_at(c, 86, top, first)
            text_at(c, 86, top + 12, second)

    doc = parse(pdf(page))
    assert [b.type for b in doc.blocks] == [BlockType.LIST_ITEM, BlockType.LIST_ITEM]
    assert doc.blocks[0].text.endswith("who take assignments for legal aid")


STORY = [["In my old Granny's days, long, long ago, the land was just a",
          "collection of bogs. Pools of black water lay in the hollows, and",
          "little green rivulets scurried away here and there, as if to",
          "escape from their tails, while every tuft that you trod upon",
          "would squirt up at you like anything on a dark night."],
         ["Now, I've heard my Granny say that a long time before her day",
          "the Moon got trapped and buried in the bog, and I'll tell you",
          "the tale as she used to tell it to me."]]


def test_a_hand_wrapped_story_set_flush_right_keeps_its_paragraphs() -> None:
    """A collection of public-domain stories: plain text with its typed line breaks, set
    flush right (ragged left) — the next word would often have fitted, so that says
    nothing; paragraphs are the white between them."""
    def page(c: canvas.Canvas) -> None:
        c.setFont("Times-Roman", 10)
        top = 100.0
        for para in STORY:
            for text in para:
                c.drawRightString(540, HEIGHT - top - 8, text)
                top += 13
            top += 13

    doc = parse(pdf(page))
    assert [b.text for b in doc.blocks] == [" ".join(p) for p in STORY]


def test_a_sidebar_with_its_own_leading_and_superscripts_keeps_its_paragraphs() -> None:
    """A journal's first page: footnote marks raise rows above their lines (no gap there),
    and a margin column is set tighter than the body; each flow's own line gap decides."""
    def page(c: canvas.Canvas) -> None:
        body = ["Ki67 is a marker of cellular proliferation that is commonly",
                "assessed in surgical pathology laboratories and it is an",
                "established prognostic factor with higher levels associated",
                "with worse long-term survival in the trials reported so far",
                "and in the registries that followed them for many years."]
        for k, text in enumerate(body * 2):
            top = 100 + 12 * k
            text_at(c, 200, top, text)
            if k % 3 == 0:  # a footnote mark set small and high after the line's last word
                end = 200 + pdfmetrics.stringWidth(text, "Times-Roman", 10)
                c.setFont("Times-Roman", 6)
                c.drawString(end + 0.5, HEIGHT - top - 8 + 3.5, str(k))  # baseline raised
        for k, text in enumerate(["This article is an open access", "article distributed under",
                                  "the terms and conditions of", "the licence named below.",
                                  "All rights remain with", "the authors of the work",
                                  "who grant the rights", "to all readers of the",
                                  "journal to copy it and", "share it in any form."]):
            text_at(c, 40, 100 + 12 * k, text, size=7)  # 7 pt on 12: looser than the body

    doc = parse(pdf(page))
    texts = [b.text for b in doc.blocks]
    assert texts[0] == (
        "This article is an open access article distributed under the terms and conditions "
        "of the licence named below. All rights remain with the authors of the work who grant "
        "the rights to all readers of the journal to copy it and share it in any form.")
    assert len(texts) == 2 and texts[1].startswith("Ki67 is a marker of cellular proliferation "
                                                   "that is commonly0 assessed in surgical")


def test_a_running_head_below_the_margin_band_is_furniture() -> None:
    """A journal set with narrow margins: the running head, the first line of every page,
    sits lower than a tenth of the page; repeated on each page, it is no paragraph's end."""
    def page(number: int) -> Draw:
        def draw(c: canvas.Canvas) -> None:
            text_at(c, 160, 90, "A. Author et al. / Journal of Rivers 310 (2005) 253-265", size=8)
            text_at(c, 500, 90, str(250 + number), size=8)
            column(c, 72, 120, LEFT if number == 1 else RIGHT, measure=205)
        return draw

    doc = parse(pdf(page(1), page(2)))
    assert not any("Journal of Rivers" in b.text for b in doc.blocks)
    assert sum("Journal of Rivers" in f.text for f in doc.furniture) == 2
    assert WHOLE in paragraphs(doc)



def test_gutters_meeting_end_to_end_are_one_gutter() -> None:
    """A conference paper's first page (NAACL): the abstract is indented in the left column,
    so the white beside it is wider than the gutter below; the finder sees two strips, end to
    end, overlapping sideways — one gutter, so the page stays one band read column by
    column (two bands read the right column's top between the left column's parts)."""
    from newsingest.parsers.pdf.layout import Gutter, _joined

    abstract, body = Gutter(277, 313, 8, 24, 17), Gutter(299, 313, 25, 42, 18)
    assert _joined([abstract, body], 8.0) == [Gutter(299, 313, 8, 42, 35)]
    apart = Gutter(100, 120, 25, 42, 18)  # another column's gutter below: not joined
    assert len(_joined([abstract, apart], 8.0)) == 2


def test_a_paragraph_runs_on_past_a_footnote_at_the_foot_of_its_column() -> None:
    """A conference paper's first page: the copyright notice, set small at the foot of the
    left column, between a paragraph and its continuation at the top of the right column."""
    def page(c: canvas.Canvas) -> None:
        column(c, 72, 72, LEFT)
        text_at(c, 72, 300, "Permission to make digital or hard copies of this work", size=7)
        text_at(c, 72, 309, "is granted without fee for personal use.", size=7)
        column(c, 320, 72, RIGHT)

    doc = parse(pdf(page))
    texts = [b.text for b in doc.blocks]
    assert WHOLE in texts
    assert texts[texts.index(WHOLE) + 1].startswith("Permission to make digital")


def test_inspect_draws_a_box_per_region_of_a_continued_block() -> None:
    from newsingest.inspection.layout import items

    def page(c: canvas.Canvas) -> None:
        column(c, 72, 72, LEFT)
        column(c, 320, 72, RIGHT)

    doc = parse(pdf(page))
    n = next(k for k, b in enumerate(doc.blocks, start=1) if b.text == WHOLE)
    boxes = [i for i in items(doc) if i.ref in (f"b{n}", f"b{n}-2")]
    assert [i.label for i in boxes] == [f"{n} paragraph", f"{n} paragraph (2/2)"]
    assert boxes[0].bbox != boxes[1].bbox and all(i.page == 1 for i in boxes)


def test_typed_line_breaks_without_gaps_keep_short_last_lines_as_paragraph_ends() -> None:
    """The same story collection, other pages: flush left, no white between paragraphs; the
    lines were broken by whoever typed them (the next word would often have fitted), so only
    a sentence ending on a clearly short line ends a paragraph."""
    paras = [["In 1801, Jefferson was made President; and while he was in",
              "office the land grew strong and great.",],
             ["Our first steamboat was built by Robert Fulton while he",
              "was President; it did not look at all like the boats",
              "of today, and it went by sails and steam."]]

    def page(c: canvas.Canvas) -> None:
        lines = [t for p in paras for t in p] * 3
        for k, text in enumerate(lines):
            text_at(c, 72, 100 + 13 * k, text)

    doc = parse(pdf(page))
    assert [b.text for b in doc.blocks] == [" ".join(p) for p in paras] * 3


def test_a_reference_list_with_hanging_indents_keeps_each_reference_whole() -> None:
    """A paper's references: each entry's first line flush and full, its wrapped lines
    indented — a hanging indent, not a new paragraph's first-line indent."""
    refs = [["E. Agichtein and L. Gravano. 2000. Snowball: Extracting",
             "Relations from Large Plaintext Collections."],
            ["S. Brin. 1998. Extracting Patterns and Relations from the",
             "World Wide Web. In WebDB Workshop at EDBT."]]

    def page(c: canvas.Canvas) -> None:
        top = 100.0
        for ref in refs * 3:
            column(c, 72, top, [ref[0]], measure=235)
            text_at(c, 84, top + 12, ref[1])
            top += 30

    doc = parse(pdf(page))
    assert [b.text for b in doc.blocks] == [" ".join(r) for r in refs] * 3
