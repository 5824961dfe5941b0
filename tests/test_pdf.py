"""The PDF parser on small PDFs drawn with reportlab in the tests: layout, furniture, errors."""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Sequence
from typing import Any

import pytest
import reportlab
from reportlab.lib import pdfencrypt
from reportlab.lib.pagesizes import letter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

import newsingest
from newsingest.errors import CorruptError, EmptyInputError, EncryptedError, ParseError
from newsingest.model import BlockType, Document, FurnitureKind

WIDTH, HEIGHT = letter
#: (x, top, text, font, size); ``top`` is measured from the top of the page, like pdfplumber's.
Item = tuple[float, float, str, str, float]
BODY = "Helvetica"
LOREM = [
    "The council met on Monday evening to discuss the",
    "new budget for the coming year, which includes",
    "money for roads, schools and the public library.",
]


def make_pdf(pages: Sequence[Sequence[Item]], *, title: str | None = None,
             author: str | None = None, encrypt: Any = None) -> bytes:
    """A PDF with one page per item list; an empty list draws a page with a picture only."""
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=letter, encrypt=encrypt)
    if title is not None:
        c.setTitle(title)
    if author is not None:
        c.setAuthor(author)
    for items in pages:
        if not items:
            c.rect(100, 100, 200, 200, fill=1)
        for x, top, text, font, size in items:
            c.setFont(font, size)
            c.drawString(x, HEIGHT - top - size * 0.8, text)
        c.showPage()
    c.save()
    return out.getvalue()


def para(lines: Sequence[str], x: float, top: float, *, size: float = 10, leading: float = 13,
         indent: float = 0, font: str = BODY) -> list[Item]:
    """The lines of one paragraph; ``indent`` moves the first line only."""
    return [(x + (indent if i == 0 else 0), top + i * leading, text, font, size)
            for i, text in enumerate(lines)]


def headline(text_lines: Sequence[str], top: float = 60) -> list[Item]:
    return para(text_lines, 60, top, size=24, leading=28, font="Helvetica-Bold")


def parse(data: bytes, **options: Any) -> Document:
    return newsingest.parse(data, name="test.pdf", **options)


def texts(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks]


def test_wrapped_title_byline_and_gapped_paragraphs() -> None:
    items = headline(["Council Approves a Budget", "for the Coming Year"])
    items += [(60, 130, "By Maria Alvarez | March 24, 2026", "Helvetica-Oblique", 9)]
    items += para(LOREM, 60, 160)
    items += para(["A second paragraph follows after a gap."], 60, 210)
    doc = parse(make_pdf([items], title="article.html"))
    assert doc.metadata.title == "Council Approves a Budget for the Coming Year"
    assert doc.metadata.authors == ("Maria Alvarez",)
    assert doc.metadata.published.isoformat() == "2026-03-24"
    assert texts(doc) == [" ".join(LOREM), "A second paragraph follows after a gap."]
    assert all(b.type is BlockType.PARAGRAPH for b in doc.blocks)
    first = doc.blocks[0].provenance
    assert first.page == 1 and first.bbox is not None and first.bbox[1] == pytest.approx(160, 1)


def test_info_title_is_used_when_the_page_has_no_headline() -> None:
    doc = parse(make_pdf([para(LOREM, 60, 100)], title="Budget Day", author="Ann Lee"))
    assert doc.metadata.title == "Budget Day"
    assert doc.metadata.authors == ("Ann Lee",)


def test_indented_paragraphs_without_gaps_split_at_the_indent() -> None:
    items = para(LOREM, 60, 100, indent=12) + para(LOREM, 60, 139, indent=12)
    doc = parse(make_pdf([items]))
    assert texts(doc) == [" ".join(LOREM)] * 2


def test_two_columns_read_column_by_column_and_continue_across() -> None:
    left = [f"left column line number {n} of the story" for n in range(1, 9)]
    right = [f"right column line number {n} of the tale" for n in range(1, 9)]
    items = headline(["Two Columns"]) + para(left, 50, 120) + para(right, 320, 120)
    doc = parse(make_pdf([items]))
    assert doc.metadata.title == "Two Columns"
    # the last left line is full and the right column is not indented: one paragraph
    assert texts(doc) == [" ".join(left + right)]


def test_hyphenated_line_ends_join_only_on_evidence() -> None:
    lines = ["Their plan for the devel-", "opment was a so-", "called success of sorts."]
    doc = parse(make_pdf([para(lines, 60, 100)]))
    assert texts(doc) == ["Their plan for the development was a so-called success of sorts."]


def test_running_header_and_page_numbers_are_furniture() -> None:
    pages = []
    for n in range(1, 4):
        items = [(60, 30, "The Daily Planet", BODY, 8), (290, 760, f"Page {n}", BODY, 8)]
        items += para([*LOREM, f"The end of page {n}."], 60, 100)
        pages.append(items)
    doc = parse(make_pdf(pages))
    assert texts(doc) == [" ".join([*LOREM, f"The end of page {n}."]) for n in (1, 2, 3)]
    assert not any("Daily Planet" in t or t.startswith("Page ") for t in texts(doc))
    kinds = {(f.kind, f.provenance.page) for f in doc.furniture}
    assert (FurnitureKind.PAGE_NUMBER, 3) in kinds
    assert (FurnitureKind.HEADER, 2) in kinds


