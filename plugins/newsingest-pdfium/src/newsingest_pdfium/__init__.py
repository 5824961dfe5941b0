"""newsingest-pdfium: a fast PDF backend for newsingest on pypdfium2 (PDFium).

Registered through the ``newsingest`` entry point; the hook is ``trylast`` and the parser sniffs
lower than the built-in ``pdf`` parser, so PDFs still go to the built-in unless ``pdfium`` is asked
for by name.
"""

from __future__ import annotations

from collections.abc import Callable

from newsingest import hookimpl
from newsingest.parsers.base import Parser

from newsingest_pdfium.__about__ import __version__
from newsingest_pdfium.parser import PdfiumParser

__all__ = ["PdfiumParser", "__version__", "register_parsers"]


@hookimpl(trylast=True)
def register_parsers(register: Callable[[Parser], None]) -> None:
    """Register the ``pdfium`` parser (``newsingest parse --parser pdfium FILE``)."""
    register(PdfiumParser())
