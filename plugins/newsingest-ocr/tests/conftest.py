"""Page fixtures made here: reportlab sets known text, pypdfium2 draws it as a scan would be."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import pytest

HEADLINE = "Council Approves Bridge Budget"
PARAGRAPHS = (
    "The council approved the new budget on Tuesday after a long debate about the cost of "
    "repairing the old bridge over the river, which has been closed since the winter floods.",
    "Residents who spoke at the meeting asked for the work to start before the summer, when "
    "traffic through the town centre is at its heaviest and the detour adds half an hour.",
)
SECOND_PAGE = (
    "Work on the southern ramp will begin in March and the contractor expects the bridge to "
    "reopen to cars by the end of the year, if the weather allows the concrete to cure.",
)


def _wrap(pdf: Any, text: str, font: str, size: float, width: float) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and pdf.stringWidth(f"{line} {word}", font, size) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line]


def text_pdf(pages: Sequence[tuple[str | None, Sequence[str]]], byline: str | None = None
             ) -> bytes:
    """A PDF with a text layer: per page an optional headline (20 pt bold) and paragraphs;
    ``byline`` (10 pt) under the first page's headline."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    for headline, paragraphs in pages:
        y = 760.0
        if headline:
            pdf.setFont("Helvetica-Bold", 20)
            pdf.drawString(72, y, headline)
            y -= 40
            if byline:
                pdf.setFont("Helvetica", 10)
                pdf.drawString(72, y + 10, byline)
                y -= 16
                byline = None
        for paragraph in paragraphs:
            pdf.setFont("Helvetica", 12)
            for line in _wrap(pdf, paragraph, "Helvetica", 12, 440):
                pdf.drawString(72, y, line)
                y -= 16
            y -= 12
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def two_columns_pdf(left: Sequence[str], right: Sequence[str]) -> bytes:
    """One page set in two columns (10 pt Times), full columns, a 30 pt gutter."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    for x, paragraphs in ((60.0, left), (312.0, right)):
        y = 780.0
        for paragraph in paragraphs:
            pdf.setFont("Times-Roman", 10)
            for line in _wrap(pdf, paragraph, "Times-Roman", 10, 222):
                pdf.drawString(x, y, line)
                y -= 12.5
            y -= 8
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def render(pdf_bytes: bytes, dpi: float = 300) -> list[Any]:
    """Every page of ``pdf_bytes`` as a grey Pillow image."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(pdf_bytes)
    try:
        return [page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for page in pdf]
    finally:
        pdf.close()


def image_file(images: Sequence[Any], fmt: str, dpi: float = 300) -> bytes:
    buffer = io.BytesIO()
    first, *rest = images
    extra: dict[str, Any] = {"save_all": True, "append_images": rest} if rest else {}
    first.save(buffer, fmt, dpi=(dpi, dpi), **extra)
    return buffer.getvalue()


def image_pdf(pages: Sequence[Any | bytes]) -> bytes:
    """A PDF whose pages are images (no text layer) or, for ``bytes``, a text page from them."""
    import pypdfium2
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    scanned = io.BytesIO()
    pdf = canvas.Canvas(scanned, pagesize=A4, invariant=True)
    for page in pages:
        if not isinstance(page, bytes):
            pdf.drawImage(ImageReader(page), 0, 0, A4[0], A4[1])
        pdf.showPage()
    pdf.save()
    out = pypdfium2.PdfDocument(scanned.getvalue())
    for number, page in enumerate(pages):
        if isinstance(page, bytes):  # swap in the first page of a text PDF
            source = pypdfium2.PdfDocument(page)
            out.del_page(number)
            out.import_pages(source, [0], index=number)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def story_pdf() -> bytes:
    return text_pdf([(HEADLINE, PARAGRAPHS), (None, SECOND_PAGE)])


@pytest.fixture(scope="session")
def story_images(story_pdf: bytes) -> list[Any]:
    return render(story_pdf)


@pytest.fixture(scope="session")
def story_png(story_images: list[Any]) -> bytes:
    return image_file(story_images[:1], "PNG")


@pytest.fixture(scope="session")
def kit() -> Any:
    """This module: its page builders and texts, for tests (conftest is not importable)."""
    import sys

    return sys.modules[__name__]
