"""What the inspect views show, worked out from the Document alone (no drawing, no Pillow).

Both views (PNG pages and the HTML page) need the same decisions: which block sits on which page,
how each kind is coloured and labelled, which block is the title, and where the columns are. They
live here as small pure functions so the two views cannot disagree and each rule is doctested.

Only the public model is read (``provenance.page``/``bbox`` in PDF points from the top-left,
``metadata.title``), never parser internals, so the views keep working while parsers change.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

import attrs

from newsingest.errors import NewsingestError
from newsingest.model import Block, BlockType, Document, Furniture

__all__ = [
    "FURNITURE_COLOUR",
    "STYLES",
    "InspectError",
    "Item",
    "columns",
    "find_title",
    "hatch_segments",
    "items",
    "parse_pages",
    "place_label",
]

BBox = tuple[float, float, float, float]
RGB = tuple[int, int, int]

#: One colour per block type, chosen to stay distinguishable on a white page and to colour-blind
#: readers (Okabe-Ito palette, plus two darker tones).
STYLES: dict[BlockType, RGB] = {
    BlockType.HEADING: (213, 94, 0),
    BlockType.PARAGRAPH: (0, 114, 178),
    BlockType.QUOTE: (204, 121, 167),
    BlockType.LIST_ITEM: (0, 158, 115),
    BlockType.CAPTION: (230, 159, 0),
    BlockType.TABLE: (86, 180, 233),
    BlockType.PREFORMATTED: (120, 94, 60),
}
FURNITURE_COLOUR: RGB = (128, 128, 128)
COLUMN_COLOUR: RGB = (170, 0, 170)
TITLE_COLOUR: RGB = (0, 0, 0)

#: A block wider than this share of the page's body width spans columns (a headline, a photo
#: caption across the page) and is left out when columns are found.
SPANNING_SHARE = 0.6
#: A column's blocks fill at least this share of the page's body height.
COLUMN_SHARE = 0.2


class InspectError(NewsingestError):
    """The inspect view cannot be made (wrong source for the document, no such pages)."""


@attrs.frozen
class Item:
    """One block or furniture piece as the views show it.

    ``ref`` is its stable id in both views (``b3`` is the third block in reading order, ``f2``
    the second furniture piece), ``label`` the text drawn next to its box.
    """

    ref: str
    label: str
    kind: str
    text: str
    page: int | None
    bbox: BBox | None
    furniture: bool = False
    title: bool = False
    raw: str | None = None
    lines: tuple[int, int] | None = None
    path: str | None = None

    @property
    def colour(self) -> RGB:
        if self.furniture:
            return FURNITURE_COLOUR
        return STYLES[BlockType(self.kind)]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def find_title(doc: Document) -> int | None:
    """Index of the block that holds ``metadata.title``, or ``None`` if no block does.

    An exact match (ignoring case and spacing) wins; otherwise the first heading whose text and
    the title contain one another and share at least 60% of their length (a title wrapped into a
    heading plus a kicker). Parsers that take the title out of the body give ``None``.

    >>> from newsingest.model import Metadata, Source
    >>> src = Source("a.pdf", "application/pdf", "0", 1, "pdf", "1")
    >>> blocks = (Block("paragraph", "Intro"), Block("heading", "Big  News Today", level=1))
    >>> find_title(Document(src, Metadata(title="big news today"), blocks))
    1
    >>> find_title(Document(src, Metadata(title="Elsewhere"), blocks)) is None
    True
    """
    title = doc.metadata.title
    if not title:
        return None
    wanted = _norm(title)
    for index, block in enumerate(doc.blocks):
        if _norm(block.text) == wanted:
            return index
    for index, block in enumerate(doc.blocks):
        text = _norm(block.text)
        if block.type is not BlockType.HEADING or not text:
            continue
        shorter, longer = sorted((text, wanted), key=len)
        if shorter in longer and len(shorter) >= 0.6 * len(longer):
            return index
    return None


def _block_item(number: int, block: Block, title: bool) -> Item:
    kind = block.type.value
    label = f"{number} {kind.replace('_', ' ')}"
    if block.type is BlockType.HEADING:
        label += f" h{block.level}"
    where = block.provenance
    return Item(ref=f"b{number}", label=label, kind=kind, text=block.text, page=where.page,
                bbox=where.bbox, title=title, raw=block.raw, lines=where.lines, path=where.path)


def _furniture_item(number: int, piece: Furniture) -> Item:
    kind = piece.kind.value
    where = piece.provenance
    return Item(ref=f"f{number}", label=f"F{number} {kind.replace('_', ' ')}", kind=kind,
                text=piece.text, page=where.page, bbox=where.bbox, furniture=True,
                lines=where.lines, path=where.path)


def _continued(item: Item, block: Block) -> list[Item]:
    """A block read from several regions (across a column or page break) shows a box on
    each: the first is the block's item, the others ``b3-2``, ``b3-3`` ... labelled as
    continuations, so the view shows where the text went."""
    regions = block.provenance.regions
    return [attrs.evolve(item, ref=f"{item.ref}-{k}", label=f"{item.label} ({k}/{len(regions)})",
                         page=region.page, bbox=region.bbox, title=False)
            for k, region in enumerate(regions[1:], start=2)]


def items(doc: Document) -> tuple[Item, ...]:
    """Every block (numbered in reading order, with a box per region it was read from) then
    every furniture piece, as view items."""
    title = find_title(doc)
    body: list[Item] = []
    for n, block in enumerate(doc.blocks, start=1):
        item = _block_item(n, block, n - 1 == title)
        body.append(item)
        body.extend(_continued(item, block))
    rest = (_furniture_item(n, f) for n, f in enumerate(doc.furniture, start=1))
    return (*body, *rest)


def columns(boxes: Iterable[BBox]) -> tuple[BBox, ...]:
    """The text columns of one page, found from its body blocks' boxes, left to right.

    The model does not record columns, so they are derived: blocks spanning more than
    ``SPANNING_SHARE`` of the body width are set aside, and the x-extents of the rest are merged
    wherever they overlap; each merged run is a candidate column, outlined by its members'
    extent, so a gutter is a vertical strip no block crosses. A candidate whose blocks add up to
    less than ``COLUMN_SHARE`` of the body height (a kicker and a dateline side by side) is no
    column. With fewer than two columns left the page has one, the extent of all its blocks.
    If the model later carries columns, use those instead of this function.

    >>> columns([(50, 100, 290, 200), (60, 210, 295, 400), (310, 100, 550, 390)])
    ((50.0, 100.0, 295.0, 400.0), (310.0, 100.0, 550.0, 390.0))
    >>> columns([(50, 40, 550, 80), (50, 100, 290, 200), (310, 100, 550, 200)])
    ((50.0, 100.0, 290.0, 200.0), (310.0, 100.0, 550.0, 200.0))

    One column of wide paragraphs with short headings is one column, not a column of headings:

    >>> columns([(90, 144, 520, 203), (90, 300, 178, 330), (90, 347, 232, 363),
    ...          (90, 379, 520, 534)])
    ((90.0, 144.0, 520.0, 534.0),)
    >>> columns([])
    ()
    """
    found = [(float(a), float(b), float(c), float(d)) for a, b, c, d in boxes]
    if not found:
        return ()
    union = (min(b[0] for b in found), min(b[1] for b in found),
             max(b[2] for b in found), max(b[3] for b in found))
    narrow = [b for b in found if b[2] - b[0] <= SPANNING_SHARE * (union[2] - union[0])]
    merged: list[list[float]] = []  # x0, top, x1, bottom, summed block height
    for x0, top, x1, bottom in sorted(narrow):
        if merged and x0 < merged[-1][2]:
            last = merged[-1]
            last[1], last[2], last[3] = min(last[1], top), max(last[2], x1), max(last[3], bottom)
            last[4] += bottom - top
        else:
            merged.append([x0, top, x1, bottom, bottom - top])
    kept = [(a, b, c, d) for a, b, c, d, h in merged if h >= COLUMN_SHARE * (union[3] - union[1])]
    return tuple(kept) if len(kept) >= 2 else (union,)


def hatch_segments(box: Sequence[float], step: float) -> tuple[BBox, ...]:
    """Diagonal hatching lines (``/``) clipped to ``box``, ``step`` apart, as (x0, y0, x1, y1).

    Furniture is hatched rather than filled so the page text under it stays readable.

    >>> hatch_segments((0, 0, 10, 10), 10)
    ((0.0, 10.0, 10.0, 0.0),)
    >>> len(hatch_segments((0, 0, 100, 20), 10))
    11
    """
    x0, y0, x1, y1 = (float(v) for v in box)
    if step <= 0 or x1 <= x0 or y1 <= y0:
        return ()
    segments: list[BBox] = []
    c = x0 + y0 + step  # each line is x + y = c
    while c <= x1 + y1:
        # from the bottom-left end to the top-right end, clipped to the box
        start_x = max(x0, c - y1)
        end_x = min(x1, c - y0)
        if start_x < end_x:
            segments.append((start_x, c - start_x, end_x, c - end_x))
        c += step
    return tuple(segments)


Rect = tuple[int, int, int, int]


def _overlap(a: Rect, b: Rect) -> int:
    return max(0, min(a[2], b[2]) - max(a[0], b[0])) * max(0, min(a[3], b[3]) - max(a[1], b[1]))


def place_label(box: Rect, size: tuple[int, int], image: tuple[int, int],
                labels: Sequence[Rect], others: Sequence[Rect],
                printed: Callable[[Rect], float] | None = None) -> Rect:
    """Where a label of ``size`` (pixels) goes for ``box``, so labels stay legible and do not
    hide the page's text.

    Candidates, in order of preference: above the box at its left or right end, left or right
    of its top, below it at either end, inside its top-left corner. Each costs the area it hides
    of labels already placed (heavily), of printed pixels of the page (``printed(rect)`` counts
    them; as heavily: a label over text makes the text unreadable), of other boxes, and of its
    own box (half); off-image ones are skipped. Stacked list items thus get labels beside them
    instead of on each other, and labels go to the white space between blocks when there is any.

    >>> place_label((10, 30, 60, 40), (20, 8), (200, 200), [], [])
    (10, 22, 30, 30)
    >>> place_label((10, 30, 60, 40), (20, 8), (200, 200), [(10, 22, 30, 30)], [])
    (40, 22, 60, 30)
    >>> place_label((10, 30, 60, 40), (20, 8), (200, 200), [], [],
    ...             printed=lambda r: 50 if r[1] < 30 else 0)  # text above: goes beside
    (60, 30, 80, 38)
    """
    w, h = size
    x0, y0, x1, y1 = box
    candidates = [(x0, y0 - h), (x1 - w, y0 - h), (x0 - w, y0), (x1, y0), (x0, y1),
                  (x1 - w, y1), (x0, y0)]
    best: tuple[float, Rect] | None = None
    for cx, cy in candidates:
        rect = (cx, cy, cx + w, cy + h)
        if cx < 0 or cy < 0 or cx + w > image[0] or cy + h > image[1]:
            continue
        cost = (100 * sum(_overlap(rect, r) for r in labels)
                + sum(_overlap(rect, r) for r in others) + 0.5 * _overlap(rect, box))
        if printed is not None and cost < (best[0] if best is not None else float("inf")):
            cost += 100 * printed(rect)
        if best is None or cost < best[0]:
            best = (cost, rect)
        if cost == 0:
            break
    if best is None:
        return (max(0, x0), max(0, y0), max(0, x0) + w, max(0, y0) + h)
    return best[1]


_RANGE = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d*)\s*)?$")


def parse_pages(spec: str, last: int | None = None) -> tuple[int, ...]:
    """Page numbers from a spec such as ``"1-3,5"`` (1-based; ``"4-"`` runs to ``last``).

    Raises ``ValueError`` with the offending part for anything else.

    >>> parse_pages("1-3, 5")
    (1, 2, 3, 5)
    >>> parse_pages("2-", last=4)
    (2, 3, 4)
    >>> parse_pages("3-1")
    Traceback (most recent call last):
    ...
    ValueError: page range '3-1' runs backwards
    """
    pages: list[int] = []
    for part in spec.split(","):
        match = _RANGE.match(part)
        if match is None or int(match.group(1)) < 1:
            raise ValueError(f"{part.strip()!r} is not a page number or range such as 2-5")
        first = int(match.group(1))
        if match.group(2) is None:
            end = first
        elif match.group(2):
            end = int(match.group(2))
        elif last is not None:
            end = last
        else:
            raise ValueError(f"open range {part.strip()!r} needs the page count")
        if end < first:
            raise ValueError(f"page range {part.strip()!r} runs backwards")
        pages.extend(p for p in range(first, end + 1) if p not in pages)
    return tuple(pages)
