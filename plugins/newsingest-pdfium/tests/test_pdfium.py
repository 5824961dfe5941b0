"""The pdfium parser on PDFs built here with reportlab, plus newsingest's contract checks."""

from __future__ import annotations

import io

import newsingest
import pytest
from newsingest.cli import main
from newsingest.errors import CorruptError
from newsingest.testing import check_parser

from newsingest_pdfium import PdfiumParser
from newsingest_pdfium.extract import page_lines

PARAGRAPHS = (
    "The council approved the new budget on Tuesday after a long debate about the cost of "
    "repairing the old bridge over the river, which has been closed since the winter floods.",
    "Residents who spoke at the meeting asked for the work to start before the summer, when "
    "traffic through the town centre is at its heaviest and the detour adds half an hour.",
)


def make_pdf(pages: int = 1, letter_spaced_masthead: bool = False) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    pdf.setTitle("Council approves bridge budget")
    pdf.setAuthor("Jane Doe")
    for page in range(pages):
        y = 780.0
        if letter_spaced_masthead and page == 0:
            masthead = pdf.beginText(72, y)
            masthead.setFont("Helvetica", 10)
            masthead.setCharSpace(3)
            masthead.textLine("THE VALLEY GAZETTE")
            pdf.drawText(masthead)
            y -= 30
        pdf.setFont("Helvetica-Bold", 20)
        pdf.drawString(72, y, "Council Approves Bridge Budget")
        y -= 40
        pdf.setFont("Helvetica", 11)
        for paragraph in PARAGRAPHS:
            words, line = paragraph.split(), ""
            for word in words:
                if pdf.stringWidth(f"{line} {word}".strip(), "Helvetica", 11) > 440:
                    pdf.drawString(72, y, line)
                    y -= 14
                    line = word
                else:
                    line = f"{line} {word}".strip()
            pdf.drawString(72, y, line)
            y -= 28  # paragraph gap
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@pytest.fixture(scope="module")
def sample() -> bytes:
    return make_pdf()


def test_keeps_the_plugin_contract(sample: bytes) -> None:
    doc = check_parser(PdfiumParser(), sample, name="story.pdf")
    assert doc.source.parser == "pdfium"


def test_paragraphs_title_and_provenance(sample: bytes) -> None:
    doc = newsingest.parse(sample, parser="pdfium")
    assert doc.metadata.title == "Council Approves Bridge Budget"
    assert doc.metadata.authors == ("Jane Doe",)  # from the document information
    assert [b.text for b in doc.blocks] == list(PARAGRAPHS)
    first = doc.blocks[0].provenance
    assert first.page == 1 and first.bbox is not None and first.bbox[0] == pytest.approx(72, 1)


def test_letter_spaced_text_is_read_as_words() -> None:
    import pypdfium2
    import pypdfium2.raw as raw

    pdf = pypdfium2.PdfDocument(make_pdf(letter_spaced_masthead=True))
    try:
        page = pdf[0]
        lines = page_lines(page.get_textpage(), raw, 1, page.get_size()[1])
    finally:
        pdf.close()
    assert lines[0].text == "THE VALLEY GAZETTE"
    assert lines[1].text == "Council Approves Bridge Budget"
    assert lines[1].bold is True and lines[1].font_size == 20


def test_built_in_pdf_parser_stays_the_default(sample: bytes) -> None:
    assert newsingest.parse(sample).source.parser == "pdf"
    assert PdfiumParser().sniff(sample[:4096]) < 1.0


def test_cli_parser_option(tmp_path: object, capsys: pytest.CaptureFixture[str],
                           sample: bytes) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "story.pdf"
    path.write_bytes(sample)
    with pytest.raises(SystemExit) as info:
        main(["parse", "--parser", "pdfium", "-f", "markdown", str(path)])
    assert info.value.code == 0
    assert capsys.readouterr().out.startswith("# Council Approves Bridge Budget\n")


