"""Reflow: lines with whatever evidence the input had → paragraphs, title, lists, quotes.

The public API, shared by the text and PDF parsers:

- ``reflow(lines) -> Reflowed``: blocks, furniture, metadata (title, authors, published) and
  warnings from a sequence of :class:`Line`.
- ``reflow_pages(pages) -> PageFlow``: the same for laid-out pages (``PageLines``: lines with
  layout evidence, page size, images, tables), with the named break rules of ``reflow.rules``.
- ``join_lines(texts)``: join the wrapped lines of one block, with evidence-based dehyphenation.
- ``list_marker(text)``, ``furniture_kind(text)``, ``browser_header(text)``: small pure
  recognisers a parser can reuse on its own units.
"""

from __future__ import annotations

from newsingest.reflow.engine import Reflowed, reflow
from newsingest.reflow.furniture import browser_header, furniture_kind, is_end_mark
from newsingest.reflow.hyphens import dehyphenate, join_lines, word_vocabulary
from newsingest.reflow.lines import Line
from newsingest.reflow.markers import ListMarker, list_marker
from newsingest.reflow.pages import PageFlow, PageLines, PageTable, reflow_pages

__all__ = [
    "Line",
    "ListMarker",
    "PageFlow",
    "PageLines",
    "PageTable",
    "Reflowed",
    "browser_header",
    "dehyphenate",
    "furniture_kind",
    "is_end_mark",
    "join_lines",
    "list_marker",
    "reflow",
    "reflow_pages",
    "word_vocabulary",
]
