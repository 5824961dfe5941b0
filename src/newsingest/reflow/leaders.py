"""Tables of contents (and lists of figures, indexes, price lists): entries set with leaders.

An entry of such a list is a title, a *leader* of dots running to the right margin, and a page
number; each ends at its number, line after line, so read as running text the whole contents
would be one or two long paragraphs. A run of leader lines is a table instead (``table``
block, one row per entry: title, page), taken out of the running text like the tables the
parser's finder draws (``reflow.pages``). An entry's title that wraps goes with the next
leader line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsingest.reflow.lines import Line
from newsingest.reflow.pagestats import flow

__all__ = ["contents_rows", "leader_runs"]

#: A title, a leader of four dots or more (spaced or not), a page number (arabic or roman).
_LEADER = re.compile(r"^(?P<entry>.*?\S)\s*(?:\.\s?){4,}\s*(?P<page>\d{1,4}|[ivxlcdm]{1,8})$",
                     re.IGNORECASE)
#: Fewer leader lines than this in a row are an entry or two, not a contents list.
_MIN_ENTRIES = 3
#: A wrapped title spans at most this many lines without a leader before its leader line.
_WRAP = 2


def _leader(line: Line) -> bool:
    return _LEADER.match(line.text.strip()) is not None


def leader_runs(lines: Sequence[Line]) -> list[list[int]]:
    """Runs of contents entries (indexes into ``lines``, reading order): consecutive lines of
    one flow, each a leader line or a title wrapped onto the next one, with at least
    ``_MIN_ENTRIES`` leader lines."""
    runs: list[list[int]] = []
    current: list[int] = []
    pending: list[int] = []  # lines without a leader, waiting for their entry's leader line

    def close() -> None:
        if sum(_leader(lines[k]) for k in current) >= _MIN_ENTRIES:
            runs.append(current[:])
        current.clear()

    for k, line in enumerate(lines):
        same = not current or flow(lines[current[-1]]) == flow(line)
        if _leader(line):
            if not same:
                close()
            current.extend(pending)
            pending.clear()
            current.append(k)
        elif current and same and len(pending) < _WRAP:
            pending.append(k)
        else:
            close()
            pending.clear()
    close()
    return runs


def contents_rows(lines: Sequence[Line]) -> tuple[tuple[str, str], ...]:
    """A run's entries as (title, page) rows; a wrapped title's lines are joined."""
    rows: list[tuple[str, str]] = []
    title: list[str] = []
    for line in lines:
        found = _LEADER.match(line.text.strip())
        if found is None:
            title.append(line.text.strip())
            continue
        rows.append((" ".join([*title, found["entry"]]), found["page"]))
        title = []
    return tuple(rows)
