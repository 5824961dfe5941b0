"""News metadata from an HTML page: meta tags, OpenGraph, Twitter cards and JSON-LD.

Publishers state the same facts several times, with different care: JSON-LD is written for search
engines and is usually the most exact (a headline without the site suffix, a timezone-aware date),
OpenGraph next, plain ``<meta>`` and ``<title>`` last. Each field takes the first source that has
it, in that order. JSON-LD is read by :mod:`newsingest.meta.jsonld`, dates by
:mod:`newsingest.meta.htmldates` (``htmldate`` looks at the rest of the page only when no
structured date exists, because its extensive search costs more than the whole extraction).
"""

from __future__ import annotations

import html
import re
from typing import Any

import attrs

from newsingest.meta.htmldates import (
    day_first,
    find_page_date,
    iso_date,
    text_date,
    url_date,
)
from newsingest.meta.jsonld import (
    article_object,
    id_index,
    jsonld_objects,
    names,
    not_person,
    person_names,
    resolve,
    text_value,
)
from newsingest.meta.pagebyline import (
    byline_authors,
    clean_author,
    headline_byline,
    people,
    unique,
    written_by,
)
from newsingest.model import Metadata, ParseWarning

__all__ = [
    "HtmlMeta",
    "choose_title",
    "extract_metadata",
    "headline_in_title",
    "strip_site_suffix",
    "without_site",
]

_SEPARATORS = re.compile(r"\s+[|–—·•:»/-]{1,2}\s+|\s+::\s+")


@attrs.frozen
class HtmlMeta:
    """What the page says about itself; ``article_body`` is JSON-LD's copy of the text, if any."""

    metadata: Metadata
    article_body: str | None = None
    warnings: tuple[ParseWarning, ...] = ()
    #: The text of ``<title>``, as written (for :func:`choose_title`).
    page_title: str | None = None


def strip_site_suffix(title: str, site: str | None = None) -> str:
    """Drop a " | Site" (or " - Site") suffix or prefix from a page title.

    >>> strip_site_suffix("Storm hits | The Daily Planet")
    'Storm hits'
    >>> strip_site_suffix("Daily Planet - Storm hits the coast overnight", "Daily Planet")
    'Storm hits the coast overnight'
    >>> strip_site_suffix("Ceasefire - what we know")
    'Ceasefire - what we know'
    """
    parts = _SEPARATORS.split(title.strip())
    if len(parts) < 2:
        return title.strip()
    site_key = (site or "").casefold().strip()
    if site_key:
        for index in (-1, 0):
            if parts[index].casefold().strip() in site_key or site_key in parts[index].casefold():
                kept = parts[:-1] if index == -1 else parts[1:]
                return _rejoin(title, kept)
    last, rest = parts[-1], parts[:-1]
    piped = " | " in title or " :: " in title
    if len(last.split()) <= 4 and (piped or (len(" ".join(rest).split()) >= 3
                                             and len(rest[0].split()) > 2)):
        return _rejoin(title, rest)
    return title.strip()


def _rejoin(title: str, kept: list[str]) -> str:
    """The original text spanning the kept parts (so inner separators stay as written)."""
    start = title.find(kept[0])
    end = title.rfind(kept[-1]) + len(kept[-1])
    return title[start:end].strip() if 0 <= start < end else " ".join(kept).strip()


def _unescaped(text: str | None) -> str | None:
    """Text with HTML entities decoded: CMSs escape titles twice (``&amp;#8217;``)."""
    return html.unescape(text) if text and "&" in text else text


def _meta_tags(root: Any) -> dict[str, str]:
    """``<meta>`` name/property/itemprop → content (first wins), keys lower-cased."""
    tags: dict[str, str] = {}
    for meta in root.iter("meta"):
        content = meta.get("content")
        if content is None or not content.strip():
            continue
        for attr in ("property", "name", "itemprop"):
            key = meta.get(attr)
            if key:
                tags.setdefault(key.strip().lower(), " ".join(html.unescape(content).split()))
    return tags


def _absolute(href: str | None, base: str | None) -> str | None:
    """``href`` resolved against the page's address (a relative canonical link)."""
    if not href or not base:
        return href
    from urllib.parse import urljoin

    return urljoin(base, href)


