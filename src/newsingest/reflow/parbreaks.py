"""Whether a dump shows its paragraph breaks: then a line without one goes on with its paragraph.

Dumps differ in what they print between paragraphs. pdfminer prints each text box (a paragraph)
with a blank line after it, pdftotext ``-layout`` prints vertical white as blank rows and
first-line indents as spaces; pdftotext's default and pypdf print nothing between paragraphs
set without white. Where nothing shows, a sentence that ends at the end of a full line is as
likely to end its paragraph as not, and the engine leans on the measured odds; where the dump
shows its breaks, that line goes on. The evidence is the dump's own: lines that clearly end a
paragraph (a sentence end well short of the measure, a capital after it) and what follows
them — a blank line or an indent, or neither. Breaks at a page or a column say nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsingest.reflow.layout import ends_sentence
from newsingest.reflow.widths import text_width

if TYPE_CHECKING:
    from newsingest.reflow.dumps import DumpLine

__all__ = ["breaks_shown"]

#: A line this much short of the measure that ends a sentence clearly ends a paragraph ...
SHORT = 0.8
#: ... and the dump shows its breaks when this share of such ends have a blank or an indent
#: after them ...
SHOWN = 0.8
#: ... out of at least this many.
MIN_ENDS = 3
_OPENERS = "\"'\u201c\u2018\u00ab"


def _width(text: str) -> float:
    return text_width(" ".join(text.split()))


def breaks_shown(lines: Sequence[DumpLine]) -> bool:
    """Whether the dump marks (nearly) every paragraph break with a blank line or an indent.

    >>> from newsingest.reflow.dumps import DumpLine
    >>> para = ["The council voted on Tuesday to close the old harbour road for", "a year."]
    >>> rows = (para + [""]) * 4
    >>> breaks_shown([DumpLine(t, k) for k, t in enumerate(rows)])
    True
    >>> breaks_shown([DumpLine(t, k) for k, t in enumerate(para * 4)])
    False
    """
    widths = sorted(_width(ln.text) for ln in lines if len(ln.text.split()) >= 4)
    if not widths:
        return False
    measure = widths[int(0.9 * (len(widths) - 1))]
    shown = hidden = 0
    for k, line in enumerate(lines):
        text = line.text.strip()
        if len(text.split()) < 2 or not ends_sentence(text) or _width(text) >= SHORT * measure:
            continue
        j, blank = k + 1, False
        while j < len(lines) and not lines[j].text.strip():
            j, blank = j + 1, True
        if j == len(lines) or lines[j].new_page or lines[j].column != line.column:
            continue
        first = lines[j].text.strip()
        if not (first[:1].isupper() or first[:1] in _OPENERS):
            continue
        if blank or (lines[j].indent or 0.0) > 0:
            shown += 1
        else:
            hidden += 1
    return shown + hidden >= MIN_ENDS and shown >= SHOWN * (shown + hidden)
