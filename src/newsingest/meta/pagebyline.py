"""Authors an HTML page shows rather than states: the byline under the headline, ``rel=author``
and ``byline``/``author`` boxes, "By ..." / "Written by ..." lines anywhere; and the cleaning of
any author value (no "By", no role, credentials kept, no shouting).

Structured data (JSON-LD, meta tags) comes first in :mod:`newsingest.meta.html`; these are read
when it names no person.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any

from newsingest.meta.htmldates import numeric_date, text_date

__all__ = ["byline_authors", "clean_author", "headline_byline", "people", "unique", "written_by"]

_BY = re.compile(r"^\s*by\s+", re.I)

#: Degrees and certifications after a name ("MS, RD, FAND", "Ph.D.", "CEPF®"): part of how
#: the author signs, unlike a role or an employer.
_CREDENTIALS = re.compile(
    r"^(?:(?:[A-Z]{2,6}|Ph\.?\s?D\.?|M\.?D\.?|[A-Z]\.[A-Z]\.(?:[A-Z]\.)?|Jr\.?|Sr\.?)[®+]?"
    r"(?:,\s*|\s+|$))+$")


#: Not a name: a template variable left unfilled ("{{ author }}", "page.head.extra.author"),
#: an id number, a byline's lead-in or label with no name after it ("Written By", "The Author").
_PLACEHOLDER = re.compile(
    r"^(?:\d+|\{\{.*\}\}|[\w.]+\.(?:author|name|byline)s?"
    r"|(?:(?:written|posted|reviewed)\s+by|(?:the\s+)?authors?|by)\s*:?)$", re.I)


def clean_author(name: str | None) -> str | None:
    """A person's name from an author field: no "By", no ", AP Writer" role, no shouting.

    >>> clean_author("By TOM KRISHER, AP Auto Writer")
    'Tom Krisher'
    >>> clean_author("https://example.com/staff/jane") is None
    True
    """
    if not name:
        return None
    name = _BY.sub("", " ".join(html.unescape(name).split())).strip(" ,;")
    if (not name or len(name) > 100 or "://" in name or name.startswith(("@", "www."))
            or _PLACEHOLDER.match(name)):
        return None
    first, _, rest = name.partition(", ")
    if rest and len(first.split()) >= 2 and not _CREDENTIALS.match(rest):
        name = first  # "Jane Doe, Business Insider", "Tom Krisher, AP Auto Writer"
    if name.isupper() and len(name) > 3:
        name = " ".join(word.capitalize() for word in name.split())
    return name


def unique(values: Iterable[str | None]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for value in values:
        if value and value.casefold() not in seen:
            seen[value.casefold()] = value
    return tuple(seen.values())


_BYLINE_XPATH = (
    ".//*[@rel='author' or @itemprop='author' or contains(@class, 'byline') "
    "or contains(@class, 'author')]"
)
#: The lead-in before "by" in "Posted by ...", and in "Published on | by ..." once a byline's
#: date has been cut out of it ("Published on December 2nd, 2025 by Ann Lee").
_POSTED_BY = re.compile(
    r"^\s*(?:posted|written|words|reported|text|story|published|updated)(?:\s+on)?\s*[|,]?\s*"
    r"(?=by\s)", re.I)

#: Words that label a shown date as a revision, not the publication ("Updated", "Last
#: modified", "Aktualisiert", "Mis à jour", "Actualizado", "Aggiornato").
_UPDATE_WORD = re.compile(r"updat|modif|revis|aktualisiert|mis\s+à\s+jour|actualiza|aggiorna",
                          re.I)
#: Words that label a shown date as the publication ("Published", "Posted", "Veröffentlicht").
_PUBLISH_WORD = re.compile(r"publi|posted|veröffentlicht|erschienen", re.I)


#: Short lines after the headline read for its byline and date.
HEADLINE_LINES = 12
#: Short lines above the headline looked at for a date line, and the share of such a line the
#: date must fill (a kicker that is only a date, not a teaser that mentions one).
ABOVE_LINES, ABOVE_DATE_SHARE = 4, 0.6
#: Lines after a shown update date within which a publication date still belongs to it.
PUBLISHED_AFTER_UPDATE = 4


#: A reading time after a date line ("24 Apr 2000 • 3 min read", "Feb 4, 2025 - 11 minutes").
_READING_TIME = re.compile(r"[\s·•|–—-]*\d+\s*min(?:ute)?s?\.?(?:\s+read)?\s*$", re.I)


#: A ``datetime`` value in the notation HTML prescribes (``2025-12-02``, ``2025-12-02T10:00Z``);
#: pages also put the displayed "02-12-2025" there, which is as ambiguous as the text.
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}(?:$|[T ])")


def _leaf_date(el: Any, line: str, days_first: bool) -> tuple[str, str] | None:
    """The date a short line shows, ``(ISO date, the matched text)``; a ``<time>`` element's
    ``datetime`` gives the date when it has one (machine-written, no 03/10 order to guess)."""
    found = text_date(line) or numeric_date(line, days_first)
    stated = el.get("datetime") if el.tag == "time" else None
    if stated and _ISO_DAY.match(stated.strip()):
        from newsingest.meta.htmldates import iso_date

        day = iso_date(stated.strip())
        if day is not None:
            return day[:10], found[1] if found is not None else line
    return found


def _is_update(el: Any, line: str, date_text: str) -> bool:
    """Whether the date ``date_text`` in the leaf ``el`` (text ``line``) is labelled as an
    update: by the words before it in its line or its parent's text ("Last updated: <span>Dec
    4</span>"), else by its own class or itemprop when that does not also say published
    (WordPress marks an unrevised post ``entry-date published updated``; a parent's
    ``updated`` is hAtom's name for any post date)."""
    parent = el.getparent()
    before = line.split(date_text, 1)[0]
    if parent is not None:
        around = " ".join("".join(parent.itertext()).split())
        before = f"{around.split(date_text, 1)[0]} {before}" if date_text in around else before
    label = before[-40:]
    if _UPDATE_WORD.search(label):
        return True
    if _PUBLISH_WORD.search(label):
        return False
    own = f"{el.get('class') or ''} {el.get('itemprop') or ''}"
    return bool(_UPDATE_WORD.search(own)) and not _PUBLISH_WORD.search(own)


def headline_byline(
    root: Any, title: str | None, *, days_first: bool = False
) -> tuple[tuple[str, ...], str | None]:
    """Authors and date from the short lines right after the headline ("By Jane Doe, April
    18, 2024" in an ``<i>``, "Von Anna Schmidt"), or a date line just above it.

    The headline is the first ``h1`` (or the first element whose text is the title); the lines
    are the next dozen short texts in document order. The date is the one the page shows its
    reader: the publication date when the lines show one, else the update date they show (an
    evergreen page re-dated on each revision shows only that, and dates itself by it).
    """
    from newsingest.meta.byline import parse_byline

    key = " ".join((title or "").casefold().split())
    head = next(root.iter("h1"), None)
    if head is None and key:
        head = next((el for el in root.iter() if isinstance(el.tag, str) and el.tag != "title"
                     and " ".join((el.text or "").casefold().split()) == key), None)
    if head is None:
        return (), None
    authors: tuple[str, ...] = ()
    published = updated = None
    seen = update_line = 0
    for el in head.xpath("following::*[position() <= 60]"):
        if not isinstance(el.tag, str) or el.tag in ("script", "style") or len(el):
            continue  # only leaves: a line's own element, not its wrappers
        line = " ".join("".join(el.itertext()).split())
        if not line or len(line) > 120:
            continue
        seen += 1
        if seen > HEADLINE_LINES:
            break
        found = _leaf_date(el, line, days_first)
        if found is not None:
            if _is_update(el, line, found[1]):
                updated, update_line = updated or found[0], update_line or seen
            elif not updated or seen - update_line <= PUBLISHED_AFTER_UPDATE:
                # "Updated Dec 4 · Published Nov 2": side by side; a date further down is
                # some other item's (a table row, a related story).
                published = published or found[0]
            line = line.replace(found[1], " ")
        line = _POSTED_BY.sub("", line).strip(" ,;|·•-–—")
        byline = parse_byline(line) if line else None
        if byline is not None and not authors:
            authors = byline.authors
            published = published or byline.published
        if authors and published:
            break
    if published is None:
        published = _date_above(head, days_first)
    return authors, published or updated


def _date_above(head: Any, days_first: bool) -> str | None:
    """A date line just above the headline (a kicker "January 23, 2025" over the ``<h1>``):
    the nearest of the few short texts before it that is only a date."""
    seen = 0
    for el in reversed(head.xpath("preceding::*[position() <= 30]")):
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "title") or len(el):
            continue
        line = " ".join("".join(el.itertext()).split())
        if not line:
            continue
        seen += 1
        if seen > ABOVE_LINES or len(line) > 40:
            return None
        found = _leaf_date(el, line, days_first)
        if found is not None and (el.tag == "time" or len(found[1]) >= ABOVE_DATE_SHARE * len(
                _READING_TIME.sub("", line))):
            return found[0]
    return None


