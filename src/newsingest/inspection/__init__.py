"""See what the parser decided: page images with every block's box, or an HTML view.

``newsingest.inspect(doc, out)`` (or ``inspect(doc, source, out)``) is this package's
:func:`inspect`. The package is named
``inspection`` rather than ``inspect`` on purpose: a subpackage ``newsingest.inspect`` would, once
imported, replace the ``newsingest.inspect`` *function* with the module on the package (Python sets
the submodule as an attribute), so the call would break depending on import order. The function
is exposed lazily from ``newsingest`` so that ``import newsingest`` does not import Pillow.

Everything here reads only the public :class:`~newsingest.model.Document` and the original input
bytes; parser internals are never used.
"""

from __future__ import annotations

import base64
import enum
import hashlib
import io
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from newsingest.inspection.html import PageImage, SourceElement, render_html
from newsingest.inspection.layout import InspectError, Item, columns, items, parse_pages
from newsingest.model import Document

__all__ = ["InspectError", "inspect", "parse_pages"]

SourceArg = str | os.PathLike[str] | bytes | bytearray | memoryview | IO[bytes] | None

PDF_TYPES = ("application/pdf",)
HTML_TYPES = ("text/html", "application/xhtml+xml")
MIN_RESOLUTION, MAX_RESOLUTION = 10, 600


def _read(source: SourceArg) -> bytes | None:
    if source is None:
        return None
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source)
    if isinstance(source, (str, os.PathLike)):
        try:
            return Path(source).read_bytes()
        except OSError as exc:
            raise InspectError(f"{os.fspath(source)}: cannot read the source: "
                               f"{exc.strerror or exc}") from None
    data = source.read()
    if isinstance(data, str):
        raise TypeError("open the source in binary mode ('rb')")
    return bytes(data)


def _check_source(doc: Document, data: bytes) -> None:
    """Refuse a source that is not the one the document was parsed from: boxes would lie."""
    expected = doc.source.sha256
    if re.fullmatch(r"[0-9a-f]{64}", expected) and hashlib.sha256(data).hexdigest() != expected:
        raise InspectError(f"{doc.source.name or '<bytes>'}: the source given is not the input "
                           "this document was parsed from (sha256 differs); pass that file")


def _stem(doc: Document) -> str:
    name = (doc.source.name or "document").replace("\\", "/").rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name.strip(".") else name
    return re.sub(r"[^\w.-]+", "_", stem).strip("_.") or "document"


def _page_list(pages: str | Sequence[int] | None) -> tuple[int, ...] | None:
    if pages is None:
        return None
    if isinstance(pages, str):
        try:
            return parse_pages(pages)
        except ValueError as exc:
            raise InspectError(f"--pages: {exc}") from None
    return tuple(int(p) for p in pages)


def _on_page(all_items: Sequence[Item], number: int) -> list[Item]:
    return [item for item in all_items if item.page == number]


def _pdf(doc: Document, all_items: tuple[Item, ...], data: bytes, out: Path,
         pages: tuple[int, ...] | None, resolution: float, html: bool,
         password: str | None) -> tuple[Path, ...]:
    from newsingest.inspection.render import annotate, page_renders, save_png

    stem, label = _stem(doc), doc.source.name or "<bytes>"
    written: list[Path] = []
    views: list[PageImage] = []
    notes: tuple[str, ...] = ()
    if doc.metadata.title and not any(item.title for item in all_items):
        notes = ("title: in metadata, not a block",)
    for render in page_renders(data, pages, resolution, password=password, label=label):
        here = _on_page(all_items, render.number)
        boxed = [item for item in here if item.bbox is not None]
        if not html:
            unboxed = sum(1 for item in here if item.bbox is None and not item.furniture)
            image = annotate(render, boxed, resolution, unboxed=unboxed, notes=notes)
            written.append(save_png(image, out / f"{stem}.page{render.number:03d}.png",
                                    resolution))
            continue
        buffer = io.BytesIO()
        render.image.quantize(256).save(buffer, format="PNG", optimize=True)
        body = [item.bbox for item in boxed if not item.furniture and item.bbox is not None]
        views.append(PageImage(
            render.number, base64.b64encode(buffer.getvalue()).decode("ascii"),
            render.image.size,
            boxes=tuple((item.ref, render.box(item.bbox)) for item in boxed
                        if item.bbox is not None),
            columns=tuple(render.box(column) for column in columns(body))))
    if html:
        written.append(_write(out / f"{stem}.inspect.html", render_html(doc, all_items,
                                                                        pages=views)))
    return tuple(written)


