"""The headline from the page's headings, for pages whose metadata names none.

Without a ``<title>``, ``og:title`` or JSON-LD ``headline``, the title is on the page only as a
heading above the text — and :mod:`.select` drops such headings from the body as "the headline
again". The one to take is usually an ``<h1>`` (inside the article box, or above it as an
``entry-title``, a story header), but a site puts its name in an ``<h1>`` in the banner too, and
a heading that names a box ("More on ...", "IN BRIEF:") is no headline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from newsingest.model import BlockType
from newsingest.parsers.html.blocks import RawBlock, heading_text
from newsingest.parsers.html.clean import CODE_TAGS, is_hidden
from newsingest.parsers.html.select import Selection

__all__ = ["headline", "sole_h1"]

#: Longest text taken for a headline: a "heading" holding a paragraph is page design, not one.
MAX_HEADLINE = 300
#: Class/id words of a site's name set as a heading (``<h1 class="logo">``).
_BRAND = frozenset({"logo", "brand", "branding", "masthead", "site-title", "site-name",
                    "sitename", "site-logo", "site-header", "banner", "header", "navbar"})


def _headline_text(text: str) -> bool:
    """Not a label ("IN BRIEF:"), not a paragraph set as a heading."""
    return 3 <= len(text) <= MAX_HEADLINE and not text.endswith(":")


def _headline_like(block: RawBlock) -> bool:
    """A heading that can be a headline; a linked one below ``<h1>`` is a teaser for another
    page (an ``<h1>`` linked to its own page is common: WordPress ``entry-title``)."""
    return _headline_text(block.text) and (
        block.level == 1 or block.link_chars <= 0.5 * len(block.text))


#: Elements that make a ``<header>`` inside them the header of a section, not the site's banner.
_SECTIONING = frozenset({"article", "main", "section", "aside", "nav"})
_STORY = re.compile(r"article|story|entry|post|headline", re.I)


def _in_banner(el: Any) -> bool:
    """Inside the site's banner — a ``<header>`` outside any sectioning element, ``role=banner``,
    an element named like the site's logo — where an ``<h1>`` is the site's name, not a headline.
    A header named for the story (``class="storyHeader"``) or a heading marked
    ``itemprop=headline`` is the article's own."""
    if (el.get("itemprop") or "").lower() == "headline":
        return False
    chain = [el, *el.iterancestors()]
    if any(node.tag in _SECTIONING for node in chain):
        return False
    for node in chain:
        attrib = node.attrib
        names = f"{attrib.get('class') or ''} {attrib.get('id') or ''}"
        if node.tag == "header" and not _STORY.search(names):
            return True
        if (attrib.get("role") or "").lower() == "banner":
            return True
        if any(word in _BRAND for word in names.lower().split()):
            return True
    return False


def headline(blocks: Sequence[RawBlock], selection: Selection, top: Any) -> RawBlock | None:
    """The headline among the page's headings, for pages whose metadata names none (no
    ``<title>``, ``og:title`` or JSON-LD ``headline``).

    The headings considered stand above the article's first block: inside the article subtree
    (``top``), those dropped as lead scraps or kept as the heading that opens the text; outside
    it, any before the first block that is not the site's name in its banner. An ``<h1>`` wins:
    the first inside, else the last before the text anywhere on the page (an ``entry-title``
    above an ``entry-content`` box, a story header the furniture rules skipped); then the most
    prominent heading inside; then the most prominent of the headings sharing the nearest
    enclosing element with the text (a blog's ``<h3 class="post-title">``).
    """
    inside = [b for b in selection.lead_headings if _headline_like(b)]
    for block in selection.kept:
        if block.type is not BlockType.HEADING:
            break
        if _headline_like(block):
            inside.append(block)
    first_h1 = next((b for b in inside if b.level == 1), None)
    if first_h1 is not None:
        return first_h1
    if selection.kept:
        h1 = _h1_above(selection.kept[0].element)
        if h1 is not None:
            return RawBlock(BlockType.HEADING, h1[1], h1[0], level=1, tag="h1")
    outside = _headings_above(blocks, selection, top)
    if inside:
        return min(inside, key=lambda b: b.level or 6)  # the first of the most prominent
    best: tuple[int, int] | None = None
    found = None
    for block, shared in outside:
        rank = (shared, block.level or 6)
        if best is None or rank <= best:  # nearest, most prominent, the last of equals
            best, found = rank, block
    return found


def _branches(el: Any) -> dict[Any, Any]:
    """Each ancestor of ``el`` → its child on the way down to ``el``."""
    branch = {}
    child = el
    for parent in el.iterancestors():
        branch[parent] = child
        child = parent
    return branch


def _precedes(el: Any, branches: dict[Any, Any]) -> bool:
    """``el`` comes before the element whose :func:`_branches` are given, in document order,
    and does not contain it."""
    node = el
    for parent in el.iterancestors():
        if parent in branches:
            other = branches[parent]
            return node is not other and parent.index(node) < parent.index(other)
        node = parent
    return False


#: An ``<h1>`` inside these (or hidden) names a box or a page section, not the article.
_ASIDE = CODE_TAGS | {"aside", "nav", "footer", "menu"}


def _h1_above(first: Any) -> tuple[Any, str] | None:
    """The last ``<h1>`` before the article's first block, wherever it is (skipped boxes too:
    a story header with share buttons reads like a call to action), unless hidden or the
    site's name in its banner: ``(element, text)``."""
    found = None
    branches = _branches(first)
    for el in first.getroottree().iter("h1"):
        if not _precedes(el, branches):
            break
        text = heading_text(el)
        if (_headline_text(text) and not _in_banner(el)
                and not any(is_hidden(node) or node.tag in _ASIDE
                            for node in (el, *el.iterancestors()))):
            found = (el, text)
    return found


def _headings_above(
    blocks: Sequence[RawBlock], selection: Selection, top: Any
) -> list[tuple[RawBlock, int]]:
    """Headline-like headings outside ``top`` before its first kept block, each with how far up
    from ``top`` its nearest common ancestor is; at the level of the whole page (``body``)
    only ``<h1>``."""
    if not selection.kept:
        return []
    first = selection.kept[0]
    above = {node: rank for rank, node in enumerate(top.iterancestors())}
    found = []
    for block in blocks:
        if block is first:
            break
        if (block.type is not BlockType.HEADING or not _headline_like(block)
                or _in_banner(block.element)):
            continue
        shared = next((node for node in block.element.iterancestors() if node in above), None)
        if shared is None:
            continue  # inside the article subtree: a lead heading or clutter, judged there
        if shared.tag in ("body", "html") and block.level != 1:
            continue
        found.append((block, above[shared]))
    return found


def sole_h1(root: Any) -> str | None:
    """The text of the page's only ``<h1>`` outside the banner, asides and hidden parts: a
    page with one such heading names its headline there, wherever the layout puts it."""
    found = None
    for el in root.iter("h1"):
        text = heading_text(el)
        if (not _headline_text(text) or _in_banner(el)
                or any(is_hidden(node) or node.tag in _ASIDE
                       for node in (el, *el.iterancestors()))):
            continue
        if found is not None:
            return None
        found = text
    return found
