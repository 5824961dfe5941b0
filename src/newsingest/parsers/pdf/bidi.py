"""Right-to-left lines back in logical order.

A PDF places glyphs; reading them left to right gives an Arabic, Hebrew or Persian line in
*visual* order — last word first, each word spelled backwards. A line whose strong characters
are mostly right-to-left is read right to left instead, except its left-to-right runs (Latin
words, numbers, with the spaces and punctuation between them), which keep their own order,
as the Unicode bidirectional algorithm displays them. Brackets are taken as stored: the
files seen store the character whose glyph is drawn, which a right-to-left reading puts back
the right way round ("(2024-2026)").
"""

from __future__ import annotations

import unicodedata

__all__ = ["direction_flips", "is_rtl", "logical", "mark", "rtl_letter"]

_RTL = frozenset(("R", "AL"))
_LTR = frozenset(("L", "EN", "AN"))


def _strong(text: str) -> tuple[int, int]:
    rtl = ltr = 0
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        rtl += kind in _RTL
        ltr += kind == "L"
    return rtl, ltr


def is_rtl(text: str) -> bool:
    """Whether a line's strong characters are mostly right-to-left.

    >>> is_rtl("abc"), is_rtl("\u05e9\u05dc\u05d5\u05dd abc")
    (False, True)
    """
    if not text or max(text) < "\u0590":
        return False
    rtl, ltr = _strong(text)
    return rtl > ltr


def logical(visual: str) -> str:
    """The logical order of a right-to-left line read left to right.

    >>> logical("\u05dd\u05d5\u05dc\u05e9 Python 3.12 \u05d4\u05d6")
    '\u05d6\u05d4 Python 3.12 \u05e9\u05dc\u05d5\u05dd'
    >>> logical(")\u05d0\u05d1( 2024")
    '2024 (\u05d1\u05d0)'
    """
    kinds = [unicodedata.bidirectional(ch) for ch in visual]
    ltr = [k in _LTR for k in kinds]
    # neutrals between two left-to-right characters belong to their run ("Python 3.12")
    n = len(visual)
    inside = list(ltr)
    i = 0
    while i < n:
        if ltr[i]:
            j = i + 1
            while j < n and not ltr[j] and kinds[j] not in _RTL:
                j += 1
            if j < n and ltr[j]:
                for k in range(i + 1, j):
                    inside[k] = True
            i = j
        else:
            i += 1
    out: list[str] = []
    k = n - 1
    while k >= 0:
        if inside[k]:
            start = k
            while start > 0 and inside[start - 1]:
                start -= 1
            out.append(visual[start : k + 1])
            k = start - 1
        else:
            out.append(visual[k])
            k -= 1
    return "".join(out)


def mark(text: str) -> bool:
    """A combining mark (an Arabic vowel sign, an accent drawn apart) belongs to its letter."""
    return text[0] >= "\u0300" and unicodedata.category(text[0]) == "Mn"


def rtl_letter(ch: str) -> bool:
    return "\u0590" <= ch <= "\u08ff" or "\ufb1d" <= ch <= "\ufefc"


def direction_flips(before: str, after: str) -> bool:
    """A right-to-left letter next to a Latin, Greek or Cyrillic one: two words, whatever the
    gap — in a right-to-left line the space between them is drawn elsewhere (at the end of
    the left-to-right run), so the two touch.

    >>> direction_flips("\u0645", "P"), direction_flips("n", "P")
    (True, False)
    """
    a, b = before[-1], after[0]
    if not (a.isalpha() and b.isalpha()):
        return False
    return (rtl_letter(a) and b < "\u0590") or (rtl_letter(b) and a < "\u0590")
