"""Word list numbering: which paragraphs are list items, ordered or not, their marker and depth.

Word does not store "3." in the text: a paragraph points (directly or through its style) at a
numbering instance ``w:numId`` and a level ``w:ilvl``; the instance points at an abstract
definition whose level says the format (``decimal``, ``lowerLetter``, ``bullet``...), the start
value and a template such as ``%1.%2.``. The visible number is a running counter per instance, which
is what :class:`ListNumbering` keeps while the document is walked in order.
"""

from __future__ import annotations

from typing import Any

import attrs

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

__all__ = ["ListLevel", "ListNumbering", "format_number"]

_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
#: Bullet glyphs kept as they are; anything else (Symbol/Wingdings private-use codes) becomes "•".
_PLAIN_BULLETS = frozenset("•◦▪▫■□●○‣⁃-–—*·")


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word repeats the letter: a..z, aa..zz, aaa...
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """Render counter ``n`` in a Word ``numFmt``; unknown formats fall back to decimal.

    >>> [format_number(4, f) for f in ("decimal", "lowerLetter", "upperRoman", "decimalZero")]
    ['4', 'd', 'IV', '04']
    >>> format_number(28, "lowerLetter")
    'bb'
    """
    if n < 1 and fmt != "decimal":
        return str(n)
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


@attrs.frozen
class ListLevel:
    """One level of an abstract numbering definition."""

    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1

    @property
    def ordered(self) -> bool:
        return self.fmt not in ("bullet", "none")


def _val(element: Any, tag: str) -> str | None:
    child = element.find(f"{W}{tag}") if element is not None else None
    return None if child is None else child.get(f"{W}val")


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _levels(abstract: Any) -> dict[int, ListLevel]:
    levels: dict[int, ListLevel] = {}
    for lvl in abstract.findall(f"{W}lvl"):
        levels[_int(lvl.get(f"{W}ilvl"), 0)] = ListLevel(
            fmt=_val(lvl, "numFmt") or "decimal",
            text=_val(lvl, "lvlText") or "",
            start=_int(_val(lvl, "start"), 1),
        )
    return levels


class ListNumbering:
    """The numbering definitions of one document and the running counters of its lists."""

    def __init__(self, numbering_element: Any | None) -> None:
        self._levels: dict[str, dict[int, ListLevel]] = {}
        self._counters: dict[str, list[int | None]] = {}
        if numbering_element is None:
            return
        abstracts = {a.get(f"{W}abstractNumId"): _levels(a)
                     for a in numbering_element.findall(f"{W}abstractNum")}
        for num in numbering_element.findall(f"{W}num"):
            levels = dict(abstracts.get(_val(num, "abstractNumId"), {}))
            for override in num.findall(f"{W}lvlOverride"):
                ilvl = _int(override.get(f"{W}ilvl"), 0)
                start = _val(override, "startOverride")
                if start is not None:
                    levels[ilvl] = attrs.evolve(levels.get(ilvl, ListLevel()), start=_int(start, 1))
            self._levels[num.get(f"{W}numId") or ""] = levels

    def level(self, num_id: str, ilvl: int) -> ListLevel | None:
        """The definition of ``ilvl`` in numbering instance ``num_id`` (None if undefined)."""
        return self._levels.get(num_id, {}).get(ilvl)

    def next_marker(self, num_id: str, ilvl: int) -> tuple[bool, str | None]:
        """Advance the counter of (``num_id``, ``ilvl``); return (ordered, visible marker).

        Deeper levels restart when a shallower item appears, as in Word; lists sharing a
        ``numId`` continue their numbering across other paragraphs.

        >>> n = ListNumbering(None)
        >>> n.next_marker("1", 0)
        (False, None)
        """
        levels = self._levels.get(num_id)
        if not levels or ilvl not in levels or not 0 <= ilvl <= 8:
            return False, None
        definition = levels[ilvl]
        if not definition.ordered:
            glyph = definition.text.strip()
            marker = glyph if glyph in _PLAIN_BULLETS else "•"
            return False, marker if definition.fmt == "bullet" else None
        counters = self._counters.setdefault(num_id, [None] * 9)
        current = counters[ilvl]
        counters[ilvl] = definition.start if current is None else current + 1
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = None
        marker = definition.text
        for k in range(8, -1, -1):  # levels 0-8 are %1-%9
            placeholder = f"%{k + 1}"
            if placeholder not in marker:
                continue
            level = levels.get(k, ListLevel())
            value = counters[k] if counters[k] is not None else level.start
            marker = marker.replace(placeholder, format_number(int(value or 0), level.fmt))
        return True, marker.strip() or None
