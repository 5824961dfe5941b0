"""Which elements can never be article text: code, forms, hidden parts, page furniture.

Nothing is removed from the tree (element paths in provenance must stay those of the page); the
result is a set of elements the block walker skips. Furniture is recognised by tag (``nav``,
``aside``, ``footer``), ARIA role and class/id words (comments, related, share, newsletter,
cookie, ads...). A class word can lie — ``<div class="page has-sidebar">`` may hold everything —
so an element that contains the article's own markers (``itemprop=articleBody``, an
``article-body`` class) is never skipped. "Paywall" is no furniture word: publishers wrap the
text behind the wall in it; the wall's own prompt is caught as a call to action.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

__all__ = ["NEGATIVE", "POSITIVE", "skipped_elements", "token_parts"]

#: Never text: code, media, form controls.
CODE_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "canvas", "iframe", "object",
    "embed", "button", "select", "input", "textarea", "option", "head", "link", "meta", "audio",
    "video", "source", "picture", "img", "map", "dialog",
    # AMP's ad and tracking elements: their only text is "Loading ad…" placeholders.
    "amp-ad", "amp-embed", "amp-sticky-ad", "amp-auto-ads", "amp-analytics", "amp-pixel",
})
FURNITURE_TAGS = frozenset({"nav", "aside", "footer", "menu", "amp-sidebar", "amp-consent",
                            "amp-user-notification", "amp-social-share"})
FURNITURE_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search",
                             "menu", "menubar", "dialog", "alertdialog", "toolbar", "tablist"})

def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Class/id words of page furniture: single parts of a token ("comments" in "comments-area")
#: or two adjacent parts ("read-more").
NEGATIVE = _wordset("""
    comment comments commentlist disqus related recommended recirc share shares sharing
    sharetools sharebar newsletter newsletters signup subscribe subscription
    cookie cookies consent gdpr ad ads advert adverts advertisement advertising sponsored dfp
    promo promos promoted outbrain taboola sidebar breadcrumb breadcrumbs navbar nav navigation
    menu footer masthead toolbar popup modal overlay bio tags trending popular widget
    byline dateline timestamp rating pagination pager caption credit credits gallery slideshow
    carousel copyright disclaimer enlarge readmore comment-list more-stories sign-up author-bio
    tag-list most-popular print-only visually-hidden sr-only screen-reader skip-link jump-link
    read-more about-author author-info author-box author-card author-profile
    video-player media-player audio-player videoplayer jwplayer video-box video-wrapper
""")
#: Class/id words of the article body itself.
POSITIVE = _wordset("""
    articlebody article-body article-content article-text storybody story-body story-content
    entry-content post-content post-body post-entry body-text content-body main-content
    postbody storytext text-body
