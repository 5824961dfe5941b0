"""Paragraph styles to structure: what a style (and the styles it is based on) makes a paragraph.

Word stores built-in style names in English whatever the UI language ("heading 1", "Title",
"List Bullet 2"), so names are a reliable signal; custom styles inherit from them through
``w:basedOn``, and an explicit outline level marks headings in styles with other names.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from newsingest_docx.numbering import W

__all__ = ["StyleInfo", "Styles"]

_HEADING = re.compile(r"^heading\s*([1-9])$")
_LIST = re.compile(r"^list\s+(bullet|number)(?:\s+([1-9]))?$")
_QUOTES = frozenset({"quote", "intense quote", "block text"})


@attrs.frozen
class _Style:
    name: str
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    outline: int | None


@attrs.frozen
class StyleInfo:
    """What a paragraph is, from its own properties and its style chain."""

    title: bool = False
    subtitle: bool = False
    heading: int | None = None
    quote: bool = False
    caption: bool = False
    num_id: str | None = None
    ilvl: int = 0
    depth: int = 0
    list_ordered: bool | None = None


def _val(element: Any, path: str) -> str | None:
    found = element.find(path) if element is not None else None
    return None if found is None else found.get(f"{W}val")


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _numbering(ppr: Any) -> tuple[str | None, int | None]:
    """``(numId, ilvl)`` of a ``w:pPr``; numId ``"0"`` means numbering explicitly removed."""
    num_pr = ppr.find(f"{W}numPr") if ppr is not None else None
    if num_pr is None:
        return None, None
    return _val(num_pr, f"{W}numId"), _int(_val(num_pr, f"{W}ilvl"))


class Styles:
    """The paragraph styles of one document, resolved through ``basedOn`` chains."""

    def __init__(self, styles_element: Any | None) -> None:
        self._styles: dict[str, _Style] = {}
        self._default: str | None = None
        if styles_element is None:
            return
        for style in styles_element.findall(f"{W}style"):
            if style.get(f"{W}type") != "paragraph":
                continue
            style_id = style.get(f"{W}styleId") or ""
            ppr = style.find(f"{W}pPr")
            num_id, ilvl = _numbering(ppr)
            self._styles[style_id] = _Style(
                name=(_val(style, f"{W}name") or style_id).strip().lower(),
                based_on=_val(style, f"{W}basedOn"),
                num_id=num_id,
                ilvl=ilvl,
                outline=_int(_val(ppr, f"{W}outlineLvl")),
            )
            if style.get(f"{W}default") in ("1", "true", "on"):
                self._default = style_id

    def _chain(self, style_id: str | None) -> list[_Style]:
        chain: list[_Style] = []
        seen: set[str] = set()
        current = style_id if style_id in self._styles else self._default
        while current is not None and current in self._styles and current not in seen:
            seen.add(current)
            chain.append(self._styles[current])
            current = self._styles[current].based_on
        return chain

    def for_paragraph(self, paragraph: Any) -> StyleInfo:
        """Classify a ``w:p`` element by its direct properties, then its style chain."""
        ppr = paragraph.find(f"{W}pPr")
        chain = self._chain(_val(ppr, f"{W}pStyle"))
        names = [s.name for s in chain]
        for name in names:  # the nearest style that says title or heading decides
            if name in ("title", "subtitle"):
                return StyleInfo(title=name == "title", subtitle=name == "subtitle")
            match = _HEADING.match(name)
            if match:
                return StyleInfo(heading=min(int(match.group(1)), 6))
        outline = _int(_val(ppr, f"{W}outlineLvl"))
        if outline is None:
            outline = next((s.outline for s in chain if s.outline is not None), None)
        if outline is not None and 0 <= outline <= 8:
            return StyleInfo(heading=min(outline + 1, 6))
        num_id, ilvl = _numbering(ppr)
        direct = num_id is not None
        for style in chain:
            if num_id is None and style.num_id is not None:
                num_id, ilvl = style.num_id, style.ilvl
        list_name = next((m for n in names if (m := _LIST.match(n))), None)
        if num_id == "0" or (num_id is None and list_name is None):
            return StyleInfo(quote=any(n in _QUOTES for n in names),
                             caption="caption" in names)
        depth = ilvl or 0
        if not direct and list_name is not None and list_name.group(2):
            depth = int(list_name.group(2)) - 1  # "List Bullet 2" is one level in
        return StyleInfo(num_id=num_id or "", ilvl=ilvl or 0, depth=depth,
                         list_ordered=(list_name.group(1) == "number") if list_name else None)
