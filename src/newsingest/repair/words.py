"""Words an extractor split with a space where an invisible glyph stood.

Chromium marks every hyphenation point of a word with a soft hyphen it does not draw; pypdf and
pdfplumber read the gap it leaves as a space ("discipl ined", "kidna pping"), and where the
typesetter did break the word mid-line they print its hyphen between spaces ("threat ‐ ening").
The evidence for a join is the words: one part is no word at all while the joined form is a
common one. Two real words stay apart ("them selves" cannot be told from "a part"), so this
undoes some splits, not all.
"""

from __future__ import annotations

import re

from newsingest.reflow.vocabulary import zipf

__all__ = ["FRAGMENT_ZIPF", "JOINED_ZIPF", "join_split_words"]

#: A part this rare (wordfreq Zipf) is a fragment, not a word ("ined", "anta", "rede") ...
FRAGMENT_ZIPF = 2.5
#: ... and the joined form must be at least this common to be the word it was.
JOINED_ZIPF = 2.5
_WORD = re.compile(r"[^\W\d_]+")
_SEPARATORS = (" ", " \u2010 ")
_GLUED = set("-\u2010'’")


def _fragment_pair(line: str, a: re.Match[str], b: re.Match[str]) -> bool:
    if line[a.end():b.start()] not in _SEPARATORS or not b.group(0)[0].islower():
        return False
    before = line[a.start() - 1] if a.start() > 0 else " "
    after = line[b.end()] if b.end() < len(line) else " "
    if before in _GLUED or before.isalnum() or after in _GLUED or after.isalnum():
        return False  # part of a compound or an elision: not a lone fragment
    head, tail = a.group(0), b.group(0)
    if min(zipf(head.casefold()), zipf(tail)) >= FRAGMENT_ZIPF:
        return False
    return zipf((head + tail).casefold()) >= JOINED_ZIPF


def join_split_words(text: str) -> str:
    """Join the parts of words split by a space (or a spaced hyphen) where one part is no word.

    >>> join_split_words("he should be discipl ined, and kidna pping is a threat ‐ ening act")
    'he should be disciplined, and kidnapping is a threatening act'
    >>> join_split_words("them selves, a part, in to, self-con trol")
    'them selves, a part, in to, self-con trol'
    """
    return "\n".join(_join_line(line) for line in text.split("\n"))


def _join_line(line: str) -> str:
    """One line's fragments joined, pass after pass until none is left (so it is idempotent:
    a joined word may be the head of the next fragment)."""
    while " " in line:
        words = list(_WORD.finditer(line))
        pieces: list[str] = []
        at = k = 0
        while k + 1 < len(words):
            a, b = words[k], words[k + 1]
            if _fragment_pair(line, a, b):
                pieces.append(line[at:a.end()])
                at = b.start()
                k += 2
            else:
                k += 1
        if not pieces:
            return line
        pieces.append(line[at:])
        line = "".join(pieces)
    return line
