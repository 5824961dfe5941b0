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

from newsingest.reflow.hyphens import SUFFIXES
from newsingest.reflow.vocabulary import zipf
from newsingest.reflow.widths import text_width

__all__ = ["restore_compounds", "spelled_hyphenated", "split_compound"]

_TOKEN = re.compile(r"(?<!\w)[^\W_]\w{3,}(?![\w\-])")
#: wordfreq Zipf values: below RARE a token is no word; parts must be COMMON words.
_RARE = 2.5
_COMMON = 3.0


def _word_score(part: str, vocabulary: Container[str]) -> float:
    """How surely ``part`` is a word: its Zipf frequency, or common when the document itself
    writes it on its own (a name like "Amritsar" is rare in general but attested there)."""
    folded = part.casefold()
    if len(folded) >= 3 and folded in vocabulary:
        return max(zipf(folded), _COMMON)
    return zipf(folded)


def spelled_hyphenated(token: str, vocabulary: Container[str]) -> str | None:
    """``token`` with the hyphen the document's own spelling of it has, if it has one.

    >>> spelled_hyphenated("WiFi", {"wi-fi"}), spelled_hyphenated("WiFi", set())
    ('Wi-Fi', None)
    """
    folded = token.casefold()
    for k in range(1, len(token)):
        if f"{folded[:k]}-{folded[k:]}" in vocabulary:
            return f"{token[:k]}-{token[k:]}"
    return None


def split_compound(token: str, vocabulary: Container[str] = frozenset()) -> str | None:
    """``head-tail`` when ``token`` is no word but two words run together, else ``None``.

    A part is a word when it is common or the document's own ``vocabulary`` (lower case) has it;
    the document writing the hyphenated compound itself is the best evidence of all.

    >>> split_compound("quarterpoint"), split_compound("midSeptember"), split_compound("11game")
    ('quarter-point', 'mid-September', '11-game')
    >>> split_compound("Amritsarbased", {"amritsar"}), split_compound("5inches")
    ('Amritsar-based', '5-inches')
    >>> split_compound("WiFi", {"wi-fi"}), split_compound("WiFi")
    ('Wi-Fi', None)
    >>> split_compound("important") is None, split_compound("Solomonidou") is None
    (True, True)
    >>> split_compound("64GB") is None, split_compound("discoverers") is None
    (True, True)
    """
    folded = token.casefold()
    if folded in vocabulary:
        return None  # the document writes it so
    spelled = spelled_hyphenated(token, vocabulary)
    if spelled is not None:
        return spelled
    if zipf(folded) >= _RARE:
        return None
    best: tuple[float, str] | None = None
    for k in range(1 if token[0].isdigit() else 2, len(token) - 2):
        if token[k - 1].isdigit() and token[k].isdigit():
            continue  # a number is not two words ("64GB" is no "6-4GB")
        head, tail = token[:k], token[k:]
        if tail.casefold() in SUFFIXES:
            continue  # a word and its ending ("discoverers" is no "discover-ers")
        score = min(_word_score(head, vocabulary), _word_score(tail, vocabulary))
        if score >= _COMMON and (best is None or score > best[0]):
            best = (score, f"{head}-{tail}")
    return best[1] if best else None


#: Where a printed line ends in a run-together line, as a share of the measure (k measures
#: for the k-th join): a line that wraps is at least this full ...
JOIN_FROM = 0.75
#: ... and at most this much wider than the measure.
JOIN_TO = 1.08


def _at_join(text: str, match: re.Match[str], measure: float) -> bool:
    """Whether the token spans a place where a printed line can have ended: the extractor ran
    lines together there, so only there can it have taken a hyphen away."""
    start = text_width(" ".join(text[:match.start()].split()))
    end = start + text_width(match.group(0)) + text_width(" ")
    k = 1
    while JOIN_FROM * k * measure <= end:
        if start <= JOIN_TO * k * measure:
            return True
        k += 1
    return False


def restore_compounds(text: str, vocabulary: Container[str] = frozenset(),
                      measure: float | None = None) -> str:
    """Put back the hyphens of compounds run together in ``text`` (one over-long line).

    ``vocabulary`` holds the document's own lower-case words: a spelling found there is the
    author's and stays. With the ``measure`` the lines were set to (the unit of
    ``widths.text_width``), only tokens where a printed line can have ended are looked at
    ("Port Elling" mid-line is a name, not "El-ling").

    >>> restore_compounds("a Sugar Landbased provider, cut by a quarterpoint")
    'a Sugar Land-based provider, cut by a quarter-point'
    >>> restore_compounds("according to InfoNation data", {"infonation"})
    'according to InfoNation data'
    >>> line = "Residents of Port Elling voted to rebuild the midSeptember wall"
    >>> restore_compounds(line, measure=text_width("Residents of Port Elling voted to"))
    'Residents of Port Elling voted to rebuild the mid-September wall'
    """
    def fix(match: re.Match[str]) -> str:
        token = match.group(0)
        if measure is not None and measure > 0 and not _at_join(text, match, measure):
            return token
        return split_compound(token, vocabulary) or token

    return _TOKEN.sub(fix, text)
