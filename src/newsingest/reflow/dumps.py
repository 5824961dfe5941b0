"""Text dumps as extractors print them: pages, columns set side by side, indents kept as spaces.

Extractors disagree on what a dump looks like. pdftotext, PyMuPDF and pdfminer end a page with a
form feed; pdftotext ``-layout`` (and pdfplumber's ``layout=True``) print the page as a grid of
characters, so a two-column page comes out with both columns on each row, a gutter of spaces
between them, and a paragraph's first-line indent as leading spaces. The reflow engine wants
lines in reading order, so ``read_dump`` turns the rows of a dump into lines: each column of a
band of rows read top to bottom before the next, the leading spaces turned into indent evidence.
Dumps without such a grid pass through unchanged (one line per row, no indent evidence).

The evidence for a gutter is the grid itself: character positions that are blank on every row
of a band while text stands on both sides of them on many rows. Prose never shows that (word
gaps do not line up, and pdftotext pads a justified line with spaces but not at the same place
on every row), and a headline that spans the columns breaks the band instead of the gutter.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

import attrs

from newsingest.reflow.dumppages import infer_pages
from newsingest.reflow.emoji import place_emoji
from newsingest.reflow.markers import list_marker
from newsingest.reflow.parbreaks import breaks_shown

__all__ = ["CELL_POINTS", "DumpLine", "gutters", "read_dump"]

#: A grid cell of a layout dump is about half an em of the body type; indents are given in
#: points of a 10 pt body, the unit the engine reads layout indents in.
CELL_POINTS = 5.0
#: A gutter is at least this many blank cells wide ...
MIN_GUTTER = 2
#: ... with text left and right of it on at least this share of the page's rows (an
#: article's last page often ends with a short last column: 0.3 missed those) ...
MIN_SIDE = 0.15
#: ... and on both sides of it on at least this many rows of a band.
MIN_BOTH = 3
#: Rows that may cross a gutter (a headline or byline over both columns), as a share of a page.
MAX_CROSSING = 0.1
#: Columns of prose: the median line of each column of a band has this many characters (the
#: cells of a table are narrower, and a table is read row by row).
MIN_COLUMN = 12
#: Leading spaces deeper than this many cells past the column's edge are centring, not an indent.
MAX_INDENT = 12


@attrs.frozen
class DumpLine:
    """One line of a dump in reading order: its text (leading spaces of its column removed when
    they became ``indent``), the 0-based row it came from, and the evidence the grid gave."""

    text: str
    origin: int
    new_page: bool | None = None
    column: int | None = None
    indent: float | None = None
    #: True when the dump marks its paragraph breaks (``reflow.parbreaks``): the same for
    #: every line of a dump.
    breaks_shown: bool | None = None


#: Text, a run of spaces as wide as a gutter, text: a row that may show a gutter.
_SPREAD = re.compile(rf"\S {{{MIN_GUTTER},}}\S")


def _lead(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def gutters(rows: Sequence[str]) -> tuple[tuple[int, int], ...]:
    """The ``(start, end)`` character ranges that separate columns on a page of a layout dump.

    >>> page = [f"{'left column text %d' % n:<24}right column text {n}" for n in range(8)]
    >>> gutters(page)
    ((18, 24),)
    >>> gutters(["a line of prose with  two spaces", "and another line of prose"] * 4)
    ()
    """
    content = [row for row in rows if row.strip()]
    if len(content) < 2 * MIN_BOTH:
        return ()
    width = max(len(row) for row in content)
    # A row of one run of text (a headline, a byline, a folio, a line of one column) can
    # only cross a gutter, never show one: on a short page a few such rows would hide it.
    spread = [row for row in content if _SPREAD.search(row.strip())]
    counted = spread if len(spread) >= 2 * MIN_BOTH else content
    occupied = [0] * width
    for row in counted:
        for k, ch in enumerate(row):
            if ch != " ":
                occupied[k] += 1
    found: list[tuple[int, int]] = []
    start = None
    crossing = MAX_CROSSING * len(counted)  # rows over the gutter: headlines, bylines
    for k in range(width + 1):
        blank = k < width and occupied[k] <= crossing
        if blank and start is None:
            start = k
        elif not blank and start is not None:
            if k - start >= MIN_GUTTER and k < width and _sides(content, start, k):
                found.append((start, k))
            start = None
    return tuple(found)


def _sides(rows: Sequence[str], start: int, end: int) -> bool:
    left = sum(1 for row in rows if row[:start].strip())
    right = sum(1 for row in rows if row[end:].strip())
    both = sum(1 for row in rows if row[:start].strip() and row[end:].strip())
    return min(left, right) >= MIN_SIDE * len(rows) and both >= MIN_BOTH


def _segments(row: str, cuts: Sequence[tuple[int, int]]) -> list[str] | None:
    """The row's text in each column, or ``None`` when it runs across a gutter (a headline).

    A column's text keeps its leading spaces counted from where the gutter before it starts,
    so its indents compare with its other rows'. Text may reach into a gutter, which is found
    from the page as a whole: a row crosses only where no run of spaces separates its columns.

    >>> _segments("left text   right text", [(9, 12)])
    ['left text', '   right text']
    >>> _segments("a headline over both columns", [(9, 12)]) is None
    True
    >>> _segments("left texts", [(9, 12)])
    ['left texts', '']
    """
    out: list[str] = []
    at = 0
    for start, end in cuts:
        rest = row[at:]
        if not row[end:].strip():  # nothing right of the gutter: the rest is this column's
            out.append(rest.rstrip())
            at = len(row)
            continue
        gap = _gap(row, at, start, end)
        if gap is None:
            return None
        out.append(row[at:gap[0]].rstrip())
        first = gap[1]
        at = min(first, start) if first >= start else first
        if first > start:  # keep the spaces past the gutter's start: they are the indent
            row = row[:start] + " " * (first - start) + row[first:]
            at = start
    out.append(row[at:].rstrip())
    return out


def _gap(row: str, at: int, start: int, end: int) -> tuple[int, int] | None:
    """The run of spaces (start, first character after it) that separates the columns of ``row``
    around the gutter ``start``-``end``; ``None`` if text runs through."""
    if not row[at:start].strip():  # nothing left of the gutter in this column
        first = len(row) - len(row[at:].lstrip()) if row[at:].strip() else len(row)
        return at, first
    k = start
    while k > at and row[k - 1] != " ":
        k -= 1  # text that reaches into the gutter from the left
    best = None
    j = max(at, start - 1) if k == start else k
    while j < min(len(row), end + 2):
        if row[j] == " ":
            run_end = j
            while run_end < len(row) and row[run_end] == " ":
                run_end += 1
            if run_end - j >= MIN_GUTTER and (best is None or run_end - j > best[1] - best[0]):
                best = (j, run_end)
            j = run_end
        else:
            j += 1
    return best


_Placed = tuple[int, str, "int | None", bool]


def _page_lines(rows: Sequence[str], first: int) -> list[_Placed]:
    """(row, text with its column's spaces, column, whether the row had other columns' text)
    in reading order for one page's rows."""
    cuts = gutters(rows)
    if not cuts:
        return [(first + k, row, None, False) for k, row in enumerate(rows)]
    out: list[_Placed] = []
    band: list[int] = []

    def flush() -> None:
        segs = {k: s for k in band if (s := _segments(rows[k], cuts)) is not None}
        if sum(1 for s in segs.values() if sum(1 for x in s if x.strip()) >= 2) < 2 or \
                not _prose(list(segs.values()), len(cuts) + 1):
            out.extend((first + k, rows[k], None, False) for k in band)
        else:
            for column in range(len(cuts) + 1):
                for k, s in segs.items():
                    shared = sum(1 for x in s if x.strip()) >= 2
                    if s[column].strip():
                        out.append((first + k, s[column].rstrip(), column, shared))
                    elif not rows[k].strip() and (not out or out[-1][1].strip()):
                        out.append((first + k, "", column, False))
        band.clear()

    for k, row in enumerate(rows):
        if _segments(row, cuts) is None:
            flush()  # a row across the gutter (a headline over both columns) ends the band
            out.append((first + k, row, None, False))
        else:
            band.append(k)
    flush()
    return out


