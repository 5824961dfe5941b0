"""newsingest: news documents (PDF, HTML, text dumps) into clean, structured data.

>>> import newsingest
>>> doc = newsingest.parse_text("A Short Headline\\n\\nThe body of the article.\\n")
>>> doc.metadata.title
'A Short Headline'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsingest.__about__ import __version__
from newsingest.api import parse, parse_input, parse_text
from newsingest.chunking import Chunk, chunk
from newsingest.errors import (
    CorruptError,
    EmptyInputError,
    EncryptedError,
    NewsingestError,
    OutputError,
    ParseError,
    ParserCrashError,
    PluginError,
    UnsupportedFormatError,
)
from newsingest.hookspecs import hookimpl
from newsingest.model import (
    Block,
    BlockType,
    Document,
    Furniture,
    FurnitureKind,
    Metadata,
    ParseWarning,
    Provenance,
    Repair,
    Source,
)

__all__ = [
    "Block",
    "BlockType",
    "Chunk",
    "CorruptError",
    "Document",
    "EmptyInputError",
    "EncryptedError",
    "Furniture",
    "FurnitureKind",
    "Metadata",
    "NewsingestError",
    "OutputError",
    "ParseError",
    "ParseWarning",
    "ParserCrashError",
    "PluginError",
    "Provenance",
    "Repair",
    "Source",
    "UnsupportedFormatError",
    "__version__",
    "chunk",
    "hookimpl",
    "inspect",
    "parse",
    "parse_input",
    "parse_text",
]

if TYPE_CHECKING:
    from newsingest.inspection import inspect
else:

    def __getattr__(name: str) -> Any:
        """``newsingest.inspect`` loads on first use, so importing newsingest skips Pillow."""
        if name == "inspect":
            from newsingest.inspection import inspect

            return inspect
        raise AttributeError(f"module 'newsingest' has no attribute {name!r}")
