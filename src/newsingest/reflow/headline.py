"""The headline, byline and date line at the top of a laid-out document's first page.

The headline is the largest text near the top of page 1 (wrapped lines of its size joined),
passed over when it is a paper's nameplate; the byline and date lines are the few lines right
under it. Only lines with layout evidence (font size, box) are read here; a text dump's
header zone is found by ``reflow.engine`` from the text alone.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import attrs

from newsingest.meta import find_date, parse_byline
from newsingest.reflow.hyphens import join_lines
from newsingest.reflow.lines import Line

__all__ = ["HEADLINE_RATIO", "Header", "find_header"]

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
    heading run in with its text is not."""
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
        if len(text) <= 40 and (date := find_date(text)) is not None:
            published = published or date
            used.add(line.index)
            continue
        if used - set(header.used):
            break
    return attrs.evolve(header, authors=authors, published=published, used=frozenset(used))
