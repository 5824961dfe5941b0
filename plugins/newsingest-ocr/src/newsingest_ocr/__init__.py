"""newsingest-ocr: scanned PDF pages and page images through Tesseract, into the reflow engine.

Registered through the ``newsingest`` entry point. The hook is an ordinary one (not ``trylast``):
this parser is asked before the built-ins and, tied with the built-in ``pdf`` parser on PDFs,
takes them all — then hands every PDF whose pages all have a text layer straight to it.
"""

from __future__ import annotations

from collections.abc import Callable

from newsingest import hookimpl
from newsingest.parsers.base import Parser

from newsingest_ocr.__about__ import __version__
from newsingest_ocr.parser import OcrParser
from newsingest_ocr.tesseract import OcrUnavailableError

__all__ = ["OcrParser", "OcrUnavailableError", "__version__", "register_parsers"]


@hookimpl
def register_parsers(register: Callable[[Parser], None]) -> None:
    """Register the ``ocr`` parser (``newsingest parse scan.png``, or any scanned PDF)."""
    register(OcrParser())
