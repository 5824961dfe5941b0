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
from newsingest.parsers.base import Input, ParseContext, Parser
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


def _text_pages(data: bytes, password: str | None) -> list[bool] | None:
    """Per page: does it have a text layer (any visible character)? None if PDFium can't tell."""
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(data, password=password)
    except Exception:  # the built-in parser will say what is wrong, in its words
        return None
    try:
        found = []
        for page in pdf:
            textpage = page.get_textpage()
            try:
                count = textpage.count_chars()
                found.append(count > 0 and bool(textpage.get_text_range(0, count).strip()))
            finally:
                textpage.close()
                page.close()
        return found
    except Exception:
        return None
    finally:
        pdf.close()


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
        text_parser: Parser = get_registry().parsers[TEXT_PARSER]
        password = context.options.get("password")
        password = str(password) if password else None
        has_text = _text_pages(source.data, password)
        if has_text is None or all(has_text):
            return text_parser.parse(source, context)
        scanned = [number for number, text in enumerate(has_text, start=1) if not text]
        try:
            check_languages(languages)
        except OcrUnavailableError as exc:
            doc = text_parser.parse(source, context)
            return attrs.evolve(doc, warnings=(*doc.warnings, ParseWarning(
                "ocr-unavailable", f"{len(scanned)} page(s) have no text layer and were not "
                f"OCRed: {exc}")))
        dpi = float(_option(context, "ocr_dpi", DEFAULT_DPI))
        images = _rendered(source.data, password, scanned, dpi)
        ocr = ocr_document(images, languages, context, source.source(self, PDF))
        if len(scanned) == len(has_text):
            return attrs.evolve(ocr, metadata=_with_info(ocr, source.data, password))
        return splice(text_parser.parse(source, context), ocr)


def _with_info(doc: Document, data: bytes, password: str | None) -> Any:
    """The OCR metadata, with title and authors from the PDF's Info where OCR found none."""
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(data, password=password)
        try:
            info = pdf.get_metadata_dict(skip_empty=True)
        finally:
            pdf.close()
    except Exception:  # a broken Info dictionary costs the metadata, not the document
        return doc.metadata
    authors = tuple(a.strip() for a in str(info.get("Author", "")).split(";") if a.strip())
    found = doc.metadata
    return attrs.evolve(found, title=found.title or str(info.get("Title", "")).strip() or None,
                        authors=found.authors or authors)
