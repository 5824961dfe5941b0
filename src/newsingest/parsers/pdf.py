"""PDF documents through pdfplumber."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable

from newsingest.__about__ import __version__
from newsingest.errors import CorruptError, EncryptedError
from newsingest.hookspecs import hookimpl
from newsingest.model import Block, BlockType, Document, Metadata, ParseWarning, Provenance
from newsingest.parsers.base import Input, ParseContext, Parser

for _noisy in ("pdfminer", "pdfplumber"):
    logging.getLogger(_noisy).setLevel(logging.ERROR)


class PdfParser:
    """PDF pages to blocks, from pdfplumber's characters."""

    name = "pdf"
    version = __version__
    media_types = ("application/pdf",)
    extensions = (".pdf",)

    def sniff(self, head: bytes) -> float:
        return 1.0 if b"%PDF-" in head[:1024] else 0.0

    def parse(self, source: Input, context: ParseContext) -> Document:
        import pdfplumber
        from pdfminer.pdfdocument import PDFPasswordIncorrect
        from pdfminer.pdfparser import PDFSyntaxError

        if b"%PDF-" not in source.head[:1024]:
            raise CorruptError("not a PDF (no %PDF- header); is the file name wrong?",
                               source=source.label)
        password = str(context.options.get("password") or "")
        blocks: list[Block] = []
        warnings: list[ParseWarning] = []
        try:
            with pdfplumber.open(io.BytesIO(source.data), password=password) as pdf:
                for number, page in enumerate(pdf.pages, start=1):
                    text = page.extract_text() or ""
                    if not text.strip():
                        warnings.append(ParseWarning("no-text-layer",
                                                     f"page {number} has no text layer",
                                                     Provenance(page=number)))
                    for line in text.split("\n"):
                        if line.strip():
                            blocks.append(Block(BlockType.PARAGRAPH, line.strip(),
                                                provenance=Provenance(page=number)))
        except PDFPasswordIncorrect:
            raise EncryptedError("the PDF is encrypted; pass the password (--password / "
                                 "password=)", source=source.label) from None
        except (PDFSyntaxError, Exception) as exc:
            if "password" in repr(exc).lower():
                raise EncryptedError("the PDF is encrypted", source=source.label) from None
            raise CorruptError(f"broken PDF: {exc}", source=source.label) from None
        return Document(source=source.source(self, "application/pdf"), metadata=Metadata(),
                        blocks=tuple(blocks), warnings=tuple(warnings))


@hookimpl
def register_parsers(register: Callable[[Parser], None]) -> None:
    register(PdfParser())
