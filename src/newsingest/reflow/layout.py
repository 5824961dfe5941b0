"""What a line's words say about a line break, whatever else the line carries.

Sentence ends, a line that continues a sentence (lower case), a line in capitals, a line
ending in a word no sentence ends with: the text evidence every break rule can read, for PDF
lines (``reflow.rules``) and text lines (``reflow.textrules``) alike.
"""

from __future__ import annotations

import re

from newsingest.reflow.widths import text_width

__all__ = ["FUNCTION_WORD", "MONTH_END", "SPACE", "ends_sentence", "first_word", "headline_words",
           "shouting", "starts_lower"]

_TERMINAL = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
#: A line ending in one of these ends with an abbreviation, not a sentence ("said Rep." / "Brian").
_ABBREVIATION = re.compile(
    r"(?:^|\s)(?:[A-Z]|Mr|Mrs|Ms|Dr|Prof|Rep|Sen|Gov|Gen|Lt|Col|Sgt|Capt|St|Rev|Hon|Jr|Sr|Inc"
    r"|Corp|Co|No|Vol|U\.S|U\.N|U\.K|e\.g|i\.e|vs|approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct"
    r"|Nov|Dec)\.$"
)
SPACE = text_width(" ")
#: Lines ending in a word that cannot end a sentence continue on the next line.
FUNCTION_WORD = re.compile(
    r"(?:^|\s)(?:a|an|the|of|to|in|into|for|and|or|but|nor|with|at|by|from|on|as|that|than|"
    r"his|her|its|their|our|my|your|this|these|those|former|is|are|was|were|be|been|has|have|"
    r"had|will|would|who|which|whose|de|da|do|la|le|les|el|los|und|der|die|das|den|dem|des|"
    r"ein|eine|il|di|del|della|e|et|y|o|em|no|na|com|para|por)$",
)
MONTH_END = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)$"
)


def ends_sentence(text: str) -> bool:
    """Whether a line ends like a sentence or a quotation does.

    >>> ends_sentence("in the email."), ends_sentence("the ongoing Ukraine")
    (True, False)
    >>> ends_sentence("“he said,”"), ends_sentence("a quote.”"), ends_sentence("said Rep.")
    (False, True, False)
    """
    text = text.rstrip()
    return bool(_TERMINAL.search(text)) and not _ABBREVIATION.search(text)


def starts_lower(text: str) -> bool:
    """A line that continues a sentence: lower case ("eZ", "iPhone" are names) or closing marks."""
    word = first_word(text)
    if not word or word in ("...", "…"):
        return False  # "... Penn State quarterback": an ellipsis leads a new item
    if word[0] in "'’" and word[1:2].islower():  # "'s Conservative Party" after "Britain"
        return True
    return (word[0].islower() and not any(ch.isupper() for ch in word)) or word[0] in ",.;:)]}%"


def shouting(text: str) -> bool:
    """A line in capitals, two words or more, no sentence end: a heading or a kicker.

    >>> shouting("CLICK FOR FULL RESULTS"), shouting("The NFL and NBA"), shouting("USA.")
    (True, False, False)
    """
    letters = [ch for ch in text if ch.isalpha()]
    return len(text.split()) >= 2 and len(letters) >= 6 and \
        all(ch.isupper() for ch in letters) and not ends_sentence(text)


def first_word(text: str) -> str:
    parts = text.split(maxsplit=1)
    return parts[0] if parts else ""


def headline_words(text: str) -> bool:
    """Four-letter words capitalised, nearly all: a title, not a quoted sentence."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’\-]*", text) if len(w) >= 4]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.8 * len(words)
