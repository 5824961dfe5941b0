"""Metadata: what the page says (headline, byline, date line) merged with PDF Info and XMP.

The page wins where it speaks: a browser print's Info title is often the page's ``<title>``
(fine) but just as often "article.html", and a Word export's is "Microsoft Word - draft.docx".
Info and XMP fill what the page does not say; junk values (file names, tool names, "untitled")
are dropped rather than reported as a title. A browser print's CreationDate is when it was
printed, not when the article was published, so it is never taken for ``published``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Collection, Mapping, Sequence
from typing import Any

import attrs

from newsingest.meta import find_date, parse_byline, parse_date
from newsingest.model import Metadata
from newsingest.reflow.hyphens import join_lines
from newsingest.reflow.lines import Line

__all__ = ["DocInfo", "Header", "find_header", "is_junk_title", "merge", "read_info"]

#: The headline must be set at least this much larger than the body text.
HEADLINE_RATIO = 1.25
_TITLE_MAX_LINES = 5
#: At most this many (short) lines may stand above the headline: masthead, section, date.
_MASTHEAD_MAX_LINES = 6
_JUNK_TITLE = re.compile(
    r"^(?:microsoft\s+\w+\s+-\s+.*|untitled.*|document\d*|print|no title|title|slide \d+"
    r"|\(?(?:anonymous|unspecified|untitled)\)?"
    r"|.*\.(?:html?|php|aspx?|docx?|odt|rtf|pdf|txt|indd|qxd|pages|pptx?|xlsx?))$",
    re.IGNORECASE,
)
_JUNK_AUTHOR = re.compile(r"^\(?(?:admin(?:istrator)?|user|owner|unknown|anonymous|author"
                          r"|default|unspecified|\w+\d+)\)?$",
                          re.IGNORECASE)
_BROWSERS = re.compile(r"chrom|skia|mozilla|webkit|gecko|wkhtmltopdf|prince|electron",
                       re.IGNORECASE)
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})(\d{2})(?:\d|[Zz+\-']|$)")


def is_junk_title(title: str | None) -> bool:
    """Whether an Info/XMP title is a file or tool name rather than the document's title.

    >>> is_junk_title("article.html"), is_junk_title("Microsoft Word - draft.docx")
    (True, True)
    >>> is_junk_title("(anonymous)"), is_junk_title("(unspecified)")  # reportlab's defaults
    (True, True)
    >>> is_junk_title("Pentagon Says North Korea Has Sent 10,000 Troops to Russia")
    False
    """
    text = " ".join((title or "").split())
    if len(text) < 3 or "://" in text or text.startswith(("/", "C:\\")):
        return True
    return bool(_JUNK_TITLE.match(text))


@attrs.frozen
class DocInfo:
    """The document-level metadata a PDF carries (Info dictionary, XMP packet)."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    created: str | None = None
    modified: str | None = None
    subject: str | None = None
    keywords: tuple[str, ...] = ()
    language: str | None = None
    browser: bool = False


def pdf_date(value: str | None) -> str | None:
    """An ISO date from a PDF date string (``D:20261125172943+00'00'``).

    >>> pdf_date("D:20261125172943+00'00'")
    '2026-11-25'
    >>> pdf_date("garbage") is None
    True
    >>> pdf_date("2024-03-05"), pdf_date("D:20240230"), pdf_date("D:2024")
    ('2024-03-05', None, None)

    A date without its day (``D:2024``) is not given one: no guessed precision.
    """
    if not value:
        return None
    match = _PDF_DATE.match(value.strip())
    if match is None:
        return parse_date(value) if not re.fullmatch(r"(?:D:)?\d{4,6}", value.strip()) else None
    year, month, day = (int(g) for g in match.groups())
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:  # month 13, 30 February...
        return None


def _text(value: Any) -> str | None:
    if isinstance(value, bytes):
        # PDF text strings are UTF-16 only with a BOM; otherwise PDFDocEncoding (~latin-1).
        encodings = ("utf-16",) if value[:2] in (b"\xfe\xff", b"\xff\xfe") else ()
        for encoding in (*encodings, "utf-8", "latin-1"):
            try:
                value = value.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    if not isinstance(value, str):
        return None
    text = " ".join(value.replace("\x00", "").split())
    return text or None


