"""Dates an HTML page states: machine-written values in meta tags and JSON-LD, dates written out
in the lines under the headline, and ``htmldate``'s search of the page as a last resort.

Date-only values go through :func:`newsingest.meta.dates.parse_date`, the parser the text and PDF
parsers use. Two things differ, on purpose:

- A structured timestamp (``2024-03-05T09:30:00+01:00``) keeps its time and zone: a page states
  them exactly, and ``Metadata`` dates may be full ISO 8601 timestamps.
- Only years 1990-2100 count (``parse_date`` takes 1800 on): meta tags are filled in by a CMS,
  and unset fields come out as its defaults — ``1970-01-01`` (the Unix epoch), ``1900-01-01``,
  ``0001-01-01`` — which no web page was published on. A date printed in a scanned newspaper
  can be from 1850; a web page's ``article:published_time`` cannot.

Lines under a headline are read by :func:`text_date`, which knows month names in English,
German, French, Spanish and Italian and the 年月日 notation (``meta.dates.find_date`` reads
English dates in text dumps of print pages).
"""

from __future__ import annotations

import re
import warnings
from datetime import datetime
from typing import Any

from newsingest.meta.dates import parse_date

__all__ = ["day_first", "find_page_date", "iso_date", "numeric_date", "plausible_year",
           "text_date", "url_date"]

FIRST_YEAR, LAST_YEAR = 1990, 2100
_HAS_TIME = re.compile(r"\d{1,2}:\d{2}")
_DIGIT = re.compile(r"\d")


def plausible_year(year: int) -> bool:
    """A year a web page can have been published in (see the module docstring).

    >>> plausible_year(1970), plausible_year(2024)
    (False, True)
    """
    return FIRST_YEAR <= year <= LAST_YEAR


def iso_date(value: str | None) -> str | None:
    """A date string in any common notation as ISO 8601; ``None`` when it is not a date.

    >>> iso_date("2019-11-19T08:30:00Z")
    '2019-11-19T08:30:00+00:00'
    >>> iso_date("Tue, 19 Nov 2019")
    '2019-11-19'
    >>> iso_date("yesterday") is None, iso_date("1970-01-01") is None
    (True, True)
    """
    if not value or not isinstance(value, str) or len(value) > 80 or not _DIGIT.search(value):
        return None
    text = value.strip()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # unknown zone names ("EST") parse as naive times
        if not _HAS_TIME.search(text):
            found = parse_date(text)
            return found if found is not None and plausible_year(int(found[:4])) else None
        from dateutil import parser as dateparser

        try:
            parsed = dateparser.parse(text, default=datetime(1900, 1, 1))
        except (ValueError, OverflowError, TypeError):
            return None
    return str(parsed.isoformat()) if plausible_year(parsed.year) else None


_MONTH_NUMBERS = {
    name: number
    for number, names in enumerate((
        "jan january januar janvier enero gennaio", "feb february februar février febrero "
        "febbraio", "mar march märz mars marzo", "apr april avril abril aprile",
        "may mai mayo maggio", "jun june juni juin junio giugno", "jul july juli juillet julio "
        "luglio", "aug august août agosto", "sep sept september septembre septiembre "
        "settembre", "oct october oktober okt octobre octubre ottobre", "nov november "
        "novembre noviembre", "dec december dezember dez décembre diciembre dicembre"), 1)
    for name in names.split()
}
_MONTH_NAME = "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True))
_TEXT_DATES = (
    (re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b"), (1, 2, 3)),
    (re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"), (1, 2, 3)),
    (re.compile(rf"\b(?P<m>{_MONTH_NAME})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b",
                re.I), (3, 1, 2)),
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+)?(?P<m>{_MONTH_NAME})\.?,?"
                rf"\s+(?:de\s+)?(\d{{4}})\b", re.I), (3, 2, 1)),
)


_NUMERIC = re.compile(r"(?<![\d./-])(\d{1,2})([./])(\d{1,2})\2(\d{4})(?![\d./-])")


