"""Plain-text dumps of PDFs: decode, repair, then rebuild the article from the lines."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from newsingest.__about__ import __version__
from newsingest.decode import decode_bytes, is_guess, looks_binary
from newsingest.errors import UnsupportedFormatError
from newsingest.hookspecs import hookimpl
from newsingest.model import Document, ParseWarning, Provenance
from newsingest.parsers.base import Input, ParseContext, Parser
from newsingest.reflow import Line, reflow
from newsingest.reflow.dumps import DumpLine, read_dump
from newsingest.repair.builtin import repair_warnings

#: Lines longer than this are no line a PDF printed but text run together (a paragraph, or a
#: whole article on one line). They are not split: they go to the reflow engine like any line,
#: which handles them in linear time, but paragraph breaks lost inside them cannot be recovered,
#: and the ``long-line`` warning says so.
MAX_LINE = 20_000


def _is_pdf(head: bytes) -> bool:
    """Whether the bytes are a PDF file: ``%PDF-`` first (after a BOM or whitespace, if any).

    >>> _is_pdf(b"%PDF-1.4\\n%..."), _is_pdf(b"The %PDF-1.4 header")
    (True, False)
    """
    return head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"%PDF-")


def _locator(dump: Sequence[DumpLine]) -> Callable[[int], Provenance]:
    """Where the ``k``-th repaired line came from: its row of the dump."""
    return lambda k: Provenance(lines=(dump[k].origin + 1, dump[k].origin + 1))


class TextParser:
    """Text dumps (pdftotext, pdfplumber, copy-paste): one line per physical line."""

    name = "text"
    version = __version__
    media_types = ("text/plain",)
    extensions = (".txt", ".text")
    #: Options this parser reads from ``ParseContext.options``: none.
    option_types: ClassVar[dict[str, type]] = {}

    def sniff(self, head: bytes) -> float:
        # Anything that decodes as text is text, but only weakly: HTML and PDF sniff higher.
        return 0.0 if not head or looks_binary(head) or _is_pdf(head) else 0.1

    def parse(self, source: Input, context: ParseContext) -> Document:
        if _is_pdf(source.head):
            # a small uncompressed PDF reads as text, and came out with the title "%PDF-1.4"
            raise UnsupportedFormatError(
                "this is a PDF file (it starts with %PDF-), not a text dump: use the pdf parser "
                "(--parser pdf, or no --parser to let the format be detected)",
                source=source.label,
            )
        if looks_binary(source.head):
            raise UnsupportedFormatError(
                "binary data, not text (is it a PDF or an image with a wrong name?)",
                source=source.label,
            )
        text, encoding = decode_bytes(source.data, label=source.label)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        # Pages (form feeds, read before repair removes them as control characters), columns
        # printed side by side and indents kept as spaces: the dump's grid, read before repair
        # strips leading spaces. Each line remembers the row it came from.
        dump = read_dump(text.split("\n"))
        text, repairs = context.repair("\n".join(d.text for d in dump), _locator(dump))
        warnings: list[ParseWarning] = list(repair_warnings(repairs))
        if is_guess(encoding):  # statistics on a short text guess wrong: say what was used
            warnings.insert(0, ParseWarning(
                "encoding-guessed",
                f"no byte-order mark and not UTF-8: decoded as {encoding}, a guess from the "
                "bytes; if the text reads garbled, convert the file to UTF-8"))
        lines = []
        for d, line in zip(dump, text.split("\n"), strict=True):
            index = d.origin
            if len(line) > MAX_LINE:
                warnings.append(ParseWarning(
                    "long-line",
                    f"line {index + 1} has {len(line)} characters, more than any printed line: "
                    "it is kept whole and reflowed like any line, but paragraph breaks lost "
                    "inside it cannot be recovered",
                    Provenance(lines=(index + 1, index + 1))))
            lines.append(Line(line, index, new_page=d.new_page, column=d.column,
                              indent=d.indent, breaks_shown=d.breaks_shown))
        # The dump's rows and the repaired text are in ``lines`` now: a copy of the input each,
        # which must not live through the reflow (issue 14: 29 % of a big dump's peak).
        blank = not text.strip()
        del dump, text
        # A block's ``raw`` holds its repaired lines as they were wrapped; what repair changed
        # (and every character it removed) is in ``doc.repairs`` with the line numbers.
        result = reflow(lines)
        del lines
        blocks = result.blocks
        if blank:
            warnings.append(ParseWarning(
                "no-text", "the input holds nothing but whitespace: there is no text to parse"))
        elif not blocks:
            warnings.append(ParseWarning("no-body", "no article body found in the text"))
        return Document(
            source=source.source(self, "text/plain"),
            metadata=result.metadata,
            blocks=blocks,
            furniture=result.furniture,
            repairs=repairs,
            warnings=(*warnings, *result.warnings),
        )


@hookimpl
def register_parsers(register: Callable[[Parser], None]) -> None:
    register(TextParser())