def people(found: Iterable[str | None], not_people: tuple[str, ...]) -> tuple[str, ...]:
    """The names that are not the site or its publisher (a page "by" its own site names no
    author)."""
    site = {_site_key(name) for name in not_people}
    return unique(name for name in found if name and _site_key(name) not in site)


def _site_key(name: str) -> str:
    return re.sub(r"\W+", "", name.casefold().removeprefix("the "))


#: A visible byline's lead-in: "By", "Written by", "Words by", "Written by:", "Author:".
_BYLINE_START = re.compile(
    r"^\s*(?:(?:written|posted|words|reported|text|story|article)\s+)?by\s*:?\s*(?:\S|$)"
    r"|^\s*(?:author|autor|auteur|contributors?)\s*:\s*(?:\S|$)", re.I)


#: Where a "By ..." line is a menu entry or a box's title ("By event type", "By use case").
_NOT_BYLINE = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "nav", "menu", "footer", "form",
                         "select", "button", "option", "label", "dt", "th"})


def written_by(root: Any) -> tuple[str, ...]:
    """Authors from a short line that starts "By ..." or "Written by ...", in any element (a
    byline needs no byline class), for pages whose markup and data name no author."""
    from newsingest.meta.byline import parse_byline

    for el in root.iter():
        text = el.text
        if not text or not isinstance(el.tag, str) or el.tag in ("script", "style", "title"):
            continue
        if not _BYLINE_START.match(text) or el.tag in _NOT_BYLINE or any(
                node.tag in _NOT_BYLINE for node in el.iterancestors()):
            continue
        lines = [" ".join(" ".join(el.itertext()).split())]
        if len(el) and len(text.split()) <= 2:
            # "<p>By <a>Jane Doe</a> View in digital edition</p>": the lead-in and the name
            # element after it, without the links that follow in the same line.
            lines.append(" ".join(f"{text} {''.join(el[0].itertext())}".split()))
        parent = el.getparent()
        if len(" ".join(text.split())) < 20 and parent is not None:
            # "Written by" alone, the name in the next element ("<p>Written by</p><a>Jane</a>")
            lines.append(" ".join(" ".join(parent.itertext()).split()))
        for line in lines:
            if not 5 <= len(line) <= 80:
                continue
            line = re.sub(r"^\s*(?:author|autor|auteur|contributors?)\s*:\s*", "By ", line,
                          flags=re.I)
            line = _BYLINE_TAIL.sub("", re.sub(r"^(\w+\s+)?by\s*:\s*", r"\1by ", line,
                                               flags=re.I))
            byline = parse_byline(_POSTED_BY.sub("", line))
            if byline is not None:
                return byline.authors
    return ()


