"""Word (.docx) press releases into newsingest Documents, with python-docx.

Word already knows the structure a PDF parser has to guess: a paragraph's *style* says heading,
title, quote or list, numbering definitions say ordered or bullet and how deep, tables are tables.
So this parser reads the document XML in body order and maps styles to block types; it guesses
nothing from fonts. All text goes through the repair pipeline in one call, so every repair is
logged with the element path (``/body/p[3]``) it happened in.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from typing import Any

import attrs
from newsingest import (
    Block,
    BlockType,
    Document,
    Furniture,
    FurnitureKind,
    Metadata,
    ParseError,
    ParseWarning,
    Provenance,
)
from newsingest.errors import CorruptError, UnsupportedFormatError
from newsingest.parsers.base import Input, ParseContext

from newsingest_docx.__about__ import __version__
from newsingest_docx.numbering import ListNumbering, W
from newsingest_docx.styles import StyleInfo, Styles

__all__ = ["MEDIA_TYPE", "DocxParser"]

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
#: Subtrees whose text is not paragraph text: deleted revisions, properties, text boxes (their
#: own paragraphs), and the VML fallback copy of drawings.
_SKIP = frozenset({f"{W}del", f"{W}moveFrom", f"{W}pPr", f"{W}rPr", f"{W}txbxContent",
                   f"{W}instrText", f"{W}delText", MC_FALLBACK})
_SPACES = re.compile(r"[ \t\u00a0]+")


def paragraph_text(element: Any) -> str:
    """The text of a ``w:p`` as Word shows it: runs, tabs, breaks; no deleted revisions."""
    out: list[str] = []

    def walk(node: Any) -> None:
        for child in node:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == f"{W}t":
                out.append(child.text or "")
            elif tag == f"{W}tab":
                out.append("\t")
            elif tag in (f"{W}br", f"{W}cr"):
                out.append("\n")
            elif tag == f"{W}noBreakHyphen":
                out.append("-")
            else:
                walk(child)

    walk(element)
    return "".join(out)


def _cell_text(cell: Any) -> str:
    """All paragraphs of a table cell (nested tables flattened), one per line."""
    texts: list[str] = []
    for child in cell:
        if child.tag == f"{W}p":
            texts.append(paragraph_text(child))
        elif child.tag in (f"{W}tbl", f"{W}tr", f"{W}tc", f"{W}sdt", f"{W}sdtContent"):
            texts.append(_cell_text(child))
    return "\n".join(t for t in texts if t.strip())


def _fold(text: str) -> str:
    """One line with single spaces: Word's manual breaks and alignment tabs are layout."""
    return _SPACES.sub(" ", " ".join(line.strip() for line in text.split("\n"))).strip()


def body_elements(container: Any, prefix: str) -> Iterator[tuple[Any, str]]:
    """Body-level ``w:p`` and ``w:tbl`` in order, with their element paths.

    Content controls (``w:sdt``) and custom XML wrappers are entered, so text in templates'
    fields is not lost.
    """
    seen: Counter[str] = Counter()
    for child in container:
        if not isinstance(child.tag, str) or not child.tag.startswith(W):
            continue
        tag = child.tag[len(W):]
        seen[tag] += 1
        path = f"{prefix}/{tag}[{seen[tag]}]"
        if tag in ("p", "tbl"):
            yield child, path
        elif tag == "sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from body_elements(content, f"{path}/sdtContent")
        elif tag == "customXml":
            yield from body_elements(child, path)


@attrs.frozen
class _Draft:
    """A block before repair: ``texts`` go through the pipeline, then ``finish`` builds it."""

    role: str  # "block", "title", "subtitle", or a FurnitureKind value
    texts: tuple[str, ...]
    path: str
    type: BlockType = BlockType.PARAGRAPH
    level: int | None = None
    ordered: bool | None = None
    marker: str | None = None
    depth: int | None = None
    shape: tuple[int, ...] | None = None  # cells per row, for tables


