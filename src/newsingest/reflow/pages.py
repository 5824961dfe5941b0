"""The engine for laid-out pages: furniture, then headline and byline, then body blocks.

A parser with page geometry (the PDF parser) hands over its pages — lines in reading order
with their evidence, the page size, the images and tables it found — and gets back the body
blocks, the furniture and the header. Every decision about where a block starts, what it is,
what is furniture and what the title is lives here and in the modules it calls
(``pagefurniture``, ``headline``, ``floats``, ``blocks`` with ``rules`` and ``pagestats``),
not in the parser. Steps:

1. furniture by form, repetition and position (``pagefurniture``), then the header zone;
2. floats out of the running text (``floats``): figure labels (text on an image) become
   furniture, table cells and captions become ``table`` and ``caption`` blocks;
3. the running text is segmented and typed (``blocks``), and each float is put back after
   the block that was open where it stood; runs of contents entries (a dot leader and a page
   number) become one ``table`` block (``contents``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from newsingest.model import Block, BlockType, Furniture, FurnitureKind, Provenance
from newsingest.reflow.blocks import layout_blocks
from newsingest.reflow.code import code_lines
from newsingest.reflow.contents import contents_tables
from newsingest.reflow.floats import PageTable, caption_runs, inside, side_runs
from newsingest.reflow.headline import Header, find_header
from newsingest.reflow.hyphens import join_lines, word_vocabulary
from newsingest.reflow.lines import Line
from newsingest.reflow.pagefurniture import PageLines, find_furniture, furniture_items
from newsingest.reflow.pagestats import PageStats, body_size_of, flow, right_aligned

__all__ = ["PageFlow", "PageLines", "PageTable", "reflow_pages"]

#: An image covering this share of its page is the page itself (a scan under its text layer).
_BACKGROUND = 0.5
#: Images closer than this (points) are pieces of one figure.
_NEAR = 12.0


@attrs.frozen
class PageFlow:
    """What the engine made of the pages: body blocks, furniture, and the header found."""

    blocks: tuple[Block, ...]
    furniture: tuple[Furniture, ...]
    header: Header


def _figures(page: PageLines) -> list[tuple[float, float, float, float]]:
    """The page's figure areas: images drawn close together (a composite figure, with its
    labels between the pieces) make one; an image as large as half the page is the page."""
    area = page.width * page.height
    boxes = [f for f in page.figures if (f[2] - f[0]) * (f[3] - f[1]) < _BACKGROUND * area]
    merged = True
    while merged and len(boxes) > 1:
        merged = False
        for i, a in enumerate(boxes):
            for j in range(i + 1, len(boxes)):
                b = boxes[j]
                if (a[0] - _NEAR <= b[2] and b[0] - _NEAR <= a[2]
                        and a[1] - _NEAR <= b[3] and b[1] - _NEAR <= a[3]):
                    boxes[i] = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]),
                                max(a[3], b[3]))
                    del boxes[j]
                    merged = True
                    break
            if merged:
                break
    return [f for f in boxes if (f[2] - f[0]) * (f[3] - f[1]) < _BACKGROUND * area]


def _label(line: Line, page: PageLines, areas: Sequence[tuple[float, float, float, float]],
           body_size: float) -> bool:
    """Text set smaller than the body inside a figure's area (on an image, or between the
    pieces of a composite figure) is the figure's label; body-size text on an image (a cover's
    title, a photo's overprinted headline) and text running past a figure is not."""
    if not areas or (line.font_size or body_size) >= body_size - 0.5:
        return False
    return any(inside(line, area) for area in areas)


#: A drawing's label is a few words, well narrower than the drawing.
_LABEL_WORDS = 6
_LABEL_SHARE = 0.5


def _drawing_label(line: Line, page: PageLines, body_size: float) -> bool:
    """A few words set smaller than the body inside a vector drawing (``page.drawings``)
    label it; a drawing has no image box to vouch for it, so a long line there (a small-print
    box's text) stays text."""
    if not page.drawings or (line.font_size or body_size) >= body_size - 0.5 or \
            len(line.text.split()) > _LABEL_WORDS or line.bbox is None:
        return False
    width = line.bbox[2] - line.bbox[0]
    return any(inside(line, area) and width <= _LABEL_SHARE * (area[2] - area[0])
               for area in page.drawings)


def _table_block(page: int, table: PageTable) -> Block:
    rows = tuple(tuple(" ".join(cell.split()) for cell in row) for row in table.rows)
    text = "\n".join(" | ".join(c for c in row if c) for row in rows)
    return Block(BlockType.TABLE, text, provenance=Provenance(page=page, bbox=table.bbox),
                 rows=rows)


#: A footnote's number (or mark) opening its line: "2 http://...", "3) ...", "* ...".
_NOTE_MARK = re.compile(r"^(?:(\d{1,3})(?:[).]|\s)|[*\u2020\u2021\u00a7\u00b6])")


def _note_starts(lines: Sequence[Line]) -> frozenset[int]:
    """The lines of a footnote zone that start a note: those opening with the next note's
    number (one more than the last note's) or with a note mark. Notes are short and set one
    under the other, so the line ends that part paragraphs say little between them."""
    out: set[int] = set()
    last: int | None = None
    for line in lines:
        found = _NOTE_MARK.match(line.text)
        if found is None:
            continue
        number = int(found.group(1)) if found.group(1) else None
        if number is None or last is None or number == last + 1:
            out.add(line.index)
            last = number if number is not None else last
    return frozenset(out)


