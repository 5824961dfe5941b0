"""Exporters: Document → json, jsonl, markdown, text. Each is registered as a plugin."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from newsingest.model import Document

__all__ = ["Exporter", "find_exporter", "format_choices"]


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


def find_exporter(exporters: dict[str, Exporter], fmt: str | None = None,
                  path: str | None = None) -> Exporter | None:
    """The exporter a user means: by name, by extension without its dot (``md``, ``txt``), or
    (no ``fmt``) by the output file's extension, the longest match winning
    (``x.chunks.jsonl`` is ``chunks``, ``x.jsonl`` is ``jsonl``). ``None`` when nothing fits.

    >>> md = Exporter("markdown", ".md", "text/markdown", str)
    >>> find_exporter({"markdown": md}, "md") is find_exporter({"markdown": md}, path="a.MD") is md
    True
    """
    if fmt is not None:
        wanted = fmt.casefold()
        if wanted in exporters:
            return exporters[wanted]
        by_extension = [e for e in exporters.values() if e.extension.casefold() == "." + wanted]
        return by_extension[0] if by_extension else None
    if path is None:
        return None
    name = path.casefold()
    fitting = [e for e in exporters.values()
               if e.extension and name.endswith(e.extension.casefold())]
    return max(fitting, key=lambda e: len(e.extension)) if fitting else None


def format_choices(exporters: dict[str, Exporter]) -> str:
    """What ``-f`` accepts, for the message that refuses a format: the names, then the
    extension aliases :func:`find_exporter` also takes (derived, so a plugin's count too).

    >>> md = Exporter("markdown", ".md", "text/markdown", str)
    >>> format_choices({"markdown": md, "json": Exporter("json", ".json", "x", str)})
    'json, markdown (or md)'
    """
    names = sorted(exporters)
    aliases = sorted({e.extension[1:].casefold() for e in exporters.values()
                      if e.extension.count(".") == 1 and e.extension[1:].casefold() not in names})
    return ", ".join(names) + (f" (or {', '.join(aliases)})" if aliases else "")
