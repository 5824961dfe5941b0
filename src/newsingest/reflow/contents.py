"""A table of contents: entries that run to a dot leader and a page number.

Each entry is a block of its own (the ``after_leader`` break rule); a run of them is one
structure, not many paragraphs: a ``table`` block whose rows are (entry, page), the leader
dots — a typesetter's filler, not text — left out of the cells (``raw`` keeps the lines).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from newsingest.model import Block, BlockType, Provenance

__all__ = ["LEADER", "contents_tables"]

#: A dot leader (at least four dots, spaced or not) and the page reference it leads to.
LEADER = re.compile(r"(?:[.\u00b7\u2024\u2026]\s?){4,}\s*((?:[A-Z]?[-\u2013]?\d{1,4}"
                    r"(?:[-\u2013.]\d{1,4})?|[ivxlcdm]{1,7}))\s*$", re.IGNORECASE)
#: This many entries in a row make a table of contents.
MIN_ENTRIES = 3
#: A wrapped title spans at most this many lines before its entry's leader line.
_WRAP = 2
_KINDS = (BlockType.PARAGRAPH, BlockType.QUOTE, BlockType.LIST_ITEM, BlockType.HEADING)


def _entry(block: Block) -> tuple[str, str] | None:
    if block.type not in _KINDS:
        return None
    found = LEADER.search(block.text)
    if found is None:
        return None
    title = block.text[: found.start()].rstrip(" .")
    if block.marker:
        title = f"{block.marker} {title}"
    return (title, found.group(1)) if title else None


def _provenance(found: Sequence[Provenance]) -> Provenance:
    """One box per page the entries stand on (every region when there are several)."""
    boxes: dict[int | None, list[tuple[float, float, float, float]]] = {}
    for prov in found:
        for region in prov.regions or (prov,):
            if region.bbox is not None:
                boxes.setdefault(region.page, []).append(region.bbox)
    if not boxes:
        return found[0]
    regions = tuple(Provenance(page=page, bbox=(min(b[0] for b in bs), min(b[1] for b in bs),
                                                max(b[2] for b in bs), max(b[3] for b in bs)))
                    for page, bs in boxes.items())
    first = regions[0]
    return first if len(regions) == 1 else attrs.evolve(first, regions=regions)


def _wrapped(block: Block) -> bool:
    """Whether ``block`` can be the first part of an entry whose title wrapped: a line or two
    of running text, not a heading (the break rules end such a line where the next word would
    have fitted, since a contents entry wraps short of its page-number column)."""
    lines = (block.raw or block.text).count("\n") + 1
    return block.type in (BlockType.PARAGRAPH, BlockType.QUOTE) and lines <= _WRAP


def contents_tables(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """``blocks`` with every run of ``MIN_ENTRIES`` contents entries or more as one table; an
    entry's wrapped title, a block of its own between two entries, joins the entry after it."""
    out: list[Block] = []
    run: list[tuple[Block, tuple[str, str]]] = []
    pending: Block | None = None  # a wrapped title waiting for its entry

    def flush() -> None:
        if len(run) >= MIN_ENTRIES:
            rows = tuple(row for _, row in run)
            provenance = _provenance([b.provenance for b, _ in run])
            out.append(Block(BlockType.TABLE, "\n".join(" | ".join(r) for r in rows),
                             raw="\n".join(b.raw or b.text for b, _ in run),
                             provenance=provenance, rows=rows))
        else:
            out.extend(b for b, _ in run)
        run.clear()

    for block in blocks:
        entry = _entry(block)
        if entry is not None and pending is not None:
            title = f"{pending.text} {entry[0]}"
            raw = f"{pending.raw or pending.text}\n{block.raw or block.text}"
            region = _provenance([pending.provenance, block.provenance])
            block, entry = attrs.evolve(block, text=f"{pending.text} {block.text}", raw=raw,
                                        provenance=region), (title, entry[1])
            pending = None
        if pending is not None:
            flush()
            out.append(pending)
            pending = None
        if entry is not None:
            run.append((block, entry))
        elif run and _wrapped(block):
            pending = block
        else:
            flush()
            out.append(block)
    flush()
    if pending is not None:
        out.append(pending)
    return tuple(out)
