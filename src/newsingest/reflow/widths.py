"""How wide a line of text would be when typeset, in em units, from its characters alone.

A text dump has lost the page, but not the words: a line that was wrapped is "full" — the next
word would not have fitted after it — and the last line of a paragraph is not. Counting characters
is a poor proxy for width in a proportional font ("illicit" vs "MMMM"), so widths come from
Helvetica's metrics, close enough for the serif and sans faces news pages use.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["LONG_LINE", "char_width", "text_width"]

#: No printed line is this long; longer "lines" are whole paragraphs or junk.
LONG_LINE = 2000

# Helvetica advance widths (1/1000 em) for printable ASCII, from the standard AFM file.
_ASCII = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  # space - /
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,  # 0 - ?
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,  # @ - O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,  # P - _
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,  # ` - o
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,  # p - ~
)
_PUNCT = {
    "\u2018": 222, "\u2019": 222, "\u201c": 333, "\u201d": 333, "\u2013": 556, "\u2014": 1000,
    "\u2026": 1000, "\u00b7": 278, "\u2022": 350, "\u00a9": 737, "\u00ae": 737, "\u20ac": 556,
    "\u00a3": 556, "\u00ad": 0, "\u2010": 333,
}


@lru_cache(maxsize=4096)
def char_width(ch: str) -> float:
    """Width of one character in em (Helvetica metrics; accented letters as their base letter).

    >>> char_width("m") > char_width("i")
    True
    >>> char_width("é") == char_width("e")
    True
    """
    code = ord(ch)
    if 32 <= code < 127:
        return _ASCII[code - 32] / 1000
    if ch in _PUNCT:
        return _PUNCT[ch] / 1000
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.0
    base = unicodedata.normalize("NFKD", ch)[:1]
    if base and base != ch and 32 <= ord(base) < 127:
        return _ASCII[ord(base) - 32] / 1000
    if unicodedata.category(ch).startswith("M"):
        return 0.0
    return 0.556


def text_width(text: str) -> float:
    """Estimated typeset width of ``text`` in em.

    >>> round(text_width("ab c"), 3)
    1.89

    Lines longer than any page could print are estimated from their length (half an em a
    character), which keeps the engine linear on pathological inputs.
    """
    if len(text) > LONG_LINE:
        return 0.5 * len(text)
    return sum(char_width(ch) for ch in text)
