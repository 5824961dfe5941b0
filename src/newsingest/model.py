"""The one document model every parser fills and every exporter reads.

Small frozen attrs value objects with tuples for sequences, so a Document can be hashed, compared
and shared between threads without copies. Changing one is ``attrs.evolve``. JSON lives outside
(``newsingest.serialize``) so the model carries no format concerns.
"""

from __future__ import annotations

import datetime
import enum
import re
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterable

SCHEMA_VERSION = "1.3"

__all__ = [
    "SCHEMA_VERSION",
    "Block",
    "BlockType",
    "Document",
    "Furniture",
    "FurnitureKind",
    "Link",
    "Metadata",
    "ParseWarning",
    "Provenance",
    "Repair",
    "Source",
]


class BlockType(str, enum.Enum):
    """The kinds of body block. Values are the JSON ``type`` strings."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    QUOTE = "quote"
    LIST_ITEM = "list_item"
    CAPTION = "caption"
    TABLE = "table"
    PREFORMATTED = "preformatted"


class FurnitureKind(str, enum.Enum):
    """Page furniture: text on the page that is not part of the article."""

    HEADER = "header"
    FOOTER = "footer"
    PAGE_NUMBER = "page_number"
    MASTHEAD = "masthead"
    NAVIGATION = "navigation"
    OTHER = "other"


def _bbox(
    value: Iterable[float] | None,
) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    x0, top, x1, bottom = (round(float(v), 2) for v in value)
    return (x0, top, x1, bottom)


def _span(value: Iterable[int] | None) -> tuple[int, int] | None:
    if value is None:
        return None
    first, last = (int(v) for v in value)
    return (first, last)


def _regions(value: Iterable[Provenance]) -> tuple[Provenance, ...]:
    return tuple(value)


@attrs.frozen
class Provenance:
    """Where a block came from, with whatever evidence the input had.

    PDF: ``page`` (1-based) and ``bbox`` (x0, top, x1, bottom in PDF points from the top-left).
    Text: ``lines`` (first, last; 1-based, inclusive). HTML: ``path`` (an element path such as
    ``/html/body/article/p[3]``). Missing evidence is ``None``, never a guess.

    ``regions``: a PDF block continued across a column or page break came from several boxes;
    each is a ``Provenance`` (page, bbox) in reading order, and ``page``/``bbox`` are the first.
    Empty for a block from one box.
    """

    page: int | None = None
    bbox: tuple[float, float, float, float] | None = attrs.field(default=None, converter=_bbox)
    lines: tuple[int, int] | None = attrs.field(default=None, converter=_span)
    path: str | None = None
    regions: tuple[Provenance, ...] = attrs.field(default=(), converter=_regions)


@attrs.frozen
class Link:
    """A hyperlink in a block's text: ``text[start:end]`` is the anchor, ``href`` its absolute
    address (relative ones resolved against the page's URL when it is known)."""

    start: int
    end: int
    href: str


@attrs.frozen
class Block:
    """One body block in reading order.

    ``raw`` is the block's text as extracted, before the parser joined/cleaned it (line breaks,
    hyphens), after character repairs (which ``doc.repairs`` records); ``None`` when it equals
    ``text`` or the parser only folded whitespace. Type-specific fields are ``None``
    when they do not apply: ``level`` (heading 1-6), ``ordered``/``marker``/``depth`` (list
    items; depth 0 is a top-level item, 1 an item nested once...), ``rows`` (tables).
    """

    type: BlockType = attrs.field(converter=BlockType)
    text: str
    raw: str | None = None
    provenance: Provenance = attrs.field(factory=Provenance)
    level: int | None = attrs.field(default=None)
    ordered: bool | None = None
    marker: str | None = None
    depth: int | None = None
    rows: tuple[tuple[str, ...], ...] | None = None
    #: Hyperlinks in ``text`` (HTML), in order; empty for other inputs. Since schema 1.1.
    links: tuple[Link, ...] = ()

    @level.validator
    def _check_level(self, _: attrs.Attribute[Any], value: int | None) -> None:
        if self.type is BlockType.HEADING and (value is None or not 1 <= value <= 6):
            raise ValueError(f"a heading needs a level from 1 to 6, got {value!r}")


@attrs.frozen
class Furniture:
    """Text that was on the page but is not the article: kept for audit, never in the body."""

    kind: FurnitureKind = attrs.field(converter=FurnitureKind)
    text: str
    provenance: Provenance = attrs.field(factory=Provenance)


@attrs.frozen
class Repair:
    """One repair step's changes to the text: how many, one example, and where.

    ``step`` is the registered step name, so ``newsingest.repair.replay`` can run the same
    sequence again. ``removed`` is true when the step deleted characters rather than replaced them
    (lost information the user should know about).
    """

    step: str
    description: str
    count: int
    before: str
    after: str
    locations: tuple[Provenance, ...] = ()
    removed: bool = False


@attrs.frozen
class ParseWarning:
    """Something the parser noticed but could not fix (a page with no text layer, a dropped run)."""

    code: str
    message: str
    provenance: Provenance | None = None


@attrs.frozen
class Source:
    """What was parsed and by what, so any output can be traced to its input and parser."""

    name: str | None
    media_type: str
    sha256: str
    size: int
    parser: str
    parser_version: str


_ISO = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)"
                  r"(Z|[+-]\d{2}:?\d{2})?)?")


