"""PDF documents through pdfplumber: glyph geometry → lines → repaired text → article.

The stages live in their own modules: ``source`` (opening, typed errors, quiet pdfminer),
``chars`` (glyphs → words → lines), ``layout`` (columns and reading order) and ``metadata``
(Info/XMP). Every page's text goes through the shared repair pipeline, with the page and box of
each line as the location of every change; the repaired lines, with their evidence, go to the
reflow engine (``reflow.reflow_pages``), which decides furniture, title and blocks.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

import attrs

from newsingest.__about__ import __version__
from newsingest.errors import CorruptError, ParseError
from newsingest.hookspecs import hookimpl
from newsingest.model import Document, ParseWarning, Provenance, Repair
from newsingest.parsers.base import Input, ParseContext, Parser
from newsingest.parsers.pdf.chars import Graphics, TextLine, glyphs_of, page_rows
from newsingest.parsers.pdf.drawings import drawing_areas
from newsingest.parsers.pdf.layout import evidence, reading_order
from newsingest.parsers.pdf.linenumbers import split_line_numbers
from newsingest.parsers.pdf.metadata import merge, read_info
from newsingest.parsers.pdf.source import open_pdf
from newsingest.parsers.pdf.tables import find_tables
from newsingest.reflow.lines import Line
from newsingest.reflow.markers import list_marker
from newsingest.reflow.pages import PageLines, PageTable, reflow_pages
from newsingest.repair.builtin import repair_warnings
from newsingest.repair.pipeline import MAX_LOCATIONS

__all__ = ["PdfParser", "register_parsers"]

MEDIA_TYPE = "application/pdf"


@attrs.frozen
class _Page:
    number: int
    width: float
    height: float
    lines: tuple[TextLine, ...]
    rotated: str
    figures: tuple[tuple[float, float, float, float], ...] = ()
    tables: tuple[PageTable, ...] = ()
    line_numbers: tuple[tuple[str, tuple[float, float, float, float]], ...] = ()
    drawings: tuple[tuple[float, float, float, float], ...] = ()


def _read_pages(pdf: Any, label: str, truncated: bool) -> tuple[list[_Page], list[ParseWarning]]:
    """Glyphs → lines for every page, once; each page's caches are dropped right after."""
    pages: list[_Page] = []
    warnings: list[ParseWarning] = []
    failed = 0
    for page in pdf.pages:
        number = int(page.page_number)
        graphics = Graphics()
        try:
            layout = page.layout
            upright, rotated = glyphs_of(layout, float(page.height), page.mediabox, graphics)
            tables = find_tables(page, graphics, upright)
        except Exception as exc:
            failed += 1
            warnings.append(ParseWarning("page-unreadable",
                                         f"page {number} could not be read: {exc}",
                                         Provenance(page=number)))
            continue
        finally:
            page.close()
        rows, numbers = split_line_numbers(page_rows(upright))
        lines = tuple(reading_order(rows, number))
        text = " ".join("".join(g.text for g in rotated).split())
        pages.append(_Page(number, float(page.width), float(page.height), lines, text,
                           tuple(graphics.images), tables,
                           tuple((w.text, (w.x0, w.top, w.x1, w.bottom)) for w in numbers),
                           tuple(drawing_areas(graphics.vectors, float(page.width),
                                               float(page.height)))))
        if not lines and not text:
            warnings.append(ParseWarning(
                "no-text-layer", f"page {number} has no text layer (scanned or image-only; "
                "OCR it to get its text)", Provenance(page=number)))
    if failed and (truncated or failed == len(pdf.pages)):
        raise CorruptError(f"{failed} of {len(pdf.pages)} pages could not be read"
                           + ("; the file is truncated" if truncated else ""), source=label)
    return pages, warnings


