"""How common an English word is, from wordfreq: the evidence for joining and splitting words.

Dehyphenation (``hyphens``) and restoring compounds (``compounds``) both ask the same question
many times per document, so one cached lookup serves both.
"""

from __future__ import annotations

from functools import lru_cache

from wordfreq import zipf_frequency

__all__ = ["zipf"]


@lru_cache(maxsize=16384)
def zipf(word: str) -> float:
    """wordfreq's Zipf frequency of ``word`` in English (0 unknown, 3 common, 7 "the").

    >>> zipf("development") > 3.0 > zipf("opment")
    True
    """
    return float(zipf_frequency(word, "en"))