#: What follows the name in "Posted by Jane Doe on 2025-12-18 in News": not the byline's.
_BYLINE_TAIL = re.compile(r"\s+(?:on|in|at|for|am|le|el)\s+.*$")


def byline_authors(root: Any) -> tuple[str, ...]:
    """Authors from the page's visible byline, when no meta tag or JSON-LD names them.

    ``rel=author`` and ``itemprop=author`` elements hold a name; a ``byline`` element holds a
    line such as "By Jane Doe | May 2, 2024", read by :func:`newsingest.meta.byline.parse_byline`.
    """
    from newsingest.meta.byline import parse_byline

    names: list[str | None] = []
    found = root.xpath(_BYLINE_XPATH)[:20]
    for el in found:
        if el.get("itemprop") == "author":
            named = el.find(".//*[@itemprop='name']")
            if named is not None:  # a schema.org Person box: its name, not its biography
                names.append(clean_author(named.get("content") or " ".join(named.itertext())))
                break
        text = " ".join(" ".join(el.itertext()).split())
        if len(text) > 120 and "author" in (el.get("class") or ""):
            # An author box with a biography: the name is its first heading or strong text.
            head = next((node for node in el.iter("h2", "h3", "h4", "h5", "strong", "b")
                         if node is not el), None)
            text = " ".join(" ".join(head.itertext()).split()) if head is not None else ""
        if not text or len(text) > 120:
            continue
        dated = text_date(text)
        if dated is not None and not text.startswith(dated[1]):
            text = text.replace(dated[1], " | ")  # "Luke Kim December 17, 2025"
        byline = parse_byline(_POSTED_BY.sub("", text))
        if byline is None and len(el) <= 1 and "author" in (el.get("class") or ""):
            byline = parse_byline(f"By {text}")  # a name alone in an "author" element
        if byline is not None:
            names.extend(byline.authors)
        elif el.get("rel") == "author" or el.get("itemprop") == "author":
            names.append(clean_author(text))
        if names:
            names.extend(_co_authors(el, found))
            break
    return unique(names)


def _co_authors(first: Any, found: list[Any]) -> list[str | None]:
    """Names in the byline elements that repeat the first one's markup beside it (one
    ``<a rel=author>`` or ``<span class=author>`` per author): a page with several authors
    lists each the same way, and the first alone loses the others."""
    from newsingest.meta.byline import parse_byline

    parent = first.getparent()
    names: list[str | None] = []
    for el in found:
        if (el is first or el.getparent() is not parent or el.tag != first.tag
                or el.get("class") != first.get("class") or el.get("rel") != first.get("rel")):
            continue
        text = " ".join(" ".join(el.itertext()).split()).strip(" ,;")
        byline = parse_byline(f"By {text}") if text and len(text) <= 80 else None
        if byline is not None:  # names only: "Reviewed by ..." beside "Written by" is not one
            names.extend(byline.authors)
    return names
