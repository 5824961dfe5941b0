"""Which line-final hyphens the typesetter made, from what the document and the language show.

The shared ``join_lines`` keeps a line-final hyphen unless it has evidence the word is whole
without it, and it must be careful: a text dump has no other evidence. A PDF has more. Word
processors and layout engines (reportlab, LibreOffice, TeX, InDesign) hyphenate with a plain
``-``, so the question is asked of every break before ``join_lines`` sees it:

* a break whose first part is no word at all (``pedestri-`` + ``anise``) is the typesetter's:
  authors join words, not syllables — in any document;
* a document that shows a break inside a known word — a part that is a rare word at best
  (``pub-`` + ``lished``) or a bare suffix (``discover-`` + ``ers``) — is *hyphenating*: its
  typesetter splits words at syllables, so a break that makes a common word when joined
  (``any-`` + ``thing``, ``re-`` + ``served``) is its work too, unless the document itself
  writes the hyphenated form elsewhere;
* a document whose typesetter proved to hyphenate with another character (U+2010, see
  ``typesetter_hyphen``) has only authors' hyphens at its line ends.

Breaks the rules take are marked as soft hyphens (U+00AD), which ``join_lines`` drops; the rest
are left for its own, more careful rule.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Container, Sequence

__all__ = ["hyphenating", "soften", "soften_breaks", "typesetter_hyphen"]

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

_SUFFIXES = frozenset((
    "ment", "ments", "ing", "ings", "tion", "tions", "sion", "sions", "ness", "ity", "ities",
    "ies", "ied", "ed", "er", "ers", "ly", "ally", "al", "ous", "ive", "ives", "able", "ible",
    "ance", "ence", "ant", "ent", "ism", "ist", "ists", "ize", "ized", "ise", "ised", "ful",
    "less", "ship", "ary", "ery", "ory", "ual", "ure", "ures", "age", "ages",
))
_HEAD = re.compile(r"(?:^|[^\w'’])([^\W\d_]{2,})[-\u2010]$")
_TAIL = re.compile(r"^([^\W\d_A-Z][^\W\d_]*)")


@functools.lru_cache(maxsize=8192)
def zipf(word: str) -> float:
    """How common an English word is (wordfreq's Zipf scale, 0 for unknown)."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return 0.0
    return float(zipf_frequency(word, "en"))


def _parts(line: str, nxt: str) -> tuple[str, str, bool] | None:
    """The word fragments around a line-final hyphen, and whether the first follows another
    hyphen (``mid-morn-`` + ``ing``); ``None`` if it is no word break (a digit, a capital
    after it)."""
    body = line.rstrip()
    head = _HEAD.search(body)
    tail = _TAIL.match(nxt.lstrip())
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
        return tail_l in _SUFFIXES
    return tail_l in _SUFFIXES or min(zipf(head_l), zipf(tail_l)) < COMMON_ZIPF


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
