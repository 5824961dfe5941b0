"""Which elements can never be article text: code, forms, hidden parts, page furniture.

Nothing is removed from the tree (element paths in provenance must stay those of the page); the
result is a set of elements the block walker skips. Furniture is recognised by tag (``nav``,
``aside``, ``footer``), ARIA role and class/id words (comments, related, share, newsletter,
cookie, ads...). A class word can lie — ``<div class="page has-sidebar">`` may hold everything —
so an element that contains the article's own markers (``itemprop=articleBody``, an
``article-body`` class) is never skipped.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["NEGATIVE", "POSITIVE", "skipped_elements"]

#: Never text: code, media, form controls.
CODE_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "canvas", "iframe", "object",
    "embed", "button", "select", "input", "textarea", "option", "head", "link", "meta", "audio",
    "video", "source", "picture", "img", "map", "dialog",
})
FURNITURE_TAGS = frozenset({"nav", "aside", "footer", "menu"})
FURNITURE_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search",
                             "menu", "menubar", "dialog", "alertdialog", "toolbar", "tablist"})

#: Class/id words of page furniture, matched against the hyphen/underscore parts of a token.
NEGATIVE = re.compile(
    r"(?:^|[-_ ])(?:comments?|comment-list|disqus|related|recommended|recirc|more-stories|"
    r"share|sharing|sharetools|social|socials|newsletter|signup|sign-up|subscribe|subscription|"
    r"cookies?|consent|gdpr|ads?|advert|adverts|advertisement|advertising|sponsored|dfp|"
    r"promo|promos|promoted|outbrain|taboola|sidebar|breadcrumbs?|navbar|nav|navigation|menu|"
    r"footer|masthead|toolbar|popup|modal|overlay|paywall|author-bio|bio|tags|tag-list|"
    r"trending|most-popular|popular|widget|byline|dateline|timestamp|print-only|visually-hidden|"
    r"sr-only|screen-reader-text|skip-link|jump-link|read-more|readmore|rating|"
    r"pagination|pager|caption|credits?|gallery|slideshow|carousel|copyright|disclaimer|"
    r"about-author|author-info|author-box|newsletters|enlarge)(?:$|[-_ ])",
    re.I,
)
#: Class/id words of the article body itself.
POSITIVE = re.compile(
    r"(?:^|[-_ ])(?:article-?body|articlebody|article-content|article-text|story-?body|"
    r"story-content|entry-content|post-content|post-body|post-entry|body-text|article__body|"
    r"article__content|content-body|main-content|postbody|storytext|text-body)(?:$|[-_ ])",
    re.I,
)
_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _words(el: Any) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}".strip()


_CONTENT_WORD = re.compile(r"(?:^|[-_])(?:content|article|story|body|main|post|entry|text)"
                           r"(?:$|[-_])", re.I)


_NOT = re.compile(r"(?:^|[-_])(?:non|no|not)[-_]", re.I)


def is_negative(words: str) -> bool:
    """A class/id token names furniture, and no token of the same element names content.

    >>> is_negative("comments-area")
    True
    >>> is_negative("content-with-sidebar-wrp")
    False
    >>> is_negative("non-ad-column")
    False
    """
    tokens = words.split()
    if any(_CONTENT_WORD.search(t) for t in tokens):
        return False
    return any(NEGATIVE.search(t) and not _NOT.search(t) for t in tokens)


def is_hidden(el: Any) -> bool:
    """Hidden from readers: the ``hidden`` attribute, ``aria-hidden`` or an inline style."""
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true":
        return True
    style = el.get("style")
    return bool(style and _DISPLAY_NONE.search(style))


def is_positive(el: Any) -> bool:
    """Marked as the article body by microdata or a class/id word."""
    if (el.get("itemprop") or "").lower() == "articlebody":
        return True
    words = _words(el)
    return bool(words and POSITIVE.search(words))


def skipped_elements(root: Any) -> tuple[set[Any], list[Any]]:
    """Return ``(skip, positives)``: elements whose subtrees hold no article text, and the
    elements marked as article body (which, with their ancestors, are exempt from class rules)."""
    code: set[Any] = set()
    furniture: list[Any] = []
    positives: list[Any] = []
    for el in root.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if tag in CODE_TAGS or is_hidden(el):
            code.add(el)
            continue
        if is_positive(el):
            positives.append(el)
            continue
        if tag in ("html", "body"):
            continue
        role = (el.get("role") or "").lower()
        words = _words(el)
        if (tag in FURNITURE_TAGS or role in FURNITURE_ROLES
                or (words and is_negative(words)) or tag == "form"):
            furniture.append(el)
    protected: set[Any] = set()
    for el in positives:
        protected.add(el)
        protected.update(el.iterancestors())
    skip = code
    skip.update(el for el in furniture if el not in protected)
    return skip, positives
