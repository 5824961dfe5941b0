"""Emoji an extractor printed apart from their line, put back where the line was cut for them.

Chromium draws an emoji (a flag, a pictograph) with a font of its own, and pdftotext reads it
as a text block of its own: the emoji comes out on a line alone, between blank lines, before
or after the paragraph it stood in, and the printed line it stood in comes out cut in two at
its place ("the former special envoy to Ukraine" / ", and Tim Morrison, a former"). The cut
shows in the widths: the two pieces and the emoji together fill one line of the measure,
while the rest after the emoji does not. The emoji goes back into the best cut in the
paragraph after it or the one before: one whose rest starts with closing punctuation (no
printed line does), else the nearest; and the two pieces become one line again.
Where no cut fits, nothing changes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

import attrs

from newsingest.reflow.widths import text_width

if TYPE_CHECKING:
    from newsingest.reflow.dumps import DumpLine

__all__ = ["place_emoji"]

_EMOJI = re.compile("[\U0001F1E6-\U0001F1FF\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F\u200D]+")
#: The two pieces and the emoji fill the measure within these shares of it ...
FILL = (0.85, 1.1)
#: ... and the rest of the line after the emoji falls short of it by this share at least.
PIECE = 0.9
#: Blank lines that may stand between the emoji and its paragraph.
GAP = 2
_EMOJI_EMS = 1.2
#: What follows an emoji without a space ("Britain 🇬🇧's", "China 🇨🇳-sympathetic").
_CLOSE_UP = frozenset(",.;:!?)]}'\u2019\"\u201d-\u2010")


def _emoji_only(text: str) -> bool:
    return bool(text.strip()) and _EMOJI.fullmatch(text.strip()) is not None


def _width(text: str) -> float:
    return text_width(" ".join(text.split()))


def _measure(lines: Sequence[DumpLine]) -> float:
    widths = sorted(_width(ln.text) for ln in lines if len(ln.text.split()) >= 4)
    return widths[int(0.9 * (len(widths) - 1))] if widths else 0.0


def _run(lines: Sequence[DumpLine], at: int, step: int) -> list[int]:
    """The lines of the paragraph next to line ``at`` in direction ``step`` (+1 or -1)."""
    k, blanks = at + step, 0
    while 0 <= k < len(lines) and not lines[k].text.strip() and blanks < GAP:
        k, blanks = k + step, blanks + 1
    run: list[int] = []
    while 0 <= k < len(lines) and lines[k].text.strip() and not _emoji_only(lines[k].text):
        run.append(k)
        k += step
    return sorted(run)


def _cuts(lines: Sequence[DumpLine], run: Sequence[int], measure: float, at: int
          ) -> list[tuple[int, int, float, int]]:
    """The places in ``run`` where the emoji at line ``at`` may have cut its line, best first:
    (0 when the rest starts with closing punctuation, which no printed line does, else 1;
    the distance from the emoji in lines; the rest's width; the line before the cut)."""
    out = []
    for a, b in pairwise(run):
        if lines[b].new_page:
            continue
        wa, wb = _width(lines[a].text), _width(lines[b].text)
        if wb >= PIECE * measure or not FILL[0] <= (wa + wb + _EMOJI_EMS) / measure <= FILL[1]:
            continue
        closes = lines[b].text.strip()[:1] in _CLOSE_UP
        out.append((0 if closes else 1, abs(a - at), wb, a))
    return sorted(out)


def place_emoji(lines: list[DumpLine]) -> list[DumpLine]:
    """Each emoji printed on a line of its own put back into the cut it left in its line.

    >>> from newsingest.reflow.dumps import DumpLine
    >>> full = "National Security Council official, testified side-by-side before the House"
    >>> rows = ["\\U0001F1FA\\U0001F1E6", "", "Kurt Volker, the former special envoy to Ukraine",
    ...         ", and Tim Morrison, a former", full, full, full, "Committee on Tuesday."]
    >>> [d.text for d in place_emoji([DumpLine(t, k) for k, t in enumerate(rows)])][:3]
    ['', '', 'Kurt Volker, the former special envoy to Ukraine \\U0001f1fa\\U0001f1e6, and Tim \
Morrison, a former']
    """
    if not any(_emoji_only(ln.text) for ln in lines):
        return lines
    measure = _measure(lines)
    if measure <= 0:
        return lines
    # every emoji's possible cuts in the paragraphs after and before it, best first (pdftotext
    # prints the emoji's block before or after its paragraph's), each cut used once
    found = sorted((*cut[:3], e, cut[3]) for e, line in enumerate(lines)
                   if _emoji_only(line.text) for step in (1, -1)
                   for cut in _cuts(lines, _run(lines, e, step), measure, e))
    taken: set[int] = set()
    moves: dict[int, tuple[int, str]] = {}  # cut line -> (emoji line, emoji)
    for *_, e, cut in found:
        if e in taken or cut in taken or cut + 1 in taken:
            continue
        moves[cut] = (e, lines[e].text.strip())
        taken.update((e, cut, cut + 1))
    if not moves:
        return lines
    gone = {e for e, _ in moves.values()} | {cut + 1 for cut in moves}
    out: list[DumpLine] = []
    for k, line in enumerate(lines):
        if k in moves:
            rest = lines[k + 1].text.strip()
            glue = "" if rest[:1] in _CLOSE_UP else " "
            line = attrs.evolve(line, text=f"{line.text.rstrip()} {moves[k][1]}{glue}{rest}")
        elif k in gone:
            if k in {e for e, _ in moves.values()}:
                line = attrs.evolve(line, text="")  # the row stays, blank: it was the emoji's
            else:
                continue
        out.append(line)
    return out
