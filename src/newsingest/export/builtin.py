"""The built-in exporters, registered through the same hook as a third party's."""

from __future__ import annotations

from collections.abc import Callable

from newsingest.chunking import chunks_jsonl
from newsingest.export import Exporter
from newsingest.export.markdown import render_markdown
from newsingest.export.text import render_text
from newsingest.hookspecs import hookimpl
from newsingest.model import Document
from newsingest.serialize import to_json


def _json(doc: Document) -> str:
    return to_json(doc) + "\n"


def _jsonl(doc: Document) -> str:
    return to_json(doc, indent=None) + "\n"


@hookimpl(tryfirst=True)  # the built-in format names stay the built-ins'
def register_exporters(register: Callable[[Exporter], None]) -> None:
    register(Exporter("json", ".json", "application/json", _json, "versioned document JSON"))
    register(Exporter("jsonl", ".jsonl", "application/x-ndjson", _jsonl, "one document per line"))
    register(Exporter("markdown", ".md", "text/markdown", render_markdown,
                      "title, byline and body", options=("front_matter",)))
    register(Exporter("text", ".txt", "text/plain", render_text, "body as plain text"))
    register(Exporter("chunks", ".chunks.jsonl", "application/x-ndjson", chunks_jsonl,
                      "chunks for retrieval, one per line", options=("max_tokens", "overlap")))
