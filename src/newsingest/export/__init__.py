"""Exporters: Document → json, jsonl, markdown, text. Each is registered as a plugin."""

from __future__ import annotations

from collections.abc import Callable

import attrs

from newsingest.model import Document

__all__ = ["Exporter"]


@attrs.frozen
class Exporter:
    """An output format: ``export(doc)`` returns the whole output as text."""

    name: str
    extension: str
    media_type: str
    export: Callable[[Document], str]
    description: str = ""
