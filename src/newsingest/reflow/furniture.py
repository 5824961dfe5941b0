"""Page furniture recognised from a line's text alone.

Browser print headers and footers (``11/25/26, 5:29 PM Title``, ``file:///…/article.html 1/2``),
page numbers (``Page 3``, ``- 3 -``, ``2/5``, a newspaper's ``A1``), copyright lines, navigation
bars and press-release boilerplate look the same whatever the page design, so both the text and
the PDF parser use these recognisers; repetition across pages is the engine's job (it needs all
the lines). Some forms are body text's too — a bare URL (a tweet's ``t.co`` link, a source) and
a bare number (``80`` alone on a line of a dump) — so ``edge_only`` names them: they are
furniture only where position, repetition or counting pages corroborates the form.
"""

from __future__ import annotations

import re

from newsingest.model import FurnitureKind

__all__ = ["browser_footer", "browser_header", "edge_only", "furniture_kind", "is_end_mark",
           "page_count", "print_chrome"]

_TIME = r"\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?"
_DATE_NUM = r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}"
_BROWSER_HEADER = re.compile(rf"^(?:{_DATE_NUM}),?\s+{_TIME}(?:\s+(?P<title>\S.*))?$")
_URL_LINE = re.compile(r"^(?:file|https?)://\S+(?:\s+\d{1,4}\s*/\s*\d{1,4})?$", re.IGNORECASE)
_PAGE = re.compile(
    r"^(?:(?:page|p\.|seite|página|pagina)\s*\d{1,4}(?:\s*(?:of|/|von|de|di)\s*\d{1,4})?"
    r"|\d{1,4}\s*/\s*\d{1,4}|[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}|[A-Z]\d{1,3})$",
    re.IGNORECASE,
)
#: Forms body text takes too: a bare URL, a bare number or count, a page label.
_BARE_URL = re.compile(r"^(?:file|https?)://\S+$", re.IGNORECASE)
_BARE_PAGE = re.compile(r"^(?:(?P<n>\d{1,4})(?:\s*/\s*(?P<of>\d{1,4}))?|[A-Z]\d{1,3})$")
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)", re.IGNORECASE)
_RELEASE = re.compile(
    r"^(?:for\s*immediate\s*release|(?:press|news|media)\s*release)$", re.IGNORECASE
)
_END_MARK = re.compile(r"^(?:#{3}|-\s?30\s?-|\*\s?\*\s?\*|ENDS?)$")
_MAX_FURNITURE = 300  # furniture is short; longer lines are body (and checked in O(1))
_NAV_SEP = re.compile(r"\s+[|•·]\s+")


def browser_header(text: str) -> tuple[bool, str | None]:
    """Whether ``text`` is a browser print header (date and time), and the page title after it.

    >>> browser_header("11/25/26, 5:29 PM New York State Attorney General")
    (True, 'New York State Attorney General')
    >>> browser_header("11/25/26, 5:30 PM")
    (True, None)
    >>> browser_header("The 5:30 PM train")
    (False, None)
    """
    if len(text) > _MAX_FURNITURE:
        return False, None
    match = _BROWSER_HEADER.match(text.strip())
    if match is None:
        return False, None
    return True, match.group("title")


def _letter_spaced(text: str) -> str:
    """Undo letter spacing ("F O R  I M M E D I AT E") so boilerplate can be recognised."""
    parts = text.split()
    if len(parts) >= 4 and sum(len(p) <= 2 for p in parts) >= 0.8 * len(parts):
        return "".join(parts)
    return text


def is_end_mark(text: str) -> bool:
    """The press-release end marks ``###``, ``-30-``, ``* * *`` and ``END``.

    >>> is_end_mark("###"), is_end_mark("-30-"), is_end_mark("Thirty")
    (True, True, False)
    """
    return bool(_END_MARK.match(text.strip()))


