"""What the page holds besides the article, kept as furniture: nothing disappears unexplained.

Three kinds of text leave the body: blocks that :mod:`.select` dropped from inside the article
(headline, bylines, link lists), subtrees inside it that :mod:`.clean` skipped whole (an
``<aside>``, a ``byline`` box, comments), and the page's landmarks around it (site header, menus,
footer, sidebars). The last two are read cheaply — text only, one line per block box, cut after
``MAX_TEXT`` characters with a note — because a comment section can be longer than the article
and the parser must stay fast. Code, forms' controls and hidden elements are never recorded: they
are no text a reader sees. Other text outside the article (teaser rails without a landmark tag)
is not recorded either.

The kind comes from the tag, the ARIA role and the class/id words: ``navigation`` for menus and
breadcrumbs, ``header``/``masthead`` for the site's banner, ``footer`` for footers, ``other``
for the rest (asides, related links, comments, share bars, bylines).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from newsingest.model import FurnitureKind
from newsingest.parsers.html.blocks import BLOCK_TAGS, RawBlock
from newsingest.parsers.html.clean import token_parts

__all__ = ["MAX_TEXT", "Item", "box_text", "furniture_kind", "page_furniture"]

#: Most characters of one recorded subtree's text; the rest is cut with a note.
MAX_TEXT = 2000
#: How far past ``MAX_TEXT`` raw markup text is read (whitespace folds away) before stopping.
_READ_AHEAD = 4
#: Most elements read in one subtree (a mega-menu can hold thousands of empty ones).
_MAX_EVENTS = 20_000
_SPACES = re.compile(r"[^\S\n]+")
_BREAKS = re.compile(r" ?\n[\s]*")
_NAVIGATION = frozenset({"nav", "navbar", "navigation", "menu", "menubar", "breadcrumb",
                         "breadcrumbs", "pagination", "pager", "skip-link", "jump-link"})
_MASTHEAD = frozenset({"masthead", "site-header", "branding", "site-branding"})
_FOOTER = frozenset({"footer", "site-footer", "copyright"})
_NAV_ROLES = frozenset({"navigation", "menu", "menubar"})
#: A ``<header>`` inside these is the header of a section (an article's headline box), not the
#: site's banner.
_SECTIONING = frozenset({"article", "main", "section", "aside", "nav"})
_STORY = re.compile(r"article|story|entry|post|headline", re.I)


@attrs.frozen
class Item:
    """One piece of furniture: its kind, text, element, and place among the page's blocks."""

    kind: FurnitureKind
    text: str
    element: Any = attrs.field(eq=False, repr=False)
    position: int = 0


def _words(el: Any) -> set[str]:
    found: set[str] = set()
    for value in (el.get("class"), el.get("id")):
        if value:
            for token in value.lower().split():
                found |= token_parts(token)
    return found


def _site_header(el: Any) -> bool:
    """A ``<header>`` that is the site's banner, not a story's headline box: outside any
    sectioning element, not named for the story, and made of links (logo, menus)."""
    names = f"{el.get('class') or ''} {el.get('id') or ''}"
    if _STORY.search(names) or any(node.tag in _SECTIONING for node in el.iterancestors()):
        return False
    if el.find(".//nav") is not None or el.find(".//ul") is not None:
        return True
    text = sum(len(piece.strip()) for piece in el.itertext())
    links = sum(len(piece.strip()) for a in el.iter("a") for piece in a.itertext())
    return links >= 0.5 * text


def furniture_kind(el: Any) -> FurnitureKind:
    """The kind of furniture an element is, from its tag, ARIA role and class/id words.

    >>> import lxml.etree
    >>> page = lxml.etree.fromstring(
    ...     "<body><header><nav/></header><article><header/><div class='byline'/></article>"
    ...     "<div id='site-footer'/><aside class='related'/></body>")
    >>> [furniture_kind(el).value for el in page.iter() if el.tag != "body"]
    ['header', 'navigation', 'other', 'other', 'other', 'footer', 'other']
    """
    tag = el.tag
    if tag in ("nav", "menu"):
        return FurnitureKind.NAVIGATION
    if tag == "footer":
        return FurnitureKind.FOOTER
    role = (el.get("role") or "").lower()
    words = _words(el)
    if tag == "header" or role == "banner":
        if words & _MASTHEAD:
            return FurnitureKind.MASTHEAD
        return FurnitureKind.HEADER if role == "banner" or _site_header(el) else (
            FurnitureKind.OTHER)
    if role in _NAV_ROLES or words & _NAVIGATION:
        return FurnitureKind.NAVIGATION
    if role == "contentinfo" or words & _FOOTER:
        return FurnitureKind.FOOTER
    if words & _MASTHEAD:
        return FurnitureKind.MASTHEAD
    return FurnitureKind.OTHER


