"""Bylines: "By Maria Alvarez", "BY MARIA ALVAREZ | March 24, 2026", "James O'Connor — May 4, 2026".

A byline is short, names one to four people and may carry a date after a separator. Names in
capitals are title-cased ("AISHA BELLO" → "Aisha Bello") since that is typography, not spelling.
"""

from __future__ import annotations

import re

import attrs

from newsingest.meta.dates import find_date, parse_date

__all__ = ["Byline", "parse_byline"]

_SEPARATORS = re.compile(r"\s+[|·•⋅—–-]\s+|\s*[|·•⋅]\s*")
#: "By", in a few languages, and after a verb of making ("Prepared by", "Written by"): a
#: release or report names its author that way.
_BY = re.compile(r"^(?:(?:written|prepared|compiled|reported|posted|story|text|words)\s+)?"
                 r"(?:by|von|par|por|di|door)\s+", re.IGNORECASE)
_AND = re.compile(r"\s*(?:,\s*and\s+|\s+and\s+|\s*&\s*|,\s*|\s+und\s+|\s+et\s+|\s+e\s+|\s+y\s+)\s*")
_NAME_WORD = re.compile(
    r"^(?:[A-ZÀ-Þ][\w'’.\-]*|[A-Z]\.|(?:van|von|de|da|del|der|la|le|di|du|bin|al))$"
)
#: Words that stand in a name without being one of its two to four names: particles
#: ("Marna van der Merwe") and a title before it ("Dr", "Prof."), so a long Dutch or titled
#: name still reads as a name.
_PARTICLES = frozenset(
    {"van", "von", "de", "da", "del", "der", "la", "le", "di", "du", "bin", "al"})
_HONORIFIC = re.compile(r"^(?:Dr|Prof|Mr|Mrs|Ms|Mx|Sir|Dame)\.?$")
#: A job after a name reads like a name ("Jane Doe, Shipping Expert"); a word ending in one
#: of these is a role, not a person.
_ROLE_NOUN = re.compile(
    r"(?:expert|editor|writer|educator|reporter|director|correspondent|contributor|columnist"
    r"|specialist|analyst|manager|officer|founder|consultant)s?$", re.I)
_ROLE = re.compile(r",\s*(?:staff|senior|associated|special|chief|contributing|reuters|ap)\b.*$",
                   re.IGNORECASE)


@attrs.frozen
class Byline:
    """Authors and (when the byline carries one) the ISO publication date."""

    authors: tuple[str, ...]
    published: str | None = None


def _name(text: str) -> str | None:
    words = text.split()
    core = [w for w in words if w not in _PARTICLES and not _HONORIFIC.match(w)]
    least = 1 if len(core) < len(words) and _HONORIFIC.match(words[0]) else 2  # "Dr Smith"
    if not least <= len(core) <= 4 or len(words) > 7 or not all(_NAME_WORD.match(w) for w in words):
        return None
    if not words[0][0].isupper() or not words[-1][0].isupper() or _ROLE_NOUN.search(words[-1]):
        return None
    if text.isupper():
        text = " ".join(_title(w) for w in words)
    return text


def _title(word: str) -> str:
    return re.sub(r"[A-Za-zÀ-ÿ]+", lambda m: m.group(0).capitalize(), word.lower())


def _date_tail(part: str) -> tuple[str, str | None]:
    """Split a date written after the names with only a comma ("Ann Lee, May 23, 2021"); the
    date's own comma means the split is tried at each comma, leftmost first.

    >>> _date_tail("Aubrey Moore, May 23, 2021")
    ('Aubrey Moore', '2021-05-23')
    >>> _date_tail("Ann Lee, Bo Diaz")
    ('Ann Lee, Bo Diaz', None)
    """
    for match in re.finditer(",", part):
        rest = part[match.end():].strip()
        if any(ch.isdigit() for ch in rest):
            iso = parse_date(rest)
            if iso is not None:
                return part[:match.start()].strip(), iso
    return part, None


def parse_byline(text: str) -> Byline | None:
    """Parse a byline line, or return ``None`` if ``text`` is not one.

    Without a leading "By", a line counts only when it pairs names with a date, so an ordinary
    short line of capitalised words is not taken for a byline.

    >>> parse_byline("By Maria Alvarez")
    Byline(authors=('Maria Alvarez',), published=None)
    >>> parse_byline("BY MARIA ALVAREZ | March 24, 2026")
    Byline(authors=('Maria Alvarez',), published='2026-03-24')
    >>> parse_byline("James O'Connor — November 10, 2023")
    Byline(authors=("James O'Connor",), published='2023-11-10')
    >>> parse_byline("By Ann Lee and Bo Diaz · May 2, 2024").authors
    ('Ann Lee', 'Bo Diaz')
    >>> parse_byline("By Dr Marna van der Merwe, Erik van Vulpen").authors
    ('Dr Marna van der Merwe', 'Erik van Vulpen')
    >>> parse_byline("By Aubrey Moore, May 23, 2021")
    Byline(authors=('Aubrey Moore',), published='2021-05-23')
    >>> parse_byline("Prepared by Aubrey Moore, May 23, 2021").authors
    ('Aubrey Moore',)
    >>> parse_byline("By Jane Doe, Shipping Expert") is None
    True
    >>> parse_byline("North Korea Has Sent Troops") is None
    True
    """
    if len(text) > 200:
        return None
    line = " ".join(text.split())
    if not line or len(line) > 120:
        return None
    has_by = bool(_BY.match(line))
    parts = [p for p in _SEPARATORS.split(_BY.sub("", line, count=1)) if p]
    if not parts:
        return None
    published = None
    names: list[str] = []
    for part in parts:
        iso = parse_date(part) if any(ch.isdigit() for ch in part) else None
        if iso is not None:
            published = published or iso
            continue
        if names:  # a third segment (a role, a place) ends the byline
            if find_date(part) and published is None:
                published = find_date(part)
            continue
        part, tail = _date_tail(part)
        published = published or tail
        cleaned = _ROLE.sub("", part).strip()
        found = [_name(chunk) for chunk in _AND.split(cleaned) if chunk]
        if not found or any(name is None for name in found):
            return None
        names = [name for name in found if name is not None]
    if not names or (not has_by and published is None):
        return None
    return Byline(tuple(names), published)
