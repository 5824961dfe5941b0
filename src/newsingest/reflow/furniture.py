"""Page furniture recognised from a line's text alone.

Browser print headers and footers (``11/25/26, 5:29 PM Title``, ``file:///…/article.html 1/2``),
page numbers (``Page 3``, ``- 3 -``, ``2/5``, a newspaper's ``A1``), copyright lines, navigation
bars and press-release boilerplate look the same whatever the page design, so both the text and
the PDF parser use these recognisers; repetition across pages is the engine's job (it needs all
the lines).
"""

from __future__ import annotations

import re

from newsingest.model import FurnitureKind

__all__ = ["browser_header", "furniture_kind", "is_end_mark"]

_TIME = r"\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?"
_DATE_NUM = r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}"
_BROWSER_HEADER = re.compile(rf"^(?:{_DATE_NUM}),?\s+{_TIME}(?:\s+(?P<title>\S.*))?$")
_URL_LINE = re.compile(r"^(?:file|https?)://\S+(?:\s+\d{1,4}\s*/\s*\d{1,4})?$", re.IGNORECASE)
_PAGE = re.compile(
    r"^(?:(?:page|p\.|seite|página|pagina)\s*\d{1,4}(?:\s*(?:of|/|von|de|di)\s*\d{1,4})?"
    r"|\d{1,4}\s*/\s*\d{1,4}|[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}|[A-Z]\d{1,3})$",
    re.IGNORECASE,
)
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