def _days_apart(first: str, second: str) -> int:
    from datetime import date

    try:
        return abs((date.fromisoformat(first) - date.fromisoformat(second)).days)
    except ValueError:
        return 99


def _first(*values: str | None) -> str | None:
    return next((v for v in values if v), None)


def headline_in_title(root: Any, title: str) -> str:
    """The page's own headline when ``<title>`` wraps it in words a suffix rule cannot see
    ("Village Reader: How the library network spread"): the longest of the first headings
    whose text the title contains, if it is most of the title.

    >>> import lxml.etree
    >>> page = lxml.etree.fromstring("<html><body><h3>Storm hits the coast</h3></body></html>")
    >>> headline_in_title(page, "Notes: Storm hits the coast")
    'Storm hits the coast'
    >>> headline_in_title(page, "Storm hits the coast")
    'Storm hits the coast'
    """
    folded = " ".join(title.casefold().split())
    best: str | None = None
    for head in root.xpath("(.//h1|.//h2|.//h3)[position() <= 12]"):
        text = " ".join("".join(head.itertext()).split())
        key = text.casefold()
        if (len(key) >= 0.5 * len(folded) and key in folded
                and (best is None or len(text) > len(best))):
            best = text
    return best or title


def without_site(headline: str, site_name: str | None) -> str:
    """The headline without a separated last part that is exactly the site's name (an
    ``<h1>`` printed like ``<title>``: "Best exhibitions of 2025 – Artlyst").

    >>> without_site("Best exhibitions of 2025 – Artlyst", "Artlyst")
    'Best exhibitions of 2025'
    >>> without_site("Interview - Artlyst Editors", "Artlyst")
    'Interview - Artlyst Editors'
    """
    parts = _SEPARATORS.split(headline.strip())
    if (site_name and len(parts) >= 2
            and " ".join(parts[-1].casefold().split()) == " ".join(site_name.casefold().split())):
        return _rejoin(headline, parts[:-1])
    return headline


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def _title_words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


#: Days a stated timestamp may differ from the address's date and still be the same moment.
URL_DAY_SLACK = 1
#: Whether the date shown under the headline wins over the structured ones (ablation switch).
SHOWN_DATE_FIRST = True
#: Whether a full date in the address wins over the shown one (ablation switch).
URL_OVER_SHOWN = True
#: Share of words an ``<h1>`` must share with a stated title to be taken as the same headline.
TITLE_AGREEMENT = 0.3
#: Words from which an ``<h1>`` reads as a headline on its own (shorter ones are often section
#: labels: "Blog", "Pricing", the site's name).
HEADLINE_WORDS = 4


#: Most words of a label an ``<h1>`` prints around the headline ("Blog:", "| Opinion").
LABEL_WORDS = 3
_SEPARATOR_CHARS = "|–—·•:»/-"
_LABEL_EDGE = re.compile(rf"^[\s{_SEPARATOR_CHARS}]+|[\s{_SEPARATOR_CHARS}]+$")


def _wraps(h1: str, stated: str) -> bool:
    """Whether the ``<h1>`` is the stated title with a section label, tagline or date set
    before or after it ("Blog: Best agencies of 2025", "Best movers in NYC | Top 19
    companies", "Dec 18 2025 Preparing a transition"): the label is the page's display, the
    stated title the headline.

    >>> _wraps("Blog: Best agencies of 2025", "Best agencies of 2025")
    True
    >>> _wraps("Tiny houses: why live in one at all", "Tiny houses")
    False
    """
    key, inner = " ".join(h1.casefold().split()), " ".join(stated.casefold().split())
    start = key.find(inner)
    if start < 0 or len(inner) == len(key):
        return False
    before, after = key[:start].rstrip(), key[start + len(inner):].lstrip()
    for part, joint in ((before, before[-1:]), (after, after[:1])):
        label = _LABEL_EDGE.sub("", part)
        if not label:
            continue
        dated = text_date(label)
        if dated is not None and len(dated[1]) >= 0.8 * len(label):
            continue  # "Dec 18, 2025 Preparing a transition"
        if joint not in _SEPARATOR_CHARS or len(label.split()) > LABEL_WORDS:
            return False
    return True