class DocxParser:
    """Word ``.docx`` files: styles to block types, numbering to lists, tables to rows."""

    name = "docx"
    version = __version__
    media_types = (MEDIA_TYPE,)
    extensions = (".docx",)

    def sniff(self, head: bytes) -> float:
        """A zip whose first entries name Word parts; cheap: the names sit in the local headers.

        >>> DocxParser().sniff(b"PK\\x03\\x04....[Content_Types].xml....word/document.xml")
        0.95
        >>> DocxParser().sniff(b"PK\\x03\\x04....[Content_Types].xml....xl/workbook.xml")
        0.0
        """
        if not head.startswith(ZIP_MAGIC):
            return 0.0
        if b"word/" in head:
            return 0.95
        if b"[Content_Types].xml" in head and b"xl/" not in head and b"ppt/" not in head:
            return 0.3  # an Office file whose Word parts come after the first 4 KiB
        return 0.0

    def parse(self, source: Input, context: ParseContext) -> Document:
        document = _open(source)
        try:
            return self._build(source, context, document)
        except ParseError:
            raise
        except Exception as exc:  # python-docx on malformed XML: never crash the caller
            raise CorruptError(f"broken Word document ({type(exc).__name__}: {exc})",
                               source=source.label) from exc

    def _build(self, source: Input, context: ParseContext, document: Any) -> Document:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        part = document.part
        try:
            numbering = ListNumbering(part.part_related_by(RT.NUMBERING).element)
        except KeyError:
            numbering = ListNumbering(None)
        styles = Styles(part.styles.element if _has_styles(part) else None)
        body = document.element.body
        drafts = [d for element, path in body_elements(body, "/body")
                  if (d := _draft(element, path, styles, numbering)) is not None]
        drafts += _furniture_drafts(document)
        core = _core_properties(document)
        meta_texts = [(f"/docProps/core/{key}", value) for key, value in core.items()
                      if isinstance(value, str) and value]
        texts = [(text, d.path) for d in drafts for text in d.texts]
        repaired, repairs = _repair([*texts, *((v, p) for p, v in meta_texts)], context)
        fixed_meta = {path: repaired[len(texts) + i] for i, (path, _) in enumerate(meta_texts)}
        blocks: list[Block] = []
        furniture: list[Furniture] = []
        found: dict[str, str] = {}
        position = 0
        for draft in drafts:
            after = repaired[position:position + len(draft.texts)]
            position += len(draft.texts)
            if draft.role in ("title", "subtitle") and draft.role not in found:
                found[draft.role] = _fold(after[0])
            elif draft.role in ("title", "subtitle"):
                heading = attrs.evolve(draft, role="block", type=BlockType.HEADING,
                                       level=1 if draft.role == "title" else 2)
                blocks.extend(b for b in (_finish(heading, after),) if b is not None)
            elif draft.role == "block":
                blocks.extend(b for b in (_finish(draft, after),) if b is not None)
            else:
                furniture.append(Furniture(FurnitureKind(draft.role), _fold(after[0]),
                                           Provenance(path=draft.path)))
        metadata = _metadata(core, fixed_meta, found)
        return Document(source=source.source(self, MEDIA_TYPE), metadata=metadata,
                        blocks=tuple(blocks), furniture=tuple(furniture), repairs=repairs,
                        warnings=_warnings(body, blocks))


def _open(source: Input) -> Any:
    """python-docx's Document for the bytes, or a ParseError that says what the file is."""
    data = source.data
    if data.startswith(OLE_MAGIC):
        raise UnsupportedFormatError(
            "an OLE2 file, not a .docx: a legacy Word .doc or a password-protected .docx; "
            "save it from Word as an unprotected .docx", source=source.label)
    if not data.startswith(ZIP_MAGIC):
        raise CorruptError("not a .docx (a .docx is a zip archive starting with 'PK')",
                           source=source.label)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise CorruptError(f"broken zip archive, truncated download? ({exc})",
                           source=source.label) from None
    if not any(name.startswith("word/") for name in names):
        raise UnsupportedFormatError(
            "a zip archive but not a Word document (no word/ part; Excel and PowerPoint files "
            "are not supported)", source=source.label)
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise CorruptError(f"not a readable Word document ({type(exc).__name__}: {exc})",
                           source=source.label) from None


def _has_styles(part: Any) -> bool:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        part.part_related_by(RT.STYLES)
    except KeyError:
        return False
    return True


def _rows(table: Any) -> Iterator[Any]:
    """A table's own rows (not nested tables'), including rows inside content controls."""
    for child in table:
        if child.tag == f"{W}tr":
            yield child
        elif child.tag == f"{W}sdt" and (content := child.find(f"{W}sdtContent")) is not None:
            yield from _rows(content)


def _cells(row: Any) -> Iterator[Any]:
    for child in row:
        if child.tag == f"{W}tc":
            yield child
        elif child.tag == f"{W}sdt" and (content := child.find(f"{W}sdtContent")) is not None:
            yield from _cells(content)


def _draft(element: Any, path: str, styles: Styles, numbering: ListNumbering) -> _Draft | None:
    if element.tag == f"{W}tbl":
        rows = [row for tr in _rows(element) if (row := [_cell_text(tc) for tc in _cells(tr)])]
        if not any(cell.strip() for row in rows for cell in row):
            return None
        return _Draft("block", tuple(c for row in rows for c in row), path, BlockType.TABLE,
                      shape=tuple(len(row) for row in rows))
    text = paragraph_text(element)
    if not text.strip():
        return None
    info = styles.for_paragraph(element)
    if info.title or info.subtitle:
        return _Draft("title" if info.title else "subtitle", (text,), path)
    if info.heading is not None:
        return _Draft("block", (text,), path, BlockType.HEADING, level=info.heading)
    if info.num_id is not None:
        return _list_draft(text, path, info, numbering)
    if info.quote:
        return _Draft("block", (text,), path, BlockType.QUOTE)
    if info.caption:
        return _Draft("block", (text,), path, BlockType.CAPTION)
    return _Draft("block", (text,), path)


