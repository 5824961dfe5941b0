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

import attrs

from newsingest.model import BlockType
from newsingest.parsers.html.blocks import RawBlock
from newsingest.parsers.html.content import (
    Evidence,
    in_evidence,
    is_prose,
    teaser_like,
    visual_length,
)

__all__ = ["Selection", "select_blocks"]

_KEY = re.compile(r"\W+")
_URL = re.compile(r"^(?:https?://|www\.)\S+(?:\s+\S+){0,5}$")
_URL_IN = re.compile(r"(?:https?://|www\.)\S+")
#: Labels publishers put between paragraphs for ads and for the story's continuation.
_AD_LABEL = re.compile(
    r"^(?:advertisement|advertising|sponsored(?: content)?|ad|anzeige|werbung|publicidad|"
    r"publicité|pubblicità|advertentie|reklama|reklame|广告|廣告|広告|광고|"
    r"(?:the )?(?:story|article) continues (?:below|after)(?: (?:this|the) )?(?: ?advertisement)?|"
    r"continue reading(?: the main story| below)?|scroll to continue(?: with content)?)[\s.:…]*$",
    re.I)
_MONTHS = (r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|februar|märz|mai|juni|juli|"
           r"okt|dez|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|"
           r"noviembre|diciembre|janv|févr|mars|avr|juin|juil|août|sept|déc")
#: A block that is only a date or a time stamp ("10:05 GMT", "3. März 2024, 14:20 Uhr").
_STAMP = re.compile(
    rf"^(?:(?:updated|published|posted|last updated|aktualisiert|actualizado)\s*:?\s*)?"
    rf"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s*)?"
    rf"(?:\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}|\d{{1,2}}\.?\s*(?:de\s+)?(?:{_MONTHS})[a-zé.]*"
    rf"(?:\s*(?:de\s+)?\d{{4}})?|(?:{_MONTHS})[a-z.]*\s+\d{{1,2}}(?:st|nd|rd|th)?,?"
    rf"(?:\s*\d{{4}})?|\d{{4}}年\d{{1,2}}月\d{{1,2}}日|\d{{1,3}}\s+(?:min(?:ute)?s?|hours?|"
    rf"days?)\s+ago)?[\s,|·•-]*(?:(?:at|um|a las)\s+)?"
    rf"(?:\d{{1,2}}[:.h]\d{{2}}(?::\d{{2}})?\s*(?:[ap]\.?m\.?|uhr|h)?\s*(?:[a-z]{{2,5}}|"
    rf"[+-]\d{{2}}:?\d{{2}})?)?$",
    re.I)


def _key(text: str) -> str:
    return _KEY.sub(" ", text.casefold()).strip()


def _vouched(block: RawBlock, evidence: Evidence | None) -> bool:
    return (evidence is not None and len(block.text) >= 40
            and in_evidence(block.text, evidence) >= 0.5)


def is_stamp(text: str) -> bool:
    """Only a date or a time: a post's time stamp in a live blog, a video's duration.

    >>> is_stamp("10:05 GMT"), is_stamp("Updated: March 3, 2024 at 9:10 am"), is_stamp("02:14")
    (True, True, True)
    >>> is_stamp("3. März 2024"), is_stamp("2024年3月3日"), is_stamp("2 hours ago")
    (True, True, True)
    >>> is_stamp("March madness"), is_stamp("1990"), is_stamp("")
    (False, False, False)
    """
    return len(text) <= 60 and any(c.isdigit() for c in text) and bool(_STAMP.match(text))


def is_label(text: str) -> bool:
    """An ad label or a "continue reading" line set between paragraphs (any common language).

    >>> is_label("Advertisement"), is_label("Story continues below advertisement")
    (True, True)
    >>> is_label("Anzeige"), is_label("Advertising standards are changing.")
    (True, False)
    """
    return len(text) <= 60 and bool(_AD_LABEL.match(text.strip()))


def is_url_line(text: str) -> bool:
    """A bare address, or a short line that is mostly one ("Printed from https://...").

    >>> is_url_line("https://example.com/a.jpg 1200w"), is_url_line("Source: www.example.org/x")
    (True, True)
    >>> is_url_line("Details are at www.example.org, the council said on Monday evening.")
    False
    """
    if _URL.match(text):
        return True
    found = _URL_IN.search(text)
    return (found is not None and len(text.split()) <= 6
            and len(found.group(0)) >= 0.5 * len(text))


