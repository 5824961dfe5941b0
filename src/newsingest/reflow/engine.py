"""The reflow engine: physical lines with whatever evidence they carry → an article.

Steps, each a function of the lines: furniture (by form, by repetition at page edges); the header
zone (masthead, headline, byline, date line) → title and metadata; then the body, where every
line break is decided join-or-break from evidence — layout evidence when a PDF line has it (gap
above, indent, font size, weight), otherwise the text's own: blank lines, list markers, sentence
ends, and whether the next word would have fitted on the line (``widths``), measured against the
document's measure and against a narrower local one, which is how block quotes show in a dump.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import attrs

from newsingest.meta import find_date, parse_byline, parse_date
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
from newsingest.reflow.furniture import browser_header, furniture_kind
from newsingest.reflow.hyphens import join_blocks, join_lines, word_vocabulary
from newsingest.reflow.layout import Decider, Measure, ends_sentence
from newsingest.reflow.lines import Line
from newsingest.reflow.markers import list_marker, split_item
from newsingest.reflow.widths import text_width

__all__ = ["Reflowed", "reflow"]

#: How many lines from the top the header zone (masthead, headline, byline) may span.
HEADER_ZONE = 30
_TITLE_MAX_LINES = 4
#: Blank lines that may stand between the headline and the byline (pdfminer prints each text
#: box with a blank line after it; pdftotext -layout prints vertical white as blank rows).
BYLINE_GAP = 2


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


def _furniture(lines: Sequence[Line]) -> dict[int, FurnitureKind]:
    """Furniture by form, plus lines repeated at page edges (running heads and feet)."""
    found: dict[int, FurnitureKind] = {}
    for i, line in enumerate(lines):
        kind = furniture_kind(line.text)
        if kind is not None:
            found[i] = kind
            # pdftotext prints a browser header's title on its own line after the date and time
            if kind is FurnitureKind.HEADER and browser_header(line.text)[1] is None:
                nxt = _next_text(lines, i)
                if nxt is not None and furniture_kind(lines[nxt].text) is None:
                    found[nxt] = FurnitureKind.HEADER
    starts = _page_starts(lines)
    pages = sum(starts)
    if pages >= 2:
        edge: set[int] = set()
        page_lines: list[int] = []
        for i in range(len(lines) + 1):
            if i == len(lines) or (starts[i] and page_lines):
                content = [j for j in page_lines if _clean(lines[j].text)]
                edge.update(content[:3])
                edge.update(content[-3:])
                page_lines = []
            if i < len(lines):
                page_lines.append(i)
        counts = Counter(_digits_folded(lines[i].text) for i in edge)
        for i in edge:
            key = _digits_folded(lines[i].text)
            if key and counts[key] >= 2 and len(key) <= 120 and i not in found:
                found[i] = FurnitureKind.HEADER
    return found


def _next_text(lines: Sequence[Line], i: int) -> int | None:
    for j in range(i + 1, min(len(lines), i + 4)):
        if _clean(lines[j].text):
            return j
    return None


def _headline_case(text: str) -> bool:
    """Every word of four letters or more capitalised, as headlines are ("Troops to" / "Russia")."""
    if len(text) > 300:
        return False
    words: list[str] = re.findall(r"[^\W\d_][\w'’\-]*", text)
    if not words or text.rstrip().endswith((".", ",", ";")) or not words[0][0].isupper():
        return False
    return all(w[0].isupper() for w in words if len(w) >= 4)


def _masthead_like(text: str) -> bool:
    """A site name with a role ("The Daily Ledger · Media Office") or a lone short name line."""
    if len(text) > 300:
        return False
    parts = re.split(r"\s+[·|•]\s+", text)
    return len(parts) >= 2 and all(1 <= len(p.split()) <= 4 for p in parts)


@attrs.define
class _Header:
    title: str | None = None
    title_lines: list[int] = attrs.field(factory=list)
    authors: tuple[str, ...] = ()
    published: str | None = None
    body_start: int = 0
    furniture: dict[int, FurnitureKind] = attrs.field(factory=dict)


def _header(lines: Sequence[Line], furniture: dict[int, FurnitureKind]) -> _Header:
    """Find masthead, headline, byline and date line at the top of the article."""
    head = _Header()
    page_title = None
    for i in range(min(len(lines), HEADER_ZONE)):
        is_header, title = browser_header(lines[i].text)
        if is_header:
            if title is None:  # pdftotext: the title on the line after the date and time
                nxt = _next_text(lines, i)
                title = lines[nxt].text if nxt is not None and furniture.get(nxt) else None
            page_title = _clean(title) if title else None
            break
    content = [i for i in range(min(len(lines), HEADER_ZONE))
               if _clean(lines[i].text) and i not in furniture]
    byline_at = None
    # an explicit "By …" line wins over a "Site — date" running head that reads like a byline
    found = [(i, b) for i in content[:12] if (b := parse_byline(lines[i].text)) is not None]
    explicit = [(i, b) for i, b in found if _clean(lines[i].text)[:3].casefold() == "by "]
    if found:
        i, byline = (explicit or found)[0]
        byline_at, head.authors, head.published = i, byline.authors, byline.published
    title_lines: list[int] = []
    if byline_at is not None:
        j = byline_at - 1
        while j > 0 and byline_at - j <= BYLINE_GAP and not _clean(lines[j].text):
            j -= 1  # blank lines between headline and byline: an extractor's text boxes
        while j >= 0 and len(title_lines) < _TITLE_MAX_LINES:
            text = _clean(lines[j].text)
            if not text or j in furniture or _masthead_like(text) or find_date(text):
                break  # a dated line above the headline is a masthead or a date line
            if len(title_lines) >= 2 and not _wrapped_above(text, [lines[k].text
                                                                    for k in title_lines]):
                break  # "The Northern Chronicle" over a headline wrapped at a wider measure
            title_lines.insert(0, j)
            j -= 1
        head.body_start = byline_at + 1
        nxt = _next_text(lines, byline_at)
        dated = _date_line(lines[nxt].text) if nxt is not None and nxt not in furniture else None
        if nxt is not None and dated is not None:  # the date line under the byline: metadata
            head.published = head.published or dated
            head.body_start = nxt + 1
        for i in content:
            if i < (title_lines[0] if title_lines else byline_at):
                head.furniture[i] = FurnitureKind.MASTHEAD
                if head.published is None and parse_date(_clean(lines[i].text)):
                    head.published = parse_date(_clean(lines[i].text))
    else:
        start = content[0] if content else 0
        j = start
        while j < len(lines) and len(title_lines) < _TITLE_MAX_LINES:
            text = _clean(lines[j].text)
            if not text or j in furniture or not _headline_case(text):
                break
            if title_lines and lines[j].font_size != lines[title_lines[-1]].font_size:
                break
            title_lines.append(j)
            j += 1
        head.body_start = title_lines[-1] + 1 if title_lines else start
    if title_lines:
        head.title_lines = title_lines
        head.title = join_lines([lines[i].text for i in title_lines])
    if page_title and not page_title.endswith(("…", "...")):
        head.title = page_title
    if head.published is None:
        for i in content[:12]:
            if i >= head.body_start:
                break
            head.published = find_date(lines[i].text) or head.published
    return head


def _wrapped_above(text: str, below: Sequence[str]) -> bool:
    """Whether ``text`` can be a wrapped line of the headline whose lines are ``below``: the
    next word would not have fitted on it at the headline's measure (its widest line).

    >>> _wrapped_above("The Northern Chronicle", ["City Library Ends Late Fines and",
    ...                                           "Sees Books Come Home"])
    False
    """
    words = [" ".join(t.split()) for t in below]
    first = words[0].split()[0] if words[0] else ""
    measure = max(text_width(t) for t in words)
    return text_width(_clean(text)) + text_width(" " + first) > 0.99 * measure


def _date_line(text: str) -> str | None:
    """The ISO date of a short line that gives a date ("3 November 2026", "Published May 23,
    2026", "Updated: Tuesday, 7 April 2026"), else ``None``.

    >>> _date_line("Published May 23, 2026"), _date_line("The vote on May 23, 2026 was close.")
    ('2026-05-23', None)
    """
    text = _clean(text)
    if len(text.split()) > 6 or (text.endswith((".", "!", "?")) and not parse_date(text)):
        return None
    return parse_date(text) or find_date(text)


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
    header = _header(lines, furniture) if find_title else _Header()
    furniture.update(header.furniture)
    skip = set(header.title_lines)
    for i in range(min(header.body_start, len(lines))):
        if _clean(lines[i].text) and i not in furniture and i not in skip:
            skip.add(i)  # the byline and date line: metadata, not body
    body = [i for i in range(header.body_start, len(lines))]
    vocabulary = word_vocabulary([ln.text for ln in lines])
    measure = Measure.of([lines[i] for i in body if i not in furniture and i not in skip])
    decider = Decider(lines, measure)
    source = lines  # as given: a block's ``raw``
    overlong = {i for i in body if decider.overlong(i)}
    if overlong:  # lines an extractor ran together: the hyphens it took away go back
        own_words = word_vocabulary([ln.text for i, ln in enumerate(lines) if i not in overlong])
        lines = [attrs.evolve(ln, text=restore_compounds(
                     ln.text, own_words, decider.measure.top_of_line(ln)))
                 if i in overlong else ln for i, ln in enumerate(lines)]
        decider.lines = lines

    groups: list[list[int]] = []
    current: list[int] = []
    blank_before = page_break = False
    starts = _page_starts(lines)
    for i in body:
        page_break = page_break or (starts[i] and i > 0)
        if i in furniture or i in skip:
            page_break = page_break or i in furniture
            continue
        text = _clean(lines[i].text)
        if not text:
            blank_before = True
            continue
        # blank lines around page furniture say nothing about paragraphs: the text decides
        if current and decider.breaks(current, i, blank_before and not page_break):
            groups.append(current)
            current = []
        current.append(i)
        blank_before = page_break = False
    if current:
        groups.append(current)
    groups = decider.merge_narrow(groups)

    made: list[tuple[list[int], str, BlockType]] = []
    previous_text = ""
    joined = join_blocks([[lines[i].text for i in group] for group in groups], vocabulary)
    for group, text in zip(groups, map(close_up, joined), strict=True):
        if text:
            made.append((group, text, decider.classify(group, previous_text)))
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