""")
_CONTENT = _wordset("content article story body main post entry text")
_NOT = frozenset(("non", "no", "not"))
_PARTS = re.compile(r"[-_]+")
_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def token_parts(token: str) -> set[str]:
    """The words of a class/id token, single and adjacent pairs.

    >>> sorted(token_parts("site-footer__inner"))
    ['footer', 'footer-inner', 'inner', 'site', 'site-footer']
    """
    parts = [p for p in _PARTS.split(token) if p]
    return {*parts, *(f"{a}-{b}" for a, b in itertools.pairwise(parts))}


def is_negative(words: str) -> bool:
    """A class/id token names furniture, and no token of the same element names content.

    >>> is_negative("comments-area")
    True
    >>> is_negative("content-with-sidebar-wrp")
    False
    >>> is_negative("non-ad-column")
    False
    >>> is_negative("head lead")
    False
    """
    tokens = [token_parts(t) for t in words.lower().split()]
    if any(parts & _CONTENT for parts in tokens):
        return False
    return any(parts & NEGATIVE and not parts & _NOT for parts in tokens)


def is_positive_words(words: str) -> bool:
    """A class/id token names the article body.

    >>> is_positive_words("c-article__body wide"), is_positive_words("body-wrapper")
    (True, False)
    """
    return any(token_parts(t) & POSITIVE for t in words.lower().split())


def is_hidden(el: Any) -> bool:
    """Hidden from readers: the ``hidden`` attribute, ``aria-hidden`` or an inline style."""
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true":
        return True
    style = el.get("style")
    return bool(style and _DISPLAY_NONE.search(style))


_POS, _CONT, _NEG = 4, 2, 1
_ANY_WORD = re.compile("|".join(sorted(
    {w.split("-")[0] for w in NEGATIVE | POSITIVE | _CONTENT}, key=len, reverse=True)))


def _flags(words: str, cache: dict[str, int]) -> int:
    """Bit flags of one attribute value: names the body, names content, names furniture."""
    found = cache.get(words)
    if found is None:
        found = 0
        lowered = words.lower()
        if _ANY_WORD.search(lowered):  # most ids and classes say nothing; skip the split
            for token in lowered.split():
                parts = token_parts(token)
                if parts & POSITIVE:
                    found |= _POS
                if parts & _CONTENT:
                    found |= _CONT
                if parts & NEGATIVE and not parts & _NOT:
                    found |= _NEG
        cache[words] = found
    return found


def classify_words(class_: str | None, id_: str | None, cache: dict[str, int]) -> int:
    """0: nothing to say, 1: furniture, 2: article body (memoised: pages repeat class names).

    >>> classify_words("share-tools", None, {}), classify_words("story-body", "x", {})
    (1, 2)
    >>> classify_words("sidebar", "main-column", {})
    0
    """
    flags = (_flags(class_, cache) if class_ else 0) | (_flags(id_, cache) if id_ else 0)
    if flags & _POS:
        return 2
    return 1 if flags == _NEG else 0


#: Controls that make a box a call to action: sign up, subscribe, accept cookies, log in.
_CONTROLS = frozenset({"form", "input", "button", "textarea", "select"})
_BUTTON_CLASS = _wordset("btn button cta")
#: Most text a call-to-action box holds (cookie notices run to a few sentences).
CTA_TEXT = 500
_INLINE = frozenset({"a", "span", "b", "strong", "i", "em", "label", "small", "p", "li", "font",
                     "h1", "h2", "h3", "h4", "h5", "h6"})


def _is_control(el: Any) -> bool:
    """A form control, or a link dressed as a button (``class="btn"``, ``role=button``)."""
    if el.tag in _CONTROLS:
        return True
    if el.tag != "a":
        return False
    if (el.get("role") or "").lower() == "button":
        return True
    return any(token_parts(t) & _BUTTON_CLASS for t in (el.get("class") or "").lower().split())


def _text_within(el: Any, limit: int) -> bool:
    total = 0
    for piece in el.itertext():
        total += len(piece) - piece.count(" ") - piece.count("\n")
        if total > limit:
            return False
    return True


def cta_box(control: Any) -> Any | None:
    """The box around a control that holds nothing but its pitch: a newsletter sign-up, a
    paywall prompt, a cookie notice. Such boxes rarely have telling classes (``css-1x2y``),
    but a form or a button with a short text around it is never the article. The box grows
    while it stays short and holds at most three paragraphs; ``None`` when even the nearest
    box is more than that."""
    box = None
    node = control.getparent()
    for _ in range(6):
        if node is None or node.tag in ("body", "html", "article", "main"):
            break
        if (node.get("itemprop") or "").lower() == "articlebody":
            break
        if not _text_within(node, CTA_TEXT) or sum(1 for _ in node.iter("p")) > 3:
            break
        if node.tag not in _INLINE:
            box = node
        node = node.getparent()
    return box


def skipped_elements(root: Any) -> tuple[set[Any], set[Any]]:
    """Return ``(code, furniture)``: elements that are never text (code, media, hidden), and
    page furniture — except elements marked as article body and their ancestors."""
    code: set[Any] = set()
    furniture: list[Any] = []
    positives: list[Any] = []
    cache: dict[str, int] = {}
    controls: list[Any] = []
    for el in root.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if tag in _CONTROLS or (tag == "a" and el.attrib and _is_control(el)):
            controls.append(el)
        if tag in CODE_TAGS:
            code.add(el)
            continue
        attrib = el.attrib
        if not attrib:
            if tag in FURNITURE_TAGS or tag == "form":
                furniture.append(el)
            continue
        if is_hidden(el):
            code.add(el)
            continue
        get = attrib.get
        kind = classify_words(get("class"), get("id"), cache)
        if kind == 2 or (get("itemprop") or "").lower() == "articlebody":
            positives.append(el)
            continue
        if tag in ("html", "body"):
            continue
        if (kind == 1 or tag in FURNITURE_TAGS or tag == "form"
                or (get("role") or "").lower() in FURNITURE_ROLES):
            furniture.append(el)
    for control in controls[:200]:
        box = cta_box(control)
        if box is not None:
            furniture.append(box)
    protected: set[Any] = set()
    for el in positives:
        protected.add(el)
        protected.update(el.iterancestors())
    return code, {el for el in furniture if el not in protected}