def _is_clutter(block: RawBlock, captions: bool) -> bool:
    length = len(block.text)
    if block.type is BlockType.CAPTION:
        # Text in a figure outside its caption is credits, "enlarge" buttons, slide counters.
        return not (captions and block.in_caption)
    if block.type is BlockType.TABLE:
        return False
    if is_url_line(block.text) or is_stamp(block.text) or is_label(block.text):
        return True
    return length > 0 and block.link_chars / length > 0.6


def _is_lead_scrap(block: RawBlock) -> bool:
    """Above the first paragraph: the headline again, bylines, dates, kickers."""
    if block.type is BlockType.HEADING:
        return True  # the headline again, a kicker, or a standfirst set as a heading
    return (block.type is BlockType.PARAGRAPH and visual_length(block.text) < 100
            and not is_prose(block))


def _sub_articles(blocks: Sequence[RawBlock], top: Any, inside: set[Any]) -> set[Any]:
    """Elements inside ``<article>`` items below the root — comments, teaser cards, embeds —
    when the root has prose of its own outside them (a live blog is nothing but such items,
    and keeps them)."""
    in_article = top.tag == "article" or any(a.tag == "article" for a in top.iterancestors())
    items = [el for el in top.iterdescendants("article")
             if (in_article or sum(1 for sib in el.itersiblings("article")) >= 2
                 or sum(1 for sib in el.itersiblings("article", preceding=True)) >= 2)
             and teaser_like(el)]
    if not items:
        return set()
    below: set[Any] = set()
    for item in items:
        below.update(item.iter())
    outside = sum(visual_length(b.text) for b in blocks
                  if b.element in inside and b.element not in below and is_prose(b))
    return below if outside >= 300 else set()


@attrs.frozen
class Selection:
    """What :func:`select_blocks` decided: the body, what was dropped from inside the article,
    and the dropped headings above its first paragraph (where the headline is)."""

    kept: tuple[RawBlock, ...] = ()
    dropped: tuple[RawBlock, ...] = ()
    lead_headings: tuple[RawBlock, ...] = ()


def select_blocks(
    blocks: Sequence[RawBlock],
    top: Any,
    title: str | None,
    evidence: Evidence | None = None,
    *,
    captions: bool = True,
) -> Selection:
    """Split the blocks under ``top`` into kept and dropped; blocks outside are ignored."""
    inside = set(top.iter())
    items = _sub_articles(blocks, top, inside)
    title_key = _key(title) if title else None
    verdicts: list[tuple[RawBlock, str]] = []  # "keep", "drop", or "lead" (scrap if prose follows)
    seen_prose = False
    for block in blocks:
        if block.element not in inside:
            continue
        vouched = _vouched(block, evidence)
        if not vouched and (_is_clutter(block, captions) or block.element in items or (
                block.type is BlockType.HEADING and _key(block.text) == title_key)):
            verdicts.append((block, "drop"))
        elif not vouched and not seen_prose and _is_lead_scrap(block):
            verdicts.append((block, "lead"))
        else:
            seen_prose = (seen_prose or vouched or is_prose(block)
                          or visual_length(block.text) >= 100)
            verdicts.append((block, "keep"))
    for index, (block, verdict) in enumerate(verdicts[:-1]):
        after, next_verdict = verdicts[index + 1]
        if (verdict == "lead" and block.type is BlockType.HEADING and block.level != 1
                and next_verdict == "keep" and is_prose(after)
                and after.element.getparent() is block.element.getparent()):
            # A subheading that opens the text it stands with (a live blog's first post).
            verdicts[index] = (block, "keep")
    if seen_prose:
        # A heading after the last paragraph introduces furniture that was dropped
        # ("Comments", "Related"), not text.
        for index in range(len(verdicts) - 1, -1, -1):
            block, verdict = verdicts[index]
            if verdict == "keep" and block.type is not BlockType.HEADING:
                break
            if verdict == "keep":
                verdicts[index] = (block, "drop")
    kept = [b for b, verdict in verdicts if verdict == "keep" or (verdict == "lead"
                                                                    and not seen_prose)]
    dropped = [b for b, verdict in verdicts if verdict == "drop" or (verdict == "lead"
                                                                       and seen_prose)]
    leads = [b for b, verdict in verdicts if verdict == "lead" and seen_prose
             and b.type is BlockType.HEADING]
    return Selection(tuple(kept), tuple(dropped), tuple(leads))
