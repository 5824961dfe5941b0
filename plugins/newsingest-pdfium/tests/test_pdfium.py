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
