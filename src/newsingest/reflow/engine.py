"""The reflow engine: physical lines with whatever evidence they carry → an article.

Steps, each a function of the lines: furniture (by form, by repetition at page edges); the header
zone (masthead, headline, byline, date line: ``headline.text_header``) → title and metadata; then
the body, whose line breaks the break rules decide (``rules.RULES`` over the text statistics of
``textstats``, computed once: blank lines, list markers, sentence ends, and whether the next word
would have fitted on the line, measured against the document's measure and against a narrower
local one, which is how block quotes show in a dump), then blocks are joined and typed
(``textblocks``). The engine for laid-out pages is ``reflow.pages``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import attrs

from newsingest.model import (
    Block,
    BlockType,
    Furniture,
    FurnitureKind,
    Metadata,
    ParseWarning,
    Provenance,
)
from newsingest.reflow.compounds import restore_compounds
from newsingest.reflow.furniture import (
    browser_footer,
    browser_header,
    edge_only,
    furniture_kind,
    page_count,
    print_chrome,
)
from newsingest.reflow.headline import TextHeader, date_line, next_text, text_header
from newsingest.reflow.hyphens import join_blocks, word_vocabulary
from newsingest.reflow.layout import ends_sentence, shouting
from newsingest.reflow.lines import Line
from newsingest.reflow.markers import list_marker, split_item
from newsingest.reflow.textblocks import classify, merge_narrow, segment
from newsingest.reflow.textstats import Measure, TextStats

__all__ = ["Reflowed", "reflow"]



@attrs.frozen
class Reflowed:
    """What the engine made of the lines: body blocks, furniture, metadata found, warnings."""

    blocks: tuple[Block, ...] = ()
    furniture: tuple[Furniture, ...] = ()
    metadata: Metadata = attrs.field(factory=Metadata)
    warnings: tuple[ParseWarning, ...] = ()


def _clean(text: str) -> str:
    return " ".join(text.split()) if len(text) <= 2000 else text.strip()


_SPACE_BEFORE_COMMA = re.compile(r"(?<=\w) +(?=,)")


def close_up(text: str) -> str:
    """Remove a space between a word and a comma: never right, and what a lost character leaves.

    Dumps leave one where a flag emoji was dropped by the extractor or by repair
    ("France 🇫🇷, Germany" → "France , Germany"). Other punctuation is left as written (a
    space before ``;`` or ``:`` is French typography).

    >>> close_up("France , Germany, Italy")
    'France, Germany, Italy'
    >>> close_up("a list: one ; two , and three ,")
    'a list: one ; two, and three,'
    """
    return _SPACE_BEFORE_COMMA.sub("", text) if " ," in text else text


def _number(text: str) -> int | None:
    marker = list_marker(text)
    if marker is None or not marker.ordered:
        return None
    return int(marker.marker.strip("().")) if marker.marker.strip("().").isdigit() else None


def numbered_headings(blocks: Sequence[tuple[str, BlockType, int]]) -> list[BlockType]:
    """Block types, with numbered one-line titles that stand alone made headings.

    ``blocks`` are (text, type, line count). "1. Ditch the diet" between paragraphs is the title
    of a numbered section, not a list: a list item has a neighbour numbered one less or one
    more, or reads as a sentence.

    >>> P, L = BlockType.PARAGRAPH, BlockType.LIST_ITEM
    >>> numbered_headings([("Tips:", P, 1), ("1. Ditch the diet", L, 1), ("Fad diets.", P, 2)])
    [<BlockType.PARAGRAPH: 'paragraph'>, <BlockType.HEADING: 'heading'>, \
<BlockType.PARAGRAPH: 'paragraph'>]
    >>> numbered_headings([("1. Apples", L, 1), ("2. Pears", L, 1)])
    [<BlockType.LIST_ITEM: 'list_item'>, <BlockType.LIST_ITEM: 'list_item'>]
    """
    kinds = [kind for _, kind, _ in blocks]
    numbers = [_number(text) if kind is BlockType.LIST_ITEM else None
               for text, kind, _ in blocks]
    for k, (text, _kind, count) in enumerate(blocks):
        n = numbers[k]
        if n is None or count != 1 or ends_sentence(text) or text.endswith((",", ";")) or \
                len(text.split()) > 9:
            continue
        before = numbers[k - 1] if k > 0 else None
        after = numbers[k + 1] if k + 1 < len(blocks) else None
        if before != n - 1 and after != n + 1:
            kinds[k] = BlockType.HEADING
    return kinds


def _digits_folded(text: str) -> str:
    return re.sub(r"\d+", "#", _clean(text)).casefold()


def _provenance(lines: Sequence[Line]) -> Provenance:
    first = lines[0]
    if first.page is None:
        return Provenance(lines=(first.index + 1, lines[-1].index + 1))
    boxes = [ln.bbox for ln in lines if ln.page == first.page and ln.bbox is not None]
    if not boxes:
        return Provenance(page=first.page)
    return Provenance(
        page=first.page,
        bbox=(min(b[0] for b in boxes), min(b[1] for b in boxes),
              max(b[2] for b in boxes), max(b[3] for b in boxes)),
    )


def _page_starts(lines: Sequence[Line]) -> list[bool]:
    starts = []
    previous: int | None = None
    for i, line in enumerate(lines):
        starts.append(i == 0 or bool(line.new_page)
                      or (line.page is not None and line.page != previous))
        previous = line.page
    return starts


#: How far in from a page's edge print chrome is looked for (content lines).
_EDGE_DEPTH = 3
#: Page numbers counting up stand at least this many lines apart (a page's worth; a column
#: of numbers in a table does not).
_FOLIO_APART = 5
_FOLIO_PASSES = 8


def _pages(lines: Sequence[Line], starts: Sequence[bool]) -> list[list[int]]:
    """The content lines of each page: the pages the source marks (form feeds, page numbers)
    and those a browser's print chrome shows in a dump that lost its form feeds (a print
    header opens a page, a URL-and-count footer closes one)."""
    pages: list[list[int]] = [[]]
    for i, line in enumerate(lines):
        text = _clean(line.text)
        if pages[-1] and (starts[i] or (text and browser_header(text)[0])):
            pages.append([])
        if text:
            pages[-1].append(i)
            if browser_footer(text):
                pages.append([])
    return [page for page in pages if page]


def _counting(lines: Sequence[Line], candidates: Sequence[int], edge: set[int]) -> set[int]:
    """Bare numbers (or counts ``2/5``) that count up with another a page's worth of lines
    before or after them, or with one already taken at a page's edge (``edge``, grown as
    numbers are taken): page numbers, wherever the dump lost the page breaks."""
    counts = {i: c for i in candidates if (c := page_count(lines[i].text)) is not None}
    at: dict[tuple[int, int | None], list[int]] = {}
    for i, count in counts.items():
        at.setdefault(count, []).append(i)
    taken = {i for i in counts if i in edge}
    grown, passes = True, 0
    while grown and passes < _FOLIO_PASSES:  # bounded: each pass reaches one page further
        grown, passes = False, passes + 1
        for i, (n, of) in counts.items():
            if i in taken:
                continue
            before = at.get((n - 1, of), [])
            after = at.get((n + 1, of), [])
            if any(j < i and (j <= i - _FOLIO_APART or j in taken) for j in before) or any(
                    j > i and (j >= i + _FOLIO_APART or j in taken) for j in after):
                taken.add(i)
                grown = True
    return taken - edge


def _furniture(lines: Sequence[Line]) -> dict[int, FurnitureKind]:
    """Furniture by form, plus lines repeated at page edges (running heads and feet) and a
    later page's running head by its form (``_running_head``).

    A form body text takes too (``edge_only``: a bare URL such as a tweet's link, a bare
    number) needs corroboration: it stands at a page's edge, reached from the edge through
    print chrome only, or recurs at page edges, or counts up with the numbers of other pages.
    Anywhere else it is the article's and stays in the body."""
    found: dict[int, FurnitureKind] = {}
    bare: dict[int, FurnitureKind] = {}
    for i, line in enumerate(lines):
        kind = furniture_kind(line.text)
        if kind is not None and edge_only(line.text):
            bare[i] = kind
        elif kind is not None:
            found[i] = kind
            # pdftotext prints a browser header's title on its own line after the date and time
            if kind is FurnitureKind.HEADER and browser_header(line.text)[1] is None:
                nxt = next_text(lines, i)
                if nxt is not None and furniture_kind(lines[nxt].text) is None:
                    found[nxt] = FurnitureKind.HEADER
    pages = _pages(lines, _page_starts(lines))
    for page in pages:
        for run in (page[:_EDGE_DEPTH], page[::-1][:_EDGE_DEPTH]):
            for j in run:
                if j in bare:
                    found[j] = bare[j]
                elif not (print_chrome(lines[j].text) or found.get(j) is FurnitureKind.HEADER):
                    break
    found.update((i, bare[i]) for i in _counting(lines, sorted(bare), set(found)))
    if len(pages) >= 2:
        edge = {i for page in pages for i in (*page[:3], *page[-3:])}
        counts = Counter(_digits_folded(lines[i].text) for i in edge)
        for i in edge:
            key = _digits_folded(lines[i].text)
            if key and counts[key] >= 2 and len(key) <= 120 and i not in found:
                found[i] = bare.get(i, FurnitureKind.HEADER)
        for top in pages[1:]:
            found.update(dict.fromkeys(_running_head(lines, top[:3], found),
                                       FurnitureKind.HEADER))
    return found


