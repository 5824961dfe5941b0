"""Code listings: runs of lines set in a monospaced font inside proportional text.

A report or paper sets its prose in a proportional font and its code, commands and SQL in a
monospaced one; a listing's line breaks and indents are its content, so it must not be
reflowed into a paragraph. The parser measures each line's *pitch* (the advance every glyph
shares, ``Line.pitch``); the engine finds the listings here, and ``reflow.rules`` keeps a
listing's lines together and apart from the prose (``code_listing``).

Evidence and its limits:

- a line *proves* a pitch when it has enough different Latin letters (``_PROOF_LETTERS``;
  Chinese, Japanese and Korean type set every character on one pitch anyway): a few
  glyphs of equal width ("}", "2020", tabular figures) prove nothing alone, but they belong to
  a listing next to a proven line of the same pitch;
- a document typed in a monospaced font (a typewriter-style release, a court transcript) has
  no listings: when monospaced lines hold most of the body's characters (``_BODY_SHARE``),
  none is code.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsingest.reflow.lines import Line
from newsingest.reflow.pagestats import box, flow

__all__ = ["code_lines", "code_text"]

#: A line with this many different letters, all glyphs of one advance, is monospaced.
_PROOF_LETTERS = 3
#: Monospaced lines holding this share of the body's characters are its own font, not code.
_BODY_SHARE = 0.5
#: Pitches within this share of each other are one font's.
_SAME_PITCH = 0.03


def _proves(line: Line) -> bool:
    """Latin letters only: CJK scripts set every character on one pitch, code or not."""
    return line.pitch is not None and \
        len({ch for ch in line.text if ch.isascii() and ch.isalpha()}) >= _PROOF_LETTERS


def _same(a: Line, b: Line) -> bool:
    return a.pitch is not None and b.pitch is not None and \
        abs(a.pitch - b.pitch) <= _SAME_PITCH * max(a.pitch, b.pitch) and flow(a) == flow(b)


def code_lines(lines: Sequence[Line]) -> frozenset[int]:
    """The indexes of the lines (reading order) that belong to code listings: proven
    monospaced lines, and the unproven lines of the same pitch next to them in their flow."""
    proven = [k for k, line in enumerate(lines) if _proves(line)]
    monospaced = sum(len(line.text) for line in lines if line.pitch is not None)
    if not proven or monospaced > _BODY_SHARE * sum(len(line.text) for line in lines):
        return frozenset()
    code = set(proven)
    for start in proven:
        for step in (-1, 1):
            k = start + step
            while 0 <= k < len(lines) and k not in code and _same(lines[k], lines[start]):
                code.add(k)
                k += step
    return frozenset(lines[k].index for k in code)


def code_text(lines: Sequence[Line]) -> str:
    """A listing's text: one line per line, each indented by as many spaces as its start
    lies pitches right of the listing's leftmost line."""
    left = min(box(line)[0] for line in lines)
    out = []
    for line in lines:
        pitch = line.pitch or 1.0
        out.append(" " * max(0, round((box(line)[0] - left) / pitch)) + line.text)
    return "\n".join(out)