def _date(value: datetime.date | str | None) -> datetime.date | None:
    """A ``date`` (or ``datetime``) from an ISO 8601 string, so Python code compares and sorts
    real dates while the JSON keeps the string (``serialize`` writes ``isoformat()``).

    >>> _date("2024-03-05"), _date("2024-03-05T09:30:00Z").tzinfo
    (datetime.date(2024, 3, 5), datetime.timezone.utc)
    >>> _date("March 5, 2024")
    Traceback (most recent call last):
    ValueError: 'March 5, 2024' is not an ISO 8601 date (YYYY-MM-DD or a timestamp)
    """
    if value is None or isinstance(value, datetime.date):
        return value
    match = _ISO.fullmatch(str(value).strip())
    if match is None:
        raise ValueError(f"{value!r} is not an ISO 8601 date (YYYY-MM-DD or a timestamp)")
    day, clock, zone = match.groups()
    if clock is None:
        return datetime.date.fromisoformat(day)
    zone = "+00:00" if zone == "Z" else zone
    if zone and ":" not in zone:
        zone = f"{zone[:3]}:{zone[3:]}"
    return datetime.datetime.fromisoformat(f"{day}T{clock}{zone or ''}")


@attrs.frozen
class Metadata:
    """News metadata. ``published``/``modified`` are ``datetime.date``, or ``datetime.datetime``
    when the input gives a time; an ISO 8601 string given to the constructor is converted, and
    JSON holds the ISO string."""

    title: str | None = None
    subtitle: str | None = None
    authors: tuple[str, ...] = ()
    published: datetime.date | None = attrs.field(default=None, converter=_date)
    modified: datetime.date | None = attrs.field(default=None, converter=_date)
    site_name: str | None = None
    url: str | None = None
    language: str | None = None
    section: str | None = None
    description: str | None = None
    keywords: tuple[str, ...] = ()


@attrs.frozen
class Document:
    """A parsed news document: metadata, body blocks, furniture, and the log of what changed."""

    source: Source
    metadata: Metadata = attrs.field(factory=Metadata)
    blocks: tuple[Block, ...] = ()
    furniture: tuple[Furniture, ...] = ()
    repairs: tuple[Repair, ...] = ()
    warnings: tuple[ParseWarning, ...] = ()
    schema_version: str = SCHEMA_VERSION

    @property
    def text(self) -> str:
        """The title and body as plain text, one block per paragraph (the ``text`` exporter)."""
        from newsingest.export.text import render_text

        return render_text(self)

    @property
    def page_count(self) -> int:
        """Pages the document spans: the highest page any block, furniture item or warning
        comes from; inputs without pages (HTML, text) count as one.

        >>> src = Source("x.pdf", "application/pdf", "0", 1, "pdf", "1")
        >>> Document(src, blocks=(Block("paragraph", "a", provenance=Provenance(page=3)),)
        ...          ).page_count
        3
        >>> Document(src).page_count
        1
        """
        pages = [block.provenance.page for block in self.blocks]
        pages += [item.provenance.page for item in self.furniture]
        pages += [w.provenance.page for w in self.warnings if w.provenance is not None]
        return max((p for p in pages if p is not None), default=1)

    def to_dict(self) -> dict[str, Any]:
        """The JSON structure as Python objects (dicts, lists, str, numbers), ``to_json``'s
        data before it is written: dates are ISO strings there too."""
        from newsingest.serialize import to_dict

        return to_dict(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        """Versioned JSON that validates against ``newsingest/schema/document.schema.json``."""
        from newsingest.serialize import to_json

        return to_json(self, indent=indent)

    def to_markdown(self, *, front_matter: bool = False) -> str:
        """The title and body as Markdown; furniture and the repair log are left out.

        ``front_matter=True`` starts it with the metadata as a YAML block (``---``).
        """
        from newsingest.export.markdown import render_markdown

        return render_markdown(self, front_matter=front_matter)

    @classmethod
    def from_json(cls, data: str | bytes) -> Document:
        """Rebuild a Document from :meth:`to_json` output (``from_json(d.to_json()) == d``)."""
        from newsingest.serialize import from_json

        return from_json(data)