def _running_head(lines: Sequence[Line], top: Sequence[int],
                  found: dict[int, FurnitureKind]) -> list[int]:
    """The first lines of a page after the first that are a running head seen once: a date
    line, with the paper's name in capitals beside it ("THE HARBOUR GAZETTE" / "April 7,
    2026"), before the text goes on. Repetition cannot show it when only page 2 carries one."""
    head: list[int] = []
    for i in top:
        text = _clean(lines[i].text)
        if i in found:
            continue
        if not (date_line(text) or shouting(text)):
            break
        head.append(i)
    dated = any(date_line(_clean(lines[i].text)) for i in head)
    return head if dated and len(head) < len(top) else []


def reflow(lines: Sequence[Line], *, find_title: bool = True) -> Reflowed:
    """Turn physical lines into an article: blocks, furniture, title/authors/date, warnings.

    ``lines`` are repaired lines in reading order (one per physical line; blank lines allowed).
    Evidence a line lacks is ``None`` and is simply not used. Blocks carry provenance built from
    their lines: page and the union of the bboxes on the first page for PDF lines, the line span
    for text lines. With ``find_title=False`` the header zone is not searched (the caller knows
    the title) and every non-furniture line is body.
    """
    lines = list(lines)
    furniture = _furniture(lines)
    header = text_header(lines, furniture) if find_title else TextHeader()
    furniture.update(header.furniture)
    skip = set(header.title_lines)
    for i in range(min(header.body_start, len(lines))):
        if _clean(lines[i].text) and i not in furniture and i not in skip:
            skip.add(i)  # the byline and date line: metadata, not body
    body = [i for i in range(header.body_start, len(lines))]
    vocabulary = word_vocabulary([ln.text for ln in lines])
    measure = Measure.of([lines[i] for i in body if i not in furniture and i not in skip])
    stats = TextStats.of(lines, measure)
    source = lines  # as given: a block's ``raw``
    overlong = {i for i in body if stats.overlong(i)}
    if overlong:  # lines an extractor ran together: the hyphens it took away go back
        own_words = word_vocabulary([ln.text for i, ln in enumerate(lines) if i not in overlong])
        lines = [attrs.evolve(ln, text=restore_compounds(
                     ln.text, own_words, measure.top_of_line(ln)))
                 if i in overlong else ln for i, ln in enumerate(lines)]
        stats = stats.with_lines(lines)

    order: list[tuple[int, bool]] = []
    blank_before = page_break = False
    starts = _page_starts(lines)
    for i in body:
        page_break = page_break or (starts[i] and i > 0)
        if i in furniture or i in skip:
            page_break = page_break or i in furniture
            continue
        if not _clean(lines[i].text):
            blank_before = True
            continue
        # blank lines around page furniture say nothing about paragraphs: the text decides
        order.append((i, blank_before and not page_break))
        blank_before = page_break = False
    groups, narrow = merge_narrow(stats, *segment(stats, order))

    made: list[tuple[list[int], str, BlockType]] = []
    previous_text = ""
    joined = join_blocks([[lines[i].text for i in group] for group in groups], vocabulary)
    for group, text in zip(groups, map(close_up, joined), strict=True):
        if text:
            made.append((group, text, classify(stats, group, previous_text, narrow)))
            previous_text = text
    kinds = numbered_headings([(text, kind, len(group)) for group, text, kind in made])
    blocks: list[Block] = []
    for (group, text, _), kind in zip(made, kinds, strict=True):
        texts = [source[i].text for i in group]
        text, marker = split_item(text) if kind is BlockType.LIST_ITEM else (text, None)
        blocks.append(Block(
            kind,
            text,
            raw="\n".join(_clean(t) for t in texts) if "\n".join(texts) != text else None,
            provenance=_provenance([lines[i] for i in group]),
            level=2 if kind is BlockType.HEADING else None,
            ordered=marker.ordered if marker else None,
            marker=marker.marker if marker else None,
            depth=0 if marker else None,
        ))
    furn = tuple(
        Furniture(kind, _clean(lines[i].text), provenance=lines[i].provenance)
        for i, kind in sorted(furniture.items())
        if _clean(lines[i].text)
    )
    return Reflowed(
        blocks=tuple(blocks),
        furniture=furn,
        metadata=Metadata(title=header.title, authors=header.authors,
                          published=header.published),
    )
