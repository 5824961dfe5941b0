"""Which elements can never be article text: code, forms, hidden parts, page furniture.

Nothing is removed from the tree (element paths in provenance must stay those of the page); the
result is sets of elements the block walker skips. Furniture is recognised by tag (``nav``,
``aside``, ``footer``), ARIA role and class/id words, weighed by evidence: *hard* words
(comments, related, share, sign-up, cookie...) mark furniture whatever else the element says,
even beside a content word ("comment-content"); *soft* words (widget, sidebar, ad, caption,
gallery, nav, ``<form>``, ``role=tablist``...) are also layout names themes put around the story,
so they skip a subtree only when it holds little of the page's prose (:func:`soft_skips`).
Class names are split into words at dashes, underscores and camelCase humps; an inline element
inside running text is a word of the sentence, never furniture. An element that contains the
article's own markers (``itemprop=articleBody``, an ``article-body`` class) is never skipped.
"Paywall" is no furniture word: publishers wrap the text behind the wall in it; the wall's own
prompt is caught as a call to action.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

import attrs

from newsingest.parsers.html.content import text_within

__all__ = ["HARD", "NEGATIVE", "POSITIVE", "SOFT", "Skips", "skipped_elements", "soft_skips",
           "token_parts"]

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
FURNITURE_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
#: Roles that widgets also wear around a story (tabs, dialogs that hold the page): soft.
SOFT_ROLES = frozenset({"menu", "menubar", "dialog", "alertdialog", "toolbar", "tablist"})

def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Class/id words of page furniture that never holds article text, whatever else the element
#: says: comment threads, related/recommended rails, share bars, sign-up and consent boxes.
#: They win over content words ("comment-content", "related-story-body").
HARD = _wordset("""
    comment comments commentlist disqus related recommended recirc share shares sharing
    sharetools sharebar signup subscribe subscription
    cookie cookies consent gdpr outbrain taboola comment-list more-stories sign-up
    most-popular readmore read-more about-author author-bio author-info author-box
    author-card author-profile print-only skip-link
    jump-link
""")
#: Class/id words that usually mark furniture but are also layout names a theme puts around
#: the story ("elementor-widget", "has-sidebar", "nav-wrap", "gallery-post"): they skip a
#: subtree only when it holds little of the page's prose (:func:`soft_skips`).
SOFT = _wordset("""
    ad ads advert adverts advertisement advertising sponsored dfp promo promos promoted
    sidebar breadcrumb breadcrumbs navbar nav navigation menu footer masthead toolbar popup
    modal overlay bio tags trending popular widget byline dateline timestamp rating
    pagination pager caption credit credits gallery slideshow copyright disclaimer newsletter
    newsletters
    enlarge tag-list video-player media-player audio-player videoplayer jwplayer video-box
    video-wrapper visually-hidden sr-only screen-reader
""")
NEGATIVE = HARD | SOFT
#: Class/id words of the article body itself.
POSITIVE = _wordset("""
    articlebody article-body article-content article-text storybody story-body story-content
    entry-content post-content post-body post-entry body-text content-body main-content
    postbody storytext text-body
""")
_CONTENT = _wordset("content article story body main post entry text")
_NOT = frozenset(("non", "no", "not"))
_PARTS = re.compile(r"[-_]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def token_parts(token: str) -> set[str]:
    """The words of a class/id token, single and adjacent pairs; camelCase is split too
    ("relatedStories" is "related stories", as "related-stories" is).

    >>> sorted(token_parts("site-footer__inner"))
    ['footer', 'footer-inner', 'inner', 'site', 'site-footer']
    >>> sorted(token_parts("articleBody"))
    ['article', 'article-body', 'body']
    """
    parts = [p.lower() for p in _PARTS.split(_CAMEL.sub("-", token)) if p]
    return {*parts, *(f"{a}-{b}" for a, b in itertools.pairwise(parts))}


#: What the class/id words of an element say (:func:`classify_words`).
NOTHING, SOFT_FURNITURE, BODY, HARD_FURNITURE = 0, 1, 2, 3


def is_hidden(el: Any) -> bool:
    """Hidden from readers: the ``hidden`` attribute, ``aria-hidden`` or an inline style."""
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true":
        return True
    style = el.get("style")
    return bool(style and _DISPLAY_NONE.search(style))


_POS, _CONT, _SOFT, _HARD = 8, 4, 2, 1
_ANY_WORD = re.compile("|".join(sorted(
    {w.split("-")[0] for w in NEGATIVE | POSITIVE | _CONTENT}, key=len, reverse=True)))


def _flags(words: str, cache: dict[str, int]) -> int:
    """Bit flags of one attribute value: names the body, names content, soft or hard furniture."""
    found = cache.get(words)
    if found is None:
        found = 0
        if _ANY_WORD.search(words.lower()):  # most ids and classes say nothing; skip the split
            for token in words.split():
                parts = token_parts(token)
                if parts & POSITIVE:
                    found |= _POS
                if parts & _CONTENT:
                    found |= _CONT
                if not parts & _NOT:
                    if parts & HARD:
                        found |= _HARD
                    elif parts & SOFT:
                        found |= _SOFT
        cache[words] = found
    return found


def classify_words(class_: str | None, id_: str | None, cache: dict[str, int]) -> int:
    """What an element's class and id say (memoised: pages repeat class names): ``BODY`` for the
    article body's own names, ``HARD_FURNITURE`` for comments, related, share... (even beside a
    content word), ``SOFT_FURNITURE`` for layout-ish furniture words with no content word
    beside them, else ``NOTHING``.

    >>> classify_words("share-tools", None, {}), classify_words("story-body", "x", {})
    (3, 2)
    >>> classify_words("sidebar", "main-column", {}), classify_words("widget", None, {})
    (0, 1)
    >>> classify_words("comment-content", None, {}), classify_words("non-ad-column", None, {})
    (3, 0)
    """
    flags = (_flags(class_, cache) if class_ else 0) | (_flags(id_, cache) if id_ else 0)
    if flags & _POS:
        return BODY
    if flags & _HARD:
        return HARD_FURNITURE
    return SOFT_FURNITURE if flags == _SOFT else NOTHING


#: Controls that make a box a call to action: sign up, subscribe, accept cookies, log in.
_CONTROLS = frozenset({"form", "input", "button", "textarea", "select"})
_BUTTON_CLASS = _wordset("btn button cta")
#: Most text a call-to-action box holds (cookie notices run to a few sentences).
CTA_TEXT = 500
#: Most text of a paragraph beside a link dressed as a button that is still its pitch.
PITCH_TEXT = 200
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
        if not text_within(node, CTA_TEXT) or sum(1 for _ in node.iter("p")) > 3:
            break
        if control.tag == "a" and any(not text_within(p, PITCH_TEXT) for p in node.iter("p")):
            break  # a link-button beside a paragraph of prose: a product review's "Buy" link
        if node.tag not in _INLINE:
            box = node
        node = node.getparent()
    return box


#: Inline elements: inside running text they are words of the sentence (a linked name, a
#: ``<span class="tag">``), never furniture, whatever their class says.
_INLINE_TEXT = frozenset({"a", "span", "em", "strong", "b", "i", "u", "s", "small", "sup",
                          "sub", "mark", "abbr", "cite", "code", "time", "font", "q", "label"})


def _in_running_text(el: Any) -> bool:
    """An inline element with words of its parent's text on either side of it."""
    if el.tag not in _INLINE_TEXT:
        return False
    previous = el.getprevious()
    before = previous.tail if previous is not None else el.getparent().text
    return bool((before and before.strip()) and (el.tail and el.tail.strip()))


