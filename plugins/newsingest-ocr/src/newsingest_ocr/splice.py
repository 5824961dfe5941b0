"""A mixed PDF: the text-layer Document and the OCR Document, put together page by page.

Each half was read by its own path (the built-in parser for pages with a text layer, OCR for the
others), so each page's blocks come whole from one of them; they are ordered by page, each half
keeping its own order within a page. A paragraph that runs from a text page onto a scanned one
stays two blocks: the halves are reflowed separately.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import attrs
from newsingest import Block, Document, Furniture, Repair
from newsingest.repair.pipeline import MAX_LOCATIONS

__all__ = ["splice"]

_Item = TypeVar("_Item", Block, Furniture)


def _by_page(first: Sequence[_Item], second: Sequence[_Item]) -> tuple[_Item, ...]:
    """Both sequences in page order; an item without a page goes with the one before it."""
    keyed: list[tuple[int, int, int, _Item]] = []
    for side, items in enumerate((first, second)):
        page = 0
        for index, item in enumerate(items):
            page = item.provenance.page if item.provenance.page is not None else page
            keyed.append((page, side, index, item))
    return tuple(item for *_, item in sorted(keyed, key=lambda k: k[:3]))


def _repairs(first: Sequence[Repair], second: Sequence[Repair]) -> tuple[Repair, ...]:
    """One record per repair step, counts added, as for a document read in one go."""
    merged: dict[str, Repair] = {}
    for repair in (*first, *second):
        old = merged.get(repair.step)
        merged[repair.step] = repair if old is None else attrs.evolve(
            old, count=old.count + repair.count,
            locations=(old.locations + repair.locations)[:MAX_LOCATIONS])
    return tuple(merged.values())


def splice(text: Document, ocr: Document) -> Document:
    """``text`` (read by the built-in parser) with the OCR of its other pages put in.

    The text half's ``no-text-layer`` warning for a page OCR read text from is replaced by the
    OCR half's ``ocr-page``; for a page where OCR found nothing both stay. Metadata comes from
    the half that has body text, and what it lacks from the other.
    """
    read = {w.provenance.page for w in ocr.warnings
            if w.code == "ocr-page" and w.provenance is not None}
    kept = tuple(w for w in text.warnings
                 if not (w.code == "no-text-layer" and w.provenance is not None
                         and w.provenance.page in read))
    # the half with the body decides; an all-scanned file's Info only fills what OCR lacks
    first, second = (text.metadata, ocr.metadata) if text.blocks else (ocr.metadata,
                                                                        text.metadata)
    values = {field.name: getattr(first, field.name) or getattr(second, field.name)
              for field in attrs.fields(type(text.metadata))}
    return attrs.evolve(
        text,
        source=ocr.source,
        metadata=attrs.evolve(text.metadata, **values),
        blocks=_by_page(text.blocks, ocr.blocks),
        furniture=_by_page(text.furniture, ocr.furniture),
        repairs=_repairs(text.repairs, ocr.repairs),
        warnings=(*kept, *ocr.warnings),
    )
