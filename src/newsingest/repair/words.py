"""Words an extractor split with spaces: where an invisible glyph stood, or between the letters
of letter-spaced (tracked) type.

Chromium marks every hyphenation point of a word with a soft hyphen it does not draw; pypdf and
pdfplumber read the gap it leaves as a space ("discipl ined", "kidna pping"), and where the
typesetter did break the word mid-line they print its hyphen between spaces ("threat ‐ ening").
The evidence for a join is the words: one part is no word at all while the joined form is a
common one. Two real words ("punish ment", "them selves") are joined only in a text that shows
the trait (``PROVEN`` such fragments joined): there, the joined form must be more common than
its rarer part by ``WORDS_MARGIN``, which "a part", "in to", "every day", "any one" are not.
"""

from __future__ import annotations

import re

from newsingest.reflow.vocabulary import zipf

__all__ = ["FRAGMENT_ZIPF", "JOINED_ZIPF", "join_letter_spacing", "join_split_words"]

#: A part this rare (wordfreq Zipf) is a fragment, not a word ("ined", "anta", "rede") ...
FRAGMENT_ZIPF = 2.5
#: ... and the joined form must be at least this common to be the word it was.
JOINED_ZIPF = 2.5
#: Fragments joined in a text that prove its extractor splits words where a glyph stood ...
PROVEN = 2
#: ... and then two words join when the joined form's Zipf beats the rarer part's by this.
WORDS_MARGIN = 0.25
_WORD = re.compile(r"[^\W\d_]+")
_SEPARATORS = (" ", " \u2010 ")
_GLUED = set("-\u2010'’")


def _fragment_pair(line: str, a: re.Match[str], b: re.Match[str], proven: bool = False) -> bool:
    if line[a.end():b.start()] not in _SEPARATORS or not b.group(0)[0].islower():
        return False
    before = line[a.start() - 1] if a.start() > 0 else " "
    after = line[b.end()] if b.end() < len(line) else " "
    if before in _GLUED or before.isalnum() or after in _GLUED or after.isalnum():
        return False  # part of a compound or an elision: not a lone fragment
    head, tail = a.group(0), b.group(0)
    rarer = min(zipf(head.casefold()), zipf(tail))
    joined = zipf((head + tail).casefold())
    if rarer >= FRAGMENT_ZIPF:
        return proven and joined >= JOINED_ZIPF and joined > rarer + WORDS_MARGIN
    return joined >= JOINED_ZIPF


def join_split_words(text: str) -> str:
    """Join the parts of words split by a space (or a spaced hyphen) where one part is no word,
    and, in a text that shows that trait, two words whose joined form is the more common.

    >>> join_split_words("he should be discipl ined, and kidna pping is a threat ‐ ening act")
    'he should be disciplined, and kidnapping is a threatening act'
    >>> join_split_words("them selves, a part, in to, self-con trol")
    'them selves, a part, in to, self-con trol'
    >>> join_split_words("discipl ined and kidna pping: the punish ment, a part, every day")
    'disciplined and kidnapping: the punishment, a part, every day'
    """
    lines = text.split("\n")
    joined = [_join_line(line) for line in lines]
    fragments = sum(a.count(" ") - b.count(" ") for a, b in zip(lines, joined, strict=True))
    if fragments >= PROVEN:
        joined = [_join_line(line, proven=True) for line in joined]
    return "\n".join(joined)


def _join_line(line: str, proven: bool = False) -> str:
    """One line's fragments joined, pass after pass until none is left (so it is idempotent:
    a joined word may be the head of the next fragment)."""
    while " " in line:
        words = list(_WORD.finditer(line))
        # One lookup per word, not two per pair: only a pair with a fragment in it can join
        # (any pair, once the text has proven the trait).
        fragment = [proven or zipf(w.group(0).casefold()) < FRAGMENT_ZIPF for w in words]
        pieces: list[str] = []
        at = k = 0
        while k + 1 < len(words):
            a, b = words[k], words[k + 1]
            if (fragment[k] or fragment[k + 1]) and _fragment_pair(line, a, b, proven):
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



#: Letters in a row, each standing alone between single spaces, that make letter-spaced type.
MIN_SPACED = 4
_SPACED = re.compile(r"(?<![^\W\d_])(?:[^\W\d_] ){" + str(MIN_SPACED - 1)
                     + r",}[^\W\d_](?![^\W\d_])")
_CASE_TURN = re.compile(r"(?<=[^\W\d_A-Z])(?=[A-Z])")


def _segment(letters: str) -> str:
    """Words for a run of letters that lost its spaces: at each turn from lower to upper case,
    and inside a run of one case where wordfreq's words cover it best."""
    out = []
    for part in _CASE_TURN.split(letters):
        out.append(_best_words(part) if len(part) > 3 else part)
    return " ".join(out)


def _best_words(run: str) -> str:
    """The split of ``run`` into common words with the highest total frequency, or ``run``."""
    folded = run.casefold()
    best: list[tuple[float, int] | None] = [None] * (len(run) + 1)
    best[0] = (0.0, 0)
    for end in range(1, len(run) + 1):
        for start in range(max(0, end - 20), end):
            prior = best[start]
            if prior is None:
                continue
            word = folded[start:end]
            score = zipf(word)
            if (len(word) == 1 and word not in "ai") or score < 3.0:
                continue
            total = prior[0] + score - 7.0  # a word costs: fewer, longer words win
            if best[end] is None or total > best[end][0]:  # type: ignore[index]
                best[end] = (total, start)
    if best[-1] is None:
        return run
    cuts, end = [], len(run)
    while end > 0:
        start = best[end][1]  # type: ignore[index]
        cuts.append(run[start:end])
        end = start
    return " ".join(reversed(cuts))


def join_letter_spacing(text: str) -> str:
    """Letter-spaced type as words: PyMuPDF and pdftotext print tracked letters one by one.

    >>> join_letter_spacing("T h e D a i l y L e d g e r · M e d i a O f f i c e")
    'The Daily Ledger · Media Office'
    >>> join_letter_spacing("B R E A K I N G N E W S: a b c and I a m")
    'BREAKING NEWS: a b c and I a m'
    """
    if " " not in text:
        return text
    return _SPACED.sub(lambda m: _segment(m.group(0).replace(" ", "")), text)
