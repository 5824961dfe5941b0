"""List markers at the start of a line: ``1.``, ``2)``, ``(3)``, ``•``, ``–``."""

from __future__ import annotations

import re

import attrs

__all__ = ["ListMarker", "list_marker", "split_item"]

_ORDERED = re.compile(r"^(?:\(\d{1,3}\)|\d{1,3}[.)])(?=\s+\S)")
_BULLET = re.compile(r"^[•·▪‣◦●○■□❑❖➢✓\u2043*–—-](?=\s+\S)")


@attrs.frozen
class ListMarker:
    """A list marker found at a line start: its text, whether it numbers, and the text after it."""

    marker: str
    ordered: bool
    rest: str


def list_marker(text: str) -> ListMarker | None:
    """Return the list marker that starts ``text``, or ``None``.

    Ordered markers are one to three digits with ``.`` or ``)`` (or in parentheses) and must be
    followed by a space, so "2019." at a line start or "3.5 million" is not an item. Bullets are
    the usual glyphs plus ``*``, ``-`` and dashes followed by a space.

    >>> list_marker("2. yet another breach")
    ListMarker(marker='2.', ordered=True, rest='yet another breach')
    >>> list_marker("• first")
    ListMarker(marker='•', ordered=False, rest='first')
    >>> list_marker("3.5 million people") is None
    True
    """
    text = text.lstrip()
    match = _ORDERED.match(text) or _BULLET.match(text)
    if match is None:
        return None
    marker = match.group(0)
    return ListMarker(marker, marker[0].isdigit() or marker[0] == "(", text[match.end():].strip())


def split_item(text: str) -> tuple[str, ListMarker | None]:
    """A list item's own text and its marker: ``Block.marker`` holds the marker, ``Block.text``
    the item only, so an exporter writing its own marker never writes it twice.

    >>> split_item("• first point")
    ('first point', ListMarker(marker='•', ordered=False, rest='first point'))
    >>> split_item("no marker here")
    ('no marker here', None)
    """
    marker = list_marker(text)
    return (marker.rest, marker) if marker is not None else (text, None)
