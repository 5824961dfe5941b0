"""Plain-text dumps of PDFs: decode, repair, then rebuild the article from the lines."""

from __future__ import annotations

from collections.abc import Callable

from newsingest.__about__ import __version__
from newsingest.decode import decode_bytes, looks_binary
from newsingest.errors import UnsupportedFormatError
from newsingest.hookspecs import hookimpl
from newsingest.model import Block, BlockType, Document, Metadata, Provenance
from newsingest.parsers.base import Input, ParseContext, Parser


class TextParser:
    """Text dumps (pdftotext, pdfplumber, copy-paste): one line per physical line."""

    name = "text"
    version = __version__
    media_types = ("text/plain",)
    extensions = (".txt", ".text")

    def sniff(self, head: bytes) -> float:
        # Anything that decodes as text is text, but only weakly: HTML and PDF sniff higher.
        return 0.0 if not head or looks_binary(head) else 0.1

    def parse(self, source: Input, context: ParseContext) -> Document:
        if looks_binary(source.head):
            raise UnsupportedFormatError(
                "binary data, not text (is it a PDF or an image with a wrong name?)",
                source=source.label,
            )
        text, _encoding = decode_bytes(source.data, label=source.label)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        text, repairs = context.repair(text)
        blocks: list[Block] = []
        start: int | None = None
        lines = text.split("\n")
        for index, line in enumerate([*lines, ""]):
            if line.strip() and start is None:
                start = index
            elif not line.strip() and start is not None:
                chunk = " ".join(part.strip() for part in lines[start:index])
                blocks.append(Block(BlockType.PARAGRAPH, chunk,
                                    provenance=Provenance(lines=(start + 1, index))))
                start = None
        title = None
        if blocks and len(blocks[0].text) < 200:
            title = blocks.pop(0).text
        return Document(
            source=source.source(self, "text/plain"),
            metadata=Metadata(title=title),
            blocks=tuple(blocks),
            repairs=repairs,
        )


@hookimpl
def register_parsers(register: Callable[[Parser], None]) -> None:
    register(TextParser())
