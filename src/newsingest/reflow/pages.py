"""The engine for laid-out pages: furniture, then headline and byline, then body blocks.

A parser with page geometry (the PDF parser) hands over its pages — lines in reading order
with their evidence, and the page size — and gets back the body blocks, the furniture and the
header it found. Every decision about where a block starts, what it is, what is furniture and
what the title is lives here and in the modules it calls (``pagefurniture``, ``headline``,
``blocks`` with ``rules`` and ``pagestats``), not in the parser.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from newsingest.model import Block, Furniture
from newsingest.reflow.blocks import layout_blocks
from newsingest.reflow.headline import Header, find_header
from newsingest.reflow.hyphens import word_vocabulary
from newsingest.reflow.pagefurniture import PageLines, find_furniture, furniture_items
from newsingest.reflow.pagestats import body_size_of

__all__ = ["PageFlow", "PageLines", "reflow_pages"]


@attrs.frozen
class PageFlow:
    """What the engine made of the pages: body blocks, furniture, and the header found."""

    blocks: tuple[Block, ...]
    furniture: tuple[Furniture, ...]
    header: Header


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
    vocabulary = word_vocabulary([line.text for line in all_lines])
    return PageFlow(layout_blocks(body, vocabulary), furniture_items(pages, kinds), header)
