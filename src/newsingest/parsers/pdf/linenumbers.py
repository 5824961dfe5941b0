"""Line numbers in the page margin: a column of counting integers, not text.

Court transcripts, pleading paper, legislative bills and manuscripts under review number their
lines in the margin. Read as text, each number glues onto its line ("17 Angeles, Cal.") or
stands as a line of its own, and every line becomes a block. What makes them line numbers is
their form and place together: a bare integer first (or last) on its row, one more than the
one on the numbered row above, all aligned on one edge, with the rows' own text clear of them
— over many rows, and either numbering blank lines too (a number alone on its row) or nearly
every row of their span. A numbered list has markers ("1.", "2)") or items that wrap onto
unnumbered rows; it is neither.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsingest.parsers.pdf.chars import Row, Word

__all__ = ["split_line_numbers"]

#: A run of at least this many numbered rows is line numbering ...
MIN_RUN = 5
#: ... if some number stands alone on its row (a numbered blank line); without one, the run
#: must be this long and number this share of the rows in its span.
MIN_RUN_DENSE = 8
DENSE_SHARE = 0.8
#: Numbers of one column align on an edge within this many points.
ALIGN_PT = 1.5
#: The row's own text starts at least this many ems clear of its number.
CLEAR_EMS = 0.5

_NUMBER = re.compile(r"^\d{1,4}$")


def _candidate(row: Row, side: str) -> tuple[int, Word, bool] | None:
    """The row's first (or last) word when it is a bare integer set clear of the rest."""
    seg = row.segments[0] if side == "left" else row.segments[-1]
    word = seg[0] if side == "left" else seg[-1]
    if not _NUMBER.match(word.text):
        return None
    words = [w for s in row.segments for w in s]
    if len(words) == 1:
        return int(word.text), word, True
    other = words[1] if side == "left" else words[-2]
    white = other.x0 - word.x1 if side == "left" else word.x0 - other.x1
    if white < CLEAR_EMS * word.size:
        return None
    return int(word.text), word, False


def _edge(word: Word, side: str) -> float:
    return word.x1 if side == "left" else word.x0


def _runs(rows: Sequence[Row], side: str) -> list[list[int]]:
    """Chains of row indexes whose numbers count up by one on one aligned edge."""
    found: list[tuple[int, int, Word]] = []
    for n, row in enumerate(rows):
        cand = _candidate(row, side)
        if cand is not None:
            found.append((n, cand[0], cand[1]))
    chains: list[list[tuple[int, int, Word]]] = []
    for item in found:
        for chain in chains:
            _, value, word = chain[-1]
            if item[1] == value + 1 and abs(_edge(item[2], side) - _edge(word, side)) <= ALIGN_PT:
                chain.append(item)
                break
        else:
            chains.append([item])
    return [[n for n, _, _ in chain] for chain in chains]


def _numbering(rows: Sequence[Row], run: Sequence[int], side: str) -> bool:
    alone = any(len(rows[n].segments) == 1 and len(rows[n].segments[0]) == 1 for n in run)
    span = run[-1] - run[0] + 1
    if len(run) < MIN_RUN or not (alone or (len(run) >= MIN_RUN_DENSE
                                            and len(run) >= DENSE_SHARE * span)):
        return False
    # the numbers stand outside the text of their rows: no row's text reaches past them
    words = [_number_word(rows[n], side) for n in run]
    others = [w for n, number in zip(run, words, strict=True)
              for seg in rows[n].segments for w in seg if w is not number]
    if side == "left":
        edge = max(w.x1 for w in words)
        return all(w.x0 >= edge for w in others)
    edge = min(w.x0 for w in words)
    return all(w.x1 <= edge for w in others)


def _number_word(row: Row, side: str) -> Word:
    return row.segments[0][0] if side == "left" else row.segments[-1][-1]


def _without(row: Row, side: str) -> Row | None:
    """The row with its margin number taken off (``None`` when nothing else is on it)."""
    segs = list(row.segments)
    hard = list(row.hard)
    k = 0 if side == "left" else len(segs) - 1
    rest = segs[k][1:] if side == "left" else segs[k][:-1]
    if rest:
        segs[k] = rest
    else:
        del segs[k]
        if hard:
            del hard[0 if side == "left" else len(hard) - 1]
    return Row(tuple(segs), tuple(hard)) if segs else None


def split_line_numbers(rows: Sequence[Row]) -> tuple[list[Row], list[Word]]:
    """The page's rows without their margin line numbers, and those numbers (top to bottom)."""
    out: list[Row | None] = list(rows)
    numbers: list[tuple[int, Word]] = []
    for side in ("left", "right"):
        current = [row for row in out if row is not None]
        index = [n for n, row in enumerate(out) if row is not None]
        for run in _runs(current, side):
            if not _numbering(current, run, side):
                continue
            for n in run:
                row = current[n]
                numbers.append((index[n], _number_word(row, side)))
                out[index[n]] = _without(row, side)
    numbers.sort(key=lambda item: item[0])
    return [row for row in out if row is not None], [word for _, word in numbers]