def furniture_kind(text: str) -> FurnitureKind | None:
    """The furniture kind ``text`` is by its form alone, or ``None`` if it may be body text.

    >>> furniture_kind("file:///tmp/x/article.html 1/2")
    <FurnitureKind.FOOTER: 'footer'>
    >>> furniture_kind("Page 2 of 3"), furniture_kind("A1")  # a newspaper's section and page
    (<FurnitureKind.PAGE_NUMBER: 'page_number'>, <FurnitureKind.PAGE_NUMBER: 'page_number'>)
    >>> furniture_kind("World | Politics | Business | Sports")
    <FurnitureKind.NAVIGATION: 'navigation'>
    >>> furniture_kind("F O R I M M E D I AT E R E L E A S E")
    <FurnitureKind.MASTHEAD: 'masthead'>
    >>> furniture_kind("The troops moved at 5:30 PM.") is None
    True
    """
    if len(text) > _MAX_FURNITURE:
        return None
    line = " ".join(text.split())
    if not line:
        return None
    if browser_header(line)[0]:
        return FurnitureKind.HEADER
    if _URL_LINE.match(line):
        return FurnitureKind.FOOTER
    if _PAGE.match(line):
        return FurnitureKind.PAGE_NUMBER
    if _COPYRIGHT.match(line):
        return FurnitureKind.FOOTER
    squeezed = _letter_spaced(line)
    if _RELEASE.match(squeezed) or _RELEASE.match(line):
        return FurnitureKind.MASTHEAD
    if is_end_mark(line):
        return FurnitureKind.OTHER
    items = _NAV_SEP.split(line)
    if len(items) >= 4 and all(0 < len(item.split()) <= 3 for item in items):
        return FurnitureKind.NAVIGATION
    return None


def edge_only(text: str) -> bool:
    """Whether ``text`` is a furniture form that body text takes too: a bare URL or a bare
    number, count or page label. Such a line is furniture only with corroboration (a page's
    edge, repetition, pages counting up), never by its form alone.

    >>> edge_only("https://t.co/XPxUJuyIAC"), edge_only("80"), edge_only("A1")
    (True, True, True)
    >>> edge_only("file:///tmp/x/article.html 1/2"), edge_only("Page 3")  # unmistakable
    (False, False)
    """
    if len(text) > _MAX_FURNITURE:
        return False
    line = " ".join(text.split())
    return bool(_BARE_URL.match(line) or _BARE_PAGE.match(line))


def page_count(text: str) -> tuple[int, int | None] | None:
    """A bare page number or count as (number, of): ``"3"`` → (3, None), ``"2/5"`` → (2, 5).

    >>> page_count("2/5"), page_count(" 12 "), page_count("A1"), page_count("two")
    ((2, 5), (12, None), None, None)
    """
    match = _BARE_PAGE.match(" ".join(text.split())) if len(text) <= 20 else None
    if match is None or match.group("n") is None:
        return None
    of = match.group("of")
    return int(match.group("n")), int(of) if of else None


def browser_footer(text: str) -> bool:
    """A browser's print footer: the page's URL and the page count (``file:///a.html 1/2``),
    the last line of its page.

    >>> browser_footer("file:///tmp/a.html 1/2"), browser_footer("https://t.co/XPxUJuyIAC")
    (True, False)
    """
    if len(text) > _MAX_FURNITURE:
        return False
    line = " ".join(text.split())
    return bool(_URL_LINE.match(line)) and not _BARE_URL.match(line)


def print_chrome(text: str) -> bool:
    """What a printer or browser puts at a page's edge: a print header (date and time), a URL
    (the browser's footer), a page number or count. Copyright lines and navigation bars are
    furniture too, but the design's, and not only at the edge.

    >>> print_chrome("1/2"), print_chrome("file:///tmp/a.html"), print_chrome("© 2026 X")
    (True, True, False)
    """
    if len(text) > _MAX_FURNITURE:
        return False
    line = " ".join(text.split())
    return browser_header(line)[0] or bool(_URL_LINE.match(line) or _PAGE.match(line))
