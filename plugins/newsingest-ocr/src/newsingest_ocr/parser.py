"""The ``ocr`` parser: scanned PDF pages and page images → Tesseract → newsingest's reflow engine.

It answers for every PDF with the built-in ``pdf`` parser's confidence and, being a plugin, is
asked first; it then looks at each page's text layer (with PDFium, a few milliseconds) and:

- every page has text → the built-in ``pdf`` parser reads the file, unchanged (its Document);
- no page has text → every page is rendered and OCRed;
- some of each → the built-in parser reads the text pages, OCR the others, and the two halves
  are put together page by page (:mod:`newsingest_ocr.splice`).

Image files (PNG, JPEG, TIFF, multi-page TIFF) are always OCRed. Options: ``ocr_languages``
(Tesseract's ``eng``, ``deu+eng``, ...; default ``eng``) and ``ocr_dpi`` (rendering of PDF pages,
default 300). Without Tesseract an image is an :class:`OcrUnavailableError`; a PDF is still read
by the built-in parser, with an ``ocr-unavailable`` warning naming what to install.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs
from newsingest import Document, ParseWarning
from newsingest.errors import CorruptError
from newsingest.parsers.base import Input, ParseContext
from newsingest.plugins import get_registry

from newsingest_ocr.__about__ import __version__
from newsingest_ocr.images import IMAGE_TYPES, PageImage, image_kind, image_pages, render
from newsingest_ocr.read import ocr_document
from newsingest_ocr.splice import splice
from newsingest_ocr.tesseract import DEFAULT_LANGUAGES, OcrUnavailableError, check_languages

__all__ = ["DEFAULT_DPI", "OcrParser"]

PDF = "application/pdf"
DEFAULT_DPI = 300.0
#: The built-in parser that reads pages that have a text layer.
TEXT_PARSER = "pdf"


def _rendered(data: bytes, password: str | None, numbers: list[int], dpi: float
              ) -> Iterator[PageImage]:
    """The pages ``numbers`` (1-based), drawn one at a time so only one bitmap is alive."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data, password=password)
    try:
        for number in numbers:
            page = pdf[number - 1]
            try:
                yield render(page, number, dpi)
            finally:
                page.close()
    finally:
        pdf.close()


def _option(context: ParseContext, name: str, default: Any) -> Any:
    value = context.options.get(name)
    return default if value is None else value


class OcrParser:
    """Scans through Tesseract; PDFs with a text layer through the built-in ``pdf`` parser."""

    name = "ocr"
    version = __version__
    media_types = (PDF, *sorted(set(IMAGE_TYPES.values())))
    extensions = (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")
    #: Options read from ``ParseContext.options`` (``parse(..., ocr_languages="deu")``,
    #: ``newsingest convert --option ocr_languages=deu``).
    option_types = {"ocr_languages": str, "ocr_dpi": float, "password": str}  # noqa: RUF012

    def sniff(self, head: bytes) -> float:
        """Sure of the images it reads and, tied with the built-in parser, of any PDF.

        >>> p = OcrParser()
        >>> p.sniff(b"\\x89PNG\\r\\n\\x1a\\n"), p.sniff(b"%PDF-1.4"), p.sniff(b"<html>")
        (1.0, 1.0, 0.0)
        """
        return 1.0 if image_kind(head) or b"%PDF-" in head[:1024] else 0.0

    def parse(self, source: Input, context: ParseContext) -> Document:
        languages = str(_option(context, "ocr_languages", DEFAULT_LANGUAGES))
        kind = image_kind(source.head)
        if kind is not None:
            check_languages(languages)  # the clear error before any decoding work
            images = image_pages(source.data, source.label)
            return ocr_document(images, languages, context, source.source(self, kind))
        if b"%PDF-" not in source.head[:1024] and source.extension not in (".pdf", ""):
            raise CorruptError("neither a PDF nor a PNG, JPEG or TIFF image (by its first "
                               "bytes); is the file misnamed?", source=source.label)
        return self._parse_pdf(source, context, languages)  # the built-in says why not a PDF

    def _parse_pdf(self, source: Input, context: ParseContext, languages: str) -> Document:
        """The built-in parser first; then OCR of the pages it found no text layer on."""
        import pypdfium2

        text = get_registry().parsers[TEXT_PARSER].parse(source, context)
        scanned = sorted({w.provenance.page for w in text.warnings if w.code == "no-text-layer"
                          and w.provenance is not None and w.provenance.page is not None})
        if not scanned:
            return text
        try:
            check_languages(languages)
        except OcrUnavailableError as exc:
            return attrs.evolve(text, warnings=(*text.warnings, ParseWarning(
                "ocr-unavailable", f"{len(scanned)} page(s) have no text layer and were not "
                f"OCRed: {exc}")))
        password = context.options.get("password")
        dpi = float(_option(context, "ocr_dpi", DEFAULT_DPI))
        images = _rendered(source.data, str(password) if password else None, scanned, dpi)
        try:
            ocr = ocr_document(images, languages, context, source.source(self, PDF))
        except pypdfium2.PdfiumError as exc:  # pdfminer read the file, PDFium cannot draw it
            return attrs.evolve(text, warnings=(*text.warnings, ParseWarning(
                "ocr-failed", f"{len(scanned)} page(s) have no text layer and could not be "
                f"drawn for OCR: {exc}")))
        return splice(text, ocr)
