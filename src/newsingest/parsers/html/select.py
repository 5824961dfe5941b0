"""Inside the article's subtree, drop what is still not article text.

The headline is ``metadata.title``, not body; link lists, bare URLs, and the byline/date scraps
above the first paragraph are page furniture that happens to sit inside the article element;
captions stay as caption blocks (``captions=False`` drops them: they describe pictures the
Document does not carry), but other text inside a figure — credits, buttons — is furniture.
Everything dropped is returned so that the parser can keep it as furniture.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from newsingest.model import BlockType
from newsingest.parsers.html.blocks import RawBlock
from newsingest.parsers.html.content import (
    Evidence,
    in_evidence,
    is_prose,
    visual_length,
)

__all__ = ["select_blocks"]

_KEY = re.compile(r"\W+")
_URL = re.compile(r"^(?:https?://|www\.)\S+(?:\s+\S+){0,5}$")


def _key(text: str) -> str:
    return _KEY.sub(" ", text.casefold()).strip()


def _vouched(block: RawBlock, evidence: Evidence | None) -> bool:
    return (evidence is not None and len(block.text) >= 40
            and in_evidence(block.text, evidence) >= 0.5)


def _is_clutter(block: RawBlock, captions: bool) -> bool:
    length = len(block.text)
    if block.type is BlockType.CAPTION:
        # Text in a figure outside its caption is credits, "enlarge" buttons, slide counters.
        return not (captions and block.in_caption)
    if block.type is BlockType.TABLE:
        return False
    if _URL.match(block.text):
        return True
    return length > 0 and block.link_chars / length > 0.6


def _is_lead_scrap(block: RawBlock) -> bool:
    """Above the first paragraph: the headline again, bylines, dates, kickers."""
    if block.type is BlockType.HEADING:
        return True  # the headline again, a kicker, or a standfirst set as a heading
    return (block.type is BlockType.PARAGRAPH and visual_length(block.text) < 100
            and not is_prose(block))


def select_blocks(
    blocks: Sequence[RawBlock],
    top: Any,
    title: str | None,
    evidence: Evidence | None = None,
    *,
    captions: bool = True,
) -> tuple[list[RawBlock], list[RawBlock]]:
    """Split ``blocks`` under ``top`` into ``(kept, dropped)``; blocks outside are ignored."""
    inside = set(top.iter())
    title_key = _key(title) if title else None
    verdicts: list[tuple[RawBlock, str]] = []  # "keep", "drop", or "lead" (scrap if prose follows)
    seen_prose = False
    for block in blocks:
        if block.element not in inside:
            continue
        vouched = _vouched(block, evidence)
        if not vouched and (_is_clutter(block, captions) or (
                block.type is BlockType.HEADING and _key(block.text) == title_key)):
            verdicts.append((block, "drop"))
        elif not vouched and not seen_prose and _is_lead_scrap(block):
            verdicts.append((block, "lead"))
        else:
            seen_prose = (seen_prose or vouched or is_prose(block)
                          or visual_length(block.text) >= 100)
            verdicts.append((block, "keep"))
    kept = [b for b, verdict in verdicts if verdict == "keep" or (verdict == "lead"
                                                                    and not seen_prose)]
    dropped = [b for b, verdict in verdicts if verdict == "drop" or (verdict == "lead"
                                                                       and seen_prose)]
    return kept, dropped
