"""Hyphens an extractor removed from compounds when it joined two printed lines into one.

pdftotext and pdfplumber sometimes print two lines of a column as one over-long line, and take
the hyphen at the end of the first for a typesetter's: "quarter-" + "point" comes out as
"quarterpoint", "mid-" + "September" as "midSeptember". Such a token is no word, but splits into
two common ones. Only over-long lines are searched (the engine's call), and a spelling the
document uses elsewhere is kept ("InfoNation").
"""

from __future__ import annotations

import re
from collections.abc import Container

from newsingest.reflow.vocabulary import zipf

__all__ = ["restore_compounds", "split_compound"]

_TOKEN = re.compile(r"(?<!\w)[^\W_]\w{4,}(?![\w\-])")
#: wordfreq Zipf values: below RARE a token is no word; parts must be COMMON words.
_RARE = 2.5
_COMMON = 3.0


def split_compound(token: str) -> str | None:
    """``head-tail`` when ``token`` is no word but two common words run together, else ``None``.

    >>> split_compound("quarterpoint"), split_compound("midSeptember"), split_compound("11game")
    ('quarter-point', 'mid-September', '11-game')
    >>> split_compound("important") is None, split_compound("Solomonidou") is None
    (True, True)
    """
    if zipf(token.casefold()) >= _RARE:
        return None
    best: tuple[float, str] | None = None
    for k in range(2, len(token) - 2):
        head, tail = token[:k], token[k:]
        score = min(zipf(head.casefold()), zipf(tail.casefold()))
        if score >= _COMMON and (best is None or score > best[0]):
            best = (score, f"{head}-{tail}")
    return best[1] if best else None


def restore_compounds(text: str, vocabulary: Container[str] = frozenset()) -> str:
    """Put back the hyphens of compounds run together in ``text`` (one over-long line).

    ``vocabulary`` holds the document's own lower-case words: a spelling found there is the
    author's and stays.

    >>> restore_compounds("a Sugar Landbased provider, cut by a quarterpoint")
    'a Sugar Land-based provider, cut by a quarter-point'
    >>> restore_compounds("according to InfoNation data", {"infonation"})
    'according to InfoNation data'
    """
    def fix(match: re.Match[str]) -> str:
        token = match.group(0)
        if token.casefold() in vocabulary:
            return token
        return split_compound(token) or token

    return _TOKEN.sub(fix, text)