def _xmp(pdf: Any) -> dict[str, str]:
    """Title, creator, dates and language from the XMP packet, if the PDF has one."""
    try:
        from pdfminer.pdftypes import resolve1

        stream = resolve1(pdf.doc.catalog.get("Metadata"))
        data = stream.get_data() if stream is not None else None
    except Exception:
        return {}
    if not data:
        return {}
    from lxml import etree

    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
        root = etree.fromstring(data.strip(), parser)
    except Exception:
        return {}
    if root is None:
        return {}
    out: dict[str, str] = {}
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        local = tag.rsplit("}", 1)[-1]
        key = {"title": "title", "creator": "author", "CreateDate": "created",
               "ModifyDate": "modified", "language": "language", "description": "subject"
               }.get(local)
        if key is None or key in out:
            continue
        texts = [t.strip() for t in element.itertext() if t.strip()]
        if texts:
            out[key] = texts[0] if key != "author" else "; ".join(texts)
    return out


def read_info(pdf: Any) -> DocInfo:
    """Merge the Info dictionary and the XMP packet (XMP first: it is Unicode and newer)."""
    info: Mapping[str, Any] = pdf.metadata or {}
    xmp = _xmp(pdf)
    title = xmp.get("title") or _text(info.get("Title"))
    author = xmp.get("author") or _text(info.get("Author"))
    authors = tuple(a.strip() for a in re.split(r";|\s+and\s+|,\s*(?=\S+\s+\S)", author or "")
                    if a.strip() and not _JUNK_AUTHOR.match(a.strip()))
    keywords = tuple(k.strip() for k in re.split(r"[;,]", _text(info.get("Keywords")) or "")
                     if k.strip())
    tools = " ".join(filter(None, (_text(info.get("Creator")), _text(info.get("Producer")))))
    created = xmp.get("created")
    modified = xmp.get("modified")
    return DocInfo(
        title=None if is_junk_title(title) else title,
        authors=authors,
        created=parse_date(created[:10]) if created else pdf_date(_text(info.get("CreationDate"))),
        modified=parse_date(modified[:10]) if modified else pdf_date(_text(info.get("ModDate"))),
        subject=None if (subject := xmp.get("subject") or _text(info.get("Subject"))) is None
        or is_junk_title(subject) else subject,
        keywords=keywords,
        language=xmp.get("language"),
        browser=bool(_BROWSERS.search(tools)),
    )


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
        return _weak_headline(first_page, body_size) or _byline(first_page, 0, Header())
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
    style joined — that a byline or date line follows. Without that byline it is left alone:
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
        header = _byline(lines, end + 1, _title(lines, start, end))
        if header.authors or header.published:
            return header
    return None


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


def _title(lines: Sequence[Line], start: int, end: int) -> Header:
    title_lines = lines[start : end + 1]
    assert title_lines[0].bbox is not None
    return Header(title=join_lines([ln.text for ln in title_lines]),
                  title_top=title_lines[0].bbox[1],
                  used=frozenset(ln.index for ln in title_lines))


def _width(line: Line) -> float:
    assert line.bbox is not None
    return line.bbox[2] - line.bbox[0]


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
        before = lines[:start]
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
        out.append((start, end))
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


def merge(header: Header, info: DocInfo, dated_lines: Sequence[str]) -> Metadata:
    """The document's metadata: the page first, then XMP/Info, junk left out.

    ``dated_lines`` are texts (running heads, date lines) searched for a publication date when
    the byline has none.
    """
    published = header.published
    if published is None:
        published = next((d for t in dated_lines if (d := find_date(t))), None)
    if published is None and not info.browser:
        published = info.created
    return Metadata(
        title=header.title or info.title,
        authors=header.authors or info.authors,
        published=published,
        modified=info.modified if not info.browser else None,
        language=info.language,
        description=info.subject,
        keywords=info.keywords,
    )