def numeric_date(text: str, day_first: bool) -> tuple[str, str] | None:
    """A numeric date ("03.12.2026", "12/03/2026"): day first unless ``day_first`` is false
    (US English) — and whatever the language when one of the numbers cannot be a month.

    >>> numeric_date("Stand: 03.12.2026", True)[0], numeric_date("12/03/2026", False)[0]
    ('2026-12-03', '2026-12-03')
    >>> numeric_date("25/12/2026", False)[0], numeric_date("1.12.2026.4", True) is None
    ('2026-12-25', True)
    """
    for found in _NUMERIC.finditer(text):
        first, second, year = int(found.group(1)), int(found.group(3)), int(found.group(4))
        day, month = (first, second) if day_first or second > 12 else (second, first)
        if first > 12 and not day_first:
            day, month = first, second
        try:
            date = datetime(year, month, day)
        except ValueError:
            continue
        if plausible_year(year):
            return date.date().isoformat(), found.group(0)
    return None


def day_first(language: str | None) -> bool:
    """Whether numeric dates on a page in ``language`` put the day first: everywhere but US
    English (and English with no region, which US sites mostly are).

    >>> day_first("de-DE"), day_first("en-GB"), day_first("en-US"), day_first("en")
    (True, True, False, False)
    """
    code = (language or "").replace("_", "-").casefold()
    if not code:
        return False
    return not (code in ("en", "en-us") or code.startswith("en-us"))


_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2}|[a-z]{3,9})[/-](\d{1,2})(?=[/_.-]|$)", re.I)


def url_date(url: str | None) -> str | None:
    """A full date in a page's address (``/2025/12/19/slug``, ``/2025-12-15-slug``,
    ``/2023/october/03/slug``).

    >>> url_date("https://blog.example.org/2025/12/19/what-people-love"), url_date("/a/2025/12/")
    ('2025-12-19', None)
    >>> url_date("https://example.org/blog/2023/october/03/wine"), url_date("/2023/works/03/")
    ('2023-10-03', None)
    """
    if not url:
        return None
    found = _URL_DATE.search(url.split("?")[0])
    if found is None:
        return None
    month = found.group(2)
    number = int(month) if month.isdigit() else _MONTH_NUMBERS.get(month.casefold())
    if number is None:
        return None
    try:
        date = datetime(int(found.group(1)), number, int(found.group(3)))
    except ValueError:
        return None
    return date.date().isoformat() if plausible_year(date.year) else None


def text_date(text: str) -> tuple[str, str] | None:
    """The first date written out in a line, in English, German, French, Spanish or Italian
    notation or as 年月日: ``(ISO date, the matched text)``.

    >>> text_date("Von Anna Schmidt, 7. September 2023")
    ('2023-09-07', '7. September 2023')
    >>> text_date("3 de marzo de 2024 - Por Lucía Gómez")[0], text_date("2024年3月3日")[0]
    ('2024-03-03', '2024-03-03')
    >>> text_date("By Owen Pryce, April 18, 2024")[0], text_date("Room 101") is None
    ('2024-04-18', True)
    """
    for pattern, (year, month, day) in _TEXT_DATES:
        for found in pattern.finditer(text):
            values = [found.group(i) for i in (year, month, day)]
            number = _MONTH_NUMBERS.get(values[1].casefold().rstrip("."))
            try:
                iso = datetime(int(values[0]), number or int(values[1]), int(values[2]))
            except ValueError:
                continue
            if plausible_year(iso.year):
                return iso.date().isoformat(), found.group(0)
    return None


def find_page_date(root: Any, url: str | None = None, *, extensive: bool = False) -> str | None:
    """``htmldate``'s guess from the whole page (URL, visible dates, headers): slower than all
    the rest of the extraction, so only for pages that state no date in their metadata; its
    ``extensive`` search (every date-like text) only when the fast one found none."""
    try:
        from htmldate import find_date
    except ImportError:  # pragma: no cover - htmldate is a runtime dependency
        return None
    try:
        import lxml.etree

        # htmldate takes lxml.html trees only; the parser builds a plain etree one.
        page = lxml.etree.tostring(root, encoding="unicode", method="html")
        found = find_date(page, url=url, extensive_search=extensive, original_date=True)
    except Exception:  # htmldate is heuristic; a failure there must not fail the parse
        return None
    if not isinstance(found, str) or (extensive and found.endswith("-01-01")):
        # The extensive search turns a bare year ("© 2026") into January 1st: a made-up day.
        return None
    return iso_date(found)