def choose_title(stated: str | None, page_title: str | None, h1: str | None,
                 site_name: str | None) -> str | None:
    """The page's title: its headline ``<h1>`` (as the reader sees it, without the site name
    and the SEO wording of ``<title>``) when it agrees with a stated title or reads as a
    headline and is not the site's name; else the stated title (JSON-LD, OpenGraph, ``<title>``).

    >>> choose_title("Storm hits", "Storm hits | Gazette", "Storm hits the coast", "Gazette")
    'Storm hits the coast'
    >>> choose_title("Storm hits the coast", None, "Blog", None)
    'Storm hits the coast'
    >>> choose_title("Gazette", "Gazette", "Gazette", "Gazette")
    'Gazette'
    """
    if not h1:
        return stated
    h1 = without_site(h1, site_name)
    words = _title_words(h1)
    if not words:
        return stated
    site = _title_words(site_name or "")
    if site and len(words & site) >= 0.5 * len(words):
        return stated
    if stated and _wraps(h1, stated):
        return stated
    if stated and page_title and _folded(h1) == _folded(page_title) and (
            _folded(stated) in _folded(h1)):
        # The h1 is ``<title>`` printed, suffixes and all: the stated title inside it is the
        # headline.
        return stated
    for other in (stated, page_title):
        theirs = _title_words(other or "")
        if theirs and len(words & theirs) >= TITLE_AGREEMENT * len(words | theirs):
            return h1
    return h1 if len(words) >= HEADLINE_WORDS or not stated else stated


def extract_metadata(
    root: Any, *, use_htmldate: bool = True, url: str | None = None
) -> HtmlMeta:
    """Metadata of the page rooted at ``root`` (an lxml element); ``url`` is the page's
    address, when known (it can hold the date, and is the page's URL when it states none)."""
    objects, warnings = jsonld_objects(root)
    article = article_object(objects)
    tags = _meta_tags(root)
    publisher = article.get("publisher")
    site_name = _first(
        tags.get("og:site_name"),
        text_value(publisher) if isinstance(publisher, (dict, list, str)) else None,
        tags.get("application-name"),
    )
    title_el = root.find(".//title")
    page_title = (" ".join(html.unescape("".join(title_el.itertext())).split())
                  if title_el is not None else None)
    raw_title = _first(_unescaped(text_value(article.get("headline"))), tags.get("og:title"),
                       tags.get("twitter:title"), page_title)
    title = strip_site_suffix(raw_title, site_name) if raw_title else None
    if title and raw_title == page_title:
        title = headline_in_title(root, title)
    index = id_index(objects)
    publisher = resolve(publisher, index)
    if site_name is None and isinstance(publisher, dict):
        site_name = text_value(publisher)
    # The site or its publishing Organization named as the author is no person; it is the
    # author only when the page names no person anywhere (``stated``, at the end).
    not_people = unique((site_name, *((text_value(publisher),) if isinstance(publisher, dict)
                                       and not_person(publisher) else ())))
    tagged = [clean_author(v) for v in (
        tags.get("author"), tags.get("article:author"), tags.get("byl"),
        tags.get("parsely-author"), tags.get("sailthru.author"), tags.get("cxenseparse:author"),
        tags.get("dc.creator"), _forename_first(tags.get("citation_author")),
        _labelled(tags, "written by"))]
    stated = unique((*(clean_author(n) for n in (*names(resolve(article.get("author"), index)),
                                                   *names(resolve(article.get("creator"), index)))),
                      *tagged))
    authors = people(
        (clean_author(n) for n in (*person_names(article.get("author"), index),
                                    *person_names(article.get("creator"), index))), not_people)
    if not authors:
        authors = people(tagged, not_people)
    for visible in (byline_authors, written_by):
        if not authors:
            found = visible(root)
            stated = unique((*stated, *found))
            authors = people(found, not_people)
    if len(authors) == 1:
        authors = _with_co_authors(authors, root)
    published = _first(*(iso_date(v) for v in (
        text_value(article.get("datePublished")), tags.get("article:published_time"),
        tags.get("datepublished"), tags.get("og:published_time"), tags.get("pubdate"),
        tags.get("publishdate"), tags.get("date"), tags.get("dc.date"),
        tags.get("dc.date.issued"), tags.get("sailthru.date"), tags.get("parsely-pub-date"),
        text_value(article.get("dateCreated")))))
    html_lang = root.get("lang") or root.get("xml:lang")
    language = _first(text_value(article.get("inLanguage")), html_lang and html_lang.strip(),
                      tags.get("og:locale"), tags.get("content-language"))
    in_url = url_date(url)
    if published is None or (in_url is not None and published[:10] != in_url
                             and _days_apart(published[:10], in_url) <= URL_DAY_SLACK):
        # The address holds the publisher's local date; a stated timestamp a day off is the
        # same moment in UTC.
        published = in_url or published
    near_authors, shown = headline_byline(root, title, days_first=day_first(language))
    if shown is not None and SHOWN_DATE_FIRST and (in_url is None or not URL_OVER_SHOWN):
        # The date printed under the headline is the one the page dates itself by; structured
        # data often keeps a first-publication date years older than the page (re-dated
        # guides), or the moment in UTC (a day off the local date shown). A date in the
        # address was written at publication and is read unambiguously (no 03/10 order).
        published = shown
    if published is None and use_htmldate:
        published = find_page_date(root, url)
    authors = authors or near_authors
    published = published or shown
    # An Organization stated as the author, or one named like the publisher, is the author
    # only when the page names no person anywhere.
    authors = authors or stated
    if published is None and use_htmldate:
        published = find_page_date(root, url, extensive=True)
    modified = _first(*(iso_date(v) for v in (
        text_value(article.get("dateModified")), tags.get("article:modified_time"),
        tags.get("og:updated_time"), tags.get("datemodified"))))
    canonical = None
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            canonical = link.get("href").strip()
            break
    keywords_raw = article.get("keywords")
    keywords = (", ".join(k for k in keywords_raw if isinstance(k, str))
                if isinstance(keywords_raw, list)
                else text_value(keywords_raw)) or tags.get("keywords")
    body = article.get("articleBody")
    metadata = Metadata(
        title=title or None,
        subtitle=None,
        authors=authors,
        published=published,
        modified=modified,
        site_name=site_name,
        url=_absolute(_first(canonical, tags.get("og:url"), text_value(article.get("url")), url),
                      url),
        language=language,
        section=_first(text_value(article.get("articleSection")), tags.get("article:section")),
        description=_first(tags.get("description"), tags.get("og:description"),
                           text_value(article.get("description")), tags.get("twitter:description")),
        keywords=unique(k.strip() for k in (keywords or "").split(",") if k.strip())[:50],
    )
    return HtmlMeta(metadata, body if isinstance(body, str) and body.strip() else None,
                    tuple(warnings), page_title)


