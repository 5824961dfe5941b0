"""Joining the wrapped lines of one block, with evidence-based dehyphenation.

A hyphen at a line end is either the typesetter's (``hyper-`` + ``connected``: remove it) or the
author's (``so-`` + ``called``: keep it). A wrong join cannot be undone, so the hyphen goes only on
evidence: a soft hyphen (the typesetter's by definition), or the joined word attested in the
document itself or in wordfreq's word list while the hyphenated form is not.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence

from newsingest.reflow.vocabulary import zipf

__all__ = ["SUFFIXES", "dehyphenate", "join_lines", "word_vocabulary"]

_HYPHENS = "-\u2010"
#: Word endings that are never words of their own, so "develop-" + "ment" is one word.
SUFFIXES = frozenset((
    "ment", "ments", "ing", "ings", "tion", "tions", "sion", "sions", "ness", "ity", "ities",
    "ies", "ied", "ed", "er", "ers", "ly", "ally", "al", "ous", "ive", "ives", "able", "ible",
    "ance", "ence", "ant", "ent", "ism", "ist", "ists", "ize", "ized", "ise", "ised", "ful",
    "less", "ship",
))
_WORD_HEAD = re.compile(r"^([^\W\d_][\w'’]*)")
_NO_SPACE_BEFORE = set(",.;:!?)]}%’”»")
_LONG = 2000  # lines longer than this are not printed lines; they add no evidence
#: Longer runs of word characters are no word to dehyphenate; joins read this much of the end.
_MAX_WORD = 64
_TAIL = 2 * _MAX_WORD
_WORDS = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?")


def word_vocabulary(texts: Sequence[str]) -> frozenset[str]:
    """Lower-case words (including hyphenated compounds) of ``texts``: the document's own evidence.

    >>> sorted(word_vocabulary(["So-called hyper connected"]))
    ['connected', 'hyper', 'so-called']
    """
    return frozenset(m.group(0).casefold() for text in texts if len(text) <= _LONG
                     for m in _WORDS.finditer(text))


def dehyphenate(head: str, tail: str, vocabulary: Container[str] = frozenset()) -> bool:
    """Whether ``head-`` at a line end and ``tail`` on the next line form one unhyphenated word.

    ``head`` and ``tail`` are the word fragments around the hyphen. The document's own words
    (``vocabulary``, lower case) decide first; then wordfreq: the joined word must be common
    (Zipf >= 3) while the tail is not a common word on its own (``co-`` + ``author``,
    ``hyper-`` + ``connected`` are compounds as often as not). Capitalised tails
    (``Indo-Pacific``) and fragments that already contain a hyphen (``Jedi-in-``) keep it.

    >>> dehyphenate("devel", "opment")
    True
    >>> dehyphenate("hyper", "connected", {"hyperconnected"})
    True
    >>> dehyphenate("so", "called")
    False
    >>> dehyphenate("n", "tridecanal")
    False
    """
    if not head or not tail or tail[0].isupper() or "-" in head or len(head) < 2:
        return False
    joined = (head + tail).casefold()
    hyphenated = f"{head}-{tail}".casefold()
    if hyphenated in vocabulary:
        return False
    if joined in vocabulary:
        return True
    suffix = tail.casefold() in SUFFIXES
    return zipf(joined) >= 3.0 and (suffix or zipf(tail.casefold()) < 3.0)


def _last_word(text: str) -> str | None:
    """The word ``text`` ends with (letters first, then word characters, ``'`` and ``-``).

    Only the end of ``text`` is read, and at most ``_MAX_WORD`` characters of it: a longer run is
    no word (``None``), which keeps joining linear in the length of the block.

    >>> _last_word("the so-called 15-inch"), _last_word("a 2024"), _last_word("x" * 99)
    ('inch', None, None)
    """
    start = len(text)
    while start > 0 and len(text) - start <= _MAX_WORD and \
            (text[start - 1].isalnum() or text[start - 1] in "_'’-"):
        start -= 1
    if len(text) - start > _MAX_WORD:
        return None
    for k in range(start, len(text)):
        if text[k].isalnum() and not text[k].isdecimal():
            return text[k:]
    return None


def _end(parts: Sequence[str]) -> str:
    """The last ``_TAIL`` characters of ``"".join(parts)`` (parts are non-empty), read cheaply."""
    out: list[str] = []
    size = 0
    for part in reversed(parts):
        out.append(part[-_TAIL:])
        size += len(out[-1])
        if size >= _TAIL:
            break
    return "".join(reversed(out))[-_TAIL:]


def _separator(left: str, right: str, vocabulary: Container[str]) -> tuple[bool, str]:
    """How ``right`` joins a block ending in ``left`` (its last characters): whether the
    block's final hyphen goes (a typesetter's), and the glue between (a space, or nothing)."""
    if left[-1] in _HYPHENS and len(left) >= 2 and left[-2].isalnum() and right[0].isalnum():
        head = _last_word(left[:-1])
        tail_match = _WORD_HEAD.match(right)
        if head and tail_match and dehyphenate(head, tail_match.group(1), vocabulary):
            return True, ""
        return False, ""  # the author's hyphen ("15-inch", "so-called") stays, no space
    if right[0] in _NO_SPACE_BEFORE or (right[0] in "'’" and right[1:2].islower()) or \
            (left[-1] in "—–/" and left[-2:-1].isalnum()) or \
            (right[0] in _HYPHENS and right[1:2].isalpha() and left[-1].isalnum()):
        return False, ""  # "China" / "-sympathetic": the hyphen went to the next line
    return False, " "


def join_lines(texts: Sequence[str], vocabulary: Container[str] | None = None) -> str:
    """Join the wrapped lines of one block into one string.

    Whitespace inside and around lines is folded to single spaces. A line-final soft hyphen
    (U+00AD) always joins without a hyphen; a line-final ``-`` or U+2010 joins without it only when
    ``dehyphenate`` finds evidence, and is kept otherwise (``so-called``). A line starting with
    closing punctuation attaches without a space. ``vocabulary`` defaults to the words of
    ``texts`` themselves; pass the whole document's for better evidence.

    Each join looks only at the last characters joined so far, so the time is linear in the
    length of the block (a dump without a blank line is one block of megabytes).

    >>> join_lines(["rapid devel-", "opment, the 15-", "inch model"])
    'rapid development, the 15-inch model'
    >>> join_lines(["the so-", "called war", ", and more"])
    'the so-called war, and more'
    >>> join_lines(["explo\\u00ad", "ration"])
    'exploration'
    >>> join_lines(["otherwise China", "-sympathetic interests"])
    'otherwise China-sympathetic interests'
    """
    lines = [" ".join(text.split()) for text in texts]
    if vocabulary is None:
        vocabulary = word_vocabulary(lines)
    parts: list[str] = []  # non-empty strings: lines and the glue between them
    for line in lines:
        if not line:
            continue
        if parts and parts[-1].endswith("\u00ad"):  # a soft hyphen joins as it stands
            parts[-1] = parts[-1].rstrip("\u00ad")
            if not parts[-1]:
                parts.pop()
        elif parts:
            drop, glue = _separator(_end(parts), line, vocabulary)
            if drop:
                parts[-1] = parts[-1][:-1]
                if not parts[-1]:
                    parts.pop()
            if glue:
                parts.append(glue)
        parts.append(line)
    return "".join(parts).replace("\u00ad", "")