def test_list_items_with_hanging_indent() -> None:
    items = para(["The plan has three parts:"], 60, 100)
    items += [(70, 125, "1.", BODY, 10), (84, 125, "a new road to the harbour and the", BODY, 10),
              (84, 138, "old town,", BODY, 10),
              (70, 151, "2.", BODY, 10), (84, 151, "a school,", BODY, 10),
              (70, 164, "3.", BODY, 10), (84, 164, "a library.", BODY, 10)]
    items += para(["After the list the story goes on."], 60, 190)
    doc = parse(make_pdf([items]))
    assert texts(doc) == ["The plan has three parts:",
                          "a new road to the harbour and the old town,", "a school,",
                          "a library.", "After the list the story goes on."]
    assert [b.type for b in doc.blocks[1:4]] == [BlockType.LIST_ITEM] * 3
    assert doc.blocks[1].ordered and doc.blocks[1].marker == "1."


def test_indented_italic_block_is_a_quote_and_bold_line_a_heading() -> None:
    items = para(LOREM, 60, 100)
    items += para(["A quoted passage, set in from both sides", "of the column for effect."],
                  100, 150, font="Helvetica-Oblique")
    items += [(60, 190, "What Comes Next", "Helvetica-Bold", 13)]
    items += para(LOREM, 60, 215)
    doc = parse(make_pdf([items]))
    assert [b.type for b in doc.blocks] == [BlockType.PARAGRAPH, BlockType.QUOTE,
                                            BlockType.HEADING, BlockType.PARAGRAPH]
    assert doc.blocks[2].level == 2


def test_words_are_split_by_geometry_not_a_fixed_tolerance() -> None:
    # words drawn one by one with 2.5 pt gaps and no space characters (a tight justified line)
    items: list[Item] = []
    x = 60.0
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for word in ["During", "the", "briefing,", "a", "reporter", "asked"]:
        items.append((x, 100, word, BODY, 10))
        x += stringWidth(word, BODY, 10) + 2.5
    doc = parse(make_pdf([items]))
    assert texts(doc) == ["During the briefing, a reporter asked"]


def test_encrypted_pdf_needs_its_password() -> None:
    enc = pdfencrypt.StandardEncryption("secret", canPrint=1)
    data = make_pdf([para(LOREM, 60, 100)], encrypt=enc)
    with pytest.raises(EncryptedError, match="password"):
        parse(data)
    with pytest.raises(EncryptedError, match="wrong"):
        parse(data, password="nope")
    assert texts(parse(data, password="secret")) == [" ".join(LOREM)]


def test_truncated_zero_byte_and_not_a_pdf_are_typed_errors() -> None:
    data = make_pdf([para(LOREM, 60, 100)] * 2)
    with pytest.raises(CorruptError, match="truncated"):
        parse(data[: len(data) // 3])
    with pytest.raises(EmptyInputError):
        parse(b"")
    with pytest.raises(CorruptError, match="not a PDF"):
        parse(b"\x00\x01\x02 binary junk with a .pdf name \xff\xfe" * 10)
    assert issubclass(CorruptError, ParseError)


def test_page_without_text_layer_is_a_warning() -> None:
    doc = parse(make_pdf([para(LOREM, 60, 100), []]))
    assert texts(doc) == [" ".join(LOREM)]
    [warning] = [w for w in doc.warnings if w.code == "no-text-layer"]
    assert warning.message.startswith("page 2 has no text layer")
    assert warning.provenance is not None and warning.provenance.page == 2


def test_pdfminer_warnings_are_demoted_to_debug(caplog: pytest.LogCaptureFixture) -> None:
    parse(make_pdf([para(LOREM, 60, 100)]))
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("pdfminer.pdffont").warning("Could not get FontBBox")
    [record] = [r for r in caplog.records if "FontBBox" in r.getMessage()]
    assert record.levelno == logging.DEBUG


def test_repairs_run_on_page_text_and_are_located() -> None:
    vera = os.path.join(os.path.dirname(reportlab.__file__), "fonts", "Vera.ttf")
    pdfmetrics.registerFont(TTFont("Vera", vera))  # a font with ligatures and a soft hyphen
    items = para(["The \ufb01rst \ufb02ight was a develop\u00adment."], 60, 100, font="Vera")
    doc = parse(make_pdf([items]))
    assert texts(doc) == ["The first flight was a development."]
    assert {r.step for r in doc.repairs} == {"fix_ligatures", "fix_soft_hyphens"}
    [repair] = [r for r in doc.repairs if r.step == "fix_ligatures"]
    [where] = repair.locations
    assert repair.count == 2
    assert where.page == 1 and where.bbox is not None and where.bbox[1] == pytest.approx(100, 1)


def test_forced_line_break_ends_a_block_and_typed_dash_is_not_a_bullet() -> None:
    items = para(["Path A: Iceland, Bulgaria", "Path B: Bosnia, Slovakia and Ireland"], 60, 100)
    items += para(["\u2014 Robert Maguire (@RobertMaguire_) November 18, 2019"], 60, 140)
    doc = parse(make_pdf([items]))
    # "Path" would have fitted after "Bulgaria": that line break was forced
    assert texts(doc)[:2] == ["Path A: Iceland, Bulgaria", "Path B: Bosnia, Slovakia and Ireland"]
    assert doc.blocks[-1].type is BlockType.PARAGRAPH