def _foot_zones(lines: Sequence[Line], body_size: float) -> list[list[int]]:
    """Footnotes at the foot of a column: the trailing lines of a flow set smaller than the
    body, under at least three body lines (a paper's footnotes, a copyright block under the
    first column). Indexes into ``lines``."""
    flows: dict[tuple[int, int, int], list[int]] = {}
    for i, line in enumerate(lines):
        flows.setdefault(flow(line), []).append(i)
    zones: list[list[int]] = []
    for members in flows.values():
        k = len(members)
        while k > 0 and (lines[members[k - 1]].font_size or body_size) < body_size - 0.5 \
                and not lines[members[k - 1]].code:
            k -= 1
        above = [i for i in members[:k]
                 if abs((lines[i].font_size or body_size) - body_size) <= 0.5]
        if k < len(members) and len(above) >= 3:
            zones.append(members[k:])
    return zones


def _floats(pages: Sequence[PageLines], body: list[Line], body_size: float,
            vocabulary: frozenset[str]
            ) -> tuple[list[Line], list[tuple[int | None, Block]], list[Furniture]]:
    """Split the body into running lines and floats (each with the index of the last running
    line before it), and figure labels (furniture)."""
    by_page = {page.number: page for page in pages}
    labels: list[Furniture] = []
    members: dict[int, tuple[int, tuple[Block, ...]]] = {}  # body position -> (id, blocks)
    kept: list[int] = []
    figures: dict[int, list[tuple[float, float, float, float]]] = {}
    for k, line in enumerate(body):
        page = by_page.get(line.page or 0)
        if page is None:
            kept.append(k)
            continue
        table = next((t for t in page.tables if inside(line, t.bbox)), None)
        if table is not None:
            members[k] = (id(table), (_table_block(page.number, table),))
            continue
        if _label(line, page, figures.setdefault(page.number, _figures(page)), body_size) or \
                _drawing_label(line, page, body_size):
            labels.append(Furniture(FurnitureKind.OTHER, line.text, line.provenance))
            continue
        kept.append(k)
    free = [k for k in kept if k not in members]
    for run in caption_runs([body[k] for k in free], body_size):
        group = [body[free[i]] for i in run]
        text = join_lines([ln.text for ln in group])
        first = group[0]
        block = Block(BlockType.CAPTION, text, provenance=first.provenance,
                      raw="\n".join(ln.text for ln in group) if len(group) > 1 else None)
        for i in run:
            members[free[i]] = (id(block), (block,))
    rest = [k for k in kept if k not in members]
    for run in side_runs([body[k] for k in rest]):
        beside = layout_blocks([body[rest[i]] for i in run], vocabulary)
        for i in run:
            members[rest[i]] = (id(beside), beside)
    rest = [k for k in kept if k not in members]
    for zone in _foot_zones([body[k] for k in rest], body_size):
        lines = [body[rest[i]] for i in zone]
        notes = layout_blocks(lines, vocabulary, starts_at=_note_starts(lines))
        for i in zone:
            members[rest[i]] = (id(notes), notes)
    running: list[Line] = []
    floats: list[tuple[int | None, Block]] = []
    seen: set[int] = set()
    last: int | None = None
    kept_set = set(kept)
    for k, line in enumerate(body):
        if k in members:
            key, blocks = members[k]
            if key not in seen:
                seen.add(key)
                floats.extend((last, block) for block in blocks)
            continue
        if k in kept_set:
            running.append(line)
            last = line.index
    return running, floats, labels


def _line_numbers(page: PageLines) -> Furniture:
    """A page's margin line numbers as one furniture record over their column."""
    boxes = [box for _, box in page.line_numbers]
    column = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
              max(b[3] for b in boxes))
    return Furniture(FurnitureKind.OTHER, " ".join(text for text, _ in page.line_numbers),
                     Provenance(page=page.number, bbox=column))


def reflow_pages(pages: Sequence[PageLines], info_title: str | None = None) -> PageFlow:
    """Blocks, furniture and header of a laid-out document.

    ``info_title`` is the title the container declares (PDF Info/XMP), which picks the
    headline among several large texts when one matches it.
    """
    all_lines = [line for page in pages for line in page.lines]
    body_size = body_size_of(all_lines)
    form = find_furniture(pages, None, body_size)
    skip = frozenset(pages[p].lines[i].index for p, i in form)
    header = find_header(all_lines, body_size, skip, info_title,
                         [pages[p].lines[i].text for p, i in form])
    kinds = find_furniture(pages, header.title_top, body_size)
    skip = frozenset(pages[p].lines[i].index for p, i in kinds)
    body = [line for line in all_lines if line.index not in skip and line.index not in header.used]
    listings = code_lines(body)
    body = [attrs.evolve(line, code=True) if line.index in listings else line for line in body]
    vocabulary = word_vocabulary([line.text for line in all_lines])
    # flush right is a flow's trait, read before floats leave it: a sidebar's small-print
    # foot (a footnote zone) is set as ragged-left as the rest of it
    flush_right = right_aligned(body)
    if flush_right:
        body = [attrs.evolve(line, align="right") if flow(line) in flush_right else line
                for line in body]
    running, floats, labels = _floats(pages, body, body_size, vocabulary)
    stats = PageStats.of(running) if running else None
    blocks = contents_tables(layout_blocks(running, vocabulary, floats, stats))
    rotated = [Furniture(FurnitureKind.OTHER, " ".join(page.rotated.split()),
                         Provenance(page=page.number)) for page in pages if page.rotated.strip()]
    numbered = [_line_numbers(page) for page in pages if page.line_numbers]
    furniture = sorted((*furniture_items(pages, kinds), *labels, *rotated, *numbered),
                       key=lambda f: (f.provenance.page or 0,
                                      f.provenance.bbox[1] if f.provenance.bbox else 1e9))
    return PageFlow(blocks, tuple(furniture), header)
