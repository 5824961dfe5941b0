"""Dates in news text ("March 24, 2026", "24 March 2026", "2026-03-24") to ISO 8601.

dateutil does the parsing; the patterns here only find candidate spans, because dateutil's fuzzy
mode happily turns any stray number into a date.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings

from dateutil import parser as dateparser

__all__ = ["find_date", "parse_date"]

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_CANDIDATES = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)\b",
    re.IGNORECASE,
)


#: Two dates that differ in year, month and day: a field the text does not give is filled from
#: the default, so it comes out different in the two parses.
_DEFAULTS = (dt.datetime(1, 1, 1), dt.datetime(2, 2, 2))


def parse_date(text: str) -> str | None:
    """ISO date (``YYYY-MM-DD``) for a string that is a full date, or ``None``.

    A date without a day ("March 2024", "2024") gives ``None``: the output format has no way to
    say "some day in March", and a made-up first of the month is a wrong date, not a vague one.
    Which fields the text gives is read by parsing it with two different defaults: a field
    taken from the default differs between the two.

    >>> parse_date("March 24, 2026")
    '2026-03-24'
    >>> parse_date("24 Mar. 2026")
    '2026-03-24'
    >>> parse_date("March 2024") is None, parse_date("2024") is None
    (True, True)
    >>> parse_date("not a date") is None
    True
    """
    text = text.strip().rstrip(".,;")
    if not text or len(text) > 60:
        return None
    try:
        with warnings.catch_warnings():
            # "10:30 CST": the zone name is unknown to dateutil; the date is what we keep.
            warnings.simplefilter("ignore", dateparser.UnknownTimezoneWarning)
            first, second = (dateparser.parse(text, default=default) for default in _DEFAULTS)
    except (ValueError, OverflowError, TypeError):
        return None
    if first is None or second is None or first.date() != second.date() or first.year < 1800:
        return None
    return str(first.date().isoformat())


def find_date(text: str) -> str | None:
    """The first date written out in ``text`` (month names or ISO), as ``YYYY-MM-DD``.

    >>> find_date("By AISHA BELLO | March 24, 2026")
    '2026-03-24'
    >>> find_date("Updated 2025-11-03T10:00Z")
    '2025-11-03'
    >>> find_date("10,000 troops in 2024") is None
    True
    """
    for match in _CANDIDATES.finditer(text[:2000]):
        iso = parse_date(match.group(0))
        if iso is not None:
            return iso
    return None
