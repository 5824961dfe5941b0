"""Drop caps: a paragraph's first letter set large beside its first lines.

Magazine and newspaper typesetters (InDesign, QuarkXPress, LaTeX's lettrine) set the first
letter of a story two or three lines tall, and indent the lines beside it. Read as drawn, the
letter lands in the row of whichever line its middle is nearest ("grand-O father") and the
indented lines look like a quote. Here the letter goes back in front of the first line's first
word, and the lines beside it reach out to the column edge, where the letter stood (their
first glyph is widened: their right ends, which tell a full line, stay where they are).
"""

from __future__ import annotations

from collections.abc import Sequence

from newsingest.parsers.pdf.chars import SEGMENT_GAP, Glyph

__all__ = ["place_drop_caps"]

#: A drop cap is at least this many times the size of the text beside it.
CAP_RATIO = 1.8
#: The text beside it starts at most this many ems (of that text) right of it.
CAP_GAP_EMS = 1.5


def _beside(row: Sequence[Glyph], cap: Glyph) -> list[Glyph]:
    """The glyphs of ``row`` that continue right after ``cap``, up to the next wide white."""
    out: list[Glyph] = []
    for g in row:
        if g is cap or g.x0 < cap.x1 - 0.5:
            continue
        if out and g.x0 - out[-1].x1 > SEGMENT_GAP * g.size:
            break
        if not out and (g.x0 - cap.x1 > CAP_GAP_EMS * g.size or g.size * CAP_RATIO > cap.size):
            return []
        out.append(g)
    return out


def _is_cap(g: Glyph, row: Sequence[Glyph]) -> bool:
    small = [h.size for h in row if h is not g]
    return (len(g.text) == 1 and (g.text.isupper() or g.text.isdigit()) and bool(small)
            and g.size >= CAP_RATIO * sorted(small)[len(small) // 2])


def place_drop_caps(rows: list[list[Glyph]]) -> list[list[Glyph]]:
    """Rows (top to bottom, glyphs left to right) with every drop cap put back in its word.

    A cap needs two or more rows beside it whose text starts at one x just right of it; the
    rows beside it reach left to where the cap stood, and the cap becomes the first glyph of
    the top one, in its size, just before it.
    """
    for index, row in enumerate(rows):
        for cap in [g for g in row if _is_cap(g, row)]:
            near = [(n, _beside(rows[n], cap)) for n in range(max(0, index - 3),
                                                              min(len(rows), index + 4))]
            near = [(n, glyphs) for n, glyphs in near if glyphs
                    and cap.top - 1 <= (glyphs[0].top + glyphs[0].bottom) / 2 <= cap.bottom + 1]
            if len(near) < 2 or max(g[0].x0 for _, g in near) - min(g[0].x0 for _, g in near) > 1:
                continue
            for n, glyphs in near:  # each line's first glyph reaches back to the edge
                lead = glyphs[0]
                rows[n] = [g._replace(x0=cap.x0) if g is lead else g
                           for g in rows[n] if g is not cap]
            first = near[0][1][0]
            width = 0.6 * first.size
            letter = Glyph(cap.text, cap.x0 - width, cap.x0, first.top, first.bottom, first.size,
                           first.font)
            top = near[0][0]
            rows[top] = sorted([*rows[top], letter], key=lambda g: g.x0)
            if index != top and cap in rows[index]:
                rows[index] = [g for g in rows[index] if g is not cap]
    return [row for row in rows if row]
