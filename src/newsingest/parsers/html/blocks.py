"""Walk the tree once and cut it into text blocks, the way a browser lays out block boxes.

Every block element (``p``, ``div``, ``li``, ``h2``...) starts a new box; inline text between
boxes belongs to the nearest enclosing one. Whitespace folds as CSS ``white-space: normal`` does
(runs of whitespace become one space), except inside ``pre``. Two or more
``<br>`` in a row end a paragraph. The walk uses lxml's C ``iterwalk``, so a page nested thousands
of levels deep costs no Python recursion.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from newsingest.model import BlockType

__all__ = ["LANDMARK_TAGS", "RawBlock", "fold", "heading_text", "join_breaks", "linearize"]

BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "nav", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "ul",
    "menu", "legend", "listing", "xmp", "plaintext", "frameset", "noframes",
})
_OWN_KIND = {
    **{f"h{n}": BlockType.HEADING for n in range(1, 7)},
    "li": BlockType.LIST_ITEM,
    "dt": BlockType.LIST_ITEM,
    "blockquote": BlockType.QUOTE,
    "pre": BlockType.PREFORMATTED,
    "listing": BlockType.PREFORMATTED,
    "xmp": BlockType.PREFORMATTED,
    "figcaption": BlockType.CAPTION,
    "figure": BlockType.CAPTION,
    "caption": BlockType.CAPTION,
}
_INHERITED = frozenset({BlockType.QUOTE, BlockType.LIST_ITEM, BlockType.CAPTION,
                        BlockType.PREFORMATTED, BlockType.HEADING})
_SPACE = re.compile(r"[^\S\u2029]+")
_BREAK = "\u2029"  # paragraph separator: marks a <br> inside the buffer
_BREAKS = re.compile(rf"\s*(?:{_BREAK}\s*){{2,}}")
_MAX_CELL = 300


def join_breaks(text: str) -> tuple[str, tuple[int, ...]]:
    r"""Fold a paragraph whose lines a single ``<br>`` ends (``\u2029`` marks one) into one line;
    return it with the offsets of the spaces that stand for the line breaks.

    >>> join_breaks("Line one \u2029 line\n two\u2029\u2029end")
    ('Line one line two end', (8, 17))
    """
    lines = [line for line in (fold(part) for part in text.split(_BREAK)) if line]
    offsets: list[int] = []
    position = -1
    for line in lines[:-1]:
        position += len(line) + 1
        offsets.append(position)
    return " ".join(lines), tuple(offsets)


def fold(text: str) -> str:
    """Fold whitespace as a browser lays it out: every run becomes one space, ends trimmed.

    No-break and other Unicode spaces fold too: on screen they are spaces, and the ``fix_spaces``
    repair step would turn them into spaces anyway, one logged change per line.

    >>> fold("  two\\n   words\\t")
    'two words'
    >>> fold("a\\u00a0 b\\u200dc")
    'a b\\u200dc'
    """
    return _SPACE.sub(" ", text).strip(" ")


@attrs.frozen
class RawBlock:
    """A block with the evidence content detection needs: its element and its link text."""

    type: BlockType
    text: str
    element: Any = attrs.field(eq=False, repr=False)
    link_chars: int = 0
    level: int | None = None
    ordered: bool | None = None
    marker: str | None = None
    depth: int | None = None
    rows: tuple[tuple[str, ...], ...] | None = None
    tag: str = "p"
    #: Inside ``figcaption``/``caption`` (not merely inside a ``figure``: credits, buttons).
    in_caption: bool = False
    #: Offsets in ``text`` of the spaces that stand for single ``<br>`` line breaks.
    breaks: tuple[int, ...] = ()
    #: The links in ``text``, in order: (anchor text, whitespace folded; ``href`` as written).
    anchors: tuple[tuple[str, str], ...] = ()


@attrs.define
class _Frame:
    element: Any
    tag: str
    kind: BlockType
    parts: list[str] = attrs.field(factory=list)
    link_chars: int = 0
    level: int | None = None
    ordered: bool | None = None
    marker: str | None = None
    depth: int | None = None
    items: int = 0
    start: int = 1
    in_caption: bool = False
    #: ``[anchor element, href, text pieces]`` of each link in the frame's text, in order.
    anchors: list[list[Any]] = attrs.field(factory=list)


def _cell_text(cell: Any, skip: set[Any]) -> tuple[str, int]:
    """A cell's text without what the walker skips elsewhere (scripts, hidden parts,
    furniture), and how many of its characters are link text."""
    import lxml.etree

    parts: list[str] = []
    links = 0
    in_link = 0
    walk = lxml.etree.iterwalk(cell, events=("start", "end"))
    for event, node in walk:
        if event == "start":
            if node in skip and node is not cell:
                walk.skip_subtree()  # its end event still comes, with its tail
                continue
            if node.tag == "a":
                in_link += 1
            text = node.text if isinstance(node.tag, str) else None
        else:
            if node.tag == "a" and node not in skip:
                in_link -= 1
            text = node.tail if node is not cell else None
        if text:
            parts.append(text)
            if in_link:
                links += len(text.strip())
    return fold("".join(parts)), links


def _data_rows(table: Any, skip: set[Any]) -> tuple[tuple[tuple[str, ...], ...], int] | None:
    """Rows of a data table and its link characters, or ``None`` for a layout table (nested
    tables, long cells, paragraphs in cells), which the walker enters like any box."""
    if table.find(".//table") is not None:
        return None
    rows: list[tuple[str, ...]] = []
    links = 0
    for tr in table.iter("tr"):
        if tr in skip or any(node in skip for node in tr.iterancestors() if node is not table):
            continue
        cells = []
        for cell in tr:
            if cell.tag not in ("td", "th") or cell in skip:
                continue
            if cell.find(".//p") is not None:
                return None
            text, linked = _cell_text(cell, skip)
            if len(text) > _MAX_CELL:
                return None
            cells.append(text)
            links += linked
        if any(cells):
            rows.append(tuple(cells))
    return (tuple(rows), links) if rows else None


def _list_depth(stack: list[_Frame]) -> int:
    """Nesting of an item: 0 for an item of a top-level list (as the text and PDF parsers
    count), one more for each list around that one."""
    return max(0, sum(1 for frame in stack if frame.tag in ("ul", "ol", "dl")) - 1)


def _list_info(el: Any, stack: list[_Frame]) -> tuple[bool, str, int]:
    """Ordered?, marker and depth of an ``li``; the list's frame counts its items (a preceding-
    sibling scan would be quadratic on a list of 50,000 items)."""
    parent = stack[-1] if stack and stack[-1].element is el.getparent() else None
    ordered = parent is not None and parent.tag == "ol"
    depth = _list_depth(stack)
    if parent is not None:
        parent.items += 1
    if not ordered or parent is None:
        return False, "•", depth
    value = (el.get("value") or "").strip()
    if value.isdigit():
        parent.items = int(value) - parent.start + 1
    return True, f"{parent.start + parent.items - 1}.", depth


class _Walker:
    def __init__(self, skip: set[Any]) -> None:
        self.skip = skip
        self.blocks: list[RawBlock] = []
        self.stack: list[_Frame] = []
        self.in_link = 0
        self.links: list[tuple[Any, str]] = []  # open <a href> elements, innermost last

    def add(self, text: str | None) -> None:
        if text and self.stack:
            frame = self.stack[-1]
            frame.parts.append(text)
            if self.in_link:
                frame.link_chars += len(text.strip())
                if self.links:
                    anchor, href = self.links[-1]
                    if frame.anchors and frame.anchors[-1][0] is anchor:
                        frame.anchors[-1][2].append(text)
                    else:
                        frame.anchors.append([anchor, href, [text]])

    def flush(self, frame: _Frame) -> None:
        if not frame.parts:
            return
        raw = "".join(frame.parts)
        frame.parts.clear()
        links, frame.link_chars = frame.link_chars, 0
        pieces: list[tuple[str, tuple[int, ...]]]
        if frame.kind is BlockType.PREFORMATTED:
            pieces = [(raw.replace(_BREAK, "\n").strip("\n"), ())]
        elif _BREAK not in raw:
            pieces = [(fold(raw), ())]
        else:
            pieces = [join_breaks(p) for p in _BREAKS.split(raw)]
        pieces = [p for p in pieces if p[0].strip()]
        total = sum(len(p) for p, _ in pieces) or 1
        anchors = [(fold("".join(texts).replace(_BREAK, " ")), href)
                   for _, href, texts in frame.anchors]
        frame.anchors = []
        for piece, breaks in pieces:
            mine, cursor = [], 0
            while anchors:
                found = piece.find(anchors[0][0], cursor) if anchors[0][0] else -1
                if found < 0:
                    break
                cursor = found + len(anchors[0][0])
                mine.append(anchors.pop(0))
            self.blocks.append(RawBlock(
                frame.kind, piece, frame.element, min(len(piece), links * len(piece) // total),
                level=frame.level, ordered=frame.ordered, marker=frame.marker, depth=frame.depth,
                tag=frame.tag, in_caption=frame.in_caption, breaks=breaks, anchors=tuple(mine)))

    def start(self, el: Any, tag: str) -> bool:
        """Handle an opening tag; return False when its subtree must be skipped."""
        if tag == "br":
            self.add(_BREAK)
            return True
        if tag == "a":
            self.in_link += 1
            href = (el.get("href") or "").strip()
            if href and not href.lower().startswith(("javascript:", "#", "data:")):
                self.links.append((el, href))
        if tag in BLOCK_TAGS:
            if self.stack:
                self.flush(self.stack[-1])
            if tag == "table":
                found = _data_rows(el, self.skip)
                if found is not None:
                    rows, links = found
                    text = "\n".join(" | ".join(c for c in row if c) for row in rows)
                    self.blocks.append(RawBlock(BlockType.TABLE, text, el, min(links, len(text)),
                                                rows=rows, tag=tag))
                    return False
            self.push(el, tag)
        self.add(el.text)
        return True

    def push(self, el: Any, tag: str) -> None:
        parent_kind = self.stack[-1].kind if self.stack else BlockType.PARAGRAPH
        kind = _OWN_KIND.get(tag)
        if kind is None:
            kind = parent_kind if parent_kind in _INHERITED else BlockType.PARAGRAPH
        frame = _Frame(el, tag, kind)
        frame.in_caption = tag in ("figcaption", "caption") or bool(
            self.stack and self.stack[-1].in_caption)
        if tag == "ol":
            start = (el.get("start") or "").strip()
            frame.start = int(start) if start.isdigit() else 1
        if kind is BlockType.HEADING:
            frame.level = int(tag[1]) if tag in _OWN_KIND else self._inherited("level")
        elif kind is BlockType.LIST_ITEM:
            if tag == "li":
                frame.ordered, frame.marker, frame.depth = _list_info(el, self.stack)
            elif tag == "dt":
                frame.ordered, frame.marker, frame.depth = False, None, _list_depth(self.stack)
            else:
                frame.ordered = self._inherited("ordered")
                frame.marker = self._inherited("marker")
                frame.depth = self._inherited("depth")
        self.stack.append(frame)

    def _inherited(self, name: str) -> Any:
        return getattr(self.stack[-1], name) if self.stack else None

    def end(self, el: Any, tag: str) -> None:
        if tag == "a":
            self.in_link = max(0, self.in_link - 1)
            if self.links and self.links[-1][0] is el:
                self.links.pop()
        if tag in BLOCK_TAGS and self.stack and self.stack[-1].element is el:
            self.flush(self.stack.pop())
        self.add(el.tail)


#: Page landmarks: their place in the page is noted even when they are not skipped, so that
#: the site's header, menus and footer around the article can be kept as furniture.
LANDMARK_TAGS = frozenset({"header", "nav", "footer", "aside", "menu"})


def linearize(
    root: Any, skip: set[Any], record: set[Any] | frozenset[Any] = frozenset()
) -> tuple[list[RawBlock], int, list[tuple[int, Any]]]:
    """The blocks of ``root`` in reading order (skipping ``skip``), the deepest element
    nesting below ``root`` (to tell when the parser's depth limit cut content off), and the
    marks: ``(number of blocks before it, element)`` for each skipped element in ``record``
    and each landmark element (``LANDMARK_TAGS``) the walk enters."""
    import lxml.etree

    marks: list[tuple[int, Any]] = []
    walker = _Walker(skip)
    walker.push(root, "body")
    depth = deepest = 0
    walk = lxml.etree.iterwalk(root, events=("start", "end"))
    for event, el in walk:
        tag = el.tag
        if not isinstance(tag, str):
            if event == "end":
                walker.add(el.tail)
            continue
        if el is root:
            if event == "start":
                walker.add(el.text)
            continue
        if event == "start":
            depth += 1
            deepest = max(deepest, depth)
            if el in skip:
                walk.skip_subtree()
                if tag in BLOCK_TAGS and walker.stack:
                    walker.flush(walker.stack[-1])
                if el in record:
                    marks.append((len(walker.blocks), el))
            else:
                if tag in LANDMARK_TAGS:
                    if walker.stack:
                        walker.flush(walker.stack[-1])
                    marks.append((len(walker.blocks), el))
                if not walker.start(el, tag):
                    walk.skip_subtree()
        else:
            depth -= 1
            walker.end(el, "#skipped" if el in skip else tag)
    while walker.stack:
        walker.flush(walker.stack.pop())
    return walker.blocks, deepest, marks


def heading_text(el: Any) -> str:
    """A heading's own text, folded: the whole of it, or, when it wraps blocks (``<h1><p>Title
    </p><h4>Subtitle</h4></h1>``), its text up to the end of the first block that holds any
    — as :func:`linearize` splits it; the blocks after it are a subtitle, not the headline."""
    import lxml.etree

    parts: list[str] = [el.text or ""]
    for event, node in lxml.etree.iterwalk(el, events=("start", "end")):
        if node is el or not isinstance(node.tag, str):
            if event == "end" and node is not el:
                parts.append(node.tail or "")
            continue
        if event == "start":
            if node.tag in BLOCK_TAGS and fold("".join(parts)):
                break  # a second block starts after text: the headline ended
            parts.append(node.text or "")
        else:
            if node.tag in BLOCK_TAGS and fold("".join(parts)):
                break
            parts.append(node.tail or "")
    return fold("".join(parts))