#: Most text a ``<button>`` holds; one holding more is markup an unclosed button swallowed
#: (the parser nests the rest of the page inside it), and is read like any element.
BUTTON_TEXT = 300


@attrs.frozen
class Skips:
    """What :func:`skipped_elements` found: ``code`` is never text (code, media, hidden parts);
    ``hard`` is furniture whatever it holds (comments, share bars, calls to action); ``soft``
    is furniture by a word that layouts also use, skipped only when it holds little of the
    page's prose (:func:`soft_skips`)."""

    code: frozenset[Any]
    hard: frozenset[Any]
    soft: frozenset[Any]


def skipped_elements(root: Any) -> Skips:
    """Code, hard and soft furniture below ``root`` — except elements marked as article body
    and their ancestors, and inline elements inside running text."""
    code: set[Any] = set()
    hard: list[Any] = []
    soft: list[Any] = []
    positives: list[Any] = []
    cache: dict[str, int] = {}
    controls: list[Any] = []
    for el in root.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if (tag in _CONTROLS and el.get("disabled") is None) or (
                tag == "a" and el.attrib and _is_control(el)):
            # A disabled control is display: a rendered task list's ticked boxes.
            controls.append(el)
        if tag in CODE_TAGS and not (tag == "button" and not text_within(el, BUTTON_TEXT)):
            code.add(el)
            continue
        attrib = el.attrib
        if not attrib:
            if tag in FURNITURE_TAGS:
                hard.append(el)
            elif tag == "form":
                soft.append(el)
            continue
        if is_hidden(el):
            code.add(el)
            continue
        get = attrib.get
        kind = classify_words(get("class"), get("id"), cache)
        if kind == BODY or (get("itemprop") or "").lower() == "articlebody":
            positives.append(el)
            continue
        if tag in ("html", "body"):
            continue
        role = (get("role") or "").lower()
        if kind == HARD_FURNITURE or tag in FURNITURE_TAGS or role in FURNITURE_ROLES:
            found = hard
        elif kind == SOFT_FURNITURE or tag == "form" or role in SOFT_ROLES:
            found = soft
        else:
            continue
        if not _in_running_text(el):
            found.append(el)
    for control in controls[:200]:
        box = cta_box(control)
        if box is not None:
            hard.append(box)
    protected: set[Any] = set()
    for el in positives:
        protected.add(el)
        protected.update(el.iterancestors())
    return Skips(frozenset(code), frozenset(el for el in hard if el not in protected),
                 frozenset(el for el in soft if el not in protected))


#: A soft furniture word skips a subtree only when it holds less than this share of the
#: page's prose: a "widget" or "sidebar" box holding most of the text is the story's layout.
SOFT_SHARE = 0.6


def soft_skips(skips: Skips, prose: Any) -> frozenset[Any]:
    """The soft furniture to skip: the elements holding less than ``SOFT_SHARE`` of the prose
    on the page outside hard furniture (``prose`` maps an element to the prose length below
    it; ``prose[None]`` is the page's total)."""
    total = prose.get(None, 0.0)
    return frozenset(el for el in skips.soft if prose.get(el, 0.0) < SOFT_SHARE * total)