def _list_draft(text: str, path: str, info: StyleInfo, numbering: ListNumbering) -> _Draft:
    num_id, ilvl = info.num_id or "", info.ilvl
    if numbering.level(num_id, ilvl) is not None:
        ordered, marker = numbering.next_marker(num_id, ilvl)
    else:  # a list style without a numbering definition: trust the style's name
        ordered, marker = bool(info.list_ordered), None if info.list_ordered else "•"
    return _Draft("block", (text,), path, BlockType.LIST_ITEM, ordered=ordered, marker=marker,
                  depth=info.depth)


def _finish(draft: _Draft, texts: list[str]) -> Block | None:
    provenance = Provenance(path=draft.path)
    if draft.type is BlockType.TABLE and draft.shape is not None:
        cells = iter(_fold(t) for t in texts)
        rows = tuple(tuple(next(cells) for _ in range(n)) for n in draft.shape)
        text = "\n".join("\t".join(row) for row in rows)
        raw_cells = iter(_fold(t) for t in draft.texts)
        raw = "\n".join("\t".join(next(raw_cells) for _ in range(n)) for n in draft.shape)
        return Block(BlockType.TABLE, text, raw=raw if raw != text else None,
                     provenance=provenance, rows=rows)
    text = _fold(texts[0])
    if not text:
        return None
    raw = draft.texts[0]
    return Block(draft.type, text, raw=raw if raw != text else None, provenance=provenance,
                 level=draft.level, ordered=draft.ordered, marker=draft.marker,
                 depth=draft.depth)


def _furniture_drafts(document: Any) -> list[_Draft]:
    """Running headers and footers: on the page, not the article; kept as furniture."""
    drafts: list[_Draft] = []
    for number, section in enumerate(document.sections, start=1):
        parts = [("header", section.header), ("footer", section.footer)]
        if section.different_first_page_header_footer:
            parts += [("header", section.first_page_header),
                      ("footer", section.first_page_footer)]
        for kind, part in parts:
            if part.is_linked_to_previous:
                continue
            for index, paragraph in enumerate(part.paragraphs, start=1):
                text = paragraph_text(paragraph._p)
                if text.strip():
                    drafts.append(_Draft(kind, (text,), f"/section[{number}]/{kind}/p[{index}]"))
    return drafts


def _core_properties(document: Any) -> dict[str, Any]:
    """The file's own core properties; none when it has no core part (python-docx would invent
    a title and a 'now' timestamp, which are not the document's and not deterministic)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        core = document.part.package.part_related_by(RT.CORE_PROPERTIES).core_properties
    except KeyError:
        return {}
    return {"title": core.title, "author": core.author, "subject": core.subject,
            "comments": core.comments, "keywords": core.keywords, "category": core.category,
            "language": core.language, "created": core.created, "modified": core.modified}


def _iso(value: Any) -> str | None:
    return value.replace(microsecond=0).isoformat() if value is not None else None


def _split(value: str | None, separators: str) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(p.strip() for p in re.split(f"[{separators}]", value) if p.strip())


def _metadata(core: dict[str, Any], fixed: dict[str, str], found: dict[str, str]) -> Metadata:
    def text(key: str) -> str | None:
        value = fixed.get(f"/docProps/core/{key}", "").strip()
        return value or None

    return Metadata(
        title=found.get("title") or text("title"),
        subtitle=found.get("subtitle"),
        authors=_split(text("author"), ";"),
        published=_iso(core.get("created")),
        modified=_iso(core.get("modified")),
        language=text("language"),
        section=text("category"),
        description=text("comments") or text("subject"),
        keywords=_split(text("keywords"), ",;"),
    )


def _repair(texts: list[tuple[str, str]], context: ParseContext
            ) -> tuple[list[str], tuple[Any, ...]]:
    """Repair every text in one pipeline run; a line's location is its element's path."""
    lines: list[str] = []
    where: list[Provenance] = []
    for text, path in texts:
        parts = text.split("\n")
        lines += parts
        where += [Provenance(path=path)] * len(parts)
    fixed, repairs = context.repair("\n".join(lines), lambda index: where[index])
    out = fixed.split("\n")
    result: list[str] = []
    position = 0
    for text, _ in texts:
        count = text.count("\n") + 1
        result.append("\n".join(out[position:position + count]))
        position += count
    return result, repairs


def _warnings(body: Any, blocks: list[Block]) -> tuple[ParseWarning, ...]:
    warnings: list[ParseWarning] = []
    boxes = [b for b in body.iter(f"{W}txbxContent")
             if not any(a.tag == MC_FALLBACK for a in b.iterancestors())]
    if boxes:
        warnings.append(ParseWarning("docx-textbox-skipped",
                                     f"{len(boxes)} text box(es) not extracted (floating text "
                                     "in shapes is not part of the body flow)"))
    if next(body.iter(f"{W}del"), None) is not None or next(body.iter(f"{W}ins"), None) is not None:
        warnings.append(ParseWarning("docx-tracked-changes", "the document has tracked changes: "
                                     "insertions are kept, deletions dropped"))
    if not blocks:
        warnings.append(ParseWarning("no-text", "the document has no body text"))
    return tuple(warnings)
