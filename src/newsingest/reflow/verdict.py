"""What a break rule says about one line break (``reflow.rules``, ``reflow.textrules``)."""

from __future__ import annotations

import enum

__all__ = ["Verdict"]


class Verdict(enum.Enum):
    BREAK = "break"
    JOIN = "join"
    #: join, and the block is prose after all (a "* text" line with a first-line indent)
    JOIN_AS_PROSE = "join-as-prose"
    #: the rule's evidence is absent or says nothing: the next rule decides
    ABSTAIN = "abstain"
