"""The header zone: headline, byline and date line at the top of a document's first page.

One module for every parser, reading the evidence the lines carry. Laid-out lines
(``find_header``): the headline is the largest text near the top of page 1 (wrapped lines of
its size joined), passed over when it is a paper's nameplate; the byline and date lines are the
few lines right under it. Lines without font sizes (``text_header``, a text dump): the byline
anchors the headline — the lines right above it that read as its wrapped lines — else a run
of headline-case lines opens the page; what stands above the headline is masthead. Both read
bylines with ``meta.parse_byline`` and date lines with :func:`date_line`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

import attrs

from newsingest.meta import find_date, parse_byline, parse_date
from newsingest.model import FurnitureKind
from newsingest.reflow.furniture import browser_header
from newsingest.reflow.hyphens import join_lines
from newsingest.reflow.lines import Line
from newsingest.reflow.widths import text_width

__all__ = ["BYLINE_GAP", "HEADER_ZONE", "HEADLINE_RATIO", "Header", "TextHeader", "date_line",
           "find_header", "next_text", "text_header"]

#: The headline must be set at least this much larger than the body text.
HEADLINE_RATIO = 1.25
_TITLE_MAX_LINES = 5
#: A bold first line set at least this much larger than the body is a title on its own.
_LEAD_RATIO = 1.1
#: At most this many (short) lines may stand above the headline: masthead, section, date.
_MASTHEAD_MAX_LINES = 6


@attrs.frozen
class Header:
    """What the top of the first page says: headline, byline, date, and which lines they used."""

    title: str | None = None
    title_top: float | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    used: frozenset[int] = frozenset()


def find_header(lines: Sequence[Line], body_size: float, skip: frozenset[int],
                info_title: str | None = None, furniture: Collection[str] = ()) -> Header:
    """Headline (large text on page 1, joined when wrapped) and the byline under it.

    ``lines`` are the document's lines in reading order (``Line.index`` is their position);
    ``skip`` holds indexes already known to be furniture, ``furniture`` their texts. Of the
    large texts near the top, the one the Info title names wins; a paper's nameplate, set larger
    than the headline, is passed over when a running head repeats it, or when it is a short
    name no byline follows while a byline follows a smaller large text; else the largest wins.
    """
    first_page = [ln for ln in lines if ln.page == lines[0].page and ln.index not in skip] \
        if lines else []
    if not first_page:
        return Header()
    spans = _headline_candidates(first_page, body_size)
    starts = sorted(start for start, _ in spans)
    # a byline belongs to the nearest large text above it, or to one right above that (a
    # headline directly over its standfirst)
    headers = [_byline(first_page[: next((s for s in starts if s > end + 1), len(first_page))],
                       end + 1, _title(first_page, start, end)) for start, end in spans]
    if not headers:
        return (_weak_headline(first_page, body_size)
                or _lead_line(first_page, lines, body_size)
                or _byline(first_page, 0, Header()))
    wanted = _fold(info_title)
    named = next((h for h in headers if wanted and _fold(h.title) == wanted), None)
    if named is not None:
        return named
    repeated = {_fold(text) for text in furniture}
    headers = [h for h in headers if _fold(h.title) not in repeated] or headers
    bylined = next((h for h in headers if h.authors or h.published), None)
    if bylined is not None and bylined is not headers[0] and _nameplate(headers[0]):
        return bylined
    return headers[0]


def _weak_headline(lines: Sequence[Line], body_size: float) -> Header | None:
    """A headline barely larger than the body, or only bold (a release typed in a word
    processor): among the first few lines, a bold or larger one — wrapped lines of the same
    style joined — that a byline or date line follows (or, failing that, stands right above).
    Without that byline it is left alone:
    a bold first line alone may be a heading or a kicker."""
    for start, line in enumerate(lines[: _MASTHEAD_MAX_LINES + 1]):
        size = line.font_size or body_size
        if not (line.bold or size > body_size + 0.5):
            continue
        end = start
        while (end + 1 < len(lines) and end + 1 - start < _TITLE_MAX_LINES
               and lines[end + 1].bold == line.bold
               and abs((lines[end + 1].font_size or 0) - size) <= 0.3):
            end += 1
        end = _aligned(lines, start, end)
        header = _byline(lines, end + 1, _title(lines, start, end))
        if not (header.authors or header.published) and start > 0:
            # a byline or date line printed right above the headline ("Prepared by X, May 23")
            above = _byline(lines[:start], start - 1, Header())
            header = attrs.evolve(header, authors=above.authors, published=above.published,
                                  used=header.used | above.used)
        if header.authors or header.published:
            return header
    return None


def _lead_line(lines: Sequence[Line], document: Sequence[Line], body_size: float
               ) -> Header | None:
    """A sectioned document that opens with a line set apart — bold, or larger than the
    body — and no larger text anywhere near: a title typed in a word processor (the first
    line of page 1, a few words, no sentence punctuation), over sections whose headings are
    set the same way further on. Its wrapped lines of the same style join it. A lone bold
    first line over plain text is left alone: it may be the heading of an excerpt — unless
    it is bold, set larger than the body (``_LEAD_RATIO``) and set apart by at least a
    blank body line of white below it, as a word processor's title line usually is and a
    heading run in with its text is not.

    The first line is the one highest on the page (the first in reading order when several
    are): a right-to-left page is read from its right column, but its title may stand higher
    in the left one."""
    top = min(range(len(lines)), key=lambda k: (_top(lines[k]), k)) if lines else 0
    lines = [lines[top], *lines[:top], *lines[top + 1:]]
    first = lines[0]
    size = first.font_size or body_size
    text = " ".join(first.text.split())
    if not (first.bold or size > body_size + 0.5) or len(text.split()) > 15 or \
            text.endswith((".", ",", ";", ":")) or len(lines) < 2:
        return None
    end = 0
    while (end + 1 < len(lines) and end + 1 < _TITLE_MAX_LINES
           and lines[end + 1].bold == first.bold
           and abs((lines[end + 1].font_size or 0) - size) <= 0.3):
        end += 1
    end = _aligned(lines, 0, end)
    if end + 1 >= len(lines):
        return None  # a page of bold text: nothing stands apart
    used = {ln.index for ln in lines[: end + 1]}
    sections = [ln for ln in document if ln.index not in used and ln.bold == first.bold
                and abs((ln.font_size or 0) - size) <= 0.3 and len(ln.text.split()) <= 15]
    if not sections and not (first.bold and size >= _LEAD_RATIO * body_size
                             and _top(lines[end + 1]) - _bottom(lines[end]) >= body_size):
        return None
    return _byline(lines, end + 1, _title(lines, 0, end))


def _nameplate(header: Header) -> bool:
    """A short title without sentence punctuation and no byline after it: a paper's name.

    >>> _nameplate(Header(title="The Valley Courier")), _nameplate(Header(title="Fire, then rain."))
    (True, False)
    """
    title = header.title or ""
    return not (header.authors or header.published) and len(title.split()) <= 4 and \
        not any(ch in title for ch in ".,;:!?")


def _fold(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


def _aligned(lines: Sequence[Line], start: int, end: int) -> int:
    """The last of ``lines[start : end + 1]`` that still wraps the headline: a wrapped
    headline's lines keep one alignment — their left edges, centres or right edges within an
    em of the line above. A list of names down the margin under a centred court name is set
    in the same type but is no part of it."""
    for k in range(start + 1, end + 1):
        a, b = lines[k - 1].bbox, lines[k].bbox
        assert a is not None and b is not None
        em = lines[k].font_size or 10.0
        if not (abs(a[0] - b[0]) <= em or abs(a[2] - b[2]) <= em
                or abs((a[0] + a[2]) - (b[0] + b[2])) <= 2 * em):
            return k - 1
    return end


def _title(lines: Sequence[Line], start: int, end: int) -> Header:
    title_lines = lines[start : end + 1]
    assert title_lines[0].bbox is not None
    return Header(title=join_lines([ln.text for ln in title_lines]),
                  title_top=title_lines[0].bbox[1],
                  used=frozenset(ln.index for ln in title_lines))


def _width(line: Line) -> float:
    assert line.bbox is not None
    return line.bbox[2] - line.bbox[0]


def _bottom(line: Line) -> float:
    assert line.bbox is not None
    return line.bbox[3]


def _top(line: Line) -> float:
    assert line.bbox is not None
    return line.bbox[1]


def _headline_candidates(lines: Sequence[Line], body_size: float) -> list[tuple[int, int]]:
    """Where headlines may start and end, largest first: text of a headline size that only
    masthead-like lines precede (few, and none a full line of body text) — a large subheading
    after body paragraphs is not a headline. Wrapped lines of the same size join it."""
    measure = max(_width(ln) for ln in lines)
    out: list[tuple[int, int]] = []
    for size in sorted({round(ln.font_size or 0.0, 1) for ln in lines}, reverse=True):
        if size < HEADLINE_RATIO * body_size:
            break
        start = next(i for i, ln in enumerate(lines) if abs((ln.font_size or 0) - size) <= 0.5)
        # what stands above it on the page, not what comes first in reading order: a side
        # column beside the headline (a journal's subject areas and dates) does not precede it
        top = _top(lines[start])
        before = [ln for ln in lines[:start] if _top(ln) < top - 1.0]
        if len(before) > _MASTHEAD_MAX_LINES or any(
                _width(ln) >= 0.6 * measure and abs((ln.font_size or 0) - body_size) <= 0.5
                for ln in before):
            continue
        if any(a <= start <= b for a, b in out):
            continue  # a size inside a headline already found (a mixed-size line)
        end = start
        while (end + 1 < len(lines) and end + 1 - start < _TITLE_MAX_LINES
               and abs((lines[end + 1].font_size or 0) - size) <= 0.5):
            end += 1
        out.append((start, _aligned(lines, start, end)))
    return out


def _byline(lines: Sequence[Line], start: int, header: Header) -> Header:
    """Bylines and date lines right after the headline (at most three lines)."""
    authors = header.authors
    published = header.published
    used = set(header.used)
    for line in lines[start : start + 3]:
        text = " ".join(line.text.split())
        byline = parse_byline(text)
        if byline is not None:
            authors = authors or byline.authors
            published = published or byline.published
            used.add(line.index)
            continue
        if (date := date_line(text)) is not None:
            published = published or date
            used.add(line.index)
            continue
        if used - set(header.used):
            break
    return attrs.evolve(header, authors=authors, published=published, used=frozenset(used))


# The header zone of lines read without font sizes (text dumps): what the page says in words.

#: How many lines from the top the header zone (masthead, headline, byline) may span.
HEADER_ZONE = 30
_TEXT_TITLE_MAX_LINES = 4
#: Blank lines that may stand between the headline and the byline (pdfminer prints each text
#: box with a blank line after it; pdftotext -layout prints vertical white as blank rows).
BYLINE_GAP = 2


def _fold_space(text: str) -> str:
    return " ".join(text.split()) if len(text) <= 2000 else text.strip()


def next_text(lines: Sequence[Line], i: int) -> int | None:
    for j in range(i + 1, min(len(lines), i + 4)):
        if _fold_space(lines[j].text):
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
class TextHeader:
    title: str | None = None
    title_lines: list[int] = attrs.field(factory=list)
    authors: tuple[str, ...] = ()
    published: str | None = None
    body_start: int = 0
    furniture: dict[int, FurnitureKind] = attrs.field(factory=dict)


def text_header(lines: Sequence[Line], furniture: dict[int, FurnitureKind]) -> TextHeader:
    """Masthead, headline, byline and date line at the top of an article read without page
    statistics (a text dump; pdfium's and OCR's lines): the byline anchors the headline (the
    lines right above it, as long as they are its wrapped lines: set in its size when the
    lines carry sizes, else reading so by width), else a run of headline-case lines at the
    top; lines above the headline are masthead. ``furniture`` holds the lines already known
    to be furniture."""
    head = TextHeader()
    page_title = None
    for i in range(min(len(lines), HEADER_ZONE)):
        is_header, title = browser_header(lines[i].text)
        if is_header:
            if title is None:  # pdftotext: the title on the line after the date and time
                nxt = next_text(lines, i)
                title = lines[nxt].text if nxt is not None and furniture.get(nxt) else None
            page_title = _fold_space(title) if title else None
            break
    content = [i for i in range(min(len(lines), HEADER_ZONE))
               if _fold_space(lines[i].text) and i not in furniture]
    byline_at = None
    # an explicit "By …" line wins over a "Site — date" running head that reads like a byline
    found = [(i, b) for i in content[:12] if (b := parse_byline(lines[i].text)) is not None]
    explicit = [(i, b) for i, b in found if _fold_space(lines[i].text)[:3].casefold() == "by "]
    if found:
        i, byline = (explicit or found)[0]
        byline_at, head.authors, head.published = i, byline.authors, byline.published
    title_lines: list[int] = []
    if byline_at is not None:
        j = byline_at - 1
        while j > 0 and byline_at - j <= BYLINE_GAP and not _fold_space(lines[j].text):
            j -= 1  # blank lines between headline and byline: an extractor's text boxes
        while j >= 0 and len(title_lines) < _TEXT_TITLE_MAX_LINES:
            text = _fold_space(lines[j].text)
            if not text or j in furniture or _masthead_like(text) or find_date(text):
                break  # a dated line above the headline is a masthead or a date line
            sizes = (lines[j].font_size, lines[title_lines[0]].font_size) if title_lines \
                else (None, None)
            if sizes[0] is not None and sizes[1] is not None:
                if abs(sizes[0] - sizes[1]) > 0.5:
                    break  # the font says it: a line of another size is no headline line
            elif len(title_lines) >= 2 and not _wrapped_above(text, [lines[k].text
                                                                      for k in title_lines]):
                break  # "The Northern Chronicle" over a headline wrapped at a wider measure
            title_lines.insert(0, j)
            j -= 1
        head.body_start = byline_at + 1
        nxt = next_text(lines, byline_at)
        dated = date_line(lines[nxt].text) if nxt is not None and nxt not in furniture else None
        if nxt is not None and dated is not None:  # the date line under the byline: metadata
            head.published = head.published or dated
            head.body_start = nxt + 1
        for i in content:
            if i < (title_lines[0] if title_lines else byline_at):
                head.furniture[i] = FurnitureKind.MASTHEAD
                if head.published is None and parse_date(_fold_space(lines[i].text)):
                    head.published = parse_date(_fold_space(lines[i].text))
    else:
        start = content[0] if content else 0
        j = start
        while j < len(lines) and len(title_lines) < _TEXT_TITLE_MAX_LINES:
            text = _fold_space(lines[j].text)
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
    return text_width(_fold_space(text)) + text_width(" " + first) > 0.99 * measure


def date_line(text: str) -> str | None:
    """The ISO date of a short line that gives a date ("3 November 2026", "Published May 23,
    2026", "Updated: Tuesday, 7 April 2026"), else ``None``: the one date-line test of the
    header zone, under a headline found by size (``find_header``) or by words
    (``text_header``).

    >>> date_line("Published May 23, 2026"), date_line("The vote on May 23, 2026 was close.")
    ('2026-05-23', None)
    """
    text = _fold_space(text)
    short = len(text.split()) <= 6 or len(text) <= 40  # "Prepared by Ann Lee, May 23, 2021"
    if not short or (text.endswith((".", "!", "?")) and not parse_date(text)):
        return None
    return parse_date(text) or find_date(text)