def _elements(text: str, paths: Sequence[str]) -> dict[str, SourceElement]:
    """Find each absolute element path (``/html/body/p[3]``, XPath steps) in the HTML source."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError):
        return {}
    found: dict[str, SourceElement] = {}
    for path in paths:
        if not path.startswith("/") or path in found:
            continue
        try:
            hits = root.xpath(path)
        except lxml.etree.XPathError:
            continue
        if isinstance(hits, list) and hits and isinstance(hits[0], lxml.etree._Element):
            element = hits[0]
            markup = lxml.html.tostring(element, encoding="unicode", with_tail=False)
            if len(markup) > 2000:
                markup = markup[:2000] + " \u2026"
            found[path] = SourceElement(element.sourceline, markup)
    return found


def _write(path: Path, text: str) -> Path:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path


class _Missing(enum.Enum):
    FIND = "find"  # ``source`` not given: read the file the document names


_FIND = _Missing.FIND


def _found(doc: Document) -> bytes:
    """The document's own input, read from the path it was parsed from (``source.name``)."""
    name = doc.source.name
    if not name or name.startswith("<"):
        raise InspectError("the document was not parsed from a file (source.name is "
                           f"{name!r}): pass its input, inspect(doc, source, out)")
    try:
        data = Path(name).read_bytes()
    except OSError as exc:
        raise InspectError(f"{name}: cannot read the document's source "
                           f"({exc.strerror or exc}); pass it: inspect(doc, source, out)"
                           ) from None
    return data


def inspect(doc: Document, source: SourceArg | _Missing = _FIND,
            out: str | os.PathLike[str] | None = None,
            *, pages: str | Sequence[int] | None = None, resolution: float = 100,
            html: bool = False, password: str | None = None) -> tuple[Path, ...]:
    """Write pictures of what the parser decided for ``doc`` into the folder ``out``.

    ``inspect(doc, out)`` reads the input from the path the document was parsed from;
    ``inspect(doc, source, out)`` takes it from ``source`` (path, bytes or binary file; ``None``
    to list the blocks without it). For a PDF, one ``<name>.pageNNN.png`` per page (``pages``:
    numbers or a spec such as ``"1-3,5"``) at ``resolution`` pixels per inch, with every block's
    box drawn and a legend in a strip beside the page; with ``html=True`` one
    ``<name>.inspect.html`` instead. Text dumps and HTML inputs always get the HTML view, with
    their source lines or elements beside the blocks they became. Returns the files written.
    Raises :class:`InspectError` for a source that is not the document's input (or cannot be
    found) or pages the PDF does not have.
    """
    if out is None:
        if source is _FIND:
            raise TypeError("inspect() needs the output folder: inspect(doc, out)")
        if not isinstance(source, (str, os.PathLike)):
            raise TypeError("inspect(doc, out): out is a folder path")
        out, source = source, _FIND
    if not MIN_RESOLUTION <= resolution <= MAX_RESOLUTION:
        raise InspectError(f"resolution {resolution} is outside {MIN_RESOLUTION}-"
                           f"{MAX_RESOLUTION} pixels per inch")
    data = _found(doc) if source is _FIND else _read(source)
    if data is not None:
        _check_source(doc, data)
    target = Path(os.fspath(out))
    target.mkdir(parents=True, exist_ok=True)
    all_items = items(doc)
    media_type = doc.source.media_type
    chosen = _page_list(pages)
    if media_type in PDF_TYPES and data is not None:
        return _pdf(doc, all_items, data, target, chosen, resolution, html, password)
    page = target / f"{_stem(doc)}.inspect.html"
    if data is None or not (media_type in HTML_TYPES or media_type.startswith("text/")):
        return (_write(page, render_html(doc, all_items)),)
    from newsingest.decode import decode_bytes

    text, _ = decode_bytes(data, label=doc.source.name or "<bytes>")
    if media_type in HTML_TYPES:
        paths = [item.path for item in all_items if item.path]
        return (_write(page, render_html(doc, all_items, elements=_elements(text, paths))),)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return (_write(page, render_html(doc, all_items, source_text=text)),)