def _with_co_authors(authors: tuple[str, ...], root: Any) -> tuple[str, ...]:
    """The visible byline's authors when it names the one stated author among others: meta
    tags and JSON-LD often carry only the first of several authors the page shows."""
    key = authors[0].casefold()
    for visible in (byline_authors, written_by):
        found = visible(root)
        if len(found) > 1 and any(name.casefold() == key for name in found):
            return found
    return authors


def _labelled(tags: dict[str, str], label: str) -> str | None:
    """The value of a ``twitter:labelN``/``twitter:dataN`` pair labelled ``label`` (SEO plugins
    state "Written by" so for link previews, often the only machine-read author a page has).

    >>> _labelled({"twitter:label1": "Written by", "twitter:data1": "Jane Doe"}, "written by")
    'Jane Doe'
    """
    for number in range(1, 5):
        if tags.get(f"twitter:label{number}", "").casefold().strip() == label:
            return tags.get(f"twitter:data{number}")
    return None


def _forename_first(name: str | None) -> str | None:
    """A scholarly ``citation_author`` ("Roy, Aniruddha", surname first as Highwire/Google
    Scholar tags write it) in the order a byline shows it ("Aniruddha Roy").

    >>> _forename_first("Roy, Aniruddha")
    'Aniruddha Roy'
    >>> _forename_first("Aniruddha Roy")
    'Aniruddha Roy'
    """
    if not name or name.count(",") != 1:
        return name
    surname, forename = (part.strip() for part in name.split(","))
    return f"{forename} {surname}" if surname and forename else name
