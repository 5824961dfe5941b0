"""Plain-text dumps of PDFs: decode, repair, then rebuild the article from the lines."""

from __future__ import annotations

from collections.abc import Callable

import attrs

from newsingest.__about__ import __version__
from newsingest.decode import decode_bytes, looks_binary
from newsingest.errors import UnsupportedFormatError
from newsingest.hookspecs import hookimpl
from newsingest.model import Block, Document, ParseWarning
from newsingest.parsers.base import Input, ParseContext, Parser
from newsingest.reflow import Line, reflow
from newsingest.repair.builtin import repair_warnings

#: Lines longer than this are not prose a PDF could have printed; they are split for the reflow
#: engine's sake (its work is linear in the number of lines, not their length).
MAX_LINE = 20_000


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
        original = text.split("\n")
        # Form feeds are page breaks: read them before repair removes them as control characters.
        new_page = [line.startswith("\f") or "\f" in line[:2] for line in original]
        text, repairs = context.repair(text)
        warnings: list[ParseWarning] = list(repair_warnings(repairs))
        lines = []
        for index, line in enumerate(text.split("\n")):
            if len(line) > MAX_LINE:
                warnings.append(ParseWarning(
                    "long_line", f"line {index + 1} has {len(line)} characters; not reflowed"))
            lines.append(Line(line, index, new_page=new_page[index] or None))
        result = reflow(lines)
        blocks = tuple(_with_raw(block, original) for block in result.blocks)
        if not blocks and text.strip():
            warnings.append(ParseWarning("no_body", "no article body found in the text"))
        return Document(
            source=source.source(self, "text/plain"),
            metadata=result.metadata,
            blocks=blocks,
            furniture=result.furniture,
            repairs=repairs,
            warnings=(*warnings, *result.warnings),
        )


def _with_raw(block: Block, original: list[str]) -> Block:
    """Keep the source lines (before repair) as ``raw`` when they differ from the block text."""
    span = block.provenance.lines
    if span is None:
        return block
    raw = "\n".join(original[span[0] - 1 : span[1]]).replace("\f", "")
    return attrs.evolve(block, raw=raw if raw != block.text else None)


@hookimpl
def register_parsers(register: Callable[[Parser], None]) -> None:
    register(TextParser())