def _hang(line: TextLine) -> tuple[float | None, bool]:
    """Where the text after a list marker starts, and whether it starts at a *tab*: further
    from the marker than a space (half an em, and well over the line's other word gaps — a
    justified line stretches its first space like the others)."""
    marker = list_marker(line.text)
    words = line.words
    if marker is None or len(words) < 2 or words[0].text != marker.marker:
        return None, False
    gap = words[1].x0 - words[0].x1
    others = sorted(b.x0 - a.x1 for a, b in itertools.pairwise(words[1:]))
    usual = others[len(others) // 2] if others else 0.25 * words[0].size
    return words[1].x0, gap >= 0.5 * words[0].size and gap > 1.6 * usual


def _merge_repairs(repairs: Sequence[Repair]) -> tuple[Repair, ...]:
    """One record per step for the whole document (pages are repaired one at a time)."""
    merged: dict[str, Repair] = {}
    for repair in repairs:
        if repair.step in merged:
            old = merged[repair.step]
            merged[repair.step] = attrs.evolve(
                old, count=old.count + repair.count,
                locations=(old.locations + repair.locations)[:MAX_LOCATIONS])
        else:
            merged[repair.step] = repair
    return tuple(merged.values())


def _repaired_rows(table: PageTable, number: int, context: ParseContext
                   ) -> tuple[tuple[tuple[str, ...], ...], list[Repair]]:
    """A table's cells through the same repair pipeline as the lines (one line per cell,
    located at the table); the cells are read in logical order already (``tables``)."""
    cells = [" ".join(cell.split()) for row in table.rows for cell in row]
    text, log = context.repair("\n".join(cells),
                               lambda _: Provenance(page=number, bbox=table.bbox))
    fixed = iter(text.split("\n") if cells else [])
    return tuple(tuple(next(fixed) for _ in row) for row in table.rows), list(log)


def _repaired_lines(pages: Sequence[_Page], context: ParseContext
                    ) -> tuple[list[PageLines], tuple[Repair, ...]]:
    page_lines: list[PageLines] = []
    repairs: list[Repair] = []
    index = 0
    for page in pages:
        raw = [tl.text.replace("\n", " ") for tl in page.lines]

        def locate(i: int, page: _Page = page) -> Provenance:
            return Provenance(page=page.number, bbox=page.lines[i].bbox)

        text, log = context.repair("\n".join(raw), locate)
        repairs.extend(log)
        fixed = text.split("\n") if raw else []
        lines: list[Line] = []
        for tl, line_text, (indent, gap) in zip(page.lines, fixed, evidence(page.lines),
                                               strict=True):
            hang, tab = _hang(tl)
            rtl = tl.rtl
            lead = tl.words[-1] if rtl else tl.words[0]
            lines.append(Line(line_text, index, page=page.number, bbox=tl.bbox,
                              font_size=tl.size, bold=tl.bold, italic=tl.italic, indent=indent,
                              gap_above=gap, column=tl.column, band=tl.band, hang=hang, tab=tab,
                              lead=lead.x1 - lead.x0, rtl=rtl or None,
                              bold_end=(tl.words[0] if rtl else tl.words[-1]).bold,
                              pitch=tl.pitch))
            index += 1
        tables = []
        for table in page.tables:
            rows, table_log = _repaired_rows(table, page.number, context)
            repairs.extend(table_log)
            tables.append(attrs.evolve(table, rows=rows))
        page_lines.append(PageLines(page.number, page.width, page.height, tuple(lines),
                                    page.figures, tuple(tables), page.rotated,
                                    page.line_numbers, page.drawings))
    return page_lines, _merge_repairs(repairs)


class PdfParser:
    """PDF pages to an article, from pdfplumber's character geometry."""

    name = "pdf"
    version = __version__
    media_types = (MEDIA_TYPE,)
    extensions = (".pdf",)
    #: Options this parser reads from ``ParseContext.options`` (``convert --option``).
    option_types: ClassVar[dict[str, type]] = {"password": str}

    def sniff(self, head: bytes) -> float:
        return 1.0 if b"%PDF-" in head[:1024] else 0.0

    def parse(self, source: Input, context: ParseContext) -> Document:
        password = context.options.get("password")
        pdf = open_pdf(source.data, source.label, str(password) if password else None)
        truncated = b"%%EOF" not in source.data[-2048:]
        try:
            info = read_info(pdf)
            pages, warnings = _read_pages(pdf, source.label, truncated)
        except ParseError:
            raise
        except Exception as exc:  # pdfminer raises many kinds on damaged files
            raise CorruptError(f"broken PDF: {type(exc).__name__}: {exc}",
                               source=source.label) from exc
        finally:
            with contextlib.suppress(Exception):  # closing re-reads a broken page tree
                pdf.close()
        if truncated:
            warnings.append(ParseWarning("truncated", "the file has no %%EOF marker: it may be "
                                         "truncated and end pages may be missing"))
        page_lines, repairs = _repaired_lines(pages, context)
        flow = reflow_pages(page_lines, info.title)
        metadata = merge(flow.header, info, [f.text for f in flow.furniture])
        warnings.extend(repair_warnings(repairs))
        for page in pages:
            if page.rotated:
                warnings.append(ParseWarning(
                    "rotated-text", f"page {page.number} has rotated text, kept as furniture: "
                    f"{page.rotated[:80]}", Provenance(page=page.number)))
        return Document(
            source=source.source(self, MEDIA_TYPE),
            metadata=metadata,
            blocks=flow.blocks,
            furniture=flow.furniture,
            repairs=repairs,
            warnings=tuple(warnings),
        )


@hookimpl
def register_parsers(register: Callable[[Parser], None]) -> None:
    register(PdfParser())