def box_text(el: Any, skip: set[Any], limit: int = MAX_TEXT) -> str:
    """The text of ``el``'s subtree, one line per block box, without ``skip`` (code, hidden
    parts); past ``limit`` characters it is cut, with a note saying so.

    >>> import lxml.etree
    >>> box_text(lxml.etree.fromstring("<ul><li>Home</li><li> World <b>news</b></li></ul>"),
    ...          set())
    'Home\\nWorld news'
    >>> box_text(lxml.etree.fromstring("<p>" + "word " * 10 + "</p>"), set(), limit=12)
    'word word […] (cut: furniture keeps the first 12 characters)'
    """
    import lxml.etree

    parts: list[str] = []
    size = 0
    budget = _READ_AHEAD * limit
    stopped = False
    walk = lxml.etree.iterwalk(el, events=("start", "end"))
    for count, (event, node) in enumerate(walk):
        if count > _MAX_EVENTS:
            stopped = True
            break
        tag = node.tag
        if event == "start":
            if node in skip and node is not el:
                walk.skip_subtree()
                continue
            if tag in BLOCK_TAGS or tag == "br":
                parts.append("\n")
            text = node.text
        else:
            if node in skip and node is not el:
                text = node.tail
            else:
                if tag in BLOCK_TAGS:
                    parts.append("\n")
                text = node.tail if node is not el else None
        if text:
            parts.append(text)
            size += len(text)
            if size > budget:
                stopped = True
                break
    text = _BREAKS.sub("\n", _SPACES.sub(" ", "".join(parts))).strip()
    if not stopped and len(text) <= limit:
        return text
    cut = text[:limit]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rindex(" ")]
    return f"{cut.rstrip()} […] (cut: furniture keeps the first {limit:,} characters)"


def _around(el: Any, kind: FurnitureKind) -> bool:
    """A landmark outside the article worth keeping: the site's header, menus, footer,
    sidebars (``<aside>``, ``role=complementary``)."""
    return kind is not FurnitureKind.OTHER or el.tag == "aside" or (
        (el.get("role") or "").lower() == "complementary")


def _block_kind(block: RawBlock, top: Any) -> FurnitureKind:
    """A dropped block's kind: that of the nearest enclosing element below the article root
    with a kind other than ``other`` (a menu inside the article box), else ``other``."""
    for node in (block.element, *block.element.iterancestors()):
        if node is top or node.tag in ("body", "html"):
            break
        kind = furniture_kind(node)
        if kind is not FurnitureKind.OTHER and not (
                kind in (FurnitureKind.HEADER, FurnitureKind.MASTHEAD) and node.tag == "header"):
            return kind
    return FurnitureKind.OTHER


def page_furniture(
    blocks: Sequence[RawBlock],
    dropped: Iterable[RawBlock],
    marks: Sequence[tuple[int, Any]],
    top: Any | None,
    skipped: set[Any],
    code: set[Any],
) -> list[Item]:
    """Furniture in page order: the ``dropped`` blocks, the marked subtrees inside ``top``
    (``skipped`` whole) and the landmarks around it (``marks`` from ``linearize``); ``code``
    (scripts, hidden parts) is left out of their text."""
    index = {id(block): number for number, block in enumerate(blocks)}
    items = [Item(_block_kind(block, top) if top is not None else FurnitureKind.OTHER,
                  block.text, block.element, 2 * index.get(id(block), len(blocks)) + 1)
             for block in dropped]
    above = set(top.iterancestors()) if top is not None else set()
    recorded: set[Any] = set()
    for position, el in marks:
        if el in above or el is top or any(node in recorded for node in el.iterancestors()):
            continue
        inside = top is not None and any(node is top for node in el.iterancestors())
        if inside and el not in skipped:
            continue  # a landmark inside the article that was not skipped: its blocks count
        kind = furniture_kind(el)
        if not inside and not _around(el, kind):
            continue
        text = box_text(el, code)
        if text:
            recorded.add(el)
            items.append(Item(kind, text, el, 2 * position))
    items.sort(key=lambda item: item.position)
    return items
