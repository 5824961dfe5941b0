"""News metadata: bylines, dates, and HTML meta tags / JSON-LD (``meta.html``).

``parse_byline`` and ``parse_date``/``find_date`` are small pure helpers shared by the text, PDF
and HTML parsers: authors and ISO 8601 dates from the lines a page prints.
"""

from __future__ import annotations

from newsingest.meta.byline import Byline, parse_byline
from newsingest.meta.dates import find_date, parse_date

__all__ = ["Byline", "find_date", "parse_byline", "parse_date"]
