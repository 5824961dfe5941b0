"""Exporters: Document → json, jsonl, markdown, text. Each is registered as a plugin."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from newsingest.model import Document

__all__ = ["Exporter"]


@attrs.frozen
class Exporter:
    """An output format: ``export(doc)`` returns the whole output as text.

    ``options`` names the keyword options ``export`` also takes (``front_matter`` for
    Markdown); the command line offers them only for exporters that list them.
    """

    name: str
    extension: str
    media_type: str
    export: Callable[..., str]
    description: str = ""
    options: tuple[str, ...] = ()

    def render(self, doc: Document, **options: Any) -> str:
        """``export(doc, **options)``, refusing an option this exporter does not list."""
        unknown = sorted(set(options) - set(self.options))
        if unknown:
            raise TypeError(f"the {self.name} exporter has no option {unknown[0]!r}; it takes: "
                            f"{', '.join(self.options) or 'no options'}")
        return self.export(doc, **options)
