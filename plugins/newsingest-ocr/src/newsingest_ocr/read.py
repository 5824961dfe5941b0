"""Page images → OCR → lines → repair → the shared reflow engine: the OCR half of a Document.

The lines get the same treatment as the text-layer backends' (the repair pipeline with each
line's page and box as location, then the laid-out engine, ``newsingest.reflow.reflow_pages``,
with the evidence ``newsingest_pdfium.extract.layout_pages`` gives); what OCR adds is the
account of its own uncertainty: every low-confidence word stays in the text and is listed in
an ``ocr-uncertain-word`` warning at its place, and one ``ocr-low-confidence`` warning counts them;
marks read where the page has no ink are left out and counted in ``ocr-inkless-dropped``.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsingest import Document, Metadata, ParseWarning, Provenance, Source
from newsingest.parsers.base import ParseContext
from newsingest.reflow import reflow_pages
from newsingest_pdfium.extract import PageText, RawLine, layout_pages

from newsingest_ocr.images import PageImage
from newsingest_ocr.lines import LOW_CONFIDENCE, Uncertain, page_text
from newsingest_ocr.tesseract import OcrWord, engine_version, recognize

__all__ = ["MAX_WORD_WARNINGS", "ocr_document"]

#: How many uncertain words get a warning of their own; the count warning always has them all.
MAX_WORD_WARNINGS = 100


def _uncertainty(uncertain: list[Uncertain], total: int) -> list[ParseWarning]:
    if not uncertain:
        return []
    shown = ", ".join(f"{u.text!r} (p. {u.page})" for u in uncertain[:5])
    more = ", ..." if len(uncertain) > 5 else ""
    warnings = [ParseWarning(
        "ocr-low-confidence",
        f"{len(uncertain)} of {total} OCR words were read with confidence below "
        f"{LOW_CONFIDENCE:.0f} and may be wrong (kept in the text): {shown}{more}")]
    warnings += [ParseWarning("ocr-uncertain-word",
                              f"{u.text!r} read with confidence {u.confidence:.0f}",
                              Provenance(page=u.page, bbox=u.bbox))
                 for u in uncertain[:MAX_WORD_WARNINGS]]
    return warnings


def _inkless(dropped: list[tuple[int, OcrWord]], scale_of: dict[int, float]
             ) -> list[ParseWarning]:
    """One warning for the marks Tesseract put where the page is blank (dropped from the text)."""
    if not dropped:
        return []
    shown = ", ".join(f"{w.text!r} (p. {page})" for page, w in dropped[:5])
    page, first = dropped[0]
    scale = scale_of[page]
    return [ParseWarning(
        "ocr-inkless-dropped",
        f"{len(dropped)} mark(s) OCR read where the page has no ink were left out: {shown}",
        Provenance(page=page, bbox=tuple(round(v * scale, 2) for v in first.bbox)))]


def ocr_document(images: Iterable[PageImage], languages: str, context: ParseContext,
                 source: Source) -> Document:
    """OCR every page and reflow them together into one Document.

    Raises ``OcrUnavailableError`` when Tesseract or a language's data is missing (the parser
    checks that before drawing any page).
    """
    pages: list[PageText] = []
    uncertain: list[Uncertain] = []
    warnings: list[ParseWarning] = []
    words = 0
    version = None
    scale_of: dict[int, float] = {}
    inkless: list[tuple[int, OcrWord]] = []
    for image in images:
        result = recognize(image.image, languages, image.dpi)
        lines = result.lines
        inkless.extend((image.number, w) for w in result.inkless)
        version = version or engine_version()
        scale_of[image.number] = 72.0 / image.dpi
        page, unsure = page_text(image.number, image.image.width, image.dpi, lines,
                                 image.image.height)
        pages.append(page)
        uncertain.extend(unsure)
        words += sum(len(line.words) for line in lines)
        warnings.append(ParseWarning(
            "ocr-page" if lines else "ocr-no-text",
            f"page {image.number}: text read by OCR (Tesseract {version}, {languages}, "
            f"{image.dpi:.0f} dpi)" if lines else
            f"page {image.number}: OCR found no text on it", Provenance(page=image.number)))
    raw_lines: list[RawLine] = [line for page in pages for line in page.lines]

    def locate(i: int) -> Provenance:
        return Provenance(page=raw_lines[i].page, bbox=raw_lines[i].bbox)

    text, repairs = context.repair("\n".join(ln.text for ln in raw_lines), locate)
    flow = reflow_pages(layout_pages(pages, text.split("\n") if raw_lines else []))
    header = flow.header
    return Document(
        source=source,
        metadata=Metadata(title=header.title, authors=header.authors,
                          published=header.published),
        blocks=flow.blocks,
        furniture=flow.furniture,
        repairs=repairs,
        warnings=(*warnings, *_uncertainty(uncertain, words), *_inkless(inkless, scale_of)),
    )

