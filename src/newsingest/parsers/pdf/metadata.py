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
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from newsingest.meta import find_date, parse_date
from newsingest.model import Metadata
from newsingest.reflow.headline import Header

__all__ = ["DocInfo", "is_junk_title", "merge", "read_info"]

_JUNK_TITLE = re.compile(
    r"^(?:microsoft\s+\w+\s+-\s+.*|untitled.*|document\d*|print|no title|title|slide \d+"
    r"|(?:microsoft\s+)?(?:powerpoint|word|excel)\s+(?:presentation|document|worksheet)"
    r"|\(?(?:anonymous|unspecified|untitled)\)?"
    r"|.*\.(?:html?|php|aspx?|docx?|odt|rtf|pdf|txt|indd|qxd|pages|pptx?|xlsx?|exe|wpd|tmp))$",
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
    >>> is_junk_title("10811.exe"), is_junk_title("brief.wpd")  # a court's printing tools
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