def _prose(segs: Sequence[Sequence[str]], columns: int) -> bool:
    """Whether every column of a band holds lines of prose, not the cells of a table."""
    for column in range(columns):
        sizes = sorted(len(s[column].strip()) for s in segs if s[column].strip())
        if not sizes or sizes[len(sizes) // 2] < MIN_COLUMN:
            return False
    return True


def read_dump(rows: Sequence[str]) -> list[DumpLine]:
    """The lines of a dump in reading order, with page breaks, columns and indents it shows.

    A form feed starts a page. On a page printed as a grid of columns each column is read
    before the next; where leading spaces show indents (a layout dump), each line gets the
    indent past its column's usual left edge, and its text loses those spaces.

    >>> rows = [f"{'   The left one %d' % n if n == 0 else 'the left text %d' % n:<24}"
    ...         f"the right text {n}" for n in range(6)]
    >>> [(d.text, d.column, d.indent) for d in read_dump(rows)][:2]
    [('The left one 0', 0, 15.0), ('the left text 1', 0, 0.0)]
    >>> [d.text for d in read_dump(rows)][6:8]
    ['the right text 0', 'the right text 1']
    >>> [(d.text, d.new_page, d.indent) for d in read_dump(["one", "\\ftwo"])]
    [('one', None, None), ('\\x0ctwo', True, None)]
    """
    pages: list[list[str]] = [[]]
    starts = [0]
    for k, row in enumerate(rows):
        if row.startswith("\f") and pages[-1]:
            pages.append([])
            starts.append(k)
        pages[-1].append(row)
    placed: list[_Placed] = []
    for first, page in zip(starts, pages, strict=True):
        grid = [row.lstrip("\f") for row in page]
        placed.extend(_page_lines(grid, first))
    layout = any(column is not None for _, _, column, _ in placed) or _indents_shown(
        [text for _, text, _, _ in placed])
    edges = _edges(placed) if layout else {}
    out = []
    marked: set[int] = set()  # a page starts once, not once per column of its first row
    for origin, text, column, shared in placed:
        opens = rows[origin].startswith("\f") or "\f" in rows[origin][:2]
        new_page = (opens and origin not in marked) or None
        marked.add(origin)
        if not layout:
            out.append(DumpLine(rows[origin] if column is None else text, origin, new_page))
            continue
        indent = None
        if text.strip():
            past = _lead(text.lstrip("\f")) - edges.get((column, shared), 0)
            indent = CELL_POINTS * past if 0 <= past <= MAX_INDENT else 0.0
        out.append(DumpLine(text.strip(" \f"), origin, new_page, column, indent))
    for step in PASSES:
        out = step(out)
    if breaks_shown(out):
        out = [attrs.evolve(line, breaks_shown=True) for line in out]
    return out


def _bare_marker(text: str) -> bool:
    """A list marker alone on its line ("1.", "•"): extractors print a drawn marker apart."""
    marker = list_marker(text.strip() + " x")
    return marker is not None and marker.rest == "x" and len(text.strip()) <= 4


def _join_markers(lines: list[DumpLine]) -> list[DumpLine]:
    """Each bare marker line joined to the item text on the next line.

    >>> [d.text for d in _join_markers([DumpLine(t, k) for k, t in enumerate(
    ...     ["Steps:", "1.", "Mend the deck.", "2.", "", "Test it."])])]
    ['Steps:', '1. Mend the deck.', '2. Test it.']
    """
    out: list[DumpLine] = []
    for line in lines:
        # one blank line may stand between the marker and its text (a text box each)
        at = len(out) - 2 if len(out) >= 2 and not out[-1].text.strip() else len(out) - 1
        if at >= 0 and _bare_marker(out[at].text) and line.text.strip() and \
                not _bare_marker(line.text):
            del out[at + 1:]
            out[at] = attrs.evolve(out[at], text=f"{out[at].text.strip()} {line.text.strip()}")
        else:
            out.append(line)
    return out


def _indents_shown(texts: Sequence[str]) -> bool:
    """Whether leading spaces carry indents: several lines start a few cells past the edge
    most lines start at."""
    leads = Counter(_lead(t.lstrip("\f")) for t in texts if t.strip())
    if not leads:
        return False
    edge, at_edge = leads.most_common(1)[0]
    deeper = sum(n for lead, n in leads.items() if 2 <= lead - edge <= MAX_INDENT)
    return at_edge >= 3 and deeper >= 3


def _edges(placed: Sequence[_Placed]) -> dict[tuple[int | None, bool], int]:
    """The usual left edge (most common leading spaces) of each column, told apart for rows
    that had other columns' text and rows that had not: pdftotext places the two differently."""
    leads: dict[tuple[int | None, bool], Counter[int]] = {}
    for _, text, column, shared in placed:
        if text.strip():
            leads.setdefault((column, shared), Counter())[_lead(text.lstrip("\f"))] += 1
    return {key: counts.most_common(1)[0][0] for key, counts in leads.items()}


_SPACED_HYPHEN = re.compile(r"(?<=[^\W\d_]) +\u2010 *$")


def _close_hyphens(lines: list[DumpLine]) -> list[DumpLine]:
    """A line-final U+2010 HYPHEN set apart from its word by a space, closed up to the word.

    Chromium draws the hyphen of a word it broke at a line end as U+2010 right after the word;
    pypdf, pdfminer and pdfplumber print the gap its soft hyphen left before it as a space
    ("a rede ‐" / "sign"), which makes the hyphen look like a dash and the word two. U+2010 is
    the hyphen character, never a dash, so the space is the extractor's: closed up, the break
    is an ordinary hyphenated line end for dehyphenation to judge. A typed "-" set apart stays
    (a spaced hyphen-minus is a dash).

    >>> [d.text for d in _close_hyphens([DumpLine("a rede \u2010", 0), DumpLine("sign", 1),
    ...                                  DumpLine("1990 \u2010", 2), DumpLine("and -", 3)])]
    ['a rede\u2010', 'sign', '1990 \u2010', 'and -']
    """
    return [attrs.evolve(line, text=_SPACED_HYPHEN.sub("\u2010", line.text))
            if line.text.endswith(("\u2010", " ")) and "\u2010" in line.text[-4:] else line
            for line in lines]


def _drawn_hyphen_apart(lines: Sequence[DumpLine], k: int) -> bool:
    """Line ``k`` is a lone hyphen glyph after a line that ends in a soft hyphen."""
    return k > 0 and lines[k].text.strip() in ("\u2010", "-") and \
        lines[k - 1].text.rstrip().endswith("\u00ad")


def _join_soft_runs(lines: list[DumpLine]) -> list[DumpLine]:
    """Lines an extractor ended at a soft hyphen that was no line end, joined again.

    Chromium marks every hyphenation point of a word with a soft hyphen and draws the text as
    runs split at them; pdftotext ``-raw`` ends a line at the end of each run. Where the word
    was broken at a printed line end, Chromium drew a hyphen (U+2010), which the dump prints
    as a line of its own after the soft hyphen: such a line proves that this dump marks every
    real break so, and then a soft hyphen ending a line without one is no printed line end.
    The lines are joined (the soft hyphen stays, inside the line, where repair removes and
    logs it), and the drawn hyphen goes back to the end of its line. Without the proof, a
    line-final soft hyphen may be a typesetter's drawn hyphen (some producers encode it so)
    and nothing changes.

    >>> rows = ["Despite parli\u00ad", "amentary reports urging new regulat\u00ad", "\u2010",
    ...         "ions to combat it."]
    >>> [d.text for d in _join_soft_runs([DumpLine(t, k) for k, t in enumerate(rows)])]
    ['Despite parli\xadamentary reports urging new regulat\xad\u2010', 'ions to combat it.']
    """
    if not any(_drawn_hyphen_apart(lines, k) for k in range(len(lines))):
        return lines
    out: list[DumpLine] = []
    for k, line in enumerate(lines):
        if out and _drawn_hyphen_apart(lines, k):
            out[-1] = attrs.evolve(out[-1], text=out[-1].text.rstrip() + line.text.strip())
            continue
        last = out[-1] if out else None
        if last is not None and last.text.rstrip().endswith("\u00ad") and line.text.strip() \
                and not line.new_page and line.column == last.column:
            out[-1] = attrs.evolve(last, text=last.text.rstrip() + line.text.lstrip())
            continue
        out.append(line)
    return out


#: What is read from the lines after the grid, in this order: in a dump without form feeds,
#: pages start where the dump's head comes back (``reflow.dumppages``); a marker printed apart
#: joins its item; lines ended at a soft hyphen that was no line end join again; a line-final hyphen
#: printed apart from its word closes up to it; an emoji printed apart goes back into its line
#: (``reflow.emoji``). (Dropping the blank line pdfminer prints after
#: every line of some pages was tried and cost more than it gained: see bench_ablation.py.)
PASSES: tuple[Callable[[list[DumpLine]], list[DumpLine]], ...] = (
    infer_pages, _join_markers, _join_soft_runs, _close_hyphens, place_emoji)
