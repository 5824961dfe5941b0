"""Line-final hyphens: which the typesetter made (drop them) and which the author typed (keep).

A hyphen at a line end is either the typesetter's (``hyper-`` + ``connected``: remove it) or the
author's (``so-`` + ``called``: keep it). A wrong join cannot be undone, so the hyphen goes only on
evidence. This module is the one place that decides it, for every parser, in two stages:

* **the typesetter's policy**, read from the whole document (``typesetter_hyphen``,
  ``hyphenating``) and applied per block by ``soften`` and ``soften_breaks``, which mark the
  breaks they prove as soft hyphens (U+00AD). Word processors and layout engines (reportlab,
  LibreOffice, TeX, InDesign) hyphenate with a plain ``-``, text dumps keep it, so the evidence
  is the words themselves:

  - a break whose first part is no word at all (``pedestri-`` + ``anise``) is the typesetter's:
    authors join words, not syllables, in any document;
  - a document that shows a break inside a known word (a part that is a rare word at best,
    ``pub-`` + ``lished``, or a bare suffix, ``discover-`` + ``ers``) is *hyphenating*: its
    typesetter splits words at syllables, so a break that makes a common word when joined
    (``any-`` + ``thing``) is its work too, unless the document writes the hyphenated form;
  - a document whose typesetter proved to hyphenate with another character (U+2010) has only
    authors' hyphens at its line ends.

* **joining** (``join_lines``): a soft hyphen always goes; any other line-final hyphen goes only
  when ``dehyphenate`` finds the joined word attested in the document or in wordfreq's list while
  the hyphenated form is not. Everything else keeps its hyphen (``Amritsar-`` + ``based``).

``join_blocks`` runs both stages over a document's blocks.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Container, Sequence

from newsingest.reflow.vocabulary import zipf

__all__ = [
    "SUFFIXES",
    "dehyphenate",
    "hyphenating",
    "join_blocks",
    "join_lines",
    "soften",
    "soften_breaks",
    "typesetter_hyphen",
    "word_vocabulary",
]

_HYPHENS = "-\u2010"
#: Word endings that are never words of their own, so "develop-" + "ment" is one word.
SUFFIXES = frozenset((
    "ment", "ments", "ing", "ings", "tion", "tions", "sion", "sions", "ness", "ity", "ities",
    "ies", "ied", "ed", "er", "ers", "ly", "ally", "al", "ous", "ive", "ives", "able", "ible",
    "ance", "ence", "ant", "ent", "ism", "ist", "ists", "ize", "ized", "ise", "ised", "ful",
    "less", "ship", "ary", "ery", "ory", "ual", "ure", "ures", "age", "ages",
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


# The typesetter's policy: which breaks the document proves are its typesetter's.

#: A fragment below this Zipf frequency is no word (``pedestri``, ``bouring``).
NO_WORD_ZIPF = 1.0
#: In a hyphenating document, a joined word this common is one word.
KNOWN_ZIPF = 3.0
#: A joined word this common is a word (``discoverers``) ...
KNOWN_JOINED_ZIPF = 2.0
#: ... and a part less common than this is a syllable rather than a word of a compound.
COMMON_ZIPF = 3.0
#: Breaks of the sure kind that make a document hyphenating.
MIN_PROOFS = 1

_BREAK_HEAD = re.compile(r"(?:^|[^\w'’])([^\W\d_]{2,})[-\u2010]$")
_BREAK_TAIL = re.compile(r"^([^\W\d_A-Z][^\W\d_]*)")


def _parts(line: str, nxt: str) -> tuple[str, str, bool] | None:
    """The word fragments around a line-final hyphen, and whether the first follows another
    hyphen (``mid-morn-`` + ``ing``); ``None`` if it is no word break (a digit, a capital
    after it)."""
    body = line.rstrip()
    head = _BREAK_HEAD.search(body)
    tail = _BREAK_TAIL.match(nxt.lstrip())
    if head is None or tail is None or not tail.group(1).islower():
        return None
    start = head.start(1)
    return head.group(1), tail.group(1), start > 0 and body[start - 1] in "-\u2010"


def _sure(head: str, tail: str, vocabulary: Container[str]) -> bool:
    """A break only a typesetter makes: a first part that is no word (``pedestri-``). A
    capitalised one may be a rare name in an author's compound (``Sinopec-backed``)."""
    return head[:1].islower() and zipf(head.casefold()) < NO_WORD_ZIPF and \
        f"{head}-{tail}".casefold() not in vocabulary


def _syllables(head: str, tail: str, vocabulary: Container[str], compound: bool = False
               ) -> bool:
    """A break that splits a known word at a syllable: a part that is a rare word at best
    (``pub-`` + ``lished``), or a bare suffix (``discover-`` + ``ers``). An author's compound
    joins two common words (``south-west``) or makes no word joined (``high-protein``)."""
    head_l, tail_l = head.casefold(), tail.casefold()
    if f"{head_l}-{tail_l}" in vocabulary:
        return False
    if _sure(head, tail, vocabulary):
        return True
    joined = head_l + tail_l
    if not (joined in vocabulary or zipf(joined) >= KNOWN_JOINED_ZIPF):
        return False
    if compound:  # in a hyphenated compound ("Jedi-in-" + "training") only a bare suffix
        return tail_l in SUFFIXES
    return tail_l in SUFFIXES or min(zipf(head_l), zipf(tail_l)) < COMMON_ZIPF


