"""newsingest-docx: Word (.docx) documents for newsingest, as a plugin.

newsingest finds this package through its ``newsingest`` entry point (see ``pyproject.toml``) and
calls :func:`register_parsers`; nothing in newsingest itself knows about Word.
"""

from __future__ import annotations

from collections.abc import Callable

from newsingest import hookimpl
from newsingest.parsers.base import Parser

from newsingest_docx.__about__ import __version__
from newsingest_docx.parser import DocxParser

__all__ = ["DocxParser", "__version__", "register_parsers"]


@hookimpl
def register_parsers(register: Callable[[Parser], None]) -> None:
    """Register the ``docx`` parser (``newsingest parse --parser docx`` or detected by content)."""
    register(DocxParser())
