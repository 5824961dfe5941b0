"""Inside the article's subtree, drop what is still not article: the headline (it is
``metadata.title``), link lists, and scraps such as "Advertisement" or "Read more"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from newsingest.model import BlockType
from newsingest.parsers.html.blocks import RawBlock
from newsingest.parsers.html.content import Evidence, in_evidence

__all__ = ["select_blocks"]

_KEY = re.compile(r"\W+")


def _key(text: str) -> str:
    return _KEY.sub(" ", text.casefold()).strip()


def _is_clutter(block: RawBlock, evidence: Evidence | None) -> bool:
    length = len(block.text)
    if evidence is not None and length >= 40 and in_evidence(block.text, evidence) >= 0.5:
        return False
    if block.type is BlockType.TABLE:
        return False
    return length > 0 and block.link_chars / length > 0.6


def select_blocks(
    blocks: Sequence[RawBlock],
    top: Any,
    title: str | None,
    evidence: Evidence | None = None,
) -> tuple[list[RawBlock], list[RawBlock]]:
    """Split ``blocks`` under ``top`` into ``(kept, dropped)``; blocks outside are ignored."""
    inside = set(top.iter())
    title_key = _key(title) if title else None
    kept: list[RawBlock] = []
    dropped: list[RawBlock] = []
    for block in blocks:
        if block.element not in inside:
            continue
        if (block.type is BlockType.HEADING and title_key and not kept
                and _key(block.text) == title_key) or _is_clutter(block, evidence):
            dropped.append(block)
        else:
            kept.append(block)
    return kept, dropped