def hyphenating(pairs: Sequence[tuple[str, str]], vocabulary: Container[str]) -> bool:
    """Whether the document's typesetter hyphenates, from its line pairs ``(line, next)`` of
    the same block.

    >>> hyphenating([("the pedestri-", "anise plan"), ("was pub-", "lished")], set())
    True
    >>> hyphenating([("a so-", "called plan"), ("the long-", "term view")], set())
    False
    """
    proofs = 0
    for line, nxt in pairs:
        parts = _parts(line, nxt)
        if parts is not None and _syllables(*parts[:2], vocabulary, parts[2]):
            proofs += 1
            if proofs >= MIN_PROOFS:
                return True
    return False


def _typesetters(head: str, tail: str, compound: bool, vocabulary: Container[str],
                 hyphenates: bool) -> bool:
    if compound:
        return _syllables(head, tail, vocabulary, compound)
    if _sure(head, tail, vocabulary):
        return True
    if not hyphenates:
        return False
    head_l, tail_l = head.casefold(), tail.casefold()
    if f"{head_l}-{tail_l}" in vocabulary:
        return False
    joined = head_l + tail_l
    if head[:1].isupper() and zipf(tail_l) < COMMON_ZIPF:
        return True  # a name split at a syllable ("Wex-" + "ley"); "Trump-" + "era" stays
    return _syllables(head, tail, vocabulary) or joined in vocabulary or \
        zipf(joined) >= KNOWN_ZIPF


def soften_breaks(texts: Sequence[str], vocabulary: Container[str], hyphenates: bool
                  ) -> list[str]:
    """The block's lines with the typesetter's line-final hyphens made soft (U+00AD).

    >>> soften_breaks(["the pedestri-", "anise plan"], set(), False)
    ['the pedestri\\xad', 'anise plan']
    >>> soften_breaks(["for any-", "thing"], set(), True)
    ['for any\\xad', 'thing']
    >>> soften_breaks(["of the Wex-", "ley bridge, a Trump-", "era law"], set(), True)
    ['of the Wex\xad', 'ley bridge, a Trump-', 'era law']
    >>> soften_breaks(["a Sinopec-", "backed firm"], set(), False)
    ['a Sinopec-', 'backed firm']
    >>> soften_breaks(["for any-", "thing"], set(), False)
    ['for any-', 'thing']
    >>> soften_breaks(["the so-", "called"], set(), True)
    ['the so-', 'called']
    >>> soften_breaks(["by mid-morn-", "ing", "a Jedi-in-", "training"], set(), False)
    ['by mid-morn\xad', 'ing', 'a Jedi-in-', 'training']
    """
    out = list(texts)
    for i in range(len(out) - 1):
        parts = _parts(out[i], out[i + 1])
        if parts is not None and _typesetters(*parts, vocabulary, hyphenates):
            out[i] = out[i].rstrip()[:-1] + "\u00ad"
    return out


def typesetter_hyphen(texts: Sequence[str]) -> str | None:
    """The hyphen character the typesetter breaks words with, when the document proves it.

    Chromium (and some other typesetters) hyphenate with U+2010 while authors type U+002D: if
    U+2010 ends lines but never stands inside one, every line-final U+2010 is a break the
    typesetter made, and the word is whole without it.

    >>> typesetter_hyphen(["a perf\u2010", "ormance of a multi-game", "series"])
    '\u2010'
    >>> typesetter_hyphen(["a perf\u2010", "ormance of a multi\u2010game"]) is None
    True
    """
    ends = inside = False
    for text in texts:
        body = text.rstrip()
        if body.endswith("\u2010"):
            ends = True
            body = body[:-1]
        if "\u2010" in body:
            inside = True
    return "\u2010" if ends and not inside else None


def soften(texts: Sequence[str], hyphen: str | None) -> list[str]:
    """Mark the typesetter's line-final hyphens as soft (U+00AD) so ``join_lines`` drops them.

    >>> soften(["perf\u2010", "ormance"], "\u2010")
    ['perf\xad', 'ormance']
    """
    if hyphen is None:
        return list(texts)
    out = list(texts)
    for i in range(len(out) - 1):
        body = out[i].rstrip()
        nxt = out[i + 1].lstrip()
        if body.endswith(hyphen) and body[-2:-1].isalpha() and nxt[:1].islower():
            out[i] = body[: -len(hyphen)] + "\u00ad"
    return out


def join_blocks(blocks: Sequence[Sequence[str]], vocabulary: Container[str]) -> list[str]:
    """Join each block's wrapped lines, dehyphenating with the document's typesetter policy.

    The policy is read once from all blocks (the hyphen character the typesetter proved, and
    whether it breaks words at syllables), then each block's proven breaks are softened and
    ``join_lines`` decides the rest on its own evidence.

    >>> join_blocks([["a pedestri-", "anise plan for any-", "thing"], ["the so-", "called"]],
    ...             set())
    ['a pedestrianise plan for anything', 'the so-called']
    >>> join_blocks([["the Amritsar-", "based firm"]], set())
    ['the Amritsar-based firm']
    """
    typeset = typesetter_hyphen([text for texts in blocks for text in texts])
    softened = [soften(texts, typeset) for texts in blocks]
    hyphenates = typeset is None and hyphenating(
        [pair for texts in softened for pair in itertools.pairwise(texts)], vocabulary)
    return [join_lines(texts if typeset is not None else
                       soften_breaks(texts, vocabulary, hyphenates), vocabulary)
            for texts in softened]