def test_errors(sample: bytes) -> None:
    with pytest.raises(CorruptError, match="not a PDF"):
        newsingest.parse(b"<html></html>", parser="pdfium", name="x.pdf")
    with pytest.raises(CorruptError, match="PDFium cannot open it"):
        newsingest.parse(b"%PDF-1.7\n" + bytes(200), parser="pdfium", name="x.pdf")


def test_newsingest_plugins_lists_the_distribution(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["plugins"])
    assert info.value.code == 0
    line = next(ln for ln in capsys.readouterr().out.splitlines() if ln.split()[:1] == ["pdfium"])
    assert line.split() == ["pdfium", "newsingest-pdfium", ".pdf"]


def _drawn(draw: object) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    draw(pdf)  # type: ignore[operator]
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _lines(data: bytes) -> tuple[object, ...]:
    import pypdfium2
    import pypdfium2.raw as raw

    pdf = pypdfium2.PdfDocument(data)
    try:
        page = pdf[0]
        return page_lines(page.get_textpage(), raw, 1, page.get_size()[1])
    finally:
        pdf.close()


ITEMS = (
    ("1.", "Nor has the council's backtracking on the parking law, which started the",
     "protests, calmed the fury."),
    ("2.", "Letters to persuade residents to love the new road plan have proved just",
     "as unwelcome."),
)


def _wrapped(c: object, text: str, y: float) -> float:
    words, line = text.split(), ""
    for word in words:
        if c.stringWidth(f"{line} {word}".strip(), "Helvetica", 11) > 440:  # type: ignore[attr-defined]
            c.drawString(72, y, line)  # type: ignore[attr-defined]
            y -= 14
            line = word
        else:
            line = f"{line} {word}".strip()
    c.drawString(72, y, line)  # type: ignore[attr-defined]
    return y - 28


def _list_page(pdf: object) -> None:
    c: object = pdf
    c.setFont("Helvetica", 11)  # type: ignore[attr-defined]
    y = _wrapped(c, PARAGRAPHS[0], 760.0)
    y = _wrapped(c, PARAGRAPHS[1], y)
    for marker, first, second in ITEMS:
        c.drawString(90, y, marker)  # type: ignore[attr-defined]
        c.drawString(104, y, first)  # type: ignore[attr-defined]
        c.drawString(104, y - 14, second)  # type: ignore[attr-defined]
        y -= 28
    y -= 14
    _wrapped(c, PARAGRAPHS[0], y)


def test_lines_carry_the_evidence_of_the_built_in_parser() -> None:
    # the laid-out rules read the first word's width, a marker's hang and the size as drawn
    def scaled(pdf: object) -> None:
        pdf.scale(0.75, 0.75)  # type: ignore[attr-defined]  # a browser prints CSS pixels so
        pdf.setFont("Helvetica", 16)  # type: ignore[attr-defined]
        pdf.drawString(96, 1000, "Harbour news today")  # type: ignore[attr-defined]

    (line,) = _lines(_drawn(scaled))
    assert line.font_size == pytest.approx(12, abs=0.1)  # type: ignore[attr-defined]
    lines = _lines(_drawn(_list_page))
    item = next(ln for ln in lines if ln.text.startswith("1."))  # type: ignore[attr-defined]
    assert item.hang == pytest.approx(104, abs=1)  # type: ignore[attr-defined]
    assert 0 < item.lead < 15  # type: ignore[attr-defined]


def test_the_laid_out_rules_decide_as_for_the_built_in_parser() -> None:
    # one engine: pdfium's lines, with the same evidence, give the built-in parser's blocks
    # (a hanging list item keeps its second line; before, pdfium's made it a quote)
    data = _drawn(_list_page)
    doc = newsingest.parse(data, parser="pdfium", name="list.pdf")
    items = [b.text for b in doc.blocks if b.type.value == "list_item"]
    assert items == [f"{first} {second}" for _, first, second in ITEMS]
    built_in = newsingest.parse(data, parser="pdf", name="list.pdf")
    assert [(b.type, b.text) for b in doc.blocks] == [(b.type, b.text) for b in built_in.blocks]
